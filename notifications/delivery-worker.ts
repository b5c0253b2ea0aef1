// Sending the deliveries (./deliveries.ts) from the durable queue: each attempt counted with its time and error; a
// failure is retried with backoff by the queue (ZY_DELIVERY_RETRY_LIMIT, ZY_DELIVERY_RETRY_DELAY_SECONDS) and the
// delivery is FAILED after the last one, for an administrator to send again. And the daily digest, on a schedule.
import type { Logger } from 'pino';
import type { NotificationConfig } from '../core/config.js';
import type { Database } from '../core/db/database.js';
import { toShanghaiDate } from '../core/calendar/working-days.js';
import { t } from '../core/i18n.js';
import type { JobQueue } from '../core/jobs/queue.js';
import { createMailer, redactedSmtpUrl, type Mailer } from './channels/email.js';
import { postWebhook } from './channels/webhook.js';
import { mailFooter, renderNotification } from './deliveries.js';
import { DELIVERY_QUEUE, DIGEST_QUEUE, enqueueDeliveries, type DeliveryJob } from './delivery-queue.js';
import { effectivePreferences } from './preferences.js';

/**
 * Deliveries fetched in one statement. A fetched one waits its turn with its expiry (300 s) running: 20 over 4 at a
 * time is 5 calls in a row at most, each within its timeout (ZY_WEBHOOK_TIMEOUT_SECONDS, 5 s by default;
 * ZY_SMTP_TIMEOUT_SECONDS, 15 s); one not started before its expiry is failed and retried, not sent late.
 */
export const DELIVERY_BATCH = 20;

/** Sends one delivery; records the attempt. Throws (the queue retries) on a failure that is not the last. */
export async function deliver(deps: { db: Database; mailer: Mailer | null; config: NotificationConfig }, id: string, retryCount: number): Promise<void> {
  const { prisma } = deps.db;
  const d = await prisma.notificationDelivery.findUnique({ where: { id } });
  // sent already (a job handed out twice) or gone: nothing is sent twice
  if (!d || d.state !== 'PENDING') return;
  let error: string | null = null;
  try {
    if (d.channel === 'EMAIL') {
      if (!deps.mailer) throw new Error('no SMTP server is configured (ZY_SMTP_URL)');
      const mail = d.payload as { subject: string; text: string };
      await deps.mailer.send({ to: d.target, subject: mail.subject, text: mail.text });
    } else {
      const hook = d.orgWebhookId ? await prisma.orgWebhook.findUnique({ where: { id: d.orgWebhookId } }) : null;
      if (!hook || !hook.enabled) throw new Error('the organisation has no enabled webhook any more');
      await postWebhook({ url: hook.url, secret: hook.secret, deliveryId: d.id, event: String((d.payload as { event?: unknown }).event ?? ''), body: d.payload }, deps.config.webhook);
    }
  } catch (err) {
    error = (err instanceof Error ? err.message : String(err)).slice(0, 1000) || 'failed';
  }
  const now = new Date();
  const last = retryCount >= deps.config.retryLimit;
  await prisma.notificationDelivery.update({
    where: { id },
    data: error
      ? { attempts: { increment: 1 }, lastAttemptAt: now, lastError: error, ...(last ? { state: 'FAILED' } : {}) }
      : { attempts: { increment: 1 }, lastAttemptAt: now, state: 'SENT', sentAt: now },
  });
  if (error && !last) throw new Error(error);
}

/** Gathers each digest reader's notifications since their last digest into one mail; returns how many were written. */
export async function writeDigests(db: Database, now = new Date()): Promise<number> {
  const day = toShanghaiDate(now);
  const readers = await db.prisma.notificationPreference.findMany({
    where: { emailDigest: true, user: { disabled: false, email: { not: null } } },
    include: { user: { select: { email: true } } },
  });
  let written = 0;
  for (const row of readers) {
    const p = effectivePreferences(row.user, row);
    const since = row.lastDigestAt ?? new Date(now.getTime() - 24 * 3600 * 1000);
    const notes = await db.prisma.notification.findMany({
      where: { recipientId: row.userId, createdAt: { gt: since, lte: now }, event: { in: p.emailEvents } },
      orderBy: { createdAt: 'asc' },
    });
    await db.prisma.$transaction(async (tx) => {
      await tx.notificationPreference.update({ where: { userId: row.userId }, data: { lastDigestAt: now } });
      if (!notes.length) return;
      const subject = t('digest.subject', p.locale, { day, count: notes.length });
      const text = notes.map((n, i) => `${i + 1}. ${renderNotification(n, p.locale).text.replace(/\n+/g, '\n   ')}`).join('\n\n') + mailFooter(p.locale);
      const rows = await tx.notificationDelivery.createManyAndReturn({
        data: [{ channel: 'EMAIL', target: row.user.email!, userId: row.userId, dedupeKey: `digest:${row.userId}:${day}`, subject, payload: { subject, text, notificationIds: notes.map((n) => n.id) } }],
        skipDuplicates: true,
        select: { id: true },
      });
      written += rows.length;
      await enqueueDeliveries(tx, rows.map((r) => r.id));
    });
  }
  return written;
}

/** Starts the delivery workers and the digest schedule (the queues are created by bindDeliveryQueue). */
export async function startDeliveryWorkers(deps: { db: Database; queue: JobQueue; log: Logger }, config: NotificationConfig): Promise<{ stop(): void }> {
  const mailer = config.smtp ? createMailer(config.smtp) : null;
  // deliveries are short (one mail or one webhook call, each bounded by its timeout): up to DELIVERY_BATCH fetched at
  // once and 4 sent at a time, the successes marked completed together (core/jobs/batch-workers.ts)
  await deps.queue.work<DeliveryJob>(DELIVERY_QUEUE, 4, (data, job) => deliver({ db: deps.db, mailer, config }, data.deliveryId, job.retryCount), { batchSize: DELIVERY_BATCH });
  if (config.digestCron && config.smtp) {
    await deps.queue.boss.schedule(DIGEST_QUEUE, config.digestCron, {}, { tz: 'Asia/Shanghai' });
    await deps.queue.work(DIGEST_QUEUE, 1, async () => {
      const n = await writeDigests(deps.db);
      deps.log.info({ digests: n }, 'daily notification digests written');
    });
  } else await deps.queue.boss.unschedule(DIGEST_QUEUE).catch(() => undefined);
  deps.log.info({ smtp: config.smtp ? redactedSmtpUrl(config.smtp.url) : null, digestCron: config.digestCron }, 'notification delivery workers started');
  return { stop: () => mailer?.close() };
}
