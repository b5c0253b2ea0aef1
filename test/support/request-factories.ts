// Resource requests brought to a state of the request machine (provisioners/request-workflow.ts) through the real
// API: drawn on an established project's entitlement by its department, reviewed and provisioned by the
// sub-center (bdc), with the worker's job followed to its end.
import { projectIn, type Built } from './project-factories.js';
import { REQUEST } from './projects.js';
import { expectOk, type Api } from './scene.js';

export type RequestFactoryState = 'SUBMITTED' | 'APPROVED' | 'RETURNED' | 'PROVISIONED' | 'DEPROVISIONED';

export interface Req {
  id: string;
  code: string;
  etag: string;
  projectId: string;
  body: any;
}

/** Waits for a job of the worker to end and returns its final state. */
export async function jobEnds(api: Api, jobId: string, who = 'bdc', timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = expectOk('read job', await api.call('GET', `/api/jobs/${jobId}`, { as: who }));
    if (['SUCCEEDED', 'FAILED'].includes(job.body.state)) return job.body.state;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job.body.state} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The request as bdc reads it now. */
export async function readRequest(api: Api, r: { id: string }): Promise<any> {
  return expectOk('read request', await api.call('GET', `/api/resource-requests/${r.id}`, { as: 'bdc' }));
}

/** A request in `state`, drawn on `project` (default: a new established project of dept). */
export async function requestIn(api: Api, state: RequestFactoryState, opts: { project?: Built; user?: string; body?: object } = {}): Promise<Req> {
  const user = opts.user ?? 'dept';
  const project = opts.project ?? (await projectIn(api, 'ESTABLISHED', { user }));
  let res = expectOk('request resources', await api.call('POST', `/api/projects/${project.id}/resource-requests`, { as: user, body: opts.body ?? REQUEST }), 201);
  const req: Req = { id: res.body.id, code: res.body.code, etag: res.etag ?? `"v${res.body.version}"`, projectId: project.id, body: res.body };
  if (state === 'SUBMITTED') return req;
  if (state === 'RETURNED') {
    res = expectOk('return request', await api.call('POST', `/api/resource-requests/${req.id}/return`, { as: 'bdc', body: { note: '请补充说明' }, ifMatch: req.etag }));
    return { ...req, etag: res.etag!, body: res.body };
  }
  res = expectOk('approve request', await api.call('POST', `/api/resource-requests/${req.id}/approve`, { as: 'bdc', body: {}, ifMatch: req.etag }));
  if (state === 'APPROVED') return { ...req, etag: res.etag!, body: res.body };
  res = expectOk('provision', await api.call('POST', `/api/resource-requests/${req.id}/provision`, { as: 'bdc' }), 202);
  const provisioned = await jobEnds(api, res.body.jobId);
  if (provisioned !== 'SUCCEEDED') throw new Error(`provisioning ${req.code} ended ${provisioned}`);
  if (state === 'PROVISIONED') {
    const now = await readRequest(api, req);
    return { ...req, etag: now.etag, body: now.body };
  }
  res = expectOk('deprovision', await api.call('POST', `/api/resource-requests/${req.id}/deprovision`, { as: 'bdc', body: { confirm: req.code } }), 202);
  const deprovisioned = await jobEnds(api, res.body.jobId);
  if (deprovisioned !== 'SUCCEEDED') throw new Error(`deprovisioning ${req.code} ended ${deprovisioned}`);
  const now = await readRequest(api, req);
  return { ...req, etag: now.etag, body: now.body };
}
