// Drawing on the entitlement, review by the sub-center, provisioning as jobs with the render driver,
// progress and server-sent events, idempotency, one operation per stack, deprovisioning, resource states.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { REQUEST, buildEstablished, buildValidDraft } from '../support/projects.js';

let t: TestPlatform;
let projectId: string;
beforeAll(async () => {
  t = await startTestPlatform({ WORKER_CONCURRENCY: '2' });
  projectId = (await buildEstablished(t)).id;
});
afterAll(() => t?.stop());

async function waitForJob(jobId: string, user = 'bdc') {
  for (let i = 0; i < 100; i++) {
    const res = await t.http.get(`/api/jobs/${jobId}`).set(await t.as(user));
    if (['SUCCEEDED', 'FAILED'].includes(res.body.state)) return res.body;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`job ${jobId} did not end`);
}

describe('resource requests', () => {
  it('name the project they draw on, in the request, the queue and the list', async () => {
    const created = await t.http.post(`/api/projects/${projectId}/resource-requests`).set(await t.as('dept')).send(REQUEST);
    expect(created.status).toBe(201);
    const project = (await t.http.get(`/api/projects/${projectId}`).set(await t.as('dept'))).body;
    const named = { code: project.code, name: project.name, approvalNumber: project.approvalNumber, orgName: '运城市教育局' };
    expect(project.approvalNumber).toMatch(/^运审信〔\d{4}〕\d{3}号$/);
    expect(created.body.project).toEqual(named);
    expect((await t.http.get(`/api/resource-requests/${created.body.id}`).set(await t.as('bdc'))).body.project).toEqual(named);
    const queue = await t.http.get('/api/resource-requests').query({ status: 'SUBMITTED', pageSize: 200 }).set(await t.as('bdc'));
    expect(queue.body.items.find((r: { id: string }) => r.id === created.body.id).project).toEqual(named);
    const returned = await t.http.post(`/api/resource-requests/${created.body.id}/return`).set(await t.as('bdc')).set('If-Match', created.headers.etag).send({ note: '本测试退回' });
    expect(returned.status).toBe(200);
  });

  it('refuses a request on a project that is not established', async () => {
    const draft = await buildValidDraft(t);
    const res = await t.http.post(`/api/projects/${draft.id}/resource-requests`).set(await t.as('dept')).send(REQUEST);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('INVALID_TRANSITION');
    expect(res.body.message).toContain('申请云资源');
    expect(res.body.message).toContain('第二十八条');
  });

  it('refuses more than the entitlement, saying what is left, and plans outside the catalog', async () => {
    const res = await t.http
      .post(`/api/projects/${projectId}/resource-requests`)
      .set(await t.as('dept'))
      .send({ ...REQUEST, items: [{ planCode: 'vm-general-4c8g', quantity: 5 }, { planCode: 'vm-gpu', quantity: 1 }] });
    expect(res.status).toBe(422);
    const codes = res.body.violations.map((v: { code: string }) => v.code).sort();
    expect(codes).toEqual(['EXCEEDS_ENTITLEMENT', 'EXCEEDS_ENTITLEMENT', 'NOT_IN_CATALOG']);
    const vm = res.body.violations.find((v: { field: string }) => v.field === 'items.0.quantity');
    expect(vm.message).toContain('剩余可用 4');
  });

  it('lets only the owning department ask', async () => {
    expect((await t.http.post(`/api/projects/${projectId}/resource-requests`).set(await t.as('dept2')).send(REQUEST)).status).toBe(404);
    expect((await t.http.post(`/api/projects/${projectId}/resource-requests`).set(await t.as('bdc')).send(REQUEST)).status).toBe(403);
  });
});

