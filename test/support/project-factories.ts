// Projects brought to any state of the project machine (projects/workflow.ts) through the real API, as the
// department, GIA and Finance would: never by writing the database, so every factory also walks the machine.
// They take an Api (./scene.ts), so the API tests and the browser tests (test/e2e) arrange their data the same way.
import type { ProjectState } from '../../projects/workflow.js';
import { ALL_PASS, BASICS, VALID_LINES, VALID_RESOURCES, type Built } from './projects.js';
import { addDays, expectOk, type Api } from './scene.js';

export type { Built };

/** The states a factory brings a project to: the machine's states, and RETURNED by Finance rather than GIA. */
export type ProjectFactoryState = ProjectState | 'FINANCE_RETURNED';

export interface ProjectOptions {
  /** the department that drafts it (default dept) */
  user?: string;
  /** basics over BASICS (a name, a budget year, …) */
  overrides?: Record<string, unknown>;
}

export const ACCEPTANCE = {
  acceptanceDate: '2026-12-01',
  evidence: { dataSharingConnected: true, informationResourcesProvided: true, onGovernmentCloud: true, secureControllableChecked: true },
  summary: '验收通过',
};

/**
 * Who decides a project of `user`'s organisation (Art. 39): the county's own bureaus for a county's project, the
 * city's for everyone else's.
 */
export const authoritiesOf = (user: string) => (user === 'county' ? { gia: 'county-gia', finance: 'county-finance' } : { gia: 'gia', finance: 'finance' });

const built = (id: string, res: { etag: string | null; body: any }): Built => ({ id, etag: res.etag!, body: res.body });

/** An empty draft (no lines, no information resources): it does not pass validation. */
export async function emptyDraft(api: Api, opts: ProjectOptions = {}): Promise<Built> {
  const res = expectOk('create project', await api.call('POST', '/api/projects', { as: opts.user ?? 'dept', body: { ...BASICS, ...opts.overrides } }), 201);
  return built(res.body.id, res);
}

/** Takes one action that must succeed, with the project's current ETag. */
export async function step(api: Api, p: Built, who: string, action: string, body: object = {}, method = 'POST'): Promise<Built> {
  const path = action ? `/api/projects/${p.id}/${action}` : `/api/projects/${p.id}`;
  const res = expectOk(`${action || 'update'} as ${who}`, await api.call(method, path, { as: who, body, ifMatch: p.etag }));
  return built(p.id, res);
}

/** A draft that passes validation: lines from the catalog and an information resource catalog. */
export async function validDraft(api: Api, opts: ProjectOptions = {}): Promise<Built> {
  const user = opts.user ?? 'dept';
  let p = await emptyDraft(api, opts);
  for (const line of VALID_LINES) p = await step(api, p, user, 'lines', line);
  return step(api, p, user, 'information-resources', { items: VALID_RESOURCES }, 'PUT');
}

/** Puts a budget-approved project on public notice from `start` (default today) for `days` days. */
export async function onNotice(api: Api, p: Built, start = api.today(), days = 1, gia = 'gia'): Promise<Built> {
  return step(api, p, gia, 'notice', { startDate: start, endDate: addDays(start, days) });
}

/** Establishes a project on notice: moves "today" past the notice's end for the establishment, then back. */
export async function establish(api: Api, p: Built, gia = 'gia'): Promise<Built> {
  const before = api.today();
  const end = p.body.notices?.find((n: { closedAt: string | null }) => !n.closedAt)?.endDate ?? before;
  api.setToday(addDays(end > before ? end : before, 1));
  try {
    return await step(api, p, gia, 'establish');
  } finally {
    api.setToday(before);
  }
}

/**
 * Establishes a budget-approved project today: its notice ran the two days before, so that every date from today
 * on follows the establishment (a contract signed today is not signed before it).
 */
export async function establishToday(api: Api, p: Built, gia = 'gia'): Promise<Built> {
  const today = api.today();
  api.setToday(addDays(today, -2));
  try {
    p = await onNotice(api, p, api.today(), 1, gia);
  } finally {
    api.setToday(today);
  }
  return step(api, p, gia, 'establish');
}

/** A project brought to `state` through the API, each step taken by the role the machine gives it to. */
export async function projectIn(api: Api, state: ProjectFactoryState, opts: ProjectOptions = {}): Promise<Built> {
  const user = opts.user ?? 'dept';
  const { gia, finance } = authoritiesOf(user);
  const from = (s: ProjectFactoryState) => projectIn(api, s, opts);
  switch (state) {
    case 'DRAFT':
      return validDraft(api, opts);
    case 'GIA_REVIEW':
      return step(api, await from('DRAFT'), user, 'submit');
    case 'RETURNED':
      return step(api, await from('GIA_REVIEW'), gia, 'review', { decision: 'RETURN', dimensions: ALL_PASS, comment: '补充材料' });
    case 'REJECTED':
      return step(api, await from('GIA_REVIEW'), gia, 'review', { decision: 'REJECT', dimensions: ALL_PASS, comment: '不予批准' });
    case 'BUDGET_REVIEW':
      return step(api, await from('GIA_REVIEW'), gia, 'review', { decision: 'APPROVE', dimensions: ALL_PASS, comment: '同意' });
    case 'FINANCE_RETURNED':
      return step(api, await from('BUDGET_REVIEW'), finance, 'budget-review', { decision: 'RETURN', comment: '预算测算依据不足' });
    case 'BUDGET_APPROVED':
      return step(api, await from('BUDGET_REVIEW'), finance, 'budget-review', { decision: 'APPROVE', approvedAmount: 750000, comment: '核减5万元' });
    case 'PUBLIC_NOTICE':
      return onNotice(api, await from('BUDGET_APPROVED'), api.today(), 1, gia);
    case 'ESTABLISHED':
      return establishToday(api, await from('BUDGET_APPROVED'), gia);
    case 'CHANGE_REVIEW':
      return step(api, await from('ESTABLISHED'), user, 'change-request', { reason: '调整', lines: VALID_LINES });
    case 'ACCEPTED':
      return step(api, await from('ESTABLISHED'), user, 'acceptance', { ...ACCEPTANCE, acceptanceDate: api.today() });
    case 'SUSPENDED':
      return step(api, await from('ESTABLISHED'), gia, 'suspend', { reason: '暂停' });
    case 'TERMINATED':
      return step(api, await from('ESTABLISHED'), gia, 'terminate', { reason: '终止' });
  }
}

/** The project as `user` reads it now (its body and current ETag). */
export async function reread(api: Api, p: { id: string }, user = 'auditor'): Promise<Built> {
  const res = expectOk('read project', await api.call('GET', `/api/projects/${p.id}`, { as: user }));
  return built(p.id, res);
}
