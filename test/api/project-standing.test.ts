// Where a project stands, as its unit reads it in the project view: the stage, the step it waits for and who takes
// it, why it came back, the working days each open deadline leaves, and what is due once an event happens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { ALL_PASS, buildEstablished, buildValidDraft } from '../support/projects.js';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t?.stop());

const view = async (id: string, lang?: string) => {
  const req = t.http.get(`/api/projects/${id}`).set(await t.as('dept'));
  const res = await (lang ? req.set('Accept-Language', lang) : req);
  expect(res.status).toBe(200);
  return res.body;
};

describe('where a project stands', () => {
  it('a draft waits for its own unit to submit it; in review, for the GIA', async () => {
    const p = await buildValidDraft(t);
    expect((await view(p.id)).standing).toEqual({
      stage: 'DRAFT',
      next: { action: 'submit', label: '提交审核', party: 'APPLICANT', partyLabel: '申报单位' },
      returnReason: null,
      deadlines: [],
      upcoming: [],
    });
    const submitted = await t.http.post(`/api/projects/${p.id}/submit`).set(await t.as('dept')).set('If-Match', p.etag).send({});
    expect(submitted.body.standing).toMatchObject({ stage: 'GIA_REVIEW', next: { action: 'review', party: 'GIA', partyLabel: '市政务信息管理局' } });
    expect((await view(p.id, 'en')).standing.next.partyLabel).toBe('the city GIA');
  });

  it("a returned project shows the reviewer's reason and is back with its unit", async () => {
    const p = await buildValidDraft(t);
    const submitted = await t.http.post(`/api/projects/${p.id}/submit`).set(await t.as('dept')).set('If-Match', p.etag).send({});
    const reason = '请补充与现有学籍系统的数据共享方案';
    const returned = await t.http
      .post(`/api/projects/${p.id}/review`)
      .set(await t.as('gia'))
      .set('If-Match', submitted.headers.etag)
      .send({ decision: 'RETURN', dimensions: ALL_PASS, comment: reason });
    expect(returned.status).toBe(200);
    expect((await view(p.id)).standing).toMatchObject({ stage: 'DRAFT', returnReason: reason, next: { action: 'submit', party: 'APPLICANT' } });
  });

  it('an established project names the contract filing due once the contract is signed, then counts its working days', async () => {
    const p = await buildEstablished(t);
    const established = await view(p.id);
    expect(established.standing.stage).toBe('ESTABLISHED');
    expect(established.standing.next).toMatchObject({ action: 'acceptance', party: 'APPLICANT' });
    expect(established.standing.upcoming).toEqual([
      { ruleCode: 'CONTRACT_FILING', article: '第十三条', workingDays: 5, text: '签订正式合同后 5 个工作日内完成合同文本备案' },
    ]);
    // the only open deadline is the 2026 self-evaluation (Art. 21), due in 2027: past the published calendar, counted with the estimate
    expect(established.standing.deadlines).toEqual([{ id: expect.any(String), workingDaysLeft: expect.any(Number), overdue: false }]);

    // the contract is filed the day it is signed: its deadline is met, the acceptance report comes next
    const filed = await t.http
      .post(`/api/projects/${p.id}/filings`)
      .set(await t.as('dept'))
      .send({ kind: 'CONTRACT', signedDate: t.today(), contractNo: 'HT-2026-001', contractor: '运城某信息技术有限公司', amount: 700000 });
    expect(filed.status).toBe(200);
    const after = await view(p.id);
    expect(after.standing.upcoming.map((u: { ruleCode: string }) => u.ruleCode)).toEqual(['ACCEPTANCE_REPORT']);
    expect(after.standing.upcoming[0].text).toBe('完成项目竣工验收后 30 个工作日内完成竣工验收报告备案');
  });

  it('an open deadline reads its working days left, and overdue once past', async () => {
    const p = await buildEstablished(t);
    // a rectification notice issued today opens 10 working days for the report (Art. 24)
    const notice = await t.http.post(`/api/projects/${p.id}/rectification-notices`).set(await t.as('gia')).send({ issues: '资源使用率偏低，请整改' });
    expect(notice.status).toBe(200);
    // besides the year's self-evaluation (Art. 21), due in 2027
    const open = (await view(p.id)).standing.deadlines;
    expect(open).toHaveLength(2);
    expect(open).toContainEqual(expect.objectContaining({ workingDaysLeft: 10, overdue: false }));
    t.setToday('2099-12-31');
    try {
      const late = (await view(p.id)).standing.deadlines;
      expect(late.map((d: { overdue: boolean }) => d.overdue)).toEqual([true, true]);
    } finally {
      t.setToday(null);
    }
  });
});
