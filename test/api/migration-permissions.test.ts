// Who may do what with the register, the waves and the board: every migration endpoint × every role and the
// public, each case on a fresh system in the state the endpoint needs (so a refusal is always about permission,
// never a missing object or a wrong state). The same three-way rule as the rest of the API: a system the caller may
// not read is 404 (its existence is not revealed), one it may read but not act on is 403, a role that may read no
// system at all is refused with 403; the public gets 401 on anything that needs a sign-in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Test } from 'supertest';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

type Who = 'anonymous' | 'admin' | 'secadmin' | 'auditor' | 'gia' | 'finance' | 'bdc' | 'dept' | 'dept2' | 'county';
const EVERYONE: Who[] = ['anonymous', 'admin', 'secadmin', 'auditor', 'gia', 'finance', 'bdc', 'dept', 'dept2', 'county'];
const SIGNED_IN = EVERYONE.filter((w) => w !== 'anonymous');
const OWNERS: Who[] = ['dept', 'dept2', 'county'];
/** may read every system (and the full board) */
const READERS: Who[] = ['gia', 'auditor', 'bdc'];
/** no rule on systems at all */
const NO_READ: Who[] = ['finance', 'admin', 'secadmin'];

let t: TestPlatform;
let waveId: string;
let seq = 0;
const ASSESSMENT = { strategy: 'REHOST', effort: 'LOW', risk: 'LOW', targetPlanCodes: ['vm-general-4c8g'] };

beforeAll(async () => {
  t = await startTestPlatform();
  const res = await t.http.post('/api/migration/waves').set(await t.as('bdc')).send({ name: '权限测试批次', startDate: '2026-01-01', endDate: '2026-12-31' });
  waveId = res.body.id;
});
afterAll(() => t?.stop());

/** A fresh system of 市教育局 (dept), taken by the sub-center through `steps`; its id and ETag. */
async function system(steps: [string, object][] = []): Promise<{ id: string; etag: string }> {
  let res = await t.http.post('/api/migration/systems').set(await t.as('dept')).send({ name: `权限测试系统${++seq}`, purpose: '测试', hosting: 'OWN_ROOM' });
  expect(res.status, res.text).toBe(201);
  const id = res.body.id as string;
  for (const [action, body] of steps) {
    res = await t.http.post(`/api/migration/systems/${id}/${action}`).set(await t.as('bdc')).set('If-Match', res.headers.etag).send(body);
    expect(res.status, `${action} ${res.text}`).toBe(200);
  }
  return { id, etag: res.headers.etag };
}

const IN_STATE: Record<string, [string, object][]> = {
  REGISTERED: [],
  ASSESSED: [['assess', ASSESSMENT]],
  PLANNED: [['assess', ASSESSMENT], ['plan', {}]],
  MIGRATING: [['assess', ASSESSMENT], ['plan', {}], ['start', {}]],
  CUT_OVER: [['assess', ASSESSMENT], ['plan', {}], ['start', {}], ['cut-over', {}]],
  BLOCKED: [['block', { reason: '测试' }]],
};
const stepsFor = (state: string) => IN_STATE[state]!.map(([a, b]) => [a, a === 'plan' ? { waveId } : b] as [string, object]);

interface Case {
  route: string;
  prepare?: () => Promise<Record<string, string>>;
  request: (fx: Record<string, string>, who: Who) => Test;
  rows: [Who[], number, string?][];
}
const csv = () => Buffer.from(`\uFEFF系统名称,业务用途,当前部署方式\r\n导入权限测试${++seq},测试,自建机房\r\n`);
/** the rows of an action on a dept system: the public 401, `ok` allowed, other readers 403, other organisations 404 */
const onSystem = (ok: Who[], status: number, okCode?: string): Case['rows'] => [
  [['anonymous'], 401],
  [ok, status, okCode],
  [([...READERS, 'dept'] as Who[]).filter((w) => !ok.includes(w)), 403],
  [(['dept2', 'county'] as Who[]).filter((w) => !ok.includes(w)), 404],
  [NO_READ, 403],
];

const TRANSITIONS: [string, string, object][] = [
  ['assess', 'REGISTERED', ASSESSMENT],
  ['plan', 'ASSESSED', {}],
  ['unplan', 'PLANNED', {}],
  ['start', 'PLANNED', {}],
  ['cut-over', 'MIGRATING', {}],
  ['decommission', 'ASSESSED', {}], // refused (422, not RETIRE) only after the permission check: see below
  ['block', 'PLANNED', { reason: '测试' }],
  ['unblock', 'BLOCKED', {}],
  ['verify', 'CUT_OVER', {}],
];

