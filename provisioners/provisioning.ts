// Provisioning as jobs: a request is recorded and answered 202 with a job id; the durable queue runs it; its
// progress is readable and streamable. One operation per tenant stack at a time, here and across replicas.
import { subject } from '../core/access/abilities.js';
import type { Actor } from '../core/actor.js';
import { recordAudit } from '../core/audit/audit.js';
import type { Database, Tx } from '../core/db/database.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../core/errors.js';
import type { Locale } from '../core/i18n.js';
import type { JobQueue } from '../core/jobs/queue.js';
import { findReadableProject } from '../projects/machine.js';
import type { PublishedCatalog } from '../catalog/published.js';
import { desiredState, type ClusterProfile } from './desired-state.js';
import type { DriftItem, ObjectChange, ProvisioningDriver } from './drivers/driver.js';
import { isChanging } from './job-kinds.js';
import { createJobRecord, type JobAudit, type NewJob } from './job-records.js';
import { entitlementUsage } from './entitlement.js';
import { objectsToYaml } from './render.js';
import type { RequestActions } from './request-actions.js';
import { drawnBy, type ResourceRequestService } from './requests.js';
import type { StatusReader } from './status-reader.js';
import { loadTenantInput, tenantNamespaceOf } from './tenant-state.js';
import { driftView } from './drift-view.js';
import { jobEventView } from './job-log-view.js';
import { resourceDetail, resourceStateLabel } from './resource-state-view.js';
import type { JobDetail, JobView, ProjectResources } from './view-schema.js';
import './audit-names.js';
import { summariseObjects } from './object-names.js';

export { PROVISIONING_QUEUE, type JobMessage } from './job-records.js';

/**
 * The tenant as a whole, from its resources' states: NONE (nothing provisioned), FAILED, DRIFTED (something differs
 * from what should run), PROVISIONING (not everything is up yet), or READY.
 */
export function tenantState(states: string[], drift: unknown[] | null): 'NONE' | 'FAILED' | 'DRIFTED' | 'PROVISIONING' | 'READY' {
  const live = states.filter((s) => s !== 'DEPROVISIONED');
  if (!live.length) return 'NONE';
  if (live.includes('FAILED')) return 'FAILED';
  if (live.includes('DRIFTED') || (drift?.length ?? 0) > 0) return 'DRIFTED';
  if (live.some((s) => s !== 'READY')) return 'PROVISIONING';
  return 'READY';
}

export function toJobView(j: {
  id: string;
  kind: string;
  projectId: string;
  requestId: string | null;
  stack: string;
  driver: string;
  state: string;
  attempts: number;
  error: string | null;
  result: unknown;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}): JobView {
  return {
    id: j.id,
    // text and JSON columns: the kind is one of JOB_KINDS, the result what the worker kept (job-runs.ts)
    kind: j.kind as JobView['kind'],
    projectId: j.projectId,
    requestId: j.requestId,
    stack: j.stack,
    driver: j.driver,
    state: j.state as JobView['state'],
    attempts: j.attempts,
    error: j.error,
    result: j.result as JobView['result'],
    createdAt: j.createdAt.toISOString(),
    startedAt: j.startedAt?.toISOString() ?? null,
    finishedAt: j.finishedAt?.toISOString() ?? null,
  };
}

export interface ProvisioningDeps {
  db: Database;
  queue: () => JobQueue;
  requests: ResourceRequestService;
  requestActions: RequestActions;
  published: PublishedCatalog;
  driver: ProvisioningDriver;
  profile: ClusterProfile;
  /** reads what runs on the target cluster; absent in render mode */
  status?: StatusReader;
}

