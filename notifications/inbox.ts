// The inbox (站内信): a person's own notifications, newest first, rendered in their language; read one, or all.
import { readableWhere } from '../core/access/abilities.js';
import type { Actor } from '../core/actor.js';
import type { Database } from '../core/db/database.js';
import type { Prisma } from '../core/db/generated/client.js';
import { NotFoundError } from '../core/errors.js';
import { publish } from '../core/events/feed.js';
import type { Locale } from '../core/i18n.js';
import { z } from '../core/zod-openapi.js';
import { eventLabel, NOTIFICATION_EVENTS, renderMessage } from './events.js';

export const notificationViewSchema = z
  .object({
    id: z.string(),
    event: z.enum(NOTIFICATION_EVENTS),
    eventLabel: z.string(),
    message: z.string(),
    objectType: z.string(),
    objectId: z.string(),
    objectName: z.string(),
    article: z.string().nullable(),
    dueDate: z.string().nullable(),
    link: z.string(),
    readAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Notification');

export const notificationPageSchema = z
  .object({ items: z.array(notificationViewSchema), total: z.number().int(), unread: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
  .openapi('NotificationPage');

export const notificationQuerySchema = z.strictObject({
  unread: z.enum(['true', 'false']).optional(),
  event: z.enum(NOTIFICATION_EVENTS).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type NotificationQuery = z.infer<typeof notificationQuerySchema>;

export function createInboxService({ db }: { db: Database }) {
  const { prisma } = db;
  const mine = (actor: Actor): Prisma.NotificationWhereInput => readableWhere(actor.ability, 'Notification');

  async function list(actor: Actor, q: NotificationQuery, locale: Locale) {
    const where: Prisma.NotificationWhereInput = { AND: [mine(actor), q.unread === 'true' ? { readAt: null } : {}, q.event ? { event: q.event } : {}] };
    const [total, unread, rows] = await Promise.all([
      prisma.notification.count({ where }),
      prisma.notification.count({ where: { AND: [mine(actor), { readAt: null }] } }),
      prisma.notification.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], skip: (q.page - 1) * q.pageSize, take: q.pageSize }),
    ]);
    return {
      total,
      unread,
      page: q.page,
      pageSize: q.pageSize,
      items: rows.map((n) => ({
        id: n.id,
        event: n.event as (typeof NOTIFICATION_EVENTS)[number],
        eventLabel: eventLabel(n.event, locale),
        message: renderMessage(n.event, n.params as Record<string, unknown>, locale),
        objectType: n.objectType,
        objectId: n.objectId,
        objectName: n.objectName,
        article: n.article,
        dueDate: n.dueDate,
        link: n.link,
        readAt: n.readAt?.toISOString() ?? null,
        createdAt: n.createdAt.toISOString(),
      })),
    };
  }

  const unreadCount = (actor: Actor) => prisma.notification.count({ where: { AND: [mine(actor), { readAt: null }] } });

  /** Marks one read (reading it again changes nothing); someone else's is as unknown as one that does not exist. */
  async function markRead(actor: Actor, id: string): Promise<void> {
    await prisma.$transaction(async (tx) => {
      const n = await tx.notification.findFirst({ where: { AND: [{ id }, readableWhere(actor.ability, 'Notification')] }, select: { id: true, readAt: true } });
      if (!n) throw new NotFoundError('notification', id);
      if (n.readAt) return;
      await tx.notification.update({ where: { id }, data: { readAt: new Date() } });
      await publish(tx, { kind: 'notification', users: [actor.principal!.id] });
    });
  }

  async function markAllRead(actor: Actor): Promise<{ read: number }> {
    return prisma.$transaction(async (tx) => {
      const { count } = await tx.notification.updateMany({ where: { AND: [mine(actor), { readAt: null }] }, data: { readAt: new Date() } });
      if (count) await publish(tx, { kind: 'notification', users: [actor.principal!.id] });
      return { read: count };
    });
  }

  return { list, unreadCount, markRead, markAllRead };
}

export type InboxService = ReturnType<typeof createInboxService>;