const matrix: Case[] = [
  { route: 'GET /api/migration/template', request: () => t.http.get('/api/migration/template').query({ format: 'csv' }), rows: [[EVERYONE, 200]] },
  { route: 'GET /api/migration/board', request: () => t.http.get('/api/migration/board'), rows: [[EVERYONE, 200]] },
  { route: 'GET /api/migration/waves', request: () => t.http.get('/api/migration/waves'), rows: [[['anonymous'], 401], [SIGNED_IN, 200]] },
  {
    route: 'POST /api/migration/waves',
    request: () => t.http.post('/api/migration/waves').send({ name: `批次${++seq}`, startDate: '2027-01-01', endDate: '2027-06-30' }),
    rows: [[['anonymous'], 401], [['bdc'], 201], [SIGNED_IN.filter((w) => w !== 'bdc'), 403]],
  },
  {
    route: 'PATCH /api/migration/waves/{id}',
    prepare: async () => {
      const res = await t.http.post('/api/migration/waves').set(await t.as('bdc')).send({ name: `批次${++seq}`, startDate: '2027-01-01', endDate: '2027-06-30' });
      return { id: res.body.id, etag: res.headers.etag };
    },
    request: (fx) => t.http.patch(`/api/migration/waves/${fx.id}`).set('If-Match', fx.etag!).send({ description: '改' }),
    rows: [[['anonymous'], 401], [['bdc'], 200], [SIGNED_IN.filter((w) => w !== 'bdc'), 403]],
  },
  { route: 'GET /api/migration/systems', request: () => t.http.get('/api/migration/systems'), rows: [[['anonymous'], 401], [[...OWNERS, ...READERS], 200], [NO_READ, 403]] },
  {
    route: 'POST /api/migration/systems',
    request: () => t.http.post('/api/migration/systems').send({ name: `登记权限测试${++seq}`, purpose: '测试', hosting: 'OWN_ROOM' }),
    rows: [[['anonymous'], 401], [OWNERS, 201], [[...READERS, ...NO_READ], 403]],
  },
  {
    route: 'POST /api/migration/systems/import',
    request: () => t.http.post('/api/migration/systems/import').attach('file', csv(), 'x.csv'),
    // the sub-center imports city-wide: its sheet must name each row's organisation (this one does not: 422)
    rows: [[['anonymous'], 401], [OWNERS, 201], [['bdc'], 422], [['gia', 'auditor', ...NO_READ], 403]],
  },
  {
    route: 'POST /api/migration/systems/import/preview',
    request: () => t.http.post('/api/migration/systems/import/preview').attach('file', csv(), 'x.csv'),
    // the preview reads as the import does: the sub-center's city-wide sheet too (200, with this one's missing organisations)
    rows: [[['anonymous'], 401], [[...OWNERS, 'bdc'], 200], [['gia', 'auditor', ...NO_READ], 403]],
  },
  {
    route: 'GET /api/migration/systems/export',
    request: () => t.http.get('/api/migration/systems/export').query({ format: 'csv' }),
    rows: [[['anonymous'], 401], [[...OWNERS, ...READERS], 200], [NO_READ, 403]],
  },
  {
    route: 'GET /api/migration/systems/{id}',
    prepare: () => system(),
    request: (fx) => t.http.get(`/api/migration/systems/${fx.id}`),
    rows: onSystem(['dept', ...READERS], 200),
  },
  {
    route: 'GET /api/migration/systems/{id}/history',
    prepare: () => system(),
    request: (fx) => t.http.get(`/api/migration/systems/${fx.id}/history`),
    rows: onSystem(['dept', ...READERS], 200),
  },
  {
    route: 'PATCH /api/migration/systems/{id}',
    prepare: () => system(),
    request: (fx) => t.http.patch(`/api/migration/systems/${fx.id}`).set('If-Match', fx.etag!).send({ userCount: 10 }),
    rows: [
      [['anonymous'], 401],
      [['dept'], 200],
      [['bdc'], 403, 'FORBIDDEN_FIELD'],
      [['gia', 'auditor'], 403, 'FORBIDDEN'],
      [['dept2', 'county'], 404],
      [NO_READ, 403],
    ],
  },
  {
    route: 'PATCH /api/migration/systems/{id}',
    prepare: () => system(stepsFor('ASSESSED')),
    request: (fx) => t.http.patch(`/api/migration/systems/${fx.id}`).set('If-Match', fx.etag!).send({ risk: 'HIGH' }),
    rows: [
      [['anonymous'], 401],
      [['bdc'], 200],
      [['dept'], 403, 'FORBIDDEN_FIELD'],
      [['gia', 'auditor'], 403, 'FORBIDDEN'],
      [['dept2', 'county'], 404],
      [NO_READ, 403],
    ],
  },
  {
    route: 'DELETE /api/migration/systems/{id}',
    prepare: () => system(),
    request: (fx) => t.http.delete(`/api/migration/systems/${fx.id}`).set('If-Match', fx.etag!),
    rows: onSystem(['dept'], 204),
  },
  // the security dossier (Art. 36–37) of a system still in its old place: read by its owner and the readers of every
  // system; filed by its owner only, which is told 409 (not on the city cloud yet) once allowed
  {
    route: 'GET /api/migration/systems/{id}/security',
    prepare: () => system(),
    request: (fx) => t.http.get(`/api/migration/systems/${fx.id}/security`),
    rows: onSystem(['dept', ...READERS], 200),
  },
  {
    route: 'POST /api/migration/systems/{id}/security',
    prepare: () => system(),
    request: (fx) => t.http.post(`/api/migration/systems/${fx.id}/security`).send({ kind: 'EMERGENCY_PLAN', planVersion: 'V1', issuedDate: '2026-01-05' }),
    rows: onSystem(['dept'], 409),
  },
  {
    route: 'POST /api/migration/systems/{id}/security/documents',
    prepare: () => system(),
    request: (fx) => t.http.post(`/api/migration/systems/${fx.id}/security/documents`).field('recordId', '00000000-0000-4000-8000-000000000000').attach('file', Buffer.from('%PDF-1.4\n%%EOF\n'), 'x.pdf'),
    rows: onSystem(['dept'], 409),
  },
  {
    route: 'GET /api/migration/systems/{id}/security/documents/{documentId}',
    prepare: () => system(),
    // a document that does not exist: 404 only once the caller may read the dossier
    request: (fx) => t.http.get(`/api/migration/systems/${fx.id}/security/documents/00000000-0000-4000-8000-000000000000`),
    rows: onSystem(['dept', ...READERS], 404),
  },
  // the assessment questionnaire: read by whoever reads systems, published by the sub-center; a system's answers
  // given by its organisation or the sub-center, confirmed by the sub-center (test/api/migration-questionnaire.test.ts)
  {
    route: 'GET /api/migration/questionnaire',
    request: () => t.http.get('/api/migration/questionnaire'),
    rows: [[['anonymous'], 401], [[...OWNERS, ...READERS], 200], [NO_READ, 403]],
  },
  {
    route: 'POST /api/migration/questionnaire',
    prepare: async () => ({ definition: JSON.stringify((await t.http.get('/api/migration/questionnaire').set(await t.as('bdc'))).body.definition) }),
    request: (fx) => t.http.post('/api/migration/questionnaire').send(JSON.parse(fx.definition!)),
    rows: [[['anonymous'], 401], [['bdc'], 201], [SIGNED_IN.filter((w) => w !== 'bdc'), 403]],
  },
  {
    route: 'GET /api/migration/systems/{id}/questionnaire',
    prepare: () => system(),
    request: (fx) => t.http.get(`/api/migration/systems/${fx.id}/questionnaire`),
    rows: onSystem(['dept', ...READERS], 200),
  },
  {
    route: 'PUT /api/migration/systems/{id}/questionnaire',
    prepare: () => system(),
    // no answers: refused (422) only once the caller may answer
    request: (fx) => t.http.put(`/api/migration/systems/${fx.id}/questionnaire`).send({ answers: [] }),
    rows: onSystem(['dept', 'bdc'], 422),
  },
  {
    route: 'POST /api/migration/systems/{id}/questionnaire/confirm',
    prepare: () => system(),
    // nothing answered yet: 404 only once the caller may confirm
    request: (fx) => t.http.post(`/api/migration/systems/${fx.id}/questionnaire/confirm`).set('If-Match', '"v1"').send({}),
    rows: onSystem(['bdc'], 404),
  },
  ...TRANSITIONS.map(
    ([action, state, body]): Case => ({
      route: `POST /api/migration/systems/{id}/${action}`,
      prepare: async () => ({ ...(await system(stepsFor(state))), waveId }),
      request: (fx) =>
        t.http
          .post(`/api/migration/systems/${fx.id}/${action}`)
          .set('If-Match', fx.etag!)
          .send(action === 'plan' ? { waveId: fx.waveId } : action === 'verify' ? { projectId: '00000000-0000-4000-8000-000000000000' } : body),
      // verify of a project that does not exist: 404 only once the caller was allowed; decommission of a REHOST
      // system: 422 only once the caller was allowed
      rows: onSystem(['bdc'], action === 'verify' ? 404 : action === 'decommission' ? 422 : 200),
    }),
  ),
];

