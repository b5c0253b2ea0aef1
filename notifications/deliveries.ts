// The e-mails and webhook calls a notification causes, by the recipient's preferences (./preferences.ts): written
// in the transaction that writes the notifications, sent afterwards by the durable delivery job
// (./delivery-worker.ts), so a channel that is down never holds up the change.
import type { Tx } from '../core/db/database.js';
import type { Notification, Prisma } from '../core/db/generated/client.js';
import { registerMessages, t, type Locale } from '../core/i18n.js';
import { channelSettings, enqueueDeliveries } from './delivery-queue.js';
import { eventLabel, renderMessage } from './events.js';
import { recipientsOf } from './preferences.js';

registerMessages({
  'mail.subject': { 'zh-CN': '【政云】{label}：{name}', en: '[Zhengyun] {label}: {name}' },
  'mail.object': { 'zh-CN': '事项：{name}', en: 'Concerning: {name}' },
  'mail.article': { 'zh-CN': '依据：《运城市政务云管理办法》{article}', en: 'Rule: Article {article} of the Yuncheng government cloud regulation' },
  'mail.due': { 'zh-CN': '截止日期：{due}', en: 'Due date: {due}' },
  'mail.link': { 'zh-CN': '办理地址：{link}', en: 'Open it at: {link}' },
  'mail.footer': { 'zh-CN': '此邮件由政云平台自动发送，请勿直接回复。通知设置：{link}', en: 'Sent by the Zhengyun platform; do not reply. Notification settings: {link}' },
  'digest.subject': { 'zh-CN': '【政云】{day} 通知汇总（{count} 条）', en: '[Zhengyun] Notifications of {day} ({count})' },
});

export const SETTINGS_PATH = '/me/notifications';

/** An absolute console link. */
export const absoluteLink = (path: string) => `${channelSettings().publicUrl}${path}`;

/** What a notification says, in `locale`: its subject line, and its text with the object, the article, the due date and the link. */
export function renderNotification(n: Pick<Notification, 'event' | 'params' | 'objectName' | 'article' | 'dueDate' | 'link'>, locale: Locale) {
  const params = (n.params ?? {}) as Record<string, unknown>;
  const message = renderMessage(n.event, { ...params, due: params.due ?? n.dueDate ?? '' }, locale);
  const label = eventLabel(n.event, locale);
  const lines = [
    message,
    '',
    t('mail.object', locale, { name: n.objectName }),
    ...(n.article ? [t('mail.article', locale, { article: n.article })] : []),
    ...(n.dueDate ? [t('mail.due', locale, { due: n.dueDate })] : []),
    t('mail.link', locale, { link: absoluteLink(n.link) }),
  ];
  return { label, message, subject: t('mail.subject', locale, { label, name: n.objectName }), text: lines.join('\n') };
}

/** The text every mail ends with. */
export const mailFooter = (locale: Locale) => `\n\n--\n${t('mail.footer', locale, { link: absoluteLink(SETTINGS_PATH) })}`;

/** The JSON body of a webhook call about a notification. */
export function webhookBody(n: Notification, locale: Locale) {
  const r = renderNotification(n, locale);
  return {
    event: n.event,
    eventLabel: r.label,
    title: r.subject,
    text: r.text,
    object: { type: n.objectType, id: n.objectId, name: n.objectName },
    article: n.article,
    dueDate: n.dueDate,
    link: absoluteLink(n.link),
    notifiedAt: n.createdAt.toISOString(),
  };
}

/** Writes the deliveries of notifications just written (in their transaction) and enqueues their sending. */
export async function planDeliveries(tx: Tx, created: Notification[]): Promise<void> {
  const settings = channelSettings();
  const people = await recipientsOf(tx, [...new Set(created.map((n) => n.recipientId))]);
  const orgIds = [...new Set([...people.values()].map((p) => p.orgId))];
  const hooks = new Map((await tx.orgWebhook.findMany({ where: { orgId: { in: orgIds }, enabled: true } })).map((h) => [h.orgId, h]));
  const rows: Prisma.NotificationDeliveryCreateManyInput[] = [];
  for (const n of created) {
    const person = people.get(n.recipientId);
    if (!person) continue;
    const { preferences: p } = person;
    const event = n.event as (typeof p.emailEvents)[number];
    if (settings.smtp && person.email && !p.emailDigest && p.emailEvents.includes(event)) {
      const { subject, text } = renderNotification(n, p.locale);
      rows.push({ channel: 'EMAIL', target: person.email, userId: person.id, dedupeKey: `email:${n.id}`, subject, payload: { subject, text: text + mailFooter(p.locale), notificationIds: [n.id] } });
    }
    const hook = hooks.get(person.orgId);
    // one call per organisation and event, however many of its people are told (the first one's language)
    if (hook && p.webhookEvents.includes(event) && !rows.some((r) => r.dedupeKey === `webhook:${hook.id}:${n.dedupeKey}`)) {
      const body = webhookBody(n, p.locale);
      rows.push({ channel: 'WEBHOOK', target: hook.url, orgWebhookId: hook.id, dedupeKey: `webhook:${hook.id}:${n.dedupeKey}`, subject: body.title, payload: body });
    }
  }
  if (!rows.length) return;
  const written = await tx.notificationDelivery.createManyAndReturn({ data: rows, skipDuplicates: true, select: { id: true } });
  await enqueueDeliveries(tx, written.map((d) => d.id));
}
