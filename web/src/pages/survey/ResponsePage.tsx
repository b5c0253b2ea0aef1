// One organisation's answer to a survey campaign: its register of systems with checkboxes (the ones still in use and
// right), saved as its confirmation, then submitted; or, with none, "nothing to declare" with the reason. Writes
// carry the answer's ETag (a 412 reloads). A system missing from the register is registered or imported on the
// register page first (the link shows to those who keep a register). Buttons come from the server's allowedActions.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Space, Table, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { offers, pending } from '../../api/actions';
import { ApiError } from '../../api/errors';
import { confirmSystems, declareNone, fetchResponse, submitResponse, type ResponseSystem, type SurveyResponse } from '../../api/survey';
import { useAuth } from '../../auth/AuthContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormModal } from '../../components/FormModal';
import { PageState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { formatDate, formatDateTime } from '../../format/dates';
import { useApiData } from '../../hooks/useApiData';
import { useConfirm } from '../../hooks/useConfirm';
import { useI18n, type MessageKey } from '../../i18n';
import { MigrationStatusTag } from '../migration/MigrationStatusTag';
import { ResponseStateTag } from './CampaignPage';
import { CampaignStateTag } from './CampaignsPage';

export function ResponsePage() {
  const { id = '' } = useParams();
  const state = useApiData((signal) => fetchResponse(id, signal), [id]);
  return <PageState state={state}>{(res) => <ResponseView response={res.data} etag={res.etag} reload={state.reload} />}</PageState>;
}

function ResponseView({ response: r, etag, reload }: { response: SurveyResponse; etag: string | null; reload(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { mayOpen } = useAuth();
  const confirm = useConfirm();
  const [selected, setSelected] = useState<string[]>(() => r.systems.filter((s) => s.confirmed).map((s) => s.id));
  const [declaring, setDeclaring] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [form] = Form.useForm<{ reason: string }>();
  useEffect(() => setSelected(r.systems.filter((s) => s.confirmed).map((s) => s.id)), [r]);
  const mayConfirm = offers(r, 'confirm');
  const saved = r.systems.filter((s) => s.confirmed).map((s) => s.id);
  const dirty = selected.length !== saved.length || selected.some((id) => !saved.includes(id));

  const stale = (err: unknown) => {
    if (!(err instanceof ApiError && err.isStale)) return false;
    message.warning(t('common.staleReloaded'));
    setDeclaring(false);
    reload();
    return true;
  };
  const run = async (work: () => Promise<unknown>, done: MessageKey) => {
    setError(undefined);
    try {
      await work();
      message.success(t(done));
      reload();
    } catch (err) {
      if (!stale(err)) setError(err);
    }
  };

  const onSave = () => run(() => confirmSystems(r.id, etag, selected), 'survey.response.saved');
  async function onSubmit() {
    if (!(await confirm({ title: t('survey.response.submit'), summary: t('survey.response.submitConfirm', { n: saved.length }) }))) return;
    await run(() => submitResponse(r.id, etag), 'survey.response.submitted');
  }
  async function onDeclare(v: { reason: string }) {
    await declareNone(r.id, etag, v.reason.trim());
    message.success(t('survey.response.declared'));
    form.resetFields();
    setDeclaring(false);
    reload();
  }
  const submitBlocked = pending(r, 'submit');

  return (
    <>
      <PageTitle
        title={<>{r.campaign.title} <CampaignStateTag status={r.campaign.status} /> <ResponseStateTag status={r.status} /></>}
        subtitle={`${r.org.name} · ${t('survey.dueDate')}：${formatDate(r.campaign.dueDate)}`}
        extra={
          <Space>
            {mayConfirm && <Button onClick={() => void onSave()} disabled={!dirty} data-testid="survey-save">{t('survey.response.save')}</Button>}
            {submitBlocked && (
              <Button type="primary" onClick={() => void onSubmit()} disabled={!submitBlocked.enabled || dirty} title={submitBlocked.reason?.message} data-testid="survey-submit">
                {t('survey.response.submit')}
              </Button>
            )}
            {offers(r, 'declare-none') && <Button onClick={() => setDeclaring(true)} disabled={dirty} data-testid="survey-declare-none">{t('survey.response.declareNone')}</Button>}
          </Space>
        }
      />
      {error !== undefined && <div style={{ marginBottom: 12 }}><ErrorAlert error={error} /></div>}
      {r.returnReason && r.status === 'PENDING' && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('survey.response.returnReason', { reason: r.returnReason })} />}
      <Card size="small" className="zy-card">
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          {r.campaign.description && <Descriptions.Item label={t('survey.description')} span={3}>{r.campaign.description}</Descriptions.Item>}
          <Descriptions.Item label={t('survey.dueDate')}>
            {formatDate(r.campaign.dueDate)}{' '}
            {r.status === 'PENDING' && r.campaign.status === 'OPEN' && (
              <Typography.Text type={r.late ? 'danger' : 'secondary'}>{r.late ? t('survey.lateDays', { n: -r.workingDaysLeft }) : t('survey.response.dueIn', { n: r.workingDaysLeft })}</Typography.Text>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('survey.answeredAt')}>{formatDateTime(r.submittedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('survey.response.submittedBy')}>{r.submittedBy ?? '—'}</Descriptions.Item>
          {r.declaredReason && <Descriptions.Item label={t('survey.note')} span={3}>{t('survey.response.declaredReason', { reason: r.declaredReason })}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card
        size="small"
        className="zy-card"
        title={t('survey.response.systems')}
        extra={mayOpen('migrationOwn') && <Link to="/migration/systems" data-testid="survey-register-link">{t('survey.response.registerLink')}</Link>}
      >
        {mayConfirm && <Typography.Paragraph type="secondary">{t('survey.response.systemsHint')}</Typography.Paragraph>}
        <Table<ResponseSystem>
          rowKey="id"
          dataSource={r.systems}
          pagination={false}
          locale={{ emptyText: t('survey.response.noSystems') }}
          data-testid="survey-systems"
          rowSelection={mayConfirm ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]), getCheckboxProps: (s) => ({ 'aria-label': s.name }) as object } : undefined}
          columns={[
            { title: t('survey.response.code'), dataIndex: 'code' },
            { title: t('survey.response.name'), dataIndex: 'name' },
            { title: t('survey.response.migrationStatus'), dataIndex: 'status', render: (s: ResponseSystem['status']) => <MigrationStatusTag status={s as never} /> },
            ...(mayConfirm ? [] : [{ title: t('survey.response.confirmed'), dataIndex: 'confirmed', render: (v: boolean) => (v ? '✓' : '') }]),
            { title: t('survey.response.lastConfirmed'), dataIndex: 'lastConfirmedAt', render: (v: string | null) => formatDate(v) },
          ]}
        />
      </Card>
      <FormModal<{ reason: string }>
        open={declaring}
        title={t('survey.response.declareNone')}
        okText={t('survey.response.declareNone')}
        okTestId="survey-declare-submit"
        form={form}
        fields={['reason']}
        ariaLabel={t('survey.response.declareNone')}
        onCancel={() => setDeclaring(false)}
        onSubmit={onDeclare}
        handled={stale}
      >
        <Form.Item label={t('survey.response.declareReason')} name="reason" rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </FormModal>
    </>
  );
}