describe('the matrix itself', () => {
  it('gives every caller one expected answer per endpoint variant', () => {
    for (const c of matrix) expect(c.rows.flatMap(([w]) => w).sort(), c.route).toEqual([...EVERYONE].sort());
  });

  it('covers every migration operation the API describes', async () => {
    const res = await t.http.get('/api/openapi.json');
    const described = Object.entries(res.body.paths as Record<string, Record<string, unknown>>)
      .filter(([path]) => path.startsWith('/api/migration/'))
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(new Set(matrix.map((c) => c.route))).toEqual(new Set(described));
    const migrationOps = described.filter((op) => /\{id\}\/|\/board|\/template/.test(op));
    expect(migrationOps.length).toBeGreaterThan(0);
  });
});

for (const c of matrix) {
  describe(c.route, () => {
    for (const [group, status, code] of c.rows) {
      it.each(group)(`%s → ${status}${code ? ` ${code}` : ''}`, async (who) => {
        const fx = (await c.prepare?.()) ?? {};
        let req = c.request(fx, who);
        if (who !== 'anonymous') req = req.set(await t.as(who));
        const res = await req;
        expect(res.status, res.text.slice(0, 300)).toBe(status);
        if (code) expect(res.body.code).toBe(code);
        if (c.route === 'GET /api/migration/board') expect(res.body.view).toBe(READERS.includes(who) ? 'full' : 'public');
      });
    }
  });
}
