// The assessment questionnaire through HTTP: a department answers for its system and sees the proposal and why;
// the sub-center confirms it (the system is assessed with it) or overrides it with a reason; other organisations
// neither see nor answer; bad definitions are refused field by field; answers keep the version they were given with.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

let t: TestPlatform;
let seq = 0;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t?.stop());

/** the default questionnaire's mildest answers: a small, recent, domestic, supported system that tolerates downtime */
const MILD: Record<string, string> = {
  interfaces: 'none',
  'data-volume': 'small',
  xinchuang: 'full',
  downtime: 'day-or-more',
  mlps: 'none-or-1',
  'stack-age': 'recent',
  vendor: 'with-source',
  business: 'needed',
};
const list = (map: Record<string, string>) => Object.entries(map).map(([questionId, optionId]) => ({ questionId, optionId }));

/** A fresh system of 市教育局 (dept). */
async function system(): Promise<string> {
  const res = await t.http.post('/api/migration/systems').set(await t.as('dept')).send({ name: `问卷测试系统${++seq}`, purpose: '测试', hosting: 'OWN_ROOM' });
  expect(res.status, res.text).toBe(201);
  return res.body.id;
}

async function answer(id: string, who: string, map: Record<string, string>, etag?: string) {
  const req = t.http.put(`/api/migration/systems/${id}/questionnaire`).set(await t.as(who));
  if (etag) req.set('If-Match', etag);
  return req.send({ answers: list(map) });
}

describe('answering', () => {
  it("gives the system's organisation the proposal and the answers that drove it, audited", async () => {
    const id = await system();
    const res = await answer(id, 'dept', { ...MILD, xinchuang: 'not-adaptable', vendor: 'unsupported', mlps: 'level-3' });
    expect(res.status, res.text).toBe(200);
    expect(res.headers.etag).toBe('"v1"');
    expect(res.body.answers.proposal).toMatchObject({ strategy: 'REPURCHASE', risk: 'MEDIUM', riskPoints: 95 });
    expect(res.body.answers.proposal.reasons).toEqual(
      expect.arrayContaining([
        { questionId: 'xinchuang', optionId: 'not-adaptable', riskPoints: 40, forProposed: 2, vetoes: ['REHOST'] },
        { questionId: 'mlps', optionId: 'level-3', riskPoints: 25, forProposed: 0, vetoes: [] },
      ]),
    );
    expect(res.body.answers.questionnaire.version).toBe(1);
    expect(res.body.answers.confirmation).toBeNull();
    expect(res.body).toMatchObject({ mayAnswer: true, mayConfirm: false });

    const read = await t.http.get(`/api/migration/systems/${id}/questionnaire`).set(await t.as('dept'));
    expect(read.body.answers.proposal.strategy).toBe('REPURCHASE');
    const audit = await t.http.get('/api/audit/events').query({ action: 'migration.questionnaire.answer', targetId: id }).set(await t.as('auditor'));
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0].detail).toMatchObject({ questionnaireVersion: 1, proposedStrategy: 'REPURCHASE', proposedRisk: 'MEDIUM' });
  });

  it('refuses other organisations (404), lets GIA and the auditor read but not answer (403)', async () => {
    const id = await system();
    expect((await answer(id, 'dept', MILD)).status).toBe(200);
    for (const who of ['dept2', 'county']) {
      expect((await t.http.get(`/api/migration/systems/${id}/questionnaire`).set(await t.as(who))).status, who).toBe(404);
      expect((await answer(id, who, MILD, '"v1"')).status, who).toBe(404);
    }
    for (const who of ['gia', 'auditor']) {
      const read = await t.http.get(`/api/migration/systems/${id}/questionnaire`).set(await t.as(who));
      expect(read.status, who).toBe(200);
      expect(read.body).toMatchObject({ mayAnswer: false, mayConfirm: false });
      expect((await answer(id, who, MILD, '"v1"')).status, who).toBe(403);
    }
  });

  it('refuses incomplete or unknown answers field by field, and a change without If-Match once answered', async () => {
    const id = await system();
    const { business: _, ...incomplete } = MILD;
    const bad = await answer(id, 'dept', { ...incomplete, interfaces: 'dozens' });
    expect(bad.status).toBe(422);
    expect(bad.body.fields.map((f: { path: string; code: string }) => [f.path, f.code])).toEqual([
      ['answers.0.optionId', 'questionnaire.unknown_option'],
      ['answers', 'questionnaire.unanswered'],
    ]);
    expect(bad.body.fields[1].message).toBe('尚未回答：business');
    expect((await answer(id, 'dept', MILD)).status).toBe(200);
    expect((await answer(id, 'dept', MILD)).status).toBe(428);
    expect((await answer(id, 'dept', MILD, '"v7"')).status).toBe(412);
    expect((await answer(id, 'dept', MILD, '"v1"')).status).toBe(200);
  });
});

