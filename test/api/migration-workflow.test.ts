// A legacy system's migration through HTTP: waves, assessment against the published catalog, the state machine
// with If-Match on every transition, verification against a project's provisioned resources (provisioned for real,
// by the render driver), blocking and unblocking, retirement, who may take which transition, and the history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Response } from 'supertest';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { REQUEST, buildEstablished, createDraft } from '../support/projects.js';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform({ WORKER_CONCURRENCY: '1' });
});
afterAll(() => t?.stop());

const SYSTEM = { name: '教育收费管理系统', purpose: '学校收费备案与公示', hosting: 'OWN_ROOM', location: '市教育局机房', mlpsLevel: 2, contacts: [{ name: '张老师', phone: '0359-1234567' }] };
const ASSESSMENT = { strategy: 'REHOST', effort: 'MEDIUM', risk: 'LOW', targetPlanCodes: ['vm-general-4c8g', 'rds-postgresql-ha-4c16g'], blockingIssues: ['等保测评需在上云后重新开展'] };

async function register(user = 'dept', over: Record<string, unknown> = {}) {
  const res = await t.http.post('/api/migration/systems').set(await t.as(user)).send({ ...SYSTEM, ...over });
  expect(res.status, res.text).toBe(201);
  return { id: res.body.id as string, etag: res.headers.etag as string };
}

/** A system and its current ETag; `act` takes a transition with it and keeps the new ETag. */
interface Tracked {
  id: string;
  etag: string;
  act(action: string, body?: object, user?: string, ifMatch?: string | null): Promise<Response>;
}
function tracked(init: { id: string; etag: string }): Tracked {
  const state: Tracked = {
    ...init,
    async act(action: string, body: object = {}, user = 'bdc', ifMatch: string | null = state.etag): Promise<Response> {
      let req = t.http.post(`/api/migration/systems/${state.id}/${action}`).set(await t.as(user));
      if (ifMatch !== null) req = req.set('If-Match', ifMatch);
      const res = await req.send(body);
      if (res.status === 200) state.etag = res.headers.etag;
      return res;
    },
  };
  return state;
}

let waveId: string;

describe('migration waves', () => {
  it('are created by the sub-center only, with an end not before the start', async () => {
    const body = { name: '2026年第一批', startDate: '2026-03-01', endDate: '2026-06-30', description: '市直部门自建机房系统' };
    expect((await t.http.post('/api/migration/waves').set(await t.as('dept')).send(body)).status).toBe(403);
    expect((await t.http.post('/api/migration/waves').set(await t.as('gia')).send(body)).status).toBe(403);
    const bad = await t.http.post('/api/migration/waves').set(await t.as('bdc')).send({ ...body, endDate: '2026-02-01' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual([expect.objectContaining({ path: 'endDate', code: 'migration.wave_dates' })]);
    const res = await t.http.post('/api/migration/waves').set(await t.as('bdc')).send(body);
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ ...body, systems: 0, done: 0, version: 1 });
    waveId = res.body.id;
    expect((await t.http.post('/api/migration/waves').set(await t.as('bdc')).send(body)).status).toBe(409);
  });

  it('are changed with If-Match, and listed for every signed-in user', async () => {
    let res = await t.http.patch(`/api/migration/waves/${waveId}`).set(await t.as('bdc')).send({ endDate: '2026-07-31' });
    expect(res.status).toBe(428);
    res = await t.http.patch(`/api/migration/waves/${waveId}`).set(await t.as('bdc')).set('If-Match', '"v1"').send({ endDate: '2026-07-31' });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ endDate: '2026-07-31', version: 2 });
    expect((await t.http.patch(`/api/migration/waves/${waveId}`).set(await t.as('bdc')).set('If-Match', '"v1"').send({ name: 'x' })).status).toBe(412);
    const list = await t.http.get('/api/migration/waves').set(await t.as('county'));
    expect(list.body.items.map((w: { name: string }) => w.name)).toEqual(['2026年第一批']);
    expect((await t.http.get('/api/migration/waves')).status).toBe(401);
  });
});

