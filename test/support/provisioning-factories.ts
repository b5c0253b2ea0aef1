// Provisioning jobs driven by hand: a worker of the test's own (the platform's are off: RUN_WORKERS=false) whose
// driver fails on demand and whose hook runs inside a job, and requests built through the API to give it work.
import { createPublishedCatalog } from '../../catalog/published.js';
import { DEFAULT_CLUSTER_PROFILE } from '../../provisioners/cluster-profile.js';
import { createRenderDriver } from '../../provisioners/drivers/render-driver.js';
import { createRenderedManifests } from '../../provisioners/rendered-manifests.js';
import { createFileStore } from '../../core/files/store.js';
import type { ProvisioningDriver } from '../../provisioners/drivers/driver.js';
import { createJobActions, type JobActions } from '../../provisioners/job-actions.js';
import { createProvisioningWorker } from '../../provisioners/worker.js';
import type { TestPlatform } from './platform.js';
import { REQUEST, buildEstablished } from './projects.js';

/** The platform's settings for a test that runs jobs itself. */
export const NO_WORKERS = { RUN_WORKERS: 'false' };

export interface JobRig {
  worker: ReturnType<typeof createProvisioningWorker>;
  /** the job machine as the worker takes it */
  actions: JobActions;
  /** stacks whose next `up` calls fail, with how many are left to fail */
  failUp: Map<string, number>;
  /** run inside the job, after it started and before the driver runs */
  inside: Map<string, () => Promise<void>>;
}

export function jobRig(t: Pick<TestPlatform, 'platform'>, retryLimit = 1): JobRig {
  const { db, queue, log } = t.platform;
  const manifests = createRenderedManifests(db, createFileStore({ fileStore: 'database' }, db));
  const render = createRenderDriver(() => manifests);
  const failUp = new Map<string, number>();
  const inside = new Map<string, () => Promise<void>>();
  const driver: ProvisioningDriver = {
    name: render.name,
    preview: (stack, objects, onEvent) => render.preview(stack, objects, onEvent),
    refresh: (stack, objects, onEvent) => render.refresh(stack, objects, onEvent),
    async up(stack, objects, onEvent) {
      const left = failUp.get(stack) ?? 0;
      if (left > 0) {
        failUp.set(stack, left - 1);
        throw new Error('驱动失败（测试）/ driver failed (test)');
      }
      return render.up(stack, objects, onEvent);
    },
  };
  const worker = createProvisioningWorker({
    db,
    queue,
    driver,
    published: createPublishedCatalog(db),
    profile: DEFAULT_CLUSTER_PROFILE,
    log,
    retryLimit,
    heartbeat: { intervalSeconds: 5, timeoutSeconds: 30 },
    beforeDriver: async (jobId) => inside.get(jobId)?.(),
  });
  return { worker, actions: createJobActions({ db, queue, driverName: driver.name }), failUp, inside };
}

export interface AskedJob {
  requestId: string;
  code: string;
  projectId: string;
  jobId: string;
  stack: string;
}

/** A request of a new established project, approved and asked to be provisioned: its job is queued. */
export async function queuedProvision(t: TestPlatform): Promise<AskedJob> {
  const project = await buildEstablished(t);
  const made = await t.http.post(`/api/projects/${project.id}/resource-requests`).set(await t.as('dept')).send(REQUEST);
  if (made.status !== 201) throw new Error(`request: ${made.status} ${made.text}`);
  const approved = await t.http.post(`/api/resource-requests/${made.body.id}/approve`).set(await t.as('bdc')).set('If-Match', made.headers.etag).send({});
  if (approved.status !== 200) throw new Error(`approve: ${approved.status} ${approved.text}`);
  const asked = await t.http.post(`/api/resource-requests/${made.body.id}/provision`).set(await t.as('bdc'));
  if (asked.status !== 202) throw new Error(`provision: ${asked.status} ${asked.text}`);
  return { requestId: made.body.id, code: made.body.code, projectId: project.id, jobId: asked.body.jobId, stack: asked.body.job.stack };
}

/** Deprovisioning asked for a provisioned request (data-bearing: its code confirms). */
export async function queuedDeprovision(t: TestPlatform, r: Pick<AskedJob, 'requestId' | 'code'>): Promise<string> {
  const asked = await t.http.post(`/api/resource-requests/${r.requestId}/deprovision`).set(await t.as('bdc')).send({ confirm: r.code });
  if (asked.status !== 202) throw new Error(`deprovision: ${asked.status} ${asked.text}`);
  return asked.body.jobId as string;
}

export const jobRow = (t: TestPlatform, id: string) => t.platform.db.prisma.provisioningJob.findUniqueOrThrow({ where: { id } });
export const requestRow = (t: TestPlatform, id: string) => t.platform.db.prisma.resourceRequest.findUniqueOrThrow({ where: { id } });
/** The audit records of one object, oldest first. */
export const auditOf = (t: TestPlatform, targetId: string) => t.platform.db.prisma.auditEvent.findMany({ where: { targetId }, orderBy: { seq: 'asc' } });
