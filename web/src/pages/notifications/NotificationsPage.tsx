// 站内信: my notifications, unread or all, newest first. Opening one marks it read and goes to its page; all can be
// marked read at once. The header's bell follows through the stream, and the list is read again when it changes.
import { App, Badge, Button, Card, Segmented, Table, Tag, Typography } from 'antd';
import { markAllNotificationsRead, fetchNotifications, type NotificationItem } from '../../api/notifications';
import { errorMessage } from '../../components/ErrorAlert';
import { EmptyState, PageState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { formatDate, formatDateTime } from '../../format/dates';
import { useApiData } from '../../hooks/useApiData';
import { serverTable, useListParams } from '../../hooks/useListParams';
import { useOpenNotification } from '../../hooks/useOpenNotification';
import { useI18n } from '../../i18n';
import { useTodoCounts } from '../../layout/TodoCounts';

const PAGE_SIZE = 20;
const FILTERS = ['show'] as const;

export function NotificationsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const list = useListParams(FILTERS);
  const open = useOpenNotification();
  const unreadOnly = list.filters.show !== 'all';
  const unreadNow = useTodoCounts()?.unread;
  const state = useApiData(
    (signal) => fetchNotifications({ unread: unreadOnly ? 'true' : undefined, page: list.page, pageSize: PAGE_SIZE }, signal),
    [unreadOnly, list.page, unreadNow],
  );
  async function readAll() {
    try {
      const { read } = await markAllNotificationsRead();
      message.success(t('inbox.markedAllRead', { n: read }));
      state.reload();
    } catch (err) {
      message.error(errorMessage(err, t('common.unexpectedError')));
    }
  }
  return (
    <>
      <PageTitle
        title={t('inbox.title')}
        subtitle={state.data ? t('inbox.total', { total: state.data.total, unread: state.data.unread }) : t('inbox.subtitle')}
        extra={
          <>
            <Segmented<'unread' | 'all'>
              aria-label={t('inbox.filter')}
              value={unreadOnly ? 'unread' : 'all'}
              onChange={(v) => list.setFilter('show', v === 'all' ? 'all' : undefined)}
              options={[
                { label: t('inbox.unreadOnly'), value: 'unread' },
                { label: t('inbox.all'), value: 'all' },
              ]}
              data-testid="inbox-filter"
            />
            <Button onClick={() => void readAll()} disabled={!state.data?.unread} data-testid="inbox-read-all">
              {t('inbox.markAllRead')}
            </Button>
          </>
        }
      />
      <Card>
        <PageState
          state={state}
          isEmpty={(d) => d.total === 0}
          empty={<EmptyState description={unreadOnly ? t('inbox.emptyUnread') : t('inbox.empty')} />}
        >
          {(d) => (
            <Table<NotificationItem>
              size="small"
              rowKey="id"
              dataSource={d.items}
              data-testid="inbox-table"
              rowClassName={(n) => (n.readAt ? 'zy-row-link' : 'zy-row-link zy-unread')}
              onRow={(n) => ({ onClick: () => void open(n), 'data-testid': 'inbox-row' }) as React.HTMLAttributes<HTMLElement>}
              {...serverTable(list, d.total, PAGE_SIZE)}
              columns={[
                {
                  title: t('inbox.state'),
                  key: 'state',
                  width: 80,
                  render: (_, n) => (n.readAt ? <Typography.Text type="secondary">{t('inbox.read')}</Typography.Text> : <Badge status="processing" text={t('inbox.unread')} />),
                },
                { title: t('inbox.event'), key: 'event', width: 150, render: (_, n) => <Tag color={n.readAt ? undefined : 'blue'}>{n.eventLabel}</Tag> },
                { title: t('inbox.message'), key: 'message', render: (_, n) => <a href={n.link} onClick={(e) => e.preventDefault()}>{n.message}</a> },
                { title: t('inbox.due'), key: 'due', width: 110, render: (_, n) => (n.dueDate ? formatDate(n.dueDate) : null) },
                { title: t('inbox.article'), key: 'article', width: 110, render: (_, n) => (n.article ? <Tag>{n.article}</Tag> : null) },
                { title: t('inbox.at'), key: 'at', width: 160, render: (_, n) => formatDateTime(n.createdAt) },
              ]}
            />
          )}
        </PageState>
      </Card>
    </>
  );
}
