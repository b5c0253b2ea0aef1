// The reviewers' queues: oldest submission first, paged, with the total, for GIA and Finance.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { ALL_PASS, buildValidDraft } from '../support/projects.js';

let t: TestPlatform;
const submitted: string[] = [];
beforeAll(async () => {
  t = await startTestPlatform();
  for (const user of ['dept', 'county', 'dept2']) {
    const p = await buildValidDraft(t, user, { name: `${user} 的项目` });
    const res = await t.http.post(`/api/projects/${p.id}/submit`).set(await t.as(user)).set('If-Match', p.etag).send({});
    expect(res.status).toBe(200);
    submitted.push(p.id);
  }
  await buildValidDraft(t, 'dept', { name: '仍是草稿' });
});
afterAll(() => t?.stop());

describe('GET /api/projects/queue', () => {
  it('lists what waits for GIA review, oldest first, with organisation names and the total', async () => {
    const res = await t.http.get('/api/projects/queue').query({ stage: 'GIA_REVIEW' }).set(await t.as('gia'));
    expect(res.status).toBe(200);
    // the county's project waits for its own bureau (Art. 39), not for the city's
    expect(res.body.total).toBe(2);
    expect(res.body.items.map((p: { id: string }) => p.id)).toEqual([submitted[0], submitted[2]]);
    expect(res.body.items.map((p: { orgName: string }) => p.orgName)).toEqual(['运城市教育局', '运城市卫生健康委员会']);
    expect(res.body.items[0]).toMatchObject({ status: 'GIA_REVIEW', totalBudget: 800000, approvedBudget: null, type: 'UPGRADE', budgetYear: 2026, jurisdiction: 'CITY' });
    expect(typeof res.body.items[0].submittedAt).toBe('string');
  });

  it("puts a county's project in its county bureau's queue alone", async () => {
    const res = await t.http.get('/api/projects/queue').query({ stage: 'GIA_REVIEW' }).set(await t.as('county-gia'));
    expect(res.body).toMatchObject({ total: 1, items: [{ id: submitted[1], orgName: '盐湖区', jurisdiction: 'YANHU' }] });
    const summary = await t.http.get('/api/projects/queues').set(await t.as('county-gia'));
    expect(summary.body.items.find((q: { stage: string }) => q.stage === 'GIA_REVIEW')).toEqual({ stage: 'GIA_REVIEW', waiting: 1 });
  });

  it('pages, and keeps the total on a page past the end', async () => {
    const second = await t.http.get('/api/projects/queue').query({ stage: 'GIA_REVIEW', page: 2, pageSize: 1 }).set(await t.as('gia'));
    expect(second.body).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(second.body.items.map((p: { id: string }) => p.id)).toEqual([submitted[2]]);
    const past = await t.http.get('/api/projects/queue').query({ stage: 'GIA_REVIEW', page: 5, pageSize: 2 }).set(await t.as('gia'));
    expect(past.body).toMatchObject({ total: 2, items: [] });
  });

  it('gives Finance its own stage only, and refuses the others', async () => {
    const p = await t.http.get(`/api/projects/${submitted[0]}`).set(await t.as('gia'));
    const r = await t.http.post(`/api/projects/${submitted[0]}/review`).set(await t.as('gia')).set('If-Match', p.headers.etag).send({ decision: 'APPROVE', dimensions: ALL_PASS });
    expect(r.status).toBe(200);
    const fin = await t.http.get('/api/projects/queue').query({ stage: 'BUDGET_REVIEW' }).set(await t.as('finance'));
    expect(fin.body.items.map((x: { id: string }) => x.id)).toEqual([submitted[0]]);
    expect((await t.http.get('/api/projects/queue').query({ stage: 'GIA_REVIEW' }).set(await t.as('finance'))).status).toBe(403);
    expect((await t.http.get('/api/projects/queue').query({ stage: 'GIA_REVIEW' }).set(await t.as('dept'))).status).toBe(403);
  });

  // the queue pages are kept per reviewer while nothing is written (core/cache/read-cache.ts): every change that
  // shows in the queue must show at once
  describe('never serves a page after a change', () => {
    const gia = async () => (await t.http.get('/api/projects/queue').query({ stage: 'GIA_REVIEW' }).set(await t.as('gia'))).body;
    const submit = async (name: string) => {
      const p = await buildValidDraft(t, 'dept', { name });
      const res = await t.http.post(`/api/projects/${p.id}/submit`).set(await t.as('dept')).set('If-Match', p.etag).send({});
      expect(res.status).toBe(200);
      return p.id;
    };

    it('a new submission', async () => {
      const before = await gia();
      const id = await submit('新提交的项目');
      const after = await gia();
      expect(after.total).toBe(before.total + 1);
      expect(after.items.map((p: { id: string }) => p.id)).toContain(id);
    });

    it('one project leaving the stage and another entering it (the same count)', async () => {
      const before = await gia();
      const leaving = before.items[0].id as string;
      const p = await t.http.get(`/api/projects/${leaving}`).set(await t.as('gia'));
      const returned = await t.http.post(`/api/projects/${leaving}/review`).set(await t.as('gia')).set('If-Match', p.headers.etag).send({ decision: 'RETURN', dimensions: ALL_PASS, comment: '请补充材料' });
      expect(returned.status).toBe(200);
      const entering = await submit('替补的项目');
      const after = await gia();
      expect(after.total).toBe(before.total);
      const ids = after.items.map((x: { id: string }) => x.id);
      expect(ids).not.toContain(leaving);
      expect(ids).toContain(entering);
    });

    it('an organisation renamed', async () => {
      const before = await gia();
      const orgs = await t.http.get('/api/orgs').set(await t.as('admin'));
      const edu = orgs.body.items.find((o: { name: string }) => o.name === '运城市教育局');
      const renamed = await t.http.patch(`/api/orgs/${edu.id}`).set(await t.as('admin')).set('If-Match', `"v${edu.version}"`).send({ name: '运城市教育局（教育督导室）' });
      expect(renamed.status).toBe(200);
      const after = await gia();
      expect(before.items.some((p: { orgName: string }) => p.orgName === '运城市教育局')).toBe(true);
      expect(after.items.some((p: { orgName: string }) => p.orgName === '运城市教育局')).toBe(false);
      expect(after.items.some((p: { orgName: string }) => p.orgName === '运城市教育局（教育督导室）')).toBe(true);
    });
  });
});
