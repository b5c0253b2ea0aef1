// The inbox (站内信): my notifications, newest first, read or not; reading one, or all of them.
import { client, dataOf, type QueryOf, type Schemas } from './client';

export type NotificationItem = Schemas['Notification'];
export type NotificationPage = Schemas['NotificationPage'];

export const fetchNotifications = (query: QueryOf<'/api/notifications'> = {}, signal?: AbortSignal) =>
  dataOf(client.GET('/api/notifications', { params: { query }, signal }));

export const markNotificationRead = (id: string) => dataOf(client.POST('/api/notifications/{id}/read', { params: { path: { id } } }));

export const markAllNotificationsRead = () => dataOf(client.POST('/api/notifications/read-all'));
