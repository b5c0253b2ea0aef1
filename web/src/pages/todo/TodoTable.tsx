// The rows of a to-do list: the kind, the object and what is to be done with it, the unit, the stage, the deadline with the working
// days left (in red when overdue) and the article; one click on a row opens the page where it is done.
import { Table, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import type { TodoItem } from '../../api/todo';
import { formatDate, formatDateTime } from '../../format/dates';
import { useI18n } from '../../i18n';

function DueCell({ item }: { item: TodoItem }) {
  const { t } = useI18n();
  if (!item.dueDate) return <Typography.Text type="secondary">{t('todo.noDue')}</Typography.Text>;
  const left = item.daysLeft ?? 0;
  return (
    <>
      <div>{formatDate(item.dueDate)}</div>
      {item.overdue ? (
        <Typography.Text className="zy-overdue" data-testid="todo-overdue">
          {t('todo.overdueBy', { n: Math.max(1, -left) })}
        </Typography.Text>
      ) : (
        <Typography.Text type={left <= 1 ? 'warning' : 'secondary'}>{left === 0 ? t('todo.dueToday') : t('todo.daysLeft', { n: left })}</Typography.Text>
      )}
    </>
  );
}

/** `compact`: the workbench's short list (no unit, stage or arrival columns). */
export function TodoTable({ items, compact }: { items: TodoItem[]; compact?: boolean }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Table<TodoItem>
      size="small"
      rowKey="id"
      dataSource={items}
      pagination={!compact && items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      rowClassName={(d) => (d.overdue ? 'zy-row-overdue zy-row-link' : 'zy-row-link')}
      onRow={(d) => ({ onClick: () => navigate(d.link), 'data-testid': 'todo-row' }) as React.HTMLAttributes<HTMLElement>}
      data-testid="todo-table"
      columns={[
        { title: t('todo.kind'), key: 'kind', width: 130, render: (_, d) => <Tag color={d.overdue ? 'red' : 'blue'}>{d.kindLabel}</Tag> },
        {
          title: t('todo.item'),
          key: 'item',
          render: (_, d) => (
            <>
              <Link to={d.link} onClick={(e) => e.stopPropagation()}>
                {d.objectName}
              </Link>
              {d.title !== d.objectName && <div className="zy-muted">{d.title}</div>}
            </>
          ),
        },
        ...(compact
          ? []
          : [
              { title: t('todo.org'), key: 'org', width: 180, render: (_: unknown, d: TodoItem) => d.orgName },
              { title: t('todo.stage'), key: 'stage', width: 130, render: (_: unknown, d: TodoItem) => d.stage ?? '—' },
              { title: t('todo.since'), key: 'since', width: 150, render: (_: unknown, d: TodoItem) => formatDateTime(d.since) },
            ]),
        { title: t('todo.due'), key: 'due', width: 170, render: (_, d) => <DueCell item={d} /> },
        { title: t('todo.article'), key: 'article', width: 110, render: (_, d) => (d.article ? <Tag>{d.article}</Tag> : null) },
      ]}
    />
  );
}
