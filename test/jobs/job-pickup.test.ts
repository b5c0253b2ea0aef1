// A job sent while the workers are idle is picked up at once, not at their next poll: the workers here poll only every
// 30 s, and the job must start well within that — in this process on both databases, sent alone or inside a
// transaction (then only once it commits), and in a worker process of its own. (How fast exactly is a bench row:
// bench/job-queue.ts.)
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startJobQueue, type JobQueue } from '../../core/jobs/queue.js';
import { createLogger } from '../../core/logger.js';
import { useQueueDatabases, type QueueDatabase } from '../support/queue-databases.js';
import { until } from '../support/wait.js';

const QUEUE = 'pickup-test';
const POLLING_SECONDS = 30;
/** far below the polling interval, far above what a wake takes: a loaded machine does not make it flaky */
const WELL_WITHIN_MS = 5_000;

const open = useQueueDatabases('pickup');
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
});

/** a queue whose workers (if any) poll every 30 s, and when each job `n` started */
async function startQueue(entry: QueueDatabase, workers: number) {
  const queue = await startJobQueue(entry.db, createLogger('warn'), [QUEUE], { pollingIntervalSeconds: POLLING_SECONDS });
  entry.queue = queue;
  const started = new Map<number, number>();
  if (workers) await queue.work<{ n: number }>(QUEUE, workers, async ({ n }) => void started.set(n, Date.now()));
  // the workers' first look found nothing: they sleep until their next poll, 30 s away
  await new Promise((r) => setTimeout(r, 1_000));
  return { queue, started };
}

describe.each(['postgresql', 'embedded'] as const)('a job sent to idle workers on %s', (kind) => {
  it('starts well within the polling interval, and one sent in a transaction only once it commits', async () => {
    const entry = await open(kind);
    const { queue, started } = await startQueue(entry, 2);

    const sentAt = Date.now();
    await queue.send(QUEUE, { n: 1 });
    await until('job 1 to start', () => started.get(1), WELL_WITHIN_MS, 10);
    expect(started.get(1)! - sentAt).toBeLessThan(WELL_WITHIN_MS);

    // idle again; a job sent inside a transaction is not seen before the commit, and is started soon after it
    await new Promise((r) => setTimeout(r, 500));
    let committedAt = 0;
    await entry.db.prisma.$transaction(async (tx) => {
      await queue.send(QUEUE, { n: 2 }, { tx });
      await new Promise((r) => setTimeout(r, 300));
      expect(started.has(2)).toBe(false);
      committedAt = Date.now();
    });
    await until('job 2 to start', () => started.get(2), WELL_WITHIN_MS, 10);
    expect(started.get(2)! - committedAt).toBeLessThan(WELL_WITHIN_MS);
    expect([...started.keys()].sort()).toEqual([1, 2]);
  });
});

describe('a job sent to an idle worker in another process', () => {
  it('starts well within the polling interval', async () => {
    const entry = await open('postgresql');
    // this process only sends (no workers of its own here)
    const { queue } = await startQueue(entry, 0);
    const child = fork(path.resolve(import.meta.dirname, '../fixtures/pickup-worker.ts'), [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, DATABASE_URL: entry.scratch!.url, PICKUP_QUEUE: QUEUE },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children.push(child);
    const started = new Map<number, number>();
    await new Promise<void>((resolve, reject) => {
      child.on('message', (m: { ready?: boolean; started?: number }) => {
        if (m.ready) resolve();
        if (m.started !== undefined) started.set(m.started, Date.now());
      });
      child.once('exit', (code) => reject(new Error(`the worker exited early (${code})`)));
    });
    await new Promise((r) => setTimeout(r, 1_000)); // its first look found nothing: it sleeps for 30 s

    const sentAt = Date.now();
    await queue.send(QUEUE, { n: 1 });
    await until('the other process to start the job', () => started.get(1), WELL_WITHIN_MS, 10);
    expect(started.get(1)! - sentAt).toBeLessThan(WELL_WITHIN_MS);
  });
});
