// Jobs recorded as queued or running but absent from the queue: the platform restored from a backup (which holds
// the platform's tables, not the queue's), or a queue that lost its rows. At start each is handed to the queue
// again; a duplicate delivery is harmless (the worker skips settled jobs and serialises each stack).
import type { Logger } from 'pino';
import type { Database } from '../core/db/database.js';
import type { JobQueue } from '../core/jobs/queue.js';
import { PROVISIONING_QUEUE, type JobMessage } from './provisioning.js';

export async function requeueOrphanedJobs(db: Database, queue: JobQueue, log: Logger): Promise<number> {
  const { rows } = await db.pool.query<{ id: string }>(
    `SELECT p.id FROM provisioning_job p
      WHERE p.state IN ('QUEUED', 'RUNNING')
        AND NOT EXISTS (SELECT 1 FROM pgboss.job q
                         WHERE q.name = $1 AND q.data->>'jobId' = p.id::text AND q.state IN ('created', 'retry', 'active'))`,
    [PROVISIONING_QUEUE],
  );
  for (const { id } of rows) await queue.send<JobMessage>(PROVISIONING_QUEUE, { jobId: id });
  if (rows.length) log.warn({ jobs: rows.map((r) => r.id) }, 'provisioning jobs missing from the queue were queued again');
  return rows.length;
}