describe('a system from registration to decommissioning', () => {
  let s: ReturnType<typeof tracked>;
  let projectId: string;
  let requestId: string;

  beforeAll(async () => {
    s = tracked(await register());
  });

  it('is assessed by the sub-center only; the department and GIA may not', async () => {
    expect((await s.act('assess', ASSESSMENT, 'dept')).status).toBe(403);
    expect((await s.act('assess', ASSESSMENT, 'gia')).status).toBe(403);
    expect((await s.act('assess', ASSESSMENT, 'dept2')).status).toBe(404);
  });

  it('needs If-Match on every transition: 428 without, 412 when stale', async () => {
    expect((await s.act('assess', ASSESSMENT, 'bdc', null)).status).toBe(428);
    const stale = await s.act('assess', ASSESSMENT, 'bdc', '"v7"');
    expect([stale.status, stale.body.code]).toEqual([412, 'STALE_VERSION']);
  });

  it('refuses an assessment naming plans the published catalog does not offer, listing each', async () => {
    const res = await s.act('assess', { ...ASSESSMENT, targetPlanCodes: ['vm-general-4c8g', 'vm-gpu-a100'] });
    expect(res.status).toBe(422);
    expect(res.body.violations).toEqual([expect.objectContaining({ code: 'NOT_IN_CATALOG', field: 'targetPlanCodes.1', article: '第二十八条' })]);
  });

  it('is assessed: REGISTERED → ASSESSED; it cannot skip ahead', async () => {
    expect((await s.act('start')).status).toBe(409);
    const res = await s.act('assess', ASSESSMENT);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ status: 'ASSESSED', strategy: 'REHOST', effort: 'MEDIUM', risk: 'LOW', targetPlanCodes: ASSESSMENT.targetPlanCodes, assessedAt: expect.any(String) });
    const again = await s.act('assess', ASSESSMENT);
    expect([again.status, again.body.code]).toEqual([409, 'INVALID_TRANSITION']);
  });

  it('has its assessment revised by the sub-center through PATCH, checked again against the catalog', async () => {
    let res = await t.http.patch(`/api/migration/systems/${s.id}`).set(await t.as('bdc')).set('If-Match', s.etag).send({ strategy: 'REPURCHASE' });
    expect(res.status).toBe(422);
    expect(res.body.violations.map((v: { code: string }) => v.code)).toEqual(['REPURCHASE_NEEDS_SAAS']);
    res = await t.http.patch(`/api/migration/systems/${s.id}`).set(await t.as('bdc')).set('If-Match', s.etag).send({ risk: 'MEDIUM' });
    expect(res.status, res.text).toBe(200);
    s.etag = res.headers.etag;
    expect(res.body.risk).toBe('MEDIUM');
  });

  it('is planned into a wave, started and cut over', async () => {
    expect((await s.act('plan', { waveId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    let res = await s.act('plan', { waveId });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ status: 'PLANNED', wave: { id: waveId, name: '2026年第一批' } });
    res = await s.act('start', { note: '开始数据迁移' });
    expect(res.body.status).toBe('MIGRATING');
    res = await s.act('cut-over');
    expect(res.body.status).toBe('CUT_OVER');
  });

  it('cannot be verified on a project without provisioned resources, nor on another organisation’s project', async () => {
    const other = await createDraft(t, 'dept2', { name: '卫健委项目' });
    let res = await s.act('verify', { projectId: other.id });
    expect(res.status).toBe(422);
    expect(res.body.violations.map((v: { code: string }) => v.code)).toEqual(['PROJECT_NOT_OWNERS', 'NO_PROVISIONED_RESOURCES']);
    const own = await createDraft(t, 'dept', { name: '未开通资源的项目' });
    res = await s.act('verify', { projectId: own.id });
    expect(res.body.violations.map((v: { code: string }) => v.code)).toEqual(['NO_PROVISIONED_RESOURCES']);
    res = await s.act('verify', { projectId: '00000000-0000-4000-8000-000000000000' });
    expect(res.status).toBe(404);
  });

  it('is verified on the city cloud: linked to the provisioned resources of its project', async () => {
    projectId = (await buildEstablished(t)).id;
    let res = await t.http.post(`/api/projects/${projectId}/resource-requests`).set(await t.as('dept')).send(REQUEST);
    expect(res.status, res.text).toBe(201);
    requestId = res.body.id;
    res = await s.act('verify', { projectId, resourceRequestIds: [requestId] });
    expect(res.status).toBe(422);
    expect(res.body.violations).toEqual([expect.objectContaining({ code: 'NOT_PROVISIONED', field: 'resourceRequestIds.0' })]);

    res = await t.http.post(`/api/resource-requests/${requestId}/approve`).set(await t.as('bdc')).set('If-Match', '"v1"').send({});
    expect(res.status, res.text).toBe(200);
    res = await t.http.post(`/api/resource-requests/${requestId}/provision`).set(await t.as('bdc'));
    expect(res.status, res.text).toBe(202);
    const jobId = res.body.jobId;
    for (let i = 0; i < 200; i++) {
      const job = await t.http.get(`/api/jobs/${jobId}`).set(await t.as('bdc'));
      if (['SUCCEEDED', 'FAILED'].includes(job.body.state)) {
        expect(job.body.state).toBe('SUCCEEDED');
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }

    res = await s.act('verify', { projectId, note: '系统已在政务云稳定运行一周' });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ status: 'MIGRATED', projectId, resourceRequestIds: [requestId], migratedAt: expect.any(String) });
  });

  it('cannot be blocked once migrated; its legacy system is decommissioned, which is final', async () => {
    expect((await s.act('block', { reason: 'x' })).status).toBe(409);
    const res = await s.act('decommission', { note: '原机房服务器已下电' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'DECOMMISSIONED', decommissionedAt: expect.any(String) });
    for (const a of ['assess', 'plan', 'start', 'cut-over', 'verify', 'decommission', 'block', 'unblock']) {
      expect((await s.act(a, a === 'block' ? { reason: 'x' } : a === 'plan' ? { waveId } : a === 'verify' ? { projectId } : a === 'assess' ? ASSESSMENT : {})).status, a).toBe(409);
    }
    const patched = await t.http.patch(`/api/migration/systems/${s.id}`).set(await t.as('dept')).set('If-Match', s.etag).send({ userCount: 1 });
    expect(patched.status).toBe(409);
  });

  it('keeps the whole journey as history, and each step in the audit trail', async () => {
    const res = await t.http.get(`/api/migration/systems/${s.id}/history`).set(await t.as('dept'));
    expect(res.body.items.map((h: { action: string; fromStatus: string | null; toStatus: string }) => `${h.action}:${h.fromStatus}→${h.toStatus}`)).toEqual([
      'register:null→REGISTERED',
      'assess:REGISTERED→ASSESSED',
      'reassess:ASSESSED→ASSESSED',
      'plan:ASSESSED→PLANNED',
      'start:PLANNED→MIGRATING',
      'cut-over:MIGRATING→CUT_OVER',
      'verify:CUT_OVER→MIGRATED',
      'decommission:MIGRATED→DECOMMISSIONED',
    ]);
    const verify = res.body.items.find((h: { action: string }) => h.action === 'verify');
    expect(verify).toMatchObject({ actorName: 'bdc', reason: '系统已在政务云稳定运行一周', detail: { projectId, resourceRequests: [expect.stringMatching(/-R\d\d$/)] } });
    const audit = await t.http.get('/api/audit/events').query({ action: 'migration.', targetId: s.id, limit: 50 }).set(await t.as('auditor'));
    expect(audit.body.items.map((e: { action: string }) => e.action).reverse()).toEqual([
      'migration.register',
      'migration.assess',
      'migration.reassess',
      'migration.plan',
      'migration.start',
      'migration.cut-over',
      'migration.verify',
      'migration.decommission',
    ]);
  });
});