export function createProvisioningService({ db, queue, requests, requestActions, published, driver, profile, status }: ProvisioningDeps) {
  const driverName = driver.name;
  const { prisma } = db;

  const createJob = (tx: Tx, actor: Actor | null, job: NewJob, audit: JobAudit | null) => createJobRecord(tx, { queue: queue(), driverName }, actor, job, audit);

  /**
   * Records the job and enqueues it in one transaction with the request's change (the runner). A retried POST is
   * the route's business: its Idempotency-Key is bound to the request and replays the first answer (api/idempotency.ts).
   */
  async function enqueue(actor: Actor, requestId: string, kind: 'PROVISION' | 'DEPROVISION', opts: { confirm?: string; httpRequestId?: string }, locale: Locale) {
    const ask = { httpRequestId: opts.httpRequestId };
    const taken =
      kind === 'PROVISION'
        ? await requestActions.run(actor, 'provision', requestId, { input: ask, locale })
        : await requestActions.run(actor, 'deprovision', requestId, { input: { ...ask, confirm: opts.confirm }, locale });
    return { job: await jobView(String(taken.detail.jobId)) };
  }

  /**
   * A job just recorded, read in a transaction of its own: on the embedded database, reads outside a transaction
   * can interleave with other connections' (see README, "The embedded database").
   */
  const jobView = async (id: string) => toJobView(await prisma.$transaction((tx) => tx.provisioningJob.findUniqueOrThrow({ where: { id } })));

  /** What provisioning a request would change, computed by the worker through the driver (never in a request). */
  async function requestPreview(actor: Actor, requestId: string, locale: Locale, opts: { httpRequestId?: string } = {}) {
    const taken = await requestActions.run(actor, 'preview', requestId, { input: { httpRequestId: opts.httpRequestId }, locale });
    return jobView(String(taken.detail.jobId));
  }

  /** A drift check (REFRESH) or a repair of a project's tenant, asked for by the sub-center. */
  async function tenantJob(actor: Actor, projectId: string, kind: 'REFRESH' | 'REPAIR', opts: { httpRequestId?: string } = {}) {
    const action = kind === 'REFRESH' ? 'checkDrift' : 'repair';
    const job = await prisma.$transaction(async (tx) => {
      const project = await findReadableProject(tx, actor, projectId);
      if (!actor.ability.can(action, 'Project')) throw new ForbiddenError('FORBIDDEN', { action });
      if (!actor.ability.can(action, subject('Project', project))) throw new ConflictError('INVALID_TRANSITION', { action, from: project.status });
      const org = await tx.organisation.findUniqueOrThrow({ where: { id: project.orgId } });
      const live = await tx.provisionedResource.count({ where: { projectId, state: { not: 'DEPROVISIONED' } } });
      if (!live) throw new ConflictError('NOTHING_PROVISIONED', { projectId });
      return createJob(
        tx,
        actor,
        { kind, projectId, stack: tenantNamespaceOf(org.code, project.code), httpRequestId: opts.httpRequestId },
        { action: `project.${action === 'checkDrift' ? 'drift-check' : 'repair'}`, targetType: 'Project', targetId: projectId },
      );
    });
    return toJobView(job);
  }

  async function readableJob(actor: Actor, id: string) {
    const job = await prisma.provisioningJob.findUnique({ where: { id } });
    if (!job) throw new NotFoundError('job');
    await findReadableProject(prisma, actor, job.projectId).catch(() => {
      throw new NotFoundError('job');
    });
    return job;
  }

  async function getJob(actor: Actor, id: string, locale: Locale): Promise<JobDetail> {
    const job = await readableJob(actor, id);
    const log = await prisma.jobEvent.findMany({ where: { jobId: id }, orderBy: { seq: 'asc' }, take: 1000 });
    return { ...toJobView(job), events: log.map((e) => jobEventView(e, locale)) };
  }

  /** Events after `afterSeq` in the reader's language, and whether the job has ended (for server-sent events). */
  async function eventsSince(id: string, afterSeq: bigint, locale: Locale) {
    const [log, job] = await Promise.all([
      prisma.jobEvent.findMany({ where: { jobId: id, seq: { gt: afterSeq } }, orderBy: { seq: 'asc' }, take: 500 }),
      prisma.provisioningJob.findUniqueOrThrow({ where: { id }, select: { state: true } }),
    ]);
    const events = log.map((e) => jobEventView(e, locale));
    return { events, ended: job.state === 'SUCCEEDED' || job.state === 'FAILED', state: job.state };
  }

  /**
   * The whole tenant as it will be once the request is provisioned: the exact objects (computed here, pure), and
   * the latest preview job of the request with the driver's diff once it has run.
   */
  async function preview(actor: Actor, requestId: string, locale: Locale) {
    const r = await requests.findReadable(prisma, actor, requestId);
    if (!actor.ability.can('provision', 'ResourceRequest')) throw new ForbiddenError('FORBIDDEN', { action: 'preview' });
    const project = await prisma.project.findUniqueOrThrow({ where: { id: r.projectId }, include: { org: true } });
    const namespace = tenantNamespaceOf(project.org.code, project.code);
    const input = await loadTenantInput(prisma, r.projectId, { include: r.id });
    const objects = desiredState(input, (await published.current()).view, profile);
    const last = await prisma.provisioningJob.findFirst({ where: { requestId: r.id, kind: 'PREVIEW' }, orderBy: { createdAt: 'desc' } });
    const changes = last?.state === 'SUCCEEDED' ? ((last.result as { changes?: ObjectChange[] } | null)?.changes ?? []) : null;
    return { namespace, driver: driverName, summary: summariseObjects(objects, locale), objects, yaml: objectsToYaml(objects), previewJob: last ? toJobView(last) : null, changes };
  }

  /** What a project has: tracked resources and their state, entitlement used and left, drift where known. */
  async function resources(actor: Actor, projectId: string, locale: Locale): Promise<ProjectResources> {
    const project = await findReadableProject(prisma, actor, projectId);
    const org = await prisma.organisation.findUniqueOrThrow({ where: { id: project.orgId } });
    const namespace = tenantNamespaceOf(org.code, project.code);
    const [rows, entitlement, drawn, jobs, lastCheck] = await Promise.all([
      prisma.provisionedResource.findMany({ where: { projectId }, orderBy: [{ kind: 'asc' }, { name: 'asc' }] }),
      prisma.entitlement.findMany({ where: { projectId }, orderBy: { planCode: 'asc' } }),
      drawnBy(prisma, projectId),
      prisma.provisioningJob.findMany({ where: { projectId }, orderBy: { createdAt: 'desc' }, take: 10 }),
      prisma.provisioningJob.findFirst({ where: { projectId, kind: 'REFRESH', state: 'SUCCEEDED' }, orderBy: { finishedAt: 'desc' } }),
    ]);
    // drift: what the last drift check (a REFRESH job through the driver) found, unless a change ran after it,
    // and what the live read below sees (quota, VM run state, objects gone)
    const changedSince = lastCheck && jobs.some((j) => isChanging(j.kind) && j.state === 'SUCCEEDED' && j.finishedAt && j.finishedAt > lastCheck.finishedAt!);
    const checked = lastCheck && !changedSince ? ((lastCheck.result as { drift?: DriftItem[] } | null)?.drift ?? []) : null;
    let drift: DriftItem[] | null = checked;
    let observed = new Map<string, { state: string; detail?: string }>();
    if (status && rows.length) {
      const input = await loadTenantInput(prisma, projectId);
      const expected = desiredState(input, (await published.current()).view, profile);
      const read = await status.read(namespace, expected);
      const seen = new Set((checked ?? []).map((d) => `${d.kind}/${d.name}`));
      drift = [...(checked ?? []), ...read.drift.filter((d) => !seen.has(`${d.kind}/${d.name}`))];
      observed = new Map(read.objects.map((o) => [`${o.kind}/${o.name}`, { state: o.state === 'MISSING' ? 'DRIFTED' : o.state, detail: o.detail }]));
    }
    const views = rows.map((r): ProjectResources['resources'][number] => {
        const seen = r.state === 'DEPROVISIONED' ? undefined : observed.get(`${r.kind}/${r.name}`);
        // the column holds one of RESOURCE_STATES; what the live read sees is mapped onto them above
        const state = (seen?.state ?? r.state) as ProjectResources['resources'][number]['state'];
        return {
          id: r.id,
          kind: r.kind,
          name: r.name,
          namespace: r.namespace,
          planCode: r.planCode,
          requestId: r.requestId,
          state,
          stateLabel: resourceStateLabel(state, locale),
          ...resourceDetail(seen?.detail ?? r.detail, locale),
          credentialsRevealed: r.credentialsRevealedAt !== null,
          updatedAt: r.updatedAt.toISOString(),
        };
      });
    const tenant = tenantState(views.map((v) => v.state), drift);
    return {
      namespace,
      driver: driverName,
      clusterConnected: Boolean(status),
      state: tenant,
      stateLabel: resourceStateLabel(tenant, locale),
      resources: views,
      entitlement: entitlementUsage(entitlement, drawn),
      drift: drift && drift.map((d) => driftView(d, locale)),
      driftCheckedAt: lastCheck?.finishedAt?.toISOString() ?? null,
      jobs: jobs.map(toJobView),
    };
  }

  /** Database credentials, shown once to the owning department's users; every reveal is audited. */
  async function revealCredentials(actor: Actor, resourceId: string) {
    const res = await prisma.provisionedResource.findUnique({ where: { id: resourceId } });
    if (!res || res.kind !== 'Cluster') throw new NotFoundError('resource');
    const project = await findReadableProject(prisma, actor, res.projectId).catch(() => {
      throw new NotFoundError('resource');
    });
    if (!actor.ability.can('reveal', subject('ResourceRequest', { orgId: project.orgId }))) throw new ForbiddenError('FORBIDDEN', { action: 'reveal' });
    if (!status) throw new ConflictError('NO_CLUSTER');
    return prisma.$transaction(async (tx) => {
      // claim the one reveal first, so two requests at once cannot both get the secret
      const { count } = await tx.provisionedResource.updateMany({ where: { id: resourceId, credentialsRevealedAt: null }, data: { credentialsRevealedAt: new Date() } });
      if (!count) {
        const at = (await tx.provisionedResource.findUniqueOrThrow({ where: { id: resourceId } })).credentialsRevealedAt!;
        throw new ConflictError('ALREADY_REVEALED', { at: at.toISOString() });
      }
      const credentials = await status.credentials(res.namespace, res.name);
      await recordAudit(tx, actor.audit, { action: 'resource.credentials.reveal', targetType: 'ProvisionedResource', targetId: resourceId, detail: { cluster: res.name, namespace: res.namespace } });
      return credentials;
    });
  }

  return { enqueue, requestPreview, tenantJob, getJob, readableJob, eventsSince, preview, resources, revealCredentials };
}

export type ProvisioningService = ReturnType<typeof createProvisioningService>;
