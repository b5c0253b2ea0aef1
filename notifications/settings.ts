// The notification settings: a person's own channels per event, an organisation's webhook (system administrator),
// and the log of what was sent (system administrator, auditor) with a retry of what failed. Each change is audited
// in its transaction.
import { assertCan, readableWhere, subject } from '../core/access/abilities.js';
import type { Actor } from '../core/actor.js';
import { recordAudit } from '../core/audit/audit.js';
import type { NotificationConfig } from '../core/config.js';
import type { Database } from '../core/db/database.js';
import type { NotificationDelivery, Prisma } from '../core/db/generated/client.js';
import { assertUpdated, assertVersion } from '../core/db/versioning.js';
import { ConflictError, NotFoundError, PreconditionError } from '../core/errors.js';
import { registerMessages, t, type Locale } from '../core/i18n.js';
import type { JobQueue } from '../core/jobs/queue.js';
import { checkWebhookUrl, newWebhookSecret, postWebhook } from './channels/webhook.js';
import { absoluteLink, SETTINGS_PATH } from './deliveries.js';
import { enqueueDelivery } from './delivery-queue.js';
import { EVENT_TEXTS, NOTIFICATION_EVENTS } from './events.js';
import { effectivePreferences } from './preferences.js';
import type { DeliveryView, PreferencesInput, PreferencesView, WebhookView } from './settings-schema.js';

registerMessages({
  'action.NotificationDelivery.retry': { 'zh-CN': '重新发送', en: 'Send again' },
  DELIVERY_NOT_FAILED: { 'zh-CN': '只有发送失败的投递可以重新发送（当前：{state}）', en: 'Only a failed delivery can be sent again (it is {state})' },
  'webhook.test.title': { 'zh-CN': '【政云】Webhook 测试', en: '[Zhengyun] Webhook test' },
  'webhook.test.text': { 'zh-CN': '这是政云平台发送的测试消息，签名校验通过即表示配置正确。', en: 'A test message from the Zhengyun platform: if its signature checks, the webhook is set up right.' },
});

