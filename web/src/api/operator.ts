// The sub-center operator's console: the resource-request queue, technical review, the desired-state preview,
// provisioning jobs (202 + job id, then the job's log streamed as server-sent events) and a project's resources.
import { call, client, dataOf, ifMatch, type QueryOf, type Schemas } from './client';
import { ApiError } from './errors';

export type RequestStatus = Schemas['ResourceRequestStatus'];
export type OperatorRequest = Schemas['ResourceRequest'];
export type PreviewObject = Schemas['KubernetesObject'];
export type Preview = Schemas['ProvisioningPreview'];
export type JobState = Schemas['JobState'];
export type Job = Schemas['ProvisioningJob'];
export type JobDetail = Schemas['ProvisioningJobDetail'];
export type JobAccepted = Schemas['JobAccepted'];

const request = (id: string) => ({ path: { id } });

export const fetchRequestQueue = (query: Omit<QueryOf<'/api/resource-requests'>, 'pageSize'>, signal?: AbortSignal) =>
  dataOf(client.GET('/api/resource-requests', { params: { query: { ...query, pageSize: REQUEST_PAGE_SIZE } }, signal }));
/** a page of the request queue */
export const REQUEST_PAGE_SIZE = 50;

export const fetchRequest = (id: string, signal?: AbortSignal) => call(client.GET('/api/resource-requests/{id}', { params: request(id), signal }));

export const decideRequest = (id: string, action: 'approve' | 'return', etag: string | null, note?: string) =>
  call(client.POST(`/api/resource-requests/{id}/${action}`, { params: { ...request(id), header: ifMatch(etag) }, body: action === 'return' ? { note: note ?? '' } : note ? { note } : {} }));

export const fetchPreview = (id: string, signal?: AbortSignal) => dataOf(client.GET('/api/resource-requests/{id}/preview', { params: request(id), signal }));

/** The same preview as YAML text. */
export const fetchPreviewYaml = (id: string, signal?: AbortSignal) =>
  dataOf(client.GET('/api/resource-requests/{id}/preview', { params: { ...request(id), query: { format: 'yaml' } }, parseAs: 'text', headers: { Accept: 'application/yaml' }, signal }));

function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return `ui-${crypto.randomUUID()}`;
  return `ui-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

type JobAction = 'provision' | 'deprovision';

/**
 * Starts a provisioning or deprovisioning job with one fresh Idempotency-Key per click: a retried call gets the
 * same job, not a second. Deprovisioning data-bearing resources needs the request code typed as confirmation.
 */
export async function startJob(id: string, action: JobAction, confirm?: string): Promise<JobAccepted> {
  const headers = { 'Idempotency-Key': newIdempotencyKey() };
  const post = () =>
    action === 'provision'
      ? dataOf(client.POST('/api/resource-requests/{id}/provision', { params: request(id), headers }))
      : dataOf(client.POST('/api/resource-requests/{id}/deprovision', { params: request(id), headers, body: confirm ? { confirm } : {} }));
  try {
    return await post();
  } catch (err) {
    // the network failed before an answer: once more with the same key
    if (err instanceof ApiError && err.status === 0) return post();
    throw err;
  }
}

/** Asks the worker to compute what provisioning the request would change (a PREVIEW job). */
export const startPreview = (id: string) => dataOf(client.POST('/api/resource-requests/{id}/preview', { params: request(id) }));

/** A drift check of a project's tenant, or its repair (REFRESH / REPAIR jobs). */
export const startTenantJob = (projectId: string, action: 'drift-check' | 'repair') =>
  dataOf(client.POST(`/api/projects/{id}/${action}`, { params: { path: { id: projectId } } }));

export const fetchJob = (id: string, signal?: AbortSignal) => dataOf(client.GET('/api/jobs/{id}', { params: { path: { id } }, signal }));
