// The provisioning worker: takes a job from the queue, holds the stack's lock for the whole operation (a
// session-level advisory lock: released by PostgreSQL itself if this process dies; and a set of the stacks this
// process is working on, because on the embedded database all connections share one session, where an advisory
// lock is re-entrant and so excludes nobody), computes the desired state,
// runs the driver, and records the outcome. A job handed out again after a crash converges: names are
// deterministic and the drivers make the stack match the objects.
import type { Logger } from 'pino';
import { recordAudit, SYSTEM_CONTEXT } from '../core/audit/audit.js';
import type { Database } from '../core/db/database.js';
import type { Prisma } from '../core/db/generated/client.js';
import { jobOutcomes, provisioningDuration } from '../core/metrics.js';
import type { PublishedCatalog } from '../catalog/published.js';
import { desiredState, LABELS, type ClusterProfile } from './desired-state.js';
import type { ProvisioningDriver, EventLevel } from './drivers/driver.js';
import type { JobMessage } from './provisioning.js';
import type { K8sObject } from './tenant-input.js';
import { loadTenantInput } from './tenant-state.js';

export interface WorkerDeps {
  db: Database;
  driver: ProvisioningDriver;
  published: PublishedCatalog;
  profile: ClusterProfile;
  log: Logger;
  /** how many times the queue retries a failed job; the last failure marks the request FAILED */
  retryLimit: number;
  /** test hook: called after the job is marked running, before the driver runs */
  beforeDriver?: (jobId: string) => Promise<void>;
}

/** Kinds of objects whose state users follow (one row each in provisioned_resource). */
const TRACKED = new Set(['Namespace', 'VirtualMachine', 'Cluster']);

export class StackLockedError extends Error {}

export function createProvisioningWorker({ db, driver, published, profile, log, retryLimit, beforeDriver }: WorkerDeps) {
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
        await run(job.id, job.kind, job.projectId, job.requestId, job.stack, jobLog);
      } finally {
        await lockClient.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey]);
      }
    } finally {
      lockClient.release();
      busyHere.delete(job.stack);
    }
  }

  async function run(jobId: string, kind: string, projectId: string, requestId: string | null, stack: string, jobLog: Logger) {
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
      const input = await loadTenantInput(prisma, projectId, kind === 'DEPROVISION' ? { exclude: requestId ?? undefined } : { include: requestId ?? undefined });
      const catalog = await published.current();
      const objects = desiredState(input, catalog.view, profile);
      await event(jobId, 'info', `期望状态：${objects.length} 个对象 / desired state: ${objects.length} objects`);
      const onEvent = (level: EventLevel, message: string, data?: Record<string, unknown>) => {
        void event(jobId, level, message, data).catch((err: unknown) => log.warn({ err, jobId }, 'could not record a job event'));
      };
      const result = await driver.up(stack, objects, onEvent);
      await prisma.$transaction(async (tx) => {
        await recordResources(tx, projectId, stack, objects, driver.name);
        await tx.provisioningJob.update({ where: { id: jobId }, data: { state: 'SUCCEEDED', finishedAt: new Date(), result: { summary: result.summary, changes: result.changes.length } } });
        if (requestId) {
          await tx.resourceRequest.update({ where: { id: requestId }, data: { status: kind === 'DEPROVISION' ? 'DEPROVISIONED' : 'PROVISIONED', version: { increment: 1 } } });
        }
        await tx.jobEvent.create({ data: { jobId, level: 'info', message: '完成 / succeeded', data: result.summary } });
        await recordAudit(tx, { ...SYSTEM_CONTEXT, actorName: 'worker' }, {
          action: `job.${kind.toLowerCase()}.succeeded`,
          targetType: 'ProvisioningJob',
          targetId: jobId,
          detail: { stack, requestId, summary: result.summary },
        });
      });
      const seconds = timer({ outcome: 'succeeded' });
      jobOutcomes.inc({ kind, outcome: 'succeeded' });
      jobLog.info({ attempt, durationMs: Math.round(seconds * 1000), summary: result.summary }, 'job succeeded');
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const final = attempt > retryLimit;
      await prisma.$transaction(async (tx) => {
        await tx.provisioningJob.update({ where: { id: jobId }, data: { state: final ? 'FAILED' : 'QUEUED', error: message, finishedAt: final ? new Date() : null } });
        await tx.jobEvent.create({ data: { jobId, level: 'error', message: final ? `失败 / failed: ${message}` : `出错，将重试 / error, will retry: ${message}` } });
        if (final && requestId) await tx.resourceRequest.update({ where: { id: requestId }, data: { status: 'FAILED', version: { increment: 1 } } });
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

/** One row per namespace, VM and database cluster; objects that are gone are marked DEPROVISIONED. */
async function recordResources(tx: Prisma.TransactionClient, projectId: string, namespace: string, objects: K8sObject[], driverName: string) {
  const tracked = objects.filter((o) => TRACKED.has(o.kind));
  const state = driverName === 'render' ? 'PROVISIONING' : 'READY';
  const detail = driverName === 'render' ? '已生成清单，待运维人员应用 / manifests rendered, waiting to be applied' : null;
  for (const o of tracked) {
    const ns = o.kind === 'Namespace' ? o.metadata.name : (o.metadata.namespace ?? namespace);
    const requestId = o.metadata.labels?.[LABELS.requestId] ?? null;
    const planCode = o.metadata.labels?.[LABELS.plan] ?? null;
    await tx.provisionedResource.upsert({
      where: { projectId_kind_namespace_name: { projectId, kind: o.kind, namespace: ns, name: o.metadata.name } },
      create: { projectId, kind: o.kind, name: o.metadata.name, namespace: ns, requestId, planCode, state, detail },
      update: { state, detail, requestId, planCode },
    });
  }
  const keep = new Set(tracked.map((o) => `${o.kind}/${o.metadata.name}`));
  const existing = await tx.provisionedResource.findMany({ where: { projectId, state: { not: 'DEPROVISIONED' } } });
  for (const r of existing) {
    if (!keep.has(`${r.kind}/${r.name}`)) await tx.provisionedResource.update({ where: { id: r.id }, data: { state: 'DEPROVISIONED', detail: null } });
  }
}
