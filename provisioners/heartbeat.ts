// Crash recovery in seconds: a running job carries a heartbeat, written every JOB_HEARTBEAT_SECONDS by the worker
// running it (with its host:pid); every process that runs workers sweeps, at its start and then every
// JOB_HEARTBEAT_SECONDS, for running jobs whose heartbeat is older than JOB_HEARTBEAT_TIMEOUT_SECONDS — or whose
// worker provably died on this host (its pid no longer runs: a restart of the only process) — and takes them back
// (job-actions.ts, recover): the next attempt is queued, the job's old queue message cancelled, with the job's log
// line and audit record, in one transaction; a job whose attempts are spent fails instead. Our record is the source
// of truth: a delivery of a job another worker still beats for is dropped (job-machine.ts, restart), so the queue's
// own expiry (JOB_EXPIRE_SECONDS, the backstop) never runs a job twice at once.
//
// The stack's locks come free with the dead worker: the operation lock (worker.ts) is a session-level advisory
// lock that PostgreSQL drops with the dead process's connection; Pulumi's own lock is dropped by the runner when
// its parent goes (pulumi-runner.ts cancels on disconnect), and one a killed Pulumi left behind is removed before
// the next operation (drivers/stale-lock.ts).
import os from 'node:os';
import type { Logger } from 'pino';
import type { Database } from '../core/db/database.js';
import { processGone } from './drivers/stale-lock.js';
import type { JobActions, SilentJob } from './job-actions.js';

export interface HeartbeatSettings {
  /** how often a running job's heartbeat is written, and how often the sweep looks */
  intervalSeconds: number;
  /** a running job whose heartbeat is older than this is taken as its worker's death */
  timeoutSeconds: number;
}

/** This process as a job's worker: host and pid. */
export const workerIdentity = (): string => `${os.hostname()}:${process.pid}`;

/**
 * Whether the worker of a running job provably died: a process of this host that no longer runs (or a younger one
 * that reuses its pid), or this very identity when this process is not running the job — its previous
 * incarnation (a container restarted in its pod keeps the host name and often the pid).
 */
export function workerGone(job: { id: string; workerId: string | null; startedAt: Date | null }, runningHere: ReadonlySet<string>): boolean {
  const { workerId } = job;
  if (!workerId) return false;
  if (workerId === workerIdentity()) return !runningHere.has(job.id);
  const cut = workerId.lastIndexOf(':');
  if (workerId.slice(0, cut) !== os.hostname()) return false;
  return processGone(Number(workerId.slice(cut + 1)), job.startedAt ?? undefined);
}

/** Beats for one job while it runs; the returned function stops it. */
export function startHeartbeat(db: Database, jobId: string, workerId: string, seconds: number, log: Logger): () => void {
  let stopped = false;
  const timer = setInterval(() => {
    db.prisma.$executeRaw`UPDATE provisioning_job SET "heartbeatAt" = now() WHERE id = ${jobId}::uuid AND state = 'RUNNING' AND "workerId" = ${workerId}`
      .then((n) => {
        // taken back meanwhile (this process stalled longer than the timeout): the next attempt owns the job now
        if (n === 0 && !stopped) log.warn({ jobId }, 'job heartbeat not written: the job is no longer this worker’s');
      })
      .catch((err: unknown) => log.warn({ err, jobId }, 'could not write the job heartbeat'));
  }, seconds * 1000);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

export interface HeartbeatSweep {
  /** one look: the jobs it took back */
  sweep(): Promise<{ id: string; state: string }[]>;
  stop(): void;
}

/** Sweeps at once, then every `intervalSeconds`, for jobs whose worker died. */
export function startHeartbeatSweep(deps: {
  db: Database;
  jobs: JobActions;
  settings: HeartbeatSettings;
  retryLimit: number;
  log: Logger;
  /** the jobs this process is running */
  runningHere?: ReadonlySet<string>;
}): HeartbeatSweep {
  const { db, jobs, settings, retryLimit, log, runningHere = new Set<string>() } = deps;
  let running: Promise<unknown> = Promise.resolve();

  async function sweep() {
    const rows = await db.prisma.$queryRaw<(SilentJob & { startedAt: Date | null; silent: boolean })[]>`
      SELECT id, "workerId", "heartbeatAt", "startedAt",
             coalesce("heartbeatAt", "startedAt", "createdAt") < now() - make_interval(secs => ${settings.timeoutSeconds}) AS silent
      FROM provisioning_job WHERE state = 'RUNNING'`;
    const dead = (j: SilentJob & { startedAt: Date | null }) => workerGone(j, runningHere);
    const taken: { id: string; state: string }[] = [];
    for (const row of rows.filter((r) => r.silent || dead(r))) {
      const end = await jobs.recover(row, settings.timeoutSeconds, retryLimit, dead);
      if (!end) continue;
      taken.push({ id: row.id, state: end.state });
      log.warn({ jobId: row.id, worker: row.workerId, lastBeat: row.heartbeatAt, state: end.state }, end.state === 'QUEUED' ? 'job taken back from a worker that stopped beating: queued again' : 'job of a worker that stopped beating failed: its retries are spent');
    }
    return taken;
  }

  const tick = () => {
    // one sweep at a time in this process; other processes' sweeps meet the job's row lock and its state
    running = running.then(sweep).catch((err: unknown) => log.warn({ err }, 'job heartbeat sweep failed'));
  };
  tick();
  const timer = setInterval(tick, settings.intervalSeconds * 1000);
  timer.unref();
  return {
    sweep: async () => {
      await running;
      return sweep();
    },
    stop: () => clearInterval(timer),
  };
}
