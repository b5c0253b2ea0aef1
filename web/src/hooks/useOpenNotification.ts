// Opening a notification: marked read (the header's badge follows through the stream), then its page. A failure to
// mark it read does not keep the reader from the page it names.
import { useNavigate } from 'react-router-dom';
import { markNotificationRead, type NotificationItem } from '../api/notifications';

export function useOpenNotification(): (n: Pick<NotificationItem, 'id' | 'link' | 'readAt'>) => Promise<void> {
  const navigate = useNavigate();
  return async (n) => {
    if (!n.readAt) await markNotificationRead(n.id).catch(() => undefined);
    navigate(n.link);
  };
}
