// An established project's cloud: entitlement used and left, provisioned resources and their state, requests.
import { Card, Progress, Table, Tag, Typography } from 'antd';
import { fetchProjectResources, fetchResourceRequests } from '../../../api/resources';
import type { EntitlementUsage, ProvisionedResource, ResourceRequest } from '../../../api/types';
import { EmptyState, PageState } from '../../../components/PageState';
import { formatDateTime } from '../../../format/dates';
import { useApiData } from '../../../hooks/useApiData';
import { useI18n } from '../../../i18n';
import { ResourceRequestForm } from './ResourceRequestForm';

const STATE_COLORS: Record<string, string> = { READY: 'green', PROVISIONING: 'processing', FAILED: 'red', DRIFTED: 'orange', DEPROVISIONED: 'default' };

export function ResourcesPanel({ projectId, canRequest }: { projectId: string; canRequest: boolean }) {
  const { t } = useI18n();
  const resources = useApiData((signal) => fetchProjectResources(projectId, signal), [projectId]);
  const requests = useApiData((signal) => fetchResourceRequests(projectId, signal), [projectId]);
  const reload = () => {
    resources.reload();
    requests.reload();
  };
  return (
    <PageState state={resources}>
      {(r) => (
        <>
          <Card size="small" className="zy-card" title={t('resourcesPanel.entitlement')} extra={<Typography.Text type="secondary">{t('resourcesPanel.namespace', { ns: r.namespace })}</Typography.Text>}>
            <Table<EntitlementUsage>
              size="small"
              rowKey="planCode"
              pagination={false}
              dataSource={r.entitlement}
              data-testid="entitlement-table"
              locale={{ emptyText: t('resourcesPanel.noEntitlement') }}
              columns={[
                { title: t('lines.plan'), dataIndex: 'planCode' },
                { title: t('resourcesPanel.entitled'), dataIndex: 'entitled', width: 100, align: 'right' },
                { title: t('resourcesPanel.used'), dataIndex: 'used', width: 100, align: 'right' },
                { title: t('resourcesPanel.left'), dataIndex: 'left', width: 100, align: 'right' },
                { title: t('resourcesPanel.usage'), key: 'usage', width: 220, render: (_, e) => <Progress percent={e.entitled ? Math.round((e.used / e.entitled) * 100) : 0} size="small" /> },
              ]}
            />
          </Card>
          <Card size="small" className="zy-card" title={t('resourcesPanel.resources')}>
            {r.resources.length === 0 ? (
              <EmptyState description={t('resourcesPanel.noResources')} />
            ) : (
              <Table<ProvisionedResource>
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={r.resources}
                columns={[
                  { title: t('resourcesPanel.kind'), dataIndex: 'kind', width: 150 },
                  { title: t('resourcesPanel.name'), dataIndex: 'name' },
                  { title: t('lines.plan'), dataIndex: 'planCode', render: (v: string | null) => v ?? '—' },
                  { title: t('resourcesPanel.state'), dataIndex: 'state', width: 130, render: (s: string) => <Tag color={STATE_COLORS[s] ?? 'default'}>{s}</Tag> },
                  { title: t('resourcesPanel.detail'), dataIndex: 'detail', render: (v: string | null) => v ?? '' },
                  { title: t('project.updatedAt'), dataIndex: 'updatedAt', width: 150, render: (v: string) => formatDateTime(v) },
                ]}
              />
            )}
            {r.drift && r.drift.length > 0 && <Typography.Paragraph type="warning">{t('resourcesPanel.drift', { n: r.drift.length })}</Typography.Paragraph>}
          </Card>
          <Card size="small" className="zy-card" title={t('resourcesPanel.requests')}>
            <PageState state={requests} isEmpty={(d) => d.items.length === 0} empty={<EmptyState description={t('resourcesPanel.noRequests')} />}>
              {(d) => (
                <Table<ResourceRequest>
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={d.items}
                  columns={[
                    { title: t('resourcesPanel.requestCode'), dataIndex: 'code' },
                    { title: t('resourcesPanel.state'), dataIndex: 'status', render: (s: string) => <Tag>{s}</Tag> },
                    { title: t('resourcesPanel.items'), key: 'items', render: (_, q) => (q.items ?? []).map((i) => `${i.planCode} × ${i.quantity}`).join(t('punct.comma')) },
                    { title: t('project.submittedAt'), dataIndex: 'createdAt', render: (v?: string) => formatDateTime(v) },
                  ]}
                />
              )}
            </PageState>
          </Card>
          {canRequest && (
            <Card size="small" className="zy-card" title={t('request.title')}>
              <ResourceRequestForm projectId={projectId} entitlement={r.entitlement} onCreated={reload} />
            </Card>
          )}
        </>
      )}
    </PageState>
  );
}
