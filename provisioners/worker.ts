// The provisioning worker: takes a job from the queue, holds the stack's lock for the whole operation (a
// session-level advisory lock: released by PostgreSQL itself if this process dies; and a set of the stacks this
// process is working on, because on the embedded database all connections share one session, where an advisory
// lock is re-entrant and so excludes nobody), runs the job's kind (job-runs.ts), and records the outcome with its
// audit record in one transaction. A job handed out again after a crash converges: names are deterministic and
// the drivers make the stack match the objects.
import type { Logger } from 'pino';
import { recordAudit, SYSTEM_CONTEXT } from '../core/audit/audit.js';
import type { Database } from '../core/db/database.js';
import type { Prisma } from '../core/db/generated/client.js';
import { jobOutcomes, provisioningDuration } from '../core/metrics.js';
import type { PublishedCatalog } from '../catalog/published.js';
import type { ClusterProfile } from './desired-state.js';
import type { ProvisioningDriver, EventLevel } from './drivers/driver.js';
import type { FinalBackups } from './final-backup.js';
import { isChanging, type JobKind } from './job-kinds.js';
import { recordResources, runJob, type JobToRun } from './job-runs.js';
import type { JobMessage } from './provisioning.js';
import './audit-names.js';

export interface WorkerDeps {
  db: Database;
  driver: ProvisioningDriver;
  published: PublishedCatalog;
  profile: ClusterProfile;
  log: Logger;
  /** how many times the queue retries a failed job; the last failure marks the request FAILED */
  retryLimit: number;
  /** takes a database's final backup before deprovisioning removes it (when a cluster is connected) */
  finalBackups?: FinalBackups;
  /** test hook: called after the job is marked running, before the driver runs */
  beforeDriver?: (jobId: string) => Promise<void>;
}

export class StackLockedError extends Error {}

export function createProvisioningWorker({ db, driver, published, profile, log, retryLimit, finalBackups, beforeDriver }: WorkerDeps) {
  const { prisma } = db;
  /** stacks an operation of this process is working on */
  const busyHere = new Set<string>();

  async function event(jobId: string, level: EventLevel, message: string, data?: Record<string, unknown>) {
    await prisma.jobEvent.create({ data: { jobId, level, message, data: (data ?? undefined) as Prisma.InputJsonValue | undefined } });
  }

  async function handle(msg: JobMessage): Promise<void> {
    const job = await prisma.provisioningJob.findUnique({ where: { id: msg.jobId } });
    if (!job || job.state === 'SUCCEEDED' || job.state === 'FAILED') return; // already settled: a duplicate delivery
    // the HTTP request that asked for the job: its id (reqId, as in the access log) is on every log line of the job
    const jobLog = log.child({ jobId: job.id, reqId: job.requestIdHttp ?? undefined, kind: job.kind, stack: job.stack });
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
        await run({ id: job.id, kind: job.kind as JobKind, projectId: job.projectId, requestId: job.requestId, stack: job.stack }, jobLog);
      } finally {
        await lockClient.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey]);
      }
    } finally {
      lockClient.release();
      busyHere.delete(job.stack);
    }
  }

  async function run(job: JobToRun, jobLog: Logger) {
    const { id: jobId, kind, requestId, stack } = job;
    const timer = provisioningDuration.startTimer({ kind, driver: driver.name });
    // our own count, not the queue's: a worker that died mid-job leaves no retry count behind
    const { attempts: attempt } = await prisma.provisioningJob.update({
      where: { id: jobId },
      data: { state: 'RUNNING', startedAt: new Date(), attempts: { increment: 1 }, error: null },
      select: { attempts: true },
    });
    await event(jobId, 'info', `开始执行（第 ${attempt} 次）/ started (attempt ${attempt})`, { driver: driver.name, stack });
    jobLog.info({ attempt, driver: driver.name }, 'job started');
    try {
      await beforeDriver?.(jobId);
      const onEvent = (level: EventLevel, message: string, data?: Record<string, unknown>) => {
        void event(jobId, level, message, data).catch((err: unknown) => log.warn({ err, jobId }, 'could not record a job event'));
      };
      const outcome = await runJob({ prisma, driver, published, profile, finalBackups }, job, onEvent);
      await prisma.$transaction(async (tx) => {
        if (outcome.objects) await recordResources(tx, job.projectId, stack, outcome.objects, driver.name);
        await tx.provisioningJob.update({ where: { id: jobId }, data: { state: 'SUCCEEDED', finishedAt: new Date(), result: outcome.result } });
        if (requestId && outcome.requestStatus) {
          await tx.resourceRequest.update({ where: { id: requestId }, data: { status: outcome.requestStatus, version: { increment: 1 } } });
        }
        await tx.jobEvent.create({ data: { jobId, level: 'info', message: '完成 / succeeded', data: outcome.summary } });
        await recordAudit(tx, { ...SYSTEM_CONTEXT, actorName: 'worker' }, {
          action: `job.${kind.toLowerCase()}.succeeded`,
          targetType: 'ProvisioningJob',
          targetId: jobId,
          detail: { stack, requestId, summary: outcome.summary },
        });
      });
      const seconds = timer({ outcome: 'succeeded' });
      jobOutcomes.inc({ kind, outcome: 'succeeded' });
      jobLog.info({ attempt, durationMs: Math.round(seconds * 1000), summary: outcome.summary }, 'job succeeded');
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const final = attempt > retryLimit;
      await prisma.$transaction(async (tx) => {
        await tx.provisioningJob.update({ where: { id: jobId }, data: { state: final ? 'FAILED' : 'QUEUED', error: message, finishedAt: final ? new Date() : null } });
        await tx.jobEvent.create({ data: { jobId, level: 'error', message: final ? `失败 / failed: ${message}` : `出错，将重试 / error, will retry: ${message}` } });
        // a request whose provisioning failed for good can be tried again; previews and checks leave it alone
        if (final && requestId && isChanging(kind)) await tx.resourceRequest.update({ where: { id: requestId }, data: { status: 'FAILED', version: { increment: 1 } } });
        if (final) {
          await recordAudit(tx, { ...SYSTEM_CONTEXT, actorName: 'worker' }, {
            action: `job.${kind.toLowerCase()}.failed`,
            outcome: 'FAILURE',
            targetType: 'ProvisioningJob',
            targetId: jobId,
            detail: { stack, requestId, error: message },
          });
        }
      });
      const outcome = final ? 'failed' : 'retry';
      const seconds = timer({ outcome });
      jobOutcomes.inc({ kind, outcome });
      jobLog[final ? 'error' : 'warn']({ attempt, durationMs: Math.round(seconds * 1000), err: message }, final ? 'job failed' : 'job attempt failed: the queue will retry');
      if (!final) throw err; // the queue retries it
    }
  }

  return { handle };
}
