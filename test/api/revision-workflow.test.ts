// The catalog revision workflow: drafting, two approvals, publication, immutability, concurrency, diff.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t?.stop());

const planBody = {
  name: '通用型云主机 64核128G',
  nameEn: 'General VM 64 vCPU 128 GiB',
  unit: '台·年',
  unitPrice: 57600,
  spec: { vcpu: 64, memoryGiB: 128, diskGiB: 100, image: 'openeuler-22.03-lts' },
  xinchuang: { certified: false, cpuArch: 'x86_64' },
  maxQuantity: 10,
};

async function draft(title = '2027 年版') {
  const res = await t.http.post('/api/catalog/revisions').set(await t.as('bdc')).send({ title });
  expect(res.status).toBe(201);
  return { number: res.body.number as number, etag: res.headers.etag as string };
}

async function act(user: string, number: number, action: string, etag: string, body: object = {}) {
  return t.http.post(`/api/catalog/revisions/${number}/${action}`).set(await t.as(user)).set('If-Match', etag).send(body);
}

describe('catalog revision workflow', () => {
  let number: number;
  let etag: string;
  let retiredPlan: string;
  let changedPlan: string;

  it('lets the sub-center draft a revision copied from the published catalog', async () => {
    ({ number, etag } = await draft());
    expect(number).toBe(2);
    expect(etag).toBe('"v1"');
    const res = await t.http.get(`/api/catalog/revisions/${number}`).set(await t.as('bdc'));
    expect(res.status).toBe(200);
    expect(res.body.revision).toMatchObject({ status: 'DRAFT', basedOnNumber: 1 });
    const published = await t.http.get('/api/catalog');
    expect(res.body.offerings.length).toBe(published.body.offerings.length);
    const vm = res.body.offerings.find((o: { code: string }) => o.code === 'vm-general');
    retiredPlan = vm.plans[0].code;
    changedPlan = vm.plans[1].code;
  });

  it('refuses a second open revision', async () => {
    const res = await t.http.post('/api/catalog/revisions').set(await t.as('bdc')).send({ title: 'another' });
    expect(res.status).toBe(409);
  });

  it('edits the draft: adds a plan, changes a price, retires a plan — each with If-Match', async () => {
    let res = await t.http
      .put(`/api/catalog/revisions/${number}/offerings/vm-general/plans/vm-general-64c128g`)
      .set(await t.as('bdc'))
      .set('If-Match', etag)
      .send(planBody);
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('"v2"');
    etag = res.headers.etag;

    const vm = res.body.offerings.find((o: { code: string }) => o.code === 'vm-general');
    const current = vm.plans.find((p: { code: string }) => p.code === changedPlan);
    const { code: _c, status: _s, ...rest } = current;
    res = await t.http
      .put(`/api/catalog/revisions/${number}/offerings/vm-general/plans/${changedPlan}`)
      .set(await t.as('bdc'))
      .set('If-Match', etag)
      .send({ ...rest, unitPrice: current.unitPrice + 100 });
    expect(res.status).toBe(200);
    etag = res.headers.etag;

    const toRetire = vm.plans.find((p: { code: string }) => p.code === retiredPlan);
    const { code: _c2, ...retireRest } = toRetire;
    res = await t.http
      .put(`/api/catalog/revisions/${number}/offerings/vm-general/plans/${retiredPlan}`)
      .set(await t.as('bdc'))
      .set('If-Match', etag)
      .send({ ...retireRest, status: 'RETIRED' });
    expect(res.status).toBe(200);
    etag = res.headers.etag;
  });

  it('answers 412 to a stale If-Match and 428 to a missing one, changing nothing', async () => {
    const stale = await t.http.patch(`/api/catalog/revisions/${number}`).set(await t.as('bdc')).set('If-Match', '"v1"').send({ title: 'stale' });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('STALE_VERSION');
    const missing = await t.http.patch(`/api/catalog/revisions/${number}`).set(await t.as('bdc')).send({ title: 'none' });
    expect(missing.status).toBe(428);
    const now = await t.http.get(`/api/catalog/revisions/${number}`).set(await t.as('bdc'));
    expect(now.body.revision.title).toBe('2027 年版');
  });

  it('refuses deleting a published plan (retire instead) but deletes one the draft added', async () => {
    const refuse = await t.http
      .delete(`/api/catalog/revisions/${number}/offerings/vm-general/plans/${changedPlan}`)
      .set(await t.as('bdc'))
      .set('If-Match', etag);
    expect(refuse.status).toBe(409);
    const tmp = await t.http
      .put(`/api/catalog/revisions/${number}/offerings/vm-general/plans/vm-general-tmp`)
      .set(await t.as('bdc'))
      .set('If-Match', etag)
      .send(planBody);
    etag = tmp.headers.etag;
    const del = await t.http.delete(`/api/catalog/revisions/${number}/offerings/vm-general/plans/vm-general-tmp`).set(await t.as('bdc')).set('If-Match', etag);
    expect(del.status).toBe(200);
    etag = del.headers.etag;
  });

  it('shows the draft is hidden from the public and departments', async () => {
    expect((await t.http.get(`/api/catalog/revisions/${number}`)).status).toBe(404);
    expect((await t.http.get(`/api/catalog/revisions/${number}`).set(await t.as('dept'))).status).toBe(404);
    const list = await t.http.get('/api/catalog/revisions');
    expect(list.body.items.map((r: { number: number }) => r.number)).toEqual([1]);
  });

  it('submits; GIA alone cannot publish — both GIA and Finance must approve', async () => {
    let res = await act('bdc', number, 'submit', etag);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('SUBMITTED');
    etag = res.headers.etag;

    res = await act('gia', number, 'approve', etag, { comment: '同意' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('SUBMITTED');
    etag = res.headers.etag;

    res = await act('gia', number, 'publish', etag);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('INVALID_TRANSITION');

    res = await act('gia', number, 'approve', etag);
    expect(res.status).toBe(409); // GIA has already approved this round

    res = await act('finance', number, 'return', etag, { comment: '64核规格单价偏高，请核实' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('DRAFT');
    etag = res.headers.etag;
  });

  it('keeps review history; a resubmission needs both approvals again', async () => {
    const detail = await t.http.get(`/api/catalog/revisions/${number}`).set(await t.as('bdc'));
    expect(detail.body.reviews.map((r: { body: string; decision: string; round: number }) => [r.body, r.decision, r.round])).toEqual([
      ['GIA', 'APPROVED', 1],
      ['FINANCE', 'RETURNED', 1],
    ]);
    expect(detail.body.reviews[1].comment).toBe('64核规格单价偏高，请核实');

    let res = await act('bdc', number, 'submit', etag);
    etag = res.headers.etag;
    res = await act('finance', number, 'approve', etag);
    expect(res.body.status).toBe('SUBMITTED');
    etag = res.headers.etag;
    res = await act('gia', number, 'approve', etag);
    expect(res.body.status).toBe('APPROVED');
    etag = res.headers.etag;
  });

  it('refuses return without a comment (400) and approval by the drafter (403)', async () => {
    // state is APPROVED now; the permission and input checks come first
    expect((await act('bdc', number, 'approve', etag)).status).toBe(403);
    const r = await t.http.post(`/api/catalog/revisions/${number}/return`).set(await t.as('gia')).set('If-Match', etag).send({});
    expect(r.status).toBe(400);
    expect(r.body.fields[0].path).toBe('comment');
  });

  it('publishes: the new revision becomes the current catalog, the old one stays as it was', async () => {
    const res = await act('gia', number, 'publish', etag);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('PUBLISHED');
    etag = res.headers.etag;

    const current = await t.http.get('/api/catalog');
    expect(current.body.revision.number).toBe(2);
    const vm = current.body.offerings.find((o: { code: string }) => o.code === 'vm-general');
    expect(vm.plans.find((p: { code: string }) => p.code === retiredPlan).status).toBe('RETIRED');
    expect(vm.plans.some((p: { code: string }) => p.code === 'vm-general-64c128g')).toBe(true);

    const old = await t.http.get('/api/catalog/revisions/1');
    const oldVm = old.body.offerings.find((o: { code: string }) => o.code === 'vm-general');
    expect(oldVm.plans.find((p: { code: string }) => p.code === retiredPlan).status).toBe('ACTIVE');
    expect(oldVm.plans.some((p: { code: string }) => p.code === 'vm-general-64c128g')).toBe(false);
  });

  it('keeps published revisions immutable', async () => {
    const res = await t.http
      .put(`/api/catalog/revisions/${number}/offerings/vm-general/plans/vm-general-64c128g`)
      .set(await t.as('bdc'))
      .set('If-Match', etag)
      .send({ ...planBody, unitPrice: 1 });
    expect(res.status).toBe(409);
    expect((await act('bdc', 1, 'discard', '"v1"')).status).toBe(409);
  });

  it('shows the difference between the two revisions', async () => {
    const res = await t.http.get(`/api/catalog/revisions/${number}/diff`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ from: 1, to: 2 });
    expect(res.body.added.map((e: { code: string }) => e.code)).toEqual(['vm-general-64c128g']);
    expect(res.body.retired.map((e: { code: string }) => e.code)).toEqual([retiredPlan]);
    expect(res.body.changed).toEqual([
      expect.objectContaining({ code: changedPlan, changes: [expect.objectContaining({ field: 'unitPrice' })] }),
    ]);
    expect(res.body.removed).toEqual([]);
  });

  it('records every step in the audit trail', async () => {
    const res = await t.http.get('/api/audit/events').query({ action: 'catalog.', targetId: String(number), limit: 100 }).set(await t.as('auditor'));
    const actions = res.body.items.map((e: { action: string }) => e.action).reverse();
    expect(actions).toEqual([
      'catalog.revision.create',
      'catalog.plan.create',
      'catalog.plan.update',
      'catalog.plan.update',
      'catalog.plan.create',
      'catalog.plan.delete',
      'catalog.revision.submit',
      'catalog.revision.approve',
      'catalog.revision.return',
      'catalog.revision.submit',
      'catalog.revision.approve',
      'catalog.revision.approve',
      'catalog.revision.publish',
    ]);
  });
});

describe('concurrent reviewers', () => {
  it('gives one success and one 412 when GIA and Finance approve the same version at once', async () => {
    const { number, etag } = await draft('并发测试');
    const submitted = await act('bdc', number, 'submit', etag);
    const v = submitted.headers.etag as string;
    const [a, b] = await Promise.all([act('gia', number, 'approve', v), act('finance', number, 'approve', v)]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    const detail = await t.http.get(`/api/catalog/revisions/${number}`).set(await t.as('bdc'));
    expect(detail.body.reviews).toHaveLength(1);
    expect(detail.body.revision.status).toBe('SUBMITTED');
  });

  it('lets a returned draft be discarded, leaving no trace but the audit record', async () => {
    const list = await t.http.get('/api/catalog/revisions').set(await t.as('bdc'));
    const open = list.body.items.find((r: { status: string }) => r.status === 'SUBMITTED');
    const detail = await t.http.get(`/api/catalog/revisions/${open.number}`).set(await t.as('bdc'));
    // the reviewer who lost the race has not reviewed this round yet
    const other = detail.body.reviews[0].body === 'GIA' ? 'finance' : 'gia';
    let res = await act(other, open.number, 'return', `"v${open.version}"`, { comment: '退回' });
    expect(res.status).toBe(200);
    res = await act('bdc', open.number, 'discard', res.headers.etag);
    expect(res.status).toBe(204);
    expect((await t.http.get(`/api/catalog/revisions/${open.number}`).set(await t.as('bdc'))).status).toBe(404);
    const audit = await t.http.get('/api/audit/events').query({ action: 'catalog.revision.discard' }).set(await t.as('auditor'));
    expect(audit.body.items[0].detail).toMatchObject({ title: '并发测试' });
  });
});
