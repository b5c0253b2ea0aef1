// Deadlines counted in working days: due date, days left, overdue in red. Used by the portal and by GIA.
import { Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { ownerOf, type DeadlineItem } from '../api/deadlines';
import { formatDate } from '../format/dates';
import { useI18n } from '../i18n';

export function DeadlineTable({ items, projectLink, showOrg }: { items: DeadlineItem[]; projectLink: (id: string) => string; showOrg?: boolean }) {
  const { t } = useI18n();
  return (
    <Table<DeadlineItem>
      size="small"
      rowKey="id"
      dataSource={items}
      pagination={items.length > 20 ? { pageSize: 20 } : false}
      rowClassName={(d) => (d.overdue ? 'zy-row-overdue' : '')}
      data-testid="deadline-table"
      columns={[
        { title: t('deadlines.obligation'), key: 'title', render: (_, d) => <>{d.title}{d.article && <Tag style={{ marginLeft: 6 }}>{d.article}</Tag>}{d.provisional && <Tag color="orange">{t('deadlines.provisional')}</Tag>}</> },
        {
          title: t('deadlines.project'),
          key: 'project',
          render: (_, d) =>
            d.project ? (
              <Link to={projectLink(d.project.id)}>{d.project.name}</Link>
            ) : (
              // a migrated system's obligation (its security dossier): the register opens its drawer
              <Link to={`/migration/systems?open=${ownerOf(d).id}`}>{ownerOf(d).name}</Link>
            ),
        },
        ...(showOrg ? [{ title: t('deadlines.org'), key: 'org', render: (_: unknown, d: DeadlineItem) => ownerOf(d).orgName }] : []),
        {
          title: t('deadlines.due'),
          key: 'due',
          width: 160,
          render: (_, d) => (
            <>
              {formatDate(d.dueDate)}
              {d.recomputed && (
                <Typography.Paragraph type="warning" style={{ margin: 0, fontSize: 12 }} data-testid="deadline-recomputed">
                  {t('deadlines.recomputed', { from: formatDate(d.recomputed.from), to: formatDate(d.recomputed.to) })}
                </Typography.Paragraph>
              )}
            </>
          ),
        },
        {
          title: t('deadlines.left'),
          key: 'left',
          width: 150,
          render: (_, d) =>
            d.metAt ? (
              <Tag color="green">{t('deadlines.met')}</Tag>
            ) : d.overdue ? (
              <Typography.Text className="zy-overdue" data-testid="overdue">{t('deadlines.overdue')}</Typography.Text>
            ) : (
              t('deadlines.workingDaysLeft', { n: d.workingDaysLeft ?? 0 })
            ),
        },
        {
          title: t('deadlines.reminders'),
          key: 'reminders',
          width: 170,
          render: (_, d) =>
            d.reminders.count ? (
              <Tag color="volcano" data-testid="reminded">
                {t('deadlines.remindedTimes', { n: d.reminders.count, day: formatDate(d.reminders.lastDay) })}
              </Tag>
            ) : null,
        },
      ]}
    />
  );
}
