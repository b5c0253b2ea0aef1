// The department's projects with their state, and what is due (working days left; overdue in red).
import { EDITABLE_STATES, NEXT_STEP, PARTIES, STAGE_LINE, STAGE_OF } from '@projects/workflow';
import { Button, Card, Progress, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { fetchDeadlines } from '../../../api/deadlines';
import { listProjects } from '../../../api/projects';
import type { ProjectSummary } from '../../../api/projects';
import { DeadlineTable } from '../../../components/DeadlineTable';
import { ListToolbar, useListExport } from '../../../components/ListToolbar';
import { PROJECT_FILTERS, ProjectFilters } from '../../../components/project/ProjectFilters';
import { EmptyState, PageState } from '../../../components/PageState';
import { PageTitle } from '../../../components/PageTitle';
import { StatusTag } from '../../../components/StatusTag';
import { formatDateTime } from '../../../format/dates';
import { formatYuan } from '../../../format/money';
import { useApiData } from '../../../hooks/useApiData';
import { serverTable, useListParams } from '../../../hooks/useListParams';
import { useI18n, type MessageKey } from '../../../i18n';

// a list item carries no allowedActions: the link goes to the editor for the states the server edits in
const EDITABLE: readonly string[] = EDITABLE_STATES;
const PAGE_SIZE = 20;

export function MyProjectsPage() {
  const { t } = useI18n();
  const exportOf = useListExport();
  const navigate = useNavigate();
  const list = useListParams(PROJECT_FILTERS);
  const projects = useApiData((signal) => listProjects({ ...list.query, page: list.page, pageSize: PAGE_SIZE }, signal), [JSON.stringify(list.query), list.page]);
  const deadlines = useApiData((signal) => fetchDeadlines({ status: 'open' }, signal), []);
  const newButton = (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/portal/projects/new')}>
      {t('nav.newProject')}
    </Button>
  );
  return (
    <>
      <PageTitle title={t('portal.myProjects')} extra={newButton} />
      <Card className="zy-card" title={t('portal.deadlinesCard')} size="small">
        <PageState state={deadlines} isEmpty={(d) => d.items.length === 0} empty={<EmptyState description={t('deadlines.none')} />}>
          {(d) => <DeadlineTable items={d.items} projectLink={(id) => `/portal/projects/${id}`} />}
        </PageState>
      </Card>
      <Card className="zy-card" size="small" title={t('portal.projectsCard')}>
        <ListToolbar
          list={list}
          placeholder={t('list.projectSearch')}
          testId="projects"
          exporting={exportOf('/api/projects/export', list.query, t('list.projectsFile'))}
        >
          <ProjectFilters list={list} orgs={false} />
        </ListToolbar>
        <PageState
          state={projects}
          isEmpty={(d) => d.items.length === 0}
          empty={<EmptyState description={<>{t('portal.noProjects')} <Link to="/portal/projects/new">{t('portal.startOne')}</Link></>} />}
        >
          {(d) => (
            <Table<ProjectSummary>
              rowKey="id"
              size="middle"
              dataSource={d.items}
              {...serverTable(list, d.total, PAGE_SIZE)}
              data-testid="project-table"
              columns={[
                { title: t('project.code'), dataIndex: 'code', key: 'code', width: 130, sorter: true, sortOrder: list.sortOrder('code') },
                { title: t('project.name'), key: 'name', sorter: true, sortOrder: list.sortOrder('name'), render: (_, p) => <Link to={`/portal/projects/${p.id}`}>{p.name}</Link> },
                { title: t('project.type'), dataIndex: 'type', width: 100, render: (v: string) => t(`projectType.${v}` as MessageKey) },
                { title: t('project.status'), dataIndex: 'status', width: 130, render: (s: ProjectSummary['status']) => <StatusTag status={s} /> },
                { title: t('standing.progress'), key: 'progress', width: 200, render: (_, p) => <ProgressCell status={p.status} /> },
                { title: t('project.totalBudget'), key: 'totalBudget', align: 'right', sorter: true, sortOrder: list.sortOrder('totalBudget'), render: (_, p) => <span className="zy-money">{formatYuan(p.totalBudget)}</span> },
                { title: t('project.approvedBudget'), key: 'approved', align: 'right', render: (_, p) => <span className="zy-money">{formatYuan(p.approvedBudget)}</span> },
                { title: t('project.updatedAt'), dataIndex: 'updatedAt', key: 'updatedAt', width: 150, sorter: true, sortOrder: list.sortOrder('updatedAt'), render: (v: string) => formatDateTime(v) },
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 120,
                  render: (_, p) =>
                    EDITABLE.includes(p.status) ? (
                      <Link to={`/portal/projects/${p.id}/edit`}>{t('portal.continueEditing')}</Link>
                    ) : (
                      <Link to={`/portal/projects/${p.id}`}>{t('common.view')}</Link>
                    ),
                },
              ]}
            />
          )}
        </PageState>
      </Card>
      <Typography.Paragraph type="secondary">{t('portal.hint')}</Typography.Paragraph>
    </>
  );
}

/** Where a project of the list stands: its place on the line of stages and who it waits for (projects/workflow.ts). */
function ProgressCell({ status }: { status: ProjectSummary['status'] }) {
  const { t, locale } = useI18n();
  const stage = STAGE_LINE.indexOf(STAGE_OF[status]);
  const next = (NEXT_STEP as Partial<Record<string, { party: keyof typeof PARTIES }>>)[status];
  return (
    <div data-testid="project-progress">
      <Progress percent={Math.round(((stage + 1) / STAGE_LINE.length) * 100)} steps={STAGE_LINE.length} size="small" showInfo={false} />
      <div className="zy-muted">
        {t('standing.stepOf', { n: stage + 1, total: STAGE_LINE.length })}
        {next && ` · ${t('standing.waitingOn', { party: PARTIES[next.party][locale] })}`}
      </div>
    </div>
  );
}
