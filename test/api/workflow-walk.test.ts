// Walks the machines' tables (projects/workflow.ts, migration/workflow.ts, provisioners/request-workflow.ts) through the API
// (and provisioners/job-workflow.ts with the request's reports, which only the worker takes, through the runner): in every state a project can reach,
// every action the table does not allow from that state is refused, by a caller who may take it in another state,
// and nothing changes; the 409 names the state's rule (INVALID_TRANSITION) and the action's article. Each state is
// built afresh through the API, as a department and the reviewers would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../core/actor.js';
import { AppError } from '../../core/errors.js';
import { actionsOf } from '../../core/workflow/machine.js';
import { createRunner } from '../../core/workflow/runner.js';
import { jobMachine } from '../../provisioners/job-machine.js';
import { JOB_MACHINE, type JobAction, type JobState } from '../../provisioners/job-workflow.js';
import { requestMachine } from '../../provisioners/request-machine.js';
import { MIGRATION_MACHINE, MIGRATION_TRANSITION_ACTIONS, type MigrationState, type MigrationTransitionAction } from '../../migration/workflow.js';
import { PROJECT_MACHINE, type ProjectAction, type ProjectState } from '../../projects/workflow.js';
import { REQUEST_MACHINE, REQUEST_REPORTS, type RequestAction, type RequestReport, type RequestState } from '../../provisioners/request-workflow.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { ALL_PASS, REQUEST, VALID_LINES, buildBudgetApproved, buildEstablished, buildValidDraft, type Built } from '../support/projects.js';
import { NO_WORKERS, jobRig, jobRow, queuedDeprovision, queuedProvision, requestRow, type JobRig } from '../support/provisioning-factories.js';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t?.stop());

const ACCEPTANCE = {
  acceptanceDate: '2026-12-01',
  evidence: { dataSharingConnected: true, informationResourcesProvided: true, onGovernmentCloud: true, secureControllableChecked: true },
  summary: '验收通过',
};

/** How each action is asked for, and by whom (a role that may take it in some state). */
const CALLS: Record<Exclude<ProjectAction, 'resolve-objection'>, { who: string; method: 'patch' | 'post'; path: string; body: object }> = {
  update: { who: 'dept', method: 'patch', path: '', body: { name: '越权修改' } },
  submit: { who: 'dept', method: 'post', path: '/submit', body: {} },
  review: { who: 'gia', method: 'post', path: '/review', body: { decision: 'APPROVE', dimensions: ALL_PASS, comment: '同意' } },
  'budget-review': { who: 'finance', method: 'post', path: '/budget-review', body: { decision: 'APPROVE', approvedAmount: 1000, comment: '核定' } },
  notice: { who: 'gia', method: 'post', path: '/notice', body: {} },
  establish: { who: 'gia', method: 'post', path: '/establish', body: {} },
  file: { who: 'dept', method: 'post', path: '/filings', body: { kind: 'PROGRESS', period: '2026Q4', progressPercent: 50, fundsUsed: 1000, summary: '进展' } },
  request: { who: 'dept', method: 'post', path: '/resource-requests', body: REQUEST },
  'change-request': { who: 'dept', method: 'post', path: '/change-request', body: { reason: '调整', lines: VALID_LINES } },
  'change-review': { who: 'gia', method: 'post', path: '/change-review', body: { decision: 'APPROVE' } },
  acceptance: { who: 'dept', method: 'post', path: '/acceptance', body: ACCEPTANCE },
  evaluate: {
    who: 'gia',
    method: 'post',
    path: '/evaluations',
    body: { dimensions: Object.fromEntries(['usage', 'resourceFit', 'satisfaction', 'efficiency', 'sustainability', 'security'].map((d) => [d, { score: 80 }])), grade: 'GOOD', conclusion: '评价' },
  },
  rectify: { who: 'gia', method: 'post', path: '/rectification-notices', body: { issues: '整改事项' } },
  suspend: { who: 'gia', method: 'post', path: '/suspend', body: { reason: '暂停' } },
  resume: { who: 'gia', method: 'post', path: '/resume', body: { reason: '恢复' } },
  terminate: { who: 'gia', method: 'post', path: '/terminate', body: { reason: '终止' } },
};

