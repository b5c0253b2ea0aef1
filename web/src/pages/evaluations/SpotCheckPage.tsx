// One spot-check (Art. 22): the sampled self-evaluations with their results; Finance records each result (If-Match:
// the spot-check's ETag; a 412 means someone recorded first, the page reloads), closes the spot-check once all have
// one, and exports the results. Buttons come from the server's allowedActions.
import { useState } from 'react';
import { App, Button, Card, Descriptions, Form, Input, Select, Table, Tag, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { offers } from '../../api/actions';
import { ApiError } from '../../api/errors';
import { closeSpotCheck, downloadSpotCheck, fetchSpotCheck, recordResult, SPOT_CHECK_RESULTS, type SpotCheck, type SpotCheckItem, type SpotCheckResult } from '../../api/evaluations';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormModal } from '../../components/FormModal';
import { PageState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime } from '../../format/dates';
import { useApiData } from '../../hooks/useApiData';
import { useConfirm } from '../../hooks/useConfirm';
import { useI18n } from '../../i18n';

const RESULT_COLOURS: Record<SpotCheckResult, string> = { QUALIFIED: 'success', BASICALLY_QUALIFIED: 'warning', UNQUALIFIED: 'error' };

export function SpotCheckPage() {
  const { id = '' } = useParams();
  const state = useApiData((signal) => fetchSpotCheck(id, signal), [id]);
  return <PageState state={state}>{(res) => <SpotCheckView spotCheck={res.data} etag={res.etag} reload={state.reload} />}</PageState>;
}

interface ResultValues {
  result: SpotCheckResult;
  findings: string;
}

function SpotCheckView({ spotCheck: s, etag, reload }: { spotCheck: SpotCheck; etag: string | null; reload(): void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const confirm = useConfirm();
  const [form] = Form.useForm<ResultValues>();
  const [item, setItem] = useState<SpotCheckItem | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const mayRecord = offers(s, 'record');

  const stale = (err: unknown) => {
    if (!(err instanceof ApiError && err.isStale)) return false;
    message.warning(t('common.staleReloaded'));
    setItem(null);
    reload();
    return true;
  };

  async function onRecord(v: ResultValues) {
    await recordResult(s.id, etag, { itemId: item!.id, result: v.result, findings: v.findings.trim() });
    message.success(t('spotChecks.recordedOk'));
    setItem(null);
    reload();
  }

  async function onClose() {
    if (!(await confirm({ title: t('spotChecks.close'), summary: t('spotChecks.closeConfirm') }))) return;
    setError(undefined);
    try {
      await closeSpotCheck(s.id, etag);
      message.success(t('spotChecks.closed'));
      reload();
    } catch (err) {
      if (!stale(err)) setError(err);
    }
  }

  const exportResults = () =>
    downloadSpotCheck(s.id, locale, t('spotChecks.fileName', { year: s.year }), t('spotChecks.exportFailed')).catch((err: unknown) => setError(err));

  return (
    <>
      <PageTitle
        title={<>{t('spotChecks.title')} · {s.year} <Tag color={s.status === 'OPEN' ? 'processing' : 'success'}>{t(`spotCheckState.${s.status}`)}</Tag></>}
        subtitle={t('spotChecks.subtitle')}
        extra={
          <>
            <Button onClick={() => void exportResults()} data-testid="spot-check-export">{t('spotChecks.export')}</Button>
            {offers(s, 'close') && <Button type="primary" onClick={() => void onClose()} data-testid="spot-check-close">{t('spotChecks.close')}</Button>}
          </>
        }
      />
      {error !== undefined && <div style={{ marginBottom: 12 }}><ErrorAlert error={error} /></div>}
      <Card size="small" className="zy-card">
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('spotChecks.sample')}>{`${s.sampleSize} / ${s.populationCount}`}</Descriptions.Item>
          <Descriptions.Item label={t('spotChecks.recorded')}>{s.recorded}</Descriptions.Item>
          <Descriptions.Item label={t('spotChecks.unqualified')}>{s.unqualified}</Descriptions.Item>
          <Descriptions.Item label={t('spotChecks.createdAt')}>{formatDateTime(s.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('spotChecks.seed')}>
            <Typography.Text code copyable title={t('spotChecks.seedHint')}>{s.seed}</Typography.Text>
          </Descriptions.Item>
          {s.note && <Descriptions.Item label={t('spotChecks.note')}>{s.note}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card size="small" className="zy-card" title={t('spotChecks.items')}>
        <Table<SpotCheckItem>
          rowKey="id"
          dataSource={s.items}
          pagination={false}
          data-testid="spot-check-items"
          columns={[
            { title: t('spotChecks.position'), render: (_, i) => i.position + 1, width: 64 },
            { title: t('spotChecks.project'), render: (_, i) => <>{i.project.code} {i.project.name}<br /><Typography.Text type="secondary">{i.project.orgName}</Typography.Text></> },
            { title: t('spotChecks.selfScore'), dataIndex: 'selfScore', width: 80 },
            { title: t('spotChecks.summary'), dataIndex: 'summary', ellipsis: true },
            { title: t('spotChecks.result'), dataIndex: 'result', render: (r: SpotCheckResult | null) => (r ? <Tag color={RESULT_COLOURS[r]}>{t(`spotCheckResult.${r}`)}</Tag> : <Tag>{t('spotChecks.pending')}</Tag>) },
            { title: t('spotChecks.findings'), dataIndex: 'findings' },
            ...(mayRecord
              ? [{ title: '', render: (_: unknown, i: SpotCheckItem) => <Button size="small" onClick={() => setItem(i)} data-testid={`spot-check-record-${i.position}`}>{t('spotChecks.record')}</Button> }]
              : []),
          ]}
        />
      </Card>
      <FormModal<ResultValues>
        open={item !== null}
        title={item ? t('spotChecks.recordTitle', { project: item.project.name }) : ''}
        okText={t('spotChecks.record')}
        okTestId="spot-check-record-submit"
        form={form}
        fields={['result', 'findings']}
        ariaLabel={t('spotChecks.record')}
        initialValues={item?.result ? { result: item.result, findings: item.findings ?? '' } : undefined}
        onCancel={() => setItem(null)}
        onSubmit={onRecord}
        handled={stale}
      >
        <Form.Item label={t('spotChecks.result')} name="result" rules={[{ required: true, message: t('common.required') }]}>
          <Select showSearch optionFilterProp="label" options={SPOT_CHECK_RESULTS.map((r) => ({ value: r, label: t(`spotCheckResult.${r}`) }))} />
        </Form.Item>
        <Form.Item label={t('spotChecks.findings')} name="findings" rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input.TextArea rows={4} maxLength={5000} showCount />
        </Form.Item>
      </FormModal>
    </>
  );
}
