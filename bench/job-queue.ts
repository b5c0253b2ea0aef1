// The durable job queue (core/jobs/queue.ts: pg-boss 10 on the platform's pool) on a scratch PostgreSQL database,
// in this process, with the platform's queue settings (1 s polling interval, 10 pool connections) and 2 workers
// of a short-job queue (`queue.work(name, 2, async () => {}, { batchSize: 50 })`, as the platform runs its
// notification deliveries: up to 50 jobs fetched in one statement, the successes completed in one, 2 running at a
// time; core/jobs/batch-workers.ts). Two rows (issue 20, target 4):
//   - burst: 1,000 no-op jobs sent as fast as 10 concurrent senders can (as 10 API requests enqueueing at once),
//     drained by the 2 workers: jobs/s = 1,000 / time to drain (first send → last handler start); p50/p99 are
//     end-to-end latencies, send → handler start, so they include the wait behind the jobs ahead. Target ≥ 1,000
//     jobs/s;
//   - paced: 10 jobs a second for BENCH_SECONDS, one at a time, to idle workers: the latency a single job sees
//     (send → handler start) when nothing is queued ahead of it — the wake on enqueue (NOTIFY), not the 1 s poll.
//     Target p99 ≤ 100 ms.
import os from 'node:os';
import pg from 'pg';
import { bindAuditKeys, newAuditKey } from '../core/audit/keys.js';
import { openDatabase, type Database } from '../core/db/database.js';
import { startJobQueue, type JobQueue } from '../core/jobs/queue.js';
import { createLogger } from '../core/logger.js';
import type { Benchmark, Row } from './harness.js';
import { makeRow } from './harness.js';
import { CpuWindow, fmt, inProcessMeasurement } from './in-process.js';
import { scratchDatabase } from './servers.js';

const QUEUE = 'bench-noop';
const JOBS = 1000;
const WORKERS = 2;
/** jobs fetched in one statement (a short-job queue's `batchSize`) */
const BATCH = 50;
const SENDERS = 10;
const PACED_PER_SECOND = 10;
const BURST_TARGET = { minReqPerSec: 1000 };
const PACED_TARGET = { maxP99Ms: 100 };

