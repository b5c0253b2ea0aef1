// A reviewer's queues, one tab per stage they act on, oldest submission first (waiting time in working days), with
// a search by number, name, approval number or organisation, filters (organisation, year, amount, overdue) and
// sorting on the server; the stage, the search, the filters, the sort and the page are kept in the address, so a
// reload or a link returns to the same place. The export holds what the table shows, every page of it.
import { Badge, Card, Table, Tabs, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { fetchQueue, fetchQueues } from '../../../api/projects';
import type { QueueItem, QueueStage } from '../../../api/projects';
import { downloadList } from '../../../api/download';
import { ListToolbar } from '../../../components/ListToolbar';
import { EmptyState, PageState } from '../../../components/PageState';
import { PageTitle } from '../../../components/PageTitle';
import { PROJECT_FILTERS, ProjectFilters, type ProjectFilterKey } from '../../../components/project/ProjectFilters';
import { formatDateTime } from '../../../format/dates';
import { formatYuan } from '../../../format/money';
import { useApiData } from '../../../hooks/useApiData';
import { serverTable, useListParams, type ListParams } from '../../../hooks/useListParams';
import { useI18n } from '../../../i18n';

const STAGE_PARAM = ['stage'] as const;

export function QueuePage() {
  const { t, locale } = useI18n();
  // the queues are the server's answer: the stages whose decision the reader may take, with what waits in each
  const queues = useApiData((signal) => fetchQueues(signal), []);
  const list = useListParams<ProjectFilterKey | 'stage'>([...PROJECT_FILTERS, ...STAGE_PARAM]);
  return (
    <>
      <PageTitle title={t('queue.title')} subtitle={t('queue.subtitle')} />
      <Card>
        <PageState state={queues} isEmpty={(d) => d.items.length === 0} empty={<EmptyState description={t('queue.empty')} />}>
          {(d) => {
            const stage = (d.items.find((q) => q.stage === list.filters.stage) ?? d.items[0])?.stage;
            return (
              <>
                <ListToolbar
                  list={list}
                  placeholder={t('queue.searchPlaceholder')}
                  testId="queue"
                  exporting={
                    stage && {
                      label: t('queue.export'),
                      failed: t('queue.exportFailed'),
                      download: () =>
                        downloadList('/api/projects/queue/export', { ...list.query, stage } as never, locale, t('queue.exportFile', { stage: t(`queue.stage.${stage}`) }), t('queue.exportFailed')),
                    }
                  }
                >
                  <ProjectFilters list={list} />
                </ListToolbar>
                <Tabs
                  activeKey={stage}
                  onChange={(k) => list.setFilter('stage', k)}
                  items={d.items.map((q) => ({
                    key: q.stage,
                    label: (
                      <span data-testid={`queue-tab-${q.stage}`}>
                        {t(`queue.stage.${q.stage}`)} <Badge count={q.waiting} showZero color={q.waiting ? 'blue' : 'default'} />
                      </span>
                    ),
                    children: q.stage === stage ? <QueueTable stage={q.stage} list={list} /> : null,
                  }))}
                />
              </>
            );
          }}
        </PageState>
      </Card>
    </>
  );
}

const PAGE_SIZE = 20;

function QueueTable({ stage, list }: { stage: QueueStage; list: ListParams<ProjectFilterKey | 'stage'> }) {
  const { t } = useI18n();
  const { stage: _tab, ...filters } = list.query;
  const key = JSON.stringify(filters);
  // the project page keeps the queue it was opened from (search, filters, sort), so 下一条 and 返回队列 stay in it
  const open = (id: string) => `/review/projects/${id}?${new URLSearchParams({ stage, ...filters })}`;
  const state = useApiData((signal) => fetchQueue(stage, signal, { ...filters, page: list.page, pageSize: PAGE_SIZE }), [stage, key, list.page]);
  return (
    <PageState state={state} isEmpty={(d) => d.items.length === 0} empty={<EmptyState description={t('queue.empty')} />}>
      {(d) => (
        <Table<QueueItem>
          rowKey="id"
          size="middle"
          data-testid="queue-table"
          {...serverTable(list, d.total, PAGE_SIZE)}
          dataSource={d.items}
          columns={[
            { title: t('project.code'), dataIndex: 'code', key: 'code', width: 130, sorter: true, sortOrder: list.sortOrder('code') },
            { title: t('project.name'), key: 'name', sorter: true, sortOrder: list.sortOrder('name'), render: (_, p) => <Link to={open(p.id)}>{p.name}</Link> },
            { title: t('project.org'), dataIndex: 'orgName' },
            {
              title: t('project.totalBudget'),
              key: 'totalBudget',
              align: 'right',
              sorter: true,
              sortOrder: list.sortOrder('totalBudget'),
              render: (_, p) => <span className="zy-money">{formatYuan(p.totalBudget)}</span>,
            },
            ...(d.items.some((p) => p.approvedBudget !== null) ? [{ title: t('project.approvedBudget'), key: 'a', align: 'right' as const, render: (_: unknown, p: QueueItem) => <span className="zy-money">{formatYuan(p.approvedBudget)}</span> }] : []),
            { title: t('project.submittedAt'), dataIndex: 'submittedAt', key: 'submittedAt', width: 150, sorter: true, sortOrder: list.sortOrder('submittedAt'), render: (v: string | null) => formatDateTime(v) },
            {
              title: t('queue.waiting'),
              dataIndex: 'waitingWorkingDays',
              width: 120,
              render: (n: number | undefined) => <Tag color={(n ?? 0) > 10 ? 'red' : (n ?? 0) > 5 ? 'orange' : 'default'}>{t('queue.workingDays', { n: n ?? 0 })}</Tag>,
            },
            { title: t('common.actions'), key: 'go', width: 100, render: (_, p) => <Link to={open(p.id)}>{t(`queue.action.${stage}`)}</Link> },
          ]}
        />
      )}
    </PageState>
  );
}
