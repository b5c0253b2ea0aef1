// The durable job queue: pg-boss on the platform's own PostgreSQL (or the embedded one), sharing its pool.
// A job can be enqueued inside the transaction that records why it exists, so neither happens without the other.
// Idle workers do not wait for their next poll: every enqueue is followed by a word on the feed (core/events/feed.ts,
// PostgreSQL NOTIFY: in the enqueuing transaction, so heard once it commits), and every process that runs workers of
// that queue wakes them on hearing it. Polling stays as the fallback (a word lost while the listening connection was
// down: the feed says `resync` and every worker looks; jobs that pg-boss itself makes due: retries, schedules).
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Database, Tx } from '../db/database.js';
import { Feed, publish, publishNow } from '../events/feed.js';
import { registerQueueDepth } from '../metrics.js';
import { BatchWorkers } from './batch-workers.js';

export interface QueueOptions {
  /** a job whose worker vanished (killed) is handed out again after this long */
  expireInSeconds?: number;
  retryLimit?: number;
  retryDelaySeconds?: number;
  maintenanceIntervalSeconds?: number;
  pollingIntervalSeconds?: number;
  /** on a graceful stop, how long running jobs may take to finish before they are handed back to the queue */
  stopTimeoutSeconds?: number;
  /** how often schedules (cron) are looked at; a schedule fires at most once a minute whatever this is */
  cronCheckSeconds?: number;
}

export interface WorkOptions {
  /**
   * Short jobs only (a few seconds: notification deliveries): the queue's workers fetch up to this many jobs in one
   * statement and mark the ones that succeeded completed in one statement (./batch-workers.ts), `concurrency` still
   * running at a time. A fetched job waiting its turn counts as started (its expiry runs, no other process takes it),
   * so a queue of long jobs (provisioning) leaves this unset: each worker then takes one job at a time.
   */
  batchSize?: number;
}

/** jobs for `insert`: one message each, in one statement */
export interface QueuedJob<T extends object> {
  data: T;
  /** at most one waiting message per key on a `stately` queue: a job whose key is waiting already is not added */
  singletonKey?: string;
}

export interface JobQueue {
  boss: PgBoss;
  /** enqueue; with `tx`, inside that transaction */
  send<T extends object>(queue: string, data: T, opts?: { tx?: Tx; singletonKey?: string }): Promise<string>;
  /** enqueue many in one statement (a fan-out); with `tx`, inside that transaction */
  insert<T extends object>(queue: string, jobs: readonly QueuedJob<T>[], opts?: { tx?: Tx }): Promise<void>;
  /**
   * Wakes the idle workers of `queue` in every process (a message was put on it outside `send`, e.g. with
   * `boss.send`); with `tx`, once it commits.
   */
  wake(queue: string, tx?: Tx): Promise<void>;
  work<T extends object>(queue: string, concurrency: number, handler: (data: T, job: { id: string; retryCount: number }) => Promise<void>, opts?: WorkOptions): Promise<void>;
  depth(queue: string): Promise<number>;
  /** what runs alongside the workers (a sweep's timer) stops with the queue */
  onStop(fn: () => void): void;
  stop(graceful?: boolean): Promise<void>;
}

/**
 * pg-boss runs its SQL through this, so it uses the platform's pool (PostgreSQL or the embedded socket). On
 * PostgreSQL its statements with parameters (a few dozen fixed texts: send, fetch, complete …) are prepared once per
 * connection and then only executed, instead of parsed and planned on every call. Not on the embedded database: its
 * connections share one session, where a name one connection prepared would be met by another.
 */
function poolDb(db: Database): PgBoss.Db {
  if (db.kind !== 'postgresql') return { executeSql: (text, values) => db.pool.query(text, values) };
  return {
    executeSql: (text, values) => {
      const name = values?.length ? nameOf(text) : undefined;
      return name ? db.pool.query({ name, text, values }) : db.pool.query(text, values);
    },
  };
}
/** more distinct texts than pg-boss has: a text built with values in it is run unprepared */
const MAX_PREPARED = 100;
/** one name per text for the whole process: a pool's connection refuses a name it prepared for another text */
const preparedNames = new Map<string, string>();
function nameOf(text: string): string | undefined {
  let name = preparedNames.get(text);
  if (!name && preparedNames.size < MAX_PREPARED) preparedNames.set(text, (name = `zy_pgboss_${preparedNames.size}`));
  return name;
}

/** pg-boss runs its SQL in `tx`, so a job is enqueued with the transaction that records why it exists. */
export function txDb(tx: Tx): PgBoss.Db {
  return { executeSql: async (text, values) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...(values ?? [])) }) };
}

/**
 * Cancels, in `tx`, the messages of `queue` not yet done (waiting, retrying or handed out) whose data has `field`
 * = `value`: a job our own record takes back (provisioners/heartbeat.ts) is not handed out a second time by the
 * queue's expiry.
 */
export async function cancelMessages(tx: Tx, queue: string, field: string, value: string): Promise<number> {
  return tx.$executeRawUnsafe(
    `UPDATE pgboss.job SET state = 'cancelled', completed_on = now() WHERE name = $1 AND state < 'completed' AND data ->> $2 = $3`,
    queue,
    field,
    value,
  );
}