describe('blocking, retiring, exemption', () => {
  it('blocks with a reason and returns to the state it was blocked in', async () => {
    const s = tracked(await register('dept', { name: '待迁移系统甲' }));
    expect((await s.act('assess', ASSESSMENT)).status).toBe(200);
    expect((await s.act('plan', { waveId })).status).toBe(200);
    const noReason = await s.act('block', {});
    expect(noReason.status).toBe(400);
    let res = await s.act('block', { reason: '原厂商已注销，源代码缺失' });
    expect(res.body).toMatchObject({ status: 'BLOCKED', blockedReason: '原厂商已注销，源代码缺失', blockedFrom: 'PLANNED' });
    expect((await s.act('start')).status).toBe(409);
    res = await s.act('unblock', { note: '已找到源代码' });
    expect(res.body).toMatchObject({ status: 'PLANNED', blockedReason: null, blockedFrom: null, wave: { id: waveId } });
  });

  it('retires a system whose strategy is RETIRE straight from ASSESSED; others must migrate first', async () => {
    const keep = tracked(await register('dept', { name: '待迁移系统乙' }));
    expect((await keep.act('assess', ASSESSMENT)).status).toBe(200);
    const refused = await keep.act('decommission');
    expect([refused.status, refused.body.violations?.[0]?.code]).toEqual([422, 'DECOMMISSION_NOT_MIGRATED']);
    const old = tracked(await register('dept', { name: '旧版网站' }));
    expect((await old.act('assess', { strategy: 'RETIRE', effort: 'LOW', risk: 'LOW' })).status).toBe(200);
    const res = await old.act('decommission', { note: '功能已并入门户' });
    expect(res.body).toMatchObject({ status: 'DECOMMISSIONED', migratedAt: null });
  });

  it('keeps a classified system exempt: retain-exempt only, never planned', async () => {
    const s = tracked(await register('county', { name: '涉密公文系统', classified: true }));
    let res = await s.act('assess', ASSESSMENT);
    expect(res.status).toBe(422);
    expect(res.body.violations.map((v: { code: string }) => v.code)).toEqual(['CLASSIFIED_EXEMPT']);
    res = await s.act('assess', { strategy: 'RETAIN_EXEMPT', effort: 'LOW', risk: 'LOW' });
    expect(res.body).toMatchObject({ status: 'ASSESSED', exempt: true });
    res = await s.act('plan', { waveId });
    expect(res.status).toBe(422);
    expect(res.body.violations.map((v: { code: string }) => v.code)).toEqual(['EXEMPT_NOT_PLANNED']);
  });

  it('records a planned system found to be classified, but does not let it start; the sub-center cannot exempt a planned one', async () => {
    const s = tracked(await register('dept', { name: '后查明涉密系统' }));
    expect((await s.act('assess', ASSESSMENT)).status).toBe(200);
    expect((await s.act('plan', { waveId })).status).toBe(200);
    let res = await t.http.patch(`/api/migration/systems/${s.id}`).set(await t.as('bdc')).set('If-Match', s.etag).send({ strategy: 'RETAIN_EXEMPT', targetPlanCodes: [] });
    expect(res.status).toBe(422);
    expect(res.body.violations.map((v: { code: string }) => v.code)).toEqual(['EXEMPT_NOT_PLANNED']);
    res = await t.http.patch(`/api/migration/systems/${s.id}`).set(await t.as('dept')).set('If-Match', s.etag).send({ classified: true });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ classified: true, exempt: true, status: 'PLANNED' });
    s.etag = res.headers.etag;
    res = await s.act('start');
    expect([res.status, res.body.violations?.[0]?.code]).toEqual([422, 'EXEMPT_NOT_PLANNED']);
  });

  it('refuses an unknown transition body field and a malformed id', async () => {
    const s = tracked(await register('dept', { name: '待迁移系统丙' }));
    const res = await s.act('assess', { ...ASSESSMENT, status: 'MIGRATED' });
    expect(res.status).toBe(400);
    expect(res.body.fields).toContainEqual(expect.objectContaining({ path: 'status', code: 'field.unknown' }));
    expect((await t.http.post('/api/migration/systems/not-a-uuid/start').set(await t.as('bdc')).set('If-Match', '"v1"')).status).toBe(400);
  });

  it('gives one of two concurrent transitions with the same If-Match, the other 412', async () => {
    const s = await register('dept', { name: '并发测试系统' });
    const bdc = await t.as('bdc');
    const [a, b] = await Promise.all(
      ['block', 'assess'].map((action) =>
        t.http.post(`/api/migration/systems/${s.id}/${action}`).set(bdc).set('If-Match', s.etag).send(action === 'block' ? { reason: '并发' } : ASSESSMENT),
      ),
    );
    expect([a!.status, b!.status].sort()).toEqual([200, 412]);
  });
});
