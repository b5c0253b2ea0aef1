// The scheduled removal of expired Idempotency-Keys: a pg-boss schedule (ZY_IDEMPOTENCY_SWEEP_CRON, Asia/Shanghai,
// hourly by default) sends one message per tick to its queue, whichever processes run workers, as the drift checks
// and the reminders do; its handler deletes the keys past their expiry (api/idempotency.ts).
import type { Logger } from 'pino';
import type { Database } from '../core/db/database.js';
import type { JobQueue } from '../core/jobs/queue.js';
import { deleteExpiredKeys } from './idempotency.js';

export const IDEMPOTENCY_SWEEP_QUEUE = 'idempotency-sweep';

export async function startIdempotencySweep(db: Database, queue: JobQueue, cron: string | null, log: Logger): Promise<void> {
  if (!cron) {
    await queue.boss.unschedule(IDEMPOTENCY_SWEEP_QUEUE).catch(() => undefined);
    log.info('scheduled removal of expired Idempotency-Keys is off (ZY_IDEMPOTENCY_SWEEP_CRON=off)');
  } else {
    await queue.boss.schedule(IDEMPOTENCY_SWEEP_QUEUE, cron, {}, { tz: 'Asia/Shanghai' });
  }
  // also without a schedule: a sweep sent by hand (or by another replica's schedule) is taken
  await queue.work(IDEMPOTENCY_SWEEP_QUEUE, 1, async () => {
    const removed = await deleteExpiredKeys(db);
    log.info({ removed }, 'expired Idempotency-Keys removed');
  });
}
