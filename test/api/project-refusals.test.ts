// Every way the project workflow says no: who may not see or touch a project, the validation rules as the API
// reports them, the review rules, concurrent changes, the public notice, and what is refused after establishment.
// Each refusal asserts its status and stable code, and that nothing changed: the project's status and ETag are
// the same, and no audit record of a transition that did not happen was written.
// (The happy path is test/api/project-lifecycle.test.ts.)
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Response, Test } from 'supertest';
import type { LocalDate } from '../../core/calendar/working-days.js';
import { DEMO_PASSWORD, startTestPlatform, type TestPlatform } from '../support/platform.js';
import { ALL_PASS, VALID_LINES, VALID_RESOURCES, buildBudgetApproved, buildValidDraft, createDraft, type Built } from '../support/projects.js';

let t: TestPlatform;
let today: LocalDate = '2026-11-02';
const orgIds = new Map<string, string>();

beforeAll(async () => {
  t = await startTestPlatform({}, { today: () => today });
  const orgs = await t.http.get('/api/orgs').set(await t.as('dept'));
  for (const o of orgs.body.items as { id: string; code: string }[]) orgIds.set(o.code, o.id);
});
afterAll(() => t?.stop());

// ── helpers ─────────────────────────────────────────────────────────────────────────────────────────────────

const MINIMAL_PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

async function as(who: string | null, req: Test): Promise<Response> {
  return who ? req.set(await t.as(who)) : req;
}

/** A workflow action with If-Match (pass `null` as etag to leave the header out). */
async function act(who: string | null, id: string, action: string, etag: string | null, body: object = {}): Promise<Response> {
  let req = t.http.post(`/api/projects/${id}/${action}`);
  if (etag !== null) req = req.set('If-Match', etag);
  return as(who, req.send(body));
}

async function patch(who: string | null, id: string, etag: string | null, body: object): Promise<Response> {
  let req = t.http.patch(`/api/projects/${id}`);
  if (etag !== null) req = req.set('If-Match', etag);
  return as(who, req.send(body));
}

async function getProject(who: string | null, id: string): Promise<Response> {
  return as(who, t.http.get(`/api/projects/${id}`));
}

function expectRefused(res: Response, status: number, code: string) {
  expect(res.status, res.text).toBe(status);
  expect(res.body.code, res.text).toBe(code);
  expect(res.body.message).toEqual(expect.any(String));
}

interface Snapshot {
  status: string;
  etag: string;
  /** every audit action recorded about the project, newest first */
  audit: string[];
}

/** What an observer (the auditor reads every project and the trail) sees of a project. */
async function snapshot(id: string): Promise<Snapshot> {
  const p = await getProject('auditor', id);
  expect(p.status).toBe(200);
  const a = await as('auditor', t.http.get('/api/audit/events').query({ targetId: id, limit: 500 }));
  expect(a.status).toBe(200);
  return { status: p.body.status, etag: p.headers.etag as string, audit: a.body.items.map((e: { action: string }) => e.action) };
}

async function expectUnchanged(id: string, before: Snapshot) {
  expect(await snapshot(id)).toEqual(before);
}

/** Takes a valid draft through submission. */
async function submitted(user = 'dept', overrides: Record<string, unknown> = {}): Promise<Built> {
  const p = await buildValidDraft(t, user, overrides);
  const res = await act(user, p.id, 'submit', p.etag);
  expect(res.status, res.text).toBe(200);
  return { id: p.id, etag: res.headers.etag, body: res.body };
}

/** Runs `who`'s action and insists it succeeds; returns the new ETag and body. */
async function step(p: Built, who: string, action: string, body: object = {}): Promise<Built> {
  const res = await act(who, p.id, action, p.etag, body);
  expect(res.status, `${action}: ${res.text}`).toBe(200);
  return { id: p.id, etag: res.headers.etag, body: res.body };
}

const approve = (p: Built) => step(p, 'gia', 'review', { decision: 'APPROVE', dimensions: ALL_PASS, comment: '同意' });

/** The next calendar day. */
function nextDay(d: LocalDate): LocalDate {
  const x = new Date(`${d}T00:00:00Z`);
  x.setUTCDate(x.getUTCDate() + 1);
  return x.toISOString().slice(0, 10) as LocalDate;
}

/** A one-day notice opening today; the next day, establishment (moves `today` on by a day). */
async function noticeToday(p: Built): Promise<Built> {
  return step(p, 'gia', 'notice', { startDate: today, endDate: today });
}
async function establish(p: Built): Promise<Built> {
  const n = await noticeToday(p);
  today = nextDay(today);
  return step(n, 'gia', 'establish');
}

async function established(user = 'dept'): Promise<Built> {
  return establish(await buildBudgetApproved(t, user));
}

const uploadPdf = async (who: string | null, id: string, kind = 'PROPOSAL') =>
  as(who, t.http.post(`/api/projects/${id}/documents`).field('kind', kind).attach('file', MINIMAL_PDF, '项目建议书.pdf'));

// ── visibility ──────────────────────────────────────────────────────────────────────────────────────────────

