// Notification settings: one's own channels per event, an organisation's webhook (system administrator), and the
// delivery log with its retry (system administrator; the auditor reads).
import {
  deliveryPageSchema,
  deliveryQuerySchema,
  deliveryViewSchema,
  preferencesInputSchema,
  preferencesViewSchema,
  webhookInputSchema,
  webhookTestResultSchema,
  webhookViewSchema,
} from '../../notifications/settings-schema.js';
import { readIfMatch, sendVersioned } from '../etag.js';
import { route, type RouteTable } from '../route.js';
import { errors, idParam } from '../schemas.js';
import type { Services } from '../services.js';

export function notificationSettingsRoutes(table: RouteTable, s: Services) {
  const tags = ['notifications'];
  route(table, {
    method: 'get',
    path: '/api/me/notification-preferences',
    summary: 'Your own notification channels: for each event whether it reaches you by e-mail and by your organisation\'s webhook, the daily digest, the language; whether e-mail and a webhook are available',
    tags,
    auth: true,
    responses: { 200: { description: 'your preferences (the defaults until you change them)', schema: preferencesViewSchema }, 401: errors[401] },
    handler: async ({ ctx }, _req, res) => sendVersioned(res, await s.notificationSettings.preferences(ctx)),
  });
  route(table, {
    method: 'put',
    path: '/api/me/notification-preferences',
    summary: 'Change your own notification channels (If-Match optional: a stale one is refused with 412)',
    tags,
    auth: true,
    ifMatch: 'optional',
    body: preferencesInputSchema,
    responses: { 200: { description: 'stored', schema: preferencesViewSchema }, 400: errors[400], 401: errors[401], 412: errors[412] },
    handler: async ({ body, ctx }, req, res) => sendVersioned(res, await s.notificationSettings.updatePreferences(ctx, readIfMatch(req), body)),
  });
  route(table, {
    method: 'get',
    path: '/api/orgs/:id/webhook',
    summary: "An organisation's webhook (system administrator): its URL and whether it is called; never its signing key",
    tags,
    auth: true,
    params: idParam,
    responses: { 200: { description: 'the webhook (configured: false when none)', schema: webhookViewSchema }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    handler: async ({ params, ctx }, _req, res) => sendVersioned(res, await s.notificationSettings.webhook(ctx, params.id)),
  });
  route(table, {
    method: 'put',
    path: '/api/orgs/:id/webhook',
    summary:
      "Set an organisation's webhook (system administrator): http(s) only, no loopback, link-local or private address unless configured (422 WEBHOOK_URL_SCHEME / WEBHOOK_URL_PRIVATE / WEBHOOK_URL_UNRESOLVED on `url`); a new one, or rotateSecret, answers with its signing key once",
    tags,
    auth: true, can: ['update', 'OrgWebhook'],
    ifMatch: 'optional',
    params: idParam,
    body: webhookInputSchema,
    responses: { 200: { description: 'stored', schema: webhookViewSchema }, ...errors },
    handler: async ({ params, body, ctx }, req, res) => sendVersioned(res, await s.notificationSettings.setWebhook(ctx, params.id, readIfMatch(req), body)),
  });
  route(table, {
    method: 'delete',
    path: '/api/orgs/:id/webhook',
    summary: "Remove an organisation's webhook (system administrator)",
    tags,
    auth: true,
    ifMatch: true,
    params: idParam,
    responses: { 204: { description: 'removed' }, ...errors },
    handler: async ({ params, ctx }, req, res) => {
      await s.notificationSettings.deleteWebhook(ctx, params.id, readIfMatch(req));
      res.status(204).end();
    },
  });
  route(table, {
    method: 'post',
    path: '/api/orgs/:id/webhook/test',
    summary: "Call an organisation's webhook now with a signed test message (system administrator) and tell how it went",
    tags,
    auth: true,
    params: idParam,
    responses: { 200: { description: 'the outcome (ok false with the error when the receiver refused, failed or timed out)', schema: webhookTestResultSchema }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    handler: async ({ params, ctx }, _req, res) => void res.json(await s.notificationSettings.testWebhook(ctx, params.id, ctx.locale)),
  });
  route(table, {
    method: 'get',
    path: '/api/admin/deliveries',
    summary: 'The notification delivery log (system administrator, auditor): e-mails and webhook calls, newest first, with their attempts and last error',
    tags,
    auth: true,
    query: deliveryQuerySchema,
    responses: { 200: { description: 'a page of deliveries', schema: deliveryPageSchema }, 400: errors[400], 401: errors[401], 403: errors[403] },
    handler: async ({ query, ctx }, _req, res) => void res.json(await s.notificationSettings.deliveries(ctx, query, ctx.locale)),
  });
  route(table, {
    method: 'post',
    path: '/api/admin/deliveries/:id/retry',
    summary: 'Send a FAILED delivery again (system administrator): queued at once, retried with backoff like a new one; 409 DELIVERY_NOT_FAILED',
    tags,
    auth: true,
    params: idParam,
    responses: { 200: { description: 'queued again', schema: deliveryViewSchema }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
    handler: async ({ params, ctx }, _req, res) => void res.json(await s.notificationSettings.retryDelivery(ctx, params.id, ctx.locale)),
  });
}

