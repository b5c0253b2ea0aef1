// What each action of the provisioning job machine (provisioners/job-workflow.ts) does besides changing the job's
// state: the attempt count, the job's log (its events), its error text and result, and what now runs. The worker
// takes them through the runner (provisioners/job-actions.ts), as its own actor.
import type { Actor } from '../core/actor.js';
import { readableWhere } from '../core/access/abilities.js';
import type { Tx } from '../core/db/database.js';
import type { Prisma, ProvisioningJob } from '../core/db/generated/client.js';
import { NotFoundError } from '../core/errors.js';
import type { Machine } from '../core/workflow/runner.js';
import { logLine } from './job-log.js';
import { writeLogLine } from './job-log-store.js';
import { recordResources } from './job-runs.js';
import { JOB_MACHINE, type JobAction, type JobState } from './job-workflow.js';
import type { K8sObject } from './tenant-input.js';

/** The job row, its state under the name the runner reads (`status`). */
export type JobRow = ProvisioningJob & { status: JobState };

export interface JobInputs extends Record<JobAction, unknown> {
  start: Record<string, never>;
  restart: Record<string, never>;
  /** the job's result (kept with it), the driver's counts, and what now runs (kinds that changed it) */
  succeed: { result: Prisma.InputJsonValue; summary: Record<string, number>; objects?: K8sObject[] };
  retry: { error: string };
  /** why the job is taken back: its worker's last heartbeat (heartbeat.ts) */
  recover: { error: string; worker: string | null; lastBeat: Date | null; silentSeconds: number };
  /** what now runs, when the driver changed it before the job could not be reported */
  fail: { error: string; objects?: K8sObject[] };
}

export interface JobEnv {
  /** the driver running the job: named in its log, and deciding how what runs is recorded */
  driverName: string;
  /** the worker taking the job (host:pid) and after how long without a heartbeat another worker's attempt counts as dead */
  worker?: { id: string; heartbeatTimeoutSeconds: number };
}

/** Another worker's attempt that still beats: the job is not taken from it (begin answers "not yours"). */
export class JobAliveError extends Error {}

type Data = Prisma.ProvisioningJobUncheckedUpdateInput;

/** The job if the actor may read it (the worker reads every job; no user role reads them as jobs): 404 otherwise. */
export async function findJob(tx: Tx, actor: Actor, id: string): Promise<JobRow> {
  const job = await tx.provisioningJob.findFirst({ where: { AND: [{ id }, readableWhere(actor.ability, 'ProvisioningJob')] } });
  if (!job) throw new NotFoundError('job');
  return { ...job, status: job.state };
}

/** An attempt begins: counted by the job itself, not the queue (a worker that died mid-job leaves no retry count). */
async function begin(tx: Tx, row: JobRow, env: JobEnv) {
  const attempt = row.attempts + 1;
  const worker = env.worker?.id ?? null;
  await writeLogLine(tx, row.id, 'info', logLine('job.log.started', { attempt }, { data: { driver: env.driverName, stack: row.stack, ...(worker ? { worker } : {}) } }));
  const now = new Date();
  return { data: { startedAt: now, attempts: attempt, error: null, heartbeatAt: now, workerId: worker }, detail: { attempt, ...(worker ? { worker } : {}) } };
}

export const jobMachine: Machine<JobState, JobAction, JobRow, JobInputs, JobEnv, Data> = {
  table: JOB_MACHINE,
  auditPrefix: 'job',
  // the worker sends no If-Match: it takes each action on the version it reads, under the row's lock
  appends: ['start', 'restart', 'recover', 'succeed', 'retry', 'fail'],
  store: {
    find: findJob,
    async lock(tx, id) {
      await tx.$queryRaw`SELECT 1 FROM provisioning_job WHERE id = ${id}::uuid FOR UPDATE`;
    },
    async claim(tx, row, expected) {
      const { count } = await tx.provisioningJob.updateMany({ where: { id: row.id, version: expected }, data: { version: { increment: 1 } } });
      return count;
    },
    async write(tx, row, status, data) {
      if (status === undefined && !data) return;
      await tx.provisioningJob.update({ where: { id: row.id }, data: { ...data, ...(status ? { state: status } : {}) } });
    },
    auditTarget: (row) => ({ detail: { kind: row.kind, stack: row.stack, requestId: row.requestId } }),
  },
  handlers: {
    start: { effect: ({ tx, row, env }) => begin(tx, row, env) },
    restart: {
      async effect({ tx, row, env }) {
        // read under the row's lock: an attempt whose worker still beats is not taken over (a duplicate delivery)
        const timeout = env.worker?.heartbeatTimeoutSeconds;
        if (timeout && row.heartbeatAt && row.workerId !== env.worker?.id && Date.now() - row.heartbeatAt.getTime() < timeout * 1000) throw new JobAliveError(row.workerId ?? '');
        await writeLogLine(tx, row.id, 'warn', logLine('job.log.restarted'));
        return begin(tx, row, env);
      },
    },
    recover: {
      async effect({ tx, row, input }) {
        const at = input.lastBeat?.toISOString() ?? '-';
        await writeLogLine(tx, row.id, 'warn', logLine('job.log.heartbeatLost', { worker: input.worker ?? '-', seconds: input.silentSeconds, at }, { data: { recovery: 'heartbeat', worker: input.worker, lastBeat: at } }));
        return {
          data: { error: input.error, finishedAt: null, heartbeatAt: null, workerId: null },
          detail: { attempt: row.attempts, worker: input.worker, lastBeat: at, silentSeconds: input.silentSeconds },
        };
      },
    },
    succeed: {
      async effect({ tx, row, env, input }) {
        if (input.objects) await recordResources(tx, row.projectId, row.stack, input.objects, env.driverName);
        await writeLogLine(tx, row.id, 'info', logLine('job.log.succeeded', undefined, { data: input.summary }));
        return { data: { finishedAt: new Date(), result: input.result }, detail: { summary: input.summary } };
      },
    },
    retry: {
      async effect({ tx, row, input }) {
        await writeLogLine(tx, row.id, 'error', logLine('job.log.retrying', undefined, { detail: input.error }));
        return { data: { error: input.error, finishedAt: null }, detail: { attempt: row.attempts, error: input.error } };
      },
    },
    fail: {
      async effect({ tx, row, env, input }) {
        if (input.objects) await recordResources(tx, row.projectId, row.stack, input.objects, env.driverName);
        await writeLogLine(tx, row.id, 'error', logLine('job.log.failed', undefined, { detail: input.error }));
        return { data: { error: input.error, finishedAt: new Date() }, detail: { attempt: row.attempts, error: input.error }, auditOutcome: 'FAILURE' };
      },
    },
  },
};