describe('who may see a project', () => {
  it('another department and a county get 404 on GET, PATCH, lines, validate, catalog-changes, submit and documents; nothing changes', async () => {
    const p = await buildValidDraft(t, 'dept');
    const doc = await uploadPdf('dept', p.id);
    expect(doc.status, doc.text).toBe(201);
    const before = await snapshot(p.id);
    for (const who of ['dept2', 'county']) {
      expectRefused(await getProject(who, p.id), 404, 'NOT_FOUND');
      expectRefused(await patch(who, p.id, p.etag, { name: '越权修改' }), 404, 'NOT_FOUND');
      expectRefused(await as(who, t.http.post(`/api/projects/${p.id}/lines`).set('If-Match', p.etag).send(VALID_LINES[0]!)), 404, 'NOT_FOUND');
      expectRefused(await as(who, t.http.post(`/api/projects/${p.id}/validate`)), 404, 'NOT_FOUND');
      expectRefused(await as(who, t.http.get(`/api/projects/${p.id}/catalog-changes`)), 404, 'NOT_FOUND');
      expectRefused(await act(who, p.id, 'submit', p.etag), 404, 'NOT_FOUND');
      expectRefused(await uploadPdf(who, p.id), 404, 'NOT_FOUND');
      expectRefused(await as(who, t.http.get(`/api/projects/${p.id}/documents/${doc.body.id}`)), 404, 'NOT_FOUND');
      const list = await as(who, t.http.get('/api/projects'));
      expect(list.status).toBe(200);
      expect(list.body.items.map((x: { id: string }) => x.id)).not.toContain(p.id);
    }
    // a project that does not exist looks the same
    expectRefused(await getProject('dept2', crypto.randomUUID()), 404, 'NOT_FOUND');
    await expectUnchanged(p.id, before);
  });

  it('GIA and Finance do not see a draft (404)', async () => {
    const p = await createDraft(t, 'dept');
    for (const who of ['gia', 'finance', 'bdc']) expectRefused(await getProject(who, p.id), 404, 'NOT_FOUND');
  });

  it('the public gets 401 on every project endpoint; nothing changes', async () => {
    const p = await buildValidDraft(t, 'dept');
    const before = await snapshot(p.id);
    expectRefused(await t.http.get('/api/projects'), 401, 'UNAUTHENTICATED');
    expectRefused(await t.http.post('/api/projects').send({ name: 'x' }), 401, 'UNAUTHENTICATED');
    expectRefused(await getProject(null, p.id), 401, 'UNAUTHENTICATED');
    expectRefused(await patch(null, p.id, p.etag, { name: '匿名修改' }), 401, 'UNAUTHENTICATED');
    expectRefused(await t.http.post(`/api/projects/${p.id}/validate`), 401, 'UNAUTHENTICATED');
    expectRefused(await act(null, p.id, 'submit', p.etag), 401, 'UNAUTHENTICATED');
    expectRefused(await uploadPdf(null, p.id), 401, 'UNAUTHENTICATED');
    await expectUnchanged(p.id, before);
  });

  describe('a co-building department', () => {
    let p: Built;
    beforeAll(async () => {
      p = await buildValidDraft(t, 'dept', { coBuildingOrgIds: [orgIds.get('HEALTH')!] });
    });

    it('reads the project (dept2 is HEALTH), while a county still gets 404', async () => {
      const res = await getProject('dept2', p.id);
      expect(res.status).toBe(200);
      expect(res.body.coBuildingOrgIds).toEqual([orgIds.get('HEALTH')]);
      expect(res.headers.etag).toBe(p.etag);
      expect((await as('dept2', t.http.post(`/api/projects/${p.id}/validate`))).body.valid).toBe(true);
      expect((await as('dept2', t.http.get('/api/projects'))).body.items.map((x: { id: string }) => x.id)).toContain(p.id);
      expectRefused(await getProject('county', p.id), 404, 'NOT_FOUND');
    });

    it('may not edit, add lines, submit or add application documents: 403 FORBIDDEN; nothing changes', async () => {
      const before = await snapshot(p.id);
      expectRefused(await patch('dept2', p.id, p.etag, { name: '共建单位修改' }), 403, 'FORBIDDEN');
      expectRefused(await as('dept2', t.http.post(`/api/projects/${p.id}/lines`).set('If-Match', p.etag).send(VALID_LINES[0]!)), 403, 'FORBIDDEN');
      expectRefused(await as('dept2', t.http.delete(`/api/projects/${p.id}/lines/1`).set('If-Match', p.etag)), 403, 'FORBIDDEN');
      expectRefused(await act('dept2', p.id, 'submit', p.etag), 403, 'FORBIDDEN');
      expectRefused(await uploadPdf('dept2', p.id), 403, 'FORBIDDEN');
      await expectUnchanged(p.id, before);
      const denied = await as('auditor', t.http.get('/api/audit/events').query({ action: 'access.denied', actor: 'dept2', limit: 20 }));
      expect(denied.body.items.length).toBeGreaterThanOrEqual(5);
    });

    // BUG (projects/guard.ts openProjectForChange): the permission on *this* project is checked last, after the
    // If-Match version, so a co-builder (who may never edit) with a stale If-Match gets 412 STALE_VERSION instead
    // of 403. Same defect as the PATCH /api/users/:id one in permissions.test.ts (RFC 9110 §13.2.1: a precondition
    // is not evaluated when the answer without it would not be 2xx/412).
    //   PATCH /api/projects/:id as dept2, If-Match: "v999" → expected 403 FORBIDDEN, got 412 STALE_VERSION.
    it('is refused 403 even with a stale If-Match', async () => {
      const before = await snapshot(p.id);
      expectRefused(await patch('dept2', p.id, '"v999"', { name: '共建单位修改' }), 403, 'FORBIDDEN');
      await expectUnchanged(p.id, before);
    });

    // BUG (projects/guard.ts openProjectForChange, same cause): the state is checked before the permission on this
    // project, so once the project is submitted a co-builder gets 409 INVALID_TRANSITION ("not now") instead of
    // 403 ("never you"); 409 is meant for a caller who would be allowed in another state.
    //   PATCH /api/projects/:id as dept2 (co-builder) on a GIA_REVIEW project, current If-Match
    //   → expected 403 FORBIDDEN, got 409 INVALID_TRANSITION.
    it('is refused 403 (not 409) once the project is under review', async () => {
      const s = await submitted('dept', { coBuildingOrgIds: [orgIds.get('HEALTH')!] });
      const before = await snapshot(s.id);
      expectRefused(await patch('dept2', s.id, s.etag, { name: '共建单位修改' }), 403, 'FORBIDDEN');
      await expectUnchanged(s.id, before);
    });
  });

  it('Finance sees a project only once GIA approved it; the sub-center only once it is established', async () => {
    let p = await submitted();
    // GIA_REVIEW
    expectRefused(await getProject('finance', p.id), 404, 'NOT_FOUND');
    expectRefused(await getProject('bdc', p.id), 404, 'NOT_FOUND');
    const before = await snapshot(p.id);
    expectRefused(await act('finance', p.id, 'budget-review', p.etag, { decision: 'APPROVE', approvedAmount: 1 }), 404, 'NOT_FOUND');
    await expectUnchanged(p.id, before);
    // BUDGET_REVIEW
    p = await approve(p);
    expect((await getProject('finance', p.id)).status).toBe(200);
    expectRefused(await getProject('bdc', p.id), 404, 'NOT_FOUND');
    // BUDGET_APPROVED
    p = await step(p, 'finance', 'budget-review', { decision: 'APPROVE', approvedAmount: 700000 });
    expect((await getProject('finance', p.id)).body.status).toBe('BUDGET_APPROVED');
    expectRefused(await getProject('bdc', p.id), 404, 'NOT_FOUND');
    // PUBLIC_NOTICE
    p = await noticeToday(p);
    expectRefused(await getProject('bdc', p.id), 404, 'NOT_FOUND');
    // ESTABLISHED
    today = nextDay(today);
    p = await step(p, 'gia', 'establish');
    const bdc = await getProject('bdc', p.id);
    expect(bdc.status).toBe(200);
    expect(bdc.body.status).toBe('ESTABLISHED');
    expect((await getProject('finance', p.id)).status).toBe(200);
  });

  it('a reviewer keeps read access to a project they returned (deciders)', async () => {
    let p = await approve(await submitted());
    p = await step(p, 'finance', 'budget-review', { decision: 'RETURN', comment: '预算依据不足，请补充测算' });
    expect(p.body.status).toBe('RETURNED');
    expect((await getProject('finance', p.id)).status).toBe(200);
    // …and after the department resubmits it (GIA_REVIEW, normally hidden from Finance)
    p = await step(p, 'dept', 'submit');
    expect(p.body.status).toBe('GIA_REVIEW');
    expect((await getProject('finance', p.id)).status).toBe(200);

    // a project GIA returned was never decided by Finance: still hidden
    const q = await step(await submitted(), 'gia', 'review', { decision: 'RETURN', dimensions: ALL_PASS, comment: '请补充需求分析' });
    expect(q.body.status).toBe('RETURNED');
    expectRefused(await getProject('finance', q.id), 404, 'NOT_FOUND');
    expect((await getProject('gia', q.id)).status).toBe(200);
  });
});