describe('confirming', () => {
  it('assesses the system with the proposal, and a later override with its reason reassesses it', async () => {
    const id = await system();
    const answered = await answer(id, 'dept', MILD);
    expect(answered.body.answers.proposal).toMatchObject({ strategy: 'REHOST', risk: 'LOW' });
    const bdc = await t.as('bdc');
    expect(answered.body.mayConfirm).toBe(false);
    expect((await t.http.get(`/api/migration/systems/${id}/questionnaire`).set(bdc)).body.mayConfirm).toBe(true);

    // the owner may not confirm; the sub-center needs If-Match, the effort and (moving the system) a target plan
    expect((await t.http.post(`/api/migration/systems/${id}/questionnaire/confirm`).set(await t.as('dept')).set('If-Match', '"v1"').send({ effort: 'LOW' })).status).toBe(403);
    expect((await t.http.post(`/api/migration/systems/${id}/questionnaire/confirm`).set(bdc).send({ effort: 'LOW' })).status).toBe(428);
    const noEffort = await t.http.post(`/api/migration/systems/${id}/questionnaire/confirm`).set(bdc).set('If-Match', '"v1"').send({});
    expect(noEffort.status).toBe(422);
    expect(noEffort.body.fields[0]).toMatchObject({ path: 'effort', code: 'field.required' });
    const noPlan = await t.http.post(`/api/migration/systems/${id}/questionnaire/confirm`).set(bdc).set('If-Match', '"v1"').send({ effort: 'LOW' });
    expect(noPlan.status).toBe(422);
    expect(noPlan.body.violations.map((v: { code: string }) => v.code)).toEqual(['NO_TARGET_PLAN']);

    const confirmed = await t.http.post(`/api/migration/systems/${id}/questionnaire/confirm`).set(bdc).set('If-Match', '"v1"').send({ effort: 'LOW', targetPlanCodes: ['vm-general-4c8g'] });
    expect(confirmed.status, confirmed.text).toBe(200);
    expect(confirmed.body.system).toMatchObject({ status: 'ASSESSED', strategy: 'REHOST', risk: 'LOW' });
    expect(confirmed.body.answers.confirmation).toMatchObject({ overridden: false, overrideReason: null });
    const sys = await t.http.get(`/api/migration/systems/${id}`).set(bdc);
    expect(sys.body).toMatchObject({ status: 'ASSESSED', strategy: 'REHOST', risk: 'LOW', effort: 'LOW', targetPlanCodes: ['vm-general-4c8g'] });

    // an override needs its reason
    const etag = confirmed.headers.etag;
    const bare = await t.http.post(`/api/migration/systems/${id}/questionnaire/confirm`).set(bdc).set('If-Match', etag).send({ risk: 'HIGH' });
    expect(bare.status).toBe(422);
    expect(bare.body.fields[0]).toMatchObject({ path: 'reason', label: '理由', message: '与建议不同时须说明理由' });
    const overridden = await t.http.post(`/api/migration/systems/${id}/questionnaire/confirm`).set(bdc).set('If-Match', etag).send({ strategy: 'REPLATFORM', risk: 'HIGH', reason: '数据库需改为国产数据库' });
    expect(overridden.status, overridden.text).toBe(200);
    expect(overridden.body.system).toMatchObject({ strategy: 'REPLATFORM', risk: 'HIGH' });
    expect(overridden.body.answers.confirmation).toMatchObject({ overridden: true, overrideReason: '数据库需改为国产数据库' });
    const history = await t.http.get(`/api/migration/systems/${id}/history`).set(bdc);
    expect(history.body.items.map((h: { action: string }) => h.action)).toEqual(['register', 'assess', 'reassess']);
    const audit = await t.http.get('/api/audit/events').query({ action: 'migration.questionnaire.confirm', targetId: id }).set(await t.as('auditor'));
    expect(audit.body.items.map((e: { detail: { overridden: boolean; via: string } }) => [e.detail.overridden, e.detail.via]).sort()).toEqual([
      [false, 'assess'],
      [true, 'reassess'],
    ]);

    // answering again asks for a new confirmation; the system keeps its assessment meanwhile
    const again = await answer(id, 'dept', { ...MILD, business: 'obsolete' }, overridden.headers.etag);
    expect(again.body.answers).toMatchObject({ proposal: { strategy: 'RETIRE' }, confirmation: null });
    expect(again.body.system).toMatchObject({ strategy: 'REPLATFORM', risk: 'HIGH' });
  });

  it('counts proposals and confirmations on the full board only', async () => {
    const full = await t.http.get('/api/migration/board').query({ view: 'full' }).set(await t.as('gia'));
    expect(full.status).toBe(200);
    const a = full.body.assessment;
    expect(a.answered).toBeGreaterThanOrEqual(4);
    expect(a.byStrategy.find((s: { strategy: string }) => s.strategy === 'REPURCHASE').proposed).toBeGreaterThanOrEqual(1);
    expect(a.byStrategy.reduce((n: number, s: { proposed: number }) => n + s.proposed, 0)).toBe(a.answered);
    expect(a.byRisk.reduce((n: number, s: { confirmed: number }) => n + s.confirmed, 0)).toBe(a.confirmed);
    const pub = await t.http.get('/api/migration/board');
    expect(pub.body.view).toBe('public');
    expect(pub.body).not.toHaveProperty('assessment');
  });
});

