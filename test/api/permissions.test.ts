// The permission matrix: every endpoint × every role (and the public), through HTTP on a scratch database.
//
// Each endpoint variant lists one row per role group with the answer that group must get:
//   ok(2xx)            the request went through
//   passed(409|412|…)  refused for a reason that only comes AFTER the permission check (e.g. the revision is in the
//                      wrong state): the role was allowed, the object was not ready
//   UNAUTH  401        no signed-in user on an endpoint that needs one
//   FORBIDDEN 403      signed in, may see the object, may not do this (writes an access.denied audit record)
//   HIDDEN  404        the object exists but this caller may not even know it (e.g. a draft revision for the public)
// Fixtures put the world in the state a variant needs (a draft, a submitted revision, …) right before each case,
// so every case tests the permission and never a missing object; cases do not depend on each other's order.
//
// Projects follow the same three-way rule: a project the caller may not read is 404 (its existence is not revealed),
// one it may read but never act on is 403, and one it could act on in another state is 409 INVALID_TRANSITION (or the
// specific conflict code). Project fixtures are built through the API (test/support/projects.ts): each is a
// department (dept, 市教育局) project co-built with dept2's organisation (市卫健委), so dept2 reads it and the county
// does not. Refusals reuse one shared project per state; a row that succeeds gets a fresh one, so no case depends on
// another. "Today" is injected (2026-11-02) so a public notice can have ended.
import { MIGRATION_TRANSITION_ACTIONS } from '../../migration/workflow.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Response, Test } from 'supertest';
import type { LocalDate } from '../../core/calendar/working-days.js';
import { DEMO_PASSWORD, startTestPlatform, type TestPlatform } from '../support/platform.js';
import { ALL_PASS, BASICS, VALID_LINES, VALID_RESOURCES, buildValidDraft } from '../support/projects.js';

type SignedIn = 'admin' | 'secadmin' | 'auditor' | 'gia' | 'finance' | 'bdc' | 'dept' | 'dept2' | 'county';
type Who = 'anonymous' | SignedIn;

const SIGNED_IN: SignedIn[] = ['admin', 'secadmin', 'auditor', 'gia', 'finance', 'bdc', 'dept', 'dept2', 'county'];
const EVERYONE: Who[] = ['anonymous', ...SIGNED_IN];
const ANON: Who[] = ['anonymous'];
/** every signed-in role except these */
const allBut = (...except: SignedIn[]): SignedIn[] => SIGNED_IN.filter((r) => !except.includes(r));

/** who may read a draft revision (the sub-center drafts it, the auditor reads everything) */
const DRAFT_READERS: SignedIn[] = ['auditor', 'bdc'];
const DRAFT_HIDDEN = allBut(...DRAFT_READERS);
/** who may read a submitted or approved revision (the reviewers join in) */
const REVIEW_READERS: SignedIn[] = ['auditor', 'bdc', 'gia', 'finance'];
const REVIEW_HIDDEN = allBut(...REVIEW_READERS);

interface Outcome {
  status: number;
  code?: string;
  check?: (res: Response, who: Who, fx: Fx) => void | Promise<void>;
  /** the application answers otherwise today: a known bug (explained where the outcome is defined) */
  bug?: string;
}
const ok = (status = 200, check?: Outcome['check']): Outcome => ({ status, check });
/** a non-auth status that the service only reaches once the permission check has passed */
const passed = (status: 409 | 412 | 422, code: string, check?: Outcome['check']): Outcome => ({ status, code, check });
const UNAUTH: Outcome = { status: 401, code: 'UNAUTHENTICATED' };
const FORBIDDEN: Outcome = { status: 403, code: 'FORBIDDEN' };
const FORBIDDEN_FIELD: Outcome = { status: 403, code: 'FORBIDDEN_FIELD' };
const HIDDEN: Outcome = { status: 404, code: 'NOT_FOUND' };

/** what a fixture hands to the request: ids, numbers and the If-Match value */
type Fx = Record<string, string | number>;
type Http = TestPlatform['http'];

interface Endpoint {
  /** METHOD + the OpenAPI path; several variants (states, targets) may share one */
  route: string;
  /** what makes this variant different, shown in the test name */
  variant?: string;
  prepare?: (who: Who) => Promise<Fx>;
  request: (http: Http, fx: Fx, who: Who) => Test;
  /** signs in anew for this case instead of using the shared session (for sign-out) */
  freshSession?: boolean;
  rows: [Who[], Outcome][];
}

