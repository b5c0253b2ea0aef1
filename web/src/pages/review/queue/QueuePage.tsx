// A reviewer's queues, one tab per stage they act on, longest-waiting first (waiting time in working days).
import { Card, Table, Tabs, Tag } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { fetchQueue } from '../../../api/projects';
import type { QueueItem, QueueStage } from '../../../api/projects';
import type { Role } from '../../../api/session';
import { useAuth } from '../../../auth/AuthContext';
import { EmptyState, PageState } from '../../../components/PageState';
import { PageTitle } from '../../../components/PageTitle';
import { formatDateTime } from '../../../format/dates';
import { formatYuan } from '../../../format/money';
import { useApiData } from '../../../hooks/useApiData';
import { useI18n } from '../../../i18n';

const STAGES: Partial<Record<Role, QueueStage[]>> = {
  GIA_REVIEWER: ['GIA_REVIEW', 'BUDGET_APPROVED', 'PUBLIC_NOTICE', 'CHANGE_REVIEW'],
  FINANCE_REVIEWER: ['BUDGET_REVIEW'],
};

export function stagesFor(role: Role | undefined): QueueStage[] {
  return (role && STAGES[role]) || [];
}

export function QueuePage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const stages = stagesFor(user?.role);
  const [search, setSearch] = useSearchParams();
  const stage = (stages.find((s) => s === search.get('stage')) ?? stages[0]) as QueueStage | undefined;
  return (
    <>
      <PageTitle title={t('queue.title')} subtitle={t('queue.subtitle')} />
      <Card>
        <Tabs
          activeKey={stage}
          onChange={(k) => setSearch({ stage: k }, { replace: true })}
          items={stages.map((s) => ({ key: s, label: t(`queue.stage.${s}`), children: s === stage ? <QueueTable stage={s} /> : null }))}
        />
      </Card>
    </>
  );
}

function QueueTable({ stage }: { stage: QueueStage }) {
  const { t } = useI18n();
  const state = useApiData((signal) => fetchQueue(stage, signal), [stage]);
  return (
    <PageState state={state} isEmpty={(d) => d.items.length === 0} empty={<EmptyState description={t('queue.empty')} />}>
      {(d) => (
        <Table<QueueItem>
          rowKey="id"
          size="middle"
          data-testid="queue-table"
          pagination={d.items.length > 20 ? { pageSize: 20 } : false}
          dataSource={[...d.items].sort((a, b) => (b.waitingWorkingDays ?? 0) - (a.waitingWorkingDays ?? 0) || (a.submittedAt ?? '').localeCompare(b.submittedAt ?? ''))}
          columns={[
            { title: t('project.code'), dataIndex: 'code', width: 130 },
            { title: t('project.name'), key: 'name', render: (_, p) => <Link to={`/review/projects/${p.id}`}>{p.name}</Link> },
            { title: t('project.org'), dataIndex: 'orgName' },
            { title: t('project.totalBudget'), key: 'b', align: 'right', render: (_, p) => <span className="zy-money">{formatYuan(p.totalBudget)}</span> },
            ...(stage !== 'GIA_REVIEW' ? [{ title: t('project.approvedBudget'), key: 'a', align: 'right' as const, render: (_: unknown, p: QueueItem) => <span className="zy-money">{formatYuan(p.approvedBudget)}</span> }] : []),
            { title: t('project.submittedAt'), dataIndex: 'submittedAt', width: 150, render: (v: string | null) => formatDateTime(v) },
            {
              title: t('queue.waiting'),
              dataIndex: 'waitingWorkingDays',
              width: 120,
              defaultSortOrder: 'descend',
              sorter: (a, b) => (a.waitingWorkingDays ?? 0) - (b.waitingWorkingDays ?? 0),
              render: (n: number | undefined) => <Tag color={(n ?? 0) > 10 ? 'red' : (n ?? 0) > 5 ? 'orange' : 'default'}>{t('queue.workingDays', { n: n ?? 0 })}</Tag>,
            },
            { title: t('common.actions'), key: 'go', width: 100, render: (_, p) => <Link to={`/review/projects/${p.id}`}>{t(`queue.action.${stage}`)}</Link> },
          ]}
        />
      )}
    </PageState>
  );
}
