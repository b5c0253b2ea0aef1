// A legacy system's migration through HTTP: waves, assessment against the published catalog, the state machine
// with If-Match on every transition, verification against a project's provisioned resources (provisioned for real,
// by the render driver), blocking and unblocking, retirement, who may take which transition, and the history.
import { describe, expect, it } from 'vitest';
import { ASSESSMENT, createWave, registerSystem, systemIn, type Sys } from '../support/migration-factories.js';
import { createDraft, REQUEST } from '../support/projects.js';
import { projectIn } from '../support/project-factories.js';
import { jobEnds, requestIn } from '../support/request-factories.js';
import { uniqueTag, useScene } from '../support/scene.js';

// each test arranges its own systems, waves and projects through the factories (test/support/migration-factories.ts)
const scene = useScene({ WORKER_CONCURRENCY: '1' });
const t = { get http() { return scene.t.http; }, as: (u: string) => scene.t.as(u) };

/** A system registered by `user` (a name of its own unless `over` names it), with its ETag tracked. */
const register = (user = 'dept', over: Record<string, unknown> = {}): Promise<Sys> => registerSystem(scene, user, over);

describe('migration waves', () => {
  it('are created by the sub-center only, with an end not before the start', async () => {
    const body = { name: `2026年第一批-${uniqueTag()}`, startDate: '2026-03-01', endDate: '2026-06-30', description: '市直部门自建机房系统' };
    expect((await t.http.post('/api/migration/waves').set(await t.as('dept')).send(body)).status).toBe(403);
    expect((await t.http.post('/api/migration/waves').set(await t.as('gia')).send(body)).status).toBe(403);
    const bad = await t.http.post('/api/migration/waves').set(await t.as('bdc')).send({ ...body, endDate: '2026-02-01' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual([expect.objectContaining({ path: 'endDate', code: 'migration.wave_dates' })]);
    const res = await t.http.post('/api/migration/waves').set(await t.as('bdc')).send(body);
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ ...body, systems: 0, done: 0, version: 1 });
    expect((await t.http.post('/api/migration/waves').set(await t.as('bdc')).send(body)).status).toBe(409);
  });

  it('are changed with If-Match, and listed for every signed-in user', async () => {
    const wave = await createWave(scene, { endDate: '2026-06-30' });
    const waveId = wave.id;
    let res = await t.http.patch(`/api/migration/waves/${waveId}`).set(await t.as('bdc')).send({ endDate: '2026-07-31' });
    expect(res.status).toBe(428);
    res = await t.http.patch(`/api/migration/waves/${waveId}`).set(await t.as('bdc')).set('If-Match', '"v1"').send({ endDate: '2026-07-31' });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ endDate: '2026-07-31', version: 2 });
    expect((await t.http.patch(`/api/migration/waves/${waveId}`).set(await t.as('bdc')).set('If-Match', '"v1"').send({ name: 'x' })).status).toBe(412);
    const list = await t.http.get('/api/migration/waves').set(await t.as('county'));
    const all = await t.http.get('/api/migration/waves').set(await t.as('bdc'));
    // a county sees every wave the sub-center has, this one changed
    expect(list.body.items.map((w: { name: string }) => w.name)).toEqual(all.body.items.map((w: { name: string }) => w.name));
    expect(list.body.items.find((w: { id: string }) => w.id === waveId)).toMatchObject({ name: wave.body.name, endDate: '2026-07-31' });
    expect((await t.http.get('/api/migration/waves')).status).toBe(401);
  });
});