export async function startJobQueue(db: Database, log: Logger, queues: string[], opts: QueueOptions = {}): Promise<JobQueue> {
  const boss = new PgBoss({
    db: poolDb(db),
    schema: 'pgboss',
    maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds ?? 30,
    monitorStateIntervalSeconds: 30,
    schedule: true,
    cronMonitorIntervalSeconds: opts.cronCheckSeconds ?? 30,
    cronWorkerIntervalSeconds: Math.min(opts.cronCheckSeconds ?? 5, 5),
  });
  boss.on('error', (err) => log.error({ err }, 'job queue error'));
  await boss.start();
  for (const name of queues) {
    if (!(await boss.getQueue(name))) {
      await boss.createQueue(name, {
        name,
        retryLimit: opts.retryLimit ?? 3,
        retryDelay: opts.retryDelaySeconds ?? 5,
        retryBackoff: true,
        expireInSeconds: opts.expireInSeconds ?? 900,
      });
    }
  }
  /** this process's workers by queue: the ones a word on the feed wakes */
  const workersOf = new Map<string, (() => void)[]>();
  const wakeHere = (queue: string) => {
    for (const wakeWorker of workersOf.get(queue) ?? []) wakeWorker();
  };
  const addWorker = (queue: string, wakeWorker: () => void) => workersOf.set(queue, [...(workersOf.get(queue) ?? []), wakeWorker]);
  const batchWorkers: BatchWorkers[] = [];
  const stopTimeoutMs = (opts.stopTimeoutSeconds ?? 20) * 1000;
  const feed = await Feed.start(db);
  feed.subscribe((e) => {
    if (e.kind === 'queued') wakeHere(e.queue);
    // the listening connection was lost and is back: words sent meanwhile are gone, so every worker looks
    else if (e.kind === 'resync') for (const queue of workersOf.keys()) wakeHere(queue);
  });
  const wakes = new Wakes(db, log);
  const stops: (() => void)[] = [];
  const unregister = queues.map((name) => registerQueueDepth(name, () => boss.getQueueSize(name)));
  const wake = async (queue: string, tx?: Tx) => {
    if (tx) await publish(tx, { kind: 'queued', queue });
    else wakes.now(queue);
  };
  return {
    boss,
    async send(queue, data, o = {}) {
      const id = await boss.send(queue, data, { ...(o.tx ? { db: txDb(o.tx) } : {}), ...(o.singletonKey ? { singletonKey: o.singletonKey } : {}) });
      if (!id) throw new Error(`job not enqueued on ${queue}`);
      await wake(queue, o.tx);
      return id;
    },
    async insert(queue, jobs, o = {}) {
      if (!jobs.length) return;
      await boss.insert(
        jobs.map((j) => ({ name: queue, data: j.data, ...(j.singletonKey ? { singletonKey: j.singletonKey } : {}) })),
        o.tx ? { db: txDb(o.tx) } : {},
      );
      await wake(queue, o.tx);
    },
    wake,
    async work(queue, concurrency, handler, w = {}) {
      if (w.batchSize && w.batchSize > 1) {
        const batch = new BatchWorkers(boss, queue, { concurrency, batchSize: w.batchSize, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 1 }, handler, (err) =>
          log.error({ err, queue }, 'job queue error'),
        );
        batchWorkers.push(batch);
        addWorker(queue, () => batch.wake());
        batch.start();
        return;
      }
      for (let i = 0; i < concurrency; i++) {
        let workerId: string | undefined;
        workerId = await boss.work<object>(queue, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 1 }, async ([job]) => {
          if (!job) return;
          try {
            await handler(job.data as never, { id: job.id, retryCount: (job as { retryCount?: number }).retryCount ?? 0 });
          } finally {
            // a worker that just finished a job looks for the next one at once instead of sleeping a polling interval
            if (workerId) boss.notifyWorker(workerId);
          }
        });
        const id = workerId;
        addWorker(queue, () => boss.notifyWorker(id));
      }
    },
    depth: (queue) => boss.getQueueSize(queue),
    onStop: (fn) => void stops.push(fn),
    async stop(graceful = true) {
      for (const u of unregister) u();
      for (const s of stops.splice(0)) s();
      feed.stop();
      workersOf.clear();
      await Promise.all(batchWorkers.splice(0).map((w) => w.stop(graceful, stopTimeoutMs)));
      // graceful: fetch no more jobs, wait for the running ones; any still running at the timeout are failed back
      // to the queue (pg-boss retries them elsewhere)
      await boss.stop({ graceful, wait: true, timeout: stopTimeoutMs });
      await wakes.settled();
    },
  };
}

/**
 * The words sent outside a transaction (the job is committed already), at most one at a time per queue: a job sent
 * while its queue's word is on its way gets one more word after it, so a burst of sends costs a few NOTIFYs, not one
 * each, and no job is left without a word sent after its commit.
 */
class Wakes {
  private readonly inFlight = new Map<string, { again: boolean; done: Promise<void> }>();

  constructor(
    private readonly db: Database,
    private readonly log: Logger,
  ) {}

  now(queue: string): void {
    const current = this.inFlight.get(queue);
    if (current) {
      current.again = true;
      return;
    }
    const entry = { again: true, done: Promise.resolve() };
    this.inFlight.set(queue, entry);
    entry.done = (async () => {
      while (entry.again) {
        entry.again = false;
        // lost: the workers find the job at their next poll
        await publishNow(this.db.pool, { kind: 'queued', queue }).catch((err: unknown) => this.log.warn({ err, queue }, 'could not wake the workers of a job queue'));
      }
      this.inFlight.delete(queue);
    })();
  }

  /** resolves when no word is on its way (before the database closes) */
  async settled(): Promise<void> {
    await Promise.all([...this.inFlight.values()].map((e) => e.done));
  }
}
