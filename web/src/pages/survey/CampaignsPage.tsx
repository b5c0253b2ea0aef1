// The migration survey's campaigns (摸底调查) with their coverage counts, and the form that opens a new one: a title,
// a due date, and the organisations asked (named, or every organisation of some kinds).
import { useState } from 'react';
import { App, Button, Form, Input, Select, Table, Tag } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { fetchOrgs, ORG_KINDS } from '../../api/admin';
import { CAMPAIGN_MACHINE, listCampaigns, openCampaign, type CampaignSummary, type OpenCampaignInput } from '../../api/survey';
import { FormModal } from '../../components/FormModal';
import { PageState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { useAuth } from '../../auth/AuthContext';
import { formatDate, formatDateTime } from '../../format/dates';
import { useApiData } from '../../hooks/useApiData';
import { useI18n, type MessageKey } from '../../i18n';

export function CampaignsPage() {
  const { t } = useI18n();
  const { mayOpen: mayOpenArea } = useAuth();
  const state = useApiData((signal) => listCampaigns(signal), []);
  const [opening, setOpening] = useState(false);
  // those who run the survey open campaigns (the area is theirs: accounts/console-areas.ts)
  const mayOpen = mayOpenArea('surveyRun');
  return (
    <>
      <PageTitle
        title={t('survey.title')}
        subtitle={t('survey.subtitle')}
        extra={mayOpen && <Button type="primary" onClick={() => setOpening(true)} data-testid="survey-open">{t('survey.open')}</Button>}
      />
      <PageState state={state}>{(data) => <CampaignTable items={data.items} />}</PageState>
      <OpenForm open={opening} onClose={() => setOpening(false)} />
    </>
  );
}

export function CampaignStateTag({ status }: { status: CampaignSummary['status'] }) {
  const { t } = useI18n();
  return <Tag color={CAMPAIGN_MACHINE.stateColours[status]}>{t(`surveyCampaignState.${status}` as MessageKey)}</Tag>;
}

function CampaignTable({ items }: { items: CampaignSummary[] }) {
  const { t } = useI18n();
  return (
    <Table<CampaignSummary>
      rowKey="id"
      dataSource={items}
      pagination={false}
      locale={{ emptyText: t('survey.empty') }}
      data-testid="survey-campaigns"
      columns={[
        { title: t('survey.name'), dataIndex: 'title', render: (v: string, c) => <Link to={`/survey/campaigns/${c.id}`}>{v}</Link> },
        { title: t('survey.status'), dataIndex: 'status', render: (s: CampaignSummary['status']) => <CampaignStateTag status={s} /> },
        { title: t('survey.dueDate'), dataIndex: 'dueDate', render: (v: string) => formatDate(v) },
        { title: t('survey.asked'), render: (_, c) => c.counts.asked },
        { title: t('survey.submitted'), render: (_, c) => c.counts.submitted },
        { title: t('survey.nothingToDeclare'), render: (_, c) => c.counts.nothingToDeclare },
        { title: t('survey.pending'), render: (_, c) => c.counts.pending },
        { title: t('survey.late'), render: (_, c) => (c.counts.late ? <Tag color="error">{c.counts.late}</Tag> : 0) },
        { title: t('survey.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
      ]}
    />
  );
}

interface OpenValues {
  title: string;
  description?: string;
  dueDate: string;
  orgIds?: string[];
  kinds?: OpenCampaignInput['kinds'];
}

function OpenForm({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<OpenValues>();
  const orgs = useApiData((signal) => (open ? fetchOrgs(signal) : Promise.resolve({ items: [] })), [open]);

  async function onSubmit(v: OpenValues) {
    const res = await openCampaign({
      title: v.title.trim(),
      dueDate: v.dueDate,
      ...(v.description?.trim() ? { description: v.description.trim() } : {}),
      ...(v.orgIds?.length ? { orgIds: v.orgIds } : {}),
      ...(v.kinds?.length ? { kinds: v.kinds } : {}),
    });
    message.success(t('survey.openOk', { n: res.data.counts.asked }));
    form.resetFields();
    onClose();
    navigate(`/survey/campaigns/${res.data.id}`);
  }

  return (
    <FormModal<OpenValues>
      open={open}
      title={t('survey.openTitle')}
      okText={t('survey.open')}
      okTestId="survey-open-submit"
      form={form}
      fields={['title', 'description', 'dueDate', 'orgIds', 'kinds']}
      ariaLabel={t('survey.openTitle')}
      width={640}
      onCancel={onClose}
      onSubmit={onSubmit}
    >
      <Form.Item label={t('survey.name')} name="title" rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label={t('survey.description')} name="description">
        <Input.TextArea rows={2} maxLength={5000} />
      </Form.Item>
      <Form.Item label={t('survey.dueDate')} name="dueDate" rules={[{ required: true, message: t('common.required') }]}>
        <Input type="date" data-testid="survey-due-date" />
      </Form.Item>
      <Form.Item label={t('survey.orgs')} name="orgIds" extra={t('survey.orgsHint')}>
        <Select
          mode="multiple"
          showSearch
          optionFilterProp="label"
          data-testid="survey-orgs"
          loading={orgs.loading}
          options={(orgs.data?.items ?? []).filter((o) => o.active).map((o) => ({ value: o.id, label: o.name }))}
        />
      </Form.Item>
      <Form.Item label={t('survey.kinds')} name="kinds">
        <Select mode="multiple" options={ORG_KINDS.map((k) => ({ value: k, label: t(`admin.kind.${k}` as MessageKey) }))} />
      </Form.Item>
    </FormModal>
  );
}
