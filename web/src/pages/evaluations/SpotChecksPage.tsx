// Finance's spot-checks of the self-evaluations (Art. 22): the spot-checks drawn so far, and the form that draws a
// new random sample of a year's submitted self-evaluations (a count or a percentage).
import { useState } from 'react';
import { App, Button, Form, Input, InputNumber, Radio, Table, Tag } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { drawSpotCheck, listSpotChecks, type DrawInput, type SpotCheckSummary } from '../../api/evaluations';
import { FormModal } from '../../components/FormModal';
import { PageState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime } from '../../format/dates';
import { useApiData } from '../../hooks/useApiData';
import { useI18n } from '../../i18n';

interface DrawValues {
  year: number;
  by: 'size' | 'percent';
  size?: number;
  percent?: number;
  note?: string;
}

export function SpotChecksPage() {
  const { t } = useI18n();
  const state = useApiData((signal) => listSpotChecks(signal), []);
  const [drawing, setDrawing] = useState(false);
  return (
    <>
      <PageTitle
        title={t('spotChecks.title')}
        subtitle={t('spotChecks.subtitle')}
        extra={<Button type="primary" onClick={() => setDrawing(true)} data-testid="spot-check-draw">{t('spotChecks.draw')}</Button>}
      />
      <PageState state={state}>{(data) => <SpotCheckTable items={data.items} />}</PageState>
      <DrawForm open={drawing} onClose={() => setDrawing(false)} />
    </>
  );
}

function SpotCheckTable({ items }: { items: SpotCheckSummary[] }) {
  const { t } = useI18n();
  return (
    <Table<SpotCheckSummary>
      rowKey="id"
      dataSource={items}
      pagination={false}
      locale={{ emptyText: t('spotChecks.empty') }}
      data-testid="spot-check-list"
      columns={[
        { title: t('spotChecks.year'), dataIndex: 'year', render: (y: number, s) => <Link to={`/evaluations/spot-checks/${s.id}`}>{y}</Link> },
        { title: t('spotChecks.status'), dataIndex: 'status', render: (s: SpotCheckSummary['status']) => <Tag color={s === 'OPEN' ? 'processing' : 'success'}>{t(`spotCheckState.${s}`)}</Tag> },
        { title: t('spotChecks.sample'), render: (_, s) => `${s.sampleSize} / ${s.populationCount}` },
        { title: t('spotChecks.recorded'), dataIndex: 'recorded' },
        { title: t('spotChecks.unqualified'), dataIndex: 'unqualified', render: (n: number) => (n ? <Tag color="error">{n}</Tag> : n) },
        { title: t('spotChecks.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
        { title: '', render: (_, s) => <Link to={`/evaluations/spot-checks/${s.id}`}>{t('spotChecks.open')}</Link> },
      ]}
    />
  );
}

function DrawForm({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<DrawValues>();
  const by = Form.useWatch('by', form) ?? 'size';

  async function onSubmit(v: DrawValues) {
    const body: DrawInput = { year: v.year, ...(v.by === 'size' ? { size: v.size } : { percent: v.percent }), ...(v.note?.trim() ? { note: v.note.trim() } : {}) };
    const res = await drawSpotCheck(body);
    message.success(t('spotChecks.drawn', { n: res.data.sampleSize }));
    onClose();
    navigate(`/evaluations/spot-checks/${res.data.id}`);
  }

  return (
    <FormModal<DrawValues>
      open={open}
      title={t('spotChecks.drawTitle')}
      okText={t('spotChecks.draw')}
      okTestId="spot-check-draw-submit"
      form={form}
      fields={['year', 'size', 'percent', 'note']}
      ariaLabel={t('spotChecks.drawTitle')}
      initialValues={{ year: new Date().getFullYear() - 1, by: 'size', size: 1 }}
      onCancel={onClose}
      onSubmit={onSubmit}
    >
      <Form.Item label={t('spotChecks.year')} name="year" rules={[{ required: true, message: t('common.required') }]}>
        <InputNumber min={2000} max={2100} precision={0} />
      </Form.Item>
      <Form.Item label={t('spotChecks.by')} name="by">
        <Radio.Group options={[{ value: 'size', label: t('spotChecks.bySize') }, { value: 'percent', label: t('spotChecks.byPercent') }]} />
      </Form.Item>
      {by === 'size' ? (
        <Form.Item label={t('spotChecks.size')} name="size" extra={t('spotChecks.sizeHint')} rules={[{ required: true, message: t('common.required') }]}>
          <InputNumber min={1} max={1000} precision={0} />
        </Form.Item>
      ) : (
        <Form.Item label={t('spotChecks.percent')} name="percent" extra={t('spotChecks.sizeHint')} rules={[{ required: true, message: t('common.required') }]}>
          <InputNumber min={1} max={100} precision={0} />
        </Form.Item>
      )}
      <Form.Item label={t('spotChecks.note')} name="note">
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </FormModal>
  );
}