// ── the validation rules through the API ────────────────────────────────────────────────────────────────────

describe('the validation rules, as the API reports them', () => {
  let p: Built;
  const RULE_CODES = [
    'OVER_BUDGET',
    'QUANTITY_LIMIT',
    'DUPLICATE_OF_SHARED_SERVICE',
    'OWN_CLOUD_FORBIDDEN',
    'PRIVATE_NETWORK_NEEDS_APPROVAL',
    'EMERGENCY_NEEDS_GOVERNMENT_CONSENT',
    'NO_DATA_SHARING',
  ];

  beforeAll(async () => {
    // a county project breaking every rule at once
    p = await createDraft(t, 'county', {
      name: '盐湖区政务服务综合平台',
      type: 'NEW',
      totalBudget: 10000,
      description: '建设区级政务服务综合平台。',
      components: ['自建统一身份认证系统', '建设县级政务云平台'],
      privateNetwork: true,
      emergency: true,
    });
    let res = await as('county', t.http.post(`/api/projects/${p.id}/lines`).set('If-Match', p.etag).send({ planCode: 'vm-general-4c8g', quantity: 101, purpose: '应用服务器' }));
    expect(res.status, res.text).toBe(200);
    res = await as(
      'county',
      t.http
        .put(`/api/projects/${p.id}/information-resources`)
        .set('If-Match', res.headers.etag)
        .send({ items: [{ direction: 'PRODUCED', name: '办件信息', source: '本系统', format: '数据库表', updateFrequency: '实时', sharing: 'NOT_SHAREABLE', openness: 'NOT_OPEN' }] }),
    );
    expect(res.status, res.text).toBe(200);
    p = { id: p.id, etag: res.headers.etag, body: res.body };
  });

  it('validate reports every rule at once, each with its field, line and article', async () => {
    const res = await as('county', t.http.post(`/api/projects/${p.id}/validate`));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ valid: false, catalogRevision: 1 });
    const v = res.body.violations as { code: string; field?: string; line?: number; article?: string; message: string }[];
    expect(new Set(v.map((x) => x.code))).toEqual(new Set([...RULE_CODES, 'MISSING_RESOURCE_CATALOG']));
    const one = (code: string) => v.filter((x) => x.code === code);
    expect(one('QUANTITY_LIMIT')).toEqual([expect.objectContaining({ line: 1, field: 'lines.0.quantity', article: '第二十八条' })]);
    expect(one('QUANTITY_LIMIT')[0]!.message).toContain('100');
    expect(one('OVER_BUDGET')).toEqual([expect.objectContaining({ field: 'totalBudget', article: '第八条' })]);
    // 101 × 3,600 = 363,600 against 10,000
    expect(one('OVER_BUDGET')[0]!.message).toContain('363,600');
    expect(one('DUPLICATE_OF_SHARED_SERVICE')).toEqual([expect.objectContaining({ field: 'components.0', article: '第二十八条' })]);
    expect(one('DUPLICATE_OF_SHARED_SERVICE')[0]!.message).toContain('saas-identity');
    // a county: Art. 30 (counties may not build their own cloud)
    expect(one('OWN_CLOUD_FORBIDDEN')).toEqual([expect.objectContaining({ field: 'components.1', article: '第三十条' })]);
    expect(one('PRIVATE_NETWORK_NEEDS_APPROVAL')).toEqual([expect.objectContaining({ field: 'privateNetworkApprovalRef', article: '第八条' })]);
    expect(one('EMERGENCY_NEEDS_GOVERNMENT_CONSENT')).toEqual([expect.objectContaining({ field: 'emergencyConsentRef', article: '第七条' })]);
    expect(one('NO_DATA_SHARING')).toEqual([expect.objectContaining({ field: 'informationResources', article: '第八条' })]);
    for (const x of v) expect(x.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('submit refuses with 422 RULE_VIOLATION carrying the same violations, and changes nothing', async () => {
    const before = await snapshot(p.id);
    const validated = await as('county', t.http.post(`/api/projects/${p.id}/validate`));
    const res = await act('county', p.id, 'submit', p.etag);
    expectRefused(res, 422, 'RULE_VIOLATION');
    expect(res.body.violations).toEqual(validated.body.violations);
    for (const code of RULE_CODES) expect(res.body.violations.map((x: { code: string }) => x.code)).toContain(code);
    await expectUnchanged(p.id, before);
    expect(before.audit).not.toContain('project.submit');
  });

  it('answers in English with Accept-Language: en (same codes)', async () => {
    const zh = await as('county', t.http.post(`/api/projects/${p.id}/validate`));
    const en = await as('county', t.http.post(`/api/projects/${p.id}/validate`).set('Accept-Language', 'en'));
    expect(en.body.violations.map((x: { code: string }) => x.code)).toEqual(zh.body.violations.map((x: { code: string }) => x.code));
    const msg = (code: string) => en.body.violations.find((x: { code: string }) => x.code === code).message as string;
    expect(msg('OVER_BUDGET')).toMatch(/^At catalog prices the resource list costs 363,600 yuan a year/);
    expect(msg('QUANTITY_LIMIT')).toContain('above the per-project maximum of 100');
    expect(msg('DUPLICATE_OF_SHARED_SERVICE')).toContain('Duplicate construction is not allowed');
    expect(msg('OWN_CLOUD_FORBIDDEN')).toContain('Counties may not build or extend a government cloud');
    expect(msg('PRIVATE_NETWORK_NEEDS_APPROVAL')).toContain('private business network');
    expect(msg('EMERGENCY_NEEDS_GOVERNMENT_CONSENT')).toContain('consent of the municipal government');
    expect(msg('NO_DATA_SHARING')).toContain('cannot share data');

    const submit = await as('county', t.http.post(`/api/projects/${p.id}/submit`).set('If-Match', p.etag).set('Accept-Language', 'en').send({}));
    expectRefused(submit, 422, 'RULE_VIOLATION');
    expect(submit.body.violations).toEqual(en.body.violations);
    expect(submit.body.message).not.toMatch(/[\u4e00-\u9fa5]/);
  });

  it('each violation goes away when its input is fixed', async () => {
    let res = await patch('county', p.id, p.etag, {
      totalBudget: 800000,
      components: ['政务服务事项管理模块', '接入统一身份认证'],
      privateNetworkApprovalRef: '运审信专网〔2026〕3号',
      emergencyConsentRef: '运政函〔2026〕12号',
    });
    expect(res.status, res.text).toBe(200);
    res = await as('county', t.http.put(`/api/projects/${p.id}/lines/1`).set('If-Match', res.headers.etag).send({ planCode: 'vm-general-4c8g', quantity: 4, purpose: '应用服务器' }));
    expect(res.status, res.text).toBe(200);
    res = await as('county', t.http.put(`/api/projects/${p.id}/information-resources`).set('If-Match', res.headers.etag).send({ items: VALID_RESOURCES }));
    expect(res.status, res.text).toBe(200);
    const v = await as('county', t.http.post(`/api/projects/${p.id}/validate`));
    expect(v.body).toEqual({ valid: true, catalogRevision: 1, violations: [] });
  });
});

// ── review rules ────────────────────────────────────────────────────────────────────────────────────────────

describe('the review rules', () => {
  it('a GIA review without all five dimensions is 400 naming the missing one; nothing changes', async () => {
    const p = await submitted();
    const before = await snapshot(p.id);
    const { performance: _omitted, ...four } = ALL_PASS;
    const res = await act('gia', p.id, 'review', p.etag, { decision: 'APPROVE', dimensions: four, comment: '同意' });
    expectRefused(res, 400, 'VALIDATION_FAILED');
    expect(res.body.fields).toEqual([expect.objectContaining({ path: 'dimensions.performance', code: 'field.required' })]);
    // a dimension without its comment
    const noComment = await act('gia', p.id, 'review', p.etag, { decision: 'APPROVE', dimensions: { ...ALL_PASS, budget: { opinion: 'PASS' } } });
    expectRefused(noComment, 400, 'VALIDATION_FAILED');
    expect(noComment.body.fields.map((f: { path: string }) => f.path)).toEqual(['dimensions.budget.comment']);
    await expectUnchanged(p.id, before);
  });

  it('RETURN and REJECT without a comment are 400 on `comment`; nothing changes', async () => {
    const p = await submitted();
    const before = await snapshot(p.id);
    for (const decision of ['RETURN', 'REJECT']) {
      for (const comment of [undefined, '   ']) {
        const res = await act('gia', p.id, 'review', p.etag, { decision, dimensions: ALL_PASS, ...(comment === undefined ? {} : { comment }) });
        expectRefused(res, 400, 'VALIDATION_FAILED');
        expect(res.body.fields).toEqual([expect.objectContaining({ path: 'comment', code: 'field.required' })]);
      }
    }
    await expectUnchanged(p.id, before);
  });

  it('REJECT ends in REJECTED, which is final: submitting again, editing or reviewing again is 409', async () => {
    let p = await submitted();
    p = await step(p, 'gia', 'review', { decision: 'REJECT', dimensions: { ...ALL_PASS, need: { opinion: 'FAIL', comment: '与已有系统重复' } }, comment: '不予批准' });
    expect(p.body.status).toBe('REJECTED');
    const before = await snapshot(p.id);
    expectRefused(await act('dept', p.id, 'submit', p.etag), 409, 'INVALID_TRANSITION');
    expectRefused(await patch('dept', p.id, p.etag, { name: '改个名字再报' }), 409, 'INVALID_TRANSITION');
    expectRefused(await as('dept', t.http.post(`/api/projects/${p.id}/lines`).set('If-Match', p.etag).send(VALID_LINES[0]!)), 409, 'INVALID_TRANSITION');
    expectRefused(await act('gia', p.id, 'review', p.etag, { decision: 'APPROVE', dimensions: ALL_PASS }), 409, 'INVALID_TRANSITION');
    await expectUnchanged(p.id, before);
  });

  it('RETURN lets the department edit and resubmit', async () => {
    let p = await submitted();
    p = await step(p, 'gia', 'review', { decision: 'RETURN', dimensions: { ...ALL_PASS, budget: { opinion: 'CONCERN', comment: '预算偏高' } }, comment: '请核减预算后重新提交' });
    expect(p.body.status).toBe('RETURNED');
    const res = await patch('dept', p.id, p.etag, { totalBudget: 600000 });
    expect(res.status, res.text).toBe(200);
    p = await step({ ...p, etag: res.headers.etag }, 'dept', 'submit');
    expect(p.body).toMatchObject({ status: 'GIA_REVIEW', totalBudget: 600000 });
    expect(p.body.reviews).toEqual([expect.objectContaining({ stage: 'GIA_REVIEW', decision: 'RETURN', comment: '请核减预算后重新提交' })]);
  });

  it('Finance may not approve more than the total budget (422), nor approve without an amount or return without a comment (400)', async () => {
    const p = await approve(await submitted());
    const before = await snapshot(p.id);
    const over = await act('finance', p.id, 'budget-review', p.etag, { decision: 'APPROVE', approvedAmount: 800000.01, comment: '同意' });
    expectRefused(over, 422, 'VALIDATION_FAILED');
    expect(over.body.fields).toEqual([expect.objectContaining({ path: 'approvedAmount', code: 'field.too_big' })]);
    const missing = await act('finance', p.id, 'budget-review', p.etag, { decision: 'APPROVE', comment: '同意' });
    expectRefused(missing, 400, 'VALIDATION_FAILED');
    expect(missing.body.fields).toEqual([expect.objectContaining({ path: 'approvedAmount', code: 'field.required' })]);
    const noComment = await act('finance', p.id, 'budget-review', p.etag, { decision: 'RETURN' });
    expectRefused(noComment, 400, 'VALIDATION_FAILED');
    expect(noComment.body.fields).toEqual([expect.objectContaining({ path: 'comment' })]);
    // GIA may not take Finance's decision
    expectRefused(await act('gia', p.id, 'budget-review', p.etag, { decision: 'APPROVE', approvedAmount: 1 }), 403, 'FORBIDDEN');
    await expectUnchanged(p.id, before);
    // the whole budget is fine
    const ok = await step(p, 'finance', 'budget-review', { decision: 'APPROVE', approvedAmount: 800000 });
    expect(ok.body).toMatchObject({ status: 'BUDGET_APPROVED', approvedBudget: 800000 });
  });
});

// ── concurrency ─────────────────────────────────────────────────────────────────────────────────────────────

describe('concurrent changes', () => {
  beforeAll(async () => {
    const res = await as(
      'admin',
      t.http.post('/api/users').send({ username: 'gia2', displayName: '孙审批（政务信息管理局）', role: 'GIA_REVIEWER', orgId: orgIds.get('GIA'), password: DEMO_PASSWORD }),
    );
    expect(res.status, res.text).toBe(201);
  });

  it('two GIA reviewers deciding on the same version: exactly one 200 and one 412; one review recorded', async () => {
    const p = await submitted();
    const [a, b] = await Promise.all([
      act('gia', p.id, 'review', p.etag, { decision: 'APPROVE', dimensions: ALL_PASS, comment: '同意' }),
      act('gia2', p.id, 'review', p.etag, { decision: 'RETURN', dimensions: ALL_PASS, comment: '请补充' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    const lost = a.status === 412 ? a : b;
    const won = a.status === 200 ? a : b;
    expect(lost.body.code).toBe('STALE_VERSION');
    const now = await snapshot(p.id);
    expect(now.status).toBe(won.body.status);
    expect(now.etag).toBe(won.headers.etag);
    expect(now.audit.filter((x) => x === 'project.review')).toHaveLength(1);
    expect((await getProject('gia', p.id)).body.reviews).toHaveLength(1);
  });

  it('two department edits with the same ETag: one 200, one 412; the winner’s change stands', async () => {
    const p = await buildValidDraft(t, 'dept');
    const [a, b] = await Promise.all([patch('dept', p.id, p.etag, { name: '甲方案' }), patch('dept', p.id, p.etag, { name: '乙方案' })]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    const won = a.status === 200 ? a : b;
    const lost = a.status === 200 ? b : a;
    expect(lost.body.code).toBe('STALE_VERSION');
    const now = await getProject('dept', p.id);
    expect(now.body.name).toBe(won.body.name);
    expect(now.headers.etag).toBe(won.headers.etag);
  });

  it('a change without If-Match is 428, a stale or malformed one 412; nothing changes', async () => {
    const p = await submitted();
    const before = await snapshot(p.id);
    expectRefused(await act('gia', p.id, 'review', null, { decision: 'APPROVE', dimensions: ALL_PASS }), 428, 'PRECONDITION_REQUIRED');
    expectRefused(await act('gia', p.id, 'review', '"v1"', { decision: 'APPROVE', dimensions: ALL_PASS }), 412, 'STALE_VERSION');
    expectRefused(await act('gia', p.id, 'review', 'abc', { decision: 'APPROVE', dimensions: ALL_PASS }), 412, 'STALE_VERSION');
    await expectUnchanged(p.id, before);
    const d = await buildValidDraft(t, 'dept');
    const draftBefore = await snapshot(d.id);
    expectRefused(await patch('dept', d.id, null, { name: '无版本' }), 428, 'PRECONDITION_REQUIRED');
    expectRefused(await act('dept', d.id, 'submit', null), 428, 'PRECONDITION_REQUIRED');
    await expectUnchanged(d.id, draftBefore);
  });
});

// ── public notice and establishment ─────────────────────────────────────────────────────────────────────────

describe('the public notice and establishment', () => {
  let p: Built;
  let noticeId: string;
  beforeAll(async () => {
    today = '2026-11-02';
    p = await buildBudgetApproved(t);
  });

  it('a notice ending before it starts is 422 DATE_BEFORE_EVENT on endDate; nothing changes', async () => {
    const before = await snapshot(p.id);
    const res = await act('gia', p.id, 'notice', p.etag, { startDate: '2026-11-10', endDate: '2026-11-05' });
    expectRefused(res, 422, 'DATE_BEFORE_EVENT');
    expect(res.body.fields).toEqual([expect.objectContaining({ path: 'endDate', code: 'DATE_BEFORE_EVENT', message: '公示结束日期 2026-11-05 早于公示开始日期 2026-11-10' })]);
    await expectUnchanged(p.id, before);
    expect(before.status).toBe('BUDGET_APPROVED');
  });

  // BUG (projects/approval.ts openNotice): only endDate ≥ startDate is checked, so GIA can open a notice whose
  // whole period lies in the past and establish the project at once: the fund allocation was never open to the
  // public or to objections (raiseObjection answers NOTICE_ENDED from the first minute), which defeats Art. 10.
  //   POST /api/projects/:id/notice {startDate: "2026-10-12", endDate: "2026-10-16"} on 2026-11-02 → expected 400
  //   (a notice may not start before today), got 200; POST /establish right after → 200 ESTABLISHED. (Now 422
  //   DATE_BEFORE_EVENT, issue 16.)
  it('a notice may not be backdated: a period that already ended is 422 DATE_BEFORE_EVENT; nothing changes', async () => {
    const q = await buildBudgetApproved(t);
    const before = await snapshot(q.id);
    const res = await act('gia', q.id, 'notice', q.etag, { startDate: '2026-10-12', endDate: '2026-10-16' });
    expect(res.status, `answered ${res.status}, project now ${res.body.status ?? res.body.code}`).toBe(422);
    expect(res.body.code).toBe('DATE_BEFORE_EVENT');
    expect(res.body.fields).toEqual([expect.objectContaining({ path: 'startDate', message: '公示开始日期 2026-10-12 早于今天 2026-11-02' })]);
    await expectUnchanged(q.id, before);
  });

  it('establishment before the notice has ended is 409 NOTICE_NOT_ENDED (also on its last day)', async () => {
    today = '2026-11-02';
    p = await step(p, 'gia', 'notice', { startDate: '2026-11-02', endDate: '2026-11-06' });
    noticeId = p.body.notices[0].id;
    const before = await snapshot(p.id);
    for (const d of ['2026-11-02', '2026-11-06'] as LocalDate[]) {
      today = d;
      expectRefused(await act('gia', p.id, 'establish', p.etag), 409, 'NOTICE_NOT_ENDED');
    }
    await expectUnchanged(p.id, before);
    expect(before.audit).not.toContain('project.establish');
  });

  it('an objection after the notice ended is 409 NOTICE_ENDED and is not recorded', async () => {
    today = '2026-11-09';
    const res = await t.http.post(`/api/notices/${noticeId}/objections`).send({ submitter: '市民李某', content: '公示期已过仍想提意见' });
    expectRefused(res, 409, 'NOTICE_ENDED');
    expect(res.body.message).toContain('2026-11-06');
    expect((await getProject('gia', p.id)).body.notices[0].objections).toEqual([]);
  });

  it('an objection on an unknown notice, or one not yet open, is 404', async () => {
    expectRefused(await t.http.post(`/api/notices/${crypto.randomUUID()}/objections`).send({ submitter: '市民', content: '异议' }), 404, 'NOT_FOUND');
    const q = await step(await buildBudgetApproved(t), 'gia', 'notice', { startDate: '2026-11-20', endDate: '2026-11-26' });
    const res = await t.http.post(`/api/notices/${q.body.notices[0].id}/objections`).send({ submitter: '市民', content: '异议' });
    expectRefused(res, 404, 'NOT_FOUND');
    expect((await getProject('gia', q.id)).body.notices[0].objections).toEqual([]);
  });

  it('once established the notice is closed: an objection is 404, establishing again 409', async () => {
    p = await step(p, 'gia', 'establish');
    expect(p.body.status).toBe('ESTABLISHED');
    expectRefused(await t.http.post(`/api/notices/${noticeId}/objections`).send({ submitter: '市民', content: '异议' }), 404, 'NOT_FOUND');
    const before = await snapshot(p.id);
    expectRefused(await act('gia', p.id, 'establish', p.etag), 409, 'INVALID_TRANSITION');
    expectRefused(await act('gia', p.id, 'notice', p.etag, { startDate: '2026-11-09', endDate: '2026-11-13' }), 409, 'INVALID_TRANSITION');
    await expectUnchanged(p.id, before);
  });
});

// ── after establishment ─────────────────────────────────────────────────────────────────────────────────────

describe('after establishment', () => {
  let p: Built;
  const entitlementsOf = (lines: { planCode: string; quantity: number }[], catalogRevision = 1) =>
    lines.map((l) => ({ planCode: l.planCode, quantity: l.quantity, catalogRevision })).sort((a, b) => a.planCode.localeCompare(b.planCode));

  beforeAll(async () => {
    today = '2026-11-09';
    p = await established();
  });

  it('a change request with a plan not in the catalog is 422 naming the line; nothing changes', async () => {
    const before = await snapshot(p.id);
    const res = await act('dept', p.id, 'change-request', p.etag, {
      reason: '增加GPU算力',
      lines: [VALID_LINES[0]!, { planCode: 'vm-gpu-a100', quantity: 2, purpose: 'AI训练' }],
    });
    expectRefused(res, 422, 'RULE_VIOLATION');
    expect(res.body.violations).toEqual([expect.objectContaining({ code: 'NOT_IN_CATALOG', line: 2, field: 'lines.1.planCode', article: '第二十八条' })]);
    const above = await act('dept', p.id, 'change-request', p.etag, { reason: '扩容', lines: [{ planCode: 'vm-general-4c8g', quantity: 101, purpose: '应用服务器' }] });
    expectRefused(above, 422, 'RULE_VIOLATION');
    expect(above.body.violations).toEqual([expect.objectContaining({ code: 'QUANTITY_LIMIT', line: 1 })]);
    await expectUnchanged(p.id, before);
    expect((await getProject('dept', p.id)).body.entitlements).toEqual(entitlementsOf(VALID_LINES));
  });

  it('a change request GIA returns leaves lines and entitlement as they were', async () => {
    p = await step(p, 'dept', 'change-request', { reason: '扩容', lines: [{ planCode: 'vm-general-8c16g', quantity: 8, purpose: '应用服务器' }] });
    expect(p.body.status).toBe('CHANGE_REVIEW');
    // the department cannot change it again while it is under review
    expectRefused(await act('dept', p.id, 'change-request', p.etag, { reason: '再改', lines: [VALID_LINES[0]!] }), 409, 'INVALID_TRANSITION');
    p = await step(p, 'gia', 'change-review', { decision: 'RETURN', comment: '扩容依据不足' });
    expect(p.body.status).toBe('ESTABLISHED');
    expect(p.body.entitlements).toEqual(entitlementsOf(VALID_LINES));
    expect(p.body.lines.map((l: { planCode: string }) => l.planCode)).toEqual(VALID_LINES.map((l) => l.planCode));
  });

  it('an approved change replaces the lines and the entitlement', async () => {
    const lines = [
      { planCode: 'vm-general-8c16g', quantity: 2, purpose: '应用服务器' },
      { planCode: 'rds-postgresql-ha-4c16g', quantity: 1, purpose: '业务数据库' },
    ];
    p = await step(p, 'dept', 'change-request', { reason: '调整为高配云主机', lines });
    p = await step(p, 'gia', 'change-review', { decision: 'APPROVE', comment: '同意调整' });
    expect(p.body.status).toBe('ESTABLISHED');
    expect(p.body.entitlements).toEqual(entitlementsOf(lines));
    expect(p.body.lines).toEqual(lines.map((l, i) => ({ ...l, lineNo: i + 1 })));
  });

  it('appends (filings, rectification notices) take an optional If-Match: a stale one is 412 and nothing changes, a current one goes in', async () => {
    const before = await snapshot(p.id);
    const progress = { kind: 'PROGRESS', period: '2026年11月', progressPercent: 20, fundsUsed: 1000, summary: '按计划推进' };
    const staleFiling = await as('dept', t.http.post(`/api/projects/${p.id}/filings`).set('If-Match', '"v1"').send(progress));
    const staleNotice = await as('gia', t.http.post(`/api/projects/${p.id}/rectification-notices`).set('If-Match', '"v1"').send({ issues: '进度滞后' }));
    expect([staleFiling.status, staleFiling.body.code, staleNotice.status, staleNotice.body.code]).toEqual([412, 'STALE_VERSION', 412, 'STALE_VERSION']);
    await expectUnchanged(p.id, before);

    const current = (await as('dept', t.http.get(`/api/projects/${p.id}`))).headers.etag;
    const filed = await as('dept', t.http.post(`/api/projects/${p.id}/filings`).set('If-Match', current!).send(progress));
    expect(filed.status).toBe(200);
    expect(filed.headers.etag).not.toBe(current);
    p = { ...p, etag: filed.headers.etag };
  });

  it('suspension (Art. 23): only GIA suspends; filings still go in; change and acceptance wait; resume returns to ESTABLISHED', async () => {
    const before = await snapshot(p.id);
    expectRefused(await act('dept', p.id, 'suspend', p.etag, { reason: '自己暂停' }), 403, 'FORBIDDEN');
    expectRefused(await act('finance', p.id, 'suspend', p.etag, { reason: '财政暂停' }), 403, 'FORBIDDEN');
    expectRefused(await act('gia', p.id, 'suspend', p.etag, {}), 400, 'VALIDATION_FAILED');
    expectRefused(await act('gia', p.id, 'resume', p.etag, { reason: '未暂停' }), 409, 'INVALID_TRANSITION');
    await expectUnchanged(p.id, before);

    p = await step(p, 'gia', 'suspend', { reason: '拒不整改，暂停拨付资金' });
    expect(p.body.status).toBe('SUSPENDED');
    // the abilities allow `file` in SUSPENDED: the unit keeps reporting (and must report its rectification)
    const filed = await as('dept', t.http.post(`/api/projects/${p.id}/filings`).send({ kind: 'PROGRESS', period: '2026年第四季度', progressPercent: 40, fundsUsed: 120000, summary: '整改中' }));
    expect(filed.status, filed.text).toBe(200);
    expect(filed.body.status).toBe('SUSPENDED');
    // a filing changes what the project shows: its version moves on
    expect(filed.headers.etag).not.toBe(p.etag);
    p = { id: p.id, etag: filed.headers.etag, body: filed.body };
    const suspended = await snapshot(p.id);
    expectRefused(await act('dept', p.id, 'change-request', p.etag, { reason: '调整', lines: [VALID_LINES[0]!] }), 409, 'INVALID_TRANSITION');
    expectRefused(
      await act('dept', p.id, 'acceptance', p.etag, {
        acceptanceDate: '2026-11-09',
        evidence: { dataSharingConnected: true, informationResourcesProvided: true, onGovernmentCloud: true, secureControllableChecked: true },
        summary: '验收',
      }),
      409,
      'INVALID_TRANSITION',
    );
    expectRefused(await act('gia', p.id, 'suspend', p.etag, { reason: '再次暂停' }), 409, 'INVALID_TRANSITION');
    await expectUnchanged(p.id, suspended);

    p = await step(p, 'gia', 'resume', { reason: '已整改' });
    expect(p.body.status).toBe('ESTABLISHED');
  });

  it('suspended while a change is under review, resume returns to CHANGE_REVIEW', async () => {
    p = await step(p, 'dept', 'change-request', { reason: '扩容', lines: [{ planCode: 'vm-general-8c16g', quantity: 3, purpose: '应用服务器' }] });
    p = await step(p, 'gia', 'suspend', { reason: '暂停' });
    expect(p.body.status).toBe('SUSPENDED');
    const before = await snapshot(p.id);
    expectRefused(await act('gia', p.id, 'change-review', p.etag, { decision: 'APPROVE' }), 409, 'INVALID_TRANSITION');
    await expectUnchanged(p.id, before);
    p = await step(p, 'gia', 'resume', { reason: '恢复' });
    expect(p.body.status).toBe('CHANGE_REVIEW');
    p = await step(p, 'gia', 'change-review', { decision: 'RETURN', comment: '暂不调整' });
    expect(p.body.status).toBe('ESTABLISHED');
  });

  it('termination is final: every further transition is 409; nothing changes', async () => {
    p = await step(p, 'gia', 'suspend', { reason: '拒不整改' });
    p = await step(p, 'gia', 'terminate', { reason: '整改后仍不符合要求，终止项目' });
    expect(p.body.status).toBe('TERMINATED');
    const before = await snapshot(p.id);
    const attempts: [string, string, object][] = [
      ['gia', 'resume', { reason: '恢复' }],
      ['gia', 'suspend', { reason: '暂停' }],
      ['gia', 'terminate', { reason: '再次终止' }],
      ['gia', 'change-review', { decision: 'APPROVE' }],
      ['gia', 'review', { decision: 'APPROVE', dimensions: ALL_PASS }],
      ['gia', 'establish', {}],
      ['dept', 'submit', {}],
      ['dept', 'change-request', { reason: '调整', lines: [VALID_LINES[0]!] }],
      [
        'dept',
        'acceptance',
        {
          acceptanceDate: '2026-11-09',
          evidence: { dataSharingConnected: true, informationResourcesProvided: true, onGovernmentCloud: true, secureControllableChecked: true },
          summary: '验收',
        },
      ],
    ];
    for (const [who, action, body] of attempts) {
      const res = await act(who, p.id, action, p.etag, body);
      expect({ action, status: res.status, code: res.body.code }).toEqual({ action, status: 409, code: 'INVALID_TRANSITION' });
    }
    expectRefused(await patch('dept', p.id, p.etag, { name: '终止后修改' }), 409, 'INVALID_TRANSITION');
    await expectUnchanged(p.id, before);
    // the sub-center no longer sees a terminated project; GIA, Finance, the department and the auditor do
    expectRefused(await getProject('bdc', p.id), 404, 'NOT_FOUND');
    for (const who of ['gia', 'finance', 'dept']) expect((await getProject(who, p.id)).status).toBe(200);
  });

  // BUG (projects/filings.ts file() and issueRectification()): the endpoints that are not transitions check the
  // state only through the ability's conditions (`file` / `rectify` are limited to ESTABLISHED…SUSPENDED), so a
  // terminated project answers 403 FORBIDDEN — and writes an access.denied security record against the project's
  // own department — where every transition (including /acceptance, which uses the same `file` ability) answers
  // 409 INVALID_TRANSITION. The role is allowed, the object is not in a state for it: 409, as the rest of the
  // workflow (and the permission matrix's convention) says.
  //   POST /api/projects/:id/filings as dept on a TERMINATED project → expected 409, got 403 FORBIDDEN.
  //   POST /api/projects/:id/rectification-notices as gia on a TERMINATED project → expected 409, got 403 FORBIDDEN.
  it('after termination, filings and rectification notices are refused with 409 too', async () => {
    const before = await snapshot(p.id);
    const filing = await as('dept', t.http.post(`/api/projects/${p.id}/filings`).send({ kind: 'PROGRESS', period: '2026年12月', progressPercent: 50, fundsUsed: 1, summary: '终止后报送' }));
    const rectification = await as('gia', t.http.post(`/api/projects/${p.id}/rectification-notices`).send({ issues: '终止后整改' }));
    expect({ filing: filing.status, rectification: rectification.status }).toEqual({ filing: 409, rectification: 409 });
    await expectUnchanged(p.id, before);
  });
});

// ── a plan retired by a newer catalog revision (runs last: it changes the current catalog) ─────────────────

describe('a plan retired in a newer published catalog revision', () => {
  const RETIRED = 'vm-general-4c8g';
  let pinned: Built;
  let draft: Built;

  beforeAll(async () => {
    pinned = await submitted();
    draft = await buildValidDraft(t, 'dept');
  });

  it('is published as revision 2 by the sub-center, GIA and Finance', async () => {
    const created = await as('bdc', t.http.post('/api/catalog/revisions').send({ title: '2027 年版（下架 4核8G）' }));
    expect(created.status, created.text).toBe(201);
    const number = created.body.number as number;
    expect(number).toBe(2);
    let etag = created.headers.etag as string;
    const rev = await as('bdc', t.http.get(`/api/catalog/revisions/${number}`));
    const plan = rev.body.offerings.find((o: { code: string }) => o.code === 'vm-general').plans.find((x: { code: string }) => x.code === RETIRED);
    const { code: _code, ...rest } = plan;
    let res = await as('bdc', t.http.put(`/api/catalog/revisions/${number}/offerings/vm-general/plans/${RETIRED}`).set('If-Match', etag).send({ ...rest, status: 'RETIRED' }));
    expect(res.status, res.text).toBe(200);
    etag = res.headers.etag;
    for (const [who, action] of [['bdc', 'submit'], ['gia', 'approve'], ['finance', 'approve'], ['gia', 'publish']] as const) {
      res = await as(who, t.http.post(`/api/catalog/revisions/${number}/${action}`).set('If-Match', etag).send({}));
      expect(res.status, `${action}: ${res.text}`).toBe(200);
      etag = res.headers.etag;
    }
    expect(res.body.status).toBe('PUBLISHED');
    expect((await t.http.get('/api/catalog')).body.revision.number).toBe(2);
  });

  it('a draft asking for it gets NOT_IN_CATALOG on its line, and cannot be submitted', async () => {
    const v = await as('dept', t.http.post(`/api/projects/${draft.id}/validate`));
    expect(v.status).toBe(200);
    expect(v.body).toMatchObject({ valid: false, catalogRevision: 2 });
    expect(v.body.violations).toEqual([expect.objectContaining({ code: 'NOT_IN_CATALOG', line: 1, field: 'lines.0.planCode', article: '第二十八条' })]);
    expect(v.body.violations[0].message).toContain(RETIRED);
    const before = await snapshot(draft.id);
    const res = await act('dept', draft.id, 'submit', draft.etag);
    expectRefused(res, 422, 'RULE_VIOLATION');
    expect(res.body.violations.map((x: { code: string }) => x.code)).toEqual(['NOT_IN_CATALOG']);
    await expectUnchanged(draft.id, before);
  });

  it('a line asking for it is refused when it is added or changed, at its planCode, not only at submit', async () => {
    const before = await snapshot(draft.id);
    const added = await as('dept', t.http.post(`/api/projects/${draft.id}/lines`).set('If-Match', draft.etag).send({ planCode: RETIRED, quantity: 1, purpose: '应用服务器' }));
    expectRefused(added, 422, 'RULE_VIOLATION');
    expect(added.body.violations).toEqual([expect.objectContaining({ code: 'NOT_IN_CATALOG', line: 4, field: 'planCode', article: '第二十八条' })]);
    expect(added.body.violations[0].message).toContain('已在服务目录第2版中下架');
    const changed = await as('dept', t.http.put(`/api/projects/${draft.id}/lines/1`).set('If-Match', draft.etag).send({ planCode: RETIRED, quantity: 3, purpose: '应用服务器' }));
    expectRefused(changed, 422, 'RULE_VIOLATION');
    expect(changed.body.violations).toEqual([expect.objectContaining({ code: 'NOT_IN_CATALOG', line: 1, field: 'planCode' })]);
    await expectUnchanged(draft.id, before);
    // an active plan is taken
    const fixed = await as('dept', t.http.put(`/api/projects/${draft.id}/lines/1`).set('If-Match', draft.etag).send({ planCode: 'vm-general-2c4g', quantity: 2, purpose: '应用服务器' }));
    expect(fixed.status, fixed.text).toBe(200);
  });

  it('a project submitted against revision 1 stays valid against it, and catalog-changes lists the plan as retired', async () => {
    const v = await as('gia', t.http.post(`/api/projects/${pinned.id}/validate`));
    expect(v.body).toEqual({ valid: true, catalogRevision: 1, violations: [] });
    for (const who of ['dept', 'gia']) {
      const res = await as(who, t.http.get(`/api/projects/${pinned.id}/catalog-changes`));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ pinned: 1, current: 2, changed: [], removed: [] });
      expect(res.body.retired).toEqual([expect.objectContaining({ kind: 'plan', code: RETIRED, offeringCode: 'vm-general' })]);
    }
    expectRefused(await as('dept2', t.http.get(`/api/projects/${pinned.id}/catalog-changes`)), 404, 'NOT_FOUND');
  });
});