interface Probe {
  /** performance.now() just before send() was called */
  t: number;
  i: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function completedCount(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND state = 'completed'`, [QUEUE]);
  return rows[0]!.n;
}

const benchmark: Benchmark = {
  description: `pg-boss job queue (core/jobs/queue.ts) on scratch PostgreSQL: ${fmt(JOBS)} no-op jobs through ${WORKERS} workers fetching up to ${BATCH} at a time (jobs/s, time to drain, send → start latency), and paced single jobs (targets ≥ ${fmt(BURST_TARGET.minReqPerSec)} jobs/s, p99 ≤ ${PACED_TARGET.maxP99Ms} ms)`,
  async run(ctx) {
    const databaseUrl = await scratchDatabase(ctx);
    const db: Database = await openDatabase({ databaseUrl, dataDir: os.tmpdir() });
    bindRunKey(); // what this process records is hashed with a key of this run (core/audit/keys.ts)
    let queue: JobQueue | undefined;
    let stopped = false;
    const stop = async () => {
      if (stopped) return;
      stopped = true;
      await queue?.stop(true);
      await db.close();
    };
    ctx.defer('stop the job queue', stop);
    try {
      const started = performance.now();
      queue = await startJobQueue(db, createLogger('warn'), [QUEUE]);
      ctx.log(`job-queue: pg-boss started in ${((performance.now() - started) / 1000).toFixed(1)} s`);

      // every handler start, with its latency since send
      let onStart: (p: Probe, at: number) => void = () => undefined;
      await queue.work<Probe>(QUEUE, WORKERS, async (probe) => onStart(probe, performance.now()), { batchSize: BATCH });

      // a few jobs first, so both workers are polling and pg-boss's statements are prepared
      await new Promise<void>((resolve) => {
        let n = 0;
        onStart = () => void (++n === 20 && resolve());
        for (let i = 0; i < 20; i++) void queue!.send<Probe>(QUEUE, { t: performance.now(), i });
      });
      while ((await completedCount(db.pool)) < 20) await sleep(10);
      const rows: Row[] = [];

      // burst
      ctx.log(`measuring ${JOBS} jobs through ${WORKERS} workers (${SENDERS} senders)`);
      const latencies = new Float64Array(JOBS);
      const seen = new Set<number>();
      let lastStart = 0;
      let sentAll = 0;
      const drained = new Promise<void>((resolve) => {
        onStart = (p, at) => {
          if (seen.has(p.i)) return; // handed out twice: counted once
          seen.add(p.i);
          latencies[p.i] = at - p.t;
          lastStart = at;
          if (seen.size === JOBS) resolve();
        };
      });
      const win = new CpuWindow();
      const t0 = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: SENDERS }, async () => {
          while (next < JOBS) {
            const i = next++;
            await queue!.send<Probe>(QUEUE, { t: performance.now(), i });
          }
        }),
      );
      sentAll = performance.now();
      await drained;
      const w = win.close();
      while ((await completedCount(db.pool)) < JOBS + 20) await sleep(5);
      const allCompleted = performance.now();
      const drainS = (lastStart - t0) / 1000;
      const m = inProcessMeasurement(latencies, w, { operations: JOBS, seconds: drainS, connections: WORKERS, countOtherCpu: false });
      rows.push(
        makeRow(`job queue: ${fmt(JOBS)} no-op jobs, ${WORKERS} workers (burst)`, m, {
          target: BURST_TARGET,
          notes: [
            `req/s = jobs/s = ${fmt(JOBS)} / time to drain (${drainS.toFixed(2)} s from the first send to the last handler start; all marked completed after ${((allCompleted - t0) / 1000).toFixed(2)} s); conn = workers`,
            `sending took ${((sentAll - t0) / 1000).toFixed(2)} s (${fmt(JOBS / ((sentAll - t0) / 1000))} sends/s, ${SENDERS} at a time); p50/p99 = send → handler start, including the wait behind the jobs ahead: p50 ${fmt(m.p50, 1)} ms, p99 ${fmt(m.p99, 1)} ms, max ${fmt(m.maxMs, 1)} ms`,
            `CPU meanwhile: this process ${m.loaderCpu.toFixed(0)}% of a core, PostgreSQL and everything else ${w.other === null ? '?' : ((w.other / w.wall) * 100).toFixed(0) + '%'}`,
          ],
        }),
      );

      // paced: one job at a time to idle workers
      const total = Math.max(10, Math.round(ctx.settings.seconds * PACED_PER_SECOND));
      ctx.log(`measuring ${total} jobs at ${PACED_PER_SECOND}/s`);
      const paced: number[] = [];
      const pacedSeen = new Set<number>();
      const pacedDone = new Promise<void>((resolve) => {
        onStart = (p, at) => {
          if (pacedSeen.has(p.i)) return;
          pacedSeen.add(p.i);
          paced.push(at - p.t);
          if (pacedSeen.size === total) resolve();
        };
      });
      const pwin = new CpuWindow();
      const p0 = performance.now();
      for (let i = 0; i < total; i++) {
        const due = p0 + (i * 1000) / PACED_PER_SECOND;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        await queue.send<Probe>(QUEUE, { t: performance.now(), i });
      }
      await pacedDone;
      const pm = inProcessMeasurement(paced, pwin.close(), { connections: WORKERS, countOtherCpu: false });
      rows.push(
        makeRow(`job queue: single jobs at ${PACED_PER_SECOND}/s, ${WORKERS} idle workers`, pm, {
          target: PACED_TARGET,
          notes: [
            `req/s = jobs/s sent (paced); p50/p99 = send → handler start with nothing queued ahead: p50 ${fmt(pm.p50, 1)} ms, p99 ${fmt(pm.p99, 1)} ms, max ${fmt(pm.maxMs, 1)} ms over ${total} jobs (woken on enqueue; polling interval 1 s as the fallback)`,
          ],
        }),
      );
      return rows;
    } finally {
      await stop();
    }
  },
};
export default benchmark;

function bindRunKey() {
  const { id, key } = newAuditKey();
  bindAuditKeys({ currentId: id, keys: new Map([[id, key]]) });
}
