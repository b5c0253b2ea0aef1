// An established project's cloud: entitlement used and left, provisioned resources and their state, requests.
import { Card, Table, Typography } from 'antd';
import type { RequestStatus } from '../../../api/operator';
import { fetchProjectResources, fetchResourceRequests } from '../../../api/resources';
import type { ResourceRequest } from '../../../api/resources';
import { EmptyState, PageState } from '../../../components/PageState';
import { EntitlementTable } from '../../../components/resources/EntitlementTable';
import { ResourceTable } from '../../../components/resources/ResourceTable';
import { RequestStatusTag } from '../../../components/resources/statusTags';
import { formatDateTime } from '../../../format/dates';
import { useApiData } from '../../../hooks/useApiData';
import { useI18n } from '../../../i18n';
import { ResourceRequestForm } from './ResourceRequestForm';

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
            <EntitlementTable entitlement={r.entitlement} />
          </Card>
          <Card size="small" className="zy-card" title={t('resourcesPanel.resources')}>
            <ResourceTable resources={r} />
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
                    { title: t('resourcesPanel.state'), dataIndex: 'status', render: (s: RequestStatus) => <RequestStatusTag status={s} /> },
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