describe('a system from registration to decommissioning', () => {
  it('is assessed by the sub-center only; the department and GIA may not', async () => {
    const s = await systemIn(scene, 'REGISTERED');
    expect((await s.act('assess', ASSESSMENT, 'dept')).status).toBe(403);
    expect((await s.act('assess', ASSESSMENT, 'gia')).status).toBe(403);
    expect((await s.act('assess', ASSESSMENT, 'dept2')).status).toBe(404);
  });

  it('needs If-Match on every transition: 428 without, 412 when stale', async () => {
    const s = await systemIn(scene, 'REGISTERED');
    expect((await s.act('assess', ASSESSMENT, 'bdc', null)).status).toBe(428);
    const stale = await s.act('assess', ASSESSMENT, 'bdc', '"v7"');
    expect([stale.status, stale.body.code]).toEqual([412, 'STALE_VERSION']);
  });

  it('refuses an assessment naming plans the published catalog does not offer, listing each', async () => {
    const s = await systemIn(scene, 'REGISTERED');
    const res = await s.act('assess', { ...ASSESSMENT, targetPlanCodes: ['vm-general-4c8g', 'vm-gpu-a100'] });
    expect(res.status).toBe(422);
    expect(res.body.violations).toEqual([expect.objectContaining({ code: 'NOT_IN_CATALOG', field: 'targetPlanCodes.1', article: '第二十八条' })]);
  });

  it('is assessed: REGISTERED → ASSESSED; it cannot skip ahead', async () => {
    const s = await systemIn(scene, 'REGISTERED');
    expect((await s.act('start')).status).toBe(409);
    const res = await s.act('assess', ASSESSMENT);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ status: 'ASSESSED', strategy: 'REHOST', effort: 'MEDIUM', risk: 'LOW', targetPlanCodes: ASSESSMENT.targetPlanCodes, assessedAt: expect.any(String) });
    const again = await s.act('assess', ASSESSMENT);
    expect([again.status, again.body.code]).toEqual([409, 'INVALID_TRANSITION']);
  });

  it('has its assessment revised by the sub-center through PATCH, checked again against the catalog', async () => {
    const s = await systemIn(scene, 'ASSESSED');
    let res = await s.patch({ strategy: 'REPURCHASE' }, 'bdc');
    expect(res.status).toBe(422);
    expect(res.body.violations.map((v: { code: string }) => v.code)).toEqual(['REPURCHASE_NEEDS_SAAS']);
    res = await s.patch({ risk: 'MEDIUM' }, 'bdc');
    expect(res.status, res.text).toBe(200);
    expect(res.body.risk).toBe('MEDIUM');
  });

  it('is planned into a wave, started and cut over', async () => {
    const s = await systemIn(scene, 'ASSESSED');
    const wave = await createWave(scene);
    expect((await s.act('plan', { waveId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    let res = await s.act('plan', { waveId: wave.id });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ status: 'PLANNED', wave: { id: wave.id, name: wave.body.name } });
    res = await s.act('start', { note: '开始数据迁移' });
    expect(res.body.status).toBe('MIGRATING');
    res = await s.act('cut-over');
    expect(res.body.status).toBe('CUT_OVER');
  });

  it('cannot be verified on a project without provisioned resources, nor on another organisation’s project', async () => {
    const s = await systemIn(scene, 'CUT_OVER');
    const other = await createDraft(scene.t, 'dept2', { name: '卫健委项目' });
    let res = await s.act('verify', { projectId: other.id });
    expect(res.status).toBe(422);
    expect(res.body.violations.map((v: { code: string }) => v.code)).toEqual(['PROJECT_NOT_OWNERS', 'NO_PROVISIONED_RESOURCES']);
    const own = await createDraft(scene.t, 'dept', { name: '未开通资源的项目' });
    res = await s.act('verify', { projectId: own.id });
    expect(res.body.violations.map((v: { code: string }) => v.code)).toEqual(['NO_PROVISIONED_RESOURCES']);
    res = await s.act('verify', { projectId: '00000000-0000-4000-8000-000000000000' });
    expect(res.status).toBe(404);
  });

  it('is verified on the city cloud: linked to the provisioned resources of its project', async () => {
    const s = await systemIn(scene, 'CUT_OVER');
    const projectId = (await projectIn(scene, 'ESTABLISHED')).id;
    let res = await t.http.post(`/api/projects/${projectId}/resource-requests`).set(await t.as('dept')).send(REQUEST);
    expect(res.status, res.text).toBe(201);
    const requestId = res.body.id;
    let answer = await s.act('verify', { projectId, resourceRequestIds: [requestId] });
    expect(answer.status).toBe(422);
    expect(answer.body.violations).toEqual([expect.objectContaining({ code: 'NOT_PROVISIONED', field: 'resourceRequestIds.0' })]);

    res = await t.http.post(`/api/resource-requests/${requestId}/approve`).set(await t.as('bdc')).set('If-Match', '"v1"').send({});
    expect(res.status, res.text).toBe(200);
    res = await t.http.post(`/api/resource-requests/${requestId}/provision`).set(await t.as('bdc'));
    expect(res.status, res.text).toBe(202);
    expect(await jobEnds(scene, res.body.jobId)).toBe('SUCCEEDED');

    answer = await s.act('verify', { projectId, note: '系统已在政务云稳定运行一周' });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body).toMatchObject({ status: 'MIGRATED', projectId, resourceRequestIds: [requestId], migratedAt: expect.any(String) });
  }, 60_000);

  it('cannot be blocked once migrated; its legacy system is decommissioned, which is final', async () => {
    const s = await systemIn(scene, 'MIGRATED');
    const { projectId } = s.body;
    const waveId = s.body.wave.id;
    expect((await s.act('block', { reason: 'x' })).status).toBe(409);
    const res = await s.act('decommission', { note: '原机房服务器已下电' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'DECOMMISSIONED', decommissionedAt: expect.any(String) });
    for (const a of ['assess', 'plan', 'start', 'cut-over', 'verify', 'decommission', 'block', 'unblock']) {
      expect((await s.act(a, a === 'block' ? { reason: 'x' } : a === 'plan' ? { waveId } : a === 'verify' ? { projectId } : a === 'assess' ? ASSESSMENT : {})).status, a).toBe(409);
    }
    const patched = await s.patch({ userCount: 1 }, 'dept');
    expect(patched.status).toBe(409);
  }, 60_000);

  it('keeps the whole journey as history, and each step in the audit trail', async () => {
    const s = await systemIn(scene, 'ASSESSED');
    expect((await s.patch({ risk: 'MEDIUM' }, 'bdc')).status).toBe(200);
    const wave = await createWave(scene);
    const request = await requestIn(scene, 'PROVISIONED');
    for (const [action, body] of [['plan', { waveId: wave.id }], ['start', {}], ['cut-over', {}], ['verify', { projectId: request.projectId, note: '系统已在政务云稳定运行一周' }], ['decommission', {}]] as const) {
      const res = await s.act(action, body);
      expect(res.status, `${action}: ${res.text}`).toBe(200);
    }
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
    expect(verify).toMatchObject({ actorName: 'bdc', reason: '系统已在政务云稳定运行一周', detail: { projectId: request.projectId, resourceRequests: [expect.stringMatching(/-R\d\d$/)] } });
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
  }, 60_000);
});

