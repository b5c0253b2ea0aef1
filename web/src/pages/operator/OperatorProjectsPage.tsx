// Established projects for the sub-center: every project that holds an entitlement (established, under change
// review, accepted), newest establishment first. Expanding one shows its tenant, what is provisioned, the
// entitlement used and left, and the resource requests drawn on it, each a link to its page in the console.
import { Button, Card, Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { RequestStatus } from '../../api/operator';
import { ENTITLED_STATES, listProjects } from '../../api/projects';
import { fetchProjectResources, fetchResourceRequests } from '../../api/resources';
import type { ProjectStatus, ProjectSummary } from '../../api/projects';
import { ListToolbar, useListExport } from '../../components/ListToolbar';
import { EmptyState, PageState } from '../../components/PageState';
import { PROJECT_FILTERS, ProjectFilters } from '../../components/project/ProjectFilters';
import { PageTitle } from '../../components/PageTitle';
import { EntitlementTable } from '../../components/resources/EntitlementTable';
import { ResourceTable } from '../../components/resources/ResourceTable';
import { RequestStatusTag, itemsText } from '../../components/resources/statusTags';
import { StatusTag } from '../../components/StatusTag';
import { formatDate, formatDateTime } from '../../format/dates';
import { formatYuan } from '../../format/money';
import { useApiData } from '../../hooks/useApiData';
import { serverTable, useListParams } from '../../hooks/useListParams';
import { useI18n } from '../../i18n';

const PAGE_SIZE = 20;

export function OperatorProjectsPage() {
  const { t } = useI18n();
  const exportOf = useListExport();
  const list = useListParams(PROJECT_FILTERS);
  // newest establishment first unless the operator sorts otherwise
  const query = { sort: 'establishedAt', order: 'desc', ...list.query, status: [...ENTITLED_STATES] };
  const state = useApiData((signal) => listProjects({ ...query, page: list.page, pageSize: PAGE_SIZE }, signal), [JSON.stringify(query), list.page]);

  return (
    <>
      <PageTitle title={t('operator.projectsTitle')} extra={<Button onClick={state.reload}>{t('operator.refresh')}</Button>} />
      <Typography.Paragraph type="secondary">{t('operator.projectsHint')}</Typography.Paragraph>
      <Card className="zy-card">
        <ListToolbar
          list={list}
          placeholder={t('operator.projectsSearch')}
          testId="operator-projects"
          exporting={exportOf('/api/projects/export', query as never, t('list.projectsFile'))}
        >
          <ProjectFilters list={list} />
        </ListToolbar>
        <PageState state={state} isEmpty={(d) => d.items.length === 0} empty={<EmptyState description={t('operator.noProjects')} />}>
          {(page) => (
            <div data-testid="operator-projects">
              <Table<ProjectSummary>
                rowKey="id"
                size="middle"
                dataSource={page.items}
                {...serverTable(list, page.total, PAGE_SIZE)}
                scroll={{ x: true }}
                expandable={{ expandedRowRender: (p) => <ProjectCloud projectId={p.id} />, rowExpandable: () => true }}
                columns={[
                  { title: t('project.code'), dataIndex: 'code', key: 'code', sorter: true, sortOrder: list.sortOrder('code') },
                  { title: t('project.name'), dataIndex: 'name', key: 'name', sorter: true, sortOrder: list.sortOrder('name') },
                  { title: t('project.org'), dataIndex: 'orgName' },
                  { title: t('project.status'), dataIndex: 'status', render: (s: ProjectStatus) => <StatusTag status={s} /> },
                  { title: t('operator.approvedBudget'), dataIndex: 'approvedBudget', align: 'right', render: (v: number | null) => (v === null ? '—' : formatYuan(v)) },
                  { title: t('operator.establishedAt'), dataIndex: 'establishedAt', key: 'establishedAt', sorter: true, sortOrder: list.sortOrder('establishedAt'), render: (d: string | null) => formatDate(d) },
                ]}
              />
            </div>
          )}
        </PageState>
      </Card>
    </>
  );
}

function ProjectCloud({ projectId }: { projectId: string }) {
  const { t } = useI18n();
  const resources = useApiData((signal) => fetchProjectResources(projectId, signal), [projectId]);
  const requests = useApiData((signal) => fetchResourceRequests(projectId, signal), [projectId]);
  return (
    <div data-testid="project-cloud">
      <PageState state={resources}>
        {(r) => (
          <>
            <Typography.Text type="secondary">{t('resourcesPanel.namespace', { ns: r.namespace })}</Typography.Text>
            <Typography.Title level={5}>{t('operator.entitlement')}</Typography.Title>
            <EntitlementTable entitlement={r.entitlement} />
            <Typography.Title level={5} style={{ marginTop: 12 }}>{t('resourcesPanel.resources')}</Typography.Title>
            <ResourceTable resources={r} />
          </>
        )}
      </PageState>
      <Typography.Title level={5} style={{ marginTop: 12 }}>{t('resourcesPanel.requests')}</Typography.Title>
      <PageState state={requests} isEmpty={(d) => d.items.length === 0} empty={<EmptyState description={t('operator.noRequestsYet')} />}>
        {(d) => (
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={d.items}
            columns={[
              { title: t('operator.code'), dataIndex: 'code', render: (code: string, q) => <Link to={`/operator/requests/${q.id}`}>{code}</Link> },
              { title: t('operator.status'), dataIndex: 'status', render: (s: RequestStatus) => <RequestStatusTag status={s} /> },
              { title: t('operator.items'), key: 'items', render: (_, q) => itemsText({ items: q.items ?? [] }) },
              { title: t('operator.createdAt'), dataIndex: 'createdAt', render: (v?: string) => formatDateTime(v) },
            ]}
          />
        )}
      </PageState>
    </div>
  );
}
