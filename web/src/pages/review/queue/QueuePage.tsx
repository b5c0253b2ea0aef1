// A reviewer's queues, one tab per stage they act on, oldest submission first (waiting time in working days), with
// a search by number, name, approval number or organisation; the stage, the search and the page are kept in the
// address, so a reload or a link returns to the same place.
import { Badge, Card, Flex, Input, Table, Tabs, Tag } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { downloadQueue, fetchQueue, fetchQueues } from '../../../api/projects';
import type { QueueItem, QueueStage } from '../../../api/projects';
import { DownloadButton } from '../../../components/DownloadButton';
import { EmptyState, PageState } from '../../../components/PageState';
import { PageTitle } from '../../../components/PageTitle';
import { formatDateTime } from '../../../format/dates';
import { formatYuan } from '../../../format/money';
import { useApiData } from '../../../hooks/useApiData';
import { useI18n } from '../../../i18n';

export function QueuePage() {
  const { t } = useI18n();
  // the queues are the server's answer: the stages whose decision the reader may take, with what waits in each
  const queues = useApiData((signal) => fetchQueues(signal), []);
  const [search, setSearch] = useSearchParams();
  return (
    <>
      <PageTitle title={t('queue.title')} subtitle={t('queue.subtitle')} />
      <Card>
        <PageState state={queues} isEmpty={(d) => d.items.length === 0} empty={<EmptyState description={t('queue.empty')} />}>
          {(d) => {
            const stage = (d.items.find((q) => q.stage === search.get('stage')) ?? d.items[0])?.stage;
            return (
              <>
                <Flex justify="flex-end" gap={8} wrap style={{ marginBottom: 8 }}>
                  <Input.Search
                    allowClear
                    defaultValue={search.get('q') ?? ''}
                    placeholder={t('queue.searchPlaceholder')}
                    aria-label={t('queue.searchPlaceholder')}
                    style={{ width: 280 }}
                    data-testid="queue-search"
                    onSearch={(q) => setSearch({ ...(stage ? { stage } : {}), ...(q.trim() ? { q: q.trim() } : {}) }, { replace: true })}
                  />
                  {stage && <ExportButton stage={stage} q={search.get('q') ?? ''} />}
                </Flex>
              <Tabs
                activeKey={stage}
                onChange={(k) => setSearch({ stage: k }, { replace: true })}
                items={d.items.map((q) => ({
                  key: q.stage,
                  label: (
                    <span data-testid={`queue-tab-${q.stage}`}>
                      {t(`queue.stage.${q.stage}`)} <Badge count={q.waiting} showZero color={q.waiting ? 'blue' : 'default'} />
                    </span>
                  ),
                  children: q.stage === stage ? <QueueTable stage={q.stage} /> : null,
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

function QueueTable({ stage }: { stage: QueueStage }) {
  const { t } = useI18n();
  const [search, setSearch] = useSearchParams();
  const q = search.get('q') ?? '';
  const page = Math.max(1, Number(search.get('page')) || 1);
  const state = useApiData((signal) => fetchQueue(stage, signal, { q, page, pageSize: PAGE_SIZE }), [stage, q, page]);
  return (
    <PageState state={state} isEmpty={(d) => d.items.length === 0} empty={<EmptyState description={t('queue.empty')} />}>
      {(d) => (
        <Table<QueueItem>
          rowKey="id"
          size="middle"
          data-testid="queue-table"
          pagination={
            d.total > PAGE_SIZE
              ? {
                  current: page,
                  pageSize: PAGE_SIZE,
                  total: d.total,
                  showSizeChanger: false,
                  onChange: (p) => setSearch({ stage, ...(q ? { q } : {}), ...(p > 1 ? { page: String(p) } : {}) }, { replace: true }),
                }
              : false
          }
          dataSource={d.items}
          columns={[
            { title: t('project.code'), dataIndex: 'code', width: 130 },
            { title: t('project.name'), key: 'name', render: (_, p) => <Link to={`/review/projects/${p.id}`}>{p.name}</Link> },
            { title: t('project.org'), dataIndex: 'orgName' },
            { title: t('project.totalBudget'), key: 'b', align: 'right', render: (_, p) => <span className="zy-money">{formatYuan(p.totalBudget)}</span> },
            ...(d.items.some((p) => p.approvedBudget !== null) ? [{ title: t('project.approvedBudget'), key: 'a', align: 'right' as const, render: (_: unknown, p: QueueItem) => <span className="zy-money">{formatYuan(p.approvedBudget)}</span> }] : []),
            { title: t('project.submittedAt'), dataIndex: 'submittedAt', width: 150, render: (v: string | null) => formatDateTime(v) },
            {
              title: t('queue.waiting'),
              dataIndex: 'waitingWorkingDays',
              width: 120,
              render: (n: number | undefined) => <Tag color={(n ?? 0) > 10 ? 'red' : (n ?? 0) > 5 ? 'orange' : 'default'}>{t('queue.workingDays', { n: n ?? 0 })}</Tag>,
            },
            { title: t('common.actions'), key: 'go', width: 100, render: (_, p) => <Link to={`/review/projects/${p.id}`}>{t(`queue.action.${stage}`)}</Link> },
          ]}
        />
      )}
    </PageState>
  );
}

/** The queue as XLSX, as the table shows it (the search applied). */
function ExportButton({ stage, q }: { stage: QueueStage; q: string }) {
  const { t, locale } = useI18n();
  return (
    <DownloadButton
      label={t('queue.export')}
      failed={t('queue.exportFailed')}
      testId="queue-export"
      download={() => downloadQueue(stage, q, locale, t('queue.exportFile', { stage: t(`queue.stage.${stage}`) }), t('queue.exportFailed'))}
    />
  );
}
