// A project's whole life: draft → validation → GIA review → budget review → public notice → established →
// filings with working-day deadlines → rectification → acceptance → acceptance report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalDate } from '../../core/calendar/working-days.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { ALL_PASS, VALID_LINES, VALID_RESOURCES, createDraft } from '../support/projects.js';

let t: TestPlatform;
let today: LocalDate = '2026-11-02';
beforeAll(async () => {
  t = await startTestPlatform({}, { today: () => today });
});
afterAll(() => t?.stop());

describe('a project from draft to acceptance', () => {
  let id: string;
  let etag: string;
  const post = async (who: string, action: string, body: object = {}) => {
    const res = await t.http.post(`/api/projects/${id}/${action}`).set(await t.as(who)).set('If-Match', etag).send(body);
    if (res.headers.etag) etag = res.headers.etag;
    return res;
  };

  it('creates a draft numbered for its organisation and year, pinned to the current catalog', async () => {
    const p = await createDraft(t);
    ({ id, etag } = p);
    expect(p.body).toMatchObject({ code: '2026-EDU-001', status: 'DRAFT', catalogRevision: 1, org: { code: 'EDU' } });
  });

  it('reports every problem of an empty draft at once, in Chinese, with articles', async () => {
    const res = await t.http.post(`/api/projects/${id}/validate`).set(await t.as('dept'));
    expect(res.status).toBe(200);
    expect(res.body.valid).toBe(false);
    const codes = res.body.violations.map((v: { code: string }) => v.code);
    expect(codes).toEqual(expect.arrayContaining(['MISSING_RESOURCE_CATALOG', 'NO_RESOURCE_LINES']));
    const missing = res.body.violations.find((v: { code: string }) => v.code === 'MISSING_RESOURCE_CATALOG');
    expect(missing.article).toBe('第二十七条');
    expect(missing.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('refuses to submit an invalid project with 422 RULE_VIOLATION and changes nothing', async () => {
    const res = await post('dept', 'submit');
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('RULE_VIOLATION');
    expect(res.body.violations.length).toBeGreaterThan(0);
    const after = await t.http.get(`/api/projects/${id}`).set(await t.as('dept'));
    expect(after.body.status).toBe('DRAFT');
    expect(after.headers.etag).toBe(etag);
  });

  it('flags a line for a plan that is not in the catalog, with its line number', async () => {
    let res = await post('dept', 'lines', { planCode: 'vm-gpu-a100', quantity: 2, purpose: 'AI训练' });
    expect(res.status).toBe(200);
    res = await t.http.post(`/api/projects/${id}/validate`).set(await t.as('dept'));
    const v = res.body.violations.find((x: { code: string }) => x.code === 'NOT_IN_CATALOG');
    expect(v).toMatchObject({ line: 1, article: '第二十八条' });
    res = await t.http.delete(`/api/projects/${id}/lines/1`).set(await t.as('dept')).set('If-Match', etag);
    expect(res.status).toBe(200);
    etag = res.headers.etag;
  });

  it('becomes valid with catalog lines and an information resource catalog', async () => {
    for (const line of VALID_LINES) expect((await post('dept', 'lines', line)).status).toBe(200);
    const res = await t.http.put(`/api/projects/${id}/information-resources`).set(await t.as('dept')).set('If-Match', etag).send({ items: VALID_RESOURCES });
    expect(res.status).toBe(200);
    etag = res.headers.etag;
    const v = await t.http.post(`/api/projects/${id}/validate`).set(await t.as('dept'));
    expect(v.body).toEqual({ valid: true, catalogRevision: 1, violations: [] });
  });

  it('is submitted into the GIA queue', async () => {
    const res = await post('dept', 'submit');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('GIA_REVIEW');
    const queue = await t.http.get('/api/projects/queue').query({ stage: 'GIA_REVIEW' }).set(await t.as('gia'));
    expect(queue.body.items.map((p: { id: string }) => p.id)).toContain(id);
    expect(queue.body.items[0]).toMatchObject({ orgName: '运城市教育局', waitingWorkingDays: expect.any(Number) });
    // under review the department can no longer edit it
    expect((await t.http.patch(`/api/projects/${id}`).set(await t.as('dept')).set('If-Match', etag).send({ name: 'x' })).status).toBe(409);
  });

  it('is reviewed by GIA on the five dimensions, then budget-reviewed by Finance', async () => {
    let res = await post('gia', 'review', { decision: 'APPROVE', dimensions: ALL_PASS, comment: '同意' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('BUDGET_REVIEW');
    res = await post('finance', 'budget-review', { decision: 'APPROVE', approvedAmount: 750000, comment: '核减' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'BUDGET_APPROVED', approvedBudget: 750000 });
    expect(res.body.reviews.map((r: { stage: string }) => r.stage)).toEqual(['GIA_REVIEW', 'BUDGET_REVIEW']);
  });

  it('goes on public notice, readable by anyone, and takes objections', async () => {
    const res = await post('gia', 'notice', { startDate: '2026-11-02', endDate: '2026-11-06' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('PUBLIC_NOTICE');
    const notices = await t.http.get('/api/notices');
    const n = notices.body.items.find((x: { project: { name: string } }) => x.project.name === '智慧教育学籍管理系统升级');
    expect(n).toMatchObject({ amount: 750000, endDate: '2026-11-06', project: { orgName: '运城市教育局' } });
    const obj = await t.http.post(`/api/notices/${n.id}/objections`).send({ submitter: '市民王某', content: '请说明数据库选型理由' });
    expect(obj.status).toBe(201);
    // an objection changes what the project shows, so its version moves on
    const reread = await t.http.get(`/api/projects/${id}`).set(await t.as('gia'));
    expect(reread.headers.etag).not.toBe(etag);
    etag = reread.headers.etag;

    today = '2026-11-09';
    let est = await post('gia', 'establish');
    expect(est.status).toBe(409);
    expect(est.body.code).toBe('OBJECTIONS_OPEN');
    const resolved = await t.http.post(`/api/notices/${n.id}/objections/${obj.body.id}/resolve`).set(await t.as('gia')).send({ resolution: '已电话答复' });
    expect(resolved.status).toBe(200);
    etag = (await t.http.get(`/api/projects/${id}`).set(await t.as('gia'))).headers.etag;

    today = '2026-11-06';
    est = await post('gia', 'establish');
    expect(est.status).toBe(409);
    expect(est.body.code).toBe('NOTICE_NOT_ENDED');
    expect(est.body.message).toContain('2026-11-06');
  });

  it('is established with an approval number; its lines become its entitlement', async () => {
    today = '2026-11-09';
    const res = await post('gia', 'establish');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ESTABLISHED');
    expect(res.body.approvalNumber).toBe('运审信〔2026〕001号');
    expect(res.body.entitlements).toEqual(VALID_LINES.map((l) => ({ planCode: l.planCode, quantity: l.quantity, catalogRevision: 1 })).sort((a, b) => a.planCode.localeCompare(b.planCode)));
    expect((await t.http.get('/api/notices')).body.items).toHaveLength(0);
  });

  it('files the contract; its deadline counts working days across National Day (Art. 13)', async () => {
    const res = await t.http
      .post(`/api/projects/${id}/filings`)
      .set(await t.as('dept'))
      .send({ kind: 'CONTRACT', signedDate: '2026-09-29', contractNo: 'YC-2026-088', contractor: '山西某信息技术有限公司', amount: 700000 });
    expect(res.status).toBe(200);
    etag = res.headers.etag;
    const d = res.body.deadlines.find((x: { ruleCode: string }) => x.ruleCode === 'CONTRACT_FILING');
    // 09-30, (10-01…10-07 holiday), 10-08, 10-09, 10-10 (make-up Saturday), 10-12 → the 5th working day
    expect(d).toMatchObject({ startDate: '2026-09-29', dueDate: '2026-10-12', article: '第十三条', provisional: false });
    expect(d.metAt).not.toBeNull();
    const audit = await t.http.get('/api/audit/events').query({ action: 'project.filing.contract' }).set(await t.as('auditor'));
    expect(audit.body.items[0].detail).toMatchObject({ late: true, dueDate: '2026-10-12' });
  });

  it('shows a rectification notice as due, then overdue, in working days (Art. 24)', async () => {
    today = '2026-11-10';
    let res = await t.http.post(`/api/projects/${id}/rectification-notices`).set(await t.as('gia')).send({ issues: '共享数据提供不及时', issuedDate: '2026-11-10' });
    expect(res.status).toBe(200);
    etag = res.headers.etag;
    const d = res.body.deadlines.find((x: { ruleCode: string }) => x.ruleCode === 'RECTIFICATION_REPORT');
    expect(d.dueDate).toBe('2026-11-24');
    // the notice names the deadline it opened
    expect(res.body.filings.find((f: { kind: string }) => f.kind === 'RECTIFICATION_NOTICE').data).toEqual({ issues: '共享数据提供不及时', issuedDate: '2026-11-10', deadlineId: d.id });

    let list = await t.http.get('/api/deadlines').set(await t.as('dept'));
    expect(list.body.items.find((x: { id: string }) => x.id === d.id)).toMatchObject({ workingDaysLeft: 10, overdue: false });
    expect((await t.http.get('/api/deadlines').set(await t.as('dept2'))).body.items).toEqual([]);

    today = '2026-11-25';
    list = await t.http.get('/api/deadlines').query({ status: 'overdue' }).set(await t.as('gia'));
    expect(list.body.items.find((x: { id: string }) => x.id === d.id)).toMatchObject({ workingDaysLeft: -1, overdue: true });

    res = await t.http.post(`/api/projects/${id}/filings`).set(await t.as('dept')).send({ kind: 'RECTIFICATION_REPORT', deadlineId: d.id, summary: '已按要求整改' });
    expect(res.status).toBe(200);
    etag = res.headers.etag;
    list = await t.http.get('/api/deadlines').set(await t.as('dept'));
    expect(list.body.items.find((x: { id: string }) => x.id === d.id)).toBeUndefined();
  });

  it('refuses acceptance without the Art. 17 and Art. 19 conditions, listing each', async () => {
    const res = await post('dept', 'acceptance', {
      acceptanceDate: '2026-09-15',
      evidence: { dataSharingConnected: true, informationResourcesProvided: false, onGovernmentCloud: false, secureControllableChecked: true },
      summary: '竣工验收',
    });
    expect(res.status).toBe(422);
    expect(res.body.violations.map((v: { code: string }) => v.code)).toEqual(['ACCEPTANCE_NO_RESOURCES', 'ACCEPTANCE_NOT_ON_CLOUD']);
  });

  it('is accepted; the acceptance report is due 30 working days later (Art. 20)', async () => {
    const res = await post('dept', 'acceptance', {
      acceptanceDate: '2026-09-15',
      evidence: { dataSharingConnected: true, informationResourcesProvided: true, onGovernmentCloud: true, secureControllableChecked: true },
      summary: '竣工验收通过',
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ACCEPTED');
    const d = res.body.deadlines.find((x: { ruleCode: string }) => x.ruleCode === 'ACCEPTANCE_REPORT');
    expect(d).toMatchObject({ dueDate: '2026-11-02', article: '第二十条', metAt: null });
    const filed = await t.http.post(`/api/projects/${id}/filings`).set(await t.as('dept')).send({ kind: 'ACCEPTANCE_REPORT', summary: '验收报告' });
    expect(filed.body.deadlines.find((x: { ruleCode: string }) => x.ruleCode === 'ACCEPTANCE_REPORT').metAt).not.toBeNull();
  });

  it('leaves an audit record for every transition', async () => {
    const res = await t.http.get('/api/audit/events').query({ action: 'project.', targetId: id, limit: 200 }).set(await t.as('auditor'));
    const actions = res.body.items.map((e: { action: string }) => e.action);
    for (const a of ['project.create', 'project.submit', 'project.review', 'project.budget-review', 'project.notice', 'project.establish', 'project.acceptance', 'project.rectification']) {
      expect(actions).toContain(a);
    }
  });
});
