// What each action of the resource request machine (provisioners/request-workflow.ts) needs besides its state, and
// what it does: the sub-center's review, and the jobs that provision, deprovision and preview.
import type { Actor } from '../core/actor.js';
import { readableWhere } from '../core/access/abilities.js';
import type { Tx } from '../core/db/database.js';
import type { Prisma } from '../core/db/generated/client.js';
import { ConflictError, NotFoundError } from '../core/errors.js';
import type { JobQueue } from '../core/jobs/queue.js';
import type { Guard, Machine } from '../core/workflow/runner.js';
import { ENTITLED_STATES } from '../projects/workflow.js';
import { createJobRecord } from './job-records.js';
import type { JobKind } from './job-kinds.js';
import { isDataBearing } from './kinds/index.js';
import { tenantNamespaceOf } from './tenant-state.js';
import { requestInclude } from './request-view.js';
import { REQUEST_MACHINE, type RequestAction, type RequestState } from './request-workflow.js';

export type RequestRecord = Prisma.ResourceRequestGetPayload<{ include: typeof requestInclude }>;

/** The request if the actor may read it; 404 otherwise. */
export async function findReadableRequest(tx: Tx, actor: Actor, id: string): Promise<RequestRecord> {
  const r = await tx.resourceRequest.findFirst({ where: { AND: [{ id }, readableWhere(actor.ability, 'ResourceRequest')] }, include: requestInclude });
  if (!r) throw new NotFoundError('resourceRequest');
  return r;
}

/** How a job is asked for: the HTTP request it came with (its Idempotency-Key is the route's: api/idempotency.ts). */
export interface JobAsk {
  httpRequestId?: string;
}

export interface RequestInputs extends Record<RequestAction, unknown> {
  approve: { note?: string };
  return: { note?: string };
  preview: JobAsk;
  provision: JobAsk;
  /** data-bearing resources need the request's code typed back */
  deprovision: JobAsk & { confirm?: string };
  /** the worker's reports: the job that ended (and, for a failure, why) */
  'complete-provision': JobReport;
  'complete-deprovision': JobReport;
  fail: JobReport & { error: string };
}

export interface JobReport {
  jobId: string;
}

export interface RequestEnv {
  queue: JobQueue;
  driverName: string;
}

/** Provisioning draws on an entitlement: the project must be established and not suspended (Art. 10, 23). */
const projectEntitled: Guard<RequestRecord, RequestEnv> = {
  article: '第十条',
  async check({ tx, row }) {
    const project = await tx.project.findUniqueOrThrow({ where: { id: row.projectId }, select: { status: true } });
    return (ENTITLED_STATES as readonly string[]).includes(project.status) ? null : new ConflictError('PROJECT_NOT_ESTABLISHED', { status: project.status });
  },
};

async function hasDataBearing(tx: Tx, planCodes: string[]) {
  const plans = await tx.catalogPlan.findMany({ where: { code: { in: planCodes } }, select: { offering: { select: { provisioner: true } } } });
  return plans.some((p) => isDataBearing(p.offering.provisioner));
}

/** Queues a job of the request's tenant in the transaction; its id goes into the audit record. */
async function queueJob(tx: Tx, actor: Actor, env: RequestEnv, row: RequestRecord, kind: JobKind, ask: JobAsk) {
  const project = await tx.project.findUniqueOrThrow({ where: { id: row.projectId }, include: { org: true } });
  const job = await createJobRecord(
    tx,
    env,
    actor,
    { kind, projectId: project.id, stack: tenantNamespaceOf(project.org.code, project.code), requestId: row.id, httpRequestId: ask.httpRequestId },
    null,
  );
  return { detail: { jobId: job.id, stack: job.stack } };
}

export const requestMachine: Machine<RequestState, RequestAction, RequestRecord, RequestInputs, RequestEnv, Prisma.ResourceRequestUncheckedUpdateInput> = {
  table: REQUEST_MACHINE,
  auditPrefix: 'resource-request',
  // jobs are asked for without an If-Match: a retried POST is answered by its Idempotency-Key before it gets here (api/idempotency.ts); the worker reports
  // without one, on the version it reads in the transaction that ends the job
  appends: ['preview', 'provision', 'deprovision', 'complete-provision', 'complete-deprovision', 'fail'],
  store: {
    find: findReadableRequest,
    // the requesting department does not approve its own request (separation of duties)
    owners: (_tx, row) => [row.orgId],
    // concurrent asks for jobs queue behind each other: each sees the request as the one before it left it
    async lock(tx, id) {
      await tx.$queryRaw`SELECT 1 FROM resource_request WHERE id = ${id}::uuid FOR UPDATE`;
    },
    async claim(tx, row, expected) {
      const { count } = await tx.resourceRequest.updateMany({ where: { id: row.id, version: expected }, data: { version: { increment: 1 } } });
      return count;
    },
    async write(tx, row, status, data) {
      if (status === undefined && !data) return;
      await tx.resourceRequest.update({ where: { id: row.id }, data: { ...data, ...(status ? { status } : {}) } });
    },
  },
  handlers: {
    approve: { effect: ({ actor, input }) => ({ data: { reviewNote: input.note ?? null, reviewedById: actor.principal!.id }, detail: { note: input.note } }) },
    return: { effect: ({ actor, input }) => ({ data: { reviewNote: input.note ?? null, reviewedById: actor.principal!.id }, detail: { note: input.note } }) },
    preview: { effect: ({ tx, actor, env, row, input }) => queueJob(tx, actor, env, row, 'PREVIEW', input) },
    provision: { guards: [projectEntitled], effect: ({ tx, actor, env, row, input }) => queueJob(tx, actor, env, row, 'PROVISION', input) },
    deprovision: {
      async effect({ tx, actor, env, row, input }) {
        if ((await hasDataBearing(tx, row.items.map((i) => i.planCode))) && input.confirm !== row.code) throw new ConflictError('CONFIRMATION_REQUIRED', { code: row.code });
        return queueJob(tx, actor, env, row, 'DEPROVISION', input);
      },
    },
    'complete-provision': { effect: ({ input }) => ({ detail: { jobId: input.jobId } }) },
    'complete-deprovision': { effect: ({ input }) => ({ detail: { jobId: input.jobId } }) },
    fail: { effect: ({ input }) => ({ detail: { jobId: input.jobId, error: input.error }, auditOutcome: 'FAILURE' }) },
  },
};
