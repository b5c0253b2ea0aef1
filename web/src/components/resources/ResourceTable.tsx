// The provisioned resources of a project (namespace, VMs, database clusters) with their state, and drift if any.
import { Alert, Table, Typography } from 'antd';
import type { ProjectResources, ProvisionedResource } from '../../api/resources';
import { formatDateTime } from '../../format/dates';
import { useI18n } from '../../i18n';
import { EmptyState } from '../PageState';
import { ResourceStateTag } from './statusTags';

export function ResourceTable({ resources }: { resources: ProjectResources }) {
  const { t } = useI18n();
  return (
    <>
      {resources.resources.length === 0 ? (
        <EmptyState description={t('resourcesPanel.noResources')} />
      ) : (
        <Table<ProvisionedResource>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={resources.resources}
          scroll={{ x: true }}
          columns={[
            { title: t('resourcesPanel.kind'), dataIndex: 'kind', width: 150 },
            { title: t('resourcesPanel.name'), dataIndex: 'name', render: (n: string) => <code>{n}</code> },
            { title: t('lines.plan'), dataIndex: 'planCode', render: (v: string | null) => v ?? '—' },
            { title: t('resourcesPanel.state'), dataIndex: 'state', width: 130, render: (s: ProvisionedResource['state']) => <ResourceStateTag state={s} /> },
            {
              title: t('resourcesPanel.detail'),
              dataIndex: 'detail',
              // the cluster's own words are shown as they are, marked as such
              render: (v: string | null, r) =>
                v && r.detailFromEngine ? (
                  <Typography.Text code title={t('operator.engineWords')} data-engine="true">
                    {v}
                  </Typography.Text>
                ) : (
                  (v ?? '')
                ),
            },
            { title: t('project.updatedAt'), dataIndex: 'updatedAt', width: 150, render: (v: string) => formatDateTime(v) },
          ]}
        />
      )}
      {resources.drift && resources.drift.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          data-testid="resource-drift"
          title={t('operator.drift')}
          description={resources.drift.map((d) => `${d.kind}/${d.name}: ${d.reason}${d.detail ? ` (${d.detail})` : ''}`).join('；')}
        />
      )}
    </>
  );
}
