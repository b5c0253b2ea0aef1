// Recording a provisioning job: the row, its first log line, its audit record and its queue message, in the
// caller's transaction, so none exists without the others. Jobs that change what runs take the tenant's one slot.
import type { Actor } from '../core/actor.js';
import { recordAudit, SYSTEM_CONTEXT } from '../core/audit/audit.js';
import type { Tx } from '../core/db/database.js';
import { ConflictError } from '../core/errors.js';
import type { JobQueue } from '../core/jobs/queue.js';
import { CHANGING_KINDS, isChanging, type JobKind } from './job-kinds.js';
import { kindParam, logLine } from './job-log.js';
import { writeLogLine } from './job-log-store.js';

export const PROVISIONING_QUEUE = 'provisioning';

export interface JobMessage {
  jobId: string;
  /** sent again by the heartbeat sweep: the worker of the last attempt, which stopped beating (heartbeat.ts) */
  deadWorker?: { id: string; lastBeat: string };
}

export interface NewJob {
  kind: JobKind;
  projectId: string;
  stack: string;
  requestId?: string;
  idempotencyKey?: string;
  httpRequestId?: string;
}

export interface JobAudit {
  action: string;
  targetType: string;
  targetId: string;
  detail?: Record<string, unknown>;
}

/** A job that changes what runs, queued or running: a second one is refused (STACK_BUSY). */
export function busyJob(tx: Tx, projectId: string) {
  return tx.provisioningJob.findFirst({ where: { projectId, state: { in: ['QUEUED', 'RUNNING'] }, kind: { in: [...CHANGING_KINDS] } }, select: { id: true } });
}

/** Serialises everything that queues jobs for one tenant (the stack), across processes. */
export async function lockStack(tx: Tx, stack: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`stack:${stack}`}))`;
}

export async function createJobRecord(tx: Tx, deps: { queue: JobQueue; driverName: string }, actor: Actor | null, job: NewJob, audit: JobAudit | null) {
  if (isChanging(job.kind)) {
    await lockStack(tx, job.stack);
    const busy = await busyJob(tx, job.projectId);
    if (busy) throw new ConflictError('STACK_BUSY', { jobId: busy.id });
  }
  const created = await tx.provisioningJob.create({
    data: {
      kind: job.kind,
      projectId: job.projectId,
      requestId: job.requestId ?? null,
      stack: job.stack,
      driver: deps.driverName,
      requestedById: actor?.principal?.id ?? null,
      idempotencyKey: job.idempotencyKey ?? null,
      requestIdHttp: job.httpRequestId ?? null,
    },
  });
  await writeLogLine(tx, created.id, 'info', logLine('job.log.queued', { kind: kindParam(job.kind) }));
  await deps.queue.send<JobMessage>(PROVISIONING_QUEUE, { jobId: created.id }, { tx });
  if (audit) await recordAudit(tx, actor?.audit ?? { ...SYSTEM_CONTEXT, actorName: 'scheduler' }, { ...audit, detail: { jobId: created.id, stack: job.stack, ...audit.detail } });
  return created;
}
