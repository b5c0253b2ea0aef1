// A project's whole life: draft → validation → GIA review → budget review → public notice → established →
// filings with working-day deadlines → rectification → acceptance → acceptance report. Each test brings its own
// project to the state it starts from through the API (test/support/project-factories.ts).
import { beforeEach, describe, expect, it } from 'vitest';
import { ALL_PASS, VALID_LINES, VALID_RESOURCES } from '../support/projects.js';
import { emptyDraft, onNotice, projectIn, reread, step, type Built } from '../support/project-factories.js';
import { apiOf, useScene } from '../support/scene.js';
import { startTestPlatform } from '../support/platform.js';

const scene = useScene();
// the file's calendar: a Monday in November 2026 (each test moves on from it as it needs)
beforeEach(() => scene.setToday('2026-11-02'));

const violationCodes = (body: { violations: { code: string }[] }) => body.violations.map((v) => v.code);

describe('a project from draft to acceptance', () => {
  it('creates a draft numbered for its organisation and year, pinned to the current catalog', async () => {
    // a budget year no other test of this file uses, so the number is the year's first
    const p = await emptyDraft(scene, { overrides: { budgetYear: 2030 } });
    expect(p.body).toMatchObject({ code: '2030-EDU-001', status: 'DRAFT', catalogRevision: 1, org: { code: 'EDU' } });
    const next = await emptyDraft(scene, { overrides: { budgetYear: 2030 } });
    expect(next.body.code).toBe('2030-EDU-002');
  });

  it('reports every problem of an empty draft at once, in Chinese, with articles', async () => {
    const p = await emptyDraft(scene);
    const res = await scene.as('dept').post(`/api/projects/${p.id}/validate`, undefined);
    expect(res.status).toBe(200);
    expect(res.body.valid).toBe(false);
    expect(violationCodes(res.body)).toEqual(expect.arrayContaining(['MISSING_RESOURCE_CATALOG', 'NO_RESOURCE_LINES']));
    const missing = res.body.violations.find((v: { code: string }) => v.code === 'MISSING_RESOURCE_CATALOG');
    expect(missing.article).toBe('第二十七条');
    expect(missing.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('refuses to submit an invalid project with 422 RULE_VIOLATION and changes nothing', async () => {
    const p = await emptyDraft(scene);
    const res = await scene.as('dept').post(`/api/projects/${p.id}/submit`, {}, p.etag);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('RULE_VIOLATION');
    expect(res.body.violations.length).toBeGreaterThan(0);
    const after = await scene.as('dept').get(`/api/projects/${p.id}`);
    expect(after.body.status).toBe('DRAFT');
    expect(after.etag).toBe(p.etag);
  });

  it('flags a line for a plan that is not in the catalog, with its line number', async () => {
    const p = await emptyDraft(scene);
    let res = await scene.as('dept').post(`/api/projects/${p.id}/lines`, { planCode: 'vm-gpu-a100', quantity: 2, purpose: 'AI训练' }, p.etag);
    expect(res.status).toBe(200);
    const etag = res.etag;
    res = await scene.as('dept').post(`/api/projects/${p.id}/validate`, undefined);
    const v = res.body.violations.find((x: { code: string }) => x.code === 'NOT_IN_CATALOG');
    expect(v).toMatchObject({ line: 1, article: '第二十八条' });
    res = await scene.as('dept').delete(`/api/projects/${p.id}/lines/1`, etag);
    expect(res.status).toBe(200);
    res = await scene.as('dept').post(`/api/projects/${p.id}/validate`, undefined);
    expect(violationCodes(res.body)).not.toContain('NOT_IN_CATALOG');
  });

  it('becomes valid with catalog lines and an information resource catalog', async () => {
    let p: Built = await emptyDraft(scene);
    for (const line of VALID_LINES) {
      const res = await scene.as('dept').post(`/api/projects/${p.id}/lines`, line, p.etag);
      expect(res.status).toBe(200);
      p = { ...p, etag: res.etag! };
    }
    const res = await scene.as('dept').put(`/api/projects/${p.id}/information-resources`, { items: VALID_RESOURCES }, p.etag);
    expect(res.status).toBe(200);
    const v = await scene.as('dept').post(`/api/projects/${p.id}/validate`, undefined);
    expect(v.body).toEqual({ valid: true, catalogRevision: 1, violations: [] });
  });

  it('is submitted into the GIA queue', async () => {
    const p = await projectIn(scene, 'DRAFT');
    const res = await scene.as('dept').post(`/api/projects/${p.id}/submit`, {}, p.etag);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('GIA_REVIEW');
    const queue = await scene.as('gia').get('/api/projects/queue', { stage: 'GIA_REVIEW' });
    expect(queue.body.items.map((q: { id: string }) => q.id)).toContain(p.id);
    expect(queue.body.items.find((q: { id: string }) => q.id === p.id)).toMatchObject({ orgName: '运城市教育局', waitingWorkingDays: expect.any(Number) });
    // under review the department can no longer edit it
    expect((await scene.as('dept').patch(`/api/projects/${p.id}`, { name: 'x' }, res.etag)).status).toBe(409);
  });

  it('is reviewed by GIA on the five dimensions, then budget-reviewed by Finance', async () => {
    const p = await projectIn(scene, 'GIA_REVIEW');
    let res = await scene.as('gia').post(`/api/projects/${p.id}/review`, { decision: 'APPROVE', dimensions: ALL_PASS, comment: '同意' }, p.etag);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('BUDGET_REVIEW');
    res = await scene.as('finance').post(`/api/projects/${p.id}/budget-review`, { decision: 'APPROVE', approvedAmount: 750000, comment: '核减' }, res.etag);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'BUDGET_APPROVED', approvedBudget: 750000 });
    expect(res.body.reviews.map((r: { stage: string }) => r.stage)).toEqual(['GIA_REVIEW', 'BUDGET_REVIEW']);
    // each review names who made it and for which organisation (the printed opinions carry them)
    expect(res.body.reviews.map((r: { reviewer: object }) => r.reviewer)).toEqual([
      { name: '王审批（政务信息管理局）', orgName: '运城市审批服务管理局（市政务信息管理局）' },
      { name: '李财政（财政局）', orgName: '运城市财政局' },
    ]);
  });

  it('goes on public notice, readable by anyone, and takes objections', async () => {
    const p = await projectIn(scene, 'BUDGET_APPROVED');
    const res = await scene.as('gia').post(`/api/projects/${p.id}/notice`, { startDate: '2026-11-02', endDate: '2026-11-06' }, p.etag);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('PUBLIC_NOTICE');
    let etag = res.etag!;
    const notices = await scene.call('GET', '/api/notices');
    const n = notices.body.items.find((x: { project: { code: string } }) => x.project.code === p.body.code);
    expect(n).toMatchObject({ amount: 750000, endDate: '2026-11-06', project: { name: '智慧教育学籍管理系统升级', orgName: '运城市教育局' } });
    const obj = await scene.call('POST', `/api/notices/${n.id}/objections`, { body: { submitter: '市民王某', content: '请说明数据库选型理由' } });
    expect(obj.status).toBe(201);
    // an objection changes what the project shows, so its version moves on
    const reread1 = await scene.as('gia').get(`/api/projects/${p.id}`);
    expect(reread1.etag).not.toBe(etag);
    etag = reread1.etag!;

    scene.setToday('2026-11-09');
    let est = await scene.as('gia').post(`/api/projects/${p.id}/establish`, {}, etag);
    expect(est.status).toBe(409);
    expect(est.body.code).toBe('OBJECTIONS_OPEN');
    const resolved = await scene.as('gia').post(`/api/notices/${n.id}/objections/${obj.body.id}/resolve`, { resolution: '已电话答复' });
    expect(resolved.status).toBe(200);
    etag = (await scene.as('gia').get(`/api/projects/${p.id}`)).etag!;

    scene.setToday('2026-11-06');
    est = await scene.as('gia').post(`/api/projects/${p.id}/establish`, {}, etag);
    expect(est.status).toBe(409);
    expect(est.body.code).toBe('NOTICE_NOT_ENDED');
    expect(est.body.message).toContain('2026-11-06');
  });

  it('is established with an approval number; its lines become its entitlement', async () => {
    const p = await onNotice(scene, await projectIn(scene, 'BUDGET_APPROVED'), '2026-11-02', 4);
    scene.setToday('2026-11-09');
    const res = await scene.as('gia').post(`/api/projects/${p.id}/establish`, {}, p.etag);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ESTABLISHED');
    expect(res.body.approvalNumber).toMatch(/^运审信〔2026〕\d{3}号$/);
    expect(res.body.entitlements).toEqual(VALID_LINES.map((l) => ({ planCode: l.planCode, quantity: l.quantity, catalogRevision: 1 })).sort((a, b) => a.planCode.localeCompare(b.planCode)));
    const open = (await scene.call('GET', '/api/notices')).body.items;
    expect(open.filter((x: { project: { code: string } }) => x.project.code === p.body.code)).toEqual([]);
  });

  it('numbers approvals from 001 on a new platform, one after another, and closes their notices', async () => {
    // its own platform: approval numbers count every establishment the platform ever made
    const fresh = await startTestPlatform();
    try {
      const api = apiOf(fresh);
      api.setToday('2026-11-02');
      const numbers: string[] = [];
      for (let i = 0; i < 2; i++) {
        const p = await onNotice(api, await projectIn(api, 'BUDGET_APPROVED'), '2026-11-02', 4);
        api.setToday('2026-11-09');
        const res = await api.call('POST', `/api/projects/${p.id}/establish`, { as: 'gia', body: {}, ifMatch: p.etag });
        expect(res.status).toBe(200);
        numbers.push(res.body.approvalNumber);
        api.setToday('2026-11-02');
      }
      expect(numbers).toEqual(['运审信〔2026〕001号', '运审信〔2026〕002号']);
      expect((await api.call('GET', '/api/notices')).body.items).toHaveLength(0);
    } finally {
      await fresh.stop();
    }
  }, 60_000);

  it('files the contract; its deadline counts working days across National Day (Art. 13)', async () => {
    // established before the contract was signed, filed late on 2026-11-02
    scene.setToday('2026-09-28');
    const p = await projectIn(scene, 'ESTABLISHED');
    scene.setToday('2026-11-02');
    const res = await scene
      .as('dept')
      .post(`/api/projects/${p.id}/filings`, { kind: 'CONTRACT', signedDate: '2026-09-29', contractNo: 'YC-2026-088', contractor: '山西某信息技术有限公司', amount: 700000 });
    expect(res.status).toBe(200);
    const d = res.body.deadlines.find((x: { ruleCode: string }) => x.ruleCode === 'CONTRACT_FILING');
    // 09-30, (10-01…10-07 holiday), 10-08, 10-09, 10-10 (make-up Saturday), 10-12 → the 5th working day
    expect(d).toMatchObject({ startDate: '2026-09-29', dueDate: '2026-10-12', article: '第十三条', provisional: false });
    expect(d.metAt).not.toBeNull();
    const audit = await scene.as('auditor').get('/api/audit/events', { action: 'project.filing.contract', targetId: p.id });
    expect(audit.body.items[0].detail).toMatchObject({ late: true, dueDate: '2026-10-12' });
  });

  it('shows a rectification notice as due, then overdue, in working days (Art. 24)', async () => {
    const p = await projectIn(scene, 'ESTABLISHED');
    scene.setToday('2026-11-10');
    let res = await scene.as('gia').post(`/api/projects/${p.id}/rectification-notices`, { issues: '共享数据提供不及时', issuedDate: '2026-11-10' });
    expect(res.status).toBe(200);
    const d = res.body.deadlines.find((x: { ruleCode: string }) => x.ruleCode === 'RECTIFICATION_REPORT');
    expect(d.dueDate).toBe('2026-11-24');
    // the notice names the deadline it opened
    expect(res.body.filings.find((f: { kind: string }) => f.kind === 'RECTIFICATION_NOTICE').data).toEqual({ issues: '共享数据提供不及时', issuedDate: '2026-11-10', deadlineId: d.id });

    let list = await scene.as('dept').get('/api/deadlines');
    expect(list.body.items.find((x: { id: string }) => x.id === d.id)).toMatchObject({ workingDaysLeft: 10, overdue: false });
    expect((await scene.as('dept2').get('/api/deadlines')).body.items).toEqual([]);

    scene.setToday('2026-11-25');
    list = await scene.as('gia').get('/api/deadlines', { status: 'overdue' });
    expect(list.body.items.find((x: { id: string }) => x.id === d.id)).toMatchObject({ workingDaysLeft: -1, overdue: true });

    res = await scene.as('dept').post(`/api/projects/${p.id}/filings`, { kind: 'RECTIFICATION_REPORT', deadlineId: d.id, summary: '已按要求整改' });
    expect(res.status).toBe(200);
    list = await scene.as('dept').get('/api/deadlines');
    expect(list.body.items.find((x: { id: string }) => x.id === d.id)).toBeUndefined();
  });

  it('refuses acceptance without the Art. 17 and Art. 19 conditions, listing each', async () => {
    const p = await projectIn(scene, 'ESTABLISHED');
    const res = await scene.as('dept').post(
      `/api/projects/${p.id}/acceptance`,
      {
        acceptanceDate: '2026-09-15',
        evidence: { dataSharingConnected: true, informationResourcesProvided: false, onGovernmentCloud: false, secureControllableChecked: true },
        summary: '竣工验收',
      },
      p.etag,
    );
    expect(res.status).toBe(422);
    expect(violationCodes(res.body)).toEqual(['ACCEPTANCE_NO_RESOURCES', 'ACCEPTANCE_NOT_ON_CLOUD']);
    expect((await reread(scene, p)).body.status).toBe('ESTABLISHED');
  });

  it('is accepted; the acceptance report is due 30 working days later (Art. 20)', async () => {
    // established before the acceptance of 2026-09-15, which is filed on 2026-11-02
    scene.setToday('2026-09-14');
    const p = await projectIn(scene, 'ESTABLISHED');
    scene.setToday('2026-11-02');
    const res = await scene.as('dept').post(
      `/api/projects/${p.id}/acceptance`,
      {
        acceptanceDate: '2026-09-15',
        evidence: { dataSharingConnected: true, informationResourcesProvided: true, onGovernmentCloud: true, secureControllableChecked: true },
        summary: '竣工验收通过',
      },
      p.etag,
    );
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ACCEPTED');
    const d = res.body.deadlines.find((x: { ruleCode: string }) => x.ruleCode === 'ACCEPTANCE_REPORT');
    expect(d).toMatchObject({ dueDate: '2026-11-02', article: '第二十条', metAt: null });
    const filed = await scene.as('dept').post(`/api/projects/${p.id}/filings`, { kind: 'ACCEPTANCE_REPORT', summary: '验收报告' });
    expect(filed.body.deadlines.find((x: { ruleCode: string }) => x.ruleCode === 'ACCEPTANCE_REPORT').metAt).not.toBeNull();
  });

  it('leaves an audit record for every transition', async () => {
    const accepted = await projectIn(scene, 'ACCEPTED');
    const p = await step(scene, accepted, 'gia', 'rectification-notices', { issues: '共享数据提供不及时', issuedDate: '2026-11-02' });
    const res = await scene.as('auditor').get('/api/audit/events', { action: 'project.', targetId: p.id, limit: 200 });
    const actions = res.body.items.map((e: { action: string }) => e.action);
    for (const a of ['project.create', 'project.submit', 'project.review', 'project.budget-review', 'project.notice', 'project.establish', 'project.acceptance', 'project.rectification']) {
      expect(actions).toContain(a);
    }
  });
});
