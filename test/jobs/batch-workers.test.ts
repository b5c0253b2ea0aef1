// A short-job queue's workers (core/jobs/batch-workers.ts, `work(…, { batchSize })`) fetch many jobs in one statement:
// every job still runs exactly once, no more than `concurrency` at a time, and a job that fails in a batch is retried
// alone — the others of its batch are completed, not run again. On both databases (notification deliveries run on
// the embedded one too), with the jobs put on the queue in one statement inside a transaction (`queue.insert`).
import { describe, expect, it } from 'vitest';
import type { Database } from '../../core/db/database.js';
import { startJobQueue, type JobQueue } from '../../core/jobs/queue.js';
import { createLogger } from '../../core/logger.js';
import { useQueueDatabases } from '../support/queue-databases.js';
import { until } from '../support/wait.js';

const QUEUE = 'batch-test';
const JOBS = 45;
const BATCH = 10;
const CONCURRENCY = 2;

const open = useQueueDatabases('batch');

async function jobStates(db: Database) {
  const { rows } = await db.pool.query<{ n: number; state: string; retry_count: number; started_on: Date }>(
    `SELECT (data ->> 'n')::int AS n, state::text AS state, retry_count, started_on FROM pgboss.job WHERE name = $1 ORDER BY 1`,
    [QUEUE],
  );
  return rows;
}

describe.each(['postgresql', 'embedded'] as const)('a short-job queue on %s', (kind) => {
  it('runs every job of its batches exactly once, at most `concurrency` at a time, and retries a failing one alone', async () => {
    const entry = await open(kind);
    // retries after about a second; the workers poll every second (a retry becoming due wakes nobody)
    const queue = await startJobQueue(entry.db, createLogger('warn'), [QUEUE], { retryLimit: 2, retryDelaySeconds: 1, pollingIntervalSeconds: 1 });
    entry.queue = queue;
    const runs = new Map<number, number[]>();
    let running = 0;
    let mostAtOnce = 0;
    const FAILS_ONCE = 17;
    await queue.work<{ n: number }>(
      QUEUE,
      CONCURRENCY,
      async ({ n }, job) => {
        running++;
        mostAtOnce = Math.max(mostAtOnce, running);
        runs.set(n, [...(runs.get(n) ?? []), job.retryCount]);
        try {
          await new Promise((r) => setTimeout(r, 5));
          if (n === FAILS_ONCE && job.retryCount === 0) throw new Error('the receiver is down');
        } finally {
          running--;
        }
      },
      { batchSize: BATCH },
    );

    // one statement, inside a transaction: nothing is seen before the commit
    await entry.db.prisma.$transaction(async (tx) => {
      await queue.insert(QUEUE, Array.from({ length: JOBS }, (_, i) => ({ data: { n: i + 1 } })), { tx });
      await new Promise((r) => setTimeout(r, 300));
      expect(runs.size).toBe(0);
    });

    await until('every job completed', async () => (await jobStates(entry.db)).filter((j) => j.state === 'completed').length === JOBS || undefined, 30_000, 50);
    const states = await jobStates(entry.db);
    expect(states.map((j) => j.n)).toEqual(Array.from({ length: JOBS }, (_, i) => i + 1));
    expect(states.every((j) => j.state === 'completed')).toBe(true);

    // exactly once each; the failing one twice (its first attempt, then its retry), the others of its batch not again
    for (let n = 1; n <= JOBS; n++) expect(runs.get(n), `job ${n}`).toEqual(n === FAILS_ONCE ? [0, 1] : [0]);
    expect(states.find((j) => j.n === FAILS_ONCE)!.retry_count).toBe(1);
    expect(mostAtOnce).toBeLessThanOrEqual(CONCURRENCY);
    expect(mostAtOnce).toBe(CONCURRENCY);
    // handed out in batches: a batch is one statement, so its jobs share their start time
    const fetches = new Set(states.filter((j) => j.n !== FAILS_ONCE).map((j) => j.started_on.getTime()));
    expect(fetches.size).toBeLessThanOrEqual(Math.ceil(JOBS / BATCH) + 1);
  }, 60_000);

  it('finishes the batch in hand on a graceful stop (its waiting jobs count as started)', async () => {
    const entry = await open(kind);
    const queue = await startJobQueue(entry.db, createLogger('warn'), [QUEUE], { pollingIntervalSeconds: 1 });
    entry.queue = queue;
    const ran: number[] = [];
    let firstStarted: () => void = () => undefined;
    const started = new Promise<void>((r) => (firstStarted = r));
    await queue.work<{ n: number }>(
      QUEUE,
      1,
      async ({ n }) => {
        firstStarted();
        await new Promise((r) => setTimeout(r, 50));
        ran.push(n);
      },
      { batchSize: 5 },
    );
    await queue.insert(QUEUE, Array.from({ length: 5 }, (_, i) => ({ data: { n: i + 1 } })));
    await started;
    await queue.stop(true);
    entry.queue = undefined;
    // the five were fetched together and counted as started: all five ran and are completed
    expect(ran.sort()).toEqual([1, 2, 3, 4, 5]);
    expect((await jobStates(entry.db)).map((j) => j.state)).toEqual(['completed', 'completed', 'completed', 'completed', 'completed']);
  }, 60_000);
});