let t: TestPlatform;
const denied: { requestId: string; who: Who; method: string; path: string }[] = [];
let created = 0;
const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(created++).toString(36)}`;

// ───────────────────────── helpers and fixtures ─────────────────────────

const SECRET = /passwordHash|\$argon2/;
/** every response, fixtures included, goes through here: nothing may ever leak a password hash */
async function call(req: Test): Promise<Response> {
  const res = await req;
  const text = typeof res.text === 'string' ? res.text : Buffer.isBuffer(res.body) ? res.body.toString('utf8') : JSON.stringify(res.body ?? '');
  expect(text, `${req.method} ${req.url} leaks a password hash`).not.toMatch(SECRET);
  return res;
}

async function as(who: SignedIn, req: Test): Promise<Response> {
  return call(req.set(await t.as(who)));
}

const etag = (version: number) => `"v${version}"`;

interface Summary {
  number: number;
  status: 'DRAFT' | 'SUBMITTED' | 'APPROVED' | 'PUBLISHED';
  version: number;
  submittedAt: string | null;
}

async function allRevisions(): Promise<Summary[]> {
  const res = await as('auditor', t.http.get('/api/catalog/revisions'));
  expect(res.status).toBe(200);
  return res.body.items as Summary[];
}

async function revision(number: number): Promise<Summary> {
  const found = (await allRevisions()).find((r) => r.number === number);
  if (!found) throw new Error(`revision ${number} is gone`);
  return found;
}

const openRevision = async () => (await allRevisions()).find((r) => r.status !== 'PUBLISHED');

async function reviewedThisRound(r: Summary): Promise<boolean> {
  const res = await as('auditor', t.http.get(`/api/catalog/revisions/${r.number}`));
  const reviews = res.body.reviews as { at: string }[];
  return reviews.some((x) => r.submittedAt !== null && x.at >= r.submittedAt);
}

async function transition(who: SignedIn, r: Summary, action: string, expected: number): Promise<Response> {
  const res = await as(who, t.http.post(`/api/catalog/revisions/${r.number}/${action}`).set('If-Match', etag(r.version)).send({ comment: 'fixture' }));
  return res.status === expected ? res : Promise.reject(new Error(`fixture ${who} ${action} ${r.number}: ${res.status} ${res.text}`));
}

/** Ends the open revision, whatever its state (only one may be open at a time). */
async function closeOpen(r: Summary) {
  if (r.status === 'DRAFT') await transition('bdc', r, 'discard', 204);
  else if (r.status === 'APPROVED') await transition('gia', r, 'publish', 200);
  else {
    // SUBMITTED: returned by whichever reviewer has not reviewed this round yet
    const res = await as('gia', t.http.post(`/api/catalog/revisions/${r.number}/return`).set('If-Match', etag(r.version)).send({ comment: 'fixture' }));
    if (res.status !== 200) await transition('finance', r, 'return', 200);
  }
}

type OpenState = 'DRAFT' | 'SUBMITTED' | 'APPROVED';
const ORDER: Record<OpenState, number> = { DRAFT: 0, SUBMITTED: 1, APPROVED: 2 };

/** The one open revision, in the wanted state (SUBMITTED: with no review yet in this round). */
async function revisionIn(state: OpenState | 'NONE'): Promise<Summary | undefined> {
  for (let step = 0; step < 10; step++) {
    const open = await openRevision();
    if (!open) {
      if (state === 'NONE') return undefined;
      const res = await as('bdc', t.http.post('/api/catalog/revisions').send({ title: unique('fixture ') }));
      expect(res.status, res.text).toBe(201);
      continue;
    }
    if (state !== 'NONE' && open.status !== 'PUBLISHED') {
      const here = ORDER[open.status as OpenState];
      const fresh = open.status !== 'SUBMITTED' || !(await reviewedThisRound(open));
      if (here === ORDER[state] && fresh) return open;
      if (here < ORDER[state] && fresh) {
        if (open.status === 'DRAFT') await transition('bdc', open, 'submit', 200);
        else await transition('gia', open, 'approve', 200);
        continue;
      }
      if (open.status === 'SUBMITTED' && state === 'APPROVED') {
        // one reviewer has approved this round: the other one completes the approval
        const res = await as('finance', t.http.post(`/api/catalog/revisions/${open.number}/approve`).set('If-Match', etag(open.version)).send({}));
        if (res.status !== 200) await transition('gia', open, 'approve', 200);
        continue;
      }
    }
    await closeOpen(open);
  }
  throw new Error(`could not bring a revision to ${state}`);
}

/** a revision in the wanted state, with its current ETag */
async function rev(state: OpenState): Promise<Fx> {
  const r = (await revisionIn(state))!;
  return { number: r.number, ifMatch: etag(r.version) };
}

/** the first published revision (never changes) */
async function published(): Promise<Fx> {
  const r = await revision(1);
  expect(r.status).toBe('PUBLISHED');
  return { number: 1, ifMatch: etag(r.version) };
}

const EXTRA_OFFERING = 'perm-extra';
const EXTRA_PLAN = 'perm-extra-plan';
const offeringBody = {
  category: 'PaaS',
  name: '权限测试服务',
  nameEn: 'Permission test offering',
  description: '仅用于权限矩阵测试',
  provisioner: 'none',
  sharedService: false,
  keywords: ['测试'],
};
const planBody = {
  name: '权限测试规格',
  unit: '套·年',
  unitPrice: 1000,
  spec: { vcpu: 2, memoryGiB: 4 },
  xinchuang: { certified: false },
};

/** a draft holding an offering and a plan that the draft itself added (so the sub-center may remove them) */
async function draftWithExtras(): Promise<Fx> {
  let r = (await revisionIn('DRAFT'))!;
  const detail = await as('bdc', t.http.get(`/api/catalog/revisions/${r.number}`));
  const offerings = detail.body.offerings as { code: string; plans: { code: string }[] }[];
  const extra = offerings.find((o) => o.code === EXTRA_OFFERING);
  if (!extra) {
    const res = await as('bdc', t.http.put(`/api/catalog/revisions/${r.number}/offerings/${EXTRA_OFFERING}`).set('If-Match', etag(r.version)).send(offeringBody));
    expect(res.status, res.text).toBe(200);
    r = await revision(r.number);
  }
  if (!extra?.plans.some((p) => p.code === EXTRA_PLAN)) {
    const res = await as('bdc', t.http.put(`/api/catalog/revisions/${r.number}/offerings/${EXTRA_OFFERING}/plans/${EXTRA_PLAN}`).set('If-Match', etag(r.version)).send(planBody));
    expect(res.status, res.text).toBe(200);
    r = await revision(r.number);
  }
  return { number: r.number, ifMatch: etag(r.version) };
}

let org: { id: string; code: string };
let target: { id: string; username: string };
const ids = new Map<SignedIn, string>();

async function orgFx(): Promise<Fx> {
  const res = await as('admin', t.http.get('/api/orgs'));
  const found = (res.body.items as { id: string; version: number }[]).find((o) => o.id === org.id)!;
  return { id: org.id, ifMatch: etag(found.version) };
}

/** the organisation fixture with a fresh alias */
async function aliasFx(): Promise<Fx> {
  const res = await as('admin', t.http.post(`/api/orgs/${org.id}/aliases`).send({ alias: unique('矩阵夹具别名') }));
  expect(res.status, res.text).toBe(201);
  return { id: org.id, aliasId: res.body.id as string };
}

/** the organisation fixture with a webhook set (its ETag as If-Match) */
async function webhookFx(): Promise<Fx> {
  const current = await as('admin', t.http.get(`/api/orgs/${org.id}/webhook`));
  const req = t.http.put(`/api/orgs/${org.id}/webhook`).send({ url: 'https://203.0.113.10/robot', enabled: true });
  const res = await as('admin', current.body.configured ? req.set('If-Match', current.headers['etag'] as string) : req);
  expect(res.status, res.text).toBe(200);
  return { id: org.id, ifMatch: res.headers['etag'] as string };
}

/** an e-mail that failed after its last retry */
async function failedDeliveryFx(): Promise<Fx> {
  const d = await t.platform.db.prisma.notificationDelivery.create({
    data: { channel: 'EMAIL', target: 'matrix@example.gov.cn', dedupeKey: unique('matrix:'), subject: '矩阵测试', payload: { subject: '矩阵测试', text: '' }, state: 'FAILED', attempts: 3, lastError: 'connect ECONNREFUSED' },
  });
  return { id: d.id };
}

async function userFx(id: string): Promise<Fx> {
  const res = await as('admin', t.http.get(`/api/users/${id}`));
  expect(res.status, res.text).toBe(200);
  return { id, ifMatch: res.headers['etag'] as string };
}

const targetFx = () => userFx(target.id);
/** the caller's own account (the public gets the target account) */
const ownFx = async (who: Who) => (who === 'anonymous' ? targetFx() : userFx(ids.get(who)!));

async function login(username: string): Promise<Response> {
  return call(t.http.post('/api/auth/login').send({ username, password: DEMO_PASSWORD }));
}

// ───────────────────────── project fixtures ─────────────────────────

let today: LocalDate = '2026-11-02';
/**
 * A notice that ended before today (establishment may follow) and one that is running today. A notice starts today
 * at the earliest, so the ended one is opened on its first day: the fixture steps back to 2026-10-12 for that.
 */
const ENDED_NOTICE: { startDate: LocalDate; endDate: LocalDate } = { startDate: '2026-10-12', endDate: '2026-10-16' };
const RUNNING_NOTICE: { startDate: LocalDate; endDate: LocalDate } = { startDate: '2026-11-02', endDate: '2026-11-06' };

/** runs `fn` with the platform's "today" set to `date`, then restores it */
async function on<T>(date: LocalDate, fn: () => Promise<T>): Promise<T> {
  const saved = today;
  today = date;
  try {
    return await fn();
  } finally {
    today = saved;
  }
}

const ACCEPTANCE = {
  acceptanceDate: '2026-11-02', // the day the fixtures are established: completion follows establishment
  evidence: { dataSharingConnected: true, informationResourcesProvided: true, onGovernmentCloud: true, secureControllableChecked: true },
  summary: '竣工验收通过',
};
const MINIMAL_PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

/** The states a fixture project can be put in (some states in two flavours). */
type Stage =
  | 'DRAFT'
  | 'GIA_REVIEW'
  | 'RETURNED' // returned by GIA
  | 'FINANCE_RETURNED' // returned by Finance, which stays one of its deciders
  | 'BUDGET_REVIEW'
  | 'BUDGET_APPROVED'
  | 'PUBLIC_NOTICE' // the notice has ended, no objection: ready to be established
  | 'NOTICE_RUNNING' // the notice runs today: objections are taken, establishment must wait
  | 'OBJECTED' // the notice has ended with an objection nobody resolved
  | 'ESTABLISHED'
  | 'CHANGE_REVIEW'
  | 'ACCEPTED'
  | 'SUSPENDED'
  | 'TERMINATED';

/** `on`: the day the step is taken, when it is not today */
type Step = { who: SignedIn; action: string; body: object; on?: LocalDate };
const STAGES: Record<Stage, { status: string; from?: Stage; step?: Step; after?: (id: string) => Promise<void> }> = {
  DRAFT: { status: 'DRAFT' },
  GIA_REVIEW: { status: 'GIA_REVIEW', from: 'DRAFT', step: { who: 'dept', action: 'submit', body: {} } },
  RETURNED: { status: 'RETURNED', from: 'GIA_REVIEW', step: { who: 'gia', action: 'review', body: { decision: 'RETURN', dimensions: ALL_PASS, comment: '请补充' } } },
  BUDGET_REVIEW: { status: 'BUDGET_REVIEW', from: 'GIA_REVIEW', step: { who: 'gia', action: 'review', body: { decision: 'APPROVE', dimensions: ALL_PASS, comment: '同意' } } },
  FINANCE_RETURNED: { status: 'RETURNED', from: 'BUDGET_REVIEW', step: { who: 'finance', action: 'budget-review', body: { decision: 'RETURN', comment: '预算偏高' } } },
  BUDGET_APPROVED: { status: 'BUDGET_APPROVED', from: 'BUDGET_REVIEW', step: { who: 'finance', action: 'budget-review', body: { decision: 'APPROVE', approvedAmount: 750000, comment: '核减' } } },
  PUBLIC_NOTICE: { status: 'PUBLIC_NOTICE', from: 'BUDGET_APPROVED', step: { who: 'gia', action: 'notice', body: ENDED_NOTICE, on: ENDED_NOTICE.startDate } },
  NOTICE_RUNNING: { status: 'PUBLIC_NOTICE', from: 'BUDGET_APPROVED', step: { who: 'gia', action: 'notice', body: RUNNING_NOTICE } },
  OBJECTED: {
    status: 'PUBLIC_NOTICE',
    from: 'BUDGET_APPROVED',
    step: { who: 'gia', action: 'notice', body: ENDED_NOTICE, on: ENDED_NOTICE.startDate },
    // an objection raised while the notice ran
    after: async (id) => {
      const noticeId = (await as('auditor', t.http.get(`/api/projects/${id}`))).body.notices.at(-1).id as string;
      const res = await on('2026-10-14', () => call(t.http.post(`/api/notices/${noticeId}/objections`).send({ submitter: '市民', content: '有异议' })));
      expect(res.status, res.text).toBe(201);
    },
  },
  ESTABLISHED: { status: 'ESTABLISHED', from: 'PUBLIC_NOTICE', step: { who: 'gia', action: 'establish', body: {} } },
  CHANGE_REVIEW: { status: 'CHANGE_REVIEW', from: 'ESTABLISHED', step: { who: 'dept', action: 'change-request', body: { reason: '调整规模', lines: [VALID_LINES[0]] } } },
  ACCEPTED: { status: 'ACCEPTED', from: 'ESTABLISHED', step: { who: 'dept', action: 'acceptance', body: ACCEPTANCE } },
  SUSPENDED: { status: 'SUSPENDED', from: 'ESTABLISHED', step: { who: 'gia', action: 'suspend', body: { reason: '暂停拨付' } } },
  TERMINATED: { status: 'TERMINATED', from: 'ESTABLISHED', step: { who: 'gia', action: 'terminate', body: { reason: '终止' } } },
};

/**
 * Who may read a fixture project in each stage (core/access/abilities.ts, written out): the department and its
 * co-builder always, the auditor always, GIA once submitted, Finance once GIA approved it (or when it decided it),
 * the sub-center while it is under construction (established, in change review, accepted or suspended).
 */
const UNIT: SignedIn[] = ['auditor', 'dept', 'dept2'];
const READERS: Record<Stage, SignedIn[]> = {
  DRAFT: UNIT,
  GIA_REVIEW: [...UNIT, 'gia'],
  RETURNED: [...UNIT, 'gia'],
  FINANCE_RETURNED: [...UNIT, 'gia', 'finance'],
  BUDGET_REVIEW: [...UNIT, 'gia', 'finance'],
  BUDGET_APPROVED: [...UNIT, 'gia', 'finance'],
  PUBLIC_NOTICE: [...UNIT, 'gia', 'finance'],
  NOTICE_RUNNING: [...UNIT, 'gia', 'finance'],
  OBJECTED: [...UNIT, 'gia', 'finance'],
  ESTABLISHED: [...UNIT, 'gia', 'finance', 'bdc'],
  CHANGE_REVIEW: [...UNIT, 'gia', 'finance', 'bdc'],
  ACCEPTED: [...UNIT, 'gia', 'finance', 'bdc'],
  SUSPENDED: [...UNIT, 'gia', 'finance', 'bdc'],
  TERMINATED: [...UNIT, 'gia', 'finance'],
};

let coBuilderOrgId: string;

async function build(stage: Stage): Promise<string> {
  const spec = STAGES[stage];
  if (!spec.from) {
    const p = await buildValidDraft(t, 'dept', { name: unique('权限矩阵项目 '), coBuildingOrgIds: [coBuilderOrgId] });
    return p.id;
  }
  const id = await build(spec.from);
  const current = await as('auditor', t.http.get(`/api/projects/${id}`));
  const { who, action, body, on: day } = spec.step!;
  const send = () => as(who, t.http.post(`/api/projects/${id}/${action}`).set('If-Match', current.headers['etag'] as string).send(body));
  const res = day ? await on(day, send) : await send();
  if (res.status !== 200) throw new Error(`fixture ${who} ${action} → ${stage}: ${res.status} ${res.text}`);
  await spec.after?.(id);
  return id;
}

/**
 * The shared projects, one per stage, as last read. Refusals leave them as they are, so they are read again only
 * after a request on one of them succeeded (`dirty`, set by the runner below): a wrongly allowed change is noticed.
 */
const sharedProjects = new Map<Stage, Fx>();
const dirty = new Set<string>();

async function readProject(id: string): Promise<Fx & { status: string }> {
  const res = await as('auditor', t.http.get(`/api/projects/${id}`));
  expect(res.status, res.text).toBe(200);
  const notices = res.body.notices as { id: string }[];
  return { id, code: res.body.code, status: res.body.status, ifMatch: res.headers['etag'] as string, noticeId: notices.at(-1)?.id ?? '' };
}

/** A project in the stage with its current ETag; `fresh` builds a new one (for a row that will change it). */
async function project(stage: Stage, fresh = false): Promise<Fx> {
  if (fresh) return readProject(await build(stage));
  let fx = sharedProjects.get(stage);
  if (fx && dirty.has(String(fx.id))) {
    const now = await readProject(String(fx.id));
    dirty.delete(String(fx.id));
    fx = now.status === STAGES[stage].status ? { ...now, shared: stage } : undefined;
  }
  if (!fx) fx = { ...(await readProject(await build(stage))), shared: stage };
  sharedProjects.set(stage, fx);
  return fx;
}

/** a shared project whose security dossier holds one record (an emergency plan) with one document, filed by the department */
const securityRecords = new Map<string, { recordId: string; documentId: string }>();
async function withSecurityRecord(stage: Stage): Promise<Fx> {
  const fx = await project(stage);
  let filed = securityRecords.get(String(fx.id));
  if (!filed) {
    const res = await as('dept', t.http.post(`/api/projects/${fx.id}/security`).send(SECURITY_PLAN));
    expect(res.status, res.text).toBe(200);
    const recordId = res.body.records[0].id as string;
    const doc = await as('dept', t.http.post(`/api/projects/${fx.id}/security/documents`).field('recordId', recordId).attach('file', MINIMAL_PDF, '应急预案.pdf'));
    expect(doc.status, doc.text).toBe(201);
    filed = { recordId, documentId: doc.body.id as string };
    securityRecords.set(String(fx.id), filed);
  }
  return { ...fx, ...filed };
}
const SECURITY_PLAN = { kind: 'EMERGENCY_PLAN', planVersion: 'V1.0', issuedDate: '2026-10-08' };
/** who reads a project's security dossier: its unit, GIA and the auditor (the co-builder, Finance and the sub-center do not) */
const SECURITY_READERS: SignedIn[] = ['dept', 'gia', 'auditor'];

/** a shared project with one document the department uploaded (an application document while drafting) */
const documents = new Map<string, string>();
async function withDocument(stage: Stage): Promise<Fx> {
  const fx = await project(stage);
  let documentId = documents.get(String(fx.id));
  if (!documentId) {
    const kind = stage === 'DRAFT' ? 'PROPOSAL' : 'CONTRACT';
    const res = await as('dept', t.http.post(`/api/projects/${fx.id}/documents`).field('kind', kind).attach('file', MINIMAL_PDF, '合同.pdf'));
    expect(res.status, res.text).toBe(201);
    documentId = res.body.id as string;
    documents.set(String(fx.id), documentId);
    dirty.add(String(fx.id)); // an upload bumps the project's version
  }
  return { ...(await project(stage)), documentId };
}

/** the shared established project with an open rectification deadline */
const deadlines = new Map<string, string>();
async function withDeadline(): Promise<Fx> {
  const fx = await project('ESTABLISHED');
  let deadlineId = deadlines.get(String(fx.id));
  if (!deadlineId) {
    const res = await as('gia', t.http.post(`/api/projects/${fx.id}/rectification-notices`).send({ issues: '矩阵整改事项', issuedDate: today }));
    expect(res.status, res.text).toBe(200);
    deadlineId = (res.body.deadlines as { id: string; ruleCode: string }[]).find((d) => d.ruleCode === 'RECTIFICATION_REPORT')!.id;
    deadlines.set(String(fx.id), deadlineId);
    dirty.add(String(fx.id));
  }
  return { ...(await project('ESTABLISHED')), deadlineId };
}

/** the running notice with a new objection from the public */
async function withObjection(): Promise<Fx> {
  const fx = await project('NOTICE_RUNNING');
  const res = await call(t.http.post(`/api/notices/${fx.noticeId}/objections`).send({ submitter: '市民李某', content: '请说明资金测算依据' }));
  expect(res.status, res.text).toBe(201);
  dirty.add(String(fx.id));
  return { ...(await project('NOTICE_RUNNING')), objectionId: res.body.id };
}

/** a spot-check Finance drew from the shared established project's self-evaluation (year SPOT_CHECK_YEAR, a past year no other row files for): a new one each time */
const SPOT_CHECK_YEAR = 2003;
let selfEvaluationFiled = false;
async function withSpotCheck(): Promise<Fx> {
  const fx = await project('ESTABLISHED');
  if (!selfEvaluationFiled) {
    const filed = await as('dept', t.http.post(`/api/projects/${fx.id}/filings`).send({ kind: 'SELF_EVALUATION', year: SPOT_CHECK_YEAR, summary: '矩阵自评' }));
    expect(filed.status, filed.text).toBe(200);
    selfEvaluationFiled = true;
    dirty.add(String(fx.id));
  }
  const drawn = await as('finance', t.http.post('/api/evaluations/spot-checks').send({ year: SPOT_CHECK_YEAR, size: 1 }));
  expect(drawn.status, drawn.text).toBe(201);
  return { spotCheckId: drawn.body.id, spotCheckEtag: drawn.headers.etag, itemId: drawn.body.items[0].id };
}

// ── the migration survey (摸底调查): a campaign the sub-center opens asking the education bureau (dept's), new each time
const orgIds = new Map<SignedIn, string>();
async function orgOf(who: SignedIn): Promise<string> {
  if (!orgIds.has(who)) orgIds.set(who, (await as(who, t.http.get('/api/auth/me'))).body.user.orgId);
  return orgIds.get(who)!;
}
async function surveyFx(): Promise<Fx> {
  const opened = await as('bdc', t.http.post('/api/survey/campaigns').send({ title: unique('矩阵摸底'), dueDate: '2026-11-30', orgIds: [await orgOf('dept')] }));
  expect(opened.status, opened.text).toBe(201);
  return { campaignId: opened.body.id, campaignEtag: opened.headers.etag, responseId: opened.body.responses[0].responseId, responseEtag: etag(opened.body.responses[0].version) };
}
/** the same, answered: nothing to declare */
async function surveyAnsweredFx(): Promise<Fx> {
  const fx = await surveyFx();
  const declared = await as('dept', t.http.post(`/api/survey/responses/${fx.responseId}/declare-none`).set('If-Match', String(fx.responseEtag)).send({ reason: '矩阵无系统' }));
  expect(declared.status, declared.text).toBe(200);
  return { ...fx, responseEtag: declared.headers.etag };
}
/** who runs the survey, who reads every campaign */
const SURVEY_RUNNERS: SignedIn[] = ['bdc', 'gia'];
const SURVEY_READERS: SignedIn[] = ['auditor', 'bdc', 'gia'];
/** the organisations not asked: they read survey responses (their own), never this one */
const SURVEY_OTHERS: SignedIn[] = ['finance', 'dept2', 'county'];

/** Reads a binary body into a Buffer (JSON errors are still parsed as JSON). */
function binary(res: NodeJS.ReadableStream & { headers: Record<string, string> }, done: (err: Error | null, body: unknown) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => {
    const buf = Buffer.concat(chunks);
    done(null, /json/.test(res.headers['content-type'] ?? '') ? JSON.parse(buf.toString('utf8')) : buf);
  });
}

// The system and the security administrator have no rule on projects at all (三员分立: no business data). They are
// refused the whole type, 403 for any id, existing or not, as GET /api/projects refuses them; so no project's
// existence is revealed, and the attempt is audited. (Regression guard: core/access/abilities.ts readableWhere used to
// hand Prisma `{ OR: [] }` for them, which inside `{ AND: [{ id }, …] }` matched every project: they read every
// project, drafts and documents included.)
const ADMIN_REFUSED: Outcome = FORBIDDEN;
const ADMINS: SignedIn[] = ['admin', 'secadmin'];

/**
 * The rows of an action on a project in `stage`: the public 401, the named rows, then every other role 403 if it may
 * read the project and 404 if it may not (the two administrators: 403, above).
 */
function projectRows(stage: Stage, named: [Who[], Outcome][]): [Who[], Outcome][] {
  const taken = new Set(named.flatMap(([w]) => w));
  const rest = (readable: boolean) => SIGNED_IN.filter((r) => !taken.has(r) && !ADMINS.includes(r) && READERS[stage].includes(r) === readable);
  const rows: [Who[], Outcome][] = [[ANON, UNAUTH], ...named, [rest(true), FORBIDDEN], [rest(false), HIDDEN], [ADMINS.filter((r) => !taken.has(r)), ADMIN_REFUSED]];
  return rows.filter(([w]) => w.length > 0);
}

/** The rows of a read of a project in `stage`: its readers get it, everyone else signed in 404. */
function readRows(stage: Stage, check?: Outcome['check']): [Who[], Outcome][] {
  return projectRows(stage, [[READERS[stage], ok(200, check)]]);
}

/** A change or transition on a project: `fresh` are the roles whose row succeeds and so gets a project of its own. */
function onProject(
  route: string,
  stage: Stage,
  request: Endpoint['request'],
  named: [Who[], Outcome][],
  opts: { variant?: string; fresh?: SignedIn[] } = {},
): Endpoint {
  return {
    route,
    variant: opts.variant ?? stage.toLowerCase().replace(/_/g, ' '),
    prepare: (who) => project(stage, opts.fresh?.includes(who as SignedIn) ?? false),
    request,
    rows: projectRows(stage, named),
  };
}

/** POST /api/projects/:id/<action> with the fixture's If-Match */
const act =
  (action: string, body: object = {}): Endpoint['request'] =>
  (h, fx) =>
    h.post(`/api/projects/${fx.id}/${action}`).set('If-Match', String(fx.ifMatch)).send(body);

const statusIs = (status: string) => (res: Response) => expect(res.body.status).toBe(status);
/** suspension and termination keep GIA's reason on the project; resumption clears it */
const statusWithReason = (status: string, reason: string | null) => (res: Response) => expect(res.body).toMatchObject({ status, statusReason: reason });
const idsIn = (res: Response) => (res.body.items as { id: string }[]).map((i) => i.id);

// The co-building department (dept2) reads the project but may never change it, in any state: 403, whatever the state
// and the If-Match. (Regression guard: projects/guard.ts openProjectForChange used to check the permission on this
// project last, after the version and the state, so dept2 got 409 INVALID_TRANSITION — or 412 / 428 — instead.)
const COBUILDER: Outcome = FORBIDDEN;

// A caller who may take the action in another state is told 409, on the endpoints that are not transitions too
// (filings, rectification notices, documents). (Regression guard: they used to fold the state into the permission
// check and answer 403, writing an access.denied record for what is a state conflict.)
const NOT_IN_THIS_STATE: Outcome = passed(409, 'INVALID_TRANSITION');

const FILING = { kind: 'PROGRESS', period: '2026年第四季度', progressPercent: 40, fundsUsed: 200000, summary: '按计划推进' };
const CONTRACT = { kind: 'CONTRACT', signedDate: '2026-11-02', contractNo: 'YC-MX-001', contractor: '某信息技术有限公司', amount: 600000 };

// ── the yearly assessments (Art. 25, 40): GIA drafts and confirms; the auditor reads all; a department its own ──
// confirmed one, Finance every confirmed one; a county its own confirmed scorecard
let assessedYear = 2000;
/** a year no assessment of the fixtures' organisations has yet */
const nextYear = () => assessedYear++;
async function orgAssessment(confirmed: boolean, scored = confirmed): Promise<Fx> {
  const orgId = (await as('dept', t.http.get('/api/auth/me'))).body.user.orgId as string;
  let res = await as('gia', t.http.post('/api/assessments/departments').send({ orgId, year: nextYear() }));
  expect(res.status, res.text).toBe(201);
  if (scored) res = await as('gia', t.http.patch(`/api/assessments/departments/${res.body.id}`).set('If-Match', res.headers.etag as string).send({ score: 80, grade: 'GOOD' }));
  if (confirmed) res = await as('gia', t.http.post(`/api/assessments/departments/${res.body.id}/confirm`).set('If-Match', res.headers.etag as string));
  expect(res.status, res.text).toBe(200 + (scored || confirmed ? 0 : 1));
  return { id: res.body.id, ifMatch: res.headers.etag as string };
}
async function countyAssessment(graded: boolean): Promise<Fx> {
  let res = await as('gia', t.http.post('/api/assessments/counties').send({ county: 'YANHU', year: nextYear() }));
  expect(res.status, res.text).toBe(201);
  if (graded) res = await as('gia', t.http.patch(`/api/assessments/counties/${res.body.id}`).set('If-Match', res.headers.etag as string).send({ grade: 'PASS' }));
  return { id: res.body.id, ifMatch: res.headers.etag as string };
}
/** who may not read an assessment type at all: 403 on every route of it */
const NO_ORG_ASSESSMENTS: SignedIn[] = ['admin', 'secadmin', 'bdc'];
const NO_COUNTY_ASSESSMENTS: SignedIn[] = ['admin', 'secadmin', 'bdc', 'finance', 'dept', 'dept2'];
const sheet = (res: Response) => expect(res.headers['content-type']).toContain('spreadsheetml');

// ───────────────────────── the matrix ─────────────────────────

const numbersIn = (res: Response) => (res.body.items as { number: number }[]).map((i) => i.number);

/** who reads Finance's spot-checks: Finance, GIA (it follows up an 不合格) and the auditor */
const SPOT_CHECK_READERS: SignedIn[] = ['auditor', 'gia', 'finance'];
const EVALUATION = {
  dimensions: Object.fromEntries(['usage', 'resourceFit', 'satisfaction', 'efficiency', 'sustainability', 'security'].map((d) => [d, { score: 80 }])),
  grade: 'GOOD',
  conclusion: '矩阵评价',
};

const matrix: Endpoint[] = [
  // ── health and the API description: public ──
  { route: 'GET /healthz', request: (h) => h.get('/healthz'), rows: [[EVERYONE, ok()]] },
  { route: 'GET /readyz', request: (h) => h.get('/readyz'), rows: [[EVERYONE, ok()]] },
  { route: 'GET /api/openapi.json', request: (h) => h.get('/api/openapi.json'), rows: [[EVERYONE, ok()]] },

  // ── sign-in and the current user ──
  {
    route: 'POST /api/auth/login',
    variant: 'own credentials (the public signs in as dept2)',
    request: (h, _fx, who) => h.post('/api/auth/login').send({ username: who === 'anonymous' ? 'dept2' : who, password: DEMO_PASSWORD }),
    rows: [[EVERYONE, ok(200, (res) => expect(res.body.token).toMatch(/^zy_/))]],
  },
  {
    route: 'GET /api/auth/me',
    request: (h) => h.get('/api/auth/me'),
    rows: [
      [ANON, UNAUTH],
      [SIGNED_IN, ok(200, (res, who) => expect(res.body.user.username).toBe(who))],
    ],
  },
  {
    route: 'GET /api/console/counts',
    request: (h) => h.get('/api/console/counts'),
    rows: [
      [ANON, UNAUTH],
      // counted with the reader's own rights (test/api/console-counts.test.ts); the administrators have no queue
      [SIGNED_IN, ok(200, (res, who) => expect(Object.keys(res.body.counts).length > 0).toBe(!['admin', 'secadmin'].includes(who)))],
    ],
  },
  {
    route: 'POST /api/auth/password',
    variant: 'to the same password (refused after the sign-in check, so the matrix keeps every password)',
    request: (h) => h.post('/api/auth/password').send({ currentPassword: DEMO_PASSWORD, newPassword: DEMO_PASSWORD }),
    rows: [
      [ANON, UNAUTH],
      [SIGNED_IN, passed(422, 'PASSWORD_REUSED', (res) => expect(res.body.fields).toEqual([expect.objectContaining({ path: 'newPassword', code: 'PASSWORD_REUSED' })]))],
    ],
  },
  {
    route: 'POST /api/auth/logout',
    variant: 'a fresh session',
    freshSession: true,
    request: (h) => h.post('/api/auth/logout'),
    rows: [
      [ANON, UNAUTH],
      [SIGNED_IN, ok(204)],
    ],
  },

  // ── single sign-on: off on this platform (test/security/oidc-sso.test.ts runs it against a real provider) ──
  { route: 'GET /api/auth/providers', request: (h) => h.get('/api/auth/providers'), rows: [[EVERYONE, ok(200, (res) => expect(res.body).toEqual({ password: true, oidc: null }))]] },
  {
    route: 'GET /api/auth/oidc/start',
    variant: 'not configured, asked for JSON',
    request: (h) => h.get('/api/auth/oidc/start').set('Accept', 'application/json'),
    rows: [[EVERYONE, { status: 404, code: 'OIDC_NOT_CONFIGURED' }]],
  },
  {
    route: 'GET /api/auth/oidc/callback',
    variant: 'not configured, asked for JSON',
    request: (h) => h.get('/api/auth/oidc/callback?code=c&state=s').set('Accept', 'application/json'),
    rows: [[EVERYONE, { status: 404, code: 'OIDC_NOT_CONFIGURED' }]],
  },
  {
    route: 'POST /api/auth/oidc/complete',
    variant: 'not configured',
    request: (h) => h.post('/api/auth/oidc/complete').send({ ticket: 'no-such-ticket' }),
    rows: [[EVERYONE, { status: 404, code: 'OIDC_NOT_CONFIGURED' }]],
  },

  // ── the published catalog: public ──
  { route: 'GET /api/catalog', request: (h) => h.get('/api/catalog'), rows: [[EVERYONE, ok(200, (res) => expect(res.body.offerings.length).toBeGreaterThan(0))]] },
  {
    route: 'GET /api/catalog/export',
    variant: 'current, CSV',
    request: (h) => h.get('/api/catalog/export?format=csv'),
    rows: [[EVERYONE, ok(200, (res) => expect(res.headers['content-type']).toMatch(/^text\/csv/))]],
  },
  {
    route: 'GET /api/catalog/export',
    variant: 'revision 1, XLSX',
    request: (h) => h.get('/api/catalog/export?revision=1&format=xlsx').buffer(true),
    rows: [[EVERYONE, ok(200, (res) => expect(res.headers['content-type']).toMatch(/spreadsheetml/))]],
  },
  {
    route: 'GET /api/catalog/export',
    variant: 'a draft (only published revisions are exported)',
    prepare: () => rev('DRAFT'),
    request: (h, fx) => h.get(`/api/catalog/export?revision=${fx.number}&format=csv`),
    rows: [[EVERYONE, HIDDEN]],
  },

  // ── revisions: reading ──
  {
    route: 'GET /api/catalog/revisions',
    variant: 'while a draft is open',
    prepare: () => rev('DRAFT'),
    request: (h) => h.get('/api/catalog/revisions'),
    rows: [
      [['anonymous', ...DRAFT_HIDDEN], ok(200, (res, _w, fx) => expect(numbersIn(res)).not.toContain(fx.number))],
      [DRAFT_READERS, ok(200, (res, _w, fx) => expect(numbersIn(res)).toContain(fx.number))],
    ],
  },
  {
    route: 'GET /api/catalog/revisions',
    variant: 'while a revision is submitted',
    prepare: () => rev('SUBMITTED'),
    request: (h) => h.get('/api/catalog/revisions'),
    rows: [
      [['anonymous', ...REVIEW_HIDDEN], ok(200, (res, _w, fx) => expect(numbersIn(res)).not.toContain(fx.number))],
      [REVIEW_READERS, ok(200, (res, _w, fx) => expect(numbersIn(res)).toContain(fx.number))],
    ],
  },
  {
    // public as the list is; each reader's export holds the revisions the list shows them (test/api/catalog-lists.test.ts)
    route: 'GET /api/catalog/revisions/export',
    variant: 'while a draft is open',
    prepare: () => rev('DRAFT'),
    request: (h) => h.get('/api/catalog/revisions/export').buffer(true),
    rows: [[EVERYONE, ok(200, (res) => expect(res.headers['content-type']).toContain('spreadsheetml'))]],
  },
  {
    route: 'GET /api/catalog/revisions/{number}',
    variant: 'published',
    prepare: published,
    request: (h, fx) => h.get(`/api/catalog/revisions/${fx.number}`),
    rows: [[EVERYONE, ok(200, (res) => expect(res.headers['etag']).toMatch(/^"v\d+"$/))]],
  },
  {
    route: 'GET /api/catalog/revisions/{number}',
    variant: 'draft',
    prepare: () => rev('DRAFT'),
    request: (h, fx) => h.get(`/api/catalog/revisions/${fx.number}`),
    rows: [
      [ANON, HIDDEN],
      [DRAFT_HIDDEN, HIDDEN],
      [DRAFT_READERS, ok()],
    ],
  },
  {
    route: 'GET /api/catalog/revisions/{number}',
    variant: 'submitted',
    prepare: () => rev('SUBMITTED'),
    request: (h, fx) => h.get(`/api/catalog/revisions/${fx.number}`),
    rows: [
      [ANON, HIDDEN],
      [REVIEW_HIDDEN, HIDDEN],
      [REVIEW_READERS, ok()],
    ],
  },
  {
    route: 'GET /api/catalog/revisions/{number}/diff',
    variant: 'published',
    prepare: published,
    request: (h, fx) => h.get(`/api/catalog/revisions/${fx.number}/diff`),
    rows: [[EVERYONE, ok()]],
  },
  {
    route: 'GET /api/catalog/revisions/{number}/diff',
    variant: 'draft',
    prepare: () => rev('DRAFT'),
    request: (h, fx) => h.get(`/api/catalog/revisions/${fx.number}/diff`),
    rows: [
      [ANON, HIDDEN],
      [DRAFT_HIDDEN, HIDDEN],
      [DRAFT_READERS, ok()],
    ],
  },

  // ── revisions: drafting (the sub-center) ──
  {
    route: 'POST /api/catalog/revisions',
    variant: 'none open',
    prepare: async () => (await revisionIn('NONE'), {}),
    request: (h) => h.post('/api/catalog/revisions').send({ title: '权限矩阵草稿' }),
    rows: [
      [ANON, UNAUTH],
      [allBut('bdc'), FORBIDDEN],
      [['bdc'], ok(201, (res) => expect(res.headers['location']).toBe(`/api/catalog/revisions/${res.body.number}`))],
    ],
  },
  {
    route: 'POST /api/catalog/revisions',
    variant: 'one already open',
    prepare: () => rev('DRAFT'),
    request: (h) => h.post('/api/catalog/revisions').send({ title: '权限矩阵草稿' }),
    rows: [
      [ANON, UNAUTH],
      [allBut('bdc'), FORBIDDEN],
      [['bdc'], passed(409, 'REVISION_STILL_OPEN', (res, _w, fx) => expect(res.body.message).toContain(String(fx.number)))],
    ],
  },
  {
    route: 'PATCH /api/catalog/revisions/{number}',
    variant: 'draft',
    prepare: () => rev('DRAFT'),
    request: (h, fx) => h.patch(`/api/catalog/revisions/${fx.number}`).set('If-Match', String(fx.ifMatch)).send({ notes: '矩阵' }),
    rows: [
      [ANON, UNAUTH],
      [DRAFT_HIDDEN, HIDDEN],
      [['auditor'], FORBIDDEN],
      [['bdc'], ok(200, (res) => expect(res.headers['etag']).toBe(etag(res.body.version)))],
    ],
  },
  {
    route: 'PATCH /api/catalog/revisions/{number}',
    variant: 'submitted',
    prepare: () => rev('SUBMITTED'),
    request: (h, fx) => h.patch(`/api/catalog/revisions/${fx.number}`).set('If-Match', String(fx.ifMatch)).send({ notes: '矩阵' }),
    rows: [
      [ANON, UNAUTH],
      [REVIEW_HIDDEN, HIDDEN],
      [['auditor', 'gia', 'finance'], FORBIDDEN],
      [['bdc'], passed(409, 'INVALID_TRANSITION')],
    ],
  },
  {
    route: 'PATCH /api/catalog/revisions/{number}',
    variant: 'published',
    prepare: published,
    request: (h, fx) => h.patch(`/api/catalog/revisions/${fx.number}`).set('If-Match', String(fx.ifMatch)).send({ notes: '矩阵' }),
    rows: [
      [ANON, UNAUTH],
      [allBut('bdc'), FORBIDDEN],
      [['bdc'], passed(409, 'INVALID_TRANSITION')],
    ],
  },
  {
    route: 'PUT /api/catalog/revisions/{number}/offerings/{code}',
    variant: 'draft',
    prepare: () => rev('DRAFT'),
    request: (h, fx) => h.put(`/api/catalog/revisions/${fx.number}/offerings/perm-offering`).set('If-Match', String(fx.ifMatch)).send(offeringBody),
    rows: [
      [ANON, UNAUTH],
      [DRAFT_HIDDEN, HIDDEN],
      [['auditor'], FORBIDDEN],
      [['bdc'], ok(200, (res) => expect((res.body.offerings as { code: string }[]).map((o) => o.code)).toContain('perm-offering'))],
    ],
  },
  {
    route: 'PUT /api/catalog/revisions/{number}/offerings/{code}',
    variant: 'published',
    prepare: published,
    request: (h, fx) => h.put(`/api/catalog/revisions/${fx.number}/offerings/vm-general`).set('If-Match', String(fx.ifMatch)).send(offeringBody),
    rows: [
      [ANON, UNAUTH],
      [allBut('bdc'), FORBIDDEN],
      [['bdc'], passed(409, 'INVALID_TRANSITION')],
    ],
  },
  {
    route: 'DELETE /api/catalog/revisions/{number}/offerings/{code}',
    variant: 'draft, an offering it added',
    prepare: draftWithExtras,
    request: (h, fx) => h.delete(`/api/catalog/revisions/${fx.number}/offerings/${EXTRA_OFFERING}`).set('If-Match', String(fx.ifMatch)),
    rows: [
      [ANON, UNAUTH],
      [DRAFT_HIDDEN, HIDDEN],
      [['auditor'], FORBIDDEN],
      [['bdc'], ok(200, (res) => expect((res.body.offerings as { code: string }[]).map((o) => o.code)).not.toContain(EXTRA_OFFERING))],
    ],
  },
  {
    route: 'DELETE /api/catalog/revisions/{number}/offerings/{code}',
    variant: 'draft, an offering the published catalog has (retire only)',
    prepare: () => rev('DRAFT'),
    request: (h, fx) => h.delete(`/api/catalog/revisions/${fx.number}/offerings/vm-general`).set('If-Match', String(fx.ifMatch)),
    rows: [
      [ANON, UNAUTH],
      [DRAFT_HIDDEN, HIDDEN],
      [['auditor'], FORBIDDEN],
      [['bdc'], passed(409, 'PUBLISHED_ITEM_RETIRE_ONLY')],
    ],
  },
  {
    route: 'DELETE /api/catalog/revisions/{number}/offerings/{code}',
    variant: 'published',
    prepare: published,
    request: (h, fx) => h.delete(`/api/catalog/revisions/${fx.number}/offerings/vm-general`).set('If-Match', String(fx.ifMatch)),
    rows: [
      [ANON, UNAUTH],
      [allBut('bdc'), FORBIDDEN],
      [['bdc'], passed(409, 'INVALID_TRANSITION')],
    ],
  },
  {
    route: 'PUT /api/catalog/revisions/{number}/offerings/{code}/plans/{planCode}',
    variant: 'draft',
    prepare: () => rev('DRAFT'),
    request: (h, fx) => h.put(`/api/catalog/revisions/${fx.number}/offerings/vm-general/plans/perm-plan`).set('If-Match', String(fx.ifMatch)).send(planBody),
    rows: [
      [ANON, UNAUTH],
      [DRAFT_HIDDEN, HIDDEN],
      [['auditor'], FORBIDDEN],
      [['bdc'], ok()],
    ],
  },
  {
    route: 'PUT /api/catalog/revisions/{number}/offerings/{code}/plans/{planCode}',
    variant: 'published',
    prepare: published,
    request: (h, fx) => h.put(`/api/catalog/revisions/${fx.number}/offerings/vm-general/plans/vm-general-2c4g`).set('If-Match', String(fx.ifMatch)).send(planBody),
    rows: [
      [ANON, UNAUTH],
      [allBut('bdc'), FORBIDDEN],
      [['bdc'], passed(409, 'INVALID_TRANSITION')],
    ],
  },
  {
    route: 'DELETE /api/catalog/revisions/{number}/offerings/{code}/plans/{planCode}',
    variant: 'draft, a plan it added',
    prepare: draftWithExtras,
    request: (h, fx) => h.delete(`/api/catalog/revisions/${fx.number}/offerings/${EXTRA_OFFERING}/plans/${EXTRA_PLAN}`).set('If-Match', String(fx.ifMatch)),
    rows: [
      [ANON, UNAUTH],
      [DRAFT_HIDDEN, HIDDEN],
      [['auditor'], FORBIDDEN],
      [['bdc'], ok()],
    ],
  },
  {
    route: 'DELETE /api/catalog/revisions/{number}/offerings/{code}/plans/{planCode}',
    variant: 'published',
    prepare: published,
    request: (h, fx) => h.delete(`/api/catalog/revisions/${fx.number}/offerings/vm-general/plans/vm-general-2c4g`).set('If-Match', String(fx.ifMatch)),
    rows: [
      [ANON, UNAUTH],
      [allBut('bdc'), FORBIDDEN],
      [['bdc'], passed(409, 'INVALID_TRANSITION')],
    ],
  },

  // ── revisions: the workflow (submit → approve ×2 → publish; return; discard) ──
  workflow('submit', 'DRAFT', [
    [DRAFT_HIDDEN, HIDDEN],
    [['auditor'], FORBIDDEN],
    [['bdc'], ok(200, (res) => expect(res.body.status).toBe('SUBMITTED'))],
  ]),
  workflow('submit', 'SUBMITTED', [
    [REVIEW_HIDDEN, HIDDEN],
    [['auditor', 'gia', 'finance'], FORBIDDEN],
    [['bdc'], passed(409, 'INVALID_TRANSITION')],
  ]),
  workflow('approve', 'SUBMITTED', [
    [REVIEW_HIDDEN, HIDDEN],
    [['auditor', 'bdc'], FORBIDDEN],
    [['gia', 'finance'], ok(200, (res) => expect(res.body.status).toBe('SUBMITTED'))],
  ]),
  {
    ...workflow('approve', 'SUBMITTED', [
      [REVIEW_HIDDEN, HIDDEN],
      [['auditor', 'bdc'], FORBIDDEN],
      [['gia', 'finance'], passed(409, 'ALREADY_REVIEWED')],
    ]),
    variant: 'submitted, this reviewer already approved this round',
    prepare: async (who) => {
      const fx = await rev('SUBMITTED');
      if (who !== 'gia' && who !== 'finance') return fx;
      await transition(who, await revision(Number(fx.number)), 'approve', 200);
      return { number: fx.number, ifMatch: etag((await revision(Number(fx.number))).version) };
    },
  },
  workflow('approve', 'DRAFT', [
    [DRAFT_HIDDEN, HIDDEN],
    [['auditor', 'bdc'], FORBIDDEN],
  ]),
  workflow('approve', 'PUBLISHED', [
    [allBut('gia', 'finance'), FORBIDDEN],
    [['gia', 'finance'], passed(409, 'INVALID_TRANSITION')],
  ]),
  workflow('return', 'SUBMITTED', [
    [REVIEW_HIDDEN, HIDDEN],
    [['auditor', 'bdc'], FORBIDDEN],
    [['gia', 'finance'], ok(200, (res) => expect(res.body.status).toBe('DRAFT'))],
  ]),
  workflow('return', 'APPROVED', [
    [REVIEW_HIDDEN, HIDDEN],
    [['auditor', 'bdc'], FORBIDDEN],
    [['gia', 'finance'], passed(409, 'INVALID_TRANSITION')],
  ]),
  workflow('publish', 'APPROVED', [
    [REVIEW_HIDDEN, HIDDEN],
    [['auditor', 'finance', 'bdc'], FORBIDDEN],
    [['gia'], ok(200, (res) => expect(res.body.status).toBe('PUBLISHED'))],
  ]),
  workflow('publish', 'SUBMITTED', [
    [REVIEW_HIDDEN, HIDDEN],
    [['auditor', 'finance', 'bdc'], FORBIDDEN],
    [['gia'], passed(409, 'INVALID_TRANSITION')],
  ]),
  workflow('discard', 'DRAFT', [
    [DRAFT_HIDDEN, HIDDEN],
    [['auditor'], FORBIDDEN],
    [['bdc'], ok(204)],
  ]),
  workflow('discard', 'PUBLISHED', [
    [allBut('bdc'), FORBIDDEN],
    [['bdc'], passed(409, 'INVALID_TRANSITION')],
  ]),

  // ── the to-do centre and the inbox (todo/, notifications/): everyone signed in, each their own ──
  {
    route: 'GET /api/todo',
    request: (h) => h.get('/api/todo'),
    rows: [
      [ANON, UNAUTH],
      [SIGNED_IN, ok(200, (res) => expect(Array.isArray(res.body.items)).toBe(true))],
    ],
  },
  {
    route: 'GET /api/todo/done',
    request: (h) => h.get('/api/todo/done'),
    rows: [
      [ANON, UNAUTH],
      [SIGNED_IN, ok(200, (res) => expect(res.body.page).toBe(1))],
    ],
  },
  {
    route: 'GET /api/notifications',
    request: (h) => h.get('/api/notifications'),
    rows: [
      [ANON, UNAUTH],
      [SIGNED_IN, ok(200, (res) => expect(typeof res.body.unread).toBe('number'))],
    ],
  },
  {
    // nobody's notification: 404 for everyone (another person's is 404 too: test/api/notifications.test.ts)
    route: 'POST /api/notifications/{id}/read',
    request: (h) => h.post('/api/notifications/00000000-0000-4000-8000-000000000017/read'),
    rows: [
      [ANON, UNAUTH],
      [SIGNED_IN, { status: 404, code: 'NOT_FOUND' }],
    ],
  },
  {
    route: 'POST /api/notifications/read-all',
    request: (h) => h.post('/api/notifications/read-all'),
    rows: [
      [ANON, UNAUTH],
      [SIGNED_IN, ok(200, (res) => expect(typeof res.body.read).toBe('number'))],
    ],
  },
  // ── the working-day calendar (calendar/schedules.ts) ──
  {
    route: 'GET /api/calendar',
    request: (h) => h.get('/api/calendar').query({ year: 2026 }),
    rows: [
      [ANON, UNAUTH],
      [SIGNED_IN, ok(200, (res) => expect(res.body.year.source).toBe('published'))],
    ],
  },
  {
    // a 2026 schedule: the system administrator passes the permission check and is told the package has that year
    // already (loading a new year: test/api/holiday-schedules.test.ts)
    route: 'POST /api/calendar/schedules',
    request: (h) => h.post('/api/calendar/schedules').send({ format: 'table', text: '2026-01-01,休,元旦' }),
    rows: [
      [ANON, UNAUTH],
      [['admin'], passed(422, 'CALENDAR_NOTHING_NEW')],
      [allBut('admin'), FORBIDDEN],
    ],
  },
  // ── organisations ──
  {
    route: 'GET /api/orgs',
    request: (h) => h.get('/api/orgs'),
    rows: [
      [ANON, UNAUTH],
      [SIGNED_IN, ok(200, (res) => expect(res.body.items.length).toBeGreaterThanOrEqual(21))],
    ],
  },
  {
    route: 'GET /api/jurisdictions',
    request: (h) => h.get('/api/jurisdictions'),
    rows: [
      [EVERYONE, ok(200, (res) => expect(res.body.items.slice(0, 2).map((j: { code: string }) => j.code)).toEqual(['CITY', 'HEJIN']))],
    ],
  },
  {
    route: 'GET /api/orgs/export',
    request: (h) => h.get('/api/orgs/export').query({ kind: 'COUNTY' }).buffer(true),
    rows: [
      [ANON, UNAUTH],
      [SIGNED_IN, ok(200, (res) => expect(res.headers['content-type']).toContain('spreadsheetml'))],
    ],
  },
  {
    route: 'POST /api/orgs',
    request: (h) => h.post('/api/orgs').send({ code: unique('P_').toUpperCase().replace(/[^A-Z0-9_]/g, '_'), name: '矩阵测试机构', kind: 'DEPARTMENT' }),
    rows: [
      [ANON, UNAUTH],
      [allBut('admin'), FORBIDDEN],
      [['admin'], ok(201)],
    ],
  },
  {
    route: 'GET /api/orgs/recognise',
    request: (h) => h.get('/api/orgs/recognise').query({ name: '市教育局' }),
    rows: [
      [ANON, UNAUTH],
      [['admin', 'gia', 'bdc'], ok(200, (res) => expect(res.body).toMatchObject({ status: 'recognised', org: { code: 'EDU' } }))],
      [allBut('admin', 'gia', 'bdc'), FORBIDDEN],
    ],
  },
  {
    route: 'GET /api/orgs/{id}/aliases',
    prepare: orgFx,
    request: (h, fx) => h.get(`/api/orgs/${fx.id}/aliases`),
    rows: [
      [ANON, UNAUTH],
      [SIGNED_IN, ok(200)],
    ],
  },
  {
    route: 'POST /api/orgs/{id}/aliases',
    prepare: orgFx,
    request: (h, fx) => h.post(`/api/orgs/${fx.id}/aliases`).send({ alias: unique('矩阵别名') }),
    rows: [
      [ANON, UNAUTH],
      [allBut('admin'), FORBIDDEN],
      [['admin'], ok(201)],
    ],
  },
  {
    route: 'DELETE /api/orgs/{id}/aliases/{aliasId}',
    prepare: aliasFx,
    request: (h, fx) => h.delete(`/api/orgs/${fx.id}/aliases/${fx.aliasId}`),
    rows: [
      [ANON, UNAUTH],
      [allBut('admin'), FORBIDDEN],
      [['admin'], ok(204)],
    ],
  },
  {
    route: 'PATCH /api/orgs/{id}',
    prepare: orgFx,
    request: (h, fx) => h.patch(`/api/orgs/${fx.id}`).set('If-Match', String(fx.ifMatch)).send({ nameEn: 'Matrix organisation' }),
    rows: [
      [ANON, UNAUTH],
      [allBut('admin'), FORBIDDEN],
      [['admin'], ok()],
    ],
  },

  // ── notification settings (notifications/settings.ts) ──
  {
    route: 'GET /api/me/notification-preferences',
    request: (h) => h.get('/api/me/notification-preferences'),
    rows: [
      [ANON, UNAUTH],
      [SIGNED_IN, ok(200, (res) => expect(res.body.events.length).toBeGreaterThan(10))],
    ],
  },
  {
    route: 'PUT /api/me/notification-preferences',
    request: (h) => h.put('/api/me/notification-preferences').send({ emailEvents: [], webhookEvents: ['DEADLINE_OVERDUE'], emailDigest: false, locale: 'zh-CN' }),
    rows: [
      [ANON, UNAUTH],
      [SIGNED_IN, ok(200, (res) => expect(res.body.custom).toBe(true))],
    ],
  },
  {
    route: 'GET /api/orgs/{id}/webhook',
    prepare: orgFx,
    request: (h, fx) => h.get(`/api/orgs/${fx.id}/webhook`),
    rows: [
      [ANON, UNAUTH],
      [allBut('admin'), FORBIDDEN],
      [['admin'], ok(200, (res) => expect(res.body.secret).toBeUndefined())],
    ],
  },
  {
    // a documentation address (TEST-NET-3): public, so allowed without configuration, and never called here
    route: 'PUT /api/orgs/{id}/webhook',
    prepare: webhookFx,
    request: (h, fx) => h.put(`/api/orgs/${fx.id}/webhook`).set('If-Match', String(fx.ifMatch)).send({ url: 'https://203.0.113.10/robot', enabled: false }),
    rows: [
      [ANON, UNAUTH],
      [allBut('admin'), FORBIDDEN],
      [['admin'], ok(200, (res) => expect(res.body.enabled).toBe(false))],
    ],
  },
  {
    route: 'DELETE /api/orgs/{id}/webhook',
    prepare: webhookFx,
    request: (h, fx) => h.delete(`/api/orgs/${fx.id}/webhook`).set('If-Match', String(fx.ifMatch)),
    rows: [
      [ANON, UNAUTH],
      [allBut('admin'), FORBIDDEN],
      [['admin'], ok(204)],
    ],
  },
  {
    // on an organisation without a webhook: the administrator passes the check and is told there is none (calling
    // one: test/api/notification-webhooks.test.ts)
    route: 'POST /api/orgs/{id}/webhook/test',
    prepare: async () => {
      const fx = await webhookFx();
      expect((await as('admin', t.http.delete(`/api/orgs/${fx.id}/webhook`).set('If-Match', String(fx.ifMatch)))).status).toBe(204);
      return fx;
    },
    request: (h, fx) => h.post(`/api/orgs/${fx.id}/webhook/test`),
    rows: [
      [ANON, UNAUTH],
      [allBut('admin'), FORBIDDEN],
      [['admin'], HIDDEN],
    ],
  },
  {
    route: 'GET /api/admin/deliveries',
    request: (h) => h.get('/api/admin/deliveries').query({ state: 'FAILED' }),
    rows: [
      [ANON, UNAUTH],
      [allBut('admin', 'auditor'), FORBIDDEN],
      [['admin', 'auditor'], ok(200, (res) => expect(res.body.page).toBe(1))],
    ],
  },
  {
    route: 'POST /api/admin/deliveries/{id}/retry',
    prepare: failedDeliveryFx,
    request: (h, fx) => h.post(`/api/admin/deliveries/${fx.id}/retry`),
    rows: [
      [ANON, UNAUTH],
      [allBut('admin'), FORBIDDEN],
      [['admin'], ok(200, (res) => expect(res.body.state).toBe('PENDING'))],
    ],
  },

  // ── user accounts ──
  {
    route: 'GET /api/users',
    request: (h) => h.get('/api/users'),
    rows: [
      [ANON, UNAUTH],
      [['admin', 'secadmin', 'auditor'], ok(200, (res) => expect(res.body.total).toBeGreaterThanOrEqual(10))],
      // everyone else reads only their own account
      [allBut('admin', 'secadmin', 'auditor'), ok(200, (res, who) => expect(res.body.items.map((u: { username: string }) => u.username)).toEqual([who]))],
    ],
  },
  {
    // each reader's export holds the accounts (and fields) the list shows them (test/api/account-lists.test.ts)
    route: 'GET /api/users/export',
    request: (h) => h.get('/api/users/export').buffer(true),
    rows: [
      [ANON, UNAUTH],
      [SIGNED_IN, ok(200, (res) => expect(res.headers['content-type']).toContain('spreadsheetml'))],
    ],
  },
  {
    route: 'POST /api/users',
    variant: 'a business account',
    request: (h) => h.post('/api/users').send({ username: unique('mx.'), displayName: '矩阵用户', role: 'DEPT_USER', orgId: org.id, password: 'Matrix-Passw0rd!' }),
    rows: [
      [ANON, UNAUTH],
      [allBut('admin'), FORBIDDEN],
      [['admin'], ok(201, (res) => expect(res.body.role).toBe('DEPT_USER'))],
    ],
  },
  {
    route: 'POST /api/users',
    variant: 'an administrator account (the security administrator assigns those)',
    request: (h) => h.post('/api/users').send({ username: unique('mx.'), displayName: '矩阵审计员', role: 'AUDITOR', orgId: org.id, password: 'Matrix-Passw0rd!' }),
    rows: [
      [ANON, UNAUTH],
      [SIGNED_IN, FORBIDDEN],
    ],
  },
  {
    route: 'GET /api/users/{id}',
    variant: 'a business account',
    prepare: targetFx,
    request: (h, fx) => h.get(`/api/users/${fx.id}`),
    rows: [
      [ANON, UNAUTH],
      [['admin', 'secadmin', 'auditor'], ok(200, (res) => expect(res.body).toHaveProperty('version'))],
      [allBut('admin', 'secadmin', 'auditor'), HIDDEN],
    ],
  },
  {
    route: 'GET /api/users/{id}',
    variant: 'own account',
    prepare: ownFx,
    request: (h, fx) => h.get(`/api/users/${fx.id}`),
    rows: [
      [ANON, UNAUTH],
      [SIGNED_IN, ok(200, (res, who) => expect(res.body).toMatchObject({ username: who, version: expect.any(Number) }))],
    ],
  },
  {
    route: 'PATCH /api/users/{id}',
    variant: 'profile of a business account',
    prepare: targetFx,
    request: (h, fx) => h.patch(`/api/users/${fx.id}`).set('If-Match', String(fx.ifMatch)).send({ displayName: '矩阵目标用户' }),
    rows: [
      [ANON, UNAUTH],
      [['admin'], ok()],
      // the security administrator may change role and disabled only
      [['secadmin'], FORBIDDEN_FIELD],
      [allBut('admin', 'secadmin'), FORBIDDEN],
    ],
  },
  {
    route: 'PATCH /api/users/{id}',
    variant: 'role of a business account',
    prepare: targetFx,
    request: (h, fx) => h.patch(`/api/users/${fx.id}`).set('If-Match', String(fx.ifMatch)).send({ role: 'DEPT_USER' }),
    rows: [
      [ANON, UNAUTH],
      [['secadmin'], ok(200, (res) => expect(res.body.role).toBe('DEPT_USER'))],
      // the system administrator may not assign roles
      [['admin'], FORBIDDEN_FIELD],
      [allBut('admin', 'secadmin'), FORBIDDEN],
    ],
  },
  {
    route: 'PATCH /api/users/{id}',
    variant: 'own account',
    prepare: ownFx,
    request: (h, fx, who) => h.patch(`/api/users/${fx.id}`).set('If-Match', String(fx.ifMatch)).send(who === 'admin' ? { displayName: '系统管理员' } : { disabled: false }),
    rows: [
      [ANON, UNAUTH],
      // administrators may not change their own account here (the security administrator's own, or an administrator role)
      [SIGNED_IN, FORBIDDEN],
    ],
  },
  {
    route: 'POST /api/users/{id}/unlock',
    prepare: targetFx,
    request: (h, fx) => h.post(`/api/users/${fx.id}/unlock`),
    rows: [
      [ANON, UNAUTH],
      [['secadmin'], ok(200, (res) => expect(res.body).toMatchObject({ failedLogins: 0, lockedUntil: null }))],
      [allBut('secadmin'), FORBIDDEN],
    ],
  },
  {
    route: 'POST /api/users/{id}/reset-password',
    variant: 'a business account',
    prepare: targetFx,
    request: (h, fx) => h.post(`/api/users/${fx.id}/reset-password`).send({ password: 'Reset-Passw0rd!' }),
    rows: [
      [ANON, UNAUTH],
      [['secadmin'], ok(204)],
      [allBut('secadmin'), FORBIDDEN],
    ],
  },
  {
    route: 'POST /api/users/{id}/reset-password',
    variant: 'own account',
    prepare: ownFx,
    request: (h, fx) => h.post(`/api/users/${fx.id}/reset-password`).send({ password: 'Reset-Passw0rd!' }),
    rows: [
      [ANON, UNAUTH],
      [SIGNED_IN, FORBIDDEN],
    ],
  },

  // ── projects: creating, listing, queues ──
  {
    route: 'POST /api/projects',
    request: (h) => h.post('/api/projects').send({ ...BASICS, name: unique('矩阵新建项目 ') }),
    rows: [
      [ANON, UNAUTH],
      // departments and counties draft; everyone else (reviewers, the sub-center, administrators) does not
      [['dept', 'dept2', 'county'], ok(201, (res) => {
        expect(res.body).toMatchObject({ status: 'DRAFT', version: expect.any(Number) });
        expect(res.headers['location']).toBe(`/api/projects/${res.body.id}`);
      })],
      [allBut('dept', 'dept2', 'county'), FORBIDDEN],
    ],
  },
  ...(['GIA_REVIEW', 'FINANCE_RETURNED', 'ESTABLISHED'] as const).map(
    (stage): Endpoint => ({
      route: 'GET /api/projects',
      variant: `with a project in ${stage.toLowerCase().replace(/_/g, ' ')}`,
      prepare: () => project(stage),
      request: (h, fx) => h.get('/api/projects').query({ q: String(fx.code) }),
      rows: [
        [ANON, UNAUTH],
        // the administrators have no business with projects
        [['admin', 'secadmin'], FORBIDDEN],
        // each item names its organisation, as the queues and the operator's list show it
        [READERS[stage], ok(200, (res, _w, fx) => expect(res.body.items.map((i: { id: string; orgName: string }) => [i.id, i.orgName])).toEqual([[fx.id, '运城市教育局']]))],
        [SIGNED_IN.filter((r) => r !== 'admin' && r !== 'secadmin' && !READERS[stage].includes(r)), ok(200, (res) => expect(res.body.items).toEqual([]))],
      ],
    }),
  ),
  {
    // what each reader's export holds is the list they may read (test/api/project-lists.test.ts)
    route: 'GET /api/projects/export',
    variant: 'with a project in gia review',
    prepare: () => project('GIA_REVIEW'),
    request: (h, fx) => h.get('/api/projects/export').query({ q: String(fx.code) }),
    rows: [
      [ANON, UNAUTH],
      [['admin', 'secadmin'], FORBIDDEN],
      [allBut('admin', 'secadmin'), ok(200, (res) => expect(res.headers['content-type']).toContain('spreadsheetml'))],
    ],
  },
  ...([
    ['GIA_REVIEW', 'GIA_REVIEW', 'gia'],
    ['BUDGET_REVIEW', 'BUDGET_REVIEW', 'finance'],
    ['BUDGET_APPROVED', 'BUDGET_APPROVED', 'gia'],
    ['PUBLIC_NOTICE', 'PUBLIC_NOTICE', 'gia'],
    ['CHANGE_REVIEW', 'CHANGE_REVIEW', 'gia'],
  ] as const).map(
    ([queue, stage, reviewer]): Endpoint => ({
      route: 'GET /api/projects/queue',
      variant: `stage ${queue}`,
      prepare: () => project(stage),
      request: (h) => h.get('/api/projects/queue').query({ stage: queue, pageSize: 200 }),
      rows: [
        [ANON, UNAUTH],
        [[reviewer], ok(200, (res, _w, fx) => expect(idsIn(res)).toContain(fx.id))],
        [allBut(reviewer), FORBIDDEN],
      ],
    }),
  ),
  {
    route: 'GET /api/projects/queue/export',
    variant: 'stage GIA_REVIEW',
    prepare: () => project('GIA_REVIEW'),
    request: (h) => h.get('/api/projects/queue/export').query({ stage: 'GIA_REVIEW' }),
    rows: [
      [ANON, UNAUTH],
      [['gia'], ok(200, (res) => expect(res.headers['content-type']).toContain('spreadsheetml'))],
      [allBut('gia'), FORBIDDEN],
    ],
  },
  {
    route: 'GET /api/projects/queues',
    variant: 'with a project waiting in budget review',
    prepare: () => project('BUDGET_REVIEW'),
    request: (h) => h.get('/api/projects/queues'),
    rows: [
      [ANON, UNAUTH],
      // the reviewing office sees its four queues, the finance bureau its one with the waiting project counted
      [['gia'], ok(200, (res) => expect(res.body.items.map((q: { stage: string }) => q.stage)).toEqual(['GIA_REVIEW', 'BUDGET_APPROVED', 'PUBLIC_NOTICE', 'CHANGE_REVIEW']))],
      [['finance'], ok(200, (res) => {
        expect(res.body.items).toHaveLength(1);
        expect(res.body.items[0]).toMatchObject({ stage: 'BUDGET_REVIEW', waiting: expect.any(Number) });
        expect(res.body.items[0].waiting).toBeGreaterThanOrEqual(1);
      })],
      // everyone else decides nothing: no queues (not a refusal, the console simply shows none)
      [allBut('gia', 'finance'), ok(200, (res) => expect(res.body.items).toEqual([]))],
    ],
  },

  // ── projects: reading ──
  ...(['DRAFT', 'GIA_REVIEW', 'RETURNED', 'FINANCE_RETURNED', 'BUDGET_REVIEW', 'ESTABLISHED', 'SUSPENDED', 'TERMINATED'] as const).map(
    (stage): Endpoint => ({
      route: 'GET /api/projects/{id}',
      variant: stage.toLowerCase().replace(/_/g, ' '),
      prepare: () => project(stage),
      request: (h, fx) => h.get(`/api/projects/${fx.id}`),
      rows: readRows(stage, (res, _w, fx) => {
        expect(res.body).toMatchObject({ id: fx.id, status: STAGES[stage].status });
        expect(res.headers['etag']).toBe(fx.ifMatch);
      }),
    }),
  ),
  ...(['DRAFT', 'ESTABLISHED'] as const).map(
    (stage): Endpoint => ({
      route: 'POST /api/projects/{id}/validate',
      variant: stage.toLowerCase(),
      prepare: () => project(stage),
      request: (h, fx) => h.post(`/api/projects/${fx.id}/validate`),
      rows: readRows(stage, (res) => expect(res.body).toMatchObject({ valid: true, violations: [] })),
    }),
  ),
  ...(['DRAFT', 'ESTABLISHED'] as const).map(
    (stage): Endpoint => ({
      route: 'GET /api/projects/{id}/catalog-changes',
      variant: stage.toLowerCase(),
      prepare: () => project(stage),
      request: (h, fx) => h.get(`/api/projects/${fx.id}/catalog-changes`),
      // the matrix publishes catalog revisions of its own: compare with the one published now
      rows: readRows(stage, async (res) => expect(res.body).toMatchObject({ pinned: expect.any(Number), current: (await call(t.http.get('/api/catalog'))).body.revision.number })),
    }),
  ),
  ...(['DRAFT', 'ESTABLISHED'] as const).map(
    (stage): Endpoint => ({
      route: 'GET /api/projects/{id}/documents/{documentId}',
      variant: stage.toLowerCase(),
      prepare: () => withDocument(stage),
      request: (h, fx) => h.get(`/api/projects/${fx.id}/documents/${fx.documentId}`).buffer(true).parse(binary as never),
      rows: readRows(stage, (res) => {
        expect(res.headers['content-type']).toBe('application/pdf');
        expect(Buffer.compare(res.body as Buffer, MINIMAL_PDF)).toBe(0);
        expect(res.headers['x-content-sm3']).toMatch(/^[0-9a-f]{64}$/);
      }),
    }),
  ),

  // ── projects: drafting (the department; the co-builder reads only) ──
  ...(['DRAFT', 'RETURNED'] as const).map((stage) =>
    onProject('PATCH /api/projects/{id}', stage, (h, fx) => h.patch(`/api/projects/${fx.id}`).set('If-Match', String(fx.ifMatch)).send({ description: '矩阵修改' }), [
      [['dept'], ok(200, (res) => expect(res.body).toMatchObject({ description: '矩阵修改', status: STAGES[stage].status }))],
      [['dept2'], FORBIDDEN],
    ], { fresh: ['dept'] }),
  ),
  ...(['GIA_REVIEW', 'ESTABLISHED'] as const).map((stage) =>
    onProject('PATCH /api/projects/{id}', stage, (h, fx) => h.patch(`/api/projects/${fx.id}`).set('If-Match', String(fx.ifMatch)).send({ description: '矩阵修改' }), [
      [['dept'], passed(409, 'INVALID_TRANSITION')],
      [['dept2'], COBUILDER],
    ]),
  ),
  onProject('POST /api/projects/{id}/lines', 'DRAFT', (h, fx) => h.post(`/api/projects/${fx.id}/lines`).set('If-Match', String(fx.ifMatch)).send(VALID_LINES[0]!), [
    [['dept'], ok(200, (res) => expect(res.body.lines).toHaveLength(VALID_LINES.length + 1))],
    [['dept2'], FORBIDDEN],
  ], { fresh: ['dept'] }),
  onProject('POST /api/projects/{id}/lines', 'GIA_REVIEW', (h, fx) => h.post(`/api/projects/${fx.id}/lines`).set('If-Match', String(fx.ifMatch)).send(VALID_LINES[0]!), [
    [['dept'], passed(409, 'INVALID_TRANSITION')],
    [['dept2'], COBUILDER],
  ]),
  onProject('PUT /api/projects/{id}/lines/{lineNo}', 'DRAFT', (h, fx) => h.put(`/api/projects/${fx.id}/lines/1`).set('If-Match', String(fx.ifMatch)).send({ ...VALID_LINES[0]!, quantity: 6 }), [
    [['dept'], ok(200, (res) => expect(res.body.lines[0]).toMatchObject({ lineNo: 1, quantity: 6 }))],
    [['dept2'], FORBIDDEN],
  ], { fresh: ['dept'] }),
  onProject('PUT /api/projects/{id}/lines/{lineNo}', 'GIA_REVIEW', (h, fx) => h.put(`/api/projects/${fx.id}/lines/1`).set('If-Match', String(fx.ifMatch)).send({ ...VALID_LINES[0]!, quantity: 6 }), [
    [['dept'], passed(409, 'INVALID_TRANSITION')],
    [['dept2'], COBUILDER],
  ]),
  onProject('DELETE /api/projects/{id}/lines/{lineNo}', 'DRAFT', (h, fx) => h.delete(`/api/projects/${fx.id}/lines/1`).set('If-Match', String(fx.ifMatch)), [
    [['dept'], ok(200, (res) => expect(res.body.lines).toHaveLength(VALID_LINES.length - 1))],
    [['dept2'], FORBIDDEN],
  ], { fresh: ['dept'] }),
  onProject('DELETE /api/projects/{id}/lines/{lineNo}', 'GIA_REVIEW', (h, fx) => h.delete(`/api/projects/${fx.id}/lines/1`).set('If-Match', String(fx.ifMatch)), [
    [['dept'], passed(409, 'INVALID_TRANSITION')],
    [['dept2'], COBUILDER],
  ]),
  onProject('PUT /api/projects/{id}/information-resources', 'DRAFT', (h, fx) => h.put(`/api/projects/${fx.id}/information-resources`).set('If-Match', String(fx.ifMatch)).send({ items: VALID_RESOURCES.slice(0, 2) }), [
    [['dept'], ok(200, (res) => expect(res.body.informationResources).toHaveLength(2))],
    [['dept2'], FORBIDDEN],
  ], { fresh: ['dept'] }),
  onProject('PUT /api/projects/{id}/information-resources', 'GIA_REVIEW', (h, fx) => h.put(`/api/projects/${fx.id}/information-resources`).set('If-Match', String(fx.ifMatch)).send({ items: VALID_RESOURCES }), [
    [['dept'], passed(409, 'INVALID_TRANSITION')],
    [['dept2'], COBUILDER],
  ]),
  ...(['DRAFT', 'RETURNED'] as const).map((stage) =>
    onProject('POST /api/projects/{id}/submit', stage, act('submit'), [
      [['dept'], ok(200, statusIs('GIA_REVIEW'))],
      [['dept2'], FORBIDDEN],
    ], { fresh: ['dept'] }),
  ),
  onProject('POST /api/projects/{id}/submit', 'GIA_REVIEW', act('submit'), [
    [['dept'], passed(409, 'INVALID_TRANSITION')],
    [['dept2'], COBUILDER],
  ]),
  {
    ...onProject('POST /api/projects/{id}/documents', 'DRAFT', (h, fx) => h.post(`/api/projects/${fx.id}/documents`).field('kind', 'PROPOSAL').attach('file', MINIMAL_PDF, 'x.pdf'), [
      [['dept'], ok(201, (res) => expect(res.body).toMatchObject({ kind: 'PROPOSAL', contentType: 'application/pdf', sm3: expect.stringMatching(/^[0-9a-f]{64}$/) }))],
      [['dept2'], FORBIDDEN],
    ]),
    variant: 'an application document while drafting',
  },
  {
    ...onProject('POST /api/projects/{id}/documents', 'GIA_REVIEW', (h, fx) => h.post(`/api/projects/${fx.id}/documents`).field('kind', 'PROPOSAL').attach('file', MINIMAL_PDF, 'x.pdf'), [
      [['dept'], NOT_IN_THIS_STATE],
      [['dept2'], FORBIDDEN],
    ]),
    variant: 'an application document under review',
  },
  {
    ...onProject('POST /api/projects/{id}/documents', 'ESTABLISHED', (h, fx) => h.post(`/api/projects/${fx.id}/documents`).field('kind', 'CONTRACT').attach('file', MINIMAL_PDF, 'x.pdf'), [
      [['dept'], ok(201, (res) => expect(res.body).toMatchObject({ kind: 'CONTRACT' }))],
      [['dept2'], FORBIDDEN],
    ]),
    variant: 'a contract once established',
  },

  // ── projects: GIA review, Finance budget review, public notice, establishment ──
  onProject('POST /api/projects/{id}/review', 'GIA_REVIEW', act('review', { decision: 'APPROVE', dimensions: ALL_PASS, comment: '矩阵' }), [[['gia'], ok(200, statusIs('BUDGET_REVIEW'))]], { fresh: ['gia'] }),
  onProject('POST /api/projects/{id}/review', 'BUDGET_REVIEW', act('review', { decision: 'APPROVE', dimensions: ALL_PASS, comment: '矩阵' }), [[['gia'], passed(409, 'INVALID_TRANSITION')]]),
  onProject('POST /api/projects/{id}/budget-review', 'BUDGET_REVIEW', act('budget-review', { decision: 'APPROVE', approvedAmount: 700000, comment: '矩阵' }), [
    [['finance'], ok(200, (res) => expect(res.body).toMatchObject({ status: 'BUDGET_APPROVED', approvedBudget: 700000 }))],
  ], { fresh: ['finance'] }),
  onProject('POST /api/projects/{id}/budget-review', 'BUDGET_APPROVED', act('budget-review', { decision: 'APPROVE', approvedAmount: 700000, comment: '矩阵' }), [[['finance'], passed(409, 'INVALID_TRANSITION')]]),
  // ── projects: what a reviewer judges with (the department's record, the draft of their decision) ──
  onProject('GET /api/projects/{id}/org-history', 'GIA_REVIEW', (h, fx) => h.get(`/api/projects/${fx.id}/org-history`), [
    [['auditor', 'dept', 'gia'], ok(200, (res) => expect(res.body.org.name).toBe('运城市教育局'))],
    // the co-builder reads the project, not the other organisation's record through it
    [['dept2'], FORBIDDEN],
  ]),
  onProject('GET /api/projects/{id}/org-history', 'BUDGET_REVIEW', (h, fx) => h.get(`/api/projects/${fx.id}/org-history`), [
    [['auditor', 'dept', 'gia', 'finance'], ok(200)],
    [['dept2'], FORBIDDEN],
  ]),
  ...([['review', 'GIA_REVIEW', 'BUDGET_REVIEW', 'gia'], ['budget-review', 'BUDGET_REVIEW', 'BUDGET_APPROVED', 'finance']] as const).flatMap(([action, stage, after, reviewer]) => {
    const path = (fx: Fx) => `/api/projects/${fx.id}/${action}/draft`;
    const requests: [string, Endpoint['request'], Outcome][] = [
      ['GET', (h, fx) => h.get(path(fx)), ok(200)],
      ['PUT', (h, fx) => h.put(path(fx)).send({ comment: '矩阵草稿' }), ok(200, (res) => expect(res.body.content).toEqual({ comment: '矩阵草稿' }))],
      ['DELETE', (h, fx) => h.delete(path(fx)), ok(204)],
    ];
    return requests.flatMap(([method, request, done]) => [
      onProject(`${method} /api/projects/{id}/${action}/draft`, stage, request, [[[reviewer], done]]),
      onProject(`${method} /api/projects/{id}/${action}/draft`, after, request, [[[reviewer], NOT_IN_THIS_STATE]]),
    ]);
  }),
  onProject('POST /api/projects/{id}/notice', 'BUDGET_APPROVED', act('notice', RUNNING_NOTICE), [[['gia'], ok(200, statusIs('PUBLIC_NOTICE'))]], { fresh: ['gia'] }),
  onProject('POST /api/projects/{id}/notice', 'PUBLIC_NOTICE', act('notice', RUNNING_NOTICE), [[['gia'], passed(409, 'INVALID_TRANSITION')]]),
  onProject('POST /api/projects/{id}/establish', 'PUBLIC_NOTICE', act('establish'), [
    [['gia'], ok(200, (res) => expect(res.body).toMatchObject({ status: 'ESTABLISHED', approvalNumber: expect.stringMatching(/^运审信〔2026〕\d{3}号$/) }))],
  ], { fresh: ['gia'], variant: 'the notice has ended' }),
  onProject('POST /api/projects/{id}/establish', 'NOTICE_RUNNING', act('establish'), [
    [['gia'], passed(409, 'NOTICE_NOT_ENDED', (res) => expect(res.body.message).toContain(RUNNING_NOTICE.endDate))],
  ], { variant: 'the notice is still running' }),
  onProject('POST /api/projects/{id}/establish', 'OBJECTED', act('establish'), [[['gia'], passed(409, 'OBJECTIONS_OPEN')]], { variant: 'an objection is unresolved' }),
  onProject('POST /api/projects/{id}/establish', 'ESTABLISHED', act('establish'), [[['gia'], passed(409, 'INVALID_TRANSITION')]]),

  // ── public notices: the public reads them and objects; GIA resolves objections ──
  {
    route: 'GET /api/notices',
    prepare: () => project('NOTICE_RUNNING'),
    request: (h) => h.get('/api/notices'),
    rows: [[EVERYONE, ok(200, (res, _w, fx) => expect(idsIn(res)).toContain(fx.noticeId))]],
  },
  {
    route: 'GET /api/notices/export',
    prepare: () => project('NOTICE_RUNNING'),
    request: (h) => h.get('/api/notices/export').buffer(true),
    rows: [[EVERYONE, ok(200, (res) => expect(res.headers['content-type']).toContain('spreadsheetml'))]],
  },
  {
    route: 'POST /api/notices/{id}/objections',
    variant: 'a running notice',
    prepare: () => project('NOTICE_RUNNING'),
    request: (h, fx) => h.post(`/api/notices/${fx.noticeId}/objections`).send({ submitter: '矩阵', content: '异议内容' }),
    rows: [[EVERYONE, ok(201, (res) => expect(res.body).toMatchObject({ id: expect.any(String), at: expect.any(String) }))]],
  },
  {
    route: 'POST /api/notices/{id}/objections',
    variant: 'a notice that has ended',
    prepare: () => project('PUBLIC_NOTICE'),
    request: (h, fx) => h.post(`/api/notices/${fx.noticeId}/objections`).send({ submitter: '矩阵', content: '异议内容' }),
    rows: [[EVERYONE, passed(409, 'NOTICE_ENDED')]],
  },
  {
    route: 'POST /api/notices/{id}/objections',
    variant: 'a notice closed by establishment',
    prepare: () => project('ESTABLISHED'),
    request: (h, fx) => h.post(`/api/notices/${fx.noticeId}/objections`).send({ submitter: '矩阵', content: '异议内容' }),
    rows: [[EVERYONE, HIDDEN]],
  },
  {
    route: 'POST /api/notices/{id}/objections/{objectionId}/resolve',
    prepare: withObjection,
    request: (h, fx) => h.post(`/api/notices/${fx.noticeId}/objections/${fx.objectionId}/resolve`).send({ resolution: '已答复' }),
    rows: projectRows('NOTICE_RUNNING', [[['gia'], ok(200, (res, _w, fx) => expect(res.body).toEqual({ id: fx.objectionId, resolution: '已答复' }))]]),
  },

  // ── security obligations (Art. 36–37): the dossier of an established project, filed by its unit ──
  {
    route: 'GET /api/projects/{id}/security',
    variant: 'established',
    prepare: () => project('ESTABLISHED'),
    request: (h, fx) => h.get(`/api/projects/${fx.id}/security`),
    rows: projectRows('ESTABLISHED', [
      [SECURITY_READERS, ok(200, (res) => expect(res.body.status).toBe('OPEN'))],
      [['dept2', 'finance', 'bdc'], FORBIDDEN],
    ]),
  },
  onProject('POST /api/projects/{id}/security', 'ESTABLISHED', (h, fx) => h.post(`/api/projects/${fx.id}/security`).send(SECURITY_PLAN), [
    [['dept'], ok(200, (res) => expect(res.body.records[0]).toMatchObject({ kind: 'EMERGENCY_PLAN' }))],
  ]),
  onProject('POST /api/projects/{id}/security', 'DRAFT', (h, fx) => h.post(`/api/projects/${fx.id}/security`).send(SECURITY_PLAN), [
    [['dept'], NOT_IN_THIS_STATE],
  ]),
  {
    route: 'POST /api/projects/{id}/security/documents',
    variant: 'established',
    prepare: () => withSecurityRecord('ESTABLISHED'),
    request: (h, fx) => h.post(`/api/projects/${fx.id}/security/documents`).field('recordId', String(fx.recordId)).attach('file', MINIMAL_PDF, '演练报告.pdf'),
    rows: projectRows('ESTABLISHED', [[['dept'], ok(201, (res) => expect(res.body.sm3).toMatch(/^[0-9a-f]{64}$/))]]),
  },
  {
    route: 'GET /api/projects/{id}/security/documents/{documentId}',
    variant: 'established',
    prepare: () => withSecurityRecord('ESTABLISHED'),
    request: (h, fx) => h.get(`/api/projects/${fx.id}/security/documents/${fx.documentId}`).buffer(true).parse(binary as never),
    rows: projectRows('ESTABLISHED', [
      [SECURITY_READERS, ok(200, (res) => expect(Buffer.compare(res.body as Buffer, MINIMAL_PDF)).toBe(0))],
      [['dept2', 'finance', 'bdc'], FORBIDDEN],
    ]),
  },

  // ── a tenant's rendered manifests (the shared file store): the sub-center's operators only, like the preview ──
  onProject('GET /api/projects/{id}/manifests', 'ESTABLISHED', (h, fx) => h.get(`/api/projects/${fx.id}/manifests`), [
    [['bdc'], ok(200, (res) => expect(res.body).toMatchObject({ namespace: expect.any(String), files: [] }))],
  ]),
  onProject('GET /api/projects/{id}/manifests/{file}', 'ESTABLISHED', (h, fx) => h.get(`/api/projects/${fx.id}/manifests/namespace-none.yaml`), [
    // nothing rendered yet: the operator is told the file is not there; everyone else what the list tells them
    [['bdc'], HIDDEN],
  ]),

  // ── projects under construction: filings, acceptance, changes (the department), governance (GIA) ──
  ...(['ESTABLISHED', 'SUSPENDED'] as const).map((stage) =>
    onProject('POST /api/projects/{id}/filings', stage, (h, fx) => h.post(`/api/projects/${fx.id}/filings`).send(FILING), [
      [['dept'], ok(200, (res) => expect(res.body.filings.at(-1)).toMatchObject({ kind: 'PROGRESS' }))],
      [['dept2'], FORBIDDEN],
    ], { fresh: ['dept'] }),
  ),
  onProject('POST /api/projects/{id}/filings', 'ESTABLISHED', (h, fx) => h.post(`/api/projects/${fx.id}/filings`).send(CONTRACT), [
    [['dept'], ok(200, (res) => expect(res.body.deadlines.map((d: { ruleCode: string }) => d.ruleCode)).toContain('CONTRACT_FILING'))],
    [['dept2'], FORBIDDEN],
  ], { fresh: ['dept'], variant: 'established, a contract' }),
  ...(['DRAFT', 'TERMINATED'] as const).map((stage) =>
    onProject('POST /api/projects/{id}/filings', stage, (h, fx) => h.post(`/api/projects/${fx.id}/filings`).send(FILING), [
      [['dept'], NOT_IN_THIS_STATE],
      [['dept2'], FORBIDDEN],
    ]),
  ),
  onProject('POST /api/projects/{id}/acceptance', 'ESTABLISHED', act('acceptance', ACCEPTANCE), [
    [['dept'], ok(200, statusIs('ACCEPTED'))],
    [['dept2'], FORBIDDEN],
  ], { fresh: ['dept'] }),
  onProject('POST /api/projects/{id}/acceptance', 'ACCEPTED', act('acceptance', ACCEPTANCE), [
    [['dept'], passed(409, 'INVALID_TRANSITION')],
    [['dept2'], COBUILDER],
  ]),
  onProject('POST /api/projects/{id}/change-request', 'ESTABLISHED', act('change-request', { reason: '矩阵调整', lines: VALID_LINES }), [
    [['dept'], ok(200, statusIs('CHANGE_REVIEW'))],
    [['dept2'], FORBIDDEN],
  ], { fresh: ['dept'] }),
  onProject('POST /api/projects/{id}/change-request', 'CHANGE_REVIEW', act('change-request', { reason: '矩阵调整', lines: VALID_LINES }), [
    [['dept'], passed(409, 'INVALID_TRANSITION')],
    [['dept2'], COBUILDER],
  ]),
  onProject('POST /api/projects/{id}/change-review', 'CHANGE_REVIEW', act('change-review', { decision: 'APPROVE' }), [[['gia'], ok(200, statusIs('ESTABLISHED'))]], { fresh: ['gia'] }),
  onProject('POST /api/projects/{id}/change-review', 'ESTABLISHED', act('change-review', { decision: 'APPROVE' }), [[['gia'], passed(409, 'INVALID_TRANSITION')]]),
  onProject('POST /api/projects/{id}/rectification-notices', 'ESTABLISHED', (h, fx) => h.post(`/api/projects/${fx.id}/rectification-notices`).send({ issues: '矩阵整改' }), [
    [['gia'], ok(200, (res) => expect(res.body.deadlines.map((d: { ruleCode: string }) => d.ruleCode)).toContain('RECTIFICATION_REPORT'))],
  ], { fresh: ['gia'] }),
  onProject('POST /api/projects/{id}/rectification-notices', 'TERMINATED', (h, fx) => h.post(`/api/projects/${fx.id}/rectification-notices`).send({ issues: '矩阵整改' }), [[['gia'], NOT_IN_THIS_STATE]]),
  onProject('POST /api/projects/{id}/suspend', 'ESTABLISHED', act('suspend', { reason: '矩阵' }), [[['gia'], ok(200, statusWithReason('SUSPENDED', '矩阵'))]], { fresh: ['gia'] }),
  onProject('POST /api/projects/{id}/suspend', 'TERMINATED', act('suspend', { reason: '矩阵' }), [[['gia'], passed(409, 'INVALID_TRANSITION')]]),
  onProject('POST /api/projects/{id}/resume', 'SUSPENDED', act('resume', { reason: '矩阵' }), [[['gia'], ok(200, statusWithReason('ESTABLISHED', null))]], { fresh: ['gia'] }),
  onProject('POST /api/projects/{id}/resume', 'ESTABLISHED', act('resume', { reason: '矩阵' }), [[['gia'], passed(409, 'INVALID_TRANSITION')]]),
  onProject('POST /api/projects/{id}/terminate', 'ESTABLISHED', act('terminate', { reason: '矩阵' }), [[['gia'], ok(200, statusWithReason('TERMINATED', '矩阵'))]], { fresh: ['gia'] }),
  onProject('POST /api/projects/{id}/terminate', 'TERMINATED', act('terminate', { reason: '矩阵' }), [[['gia'], passed(409, 'INVALID_TRANSITION')]]),
  {
    route: 'GET /api/deadlines',
    variant: 'an open rectification deadline',
    prepare: withDeadline,
    request: (h) => h.get('/api/deadlines'),
    rows: [
      [ANON, UNAUTH],
      [['admin', 'secadmin'], FORBIDDEN],
      [READERS.ESTABLISHED, ok(200, (res, _w, fx) => expect(idsIn(res)).toContain(fx.deadlineId))],
      [['county'], ok(200, (res, _w, fx) => expect(idsIn(res)).not.toContain(fx.deadlineId))],
    ],
  },

  {
    // the matrix's deadline is not overdue: GIA passes the permission check and meets the rule (reminders of overdue
    // ones: test/api/deadline-reminders.test.ts)
    route: 'POST /api/deadlines/remind',
    variant: 'an open rectification deadline, not yet overdue',
    prepare: withDeadline,
    request: (h, fx) => h.post('/api/deadlines/remind').send({ deadlineIds: [fx.deadlineId] }),
    rows: [
      [ANON, UNAUTH],
      [['gia'], passed(409, 'DEADLINE_NOT_OVERDUE')],
      [allBut('gia'), FORBIDDEN],
    ],
  },
  {
    route: 'GET /api/deadlines/export',
    variant: 'an open rectification deadline',
    prepare: withDeadline,
    request: (h) => h.get('/api/deadlines/export'),
    rows: [
      [ANON, UNAUTH],
      [['admin', 'secadmin'], FORBIDDEN],
      [[...READERS.ESTABLISHED, 'county'], ok(200, (res) => expect(res.headers['content-type']).toContain('spreadsheetml'))],
    ],
  },

  // ── the audit trail: the audit administrator only ──
  {
    route: 'GET /api/audit/events',
    request: (h) => h.get('/api/audit/events?limit=5'),
    rows: [
      [ANON, UNAUTH],
      [['auditor'], ok(200, (res) => expect(res.body.items.length).toBe(5))],
      [allBut('auditor'), FORBIDDEN],
    ],
  },
  {
    route: 'GET /api/audit/export',
    request: (h) => h.get('/api/audit/export?action=project.'),
    rows: [
      [ANON, UNAUTH],
      [['auditor'], ok(200, (res) => expect(res.headers['content-type']).toContain('spreadsheetml'))],
      [allBut('auditor'), FORBIDDEN],
    ],
  },
  {
    route: 'POST /api/audit/verify',
    request: (h) => h.post('/api/audit/verify'),
    rows: [
      [ANON, UNAUTH],
      [['auditor'], ok(200, (res) => expect(res.body).toMatchObject({ valid: true, firstBroken: null }))],
      [allBut('auditor'), FORBIDDEN],
    ],
  },
  {
    route: 'GET /api/audit/checkpoints/latest',
    request: (h) => h.get('/api/audit/checkpoints/latest'),
    rows: [
      [ANON, UNAUTH],
      [['auditor'], ok(200, (res) => expect(res.body).toMatchObject({ verified: true, state: 'MATCHES' }))],
      [allBut('auditor'), FORBIDDEN],
    ],
  },
  {
    route: 'POST /api/audit/checkpoints',
    request: (h) => h.post('/api/audit/checkpoints'),
    rows: [
      [ANON, UNAUTH],
      [['auditor'], ok(201, (res) => expect(res.body).toMatchObject({ verified: true, checkpoint: { signer: expect.any(String) } }))],
      [allBut('auditor'), FORBIDDEN],
    ],
  },

  // ── the yearly assessments ──
  {
    route: 'GET /api/assessments/departments',
    request: (h) => h.get('/api/assessments/departments').query({ year: 2026 }),
    rows: [[ANON, UNAUTH], [NO_ORG_ASSESSMENTS, FORBIDDEN], [allBut(...NO_ORG_ASSESSMENTS), ok(200)]],
  },
  {
    route: 'POST /api/assessments/departments',
    prepare: async () => ({ orgId: (await as('dept', t.http.get('/api/auth/me'))).body.user.orgId, year: nextYear() }),
    request: (h, fx) => h.post('/api/assessments/departments').send({ orgId: fx.orgId, year: fx.year }),
    rows: [[ANON, UNAUTH], [['gia'], ok(201, (res) => expect(res.body.status).toBe('DRAFT'))], [allBut('gia'), FORBIDDEN]],
  },
  {
    route: 'GET /api/assessments/departments/{id}',
    variant: 'draft',
    prepare: () => orgAssessment(false),
    request: (h, fx) => h.get(`/api/assessments/departments/${fx.id}`),
    rows: [[ANON, UNAUTH], [['gia', 'auditor'], ok(200)], [['finance', 'dept', 'dept2', 'county'], HIDDEN], [NO_ORG_ASSESSMENTS, FORBIDDEN]],
  },
  {
    route: 'GET /api/assessments/departments/{id}',
    variant: 'confirmed',
    prepare: () => orgAssessment(true),
    request: (h, fx) => h.get(`/api/assessments/departments/${fx.id}`),
    rows: [[ANON, UNAUTH], [['gia', 'auditor', 'finance', 'dept'], ok(200)], [['dept2', 'county'], HIDDEN], [NO_ORG_ASSESSMENTS, FORBIDDEN]],
  },
  {
    route: 'PATCH /api/assessments/departments/{id}',
    prepare: () => orgAssessment(false),
    request: (h, fx) => h.patch(`/api/assessments/departments/${fx.id}`).set('If-Match', String(fx.ifMatch)).send({ findings: '矩阵' }),
    rows: [[ANON, UNAUTH], [['gia'], ok(200)], [['auditor', ...NO_ORG_ASSESSMENTS], FORBIDDEN], [['finance', 'dept', 'dept2', 'county'], HIDDEN]],
  },
  {
    route: 'PATCH /api/assessments/departments/{id}',
    variant: 'confirmed',
    prepare: () => orgAssessment(true),
    request: (h, fx) => h.patch(`/api/assessments/departments/${fx.id}`).set('If-Match', String(fx.ifMatch)).send({ findings: '矩阵' }),
    rows: [[ANON, UNAUTH], [['gia'], NOT_IN_THIS_STATE], [['auditor', 'finance', 'dept', ...NO_ORG_ASSESSMENTS], FORBIDDEN], [['dept2', 'county'], HIDDEN]],
  },
  {
    route: 'POST /api/assessments/departments/{id}/confirm',
    prepare: () => orgAssessment(false, true),
    request: (h, fx) => h.post(`/api/assessments/departments/${fx.id}/confirm`).set('If-Match', String(fx.ifMatch)),
    rows: [[ANON, UNAUTH], [['gia'], ok(200, (res) => expect(res.body.status).toBe('CONFIRMED'))], [['auditor', ...NO_ORG_ASSESSMENTS], FORBIDDEN], [['finance', 'dept', 'dept2', 'county'], HIDDEN]],
  },
  {
    route: 'GET /api/assessments/counties',
    request: (h) => h.get('/api/assessments/counties').query({ year: 2026 }),
    rows: [[ANON, UNAUTH], [NO_COUNTY_ASSESSMENTS, FORBIDDEN], [['gia', 'auditor', 'county'], ok(200)]],
  },
  {
    route: 'GET /api/assessments/counties/export',
    request: (h) => h.get('/api/assessments/counties/export').query({ year: 2026 }).buffer(true),
    rows: [[ANON, UNAUTH], [NO_COUNTY_ASSESSMENTS, FORBIDDEN], [['gia', 'auditor', 'county'], ok(200, sheet)]],
  },
  {
    route: 'POST /api/assessments/counties',
    prepare: async () => ({ year: nextYear() }),
    request: (h, fx) => h.post('/api/assessments/counties').send({ county: 'YANHU', year: fx.year }),
    rows: [[ANON, UNAUTH], [['gia'], ok(201)], [allBut('gia'), FORBIDDEN]],
  },
  {
    route: 'GET /api/assessments/counties/{id}',
    prepare: () => countyAssessment(false),
    request: (h, fx) => h.get(`/api/assessments/counties/${fx.id}`),
    rows: [[ANON, UNAUTH], [['gia', 'auditor'], ok(200)], [['county'], HIDDEN], [NO_COUNTY_ASSESSMENTS, FORBIDDEN]],
  },
  {
    route: 'PATCH /api/assessments/counties/{id}',
    prepare: () => countyAssessment(false),
    request: (h, fx) => h.patch(`/api/assessments/counties/${fx.id}`).set('If-Match', String(fx.ifMatch)).send({ findings: '矩阵' }),
    rows: [[ANON, UNAUTH], [['gia'], ok(200)], [['auditor', ...NO_COUNTY_ASSESSMENTS], FORBIDDEN], [['county'], HIDDEN]],
  },
  {
    route: 'POST /api/assessments/counties/{id}/confirm',
    prepare: () => countyAssessment(true),
    request: (h, fx) => h.post(`/api/assessments/counties/${fx.id}/confirm`).set('If-Match', String(fx.ifMatch)),
    rows: [[ANON, UNAUTH], [['gia'], ok(200, (res) => expect(res.body.status).toBe('CONFIRMED'))], [['auditor', ...NO_COUNTY_ASSESSMENTS], FORBIDDEN], [['county'], HIDDEN]],
  },

  // ── resource requests (the list's own rows are in NOT_YET_IN_MATRIX; its export has them) ──
  {
    // each reader's export holds the requests the list shows them (test/api/request-lists.test.ts)
    route: 'GET /api/resource-requests/export',
    request: (h) => h.get('/api/resource-requests/export').query({ status: 'SUBMITTED' }).buffer(true),
    rows: [
      [ANON, UNAUTH],
      [['admin', 'secadmin', 'finance'], FORBIDDEN],
      [allBut('admin', 'secadmin', 'finance'), ok(200, (res) => expect(res.headers['content-type']).toContain('spreadsheetml'))],
    ],
  },
  // ── evaluations (Art. 21–24): GIA's effectiveness evaluations of a project, Finance's spot-checks ──
  {
    route: 'GET /api/projects/{id}/evaluations',
    variant: 'established',
    prepare: () => project('ESTABLISHED'),
    request: (h, fx) => h.get(`/api/projects/${fx.id}/evaluations`),
    rows: readRows('ESTABLISHED', (res, who) => expect(res.body.allowedActions.map((a: { action: string }) => a.action)).toEqual(who === 'gia' ? ['evaluate'] : [])),
  },
  onProject('POST /api/projects/{id}/evaluations', 'ESTABLISHED', act('evaluations', EVALUATION), [[['gia'], ok(201, (res) => expect(res.body.evaluations).toHaveLength(1))]], { fresh: ['gia'] }),
  onProject('POST /api/projects/{id}/evaluations', 'TERMINATED', act('evaluations', EVALUATION), [[['gia'], passed(409, 'INVALID_TRANSITION')]]),
  {
    route: 'GET /api/evaluations/spot-checks',
    prepare: withSpotCheck,
    request: (h) => h.get('/api/evaluations/spot-checks'),
    rows: [
      [ANON, UNAUTH],
      [SPOT_CHECK_READERS, ok(200, (res, _w, fx) => expect(idsIn(res)).toContain(fx.spotCheckId))],
      [allBut(...SPOT_CHECK_READERS), FORBIDDEN],
    ],
  },
  {
    route: 'POST /api/evaluations/spot-checks',
    prepare: withSpotCheck,
    request: (h) => h.post('/api/evaluations/spot-checks').send({ year: SPOT_CHECK_YEAR, percent: 100 }),
    rows: [
      [ANON, UNAUTH],
      [['finance'], ok(201, (res) => expect(res.body).toMatchObject({ year: SPOT_CHECK_YEAR, status: 'OPEN' }))],
      [allBut('finance'), FORBIDDEN],
    ],
  },
  {
    route: 'GET /api/evaluations/spot-checks/{id}',
    prepare: withSpotCheck,
    request: (h, fx) => h.get(`/api/evaluations/spot-checks/${fx.spotCheckId}`),
    rows: [
      [ANON, UNAUTH],
      [SPOT_CHECK_READERS, ok(200, (res, who) => expect(res.body.allowedActions.map((a: { action: string }) => a.action)).toEqual(who === 'finance' ? ['record', 'close'] : []))],
      [allBut(...SPOT_CHECK_READERS), FORBIDDEN],
    ],
  },
  {
    route: 'POST /api/evaluations/spot-checks/{id}/results',
    prepare: withSpotCheck,
    request: (h, fx) => h.post(`/api/evaluations/spot-checks/${fx.spotCheckId}/results`).set('If-Match', String(fx.spotCheckEtag)).send({ itemId: fx.itemId, result: 'QUALIFIED', findings: '矩阵' }),
    rows: [
      [ANON, UNAUTH],
      [['finance'], ok(200, (res) => expect(res.body).toMatchObject({ recorded: 1 }))],
      [allBut('finance'), FORBIDDEN],
    ],
  },
  {
    route: 'POST /api/evaluations/spot-checks/{id}/close',
    variant: 'a result missing',
    prepare: withSpotCheck,
    request: (h, fx) => h.post(`/api/evaluations/spot-checks/${fx.spotCheckId}/close`).set('If-Match', String(fx.spotCheckEtag)),
    rows: [
      [ANON, UNAUTH],
      [['finance'], passed(409, 'SPOT_CHECK_INCOMPLETE')],
      [allBut('finance'), FORBIDDEN],
    ],
  },
  {
    route: 'GET /api/evaluations/spot-checks/{id}/export',
    prepare: withSpotCheck,
    request: (h, fx) => h.get(`/api/evaluations/spot-checks/${fx.spotCheckId}/export`),
    rows: [
      [ANON, UNAUTH],
      [SPOT_CHECK_READERS, ok(200, (res) => expect(res.headers['content-type']).toContain('spreadsheetml'))],
      [allBut(...SPOT_CHECK_READERS), FORBIDDEN],
    ],
  },

  // ── the migration survey (摸底调查): the sub-center and the city GIA run campaigns; each asked organisation answers its own ──
  {
    route: 'GET /api/survey/campaigns',
    prepare: surveyFx,
    request: (h) => h.get('/api/survey/campaigns'),
    rows: [
      [ANON, UNAUTH],
      [SURVEY_READERS, ok(200, (res, _w, fx) => expect(idsIn(res)).toContain(fx.campaignId))],
      [allBut(...SURVEY_READERS), FORBIDDEN],
    ],
  },
  {
    route: 'POST /api/survey/campaigns',
    prepare: async () => ({ orgId: await orgOf('dept') }),
    request: (h, fx) => h.post('/api/survey/campaigns').send({ title: unique('矩阵摸底'), dueDate: '2026-11-30', orgIds: [fx.orgId] }),
    rows: [
      [ANON, UNAUTH],
      [SURVEY_RUNNERS, ok(201, (res) => expect(res.body).toMatchObject({ status: 'OPEN', counts: { asked: 1, pending: 1 } }))],
      [allBut(...SURVEY_RUNNERS), FORBIDDEN],
    ],
  },
  {
    route: 'GET /api/survey/campaigns/{id}',
    prepare: surveyFx,
    request: (h, fx) => h.get(`/api/survey/campaigns/${fx.campaignId}`),
    rows: [
      [ANON, UNAUTH],
      [SURVEY_READERS, ok(200, (res, who) => expect(res.body.allowedActions.map((a: { action: string }) => a.action)).toEqual(who === 'auditor' ? [] : ['extend', 'remind', 'close']))],
      [allBut(...SURVEY_READERS), FORBIDDEN],
    ],
  },
  {
    route: 'POST /api/survey/campaigns/{id}/extend',
    prepare: surveyFx,
    request: (h, fx) => h.post(`/api/survey/campaigns/${fx.campaignId}/extend`).set('If-Match', String(fx.campaignEtag)).send({ dueDate: '2026-12-04', reason: '矩阵延期' }),
    rows: [
      [ANON, UNAUTH],
      [SURVEY_RUNNERS, ok(200, (res) => expect(res.body.dueDate).toBe('2026-12-04'))],
      [allBut(...SURVEY_RUNNERS), FORBIDDEN],
    ],
  },
  {
    route: 'POST /api/survey/campaigns/{id}/remind',
    prepare: surveyFx,
    request: (h, fx) => h.post(`/api/survey/campaigns/${fx.campaignId}/remind`).set('If-Match', String(fx.campaignEtag)),
    rows: [
      [ANON, UNAUTH],
      [SURVEY_RUNNERS, ok(200)],
      [allBut(...SURVEY_RUNNERS), FORBIDDEN],
    ],
  },
  {
    route: 'POST /api/survey/campaigns/{id}/close',
    prepare: surveyFx,
    request: (h, fx) => h.post(`/api/survey/campaigns/${fx.campaignId}/close`).set('If-Match', String(fx.campaignEtag)).send({}),
    rows: [
      [ANON, UNAUTH],
      [SURVEY_RUNNERS, ok(200, (res) => expect(res.body.status).toBe('CLOSED'))],
      [allBut(...SURVEY_RUNNERS), FORBIDDEN],
    ],
  },
  {
    route: 'GET /api/survey/campaigns/{id}/export',
    prepare: surveyFx,
    request: (h, fx) => h.get(`/api/survey/campaigns/${fx.campaignId}/export`),
    rows: [
      [ANON, UNAUTH],
      [SURVEY_READERS, ok(200, sheet)],
      [allBut(...SURVEY_READERS), FORBIDDEN],
    ],
  },
  {
    route: 'GET /api/survey/responses',
    prepare: surveyFx,
    request: (h) => h.get('/api/survey/responses'),
    rows: [
      [ANON, UNAUTH],
      [['dept', ...SURVEY_READERS], ok(200, (res, _w, fx) => expect(idsIn(res)).toContain(fx.responseId))],
      [SURVEY_OTHERS, ok(200, (res, _w, fx) => expect(idsIn(res)).not.toContain(fx.responseId))],
      [['admin', 'secadmin'], FORBIDDEN],
    ],
  },
  {
    route: 'GET /api/survey/responses/{id}',
    prepare: surveyFx,
    request: (h, fx) => h.get(`/api/survey/responses/${fx.responseId}`),
    rows: [
      [ANON, UNAUTH],
      [['dept', ...SURVEY_READERS], ok(200, (res, who) => expect(res.body.allowedActions.map((a: { action: string }) => a.action)).toEqual(who === 'dept' ? ['confirm', 'submit', 'declare-none'] : who === 'auditor' ? [] : ['return']))],
      [SURVEY_OTHERS, HIDDEN],
      [['admin', 'secadmin'], FORBIDDEN],
    ],
  },
  {
    route: 'POST /api/survey/responses/{id}/confirm',
    prepare: surveyFx,
    request: (h, fx) => h.post(`/api/survey/responses/${fx.responseId}/confirm`).set('If-Match', String(fx.responseEtag)).send({ systemIds: [] }),
    rows: [
      [ANON, UNAUTH],
      [['dept'], ok(200, (res) => expect(res.body.status).toBe('PENDING'))],
      [SURVEY_OTHERS, HIDDEN],
      [['admin', 'secadmin', ...SURVEY_READERS], FORBIDDEN],
    ],
  },
  {
    route: 'POST /api/survey/responses/{id}/submit',
    variant: 'nothing confirmed',
    prepare: surveyFx,
    request: (h, fx) => h.post(`/api/survey/responses/${fx.responseId}/submit`).set('If-Match', String(fx.responseEtag)),
    rows: [
      [ANON, UNAUTH],
      [['dept'], passed(409, 'SURVEY_NOTHING_CONFIRMED')],
      [SURVEY_OTHERS, HIDDEN],
      [['admin', 'secadmin', ...SURVEY_READERS], FORBIDDEN],
    ],
  },
  {
    route: 'POST /api/survey/responses/{id}/declare-none',
    prepare: surveyFx,
    request: (h, fx) => h.post(`/api/survey/responses/${fx.responseId}/declare-none`).set('If-Match', String(fx.responseEtag)).send({ reason: '矩阵无系统' }),
    rows: [
      [ANON, UNAUTH],
      [['dept'], ok(200, (res) => expect(res.body.status).toBe('NOTHING_TO_DECLARE'))],
      [SURVEY_OTHERS, HIDDEN],
      [['admin', 'secadmin', ...SURVEY_READERS], FORBIDDEN],
    ],
  },
  {
    route: 'POST /api/survey/responses/{id}/return',
    variant: 'answered',
    prepare: surveyAnsweredFx,
    request: (h, fx) => h.post(`/api/survey/responses/${fx.responseId}/return`).set('If-Match', String(fx.responseEtag)).send({ reason: '矩阵退回' }),
    rows: [
      [ANON, UNAUTH],
      [SURVEY_RUNNERS, ok(200, (res) => expect(res.body.status).toBe('PENDING'))],
      [SURVEY_OTHERS, HIDDEN],
      [['admin', 'secadmin', 'auditor', 'dept'], FORBIDDEN],
    ],
  },
];

/**
 * Operations that landed while this matrix was being extended to projects (cloud resource provisioning, the migration
 * register) and have no rows here yet. Listed one by one, so that any other operation missing from the matrix still
 * fails the self-check; each entry goes once its rows are added.
 */
const NOT_YET_IN_MATRIX: string[] = [
  // an endless stream: test/api/notifications.test.ts reads it signed in and refuses it anonymous
  'GET /api/todo/stream',
  'POST /api/projects/{id}/resource-requests',
  'GET /api/projects/{id}/resources',
  'GET /api/resource-requests',
  'GET /api/resource-requests/{id}',
  'POST /api/resource-requests/{id}/approve',
  'POST /api/resource-requests/{id}/return',
  'GET /api/resource-requests/{id}/preview',
  'POST /api/resource-requests/{id}/preview',
  'POST /api/projects/{id}/drift-check',
  'POST /api/projects/{id}/repair',
  'POST /api/resource-requests/{id}/provision',
  'POST /api/resource-requests/{id}/deprovision',
  'GET /api/jobs/{id}',
  'GET /api/jobs/{id}/events',
  'POST /api/resources/{id}/credentials',
  'GET /api/migration/template',
  'GET /api/migration/board',
  'GET /api/migration/waves',
  'POST /api/migration/waves',
  'PATCH /api/migration/waves/{id}',
  'GET /api/migration/systems',
  'POST /api/migration/systems',
  'POST /api/migration/systems/import',
  'POST /api/migration/systems/import/preview',
  'GET /api/migration/systems/export',
  'GET /api/migration/systems/{id}',
  'PATCH /api/migration/systems/{id}',
  'DELETE /api/migration/systems/{id}',
  'GET /api/migration/systems/{id}/history',
  // test/api/migration-permissions.test.ts has their rows
  ...MIGRATION_TRANSITION_ACTIONS.map((a) => `POST /api/migration/systems/{id}/${a}`),
  'GET /api/migration/systems/{id}/security',
  'POST /api/migration/systems/{id}/security',
  'POST /api/migration/systems/{id}/security/documents',
  'GET /api/migration/systems/{id}/security/documents/{documentId}',
  'GET /api/migration/questionnaire',
  'POST /api/migration/questionnaire',
  'GET /api/migration/systems/{id}/questionnaire',
  'PUT /api/migration/systems/{id}/questionnaire',
  'POST /api/migration/systems/{id}/questionnaire/confirm',
];

/** a workflow step (POST /api/catalog/revisions/:number/<action>) on a revision in the given state */
function workflow(action: string, state: OpenState | 'PUBLISHED', rows: [Who[], Outcome][]): Endpoint {
  return {
    route: `POST /api/catalog/revisions/{number}/${action}`,
    variant: state.toLowerCase(),
    prepare: () => (state === 'PUBLISHED' ? published() : rev(state)),
    request: (h, fx) => h.post(`/api/catalog/revisions/${fx.number}/${action}`).set('If-Match', String(fx.ifMatch)).send({ comment: '权限矩阵' }),
    rows: [[ANON, UNAUTH], ...rows],
  };
}

// ───────────────────────── running it ─────────────────────────

beforeAll(async () => {
  t = await startTestPlatform({}, { today: () => today });
  // sign every demo account in once (argon2 is slow on purpose); the matrix reuses these sessions
  for (const who of SIGNED_IN) {
    const res = await call(t.http.get('/api/auth/me').set(await t.as(who)));
    ids.set(who, res.body.user.id);
    if (who === 'dept2') coBuilderOrgId = res.body.user.orgId;
  }
  const o = await as('admin', t.http.post('/api/orgs').send({ code: 'PERM_MATRIX', name: '权限矩阵测试机构', kind: 'DEPARTMENT' }));
  expect(o.status, o.text).toBe(201);
  org = o.body;
  const u = await as(
    'admin',
    t.http.post('/api/users').send({ username: 'perm.target', displayName: '矩阵目标用户', role: 'DEPT_USER', orgId: org.id, password: 'Target-Passw0rd!' }),
  );
  expect(u.status, u.text).toBe(201);
  target = u.body;
});

afterAll(async () => {
  await t?.stop();
});

describe('the matrix itself', () => {
  it('gives every role (and the public) exactly one expected answer per endpoint variant', () => {
    for (const ep of matrix) {
      const covered = ep.rows.flatMap(([who]) => who).sort();
      expect(covered, `${ep.route} ${ep.variant ?? ''}`).toEqual([...EVERYONE].sort());
    }
  });

  it('covers every operation the API describes (but the ones listed as not yet in it)', async () => {
    const res = await call(t.http.get('/api/openapi.json'));
    const described = Object.entries(res.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const inMatrix = new Set(matrix.map((ep) => ep.route));
    const missing = described.filter((op) => !inMatrix.has(op));
    expect(missing.filter((op) => !NOT_YET_IN_MATRIX.includes(op))).toEqual([]);
    // the list only shrinks: an entry goes once its rows are here (or its operation is gone)
    expect(NOT_YET_IN_MATRIX.filter((op) => !missing.includes(op))).toEqual([]);
    expect([...inMatrix].filter((op) => !described.includes(op) && op !== 'GET /api/openapi.json')).toEqual([]);
  });
});

const describeOutcome = (o: Outcome) => `${o.status}${o.code ? ` ${o.code}` : ''}${o.bug ? ` [BUG: ${o.bug}]` : ''}`;

for (const ep of matrix) {
  describe(`${ep.route}${ep.variant ? ` (${ep.variant})` : ''}`, () => {
    for (const [group, outcome] of ep.rows) {
      it.each(group)(`%s → ${describeOutcome(outcome)}`, async (who) => {
        const fx = (await ep.prepare?.(who)) ?? {};
        let req = ep.request(t.http, fx, who);
        if (who !== 'anonymous') {
          req = req.set(ep.freshSession ? { Authorization: `Bearer ${(await login(who)).body.token}` } : await t.as(who));
        }
        const res = await call(req);
        // a shared project that took a change (expected or not) is read again before it is used next
        if (fx.shared && req.method !== 'GET' && res.status < 300) dirty.add(String(fx.id));
        expect(res.status, `${res.status} ${res.text}`).toBe(outcome.status);
        if (outcome.code) expect(res.body.code).toBe(outcome.code);
        if (res.status >= 400) expect(res.body).toMatchObject({ code: expect.any(String), message: expect.any(String) });
        if (res.status === 403) {
          denied.push({ requestId: res.headers['x-request-id'] as string, who, method: req.method, path: new URL(req.url).pathname });
        }
        await outcome.check?.(res, who, fx);
      });
    }
  });
}

describe('refusals are audited', () => {
  it('a 403 writes an access.denied record with outcome DENIED, readable by the auditor', async () => {
    const refused = await as('dept', t.http.post('/api/orgs').set('X-Request-Id', 'matrix-denied-probe').send({ code: 'NOPE_1', name: '不应创建', kind: 'COUNTY' }));
    expect(refused.status).toBe(403);
    const res = await as('auditor', t.http.get('/api/audit/events').query({ action: 'access.denied', actor: 'dept', limit: 50 }));
    expect(res.status).toBe(200);
    const record = (res.body.items as { requestId: string }[]).find((e) => e.requestId === 'matrix-denied-probe');
    expect(record).toMatchObject({
      action: 'access.denied',
      outcome: 'DENIED',
      actorName: 'dept',
      actorRole: 'DEPT_USER',
      detail: { method: 'POST', path: '/api/orgs', reason: 'FORBIDDEN' },
    });
  });

  it('every 403 the matrix saw left its own access.denied record (matched by request id)', async () => {
    expect(denied.length).toBeGreaterThan(100);
    const records = new Map<string, { outcome: string; actorName: string; detail: { method: string; path: string } }>();
    let before: string | null = null;
    do {
      const res = await as('auditor', t.http.get('/api/audit/events').query({ action: 'access.denied', limit: 500, ...(before ? { before } : {}) }));
      expect(res.status).toBe(200);
      for (const e of res.body.items) records.set(e.requestId, e);
      before = res.body.nextBefore;
    } while (before);
    for (const d of denied) {
      expect(records.get(d.requestId), `${d.who} ${d.method} ${d.path}`).toMatchObject({
        outcome: 'DENIED',
        actorName: d.who,
        detail: { method: d.method, path: d.path },
      });
    }
  });

  it('a refusal of the public (401) or a hidden object (404) is not an access.denied record', async () => {
    const anon = await call(t.http.get('/api/users').set('X-Request-Id', 'matrix-anon-probe'));
    expect(anon.status).toBe(401);
    const res = await as('auditor', t.http.get('/api/audit/events').query({ action: 'access.denied', limit: 20 }));
    expect((res.body.items as { requestId: string }[]).map((e) => e.requestId)).not.toContain('matrix-anon-probe');
  });
});

describe('order of checks on PATCH /api/users/:id', () => {
  // Regression guard (was a bug in accounts/users.ts update, now fixed): the permission is checked before the
  // If-Match version, so a role that may not change accounts learns nothing about versions (RFC 9110 §13.2.1).
  it('a role without the right is refused (403) even with a stale If-Match', async () => {
    const res = await as('dept', t.http.patch(`/api/users/${target.id}`).set('If-Match', '"v999"').send({ displayName: 'x' }));
    expect(res.status, res.text).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
  });

  it('a role without the right is refused (403) without If-Match, not asked for one (428)', async () => {
    const res = await as('dept', t.http.patch(`/api/users/${target.id}`).send({ displayName: 'x' }));
    expect(res.status, res.text).toBe(403);
  });

  it('for comparison: PATCH /api/orgs/:id refuses first (403 with a stale If-Match)', async () => {
    const res = await as('dept', t.http.patch(`/api/orgs/${org.id}`).set('If-Match', '"v999"').send({ nameEn: 'x' }));
    expect(res.status).toBe(403);
  });
});

describe('order of checks on project changes', () => {
  // The permission comes first, then If-Match (428 missing, 412 stale), then the state (409).
  it('a role with no such right at all (the auditor) is refused 403 without If-Match and with a stale one', async () => {
    const fx = await project('GIA_REVIEW');
    for (const ifMatch of [undefined, '"v999"']) {
      let req = t.http.post(`/api/projects/${fx.id}/review`);
      if (ifMatch) req = req.set('If-Match', ifMatch);
      const res = await as('auditor', req.send({ decision: 'APPROVE', dimensions: ALL_PASS }));
      expect(res.status, `${ifMatch} ${res.text}`).toBe(403);
    }
  });

  it('the reviewer who may act is told 428 without If-Match and 412 with a stale one; nothing changes', async () => {
    const fx = await project('GIA_REVIEW');
    const missing = await as('gia', t.http.post(`/api/projects/${fx.id}/review`).send({ decision: 'APPROVE', dimensions: ALL_PASS }));
    expect(missing.status, missing.text).toBe(428);
    const stale = await as('gia', t.http.post(`/api/projects/${fx.id}/review`).set('If-Match', '"v999"').send({ decision: 'APPROVE', dimensions: ALL_PASS }));
    expect(stale.status, stale.text).toBe(412);
    expect(await readProject(String(fx.id))).toMatchObject({ status: 'GIA_REVIEW', ifMatch: fx.ifMatch });
  });

  // Regression guard (see COBUILDER above): the co-builder is never asked for a version it could not use.
  it('the co-builder is refused 403 without If-Match and with a stale one (not 428 / 412)', async () => {
    const fx = await project('DRAFT');
    const missing = await as('dept2', t.http.patch(`/api/projects/${fx.id}`).send({ description: '共建单位修改' }));
    const stale = await as('dept2', t.http.patch(`/api/projects/${fx.id}`).set('If-Match', '"v999"').send({ description: '共建单位修改' }));
    expect({ missing: missing.status, stale: stale.status }).toEqual({ missing: 403, stale: 403 });
  });
});

describe('what a refusal reveals about a project', () => {
  const unknown = '00000000-0000-4000-8000-000000000000';

  it('an id that does not exist is 404 for a department, exactly like a project it may not read', async () => {
    const fx = await project('DRAFT');
    const hidden = await as('county', t.http.get(`/api/projects/${fx.id}`));
    const none = await as('county', t.http.get(`/api/projects/${unknown}`));
    expect([hidden.status, none.status]).toEqual([404, 404]);
    expect(none.body).toEqual(hidden.body);
  });

  it('the administrators get the same 403 for an existing project and an unknown id', async () => {
    const fx = await project('ESTABLISHED');
    for (const who of ADMINS) {
      const existing = await as(who, t.http.get(`/api/projects/${fx.id}`));
      const none = await as(who, t.http.get(`/api/projects/${unknown}`));
      expect([existing.status, none.status], who).toEqual([403, 403]);
      expect(none.body).toEqual(existing.body);
    }
  });
});

describe('the shared sessions are still valid after the matrix', () => {
  it('logout in the matrix ended only the fresh sessions', async () => {
    for (const who of SIGNED_IN) {
      const res = await call(t.http.get('/api/auth/me').set(await t.as(who)));
      expect(res.status, who).toBe(200);
    }
  });
});
