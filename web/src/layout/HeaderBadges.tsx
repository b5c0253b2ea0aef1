// The header's badges on every page of the signed-in console: 待办 (what waits for me; a click opens the to-do
// centre) and the bell (unread notifications; a click shows the latest unread, each one click from its page).
// Both counts come live from the stream (./TodoCounts.tsx).
import { useState } from 'react';
import { Badge, Button, Empty, Flex, List, Popover, Typography } from 'antd';
import { BellOutlined, CheckSquareOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { fetchNotifications } from '../api/notifications';
import { formatDateTime } from '../format/dates';
import { useApiData } from '../hooks/useApiData';
import { useOpenNotification } from '../hooks/useOpenNotification';
import { useI18n } from '../i18n';
import { useTodoCounts } from './TodoCounts';

const LATEST = 5;

function LatestUnread({ unread, onOpened }: { unread: number; onOpened(): void }) {
  const { t } = useI18n();
  const open = useOpenNotification();
  // read again whenever the unread count changes while the list is shown
  const state = useApiData((signal) => fetchNotifications({ unread: 'true', pageSize: LATEST }, signal), [unread]);
  const items = state.data?.items ?? [];
  return (
    <div style={{ width: 360 }} data-testid="inbox-latest">
      {items.length === 0 && !state.loading ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('header.noUnread')} />
      ) : (
        <List
          size="small"
          loading={state.loading && !state.data}
          dataSource={items}
          renderItem={(n) => (
            <List.Item
              style={{ cursor: 'pointer' }}
              data-testid="inbox-latest-item"
              onClick={() => {
                onOpened();
                void open(n);
              }}
            >
              <List.Item.Meta
                title={<Typography.Text strong>{n.eventLabel}</Typography.Text>}
                description={
                  <>
                    <div>{n.message}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(n.createdAt)}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
      <Flex justify="flex-end" style={{ marginTop: 8 }}>
        <Link to="/notifications" onClick={onOpened} data-testid="inbox-all">
          {t('header.allNotifications')}
        </Link>
      </Flex>
    </div>
  );
}

export function HeaderBadges() {
  const { t } = useI18n();
  const counts = useTodoCounts();
  const [open, setOpen] = useState(false);
  const todo = counts?.todo ?? 0;
  const unread = counts?.unread ?? 0;
  return (
    <>
      <Link
        to="/todo"
        className="zy-header-link"
        data-testid="todo-badge"
        data-count={counts ? todo : undefined}
        aria-label={`${t('header.todo')}: ${t('header.todoCount', { n: todo })}`}
      >
        <Badge count={todo} overflowCount={99} size="small" offset={[4, -2]}>
          <CheckSquareOutlined className="zy-header-icon" />
        </Badge>{' '}
        {t('header.todo')}
      </Link>
      <Popover
        trigger="click"
        placement="bottomRight"
        open={open}
        onOpenChange={setOpen}
        title={t('header.latestUnread')}
        content={open ? <LatestUnread unread={unread} onOpened={() => setOpen(false)} /> : null}
      >
        <Button
          type="text"
          className="zy-user"
          data-testid="inbox-badge"
          data-count={counts ? unread : undefined}
          aria-label={`${t('header.inbox')}: ${t('header.unreadCount', { n: unread })}`}
        >
          <Badge count={unread} overflowCount={99} size="small" offset={[4, -2]}>
            <BellOutlined className="zy-header-icon" />
          </Badge>
        </Button>
      </Popover>
    </>
  );
}
