// Where the sending of a delivery is enqueued. The platform binds this to its job queue at start (api/platform.ts);
// a transaction written without it (a script) leaves its deliveries PENDING, and the next start enqueues them
// (sweepPendingDeliveries). A delivery is queued at most once at a time: its id is the job's singleton key.
import type { Logger } from 'pino';
import { loadConfig, type NotificationConfig } from '../core/config.js';
import type { Database, Tx } from '../core/db/database.js';
import { txDb, type JobQueue } from '../core/jobs/queue.js';

export const DELIVERY_QUEUE = 'notification-delivery';
export const DIGEST_QUEUE = 'notification-digest';

export interface DeliveryJob {
  deliveryId: string;
}

let bound: { queue: JobQueue; config: NotificationConfig } | null = null;
let fromEnvironment: NotificationConfig | null = null;

/** The process's channel settings: the bound platform's, else the environment's (a script). */
export function channelSettings(): NotificationConfig {
  if (bound) return bound.config;
  fromEnvironment ??= loadConfig().notifications;
  return fromEnvironment;
}

/** Creates the delivery queues (retries with backoff from configuration) and binds enqueuing to `queue`. */
export async function bindDeliveryQueue(queue: JobQueue, config: NotificationConfig): Promise<void> {
  const retry = { retryLimit: config.retryLimit, retryDelay: config.retryDelaySeconds, retryBackoff: true };
  for (const name of [DELIVERY_QUEUE, DIGEST_QUEUE]) {
    if (await queue.boss.getQueue(name)) await queue.boss.updateQueue(name, { name, ...retry });
    else await queue.boss.createQueue(name, { name, policy: name === DELIVERY_QUEUE ? 'stately' : 'standard', ...retry, expireInSeconds: 300 });
  }
  bound = { queue, config };
}

/** Unbinds `queue` (a platform stopping); another platform of the process that bound since keeps its binding. */
export function unbindDeliveryQueue(queue: JobQueue): void {
  if (bound?.queue === queue) bound = null;
}

/**
 * Enqueues the sending of `ids` in `tx`, all in one statement (a notification's fan-out to every recipient and
 * channel); nothing without a bound queue: they stay PENDING for the next start.
 */
export async function enqueueDeliveries(tx: Tx, ids: readonly string[]): Promise<void> {
  if (!bound) return;
  await bound.queue.insert<DeliveryJob>(DELIVERY_QUEUE, ids.map((id) => ({ data: { deliveryId: id }, singletonKey: id })), { tx });
}

/** Enqueues one delivery now (an administrator's retry); false when it is already queued. */
export async function enqueueDelivery(queue: JobQueue, id: string, tx?: Tx): Promise<boolean> {
  const job = await queue.boss.send(DELIVERY_QUEUE, { deliveryId: id } satisfies DeliveryJob, { singletonKey: id, ...(tx ? { db: txDb(tx) } : {}) });
  if (job !== null) await queue.wake(DELIVERY_QUEUE, tx);
  return job !== null;
}

/** At start: every PENDING delivery gets a job (those written by scripts, or whose job was lost); queued ones are left. */
export async function sweepPendingDeliveries(db: Database, queue: JobQueue, log: Logger): Promise<number> {
  const pending = await db.prisma.notificationDelivery.findMany({ where: { state: 'PENDING' }, select: { id: true }, orderBy: { createdAt: 'asc' } });
  let queued = 0;
  for (const { id } of pending) if (await enqueueDelivery(queue, id)) queued++;
  if (queued) log.info({ queued }, 'pending notification deliveries queued');
  return queued;
}