async function act(who: string, p: Built, action: keyof typeof CALLS, etag = p.etag) {
  const c = CALLS[action];
  const today = t.today();
  // a notice starts today at the earliest; completion is accepted today, after the establishment
  const body = action === 'notice' ? { startDate: today, endDate: today } : action === 'acceptance' ? { ...c.body, acceptanceDate: today } : c.body;
  const res = await t.http[c.method](`/api/projects/${p.id}${c.path}`).set(await t.as(who)).set('If-Match', etag).send(body);
  return res;
}

/** Moves a project on with an action that must succeed. */
async function step(p: Built, action: keyof typeof CALLS, body?: object): Promise<Built> {
  const c = CALLS[action];
  const res = await t.http[c.method](`/api/projects/${p.id}${c.path}`).set(await t.as(c.who)).set('If-Match', p.etag).send(body ?? c.body);
  expect(res.status, `${action}: ${res.text}`).toBe(200);
  return { id: p.id, etag: res.headers.etag, body: res.body };
}

/** A fresh project in each state the machine can reach. */
const BUILD: Record<ProjectState, () => Promise<Built>> = {
  DRAFT: () => buildValidDraft(t),
  GIA_REVIEW: async () => step(await buildValidDraft(t), 'submit'),
  RETURNED: async () => step(await BUILD.GIA_REVIEW(), 'review', { decision: 'RETURN', dimensions: ALL_PASS, comment: '补充材料' }),
  REJECTED: async () => step(await BUILD.GIA_REVIEW(), 'review', { decision: 'REJECT', dimensions: ALL_PASS, comment: '不予批准' }),
  BUDGET_REVIEW: async () => step(await BUILD.GIA_REVIEW(), 'review'),
  BUDGET_APPROVED: () => buildBudgetApproved(t),
  PUBLIC_NOTICE: async () => step(await buildBudgetApproved(t), 'notice', { startDate: t.today(), endDate: t.today() }),
  ESTABLISHED: () => buildEstablished(t),
  CHANGE_REVIEW: async () => step(await buildEstablished(t), 'change-request'),
  ACCEPTED: async () => step(await buildEstablished(t), 'acceptance', { ...ACCEPTANCE, acceptanceDate: t.today() }),
  SUSPENDED: async () => step(await buildEstablished(t), 'suspend'),
  TERMINATED: async () => step(await buildEstablished(t), 'terminate'),
};