describe('publishing a version', () => {
  const current = async () => (await t.http.get('/api/migration/questionnaire').set(await t.as('dept'))).body;

  it('refuses a bad definition field by field, and anyone but the sub-center', async () => {
    const def = (await current()).definition;
    const dup = structuredClone(def);
    dup.questions[1].id = dup.questions[0].id;
    dup.riskThresholds = { medium: 80, high: 40 };
    const res = await t.http.post('/api/migration/questionnaire').set(await t.as('bdc')).send(dup);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('QUESTIONNAIRE_INVALID');
    expect(res.body.fields.map((f: { path: string }) => f.path)).toEqual(['questions.1.id', 'riskThresholds.high']);
    const shape = await t.http.post('/api/migration/questionnaire').set(await t.as('bdc')).send({ ...def, questions: [{ ...def.questions[0], kind: 'multiple', options: [] }] });
    expect(shape.status).toBe(400);
    expect(shape.body.fields.map((f: { path: string }) => f.path).sort()).toEqual(['questions.0.kind', 'questions.0.options']);
    expect((await t.http.post('/api/migration/questionnaire').set(await t.as('dept')).send(def)).status).toBe(403);
    expect((await t.http.post('/api/migration/questionnaire').set(await t.as('gia')).send(def)).status).toBe(403);
    expect((await current()).version).toBe(1);
  });

  it('keeps earlier answers with their version; new answers need the new one', async () => {
    const id = await system();
    const first = await answer(id, 'dept', MILD);
    const v1 = (await current()).definition;
    const v2 = structuredClone(v1);
    v2.questions[0].prompt = '与其他系统的接口数量？';
    v2.questions.push({ id: 'users', prompt: '用户数量？', promptEn: 'How many users?', kind: 'single', options: [{ id: 'few', label: '少', labelEn: 'Few', riskPoints: 0 }, { id: 'many', label: '多', labelEn: 'Many', riskPoints: 30 }] });
    const pub = await t.http.post('/api/migration/questionnaire').set(await t.as('bdc')).send({ ...v2, note: '增加用户数量' });
    expect(pub.status, pub.text).toBe(201);
    expect(pub.body.version).toBe(2);
    const audit = await t.http.get('/api/audit/events').query({ action: 'migration.questionnaire.publish' }).set(await t.as('auditor'));
    expect(audit.body.items.map((e: { actionLabel: string; targetLabel: string; detail: { note: string } }) => [e.actionLabel, e.targetLabel, e.detail.note])).toEqual([['发布评估问卷', '评估问卷 第2版', '增加用户数量']]);

    const kept = await t.http.get(`/api/migration/systems/${id}/questionnaire`).set(await t.as('dept'));
    expect(kept.body.answers.questionnaire.version).toBe(1);
    expect(kept.body.answers.questionnaire.definition.questions[0].prompt).toBe(v1.questions[0].prompt);
    expect(kept.body.answers.questionnaire.definition.questions).toHaveLength(8);

    const outdated = await t.http.put(`/api/migration/systems/${id}/questionnaire`).set(await t.as('dept')).set('If-Match', first.headers.etag).send({ questionnaireVersion: 1, answers: list(MILD) });
    expect(outdated.status).toBe(409);
    expect(outdated.body.code).toBe('QUESTIONNAIRE_OUTDATED');
    const incomplete = await answer(id, 'dept', MILD, first.headers.etag);
    expect(incomplete.status).toBe(422);
    const renewed = await t.http.put(`/api/migration/systems/${id}/questionnaire`).set(await t.as('dept')).set('If-Match', first.headers.etag).send({ questionnaireVersion: 2, answers: list({ ...MILD, users: 'many' }) });
    expect(renewed.status, renewed.text).toBe(200);
    expect(renewed.body.answers).toMatchObject({ questionnaire: { version: 2 }, proposal: { riskPoints: 30 } });
  });
});
