// The provisioning worker: takes a job from the queue, holds the stack's lock for the whole operation (a
// session-level advisory lock: released by PostgreSQL itself if this process dies; and a set of the stacks this
// process is working on, because on the embedded database all connections share one session, where an advisory
// lock is re-entrant and so excludes nobody), runs the job's kind (job-runs.ts), and takes every change of the job
// (and its report to the resource request) through the job machine (job-actions.ts), each with its audit record.
// A job handed out again after a crash restarts and converges: names are deterministic and the drivers make the
// stack match the objects.
import type { Logger } from 'pino';
import type { Database } from '../core/db/database.js';
import { jobOutcomes, provisioningDuration } from '../core/metrics.js';
import type { PublishedCatalog } from '../catalog/published.js';
import type { ClusterProfile } from './desired-state.js';
import type { DriverRunOptions, ProvisioningDriver, EventLevel } from './drivers/driver.js';
import type { FinalBackups } from './final-backup.js';
import type { JobQueue } from '../core/jobs/queue.js';
import { createJobActions, type JobEnd } from './job-actions.js';
import { startHeartbeat, startHeartbeatSweep, workerIdentity, type HeartbeatSettings } from './heartbeat.js';
import type { JobKind } from './job-kinds.js';
import type { LogLine } from './job-log.js';
import { writeLogLine } from './job-log-store.js';
import { runJob, type JobToRun } from './job-runs.js';
import type { JobMessage } from './provisioning.js';
import './audit-names.js';

export interface WorkerDeps {
  db: Database;
  /** the request machine's environment (its reports queue nothing) */
  queue: JobQueue;
  driver: ProvisioningDriver;
  published: PublishedCatalog;
  profile: ClusterProfile;
  log: Logger;
  /** how many times the queue retries a failed job; the last failure marks the request FAILED */
  retryLimit: number;
  /** takes a database's final backup before deprovisioning removes it (when a cluster is connected) */
  finalBackups?: FinalBackups;
  /** the running job's heartbeat and the sweep for jobs whose worker stopped beating (heartbeat.ts) */
  heartbeat: HeartbeatSettings;
  /** test hook: called after the job is marked running, before the driver runs */
  beforeDriver?: (jobId: string) => Promise<void>;
}

export class StackLockedError extends Error {}

export function createProvisioningWorker({ db, queue, driver, published, profile, log, retryLimit, finalBackups, heartbeat, beforeDriver }: WorkerDeps) {
  const { prisma } = db;
  const workerId = workerIdentity();
  const jobs = createJobActions({ db, queue, driverName: driver.name, worker: { id: workerId, heartbeatTimeoutSeconds: heartbeat.timeoutSeconds } });
  /** stacks an operation of this process is working on */
  const busyHere = new Set<string>();
  /** the jobs this process is running (a job recorded under this worker's identity but not here is a previous incarnation's) */
  const runningHere = new Set<string>();

  async function handle(msg: JobMessage): Promise<void> {
    const job = await prisma.provisioningJob.findUnique({ where: { id: msg.jobId } });
    if (!job || job.state === 'SUCCEEDED' || job.state === 'FAILED') return; // already settled: a duplicate delivery
    // the HTTP request that asked for the job: its id (reqId, as in the access log) is on every log line of the job
    const jobLog = log.child({ jobId: job.id, reqId: job.requestIdHttp ?? undefined, kind: job.kind, stack: job.stack });
    const beating = job.heartbeatAt && Date.now() - job.heartbeatAt.getTime() < heartbeat.timeoutSeconds * 1000;
    if (job.state === 'RUNNING' && beating && (job.workerId !== workerId || runningHere.has(job.id))) {
      // another worker runs it and beats (the queue's expiry handed it out again): ours is the record, not the queue's
      jobLog.warn({ worker: job.workerId }, 'job delivered again while its worker still beats: left to it');
      return;
    }
    if (busyHere.has(job.stack)) {
      jobLog.warn('stack busy with another operation of this process: the queue will retry');
      throw new StackLockedError(`stack ${job.stack} is locked by another operation`);
    }
    busyHere.add(job.stack);
    const lockClient = await db.pool.connect().catch((err: unknown) => {
      busyHere.delete(job.stack);
      throw err;
    });
    const lockKey = `op:${job.stack}`;
    try {
      const { rows } = await lockClient.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [lockKey]);
      if (!rows[0]?.ok) {
        jobLog.warn('stack locked by another operation: the queue will retry');
        throw new StackLockedError(`stack ${job.stack} is locked by another operation`);
      }
      try {
        // a retry after its worker stopped beating: the driver may remove a lock that worker left (drivers/stale-lock.ts)
        const dead = msg.deadWorker;
        const runOpts = dead ? { deadWorker: { host: dead.id.slice(0, dead.id.lastIndexOf(':')), lastBeat: dead.lastBeat } } : {};
        // marked before the job is: this process's own sweep never takes a job it is beginning for its previous incarnation's
        runningHere.add(job.id);
        try {
          await run({ id: job.id, kind: job.kind as JobKind, projectId: job.projectId, requestId: job.requestId, stack: job.stack, state: job.state }, jobLog, runOpts);
        } finally {
          runningHere.delete(job.id);
        }
      } finally {
        await lockClient.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey]);
      }
    } finally {
      lockClient.release();
      busyHere.delete(job.stack);
    }
  }

  async function run(job: JobToRun, jobLog: Logger, runOpts: DriverRunOptions) {
    const { id: jobId, kind, stack } = job;
    const timer = provisioningDuration.startTimer({ kind, driver: driver.name });
    const attempt = await jobs.begin({ id: jobId, state: job.state });
    if (attempt === null) return; // ended meanwhile: a duplicate delivery
    jobLog.info({ attempt, driver: driver.name, worker: workerId }, 'job started');
    const stopBeating = startHeartbeat(db, jobId, workerId, heartbeat.intervalSeconds, jobLog);
    let end: JobEnd;
    let failure: unknown;
    try {
      await beforeDriver?.(jobId);
      const onEvent = (level: EventLevel, line: LogLine) => {
        void writeLogLine(prisma, jobId, level, line).catch((err: unknown) => log.warn({ err, jobId }, 'could not record a job event'));
      };
      const outcome = await runJob({ prisma, driver, published, profile, finalBackups }, job, onEvent, runOpts);
      end = await jobs.succeed(job, outcome);
      if (end.state === 'SUCCEEDED') {
        const seconds = timer({ outcome: 'succeeded' });
        jobOutcomes.inc({ kind, outcome: 'succeeded' });
        jobLog.info({ attempt, durationMs: Math.round(seconds * 1000), summary: outcome.summary }, 'job succeeded');
        return;
      }
    } catch (err) {
      failure = err;
      const message = err instanceof Error ? err.message : String(err);
      end = await jobs.failAttempt(job, message, attempt > retryLimit);
    } finally {
      stopBeating();
    }
    const outcome = end.state === 'FAILED' ? 'failed' : 'retry';
    const seconds = timer({ outcome });
    jobOutcomes.inc({ kind, outcome });
    jobLog[outcome === 'failed' ? 'error' : 'warn']({ attempt, durationMs: Math.round(seconds * 1000), err: end.error, stack }, outcome === 'failed' ? 'job failed' : 'job attempt failed: the queue will retry');
    if (outcome === 'retry') throw failure; // the queue retries it
  }

  /** Starts the sweep for jobs whose worker stopped beating (at once, then every heartbeat interval). */
  const startSweep = () => startHeartbeatSweep({ db, jobs, settings: heartbeat, retryLimit, log, runningHere });

  return { handle, startSweep };
}
