// Catalog revisions brought to each state of the revision machine (catalog/revision-workflow.ts) through the real
// API, as the sub-center (bdc), GIA and Finance would. Only one revision may be open at a time, so a factory first
// closes the open one the way a person would: a draft is discarded, a submitted one returned and discarded, an
// approved one published.
import { expectOk, type Api } from './scene.js';

export interface Rev {
  number: number;
  etag: string;
  body: any;
}

export type RevisionFactoryState = 'DRAFT' | 'SUBMITTED' | 'GIA_APPROVED' | 'RETURNED' | 'APPROVED' | 'PUBLISHED';

/** A plan as the drafts add it (a code of the caller's choosing). */
export const PLAN_BODY = {
  name: '通用型云主机 64核128G',
  nameEn: 'General VM 64 vCPU 128 GiB',
  unit: '台·年',
  unitPrice: 57600,
  spec: { vcpu: 64, memoryGiB: 128, diskGiB: 100, image: 'openeuler-22.03-lts' },
  xinchuang: { certified: false, cpuArch: 'x86_64' },
  maxQuantity: 10,
};

const revPath = (n: number, action = '') => `/api/catalog/revisions/${n}${action ? `/${action}` : ''}`;

/** Takes a revision action that must succeed. */
export async function revisionStep(api: Api, r: Rev, who: string, action: string, body: object = {}): Promise<Rev> {
  const res = expectOk(`${action} revision ${r.number} as ${who}`, await api.call('POST', revPath(r.number, action), { as: who, body, ifMatch: r.etag }));
  return { number: r.number, etag: res.etag!, body: res.body };
}

/** Closes the revision that is open (if any), so that a new one may be drafted. */
export async function closeOpenRevision(api: Api): Promise<void> {
  const list = expectOk('list revisions', await api.call('GET', '/api/catalog/revisions', { as: 'bdc' }));
  const open = list.body.items.find((r: { status: string }) => ['DRAFT', 'SUBMITTED', 'APPROVED'].includes(r.status));
  if (!open) return;
  let r: Rev = { number: open.number, etag: `"v${open.version}"`, body: open };
  if (open.status === 'APPROVED') {
    await revisionStep(api, r, 'gia', 'publish');
    return;
  }
  if (open.status === 'SUBMITTED') {
    // whichever body has not decided this round returns it
    let res = await api.call('POST', revPath(r.number, 'return'), { as: 'gia', body: { comment: '另行起草' }, ifMatch: r.etag });
    if (res.status === 409) res = await api.call('POST', revPath(r.number, 'return'), { as: 'finance', body: { comment: '另行起草' }, ifMatch: r.etag });
    expectOk('return the open revision', res);
    r = { ...r, etag: res.etag! };
  }
  expectOk('discard the open revision', await api.call('POST', revPath(r.number, 'discard'), { as: 'bdc', body: {}, ifMatch: r.etag }), 204);
}

/** The published catalog's revision number. */
export async function currentRevision(api: Api): Promise<number> {
  return expectOk('read the catalog', await api.call('GET', '/api/catalog')).body.revision.number;
}

/** A new draft, copied from the published catalog (the open revision, if any, closed first). */
export async function draftRevision(api: Api, title = '2027 年版'): Promise<Rev> {
  await closeOpenRevision(api);
  const res = expectOk('draft a revision', await api.call('POST', '/api/catalog/revisions', { as: 'bdc', body: { title } }), 201);
  return { number: res.body.number, etag: res.etag!, body: res.body };
}

/** The draft's detail (revision, offerings, reviews) as bdc reads it. */
export async function readRevision(api: Api, number: number, user = 'bdc') {
  return expectOk('read revision', await api.call('GET', revPath(number), { as: user })).body;
}

/** Puts a plan into an offering of a draft (adds or changes it). */
export async function putPlan(api: Api, r: Rev, offering: string, code: string, plan: object): Promise<Rev> {
  const res = expectOk(`put plan ${code}`, await api.call('PUT', `${revPath(r.number)}/offerings/${offering}/plans/${code}`, { as: 'bdc', body: plan, ifMatch: r.etag }));
  return { number: r.number, etag: res.etag!, body: res.body };
}

export interface Edits {
  /** the plan added to vm-general */
  added: string;
  /** a published vm-general plan whose price went up by 100 */
  changed: string;
  /** a published vm-general plan retired */
  retired: string;
}

/**
 * The edits of a revision as a sub-center makes them: a plan added, a price changed and a plan retired (all in
 * vm-general; the retired and changed plans are the first two still active, the added one named after the revision).
 */
export async function editRevision(api: Api, r: Rev): Promise<{ rev: Rev; edits: Edits }> {
  const detail = await readRevision(api, r.number);
  const vm = detail.offerings.find((o: { code: string }) => o.code === 'vm-general');
  const active = vm.plans.filter((p: { status: string }) => p.status === 'ACTIVE');
  if (active.length < 2) throw new Error('vm-general has fewer than two active plans left to change and retire');
  const [toRetire, toChange] = active;
  const edits: Edits = { added: `vm-general-64c128g-r${r.number}`, changed: toChange.code, retired: toRetire.code };
  let rev = await putPlan(api, r, 'vm-general', edits.added, PLAN_BODY);
  const { code: _c, status: _s, ...changeRest } = toChange;
  rev = await putPlan(api, rev, 'vm-general', edits.changed, { ...changeRest, unitPrice: toChange.unitPrice + 100 });
  const { code: _c2, ...retireRest } = toRetire;
  rev = await putPlan(api, rev, 'vm-general', edits.retired, { ...retireRest, status: 'RETIRED' });
  return { rev, edits };
}

/** A revision brought to `state` (GIA_APPROVED: submitted and approved by GIA only; RETURNED: that, then returned by Finance). */
export async function revisionIn(api: Api, state: RevisionFactoryState, title = '2027 年版'): Promise<Rev> {
  const from = (s: RevisionFactoryState) => revisionIn(api, s, title);
  switch (state) {
    case 'DRAFT':
      return draftRevision(api, title);
    case 'SUBMITTED':
      return revisionStep(api, await from('DRAFT'), 'bdc', 'submit');
    case 'GIA_APPROVED':
      return revisionStep(api, await from('SUBMITTED'), 'gia', 'approve', { comment: '同意' });
    case 'RETURNED':
      return revisionStep(api, await from('GIA_APPROVED'), 'finance', 'return', { comment: '64核规格单价偏高，请核实' });
    case 'APPROVED':
      return revisionStep(api, await from('GIA_APPROVED'), 'finance', 'approve');
    case 'PUBLISHED':
      return revisionStep(api, await from('APPROVED'), 'gia', 'publish');
  }
}

/** A revision with the edits of `editRevision`, approved by both bodies and published. */
export async function publishedWithEdits(api: Api, title = '2027 年版'): Promise<{ rev: Rev; edits: Edits; basedOn: number }> {
  const draft = await draftRevision(api, title);
  const { rev, edits } = await editRevision(api, draft);
  let r = await revisionStep(api, rev, 'bdc', 'submit');
  r = await revisionStep(api, r, 'gia', 'approve');
  r = await revisionStep(api, r, 'finance', 'approve');
  r = await revisionStep(api, r, 'gia', 'publish');
  const detail = await readRevision(api, r.number);
  return { rev: r, edits, basedOn: detail.revision.basedOnNumber };
}
