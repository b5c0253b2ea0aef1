// What each kind of provisioning job does once the worker holds its stack: compute what should run, ask the
// driver, and say what to record. The worker (worker.ts) keeps the lock and the failure path; the job machine
// (job-actions.ts) writes the outcome, what runs, the request's report and their audit records in one transaction.
import type { Prisma } from '../core/db/generated/client.js';
import type { Tx } from '../core/db/database.js';
import { desiredState, LABELS, type ClusterProfile } from './desired-state.js';
import type { DriverRunOptions, OnEvent, ProvisioningDriver } from './drivers/driver.js';
import type { FinalBackups } from './final-backup.js';
import type { JobKind } from './job-kinds.js';
import { logLine } from './job-log.js';
import { WORKLOADS, workloadOf, type FinalBackupSpec } from './kinds/index.js';
import type { PublishedCatalog } from '../catalog/published.js';
import type { K8sObject } from './tenant-input.js';
import { loadTenantInput } from './tenant-state.js';

export interface JobRunDeps {
  prisma: Tx;
  driver: ProvisioningDriver;
  published: PublishedCatalog;
  profile: ClusterProfile;
  /** takes a database's final backup before it is removed; absent when no cluster is connected (render) */
  finalBackups?: FinalBackups;
}

export interface JobToRun {
  id: string;
  kind: JobKind;
  projectId: string;
  requestId: string | null;
  stack: string;
  /** as the worker read it: QUEUED, or RUNNING when a worker died mid-job */
  state: 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';
}

export interface JobOutcome {
  /** kept with the job (shown with it): the driver's summary, and a preview's changes or a check's drift */
  result: Prisma.InputJsonValue;
  summary: Record<string, number>;
  /** how the resource request hears of it (its machine's report), for PROVISION and DEPROVISION */
  report?: 'complete-provision' | 'complete-deprovision';
  /** record what now runs (kinds that changed it) */
  objects?: K8sObject[];
}

/** Kinds of objects whose state users follow (one row each in provisioned_resource): the namespace and the workloads. */
const TRACKED = new Set(['Namespace', ...WORKLOADS.map((w) => w.kind)]);

export async function runJob(deps: JobRunDeps, job: JobToRun, onEvent: OnEvent, runOpts: DriverRunOptions = {}): Promise<JobOutcome> {
  const { prisma, driver, published, profile } = deps;
  const requestId = job.requestId ?? undefined;
  const scope = job.kind === 'DEPROVISION' ? { exclude: requestId } : job.kind === 'PROVISION' || job.kind === 'PREVIEW' ? { include: requestId } : {};
  const input = await loadTenantInput(prisma, job.projectId, scope);
  const objects = desiredState(input, (await published.current()).view, profile);
  onEvent('info', logLine('job.log.desiredState', { count: objects.length }));

  switch (job.kind) {
    case 'PREVIEW': {
      const p = await driver.preview(job.stack, objects, onEvent, runOpts);
      return { result: { summary: p.summary, changes: p.changes as unknown as Prisma.InputJsonValue }, summary: p.summary };
    }
    case 'REFRESH': {
      const r = await driver.refresh(job.stack, objects, onEvent, runOpts);
      onEvent(r.drift.length ? 'warn' : 'info', r.drift.length ? logLine('job.log.drift', { count: r.drift.length }) : logLine('job.log.noDrift'));
      return { result: { summary: r.summary, drift: r.drift as unknown as Prisma.InputJsonValue }, summary: r.summary };
    }
    case 'PROVISION':
    case 'DEPROVISION':
    case 'REPAIR': {
      if (job.kind === 'DEPROVISION') await backUpRemovedData(deps, job, objects, onEvent);
      const r = await driver.up(job.stack, objects, onEvent, runOpts);
      return {
        result: { summary: r.summary, changes: r.changes.length },
        summary: r.summary,
        objects,
        ...(job.kind === 'PROVISION' ? { report: 'complete-provision' as const } : job.kind === 'DEPROVISION' ? { report: 'complete-deprovision' as const } : {}),
      };
    }
  }
}

/** Data-bearing workloads (databases) that run now and will not after this job: each gets its final backup before anything is removed. */
async function backUpRemovedData(deps: JobRunDeps, job: JobToRun, remaining: K8sObject[], onEvent: OnEvent): Promise<void> {
  const going: { namespace: string; name: string; backup: FinalBackupSpec }[] = [];
  for (const workload of WORKLOADS) {
    const { finalBackup: backup } = workload;
    if (!backup) continue;
    const keep = new Set(remaining.filter((o) => workloadOf(o) === workload).map((o) => o.metadata.name));
    const running = await deps.prisma.provisionedResource.findMany({ where: { projectId: job.projectId, kind: workload.kind, state: { not: 'DEPROVISIONED' } }, select: { name: true, namespace: true } });
    going.push(...running.filter((r) => !keep.has(r.name)).map((r) => ({ ...r, backup })));
  }
  if (!going.length) return;
  if (!deps.finalBackups) {
    onEvent('warn', logLine('job.log.finalBackupByHand', { names: going.map((g) => g.name) }));
    return;
  }
  for (const g of going) await deps.finalBackups.take(g.backup, g.namespace, g.name, job.id, onEvent);
}

/** One row per namespace and workload (VM, database cluster); objects that are gone are marked DEPROVISIONED. */
export async function recordResources(tx: Tx, projectId: string, namespace: string, objects: K8sObject[], driverName: string) {
  const tracked = objects.filter((o) => TRACKED.has(o.kind));
  const state = driverName === 'render' ? 'PROVISIONING' : 'READY';
  // the platform's own note is kept as its code (resource-states.ts), named in the reader's language when read
  const detail = driverName === 'render' ? 'resource.note.rendered' : null;
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