export function createNotificationSettingsService(deps: { db: Database; config: NotificationConfig; queue: () => JobQueue }) {
  const { prisma } = deps.db;

  async function preferences(actor: Actor): Promise<PreferencesView> {
    const userId = actor.principal!.id;
    assertCan(actor.ability, 'read', subject('NotificationPreference', { userId }));
    const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, orgId: true, notificationPreference: true } });
    const p = effectivePreferences(user, user.notificationPreference);
    const hook = await prisma.orgWebhook.findUnique({ where: { orgId: user.orgId }, select: { enabled: true } });
    return {
      events: NOTIFICATION_EVENTS.map((event) => ({
        event,
        label: EVENT_TEXTS[event].label['zh-CN'],
        labelEn: EVENT_TEXTS[event].label.en,
        email: p.emailEvents.includes(event),
        webhook: p.webhookEvents.includes(event),
      })),
      emailDigest: p.emailDigest,
      locale: p.locale,
      email: user.email,
      emailAvailable: Boolean(deps.config.smtp && user.email),
      smtpConfigured: Boolean(deps.config.smtp),
      webhookAvailable: Boolean(hook?.enabled),
      custom: p.version !== null,
      version: p.version ?? 0,
    };
  }

  /** Stores the user's own choice; `expectedVersion` (If-Match) when given must be the one read (0: the defaults). */
  async function updatePreferences(actor: Actor, expectedVersion: number | undefined, input: PreferencesInput): Promise<PreferencesView> {
    const userId = actor.principal!.id;
    assertCan(actor.ability, 'update', subject('NotificationPreference', { userId }));
    await prisma.$transaction(async (tx) => {
      const row = await tx.notificationPreference.findUnique({ where: { userId }, select: { version: true } });
      if (expectedVersion !== undefined && expectedVersion !== (row?.version ?? 0)) throw new PreconditionError('STALE_VERSION');
      const data = { emailEvents: [...new Set(input.emailEvents)], webhookEvents: [...new Set(input.webhookEvents)], emailDigest: input.emailDigest, locale: input.locale };
      if (row) assertUpdated(await tx.notificationPreference.updateMany({ where: { userId, version: row.version }, data: { ...data, version: { increment: 1 } } }));
      // a digest reader's first digest gathers from now on, not the whole history
      else await tx.notificationPreference.create({ data: { userId, ...data, lastDigestAt: input.emailDigest ? new Date() : null } });
      await recordAudit(tx, actor.audit, { action: 'notification.preferences.update', targetType: 'User', targetId: userId, detail: data });
    });
    return preferences(actor);
  }

  const webhookView = (orgId: string, h: { url: string; enabled: boolean; version: number; updatedAt: Date } | null, secret?: string): WebhookView => ({
    orgId,
    configured: Boolean(h),
    url: h?.url ?? null,
    enabled: h?.enabled ?? false,
    version: h?.version ?? 0,
    updatedAt: h?.updatedAt.toISOString() ?? null,
    ...(secret ? { secret } : {}),
  });

  async function orgOf(id: string) {
    const org = await prisma.organisation.findUnique({ where: { id }, select: { id: true } });
    if (!org) throw new NotFoundError('organisation', id);
  }

  async function webhook(actor: Actor, orgId: string): Promise<WebhookView> {
    assertCan(actor.ability, 'read', 'OrgWebhook');
    await orgOf(orgId);
    return webhookView(orgId, await prisma.orgWebhook.findUnique({ where: { orgId } }));
  }

  /** Sets the URL and whether it is called; a new webhook (or rotateSecret) gets a new key, shown in this answer only. */
  async function setWebhook(actor: Actor, orgId: string, expectedVersion: number | undefined, input: { url: string; enabled: boolean; rotateSecret?: boolean }): Promise<WebhookView> {
    assertCan(actor.ability, 'update', 'OrgWebhook');
    await orgOf(orgId);
    await checkWebhookUrl(input.url, deps.config.webhook.allowPrivate);
    return prisma.$transaction(async (tx) => {
      const found = await tx.orgWebhook.findUnique({ where: { orgId } });
      let secret: string | undefined;
      if (found) {
        assertVersion(found, expectedVersion, 'webhook');
        if (input.rotateSecret) secret = newWebhookSecret();
        assertUpdated(await tx.orgWebhook.updateMany({ where: { orgId, version: expectedVersion }, data: { url: input.url, enabled: input.enabled, ...(secret ? { secret } : {}), version: { increment: 1 } } }));
      } else {
        if (expectedVersion !== undefined && expectedVersion !== 0) throw new PreconditionError('STALE_VERSION');
        secret = newWebhookSecret();
        await tx.orgWebhook.create({ data: { orgId, url: input.url, enabled: input.enabled, secret } });
      }
      await recordAudit(tx, actor.audit, {
        action: 'organisation.webhook.set',
        targetType: 'Organisation',
        targetId: orgId,
        detail: { url: input.url, enabled: input.enabled, newSecret: Boolean(secret) },
      });
      return webhookView(orgId, await tx.orgWebhook.findUniqueOrThrow({ where: { orgId } }), secret);
    });
  }

  async function deleteWebhook(actor: Actor, orgId: string, expectedVersion: number | undefined): Promise<void> {
    assertCan(actor.ability, 'delete', 'OrgWebhook');
    await orgOf(orgId);
    await prisma.$transaction(async (tx) => {
      const found = await tx.orgWebhook.findUnique({ where: { orgId } });
      assertVersion(found, expectedVersion, 'webhook');
      await tx.orgWebhook.delete({ where: { orgId } });
      await recordAudit(tx, actor.audit, { action: 'organisation.webhook.delete', targetType: 'Organisation', targetId: orgId, detail: { url: found!.url } });
    });
  }

  /** Calls the webhook now with a test message and tells how it went (nothing is stored but the audit record). */
  async function testWebhook(actor: Actor, orgId: string, locale: Locale) {
    assertCan(actor.ability, 'test', 'OrgWebhook');
    await orgOf(orgId);
    const hook = await prisma.orgWebhook.findUnique({ where: { orgId } });
    if (!hook) throw new NotFoundError('webhook');
    const started = Date.now();
    const body = { event: 'TEST', eventLabel: t('webhook.test.title', locale), title: t('webhook.test.title', locale), text: t('webhook.test.text', locale), link: absoluteLink(SETTINGS_PATH), notifiedAt: new Date().toISOString() };
    let result: { ok: boolean; status: number | null; error: string | null };
    try {
      const { status } = await postWebhook({ url: hook.url, secret: hook.secret, deliveryId: `test-${started}`, event: 'TEST', body }, deps.config.webhook);
      result = { ok: true, status, error: null };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      result = { ok: false, status: Number(/^HTTP (\d+)/.exec(message)?.[1] ?? NaN) || null, error: message.slice(0, 1000) };
    }
    const out = { ...result, durationMs: Date.now() - started };
    await prisma.$transaction((tx) => recordAudit(tx, actor.audit, { action: 'organisation.webhook.test', targetType: 'Organisation', targetId: orgId, detail: { url: hook.url, ...out } }));
    return out;
  }

  type Person = { id: string; username: string; displayName: string };
  const peopleOf = async (rows: { userId: string | null }[]) =>
    new Map<string, Person>(
      (await prisma.user.findMany({ where: { id: { in: rows.flatMap((r) => (r.userId ? [r.userId] : [])) } }, select: { id: true, username: true, displayName: true } })).map((u) => [u.id, u]),
    );

  function deliveryView(actor: Actor, d: NotificationDelivery, people: Map<string, Person>, orgs: Map<string, { id: string; name: string }>, locale: Locale): DeliveryView {
    const canRetry = actor.ability.can('retry', subject('NotificationDelivery', { state: d.state }));
    return {
      id: d.id,
      channel: d.channel,
      target: d.target,
      subject: d.subject,
      state: d.state,
      attempts: d.attempts,
      lastError: d.lastError,
      lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
      sentAt: d.sentAt?.toISOString() ?? null,
      createdAt: d.createdAt.toISOString(),
      recipient: (d.userId && people.get(d.userId)) || null,
      org: d.orgWebhookId ? (orgs.get(d.orgWebhookId) ?? null) : null,
      allowedActions: canRetry ? [{ action: 'retry', label: t('action.NotificationDelivery.retry', locale), enabled: true }] : [],
    };
  }

  async function deliveries(actor: Actor, query: { state?: 'PENDING' | 'SENT' | 'FAILED'; channel?: 'EMAIL' | 'WEBHOOK'; page: number; pageSize: number }, locale: Locale) {
    const where: Prisma.NotificationDeliveryWhereInput = { AND: [readableWhere(actor.ability, 'NotificationDelivery'), { ...(query.state ? { state: query.state } : {}), ...(query.channel ? { channel: query.channel } : {}) }] };
    const [total, rows] = await Promise.all([
      prisma.notificationDelivery.count({ where }),
      prisma.notificationDelivery.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], skip: (query.page - 1) * query.pageSize, take: query.pageSize }),
    ]);
    const hookIds = [...new Set(rows.flatMap((r) => (r.orgWebhookId ? [r.orgWebhookId] : [])))];
    const hooks = await prisma.orgWebhook.findMany({ where: { id: { in: hookIds } }, select: { id: true, orgId: true } });
    const orgRows = await prisma.organisation.findMany({ where: { id: { in: hooks.map((h) => h.orgId) } }, select: { id: true, name: true, nameEn: true } });
    const names = new Map(orgRows.map((o) => [o.id, { id: o.id, name: locale === 'en' && o.nameEn ? o.nameEn : o.name }]));
    const people = await peopleOf(rows);
    const orgs = new Map(hooks.flatMap((h) => (names.has(h.orgId) ? [[h.id, names.get(h.orgId)!] as const] : [])));
    return { total, page: query.page, pageSize: query.pageSize, items: rows.map((r) => deliveryView(actor, r, people, orgs, locale)) };
  }

  /** Queues a FAILED delivery again (PENDING, its attempts kept); 409 for one that did not fail. */
  async function retryDelivery(actor: Actor, id: string, locale: Locale): Promise<DeliveryView> {
    assertCan(actor.ability, 'read', 'NotificationDelivery');
    const found = await prisma.notificationDelivery.findUnique({ where: { id } });
    if (!found) throw new NotFoundError('delivery', id);
    if (found.state !== 'FAILED') throw new ConflictError('DELIVERY_NOT_FAILED', { state: found.state });
    assertCan(actor.ability, 'retry', subject('NotificationDelivery', { state: found.state }));
    await prisma.$transaction(async (tx) => {
      assertUpdated(await tx.notificationDelivery.updateMany({ where: { id, state: 'FAILED' }, data: { state: 'PENDING' } }));
      await enqueueDelivery(deps.queue(), id, tx);
      await recordAudit(tx, actor.audit, { action: 'notification.delivery.retry', targetType: 'NotificationDelivery', targetId: id, detail: { channel: found.channel, target: found.target, attempts: found.attempts } });
    });
    const row = await prisma.notificationDelivery.findUniqueOrThrow({ where: { id } });
    return deliveryView(actor, row, await peopleOf([row]), new Map(), locale);
  }

  return { preferences, updatePreferences, webhook, setWebhook, deleteWebhook, testWebhook, deliveries, retryDelivery };
}

export type NotificationSettingsService = ReturnType<typeof createNotificationSettingsService>;
