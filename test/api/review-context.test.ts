// The context a reviewer judges a project in: the department's other projects (GET /api/projects/:id/org-history)
// and the saved draft of their own decision (GET/PUT/DELETE /api/projects/:id/{review,budget-review}/draft).
// Each test arranges its own projects; the history test uses the county's organisation alone, so its counts are
// exact whatever else runs in this file.
import { describe, expect, it } from 'vitest';
import { projectIn, step } from '../support/project-factories.js';
import { ALL_PASS, BASICS } from '../support/projects.js';
import { DEMO_PASSWORD } from '../support/platform.js';
import { uniqueTag, useScene } from '../support/scene.js';

const scene = useScene();
const named = (what: string) => ({ overrides: { name: `${BASICS.name}·${what}·${uniqueTag()}` } });
const orgIdOf = async (user: string) => (await scene.as(user).get('/api/auth/me')).body.user.orgId as string;

describe("the department's previous projects", () => {
  it("lists the organisation's other submitted projects newest first, with how each fared and the counts", async () => {
    const opts = (what: string) => ({ user: 'county', ...named(what) });
    const established = await projectIn(scene, 'ESTABLISHED', opts('已立项'));
    const returned = await projectIn(scene, 'FINANCE_RETURNED', opts('财政退回'));
    const rejected = await projectIn(scene, 'REJECTED', opts('不予批准'));
    const draft = await projectIn(scene, 'DRAFT', opts('草稿'));
    const judged = await projectIn(scene, 'GIA_REVIEW', opts('待审'));

    const res = await scene.as('county-gia').get(`/api/projects/${judged.id}/org-history`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.org).toMatchObject({ id: await orgIdOf('county'), name: '盐湖区' });
    // the project judged and the unsubmitted draft are not part of the record
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([rejected.id, returned.id, established.id]);
    expect(res.body.items.map((i: { id: string }) => i.id)).not.toContain(draft.id);
    expect(res.body.counts).toEqual({ total: 3, established: 1, returned: 1, rejected: 1 });
    expect(res.body.items[1]).toMatchObject({
      code: returned.body.code,
      name: returned.body.name,
      budgetYear: 2026,
      status: 'RETURNED',
      totalBudget: 800000,
      approvedBudget: null,
      returns: 1,
      readable: true,
    });
    expect(res.body.items[2]).toMatchObject({ status: 'ESTABLISHED', approvedBudget: 750000, returns: 0 });

    // Finance sees the same record; the projects GIA rejected or that Finance never decided it may not open
    const finance = await scene.as('county-finance').get(`/api/projects/${(await projectIn(scene, 'BUDGET_REVIEW', opts('待财政评审'))).id}/org-history`);
    expect(finance.status, finance.text).toBe(200);
    const readable = Object.fromEntries(finance.body.items.map((i: { id: string; readable: boolean }) => [i.id, i.readable]));
    expect(readable).toMatchObject({ [established.id]: true, [returned.id]: true, [rejected.id]: false, [judged.id]: false });
    expect(finance.body.counts).toEqual({ total: 4, established: 1, returned: 1, rejected: 1 });
  });

  it("a department may read its own organisation's record, never another's through a project it co-builds", async () => {
    const coBuilt = await projectIn(scene, 'GIA_REVIEW', { user: 'dept2', overrides: { ...named('共建').overrides, coBuildingOrgIds: [await orgIdOf('dept')] } });
    // dept reads the co-built project itself …
    expect((await scene.as('dept').get(`/api/projects/${coBuilt.id}`)).status).toBe(200);
    // … but not the other organisation's projects through it
    const refused = await scene.as('dept').get(`/api/projects/${coBuilt.id}/org-history`);
    expect(refused.status, refused.text).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    // its own organisation: yes; a project it may not read at all: 404, as the project itself
    expect((await scene.as('dept2').get(`/api/projects/${coBuilt.id}/org-history`)).status).toBe(200);
    expect((await scene.as('county').get(`/api/projects/${coBuilt.id}/org-history`)).status).toBe(404);
    expect((await scene.as('bdc').get(`/api/projects/${coBuilt.id}/org-history`)).status).toBe(404);
  });
});