describe('provisioning an approved request', () => {
  let requestId: string;
  let code: string;
  let namespace: string;

  it('is submitted and appears in the sub-center queue', async () => {
    const res = await t.http.post(`/api/projects/${projectId}/resource-requests`).set(await t.as('dept')).send(REQUEST);
    expect(res.status).toBe(201);
    requestId = res.body.id;
    code = res.body.code;
    const queue = await t.http.get('/api/resource-requests').query({ status: 'SUBMITTED' }).set(await t.as('bdc'));
    expect(queue.body.items.map((r: { id: string }) => r.id)).toContain(requestId);
    const used = await t.http.get(`/api/projects/${projectId}/resources`).set(await t.as('dept'));
    expect(used.body.entitlement.find((e: { planCode: string }) => e.planCode === 'vm-general-4c8g')).toEqual({ planCode: 'vm-general-4c8g', entitled: 4, used: 2, left: 2 });
  });

  it('cannot be provisioned before approval', async () => {
    const res = await t.http.post(`/api/resource-requests/${requestId}/provision`).set(await t.as('bdc'));
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('INVALID_TRANSITION');
  });

  it('is approved by the sub-center with If-Match', async () => {
    const res = await t.http.post(`/api/resource-requests/${requestId}/approve`).set(await t.as('bdc')).set('If-Match', '"v1"').send({ note: '容量充足' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('APPROVED');
    expect(res.body.provisioned).toBeNull();
    expect((await t.http.post(`/api/resource-requests/${requestId}/approve`).set(await t.as('dept')).set('If-Match', '"v2"').send({})).status).toBe(403);
  });

  it('previews the exact objects: namespace, quota, isolation, VMs and the database cluster', async () => {
    const res = await t.http.get(`/api/resource-requests/${requestId}/preview`).set(await t.as('bdc'));
    expect(res.status).toBe(200);
    namespace = res.body.namespace;
    const kinds = res.body.objects.map((o: { kind: string }) => o.kind);
    for (const k of ['Namespace', 'ResourceQuota', 'LimitRange', 'NetworkPolicy', 'RoleBinding', 'VirtualMachine', 'Cluster', 'ScheduledBackup']) expect(kinds).toContain(k);
    expect(kinds.filter((k: string) => k === 'VirtualMachine')).toHaveLength(2);
    // in words first, workloads leading, every object counted once
    expect(res.body.summary.text).toMatch(/^云主机 ×2、数据库集群 ×1、命名空间 ×1、资源配额 ×1、/);
    expect(res.body.summary.counts.reduce((n: number, c: { count: number }) => n + c.count, 0)).toBe(kinds.length);
    const en = await t.http.get(`/api/resource-requests/${requestId}/preview`).set(await t.as('bdc')).set('Accept-Language', 'en');
    expect(en.body.summary.text).toMatch(/^virtual machine ×2, database cluster ×1, namespace ×1/);
    // what changes is the driver's answer, computed by a job, never inside this request
    expect([res.body.changes, res.body.previewJob]).toEqual([null, null]);
    const yaml = await t.http.get(`/api/resource-requests/${requestId}/preview`).query({ format: 'yaml' }).set(await t.as('bdc'));
    expect(yaml.text).toContain('kind: VirtualMachine');
    expect((await t.http.get(`/api/resource-requests/${requestId}/preview`).set(await t.as('dept'))).status).toBe(403);
  });

  it('computes what provisioning would change as a preview job, kept with the job and shown with the preview', async () => {
    expect((await t.http.post(`/api/resource-requests/${requestId}/preview`).set(await t.as('dept'))).status).toBe(403);
    const res = await t.http.post(`/api/resource-requests/${requestId}/preview`).set(await t.as('bdc'));
    expect(res.status).toBe(202);
    expect(res.body.job).toMatchObject({ kind: 'PREVIEW', state: 'QUEUED' });
    const job = await waitForJob(res.body.jobId);
    expect(job.state).toBe('SUCCEEDED');
    const preview = await t.http.get(`/api/resource-requests/${requestId}/preview`).set(await t.as('bdc'));
    expect(preview.body.previewJob).toMatchObject({ id: res.body.jobId, state: 'SUCCEEDED' });
    expect(preview.body.changes).toHaveLength(preview.body.objects.length);
    expect(preview.body.changes.every((c: { op: string }) => c.op === 'create')).toBe(true);
    // nothing was provisioned by it
    const request = await t.http.get(`/api/resource-requests/${requestId}`).set(await t.as('bdc'));
    expect(request.body.status).toBe('APPROVED');
    expect(await t.platform.db.prisma.renderedManifest.count({ where: { namespace } })).toBe(0);
  });

  let jobId: string;
  it('answers 202 with a job id; a retried POST with the same Idempotency-Key gets the same job', async () => {
    const res = await t.http.post(`/api/resource-requests/${requestId}/provision`).set(await t.as('bdc')).set('Idempotency-Key', 'prov-test-0001');
    expect(res.status).toBe(202);
    jobId = res.body.jobId;
    const again = await t.http.post(`/api/resource-requests/${requestId}/provision`).set(await t.as('bdc')).set('Idempotency-Key', 'prov-test-0001');
    expect(again.status).toBe(202);
    expect(again.body.jobId).toBe(jobId);
    expect(again.headers['idempotent-replayed']).toBe('true');
  });

  it('runs the job to success, with a readable log and server-sent events', async () => {
    const job = await waitForJob(jobId);
    expect(job.state).toBe('SUCCEEDED');
    expect(job.attempts).toBe(1);
    expect(job.events.map((e: { code: string }) => e.code)).toContain('job.log.succeeded');
    const sse = await t.http.get(`/api/jobs/${jobId}/events`).set(await t.as('bdc')).buffer(true).parse((res, cb) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => cb(null, text));
    });
    expect(sse.headers['content-type']).toContain('text/event-stream');
    expect(sse.body).toContain('event: log');
    expect(sse.body).toContain('event: end');
    expect(sse.body).toContain('"state":"SUCCEEDED"');
    expect((await t.http.get(`/api/jobs/${jobId}`).set(await t.as('dept2'))).status).toBe(404);
  });

  it('keeps the same objects as YAML, one file each, in the file store, and serves them to the operator', async () => {
    const list = await t.http.get(`/api/projects/${projectId}/manifests`).set(await t.as('bdc'));
    expect(list.status).toBe(200);
    expect(list.body.namespace).toBe(namespace);
    const names = list.body.files.map((f: { name: string }) => f.name);
    expect(names.some((f: string) => f.startsWith('virtualmachine-'))).toBe(true);
    expect(names.some((f: string) => f.startsWith('cluster-'))).toBe(true);
    const vm = list.body.files.find((f: { name: string }) => f.name.startsWith('virtualmachine-'));
    const file = await t.http.get(`/api/projects/${projectId}/manifests/${vm.name}`).set(await t.as('bdc')).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toContain('application/yaml');
    const yaml = (file.body as Buffer).toString('utf8');
    expect(yaml).toMatch(/^apiVersion: kubevirt\.io\/v1\nkind: VirtualMachine\n/);
    expect(file.headers['x-content-sha256']).toBe(crypto.createHash('sha256').update(file.body as Buffer).digest('hex'));
    expect(vm).toMatchObject({ size: (file.body as Buffer).length, sha256: file.headers['x-content-sha256'] });
    // the department does not see the tenant's manifests (they carry the cloud-init secrets), another one not even the project
    expect((await t.http.get(`/api/projects/${projectId}/manifests`).set(await t.as('dept'))).status).toBe(403);
    expect((await t.http.get(`/api/projects/${projectId}/manifests`).set(await t.as('dept2'))).status).toBe(404);
    expect((await t.http.get(`/api/projects/${projectId}/manifests/virtualmachine-none.yaml`).set(await t.as('bdc'))).status).toBe(404);
    expect((await t.http.get(`/api/projects/${projectId}/manifests/..%2F..%2Fetc%2Fpasswd`).set(await t.as('bdc'))).status).toBe(400);
  });

  it('shows the department its resources, their state and the entitlement used', async () => {
    const res = await t.http.get(`/api/projects/${projectId}/resources`).set(await t.as('dept'));
    expect(res.status).toBe(200);
    expect(res.body.namespace).toBe(namespace);
    const vms = res.body.resources.filter((r: { kind: string }) => r.kind === 'VirtualMachine');
    expect(vms).toHaveLength(2);
    // the render driver writes manifests for an operator to apply: honest state, not READY
    expect(vms[0]).toMatchObject({ state: 'PROVISIONING', planCode: 'vm-general-4c8g' });
    const request = await t.http.get(`/api/resource-requests/${requestId}`).set(await t.as('dept'));
    expect(request.body.status).toBe('PROVISIONED');
    // who delivered it and when (the hand-over record names them)
    const job = (await t.http.get(`/api/jobs/${jobId}`).set(await t.as('bdc'))).body;
    expect(request.body.provisioned).toEqual({ at: job.finishedAt, operator: '赵运维（大数据分中心）', orgName: '山西省大数据中心运城分中心' });
  });

  it('finds drift made behind its back with a drift check, shows it with the resources, and repairs it', async () => {
    // someone deletes an isolation policy by hand
    const { prisma } = t.platform.db;
    const policy = (await prisma.renderedManifest.findMany({ where: { namespace } })).find((f) => f.fileName.startsWith('networkpolicy-'))!;
    await prisma.renderedManifest.delete({ where: { namespace_fileName: { namespace, fileName: policy.fileName } } });
    expect((await t.http.post(`/api/projects/${projectId}/drift-check`).set(await t.as('dept'))).status).toBe(403);
    const check = await t.http.post(`/api/projects/${projectId}/drift-check`).set(await t.as('bdc'));
    expect(check.status).toBe(202);
    expect((await waitForJob(check.body.jobId)).state).toBe('SUCCEEDED');
    let res = await t.http.get(`/api/projects/${projectId}/resources`).set(await t.as('bdc'));
    expect(res.body.driftCheckedAt).not.toBeNull();
    // why, as a code and in the reader's language
    expect(res.body.drift).toEqual([expect.objectContaining({ kind: 'NetworkPolicy', code: 'drift.missing', reason: '缺失（在平台之外被删除）' })]);
    const inEnglish = await t.http.get(`/api/projects/${projectId}/resources`).set(await t.as('bdc')).set('Accept-Language', 'en');
    expect(inEnglish.body.drift).toEqual([expect.objectContaining({ kind: 'NetworkPolicy', code: 'drift.missing', reason: 'missing: deleted outside the platform' })]);
    const repair = await t.http.post(`/api/projects/${projectId}/repair`).set(await t.as('bdc'));
    expect(repair.status).toBe(202);
    expect((await waitForJob(repair.body.jobId)).state).toBe('SUCCEEDED');
    expect(await prisma.renderedManifest.findUnique({ where: { namespace_fileName: { namespace, fileName: policy.fileName } } })).toMatchObject({ contentSha256: policy.contentSha256 });
    res = await t.http.get(`/api/projects/${projectId}/resources`).set(await t.as('bdc'));
    expect(res.body.drift).toBeNull(); // the repair ran after the last check: its finding no longer holds
    const again = await t.http.post(`/api/projects/${projectId}/drift-check`).set(await t.as('bdc'));
    expect((await waitForJob(again.body.jobId)).state).toBe('SUCCEEDED');
    res = await t.http.get(`/api/projects/${projectId}/resources`).set(await t.as('bdc'));
    expect(res.body.drift).toEqual([]);
  });

  it('refuses to reveal credentials without a cluster', async () => {
    const res = await t.http.get(`/api/projects/${projectId}/resources`).set(await t.as('dept'));
    const db = res.body.resources.find((r: { kind: string }) => r.kind === 'Cluster');
    const reveal = await t.http.post(`/api/resources/${db.id}/credentials`).set(await t.as('dept'));
    expect(reveal.status).toBe(409);
    expect(reveal.body.code).toBe('NO_CLUSTER');
    expect((await t.http.post(`/api/resources/${db.id}/credentials`).set(await t.as('dept2'))).status).toBe(404);
  });

  it('refuses a second operation on the same stack while one is running', async () => {
    const second = await t.http.post(`/api/projects/${projectId}/resource-requests`).set(await t.as('dept')).send({ ...REQUEST, items: [{ planCode: 'vm-general-4c8g', quantity: 1 }] });
    const approved = await t.http.post(`/api/resource-requests/${second.body.id}/approve`).set(await t.as('bdc')).set('If-Match', '"v1"').send({});
    expect(approved.status).toBe(200);
    // hold the stack: a running job that changes it (a repair)
    await t.platform.db.prisma.provisioningJob.create({
      data: { kind: 'REPAIR', projectId, stack: namespace, driver: 'render', requestedById: (await t.platform.db.prisma.user.findFirstOrThrow({ where: { username: 'bdc' } })).id, state: 'RUNNING' },
    });
    const busy = await t.http.post(`/api/resource-requests/${second.body.id}/provision`).set(await t.as('bdc'));
    expect(busy.status).toBe(409);
    expect(busy.body.code).toBe('STACK_BUSY');
    expect((await t.http.post(`/api/projects/${projectId}/repair`).set(await t.as('bdc'))).body.code).toBe('STACK_BUSY');
    // a drift check changes nothing: it waits its turn instead of being refused
    expect((await t.http.post(`/api/projects/${projectId}/drift-check`).set(await t.as('bdc'))).status).toBe(202);
    await t.platform.db.prisma.provisioningJob.updateMany({ where: { kind: 'REPAIR', state: 'RUNNING' }, data: { state: 'SUCCEEDED' } });
  });

  it('deprovisions: a data-bearing request needs its code as confirmation', async () => {
    let res = await t.http.post(`/api/resource-requests/${requestId}/deprovision`).set(await t.as('bdc')).send({});
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('CONFIRMATION_REQUIRED');
    expect(res.body.message).toContain(code);
    res = await t.http.post(`/api/resource-requests/${requestId}/deprovision`).set(await t.as('bdc')).send({ confirm: code });
    expect(res.status).toBe(202);
    const job = await waitForJob(res.body.jobId);
    expect(job.state).toBe('SUCCEEDED');
    const resources = await t.http.get(`/api/projects/${projectId}/resources`).set(await t.as('dept'));
    const states = resources.body.resources.filter((r: { kind: string }) => r.kind !== 'Namespace').map((r: { state: string }) => r.state);
    expect(states.every((s: string) => s === 'DEPROVISIONED')).toBe(true);
    const left = await t.http.get(`/api/projects/${projectId}/manifests`).set(await t.as('bdc'));
    expect(left.body.files.some((f: { name: string }) => f.name.startsWith('virtualmachine-'))).toBe(false);
  });

  it('audits the operator actions, every change of each job and the worker\'s reports to the request', async () => {
    const res = await t.http.get('/api/audit/events').query({ limit: 200 }).set(await t.as('auditor'));
    type Event = { action: string; actorName: string | null; outcome: string; targetType: string | null; targetId: string | null; detail: Record<string, unknown> };
    const events = res.body.items as Event[];
    const actions = events.map((e) => e.action);
    for (const a of ['resource-request.create', 'resource-request.approve', 'resource-request.preview', 'resource-request.provision', 'project.drift-check', 'project.repair', 'resource-request.deprovision']) {
      expect(actions).toContain(a);
    }
    // each kind of job was started and ended by the worker, through the job machine, naming its kind
    for (const kind of ['PREVIEW', 'PROVISION', 'REFRESH', 'REPAIR', 'DEPROVISION']) {
      for (const [action, from, to] of [['job.start', 'QUEUED', 'RUNNING'], ['job.succeed', 'RUNNING', 'SUCCEEDED']]) {
        const found = events.find((e) => e.action === action && e.detail.kind === kind);
        expect(found, `${action} of a ${kind} job`).toMatchObject({ actorName: 'worker', outcome: 'SUCCESS', targetType: 'ProvisioningJob', detail: { from, to } });
      }
    }
    // the request heard of its jobs' ends from the worker, through the request machine
    for (const [action, from, to] of [['resource-request.complete-provision', 'PROVISIONING', 'PROVISIONED'], ['resource-request.complete-deprovision', 'DEPROVISIONING', 'DEPROVISIONED']]) {
      expect(events.find((e) => e.action === action && e.targetId === requestId), action).toMatchObject({ actorName: 'worker', targetType: 'ResourceRequest', detail: { from, to } });
    }
  });
});

describe('an Idempotency-Key sent by ten concurrent retries', () => {
  it('gets all ten the same 202 and the same job; one job is queued and the request changes once', async () => {
    const project = await buildEstablished(t);
    const made = await t.http.post(`/api/projects/${project.id}/resource-requests`).set(await t.as('dept')).send(REQUEST);
    expect(made.status, made.text).toBe(201);
    const approved = await t.http.post(`/api/resource-requests/${made.body.id}/approve`).set(await t.as('bdc')).set('If-Match', made.headers.etag).send({});
    expect(approved.status, approved.text).toBe(200);
    const bdc = await t.as('bdc');
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => t.http.post(`/api/resource-requests/${made.body.id}/provision`).set(bdc).set('Idempotency-Key', 'concurrent-retry-0001')),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(202));
    expect(new Set(answers.map((a) => a.body.jobId)).size).toBe(1);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(9);
    const audit = await t.http.get('/api/audit/events').set(await t.as('auditor')).query({ targetId: made.body.id, action: 'resource-request.provision', limit: 20 });
    expect(audit.body.items).toHaveLength(1);
  });
});