describe('blocking, retiring, exemption', () => {
  it('blocks with a reason and returns to the state it was blocked in', async () => {
    const waveId = (await createWave(scene)).id;
    const s = await register('dept', { name: '待迁移系统甲' });
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
    const keep = await register('dept', { name: '待迁移系统乙' });
    expect((await keep.act('assess', ASSESSMENT)).status).toBe(200);
    const refused = await keep.act('decommission');
    expect([refused.status, refused.body.violations?.[0]?.code]).toEqual([422, 'DECOMMISSION_NOT_MIGRATED']);
    const old = await register('dept', { name: '旧版网站' });
    expect((await old.act('assess', { strategy: 'RETIRE', effort: 'LOW', risk: 'LOW' })).status).toBe(200);
    const res = await old.act('decommission', { note: '功能已并入门户' });
    expect(res.body).toMatchObject({ status: 'DECOMMISSIONED', migratedAt: null });
  });

  it('keeps a classified system exempt: retain-exempt only, never planned', async () => {
    const waveId = (await createWave(scene)).id;
    const s = await register('county', { name: '涉密公文系统', classified: true });
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
    const waveId = (await createWave(scene)).id;
    const s = await register('dept', { name: '后查明涉密系统' });
    expect((await s.act('assess', ASSESSMENT)).status).toBe(200);
    expect((await s.act('plan', { waveId })).status).toBe(200);
    let res = await s.patch({ strategy: 'RETAIN_EXEMPT', targetPlanCodes: [] }, 'bdc');
    expect(res.status).toBe(422);
    expect(res.body.violations.map((v: { code: string }) => v.code)).toEqual(['EXEMPT_NOT_PLANNED']);
    res = await s.patch({ classified: true }, 'dept');
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ classified: true, exempt: true, status: 'PLANNED' });
    res = await s.act('start');
    expect([res.status, res.body.violations?.[0]?.code]).toEqual([422, 'EXEMPT_NOT_PLANNED']);
  });

  it('refuses an unknown transition body field and a malformed id', async () => {
    const s = await register('dept', { name: '待迁移系统丙' });
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
