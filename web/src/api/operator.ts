// The sub-center operator's console: the resource-request queue, technical review, the desired-state preview,
// provisioning jobs (202 + job id, then the job's log streamed as server-sent events) and a project's resources.
import type { AllowedAction } from './actions';
import { api, get, sessionHeaders } from './client';
import { ApiError, toApiError } from './errors';
import type { Page } from './types';

export type RequestStatus =
  | 'SUBMITTED'
  | 'APPROVED'
  | 'RETURNED'
  | 'PROVISIONING'
  | 'PROVISIONED'
  | 'FAILED'
  | 'DEPROVISIONING'
  | 'DEPROVISIONED';

export interface OperatorRequest {
  /** what the request offers its reader now (the server decides) */
  allowedActions: AllowedAction[];
  id: string;
  code: string;
  projectId: string;
  orgId: string;
  status: RequestStatus;
  environment: 'production' | 'test';
  networkZone: 'egov-extranet' | 'internet';
  contacts: { name: string; phone: string; email?: string }[];
  sshPublicKeys: string[];
  reviewNote: string | null;
  items: { planCode: string; quantity: number }[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface PreviewObject {
  apiVersion?: string;
  kind: string;
  metadata?: { name?: string; namespace?: string };
  [key: string]: unknown;
}

export interface Preview {
  namespace: string;
  driver: string;
  objects: PreviewObject[];
  /** what provisioning would change, from the latest preview job; null until one has run */
  changes: { op: string; kind: string; name: string }[] | null;
  previewJob: Job | null;
}

export type JobState = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';

export interface Job {
  id: string;
  kind: string;
  projectId: string;
  requestId: string | null;
  state: JobState;
  attempts: number;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  events?: { seq: string; at: string; level: string; message: string }[];
}

const base = (id: string) => `/api/resource-requests/${encodeURIComponent(id)}`;

export const fetchRequestQueue = (status: RequestStatus[], signal?: AbortSignal) =>
  get<Page<OperatorRequest>>('/api/resource-requests', { status, pageSize: 200 }, signal);

export const fetchRequest = (id: string, signal?: AbortSignal) => api<OperatorRequest>(base(id), { signal });

export const decideRequest = (id: string, action: 'approve' | 'return', etag: string | null, note?: string) =>
  api<OperatorRequest>(`${base(id)}/${action}`, { method: 'POST', ifMatch: etag, body: action === 'return' ? { note: note ?? '' } : note ? { note } : {} });

export const fetchPreview = (id: string, signal?: AbortSignal) => get<Preview>(`${base(id)}/preview`, undefined, signal);

/** The same preview as YAML text (the client's JSON wrapper does not read text). */
export async function fetchPreviewYaml(id: string, signal?: AbortSignal): Promise<string> {
  const res = await fetch(`${base(id)}/preview?format=yaml`, { headers: { Accept: 'application/yaml', ...sessionHeaders() }, signal });
  const text = await res.text();
  if (!res.ok) {
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
    throw toApiError(res.status, body, `HTTP ${res.status}`);
  }
  return text;
}

function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return `ui-${crypto.randomUUID()}`;
  return `ui-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

type JobAction = 'provision' | 'deprovision';

/**
 * Starts a provisioning or deprovisioning job with one fresh Idempotency-Key per click: a retried call gets the
 * same job, not a second. Deprovisioning data-bearing resources needs the request code typed as confirmation.
 */
export async function startJob(id: string, action: JobAction, confirm?: string): Promise<{ jobId: string; job: Job }> {
  const headers = { 'Idempotency-Key': newIdempotencyKey() };
  const init = { method: 'POST' as const, headers, ...(action === 'deprovision' ? { body: confirm ? { confirm } : {} } : {}) };
  try {
    return (await api<{ jobId: string; job: Job }>(`${base(id)}/${action}`, init)).data;
  } catch (err) {
    // the network failed before an answer: once more with the same key
    if (err instanceof ApiError && err.status === 0) return (await api<{ jobId: string; job: Job }>(`${base(id)}/${action}`, init)).data;
    throw err;
  }
}

/** Asks the worker to compute what provisioning the request would change (a PREVIEW job). */
export const startPreview = async (id: string) => (await api<{ jobId: string; job: Job }>(`${base(id)}/preview`, { method: 'POST' })).data;

/** A drift check of a project's tenant, or its repair (REFRESH / REPAIR jobs). */
export const startTenantJob = async (projectId: string, action: 'drift-check' | 'repair') =>
  (await api<{ jobId: string; job: Job }>(`/api/projects/${encodeURIComponent(projectId)}/${action}`, { method: 'POST' })).data;

export const fetchJob = (id: string, signal?: AbortSignal) => get<Job>(`/api/jobs/${encodeURIComponent(id)}`, undefined, signal);

