// What the server now decides that the console used to: whether a project takes resource requests (the project
// machine's `request` action), which filings its state takes, which queues a reviewer decides in, and whether a
// new catalog draft may be started. Each `it` builds its own objects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { REQUEST, buildEstablished, buildValidDraft, type Built } from '../support/projects.js';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t?.stop());

interface Offered {
  action: string;
  enabled: boolean;
  reason?: { code: string; article: string; message: string };
}
const offered = (body: { allowedActions?: Offered[] }, action: string) => body.allowedActions?.find((a) => a.action === action);

const ONE_VM = { ...REQUEST, items: [{ planCode: 'vm-general-4c8g', quantity: 1 }] };

async function accept(p: Built): Promise<Built> {
  const res = await t.http
    .post(`/api/projects/${p.id}/acceptance`)
    .set(await t.as('dept'))
    .set('If-Match', p.etag)
    .send({
      acceptanceDate: t.today(),
      evidence: { dataSharingConnected: true, informationResourcesProvided: true, onGovernmentCloud: true, secureControllableChecked: true },
      summary: '验收通过',
    });
  expect(res.status, res.text).toBe(200);
  return { id: p.id, etag: res.headers.etag, body: res.body };
}

describe('a resource request is the project machine’s `request` action', () => {
  it('is offered to the department on an established project, and refused with the article on a draft', async () => {
    const established = await buildEstablished(t);
    const view = await t.http.get(`/api/projects/${established.id}`).set(await t.as('dept'));
    expect(offered(view.body, 'request')).toMatchObject({ enabled: true });

    const draft = await buildValidDraft(t);
    const draftView = await t.http.get(`/api/projects/${draft.id}`).set(await t.as('dept'));
    expect(offered(draftView.body, 'request')).toMatchObject({ enabled: false, reason: { code: 'INVALID_TRANSITION', article: '第二十八条' } });
    const refused = await t.http.post(`/api/projects/${draft.id}/resource-requests`).set(await t.as('dept')).send(ONE_VM);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('INVALID_TRANSITION');
    expect((await t.http.get('/api/resource-requests').query({ projectId: draft.id }).set(await t.as('dept'))).body.total).toBe(0);
  });

  it('is not offered to the sub-center, which reviews requests but does not make them', async () => {
    const established = await buildEstablished(t);
    const view = await t.http.get(`/api/projects/${established.id}`).set(await t.as('bdc'));
    expect(offered(view.body, 'request')).toBeUndefined();
    expect((await t.http.post(`/api/projects/${established.id}/resource-requests`).set(await t.as('bdc')).send(ONE_VM)).status).toBe(403);
  });

  it('gives twenty concurrent requests against an entitlement of four exactly four requests, the others a 422 naming what is left', async () => {
    const established = await buildEstablished(t);
    const dept = await t.as('dept');
    const answers = await Promise.all(Array.from({ length: 20 }, () => t.http.post(`/api/projects/${established.id}/resource-requests`).set(dept).send(ONE_VM)));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(4);
    expect(statuses.filter((s) => s === 422)).toHaveLength(16);
    for (const refused of answers.filter((a) => a.status === 422)) {
      expect(refused.body.violations[0]).toMatchObject({ code: 'EXCEEDS_ENTITLEMENT', field: 'items.0.quantity' });
    }
    const list = await t.http.get('/api/resource-requests').query({ projectId: established.id }).set(dept);
    expect(list.body.total).toBe(4);
    expect(new Set(list.body.items.map((r: { code: string }) => r.code)).size).toBe(4);
  });

  it('is audited against the project with the request it made', async () => {
    const established = await buildEstablished(t);
    const made = await t.http.post(`/api/projects/${established.id}/resource-requests`).set(await t.as('dept')).send(ONE_VM);
    expect(made.status).toBe(201);
    const audit = await t.http.get('/api/audit/events').query({ targetId: established.id, limit: 50 }).set(await t.as('auditor'));
    const event = audit.body.items.find((e: { action: string }) => e.action === 'resource-request.create');
    expect(event).toMatchObject({ targetType: 'Project', targetId: established.id });
    expect(event.detail).toMatchObject({ requestId: made.body.id, code: made.body.code });
  });
});