describe("a reviewer's draft of the decision", () => {
  const draft = {
    dimensions: { need: { opinion: 'PASS', comment: '建设必要性充分' }, budget: { comment: '预算测算依据' } },
    comment: '总体意见未完',
  };

  it('is saved, read back (also in another session), replaced, and gone once the review is decided', async () => {
    const p = await projectIn(scene, 'GIA_REVIEW', named('草稿保存'));
    const path = `/api/projects/${p.id}/review/draft`;
    expect((await scene.as('gia').get(path)).body).toEqual({ content: null, savedAt: null });

    const saved = await scene.as('gia').put(path, draft);
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body.content).toEqual(draft);
    expect(Date.parse(saved.body.savedAt)).toBeGreaterThan(Date.now() - 60_000);

    // another browser: a new session of the same reviewer finds it
    const login = await scene.t.http.post('/api/auth/login').send({ username: 'gia', password: DEMO_PASSWORD });
    expect(login.status, login.text).toBe(200);
    const elsewhere = await scene.t.http.get(path).set('Authorization', `Bearer ${login.body.token}`);
    expect(elsewhere.body.content).toEqual(draft);

    const replaced = await scene.as('gia').put(path, { comment: '改写后的意见' });
    expect((await scene.as('gia').get(path)).body).toEqual({ content: { comment: '改写后的意见' }, savedAt: replaced.body.savedAt });

    // saving changes nothing on the project: its version (ETag) stays
    expect((await scene.as('gia').get(`/api/projects/${p.id}`)).etag).toBe(p.etag);

    await step(scene, p, 'gia', 'review', { decision: 'APPROVE', dimensions: ALL_PASS, comment: '同意' });
    // the stage is decided: nothing left to draft, and nothing kept
    const after = await scene.as('gia').get(path);
    expect(after.status).toBe(409);
    expect(after.body.code).toBe('INVALID_TRANSITION');
    expect((await scene.as('gia').put(path, draft)).status).toBe(409);
  });

  it("Finance's budget review draft: the approved amount and the comment, cleared by the decision", async () => {
    const p = await projectIn(scene, 'BUDGET_REVIEW', named('预算草稿'));
    const path = `/api/projects/${p.id}/budget-review/draft`;
    const saved = await scene.as('finance').put(path, { approvedAmount: 720000.5, comment: '核减部分' });
    expect(saved.status, saved.text).toBe(200);
    expect((await scene.as('finance').get(path)).body.content).toEqual({ approvedAmount: 720000.5, comment: '核减部分' });
    // GIA's review draft is another stage: Finance never decides it
    expect((await scene.as('finance').get(`/api/projects/${p.id}/review/draft`)).status).toBe(403);

    const decided = await step(scene, p, 'finance', 'budget-review', { decision: 'RETURN', comment: '预算偏高' });
    expect(decided.body.status).toBe('RETURNED');
    // submitted again, the project is back in GIA review: no draft of an earlier round comes back
    const again = await step(scene, decided, 'dept', 'submit');
    const approved = await step(scene, again, 'gia', 'review', { decision: 'APPROVE', dimensions: ALL_PASS, comment: '同意' });
    expect(approved.body.status).toBe('BUDGET_REVIEW');
    expect((await scene.as('finance').get(path)).body).toEqual({ content: null, savedAt: null });
  });

  it('is discarded on request', async () => {
    const p = await projectIn(scene, 'GIA_REVIEW', named('草稿丢弃'));
    const path = `/api/projects/${p.id}/review/draft`;
    expect((await scene.as('gia').put(path, draft)).status).toBe(200);
    const discarded = await scene.as('gia').delete(path);
    expect(discarded.status).toBe(204);
    expect((await scene.as('gia').get(path)).body.content).toBeNull();
  });

  it('is refused to whoever may not decide the stage: 404 when the project is hidden, 403 when it is not theirs', async () => {
    const p = await projectIn(scene, 'GIA_REVIEW', named('草稿权限'));
    const path = `/api/projects/${p.id}/review/draft`;
    expect((await scene.as('gia').put(path, draft)).status).toBe(200);
    for (const [who, status] of [['dept', 403], ['auditor', 403], ['finance', 404], ['county', 404], ['bdc', 404], ['county-gia', 403], ['county-finance', 403]] as const) {
      const read = await scene.as(who).get(path);
      const write = await scene.as(who).put(path, draft);
      const remove = await scene.as(who).delete(path);
      expect([who, read.status, write.status, remove.status]).toEqual([who, status, status, status]);
    }
    const anonymous = await scene.call('GET', path);
    expect(anonymous.status).toBe(401);
    // the reviewer's draft is untouched by all that
    expect((await scene.as('gia').get(path)).body.content).toEqual(draft);
  });

  it('refuses content that is not a draft of the form: 400 naming the field', async () => {
    const p = await projectIn(scene, 'GIA_REVIEW', named('草稿校验'));
    const path = `/api/projects/${p.id}/review/draft`;
    const cases: [unknown, string, string][] = [
      [{ dimensions: { need: { comment: 'x'.repeat(2001) } } }, 'dimensions.need.comment', 'field.too_big'],
      [{ comment: '意'.repeat(5001) }, 'comment', 'field.too_big'],
      [{ dimensions: { need: { opinion: 'MAYBE' } } }, 'dimensions.need.opinion', 'field.invalid_value'],
      [{ dimensions: { relevance: { comment: '无此维度' } } }, 'dimensions.relevance', 'field.unknown'],
      [{ comment: '意见', approvedAmount: 1 }, 'approvedAmount', 'field.unknown'],
    ];
    for (const [body, field, code] of cases) {
      const res = await scene.as('gia').put(path, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.fields).toEqual(expect.arrayContaining([expect.objectContaining({ path: field, code })]));
    }
    expect((await scene.as('gia').get(path)).body.content).toBeNull();
  });
});
