// The scheduled drift check: a pg-boss schedule (DRIFT_CHECK_CRON, Asia/Shanghai) sends one message per tick to
// the drift-check queue, whichever processes run workers; its handler queues a REFRESH job for every tenant that
// has something provisioned and nothing of its own waiting. The REFRESH jobs then run like any other job.
import type { Logger } from 'pino';
import type { Database } from '../core/db/database.js';
import type { JobQueue } from '../core/jobs/queue.js';
import { createJobRecord, lockStack } from './job-records.js';

export const DRIFT_CHECK_QUEUE = 'drift-check';

/** Queues a REFRESH job per provisioned tenant that has no job waiting; returns how many it queued. */
export async function queueDriftChecks(db: Database, queue: JobQueue, driverName: string): Promise<number> {
  const tenants = await db.prisma.provisionedResource.findMany({ where: { kind: 'Namespace', state: { not: 'DEPROVISIONED' } }, select: { projectId: true, name: true } });
  let queued = 0;
  for (const t of tenants) {
    await db.prisma.$transaction(async (tx) => {
      await lockStack(tx, t.name);
      const waiting = await tx.provisioningJob.count({ where: { projectId: t.projectId, state: { in: ['QUEUED', 'RUNNING'] } } });
      if (waiting) return;
      await createJobRecord(tx, { queue, driverName }, null, { kind: 'REFRESH', projectId: t.projectId, stack: t.name }, null);
      queued++;
    });
  }
  return queued;
}

export async function startDriftSchedule(db: Database, queue: JobQueue, driverName: string, cron: string | null, log: Logger): Promise<void> {
  if (!cron) {
    await queue.boss.unschedule(DRIFT_CHECK_QUEUE).catch(() => undefined);
    log.info('scheduled drift checks are off (DRIFT_CHECK_CRON=off)');
    return;
  }
  await queue.boss.schedule(DRIFT_CHECK_QUEUE, cron, {}, { tz: 'Asia/Shanghai' });
  await queue.work(DRIFT_CHECK_QUEUE, 1, async () => {
    const n = await queueDriftChecks(db, queue, driverName);
    log.info({ tenants: n }, 'drift checks queued');
  });
  log.info({ cron }, 'drift checks scheduled');
}