describe('the filings a project takes are the server’s, by state (Art. 13–17, 21, 23)', () => {
  it('lists every filing while established, and no contract once accepted', async () => {
    const established = await buildEstablished(t);
    expect(established.body.filingKinds).toEqual(['CONTRACT', 'SUPERVISION', 'PROGRESS', 'SELF_EVALUATION', 'ACCEPTANCE_REPORT', 'RECTIFICATION_REPORT']);
    const accepted = await accept(established);
    expect(accepted.body.filingKinds).toEqual(['ACCEPTANCE_REPORT', 'SELF_EVALUATION', 'PROGRESS', 'RECTIFICATION_REPORT']);
    const refused = await t.http
      .post(`/api/projects/${accepted.id}/filings`)
      .set(await t.as('dept'))
      .send({ kind: 'CONTRACT', signedDate: t.today(), contractNo: 'HT-2026-001', contractor: '某公司', amount: 100000 });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('FILING_KIND_NOT_ALLOWED');
    expect(refused.body.message).toBe('当前状态「已验收」不受理「合同备案」（第十三条）');
    const after = await t.http.get(`/api/projects/${accepted.id}`).set(await t.as('dept'));
    expect(after.body.filings.filter((f: { kind: string }) => f.kind === 'CONTRACT')).toHaveLength(0);
    expect(after.body.version).toBe(accepted.body.version);
  });

  it('takes only progress and rectification reports while funding is suspended, and says so in English too', async () => {
    const established = await buildEstablished(t);
    const suspended = await t.http.post(`/api/projects/${established.id}/suspend`).set(await t.as('gia')).set('If-Match', established.etag).send({ reason: '资金使用不规范' });
    expect(suspended.status).toBe(200);
    expect(suspended.body.filingKinds).toEqual(['PROGRESS', 'RECTIFICATION_REPORT']);
    const refused = await t.http
      .post(`/api/projects/${established.id}/filings`)
      .set(await t.as('dept'))
      .set('Accept-Language', 'en')
      .send({ kind: 'SELF_EVALUATION', year: 2026, summary: '自评' });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe('A Self-evaluation filing is not taken while the state is Suspended');
  });

  it('lists none before establishment', async () => {
    const draft = await buildValidDraft(t);
    expect(draft.body.filingKinds).toEqual([]);
  });
});

describe('GET /api/projects/queues', () => {
  it('gives each reviewer the queues they decide in, in order, with what waits in each', async () => {
    const before = await t.http.get('/api/projects/queues').set(await t.as('gia'));
    expect(before.status).toBe(200);
    expect(before.body.items.map((q: { stage: string }) => q.stage)).toEqual(['GIA_REVIEW', 'BUDGET_APPROVED', 'PUBLIC_NOTICE', 'CHANGE_REVIEW']);
    const waiting = (body: { items: { stage: string; waiting: number }[] }, stage: string) => body.items.find((q) => q.stage === stage)?.waiting;

    const draft = await buildValidDraft(t);
    expect((await t.http.post(`/api/projects/${draft.id}/submit`).set(await t.as('dept')).set('If-Match', draft.etag).send({})).status).toBe(200);
    const after = await t.http.get('/api/projects/queues').set(await t.as('gia'));
    expect(waiting(after.body, 'GIA_REVIEW')).toBe(waiting(before.body, 'GIA_REVIEW')! + 1);

    const finance = await t.http.get('/api/projects/queues').set(await t.as('finance'));
    expect(finance.body.items.map((q: { stage: string }) => q.stage)).toEqual(['BUDGET_REVIEW']);
  });

  it('gives those who decide nothing no queues, and the anonymous a 401', async () => {
    for (const who of ['dept', 'bdc', 'auditor']) {
      const res = await t.http.get('/api/projects/queues').set(await t.as(who));
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([]);
    }
    expect((await t.http.get('/api/projects/queues')).status).toBe(401);
  });
});

describe('starting a catalog draft is offered on the revision list', () => {
  it('to the sub-center alone: enabled with no revision open, disabled with the open one named while one is', async () => {
    const gia = await t.http.get('/api/catalog/revisions').set(await t.as('gia'));
    expect(gia.body.allowedActions).toBeUndefined();
    expect((await t.http.get('/api/catalog/revisions')).body.allowedActions).toBeUndefined();

    const free = await t.http.get('/api/catalog/revisions').set(await t.as('bdc'));
    expect(free.body.allowedActions).toEqual([{ action: 'create', label: '起草新版本', enabled: true }]);
    const draft = await t.http.post('/api/catalog/revisions').set(await t.as('bdc')).send({ title: '测试修订' });
    expect(draft.status).toBe(201);
    try {
      const busy = await t.http.get('/api/catalog/revisions').set(await t.as('bdc'));
      expect(busy.body.allowedActions[0]).toMatchObject({ action: 'create', enabled: false, reason: { code: 'REVISION_STILL_OPEN', article: '第二十八条' } });
      expect(busy.body.allowedActions[0].reason.message).toContain(String(draft.body.number));
    } finally {
      const discarded = await t.http.post(`/api/catalog/revisions/${draft.body.number}/discard`).set(await t.as('bdc')).set('If-Match', draft.headers.etag).send({});
      expect(discarded.status).toBeLessThan(300);
    }
  });
});
