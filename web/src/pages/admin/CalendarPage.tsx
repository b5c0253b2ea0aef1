// 节假日安排 (system administrator): how far the working-day calendar reaches (the years the chinese-days package
// carries, the years loaded here, the years still estimated from the lunar calendar), the days of a year, and
// loading a newly published State Council schedule — pasted or from a file, in the table or the chinese-days format.
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Flex, Form, Input, Radio, Select, Table, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { fetchCalendar, loadSchedule, type CalendarOverview, type ScheduleFormat, type ScheduleLoadResult } from '../../api/calendar';
import { ApiError } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { formatDate, formatDateTime } from '../../format/dates';
import { useApiData } from '../../hooks/useApiData';
import { useI18n } from '../../i18n';

type Day = NonNullable<CalendarOverview['year']>['days'][number];

interface UploadForm {
  format: ScheduleFormat;
  text: string;
}

export function CalendarPage() {
  const { t } = useI18n();
  const [year, setYear] = useState<number | undefined>(undefined);
  const state = useApiData((signal) => fetchCalendar(year, signal), [year]);
  const [form] = Form.useForm<UploadForm>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ScheduleLoadResult | null>(null);
  const [error, setError] = useState<unknown>(undefined);

  async function submit(values: UploadForm) {
    setBusy(true);
    setError(undefined);
    setResult(null);
    try {
      setResult(await loadSchedule({ format: values.format, text: values.text }));
      state.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const violations = error instanceof ApiError ? error.violations : [];

  return (
    <>
      <PageTitle title={t('calendar.title')} subtitle={t('calendar.hint')} />
      <PageState state={state}>
        {(o) => (
          <Card className="zy-card" title={t('calendar.coverage')}>
            <Descriptions column={1} size="small" data-testid="calendar-coverage">
              <Descriptions.Item label={t('calendar.published')}>{t('calendar.yearRange', { first: o.published.first, last: o.published.last })}</Descriptions.Item>
              <Descriptions.Item label={t('calendar.loaded')}>
                {o.loaded.length === 0
                  ? t('calendar.none')
                  : o.loaded.map((l) => (
                      <Tag key={l.year} color="green" data-testid="calendar-loaded-year">
                        {t('calendar.loadedYear', { year: l.year, by: l.loadedByName, at: formatDateTime(l.loadedAt) })}
                      </Tag>
                    ))}
              </Descriptions.Item>
              <Descriptions.Item label={t('calendar.estimated')}>
                {o.estimated.length === 0 ? t('calendar.none') : o.estimated.map((y) => <Tag key={y} color="orange">{y}</Tag>)}
              </Descriptions.Item>
              <Descriptions.Item label={t('calendar.coveredTo')}>{formatDate(o.coveredTo)}</Descriptions.Item>
            </Descriptions>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              {t('calendar.estimateNote')}
            </Typography.Paragraph>
            <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
              <span>{t('calendar.daysOf')}</span>
              <Select<number>
                style={{ width: 140 }}
                value={year}
                placeholder={t('calendar.pickYear')}
                onChange={setYear}
                data-testid="calendar-year"
                options={yearsOf(o).map((y) => ({ value: y, label: String(y) }))}
              />
              {o.year && <Tag>{t(`calendar.source.${o.year.source}`)}</Tag>}
            </Flex>
            {o.year && (
              <Table<Day>
                size="small"
                rowKey="date"
                dataSource={o.year.days}
                pagination={o.year.days.length > 20 ? { pageSize: 20 } : false}
                columns={[
                  { title: t('calendar.date'), dataIndex: 'date', width: 140, render: (v: string) => formatDate(v) },
                  { title: t('calendar.kind'), dataIndex: 'off', width: 120, render: (off: boolean) => (off ? <Tag color="red">{t('calendar.off')}</Tag> : <Tag color="blue">{t('calendar.work')}</Tag>) },
                  { title: t('calendar.name'), dataIndex: 'name' },
                ]}
              />
            )}
          </Card>
        )}
      </PageState>
      <Card className="zy-card" title={t('calendar.upload')} style={{ marginTop: 16 }}>
        <Form<UploadForm> form={form} layout="vertical" initialValues={{ format: 'table', text: '' }} onFinish={(v) => void submit(v)}>
          <Form.Item name="format" label={t('calendar.format')}>
            <Radio.Group
              data-testid="calendar-format"
              options={[
                { value: 'table', label: t('calendar.format.table') },
                { value: 'chinese-days', label: t('calendar.format.chineseDays') },
              ]}
            />
          </Form.Item>
          <Form.Item name="text" label={t('calendar.text')} extra={t('calendar.textHint')} rules={[{ required: true, whitespace: true, message: t('calendar.textRequired') }]}>
            <Input.TextArea rows={10} spellCheck={false} style={{ fontFamily: 'monospace' }} data-testid="calendar-text" placeholder={'2027-01-01,休,元旦\n2027-02-20,班,春节'} />
          </Form.Item>
          <Flex gap={8}>
            <Upload
              accept=".csv,.txt,.json,text/plain,text/csv,application/json"
              showUploadList={false}
              beforeUpload={(file) => {
                void file.text().then((text) => form.setFieldsValue({ text, format: file.name.toLowerCase().endsWith('.json') ? 'chinese-days' : 'table' }));
                return false;
              }}
            >
              <Button icon={<UploadOutlined />}>{t('calendar.fromFile')}</Button>
            </Upload>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="calendar-load">
              {t('calendar.load')}
            </Button>
          </Flex>
        </Form>
        {result && (
          <Alert
            type="success"
            showIcon
            role="status"
            style={{ marginTop: 16 }}
            data-testid="calendar-result"
            title={t('calendar.loadedNow', { years: result.years.join('、') })}
            description={
              <>
                <div>{t('calendar.recomputed', { recomputed: result.recomputed, changed: result.changed })}</div>
                {result.skipped > 0 && <div>{t('calendar.skipped', { n: result.skipped })}</div>}
                {result.unchanged.length > 0 && <div>{t('calendar.unchanged', { years: result.unchanged.join('、') })}</div>}
              </>
            }
          />
        )}
        {violations.length > 0 ? (
          <Alert
            type="error"
            showIcon
            role="alert"
            style={{ marginTop: 16 }}
            data-testid="calendar-problems"
            title={t('calendar.refused')}
            description={
              <ul className="zy-field-errors">
                {violations.map((v) => (
                  <li key={`${v.line}-${v.code}`}>{v.message}</li>
                ))}
              </ul>
            }
          />
        ) : (
          error !== undefined && <div style={{ marginTop: 16 }}><ErrorAlert error={error} /></div>
        )}
      </Card>
    </>
  );
}

/** The years to pick from: the last few published ones, every loaded and every estimated one. */
function yearsOf(o: CalendarOverview): number[] {
  const years = new Set<number>();
  for (let y = Math.max(o.published.first, o.published.last - 2); y <= o.published.last; y++) years.add(y);
  for (const l of o.loaded) years.add(l.year);
  for (const y of o.estimated) years.add(y);
  return [...years].sort((a, b) => b - a);
}
