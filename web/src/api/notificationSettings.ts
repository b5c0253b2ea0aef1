// Notification settings: one's own channels per event, an organisation's webhook (system administrator), and the
// delivery log with its retry.
import { call, client, dataOf, ifMatch, type QueryOf, type RequestBody, type Schemas } from './client';

export type NotificationPreferences = Schemas['NotificationPreferences'];
export type PreferencesInput = RequestBody<'/api/me/notification-preferences', 'put'>;
export type OrgWebhook = Schemas['OrgWebhook'];
export type WebhookTestResult = Schemas['WebhookTestResult'];
export type NotificationDelivery = Schemas['NotificationDelivery'];
export type DeliveryQuery = QueryOf<'/api/admin/deliveries'>;

export const fetchPreferences = (signal?: AbortSignal) => call(client.GET('/api/me/notification-preferences', { signal }));
export const savePreferences = (etag: string | null, body: PreferencesInput) =>
  call(client.PUT('/api/me/notification-preferences', { params: { header: ifMatch(etag) }, body }));

const orgPath = (id: string) => ({ path: { id } });
export const fetchWebhook = (orgId: string, signal?: AbortSignal) => call(client.GET('/api/orgs/{id}/webhook', { params: orgPath(orgId), signal }));
export const saveWebhook = (orgId: string, etag: string | null, body: RequestBody<'/api/orgs/{id}/webhook', 'put'>) =>
  call(client.PUT('/api/orgs/{id}/webhook', { params: { ...orgPath(orgId), header: ifMatch(etag) }, body }));
export const deleteWebhook = (orgId: string, etag: string | null) =>
  call(client.DELETE('/api/orgs/{id}/webhook', { params: { ...orgPath(orgId), header: { 'If-Match': etag ?? '' } } }));
export const testWebhook = (orgId: string) => dataOf(client.POST('/api/orgs/{id}/webhook/test', { params: orgPath(orgId) }));

export const DELIVERIES_PAGE_SIZE = 50;
export const fetchDeliveries = (query: Omit<DeliveryQuery, 'pageSize'>, signal?: AbortSignal) =>
  dataOf(client.GET('/api/admin/deliveries', { params: { query: { ...query, pageSize: DELIVERIES_PAGE_SIZE } }, signal }));
export const retryDelivery = (id: string) => dataOf(client.POST('/api/admin/deliveries/{id}/retry', { params: { path: { id } } }));
