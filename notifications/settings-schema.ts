// The notification settings as the API sends and takes them: a person's channels per event, an organisation's
// webhook, and the delivery log (api/routers/notification-settings.ts).
import { pageOf, z } from '../core/zod-openapi.js';
import { allowedActionSchema } from '../core/workflow/allowed-action-schema.js';
import { NOTIFICATION_EVENTS } from './events.js';

export const notificationEventSchema = z.enum(NOTIFICATION_EVENTS).openapi('NotificationEvent');
const localeSchema = z.enum(['zh-CN', 'en']);

export const preferencesViewSchema = z
  .object({
    events: z.array(
      z.object({
        event: notificationEventSchema,
        label: z.string().describe('in zh-CN'),
        labelEn: z.string(),
        email: z.boolean(),
        webhook: z.boolean(),
      }),
    ),
    emailDigest: z.boolean().describe('e-mails gathered into one a day instead of one per notification'),
    locale: localeSchema.describe('the language of the e-mails and webhook messages'),
    email: z.string().nullable().describe("the account's e-mail address, where mails go"),
    emailAvailable: z.boolean().describe('an SMTP server is configured and the account has an address'),
    smtpConfigured: z.boolean(),
    webhookAvailable: z.boolean().describe("the user's organisation has an enabled webhook"),
    custom: z.boolean().describe('false: the defaults, never changed'),
    version: z.number().int().describe('0 while the defaults apply'),
  })
  .openapi('NotificationPreferences');
export type PreferencesView = z.infer<typeof preferencesViewSchema>;

export const preferencesInputSchema = z.strictObject({
  emailEvents: z.array(notificationEventSchema).max(NOTIFICATION_EVENTS.length),
  webhookEvents: z.array(notificationEventSchema).max(NOTIFICATION_EVENTS.length),
  emailDigest: z.boolean(),
  locale: localeSchema,
});
export type PreferencesInput = z.infer<typeof preferencesInputSchema>;

export const webhookViewSchema = z
  .object({
    orgId: z.string(),
    configured: z.boolean(),
    url: z.string().nullable(),
    enabled: z.boolean(),
    version: z.number().int().describe('0 while none is configured'),
    updatedAt: z.string().nullable(),
    secret: z.string().optional().describe('the signing key: only in the answer that generated it, never again'),
  })
  .openapi('OrgWebhook');
export type WebhookView = z.infer<typeof webhookViewSchema>;

export const webhookInputSchema = z.strictObject({
  url: z.string().trim().min(1).max(2000),
  enabled: z.boolean(),
  rotateSecret: z.boolean().optional().describe('generate a new signing key (the answer shows it once)'),
});

export const webhookTestResultSchema = z
  .object({ ok: z.boolean(), status: z.number().int().nullable(), error: z.string().nullable(), durationMs: z.number().int() })
  .openapi('WebhookTestResult');

export const DELIVERY_STATES = ['PENDING', 'SENT', 'FAILED'] as const;
export const DELIVERY_CHANNELS = ['EMAIL', 'WEBHOOK'] as const;

export const deliveryViewSchema = z
  .object({
    id: z.string(),
    channel: z.enum(DELIVERY_CHANNELS),
    target: z.string().describe('the e-mail address or the webhook URL'),
    subject: z.string(),
    state: z.enum(DELIVERY_STATES),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    lastAttemptAt: z.string().nullable(),
    sentAt: z.string().nullable(),
    createdAt: z.string(),
    recipient: z.object({ id: z.string(), username: z.string(), displayName: z.string() }).nullable(),
    org: z.object({ id: z.string(), name: z.string() }).nullable(),
    allowedActions: z.array(allowedActionSchema),
  })
  .openapi('NotificationDelivery');
export type DeliveryView = z.infer<typeof deliveryViewSchema>;

export const deliveryPageSchema = pageOf(deliveryViewSchema).openapi('NotificationDeliveryPage');

export const deliveryQuerySchema = z.strictObject({
  state: z.enum(DELIVERY_STATES).optional(),
  channel: z.enum(DELIVERY_CHANNELS).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