describe('the project machine, walked through the API', () => {
  it('every state it names can be built, and the table is complete', () => {
    expect(Object.keys(BUILD).sort()).toEqual([...PROJECT_MACHINE.states].sort());
    expect(actionsOf(PROJECT_MACHINE).filter((a) => a !== 'resolve-objection').sort()).toEqual(Object.keys(CALLS).sort());
  });

  for (const state of PROJECT_MACHINE.states) {
    const refused = (Object.keys(CALLS) as (keyof typeof CALLS)[]).filter((a) => !(PROJECT_MACHINE.actions[a].from as readonly string[]).includes(state));
    it(`in ${state}, refuses ${refused.join(', ')}; nothing changes`, async () => {
      const p = await BUILD[state]();
      const before = await t.http.get(`/api/projects/${p.id}`).set(await t.as('auditor'));
      expect(before.body.status).toBe(state);
      for (const action of refused) {
        const res = await act(CALLS[action].who, { ...p, etag: before.headers.etag }, action);
        // refused: 409 naming the article when the caller may read the project in this state, else 403/404
        expect([403, 404, 409], `${action} in ${state}: ${res.status} ${res.text}`).toContain(res.status);
        if (res.status === 409) {
          expect(res.body, `${action} in ${state}`).toMatchObject({ code: 'INVALID_TRANSITION', article: PROJECT_MACHINE.actions[action].article });
        }
      }
      const after = await t.http.get(`/api/projects/${p.id}`).set(await t.as('auditor'));
      expect([after.body.status, after.headers.etag]).toEqual([state, before.headers.etag]);
    });
  }

  it('offers the reader what the table allows in the state: GIA on a project in review', async () => {
    const p = await BUILD.GIA_REVIEW();
    const res = await t.http.get(`/api/projects/${p.id}`).set(await t.as('gia'));
    const enabled = (res.body.allowedActions as { action: string; enabled: boolean }[]).filter((a) => a.enabled).map((a) => a.action);
    expect(enabled).toEqual(['review']);
    const dept = await t.http.get(`/api/projects/${p.id}`).set(await t.as('dept'));
    const submit = (dept.body.allowedActions as { action: string; enabled: boolean; reason?: { code: string; article: string } }[]).find((a) => a.action === 'submit');
    expect(submit).toMatchObject({ enabled: false, reason: { code: 'INVALID_TRANSITION', article: '第六条' } });
  });

  it('lists submit disabled, with the first violation and its article, on a draft that fails validation', async () => {
    const draft = await t.http.post('/api/projects').set(await t.as('dept')).send({ name: '未完成的申报', type: 'NEW', budgetYear: 2026, totalBudget: 100000 });
    expect(draft.status, draft.text).toBe(201);
    const res = await t.http.get(`/api/projects/${draft.body.id}`).set(await t.as('dept'));
    const submit = (res.body.allowedActions as { action: string; enabled: boolean; reason?: { code: string; article: string; message: string } }[]).find((a) => a.action === 'submit');
    expect(submit?.enabled).toBe(false);
    expect(submit?.reason?.code).not.toBe('INVALID_TRANSITION');
    expect(submit?.reason?.article).toMatch(/^第.+条$/);
    expect(submit?.reason?.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('the migration machine, walked through the API', () => {
  const ASSESSMENT = { strategy: 'REHOST', effort: 'LOW', risk: 'LOW', targetPlanCodes: ['vm-general-4c8g'] };
  let waveId = '';
  let seq = 0;
  const body = (action: MigrationTransitionAction): object =>
    action === 'assess' ? ASSESSMENT : action === 'plan' ? { waveId } : action === 'block' ? { reason: '受阻' } : action === 'verify' ? { projectId: '00000000-0000-4000-8000-000000000000' } : {};

  async function take(id: string, etag: string, action: MigrationTransitionAction, override?: object) {
    return t.http.post(`/api/migration/systems/${id}/${action}`).set(await t.as('bdc')).set('If-Match', etag).send(override ?? body(action));
  }
  /** A fresh system taken through `steps` by the sub-center. */
  async function system(steps: [MigrationTransitionAction, object?][]): Promise<{ id: string; etag: string }> {
    let res = await t.http.post('/api/migration/systems').set(await t.as('dept')).send({ name: `状态遍历系统${++seq}`, purpose: '测试', hosting: 'OWN_ROOM' });
    expect(res.status, res.text).toBe(201);
    const id = res.body.id as string;
    for (const [action, override] of steps) {
      res = await take(id, res.headers.etag, action, override);
      expect(res.status, `${action}: ${res.text}`).toBe(200);
    }
    return { id, etag: res.headers.etag };
  }
  // MIGRATED needs a project with provisioned resources: test/api/migration-workflow.test.ts takes a system there
  const BUILD: Partial<Record<MigrationState, [MigrationTransitionAction, object?][]>> = {
    REGISTERED: [],
    ASSESSED: [['assess']],
    PLANNED: [['assess'], ['plan']],
    MIGRATING: [['assess'], ['plan'], ['start']],
    CUT_OVER: [['assess'], ['plan'], ['start'], ['cut-over']],
    DECOMMISSIONED: [['assess', { ...ASSESSMENT, strategy: 'RETIRE', targetPlanCodes: [] }], ['decommission']],
    BLOCKED: [['block']],
  };

  beforeAll(async () => {
    const res = await t.http.post('/api/migration/waves').set(await t.as('bdc')).send({ name: '遍历批次', startDate: '2027-01-01', endDate: '2027-06-30' });
    waveId = res.body.id;
  });

  for (const [state, steps] of Object.entries(BUILD) as [MigrationState, [MigrationTransitionAction, object?][]][]) {
    const refused = MIGRATION_TRANSITION_ACTIONS.filter((a) => !(MIGRATION_MACHINE.actions[a].from as readonly string[]).includes(state));
    it(`in ${state}, refuses ${refused.join(', ')} with 409 and the article; nothing changes`, async () => {
      const s = await system(steps);
      for (const action of refused) {
        const res = await take(s.id, s.etag, action);
        expect(res.status, `${action} in ${state}: ${res.text}`).toBe(409);
        expect(res.body).toMatchObject({ code: 'INVALID_TRANSITION', article: MIGRATION_MACHINE.actions[action].article });
      }
      const after = await t.http.get(`/api/migration/systems/${s.id}`).set(await t.as('bdc'));
      expect([after.body.status, after.headers.etag]).toEqual([state, s.etag]);
    });
  }
});

describe('the resource request machine, walked through the API', () => {
  type Req = { id: string; etag: string; code: string };
  // the worker's reports are not routed by the API: walked through the runner below
  const CALL: Record<Exclude<RequestAction, RequestReport>, { path: string; ifMatch: boolean; body: (r: Req) => object }> = {
    approve: { path: 'approve', ifMatch: true, body: () => ({}) },
    return: { path: 'return', ifMatch: true, body: () => ({ note: '退回' }) },
    preview: { path: 'preview', ifMatch: false, body: () => ({}) },
    provision: { path: 'provision', ifMatch: false, body: () => ({}) },
    deprovision: { path: 'deprovision', ifMatch: false, body: (r) => ({ confirm: r.code }) },
  };
  async function post(r: Req, action: keyof typeof CALL) {
    const req = t.http.post(`/api/resource-requests/${r.id}/${CALL[action].path}`).set(await t.as('bdc'));
    return (CALL[action].ifMatch ? req.set('If-Match', r.etag) : req).send(CALL[action].body(r));
  }
  async function settled(r: Req, state: RequestState): Promise<Req> {
    for (let i = 0; i < 100; i++) {
      const res = await t.http.get(`/api/resource-requests/${r.id}`).set(await t.as('bdc'));
      if (res.body.status === state) return { ...r, etag: res.headers.etag };
      await new Promise((done) => setTimeout(done, 150));
    }
    throw new Error(`request ${r.code} did not become ${state}`);
  }
  async function submitted(): Promise<Req> {
    const project = await buildEstablished(t);
    const res = await t.http.post(`/api/projects/${project.id}/resource-requests`).set(await t.as('dept')).send(REQUEST);
    expect(res.status, res.text).toBe(201);
    return { id: res.body.id, etag: res.headers.etag, code: res.body.code };
  }
  async function after(r: Req, action: keyof typeof CALL, state: RequestState) {
    const res = await post(r, action);
    expect(res.status, `${action}: ${res.text}`).toBeLessThan(300);
    return settled(r, state);
  }
  const BUILD: Partial<Record<RequestState, () => Promise<Req>>> = {
    SUBMITTED: submitted,
    APPROVED: async () => after(await submitted(), 'approve', 'APPROVED'),
    RETURNED: async () => after(await submitted(), 'return', 'RETURNED'),
    PROVISIONED: async () => after(await BUILD.APPROVED!(), 'provision', 'PROVISIONED'),
    DEPROVISIONED: async () => after(await BUILD.PROVISIONED!(), 'deprovision', 'DEPROVISIONED'),
  };

  for (const [state, build] of Object.entries(BUILD) as [RequestState, () => Promise<Req>][]) {
    const refused = (Object.keys(CALL) as (keyof typeof CALL)[]).filter((a) => !(REQUEST_MACHINE.actions[a].from as readonly string[]).includes(state));
    it(`in ${state}, refuses ${refused.join(', ')} with 409 and the article; nothing changes`, async () => {
      const r = await build();
      for (const action of refused) {
        const res = await post(r, action);
        expect(res.status, `${action} in ${state}: ${res.text}`).toBe(409);
        expect(res.body).toMatchObject({ code: 'INVALID_TRANSITION', article: REQUEST_MACHINE.actions[action].article });
      }
      const now = await t.http.get(`/api/resource-requests/${r.id}`).set(await t.as('bdc'));
      expect([now.body.status, now.headers.etag]).toEqual([state, r.etag]);
    });
  }
});

// The worker's machines: the job machine, and the reports it makes to the request. Neither is routed by the API, so
// they are walked through the runner, as the worker's own actor (who may take each of them in some state), on a
// platform whose jobs run only when the test hands them to its worker, so that every state can be held.
describe('the job machine and the request reports, walked through the runner', () => {
  let w: TestPlatform;
  let rig: JobRig;
  let lastTry: JobRig;
  const worker = systemActor('worker');
  const refusalOf = (err: unknown) => (err instanceof AppError ? { status: err.status, code: err.code, article: err.params.article } : err);
  beforeAll(async () => {
    w = await startTestPlatform(NO_WORKERS);
    rig = jobRig(w, 1);
    lastTry = jobRig(w, 0); // its first failure is the last
  });
  afterAll(() => w?.stop());

  const INPUTS: Record<JobAction, object> = { start: {}, restart: {}, succeed: { result: {}, summary: {} }, retry: { error: '遍历' }, recover: { error: '遍历', worker: null, lastBeat: null, silentSeconds: 60 }, fail: { error: '遍历' } };
  /** A fresh job in each state, and the request it provisions. */
  const JOB: Record<JobState, () => Promise<{ jobId: string; requestId: string }>> = {
    QUEUED: () => queuedProvision(w),
    RUNNING: async () => {
      const r = await queuedProvision(w);
      await rig.actions.begin({ id: r.jobId, state: 'QUEUED' });
      return r;
    },
    SUCCEEDED: async () => {
      const r = await queuedProvision(w);
      await rig.worker.handle({ jobId: r.jobId });
      return r;
    },
    FAILED: async () => {
      const r = await queuedProvision(w);
      lastTry.failUp.set(r.stack, 1);
      await lastTry.worker.handle({ jobId: r.jobId });
      return r;
    },
  };

  it('every state of the job machine can be built', () => {
    expect(Object.keys(JOB).sort()).toEqual([...JOB_MACHINE.states].sort());
  });

  for (const state of JOB_MACHINE.states) {
    const refused = actionsOf(JOB_MACHINE).filter((a) => !(JOB_MACHINE.actions[a].from as readonly string[]).includes(state));
    it(`a job in ${state} refuses ${refused.join(', ') || 'nothing'} with 409 and the article; nothing changes`, async () => {
      const jobs = createRunner(jobMachine, { db: w.platform.db, env: () => ({ driverName: 'render' }) });
      const r = await JOB[state]();
      const before = await jobRow(w, r.jobId);
      expect(before.state).toBe(state);
      for (const action of refused) {
        const err = await jobs.run(worker, action, r.jobId, { input: INPUTS[action] as never, locale: 'zh-CN' }).then(() => null, (e: unknown) => e);
        expect(refusalOf(err), `${action} in ${state}`).toEqual({ status: 409, code: 'INVALID_TRANSITION', article: JOB_MACHINE.actions[action].article });
      }
      expect(await jobRow(w, r.jobId)).toEqual(before);
    });
  }

  /** A fresh request in each state. */
  const REQ: Record<RequestState, () => Promise<string>> = {
    SUBMITTED: async () => {
      const project = await buildEstablished(w);
      const res = await w.http.post(`/api/projects/${project.id}/resource-requests`).set(await w.as('dept')).send(REQUEST);
      expect(res.status, res.text).toBe(201);
      return res.body.id as string;
    },
    APPROVED: async () => decided(await REQ.SUBMITTED(), 'approve'),
    RETURNED: async () => decided(await REQ.SUBMITTED(), 'return'),
    PROVISIONING: async () => (await queuedProvision(w)).requestId,
    PROVISIONED: async () => (await JOB.SUCCEEDED()).requestId,
    FAILED: async () => (await JOB.FAILED()).requestId,
    DEPROVISIONING: async () => {
      const r = await queuedProvision(w);
      await rig.worker.handle({ jobId: r.jobId });
      await queuedDeprovision(w, r);
      return r.requestId;
    },
    DEPROVISIONED: async () => {
      const r = await queuedProvision(w);
      await rig.worker.handle({ jobId: r.jobId });
      await rig.worker.handle({ jobId: await queuedDeprovision(w, r) });
      return r.requestId;
    },
  };
  async function decided(id: string, action: 'approve' | 'return') {
    const res = await w.http.post(`/api/resource-requests/${id}/${action}`).set(await w.as('bdc')).set('If-Match', '"v1"').send({ note: '遍历' });
    expect(res.status, res.text).toBe(200);
    return id;
  }

  for (const state of REQUEST_MACHINE.states) {
    const refused = REQUEST_REPORTS.filter((a) => !(REQUEST_MACHINE.actions[a].from as readonly string[]).includes(state));
    it(`a request in ${state} refuses the reports ${refused.join(', ') || 'none'} with 409 and the article; nothing changes`, async () => {
      const requests = createRunner(requestMachine, { db: w.platform.db, env: () => ({ queue: w.platform.queue, driverName: 'render' }) });
      const id = await REQ[state]();
      const before = await requestRow(w, id);
      expect(before.status).toBe(state);
      for (const action of refused) {
        const err = await requests.run(worker, action, id, { input: { jobId: '00000000-0000-4000-8000-000000000000', error: '遍历' }, locale: 'zh-CN' }).then(() => null, (e: unknown) => e);
        expect(refusalOf(err), `${action} in ${state}`).toEqual({ status: 409, code: 'INVALID_TRANSITION', article: REQUEST_MACHINE.actions[action].article });
      }
      expect(await requestRow(w, id)).toEqual(before);
    });
  }
});
