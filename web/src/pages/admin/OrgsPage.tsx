// Organisations (system administrator): list (searched by code or name, filtered by kind, exported, all kept in the
// address), create, rename, change kind and jurisdiction (Art. 39), activate/deactivate (If-Match); its webhook
// (./OrgWebhookModal.tsx); the official short name and the aliases imported sheets may name it by (./OrgAliasEditor.tsx).
import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import { createOrg, fetchOrgs, ORG_KINDS, updateOrg, type OrgKind, type Organisation } from '../../api/admin';
import { ApiError } from '../../api/errors';
import { ListToolbar, useListExport } from '../../components/ListToolbar';
import { ErrorAlert } from '../../components/ErrorAlert';
import { JurisdictionFilter, JurisdictionName, useJurisdictions } from '../../components/JurisdictionFilter';
import { EmptyState, PageState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { useApiData } from '../../hooks/useApiData';
import { useListParams } from '../../hooks/useListParams';
import { useI18n, type MessageKey } from '../../i18n';
import { OrgAliasEditor } from './OrgAliasEditor';
import { OrgWebhookModal } from './OrgWebhookModal';

const FILTERS = ['kind', 'jurisdiction'] as const;

interface OrgForm {
  code: string;
  name: string;
  shortName?: string;
  nameEn?: string;
  kind: OrgKind;
  jurisdiction?: string;
  active?: boolean;
}

export function OrgsPage() {
  const { t } = useI18n();
  const exportOf = useListExport();
  const { message } = App.useApp();
  const list = useListParams(FILTERS);
  const query = list.query as { q?: string; kind?: OrgKind; jurisdiction?: string };
  const jurisdictions = useJurisdictions();
  const state = useApiData((signal) => fetchOrgs(signal, query), [JSON.stringify(query)]);
  const [editing, setEditing] = useState<Organisation | 'new' | null>(null);
  const [form] = Form.useForm<OrgForm>();
  const kind = Form.useWatch('kind', form);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [webhookOf, setWebhookOf] = useState<Organisation | null>(null);

  function open(target: Organisation | 'new') {
    setError(undefined);
    setEditing(target);
    form.resetFields();
    if (target !== 'new')
      form.setFieldsValue({ code: target.code, name: target.name, shortName: target.shortName ?? '', nameEn: target.nameEn ?? '', kind: target.kind, jurisdiction: target.jurisdiction, active: target.active });
    else form.setFieldsValue({ kind: 'DEPARTMENT', jurisdiction: 'CITY', active: true });
  }

  async function save(values: OrgForm) {
    setBusy(true);
    setError(undefined);
    try {
      const nameEn = values.nameEn?.trim() ? values.nameEn.trim() : null;
      const shortName = values.shortName?.trim() ? values.shortName.trim() : null;
      // a county belongs to itself: the server sets it
      const jurisdiction = values.kind === 'COUNTY' ? undefined : values.jurisdiction;
      if (editing === 'new') await createOrg({ code: values.code.trim(), name: values.name.trim(), shortName, nameEn, kind: values.kind, jurisdiction });
      else if (editing) await updateOrg(editing, { name: values.name.trim(), shortName, nameEn, kind: values.kind, jurisdiction, active: values.active });
      void message.success(t('admin.saved'));
      setEditing(null);
      state.reload();
    } catch (err) {
      if (err instanceof ApiError && err.isStale) {
        void message.warning(t('admin.stale'));
        setEditing(null);
        state.reload();
      } else setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageTitle
        title={t('admin.orgsTitle')}
        subtitle={t('admin.orgsHint')}
        extra={
          <Button type="primary" onClick={() => open('new')} data-testid="org-new">
            {t('admin.newOrg')}
          </Button>
        }
      />
      <Card className="zy-card">
        <ListToolbar
          list={list}
          placeholder={t('list.orgSearch')}
          testId="orgs"
          exporting={exportOf('/api/orgs/export', query, t('list.orgsFile'))}
        >
          <Select<OrgKind | ''>
            aria-label={t('list.filter.kind')}
            style={{ width: 180 }}
            value={(list.filters.kind as OrgKind | undefined) ?? ''}
            onChange={(v) => list.setFilter('kind', v || undefined)}
            options={[{ value: '', label: t('list.filter.allKinds') }, ...ORG_KINDS.map((k) => ({ value: k, label: t(`admin.kind.${k}` as MessageKey) }))]}
            data-testid="orgs-kind"
          />
          <JurisdictionFilter value={list.filters.jurisdiction} onChange={(v) => list.setFilter('jurisdiction', v)} />
        </ListToolbar>
        <PageState state={state} isEmpty={(d) => d.items.length === 0} empty={<EmptyState description={t('admin.noOrgs')} />}>
          {(d) => (
            <div data-testid="orgs-table">
              <Table<Organisation>
                rowKey="id"
                size="middle"
                dataSource={d.items}
                pagination={d.items.length > 30 ? { pageSize: 30 } : false}
                scroll={{ x: true }}
                columns={[
                  { title: t('admin.code'), dataIndex: 'code', render: (c: string) => <code>{c}</code> },
                  { title: t('admin.orgName'), dataIndex: 'name' },
                  { title: t('admin.shortName'), dataIndex: 'shortName', render: (n: string | null) => n ?? '—' },
                  { title: t('admin.orgNameEn'), dataIndex: 'nameEn', render: (n: string | null) => n ?? '—' },
                  { title: t('admin.kind'), dataIndex: 'kind', render: (k: OrgKind) => t(`admin.kind.${k}` as MessageKey) },
                  { title: t('admin.jurisdiction'), dataIndex: 'jurisdiction', render: (j: string) => <JurisdictionName code={j} /> },
                  {
                    title: t('admin.active'),
                    dataIndex: 'active',
                    render: (a: boolean) => <Tag color={a ? 'success' : 'default'}>{t(a ? 'admin.activeOn' : 'admin.activeOff')}</Tag>,
                  },
                  {
                    title: t('admin.actions'),
                    key: 'edit',
                    render: (_: unknown, o: Organisation) => (
                      <Space>
                        <Button size="small" onClick={() => open(o)} data-testid={`org-edit-${o.code}`}>
                          {t('admin.edit')}
                        </Button>
                        <Button size="small" onClick={() => setWebhookOf(o)} data-testid={`org-webhook-${o.code}`}>
                          {t('webhook.button')}
                        </Button>
                      </Space>
                    ),
                  },
                ]}
              />
            </div>
          )}
        </PageState>
      </Card>
      <Modal
        open={editing !== null}
        title={t(editing === 'new' ? 'admin.newOrg' : 'admin.editOrg')}
        okText={t('admin.save')}
        cancelText={t('admin.cancel')}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        okButtonProps={{ 'data-testid': 'org-save' } as Record<`data-${string}`, string>}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
          <Form.Item
            name="code"
            label={t('admin.code')}
            extra={t('admin.codeHint')}
            rules={[{ required: true, message: t('admin.required') }, { pattern: /^[A-Z0-9_]{2,32}$/, message: t('admin.codeHint') }]}
          >
            <Input disabled={editing !== 'new'} />
          </Form.Item>
          <Form.Item name="name" label={t('admin.orgName')} rules={[{ required: true, whitespace: true, message: t('admin.required') }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="shortName" label={t('admin.shortName')} extra={t('admin.shortNameHint')}>
            <Input maxLength={50} data-testid="org-short-name" />
          </Form.Item>
          <Form.Item name="nameEn" label={t('admin.orgNameEn')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="kind" label={t('admin.kind')} rules={[{ required: true, message: t('admin.required') }]}>
            <Select options={ORG_KINDS.map((k) => ({ value: k, label: t(`admin.kind.${k}` as MessageKey) }))} />
          </Form.Item>
          {kind !== 'COUNTY' && (
            <Form.Item name="jurisdiction" label={t('admin.jurisdiction')} extra={t('admin.jurisdictionHint')} rules={[{ required: true, message: t('admin.required') }]}>
              <Select
                data-testid="org-jurisdiction"
                options={(jurisdictions.data?.items ?? []).map((j) => ({ value: j.code, label: j.name }))}
              />
            </Form.Item>
          )}
          {editing !== 'new' && (
            <Form.Item name="active" label={t('admin.active')} valuePropName="checked">
              <Switch checkedChildren={t('admin.activeOn')} unCheckedChildren={t('admin.activeOff')} />
            </Form.Item>
          )}
        </Form>
        {error !== undefined && <ErrorAlert error={error} />}
        {editing && editing !== 'new' && <OrgAliasEditor org={editing} />}
      </Modal>
      {webhookOf && <OrgWebhookModal org={webhookOf} onClose={() => setWebhookOf(null)} />}
    </>
  );
}
