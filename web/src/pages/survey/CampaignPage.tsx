// One survey campaign's coverage: the counts, and each asked organisation's status, systems confirmed, when it
// answered and how late it is (working days); the sub-center reminds the late ones, extends the due date, sends an
// answer back and closes the campaign, each with the campaign's ETag (a 412 reloads). Buttons come from the
// server's allowedActions (the campaign's) and each row's `returnable`.
import { useState } from 'react';
import { App, Button, Card, Col, Form, Input, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { offers } from '../../api/actions';
import { ApiError } from '../../api/errors';
import {
  closeCampaign,
  downloadCoverage,
  extendCampaign,
  fetchCampaign,
  remindCampaign,
  RESPONSE_MACHINE,
  returnResponse,
  type Campaign,
  type CoverageRow,
} from '../../api/survey';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormModal } from '../../components/FormModal';
import { PageState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { formatDate, formatDateTime } from '../../format/dates';
import { useApiData } from '../../hooks/useApiData';
import { useConfirm } from '../../hooks/useConfirm';
import { useI18n, type MessageKey } from '../../i18n';
import { CampaignStateTag } from './CampaignsPage';

export function CampaignPage() {
  const { id = '' } = useParams();
  const state = useApiData((signal) => fetchCampaign(id, signal), [id]);
  return <PageState state={state}>{(res) => <CampaignView campaign={res.data} etag={res.etag} reload={state.reload} />}</PageState>;
}

export function ResponseStateTag({ status }: { status: CoverageRow['status'] }) {
  const { t } = useI18n();
  return <Tag color={RESPONSE_MACHINE.stateColours[status]} data-testid="survey-response-status">{t(`surveyResponseState.${status}` as MessageKey)}</Tag>;
}

type Dialog = { kind: 'extend' } | { kind: 'close' } | { kind: 'return'; row: CoverageRow } | null;

function CampaignView({ campaign: c, etag, reload }: { campaign: Campaign; etag: string | null; reload(): void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const confirm = useConfirm();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [form] = Form.useForm<{ dueDate?: string; reason?: string; note?: string }>();

  const stale = (err: unknown) => {
    if (!(err instanceof ApiError && err.isStale)) return false;
    message.warning(t('common.staleReloaded'));
    setDialog(null);
    reload();
    return true;
  };

  async function onRemind() {
    if (!(await confirm({ title: t('survey.remind'), summary: t('survey.remindConfirm') }))) return;
    setError(undefined);
    try {
      await remindCampaign(c.id, etag);
      message.success(t('survey.reminded'));
      reload();
    } catch (err) {
      if (!stale(err)) setError(err);
    }
  }

  async function onSubmit(v: { dueDate?: string; reason?: string; note?: string }) {
    if (dialog?.kind === 'extend') {
      await extendCampaign(c.id, etag, { dueDate: v.dueDate!, reason: v.reason!.trim() });
      message.success(t('survey.extendOk'));
    } else if (dialog?.kind === 'close') {
      await closeCampaign(c.id, etag, v.note?.trim() ? { note: v.note.trim() } : {});
      message.success(t('survey.closed'));
    } else if (dialog?.kind === 'return') {
      await returnResponse(dialog.row.responseId, `"v${dialog.row.version}"`, v.reason!.trim());
      message.success(t('survey.returned'));
    }
    form.resetFields();
    setDialog(null);
    reload();
  }

  const exportCoverage = () => downloadCoverage(c.id, locale, t('survey.fileName', { title: c.title }), t('survey.exportFailed')).catch((err: unknown) => setError(err));
  const counts: [MessageKey, number, string?][] = [
    ['survey.asked', c.counts.asked],
    ['survey.submitted', c.counts.submitted],
    ['survey.nothingToDeclare', c.counts.nothingToDeclare],
    ['survey.pending', c.counts.pending],
    ['survey.late', c.counts.late, c.counts.late ? '#cf1322' : undefined],
    ['survey.systemsConfirmed', c.counts.systemsConfirmed],
  ];

  return (
    <>
      <PageTitle
        title={<>{c.title} <CampaignStateTag status={c.status} /></>}
        subtitle={`${t('survey.dueDate')}：${formatDate(c.dueDate)}${c.openedBy ? ` · ${t('survey.openedBy')}：${c.openedBy}` : ''}`}
        extra={
          <>
            <Button onClick={() => void exportCoverage()} data-testid="survey-export">{t('survey.export')}</Button>
            {offers(c, 'remind') && <Button onClick={() => void onRemind()} data-testid="survey-remind">{t('survey.remind')}</Button>}
            {offers(c, 'extend') && <Button onClick={() => setDialog({ kind: 'extend' })} data-testid="survey-extend">{t('survey.extend')}</Button>}
            {offers(c, 'close') && <Button type="primary" danger onClick={() => setDialog({ kind: 'close' })} data-testid="survey-close">{t('survey.close')}</Button>}
          </>
        }
      />
      {error !== undefined && <div style={{ marginBottom: 12 }}><ErrorAlert error={error} /></div>}
      {c.description && <Typography.Paragraph>{c.description}</Typography.Paragraph>}
      {c.closeNote && <Typography.Paragraph type="secondary">{t('survey.closeNoteLabel', { note: c.closeNote })}</Typography.Paragraph>}
      <Card size="small" className="zy-card" data-testid="survey-counts">
        <Row gutter={16}>
          {counts.map(([label, value, colour]) => (
            <Col key={label} xs={12} md={4}>
              <Statistic title={t(label)} value={value} valueStyle={colour ? { color: colour } : undefined} />
            </Col>
          ))}
        </Row>
      </Card>
      <Card size="small" className="zy-card" title={t('survey.coverage')}>
        <Table<CoverageRow>
          rowKey="responseId"
          dataSource={c.responses}
          pagination={false}
          data-testid="survey-coverage"
          onRow={(r) => ({ 'data-testid': `survey-row-${r.org.name}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('survey.org'), render: (_, r) => r.org.name },
            { title: t('survey.status'), dataIndex: 'status', render: (s: CoverageRow['status'], r) => <><ResponseStateTag status={s} />{r.late && <Tag color="error">{t('survey.lateDays', { n: r.workingDaysOverdue })}</Tag>}</> },
            { title: t('survey.systemsConfirmed'), dataIndex: 'systemsConfirmed' },
            { title: t('survey.answeredAt'), dataIndex: 'submittedAt', render: (v: string | null) => formatDateTime(v) },
            { title: t('survey.note'), render: (_, r) => r.declaredReason ?? r.returnReason ?? '' },
            ...(c.responses.some((r) => r.returnable)
              ? [{ title: '', render: (_: unknown, r: CoverageRow) => r.returnable && <Button size="small" onClick={() => setDialog({ kind: 'return', row: r })} data-testid={`survey-return-${r.org.name}`}>{t('survey.return')}</Button> }]
              : []),
          ]}
        />
      </Card>
      <FormModal<{ dueDate?: string; reason?: string; note?: string }>
        open={dialog !== null}
        title={dialog?.kind === 'extend' ? t('survey.extend') : dialog?.kind === 'close' ? t('survey.close') : dialog?.kind === 'return' ? t('survey.returnTitle', { org: dialog.row.org.name }) : ''}
        okText={dialog?.kind === 'extend' ? t('survey.extend') : dialog?.kind === 'close' ? t('survey.close') : t('survey.return')}
        okTestId="survey-dialog-submit"
        danger={dialog?.kind === 'close'}
        form={form}
        fields={['dueDate', 'reason', 'note']}
        ariaLabel={t('survey.title')}
        onCancel={() => setDialog(null)}
        onSubmit={onSubmit}
        handled={stale}
      >
        {dialog?.kind === 'extend' && (
          <Form.Item label={t('survey.newDueDate')} name="dueDate" rules={[{ required: true, message: t('common.required') }]}>
            <Input type="date" />
          </Form.Item>
        )}
        {(dialog?.kind === 'extend' || dialog?.kind === 'return') && (
          <Form.Item label={t('survey.reason')} name="reason" rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        )}
        {dialog?.kind === 'close' && (
          <Form.Item label={t('survey.closeNote')} name="note">
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        )}
      </FormModal>
    </>
  );
}
