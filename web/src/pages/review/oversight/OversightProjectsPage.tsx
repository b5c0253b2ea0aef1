// Every project the reader oversees (GIA, a county's bureau for its county, the auditor): searched, filtered by
// jurisdiction, organisation, state, year, amount and overdue obligations, sorted and paged on the server, exported as
// shown; each opens on the review page, which offers what the reader may decide (the city's GIA reads the counties'
// projects there with nothing to decide, Art. 39).
import { Card, Select, Table } from 'antd';
import { Link } from 'react-router-dom';
import { listProjects, type ProjectStatus, type ProjectSummary } from '../../../api/projects';
import { JurisdictionName } from '../../../components/JurisdictionFilter';
import { ListToolbar, useListExport } from '../../../components/ListToolbar';
import { EmptyState, PageState } from '../../../components/PageState';
import { PageTitle } from '../../../components/PageTitle';
import { PROJECT_FILTERS, ProjectFilters, type ProjectFilterKey } from '../../../components/project/ProjectFilters';
import { StatusTag } from '../../../components/StatusTag';
import { formatDate } from '../../../format/dates';
import { formatYuan } from '../../../format/money';
import { useApiData } from '../../../hooks/useApiData';
import { serverTable, useListParams } from '../../../hooks/useListParams';
import { useI18n, type MessageKey } from '../../../i18n';
import { PROJECT_STATES } from '@projects/workflow';

const PAGE_SIZE = 20;
const STATES = PROJECT_STATES.filter((s) => s !== 'DRAFT');

export function OversightProjectsPage() {
  const { t } = useI18n();
  const exportOf = useListExport();
  const list = useListParams<ProjectFilterKey | 'status'>([...PROJECT_FILTERS, 'status']);
  const { status, ...rest } = list.query as Record<string, string | undefined>;
  const query = { sort: 'updatedAt', order: 'desc', ...rest, ...(status ? { status: [status] } : {}) };
  const state = useApiData((signal) => listProjects({ ...query, page: list.page, pageSize: PAGE_SIZE } as never, signal), [JSON.stringify(query), list.page]);
  return (
    <>
      <PageTitle title={t('oversight.title')} subtitle={t('oversight.subtitle')} />
      <Card className="zy-card">
        <ListToolbar list={list} placeholder={t('oversight.search')} testId="oversight" exporting={exportOf('/api/projects/export', query as never, t('list.projectsFile'))}>
          <Select<string>
            allowClear
            style={{ width: 170 }}
            aria-label={t('project.status')}
            placeholder={t('oversight.allStates')}
            value={list.filters.status}
            onChange={(v) => list.setFilter('status', v)}
            options={STATES.map((s) => ({ value: s, label: t(`status.${s}` as MessageKey) }))}
            data-testid="filter-status"
          />
          <ProjectFilters list={list} />
        </ListToolbar>
        <PageState state={state} isEmpty={(d) => d.items.length === 0} empty={<EmptyState description={t('oversight.none')} />}>
          {(page) => (
            <div data-testid="oversight-projects">
              <Table<ProjectSummary>
                rowKey="id"
                size="middle"
                dataSource={page.items}
                {...serverTable(list, page.total, PAGE_SIZE)}
                scroll={{ x: true }}
                columns={[
                  { title: t('project.code'), dataIndex: 'code', key: 'code', sorter: true, sortOrder: list.sortOrder('code') },
                  {
                    title: t('project.name'),
                    dataIndex: 'name',
                    key: 'name',
                    sorter: true,
                    sortOrder: list.sortOrder('name'),
                    render: (name: string, p) => <Link to={`/review/projects/${p.id}`}>{name}</Link>,
                  },
                  { title: t('project.org'), dataIndex: 'orgName' },
                  { title: t('project.jurisdiction'), dataIndex: 'jurisdiction', render: (j: string) => <JurisdictionName code={j} /> },
                  { title: t('project.status'), dataIndex: 'status', render: (s: ProjectStatus) => <StatusTag status={s} /> },
                  { title: t('project.totalBudget'), dataIndex: 'totalBudget', key: 'totalBudget', align: 'right', sorter: true, sortOrder: list.sortOrder('totalBudget'), render: (v: number) => formatYuan(v) },
                  { title: t('project.submittedAt'), dataIndex: 'submittedAt', key: 'submittedAt', sorter: true, sortOrder: list.sortOrder('submittedAt'), render: (d: string | null) => formatDate(d) },
                ]}
              />
            </div>
          )}
        </PageState>
      </Card>
    </>
  );
}
