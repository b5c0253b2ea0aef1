// Rectification notices GIA issued to a project (Art. 24), each with the deadline it set: the results are due
// within 10 working days of the notice. Shows what is to be rectified, when it is due, and whether it was reported.
import { Table, Tag, Typography } from 'antd';
import type { DeadlineItem } from '../../api/deadlines';
import type { Project, ProjectDeadline } from '../../api/projects';
import { formatDate } from '../../format/dates';
import { useI18n } from '../../i18n';

export interface Rectification {
  /** the RECTIFICATION_NOTICE filing */
  id: string;
  issues: string;
  issuedDate: string;
  /** the RECTIFICATION_REPORT deadline the notice opened; a report names it (deadlineId) */
  deadline?: ProjectDeadline;
}

/** The notices with the deadlines they opened (each notice names its deadline). */
export function rectificationsOf(p: Pick<Project, 'filings' | 'deadlines'>): Rectification[] {
  return p.filings
    .filter((f) => f.kind === 'RECTIFICATION_NOTICE')
    .map((f) => ({
      id: f.id,
      issues: String(f.data.issues ?? ''),
      issuedDate: String(f.data.issuedDate ?? ''),
      deadline: p.deadlines.find((d) => d.id === f.data.deadlineId),
    }));
}

/** `live`: the deadline as /api/deadlines counts it today (working days left, overdue), when the page has it. */
export function RectificationList({ items, live }: { items: Rectification[]; live?: (deadlineId: string) => DeadlineItem | undefined }) {
  const { t } = useI18n();
  return (
    <Table<Rectification>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={items}
      data-testid="rectification-list"
      onRow={(r) => ({ 'data-testid': `rectification-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('rectification.issues'), dataIndex: 'issues', render: (v: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span> },
        { title: t('rectification.issuedDate'), dataIndex: 'issuedDate', width: 110, className: 'zy-nowrap', render: (v: string) => formatDate(v) },
        {
          title: t('rectification.due'),
          key: 'due',
          width: 190,
          render: (_, r) =>
            r.deadline ? (
              <>
                <Typography.Text strong data-testid="rectification-due">{formatDate(r.deadline.dueDate)}</Typography.Text>
                <div>
                  <Typography.Text type="secondary">{t('rectification.within', { n: r.deadline.workingDays })}</Typography.Text>
                  {r.deadline.article && <Tag style={{ marginLeft: 6 }}>{r.deadline.article}</Tag>}
                  {r.deadline.provisional && <Tag color="orange">{t('deadlines.provisional')}</Tag>}
                </div>
              </>
            ) : (
              '—'
            ),
        },
        {
          title: t('rectification.status'),
          key: 'status',
          width: 150,
          render: (_, r) => {
            if (!r.deadline) return '—';
            if (r.deadline.metAt) return <Tag color="green">{t('rectification.reported')}</Tag>;
            const d = live?.(r.deadline.id);
            if (d?.overdue) return <Typography.Text className="zy-overdue">{t('deadlines.overdue')}</Typography.Text>;
            if (d && d.workingDaysLeft !== null) return t('deadlines.workingDaysLeft', { n: d.workingDaysLeft });
            return <Tag color="orange">{t('rectification.open')}</Tag>;
          },
        },
      ]}
    />
  );
}
