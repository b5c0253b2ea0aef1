// The workers of a short-job queue (core/jobs/queue.ts, `work(…, { batchSize })`): one fetch statement hands out up
// to `batchSize` jobs, `concurrency` of them run at a time, and the ones that succeeded are marked completed together
// in one statement when the batch is through; a job that failed is failed alone (the queue retries it later with its
// own backoff) and the others of its batch are not run again. A job fetched and waiting its turn counts as started —
// its expiry runs and no other process can take it — which is why this is for queues of jobs of a few seconds at
// most (notification deliveries), never for provisioning jobs (minutes; one at a time per worker, pg-boss's own).
import type PgBoss from 'pg-boss';

export interface BatchJob {
  id: string;
  retryCount: number;
}

type Handler = (data: never, job: BatchJob) => Promise<void>;

export interface BatchWorkerOptions {
  concurrency: number;
  batchSize: number;
  pollingIntervalSeconds: number;
}

/** A handler that outlives its job's expiry (counted from the fetch) is failed, as pg-boss's own workers do. */
function withinSeconds<T>(p: Promise<T>, seconds: number): Promise<T> {
  if (!(seconds > 0)) return p;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`handler execution exceeded ${seconds * 1000}ms`)), seconds * 1000);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export class BatchWorkers {
  private stopping = false;
  private woken = false;
  private wakeSleep: (() => void) | null = null;
  /** jobs fetched by this loop and neither completed nor failed yet */
  private readonly held = new Set<string>();
  private loop: Promise<void> = Promise.resolve();

  constructor(
    private readonly boss: PgBoss,
    private readonly queue: string,
    private readonly opts: BatchWorkerOptions,
    private readonly handler: Handler,
    private readonly onError: (err: unknown) => void,
  ) {}

  start(): void {
    this.loop = this.run();
  }

  /** a job was put on the queue: look at once instead of at the next poll */
  wake(): void {
    this.woken = true;
    this.wakeSleep?.();
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      this.woken = false;
      let jobs: PgBoss.JobWithMetadata<object>[] = [];
      const fetchedAt = Date.now();
      try {
        jobs = await this.boss.fetch<object>(this.queue, { batchSize: this.opts.batchSize, includeMetadata: true });
      } catch (err) {
        this.onError(err);
      }
      if (jobs.length) {
        await this.runBatch(jobs, fetchedAt);
        continue; // there may be more: look again at once
      }
      if (this.woken || this.stopping) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, this.opts.pollingIntervalSeconds * 1000);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.wakeSleep = done;
      });
      this.wakeSleep = null;
    }
  }

  private async runBatch(jobs: PgBoss.JobWithMetadata<object>[], fetchedAt: number): Promise<void> {
    for (const j of jobs) this.held.add(j.id);
    const succeeded: string[] = [];
    let next = 0;
    const runner = async () => {
      while (next < jobs.length && this.held.size) {
        const job = jobs[next++]!;
        if (!this.held.has(job.id)) continue; // failed back by a stop that timed out
        try {
          // its expiry has run since the fetch: once past it, the queue hands it out again, so it is not started late
          const left = job.expireInSeconds - (Date.now() - fetchedAt) / 1000;
          if (left <= 0) throw new Error('expired while waiting its turn in the batch');
          await withinSeconds(this.handler(job.data as never, { id: job.id, retryCount: job.retryCount ?? 0 }), left);
          succeeded.push(job.id);
        } catch (err) {
          if (!this.held.delete(job.id)) continue;
          await this.boss.fail(this.queue, job.id, err as object).catch(this.onError);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.opts.concurrency, jobs.length) }, runner));
    const completed = succeeded.filter((id) => this.held.delete(id));
    if (completed.length) await this.boss.complete(this.queue, completed).catch(this.onError);
  }

  /**
   * Fetches no more jobs. Graceful: the batch in hand (running and waiting jobs alike: they count as started) is
   * finished, for at most `timeoutMs`; whatever is still held then is failed back to the queue, which retries it.
   */
  async stop(graceful: boolean, timeoutMs: number): Promise<void> {
    this.stopping = true;
    this.wakeSleep?.();
    if (!graceful) return;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const outcome = await Promise.race([this.loop.then(() => 'done' as const), timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout' && this.held.size) {
      const ids = [...this.held];
      this.held.clear();
      // pg-boss takes many ids with an output (its own workers do so), though its types list that for one id only
      const fail = this.boss.fail.bind(this.boss) as (name: string, ids: string[], data: object) => Promise<unknown>;
      await fail(this.queue, ids, { message: 'stopped while the job was held' }).catch(this.onError);
    }
  }
}
