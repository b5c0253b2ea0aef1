// The audit trail as an auditor reads it: actions, people and objects by name; sign-ins out of the way unless asked
// for; one project's whole history (its requests and jobs too) found by its number; an XLSX export that carries
// the chain check. Each test arranges its own project.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { buildEstablished, buildValidDraft, REQUEST } from '../support/projects.js';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t?.stop());

type Event = { action: string; actionLabel: string; actorLabel: string | null; targetType: string | null; targetLabel: string | null; outcome: string };
const events = async (query: Record<string, string | number>) => {
  const res = await t.http.get('/api/audit/events').query({ limit: 500, ...query }).set(await t.as('auditor'));
  expect(res.status).toBe(200);
  return res.body.items as Event[];
};

const download = (req: ReturnType<TestPlatform['http']['get']>) =>
  req.buffer(true).parse((r, cb) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => cb(null, Buffer.concat(chunks)));
  });

describe('a readable trail', () => {
  it('names the action, the person and the project in Chinese, and in English on request', async () => {
    const p = await buildValidDraft(t);
    const submitted = await t.http.post(`/api/projects/${p.id}/submit`).set(await t.as('dept')).set('If-Match', p.etag).send({});
    expect(submitted.status).toBe(200);
    const [submit] = await events({ targetType: 'Project', targetId: p.id, action: 'project.submit' });
    expect(submit).toMatchObject({ action: 'project.submit', actionLabel: '提交审核', targetLabel: `${p.body.code} ${p.body.name}` });
    expect(submit!.actorLabel).toMatch(/（dept）$/);
    const english = await t.http.get('/api/audit/events').query({ targetType: 'Project', targetId: p.id, action: 'project.submit' }).set(await t.as('auditor')).set('Accept-Language', 'en');
    expect(english.body.items[0].actionLabel).not.toBe('提交审核');
    expect(english.body.items[0].actionLabel).toMatch(/^[\x20-\x7e]+$/);
  });

  it('leaves sign-ins out unless asked for', async () => {
    await t.http.post('/api/auth/login').send({ username: 'dept', password: 'wrong-password' });
    expect((await events({})).some((e) => e.action.startsWith('auth.'))).toBe(false);
    const withSignIns = await events({ signIns: 'true' });
    expect(withSignIns.some((e) => e.action === 'auth.login' && e.outcome === 'FAILURE')).toBe(true);
    // asking for auth.* by action shows them too
    expect((await events({ action: 'auth.' })).length).toBeGreaterThan(0);
  });

  it("finds a project's whole history by its number: the project's records and its resource request's", async () => {
    const p = await buildEstablished(t);
    const request = await t.http.post(`/api/projects/${p.id}/resource-requests`).set(await t.as('dept')).send(REQUEST);
    expect(request.status).toBe(201);
    const approved = await t.http.post(`/api/resource-requests/${request.body.id}/approve`).set(await t.as('bdc')).set('If-Match', request.headers.etag).send({ note: '容量充足' });
    expect(approved.status).toBe(200);

    const history = await events({ project: p.body.code });
    const actions = history.map((e) => e.action);
    for (const a of ['project.create', 'project.submit', 'project.review', 'project.budget-review', 'project.notice', 'project.establish', 'resource-request.create', 'resource-request.approve']) {
      expect(actions).toContain(a);
    }
    const approval = history.find((e) => e.action === 'resource-request.approve')!;
    expect(approval).toMatchObject({ targetType: 'ResourceRequest', targetLabel: request.body.code });
    // nothing of another project
    const other = await buildValidDraft(t);
    expect((await events({ project: p.body.code })).length).toBe(history.length);
    expect(history.every((e) => e.targetLabel === null || !e.targetLabel.startsWith(other.body.code))).toBe(true);
    // a number no project has: nothing (not everything)
    expect(await events({ project: 'NO-SUCH-PROJECT' })).toEqual([]);
  });

  it("exports a project's history as XLSX with the names, the codes and the chain check, and records the export", async () => {
    const p = await buildValidDraft(t);
    const res = await download(t.http.get('/api/audit/export').query({ project: p.body.code }).set(await t.as('auditor')));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('审计记录'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as ArrayBuffer);
    const [records, chain] = wb.worksheets;
    expect(records!.name).toBe('审计记录');
    expect(records!.getRow(1).getCell(5).text).toBe('操作');
    const rows = records!.getSheetValues().slice(2) as unknown[][];
    const created = rows.find((r) => r[6] === 'project.create');
    expect(created).toBeDefined();
    expect(created![5]).toBe('创建项目');
    expect(created![7]).toBe(`${p.body.code} ${p.body.name}`);
    expect(chain!.name).toBe('审计链校验');
    const checks = Object.fromEntries((chain!.getSheetValues().slice(2) as unknown[][]).map((r) => [r[1], r[2]]));
    expect(checks['审计链完整']).toBe('是');
    expect(checks['已校验记录数']).toBeGreaterThan(rows.length);

    const [exported] = await events({ action: 'audit.export' });
    expect(exported).toMatchObject({ actionLabel: '导出审计记录', outcome: 'SUCCESS' });
  });

  it('is for the auditor alone: others get 403, strangers 401', async () => {
    expect((await t.http.get('/api/audit/export')).status).toBe(401);
    for (const user of ['gia', 'secadmin', 'dept']) expect((await t.http.get('/api/audit/export').set(await t.as(user))).status).toBe(403);
  });
});
