// The catalog revision workflow: drafting, two approvals, publication, immutability, concurrency, diff. Each test
// brings its own revision to the state it starts from through the API (test/support/revision-factories.ts); only
// one revision may be open at a time, so the factories close the open one first, as the sub-center would.
import { describe, expect, it } from 'vitest';
import {
  PLAN_BODY,
  closeOpenRevision,
  currentRevision,
  draftRevision,
  editRevision,
  publishedWithEdits,
  putPlan,
  readRevision,
  revisionIn,
  revisionStep,
  type Rev,
} from '../support/revision-factories.js';
import { useScene } from '../support/scene.js';

const scene = useScene();

const act = (user: string, number: number, action: string, etag: string, body: object = {}) =>
  scene.call('POST', `/api/catalog/revisions/${number}/${action}`, { as: user, body, ifMatch: etag });
const planPath = (number: number, code: string) => `/api/catalog/revisions/${number}/offerings/vm-general/plans/${code}`;
const vmPlans = (detail: { offerings: { code: string; plans: { code: string; status: string }[] }[] }) => detail.offerings.find((o) => o.code === 'vm-general')!.plans;

describe('catalog revision workflow', () => {
  it('lets the sub-center draft a revision copied from the published catalog', async () => {
    await closeOpenRevision(scene);
    const current = await currentRevision(scene);
    const res = await scene.as('bdc').post('/api/catalog/revisions', { title: '2027 年版' });
    expect(res.status).toBe(201);
    // numbered after the published catalog (1 on a new platform), at version 1
    expect(res.body.number).toBe(current + 1);
    expect(res.etag).toBe('"v1"');
    const detail = await scene.as('bdc').get(`/api/catalog/revisions/${res.body.number}`);
    expect(detail.status).toBe(200);
    expect(detail.body.revision).toMatchObject({ status: 'DRAFT', basedOnNumber: current });
    const published = await scene.call('GET', '/api/catalog');
    expect(detail.body.offerings.length).toBe(published.body.offerings.length);
  });

  it('refuses a second open revision', async () => {
    await draftRevision(scene);
    const res = await scene.as('bdc').post('/api/catalog/revisions', { title: 'another' });
    expect(res.status).toBe(409);
  });

  it('edits the draft: adds a plan, changes a price, retires a plan — each with If-Match', async () => {
    const r = await draftRevision(scene);
    let res = await scene.as('bdc').put(planPath(r.number, 'vm-general-64c128g'), PLAN_BODY, r.etag);
    expect(res.status).toBe(200);
    expect(res.etag).toBe('"v2"');
    let etag = res.etag!;

    const active = vmPlans(res.body).filter((p) => p.status === 'ACTIVE') as any[];
    const [toRetire, current] = active;
    const { code: _c, status: _s, ...rest } = current;
    res = await scene.as('bdc').put(planPath(r.number, current.code), { ...rest, unitPrice: current.unitPrice + 100 }, etag);
    expect(res.status).toBe(200);
    expect(vmPlans(res.body).find((p) => p.code === current.code)).toMatchObject({ unitPrice: current.unitPrice + 100 });
    etag = res.etag!;

    const { code: _c2, ...retireRest } = toRetire;
    res = await scene.as('bdc').put(planPath(r.number, toRetire.code), { ...retireRest, status: 'RETIRED' }, etag);
    expect(res.status).toBe(200);
    expect(vmPlans(res.body).find((p) => p.code === toRetire.code)).toMatchObject({ status: 'RETIRED' });
    expect(res.etag).toBe('"v4"');
  });

  it('answers 412 to a stale If-Match and 428 to a missing one, changing nothing', async () => {
    const r = await draftRevision(scene, '2027 年版');
    const edited = await putPlan(scene, r, 'vm-general', 'vm-general-64c128g', PLAN_BODY);
    expect(edited.etag).not.toBe(r.etag);
    const stale = await scene.as('bdc').patch(`/api/catalog/revisions/${r.number}`, { title: 'stale' }, r.etag);
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('STALE_VERSION');
    const missing = await scene.as('bdc').patch(`/api/catalog/revisions/${r.number}`, { title: 'none' });
    expect(missing.status).toBe(428);
    const now = await readRevision(scene, r.number);
    expect(now.revision.title).toBe('2027 年版');
    expect(now.revision.version).toBe(2);
  });

  it('refuses deleting a published plan (retire instead) but deletes one the draft added', async () => {
    const r = await draftRevision(scene);
    const published = vmPlans(await readRevision(scene, r.number)).find((p) => p.status === 'ACTIVE')!;
    const refuse = await scene.as('bdc').delete(planPath(r.number, published.code), r.etag);
    expect(refuse.status).toBe(409);
    const tmp = await putPlan(scene, r, 'vm-general', 'vm-general-tmp', PLAN_BODY);
    const del = await scene.as('bdc').delete(planPath(r.number, 'vm-general-tmp'), tmp.etag);
    expect(del.status).toBe(200);
    expect(vmPlans(await readRevision(scene, r.number)).map((p) => p.code)).not.toContain('vm-general-tmp');
  });

  it('shows the draft is hidden from the public and departments', async () => {
    const r = await draftRevision(scene);
    expect((await scene.call('GET', `/api/catalog/revisions/${r.number}`)).status).toBe(404);
    expect((await scene.as('dept').get(`/api/catalog/revisions/${r.number}`)).status).toBe(404);
    const list = await scene.call('GET', '/api/catalog/revisions');
    const all = await scene.as('bdc').get('/api/catalog/revisions');
    const published = all.body.items.filter((x: { status: string }) => x.status === 'PUBLISHED').map((x: { number: number }) => x.number);
    // the public list is exactly the published revisions ([1] on a new platform)
    expect(list.body.items.map((x: { number: number }) => x.number)).toEqual(published);
    expect(published).toContain(1);
    expect(published).not.toContain(r.number);
  });

  it('submits; GIA alone cannot publish — both GIA and Finance must approve', async () => {
    const r = await draftRevision(scene);
    let res = await act('bdc', r.number, 'submit', r.etag);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('SUBMITTED');
    let etag = res.etag!;

    res = await act('gia', r.number, 'approve', etag, { comment: '同意' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('SUBMITTED');
    etag = res.etag!;

    res = await act('gia', r.number, 'publish', etag);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('INVALID_TRANSITION');

    res = await act('gia', r.number, 'approve', etag);
    expect(res.status).toBe(409); // GIA has already approved this round

    res = await act('finance', r.number, 'return', etag, { comment: '64核规格单价偏高，请核实' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('DRAFT');
  });

  it('keeps review history; a resubmission needs both approvals again', async () => {
    const r = await revisionIn(scene, 'RETURNED');
    const detail = await readRevision(scene, r.number);
    expect(detail.reviews.map((x: { body: string; decision: string; round: number }) => [x.body, x.decision, x.round])).toEqual([
      ['GIA', 'APPROVED', 1],
      ['FINANCE', 'RETURNED', 1],
    ]);
    expect(detail.reviews[1].comment).toBe('64核规格单价偏高，请核实');

    let res = await act('bdc', r.number, 'submit', r.etag);
    expect(res.body.status).toBe('SUBMITTED');
    res = await act('finance', r.number, 'approve', res.etag!);
    expect(res.body.status).toBe('SUBMITTED');
    res = await act('gia', r.number, 'approve', res.etag!);
    expect(res.body.status).toBe('APPROVED');
    expect((await readRevision(scene, r.number)).reviews.map((x: { body: string; round: number }) => [x.body, x.round])).toEqual([
      ['GIA', 1],
      ['FINANCE', 1],
      ['FINANCE', 2],
      ['GIA', 2],
    ]);
  });

  it('refuses return without a comment (400) and approval by the drafter (403)', async () => {
    const r = await revisionIn(scene, 'APPROVED');
    // the state is APPROVED; the permission and input checks come first
    expect((await act('bdc', r.number, 'approve', r.etag)).status).toBe(403);
    const res = await act('gia', r.number, 'return', r.etag, {});
    expect(res.status).toBe(400);
    expect(res.body.fields[0].path).toBe('comment');
  });

  it('publishes: the new revision becomes the current catalog, the old one stays as it was', async () => {
    const draft = await draftRevision(scene);
    const basedOn = (await readRevision(scene, draft.number)).revision.basedOnNumber;
    const { rev, edits } = await editRevision(scene, draft);
    let r: Rev = await revisionStep(scene, rev, 'bdc', 'submit');
    r = await revisionStep(scene, r, 'gia', 'approve');
    r = await revisionStep(scene, r, 'finance', 'approve');
    // the current catalog is read (and kept serialised, api/serialised.ts) just before the publication
    const before = await scene.call('GET', '/api/catalog');
    expect(before.body.revision.number).toBe(basedOn);
    const res = await act('gia', r.number, 'publish', r.etag);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('PUBLISHED');

    // the very next request serves the new revision, under another ETag
    const current = await scene.call('GET', '/api/catalog');
    expect(current.body.revision.number).toBe(r.number);
    expect(current.etag).toMatch(/^"cat-/);
    expect(current.etag).not.toBe(before.etag);
    const vm = vmPlans(current.body);
    expect(vm.find((p) => p.code === edits.retired)!.status).toBe('RETIRED');
    expect(vm.some((p) => p.code === edits.added)).toBe(true);

    const old = await scene.call('GET', `/api/catalog/revisions/${basedOn}`);
    const oldVm = vmPlans(old.body);
    expect(oldVm.find((p) => p.code === edits.retired)!.status).toBe('ACTIVE');
    expect(oldVm.some((p) => p.code === edits.added)).toBe(false);
  });

  it('keeps published revisions immutable', async () => {
    const r = await revisionIn(scene, 'PUBLISHED');
    const res = await scene.as('bdc').put(planPath(r.number, 'vm-general-64c128g'), { ...PLAN_BODY, unitPrice: 1 }, r.etag);
    expect(res.status).toBe(409);
    expect((await act('bdc', r.number, 'discard', r.etag)).status).toBe(409);
    expect((await act('bdc', 1, 'discard', '"v1"')).status).toBe(409);
  });

  it('shows the difference between the two revisions', async () => {
    const { rev, edits, basedOn } = await publishedWithEdits(scene);
    const res = await scene.call('GET', `/api/catalog/revisions/${rev.number}/diff`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ from: basedOn, to: rev.number });
    expect(res.body.added.map((e: { code: string }) => e.code)).toEqual([edits.added]);
    expect(res.body.retired.map((e: { code: string }) => e.code)).toEqual([edits.retired]);
    expect(res.body.changed).toEqual([expect.objectContaining({ code: edits.changed, changes: [expect.objectContaining({ field: 'unitPrice' })] })]);
    expect(res.body.removed).toEqual([]);
  });

  it('records every step in the audit trail', async () => {
    // the trail is read from this test's start: other tests of this file drafted revisions too
    await closeOpenRevision(scene);
    const from = new Date().toISOString();
    const draft = await draftRevision(scene);
    const { rev } = await editRevision(scene, draft);
    let r = await putPlan(scene, rev, 'vm-general', 'vm-general-tmp', PLAN_BODY);
    const del = await scene.as('bdc').delete(planPath(r.number, 'vm-general-tmp'), r.etag);
    expect(del.status).toBe(200);
    r = { ...r, etag: del.etag! };
    r = await revisionStep(scene, r, 'bdc', 'submit');
    r = await revisionStep(scene, r, 'gia', 'approve', { comment: '同意' });
    r = await revisionStep(scene, r, 'finance', 'return', { comment: '64核规格单价偏高，请核实' });
    r = await revisionStep(scene, r, 'bdc', 'submit');
    r = await revisionStep(scene, r, 'finance', 'approve');
    r = await revisionStep(scene, r, 'gia', 'approve');
    r = await revisionStep(scene, r, 'gia', 'publish');

    const res = await scene.as('auditor').get('/api/audit/events', { action: 'catalog.', targetId: String(r.number), from, limit: 100 });
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
    const r = await revisionIn(scene, 'SUBMITTED', '并发测试');
    const [a, b] = await Promise.all([act('gia', r.number, 'approve', r.etag), act('finance', r.number, 'approve', r.etag)]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    const detail = await readRevision(scene, r.number);
    expect(detail.reviews).toHaveLength(1);
    expect(detail.revision.status).toBe('SUBMITTED');
  });

  it('lets a returned draft be discarded, leaving no trace but the audit record', async () => {
    const title = `退回后放弃 ${Date.now()}`;
    const r = await revisionIn(scene, 'GIA_APPROVED', title);
    // the reviewer who has not reviewed this round returns it
    let res = await act('finance', r.number, 'return', r.etag, { comment: '退回' });
    expect(res.status).toBe(200);
    res = await act('bdc', r.number, 'discard', res.etag!);
    expect(res.status).toBe(204);
    expect((await scene.as('bdc').get(`/api/catalog/revisions/${r.number}`)).status).toBe(404);
    const audit = await scene.as('auditor').get('/api/audit/events', { action: 'catalog.revision.discard', targetId: String(r.number) });
    expect(audit.body.items[0].detail).toMatchObject({ title });
  });
});
