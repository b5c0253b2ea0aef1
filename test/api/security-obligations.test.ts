// Security obligations (Art. 36–37) through HTTP: the dossier of an established project and of a migrated system,
// each kind of record filed by the implementing unit, the yearly drill and the graded-protection assessment on the
// due/overdue lists, who may read and who may file, bad input (422 with the field), and If-Match (412).
import { describe, expect, it } from 'vitest';
import type { LocalDate } from '../../core/calendar/working-days.js';
import { PDF } from '../support/documents.js';
import { systemIn } from '../support/migration-factories.js';
import { projectIn } from '../support/project-factories.js';
import { addDays, useScene } from '../support/scene.js';

const scene = useScene({ WORKER_CONCURRENCY: '1' });
const security = (id: string) => `/api/projects/${id}/security`;

const RISK = {
  kind: 'RISK_ASSESSMENT',
  assessmentDate: '2026-03-02',
  assessor: '山西某测评中心',
  result: 'REMEDIATE',
  conclusion: '发现中风险2项，已制定整改计划',
  unitConfirmation: { confirmedBy: '王主任', confirmedDate: '2026-03-05' },
  contractorConfirmation: { contractor: '运城某科技有限公司', confirmedBy: '李经理', confirmedDate: '2026-03-06' },
};
const MLPS = { kind: 'MLPS', mlpsLevel: 3, mlpsFilingNo: '14080099999-26001', gradingDate: '2026-01-15', lastAssessmentDate: '2026-04-20', assessor: '某等级测评机构', assessmentConclusion: 'GOOD' };
const CRYPTO = { kind: 'CRYPTO_ASSESSMENT', assessmentDate: '2026-05-10', assessor: '某商用密码检测机构', cryptoResult: 'BASICALLY_COMPLIANT' };
const PLAN = { kind: 'EMERGENCY_PLAN', planVersion: 'V1.0', issuedDate: '2026-02-01', summary: '数据泄露、勒索病毒、服务中断三类场景' };
const DRILL = { kind: 'DRILL', drillDate: '2026-06-18', scenario: '勒索病毒导致数据库不可用', participants: '信息科、建设单位运维组', drillResult: '45分钟内从备份恢复，达到预期' };
const INCIDENT = {
  kind: 'INCIDENT',
  occurredAt: '2026-07-03T09:30:00+08:00',
  severity: 'GENERAL',
  description: '门户网站遭受扫描攻击',
  handling: '封禁来源IP，核查日志未发现入侵',
  reportedTo: '市网信办',
  reportedAt: '2026-07-03T11:00:00+08:00',
};

/** An established project of `user`'s department, and the date it was established (Asia/Shanghai). */
async function established(user = 'dept', overrides: Record<string, unknown> = {}) {
  const p = await projectIn(scene, 'ESTABLISHED', { user, overrides });
  const d = await scene.as(user).get(security(p.id));
  expect(d.status, d.text).toBe(200);
  return { id: p.id, since: d.body.owner.inServiceSince as LocalDate, etag: d.etag! };
}

const yearAfter = (d: string) => `${Number(d.slice(0, 4)) + 1}${d.slice(4)}`;

describe('the security dossier of an established project', () => {
  it('takes every kind of record from the implementing unit, each with its If-Match', async () => {
    const p = await established();
    let d = await scene.as('dept').get(security(p.id));
    expect(d.body).toMatchObject({ status: 'OPEN', version: 0, records: [], missing: ['RISK_ASSESSMENT', 'MLPS', 'EMERGENCY_PLAN'] });
    expect(d.body.allowedActions).toContainEqual(expect.objectContaining({ action: 'risk-assessment', enabled: true }));
    let etag = d.etag!;
    for (const record of [RISK, MLPS, CRYPTO, PLAN, DRILL, INCIDENT]) {
      const res = await scene.as('dept').post(security(p.id), record, etag);
      expect(res.status, res.text).toBe(200);
      expect(res.body.records[0]).toMatchObject({ kind: record.kind, filedByName: expect.any(String) });
      etag = res.etag!;
    }
    d = await scene.as('dept').get(security(p.id));
    expect(d.body.version).toBe(6);
    expect(d.body.missing).toEqual([]);
    expect(d.body.records.map((r: { kind: string }) => r.kind)).toEqual(['INCIDENT', 'DRILL', 'EMERGENCY_PLAN', 'CRYPTO_ASSESSMENT', 'MLPS', 'RISK_ASSESSMENT']);
    expect(d.body.records.find((r: { kind: string }) => r.kind === 'RISK_ASSESSMENT').data).toMatchObject({
      unitConfirmation: { confirmedBy: '王主任' },
      contractorConfirmation: { contractor: '运城某科技有限公司', confirmedBy: '李经理' },
    });
    // the level 3 system is assessed yearly (公通字〔2007〕43号 第十四条)
    expect(d.body.deadlines).toContainEqual(expect.objectContaining({ ruleCode: 'MLPS_ASSESSMENT', dueDate: '2027-04-20', metAt: null, article: '第三十六条' }));
    // GIA and the auditor read it; the trail names each filing
    expect((await scene.as('gia').get(security(p.id))).body.records).toHaveLength(6);
    expect((await scene.as('auditor').get(security(p.id))).status).toBe(200);
  });

  it('opens the yearly drill a year after establishment, meets it with a drill and opens the next', async () => {
    const p = await established();
    let res = await scene.as('dept').post(security(p.id), PLAN);
    expect(res.status, res.text).toBe(200);
    const first = res.body.deadlines.find((d: { ruleCode: string }) => d.ruleCode === 'EMERGENCY_DRILL');
    expect(first).toMatchObject({ dueDate: yearAfter(p.since), metAt: null, article: '第三十七条' });
    expect(res.body.nextDrillDue).toBe(yearAfter(p.since));
    // on the unit's due list, with its project
    let list = await scene.as('dept').get('/api/deadlines', { status: 'open' });
    expect(list.body.items).toContainEqual(expect.objectContaining({ id: first.id, title: '应急演练', project: expect.objectContaining({ id: p.id }) }));

    const drillDate = addDays(p.since, 30);
    scene.setToday(addDays(p.since, 31));
    res = await scene.as('dept').post(security(p.id), { ...DRILL, drillDate });
    expect(res.status, res.text).toBe(200);
    const drills = res.body.deadlines.filter((d: { ruleCode: string }) => d.ruleCode === 'EMERGENCY_DRILL');
    expect(drills.find((d: { id: string }) => d.id === first.id).metAt).not.toBeNull();
    expect(drills.find((d: { metAt: string | null }) => d.metAt === null)).toMatchObject({ dueDate: yearAfter(drillDate) });
    expect(res.body.nextDrillDue).toBe(yearAfter(drillDate));
    list = await scene.as('dept').get('/api/deadlines', { status: 'met' });
    expect(list.body.items.map((d: { id: string }) => d.id)).toContain(first.id);
  });

  it('shows an undrilled plan as overdue on the lists once the year has passed', async () => {
    const p = await established();
    expect((await scene.as('dept').post(security(p.id), RISK)).status).toBe(200);
    scene.setToday(addDays(yearAfter(p.since) as LocalDate, 3));
    for (const who of ['dept', 'gia']) {
      const list = await scene.as(who).get('/api/deadlines', { status: 'overdue', q: '应急演练' });
      expect(list.status).toBe(200);
      expect(list.body.items).toContainEqual(expect.objectContaining({ ruleCode: 'EMERGENCY_DRILL', overdue: true, project: expect.objectContaining({ id: p.id }) }));
    }
    const d = await scene.as('dept').get(security(p.id));
    expect(d.body.deadlines.find((x: { ruleCode: string }) => x.ruleCode === 'EMERGENCY_DRILL').overdue).toBe(true);
  });

  it('is filed by its own unit only: another unit 403 or 404, GIA and Finance 403', async () => {
    // dept2 (市卫健委) co-builds the project (reads it) but is not its implementing unit; the county does not see it at all
    const orgs = await scene.as('admin').get('/api/orgs');
    const health = orgs.body.items.find((o: { code: string }) => o.code === 'HEALTH');
    const p = await established('dept', { coBuildingOrgIds: [health.id] });
    expect((await scene.as('dept2').get(`/api/projects/${p.id}`)).status).toBe(200);
    expect((await scene.as('dept2').get(security(p.id))).status).toBe(403);
    expect((await scene.as('dept2').post(security(p.id), RISK)).status).toBe(403);
    expect((await scene.as('county').get(security(p.id))).status).toBe(404);
    expect((await scene.as('county').post(security(p.id), RISK)).status).toBe(404);
    const gia = await scene.as('gia').post(security(p.id), RISK);
    expect(gia.status).toBe(403);
    expect(gia.body.code).toBe('FORBIDDEN');
    expect((await scene.as('finance').get(security(p.id))).status).toBe(403);
    expect((await scene.as('bdc').post(security(p.id), RISK)).status).toBe(403);
    expect((await scene.as('dept').get(security(p.id))).body.records).toEqual([]);
  });

  it('refuses a project not yet established (409, naming the article)', async () => {
    const p = await projectIn(scene, 'DRAFT');
    const res = await scene.as('dept').post(security(p.id), RISK);
    expect(res.status, res.text).toBe(409);
    expect(res.body.code).toBe('INVALID_TRANSITION');
    expect((await scene.as('dept').get(security(p.id))).body).toMatchObject({ status: 'CLOSED', nextDrillDue: null, missing: [] });
  });

  it('refuses bad input with the field at fault: dates in the future, confirmations without names, a report without its time', async () => {
    const p = await established();
    const tomorrow = addDays(scene.today());
    let res = await scene.as('dept').post(security(p.id), { ...DRILL, drillDate: tomorrow });
    expect(res.status).toBe(422);
    expect(res.body.fields).toEqual([expect.objectContaining({ path: 'drillDate', code: 'field.too_big' })]);
    res = await scene.as('dept').post(security(p.id), { ...RISK, unitConfirmation: { confirmedBy: ' ', confirmedDate: '2026-03-05' }, contractorConfirmation: { ...RISK.contractorConfirmation, confirmedDate: '2026-03-01' } });
    expect(res.status).toBe(422);
    expect(res.body.fields.map((f: { path: string; code: string }) => `${f.path} ${f.code}`)).toEqual(['unitConfirmation.confirmedBy field.required', 'contractorConfirmation.confirmedDate field.too_small']);
    res = await scene.as('dept').post(security(p.id), { ...INCIDENT, reportedAt: undefined });
    expect(res.status).toBe(422);
    expect(res.body.fields).toEqual([expect.objectContaining({ path: 'reportedAt', code: 'field.required' })]);
    res = await scene.as('dept').post(security(p.id), { ...INCIDENT, severity: 'HUGE' });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([expect.objectContaining({ path: 'severity' })]);
    res = await scene.as('dept').post(security(p.id), { ...MLPS, mlpsLevel: 5 });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([expect.objectContaining({ path: 'mlpsLevel' })]);
    // nothing was filed
    expect((await scene.as('dept').get(security(p.id))).body).toMatchObject({ version: 0, records: [] });
  });

  it('answers a stale If-Match with 412 and files nothing', async () => {
    const p = await established();
    const first = await scene.as('dept').post(security(p.id), PLAN, p.etag);
    expect(first.status, first.text).toBe(200);
    expect(first.etag).toBe('"v1"');
    const stale = await scene.as('dept').post(security(p.id), DRILL, p.etag);
    expect(stale.status).toBe(412);
    expect((await scene.as('dept').get(security(p.id))).body.records).toHaveLength(1);
    expect((await scene.as('dept').post(security(p.id), DRILL, first.etag)).status).toBe(200);
  });

  it('keeps documents with a record, SM3-hashed, for those who may read the dossier', async () => {
    const p = await established();
    const filed = await scene.as('dept').post(security(p.id), RISK);
    const recordId = filed.body.records[0].id;
    const up = await scene.t.http.post(`${security(p.id)}/documents`).set(await scene.t.as('dept')).field('recordId', recordId).attach('file', PDF, '风险评估报告.pdf');
    expect(up.status, up.text).toBe(201);
    expect(up.body).toMatchObject({ filename: '风险评估报告.pdf', sm3: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const d = await scene.as('gia').get(security(p.id));
    expect(d.body.records[0].documents).toEqual([expect.objectContaining({ id: up.body.id })]);
    const dl = await scene.t.http.get(`${security(p.id)}/documents/${up.body.id}`).set(await scene.t.as('gia')).buffer(true);
    expect(dl.status).toBe(200);
    expect(dl.headers['x-content-sm3']).toBe(up.body.sm3);
    expect((await scene.t.http.get(`${security(p.id)}/documents/${up.body.id}`).set(await scene.t.as('county'))).status).toBe(404);
    const gia = await scene.t.http.post(`${security(p.id)}/documents`).set(await scene.t.as('gia')).field('recordId', recordId).attach('file', PDF, 'x.pdf');
    expect(gia.status).toBe(403);
  });
});

describe('the security dossier of a migrated system', () => {
  it('is filed by its owner, read by the sub-center, and its assessment is on the lists with the system', async () => {
    const s = await systemIn(scene, 'MIGRATED');
    const path = `/api/migration/systems/${s.id}/security`;
    const res = await scene.as('dept').post(path, { ...MLPS, mlpsLevel: 2 });
    expect(res.status, res.text).toBe(200);
    expect(res.body.owner).toMatchObject({ kind: 'SYSTEM', id: s.id });
    // level 2: every two years
    const due = res.body.deadlines.find((d: { ruleCode: string }) => d.ruleCode === 'MLPS_ASSESSMENT');
    expect(due).toMatchObject({ dueDate: '2028-04-20' });
    expect(res.body.nextDrillDue).toBe(yearAfter(res.body.owner.inServiceSince));
    const list = await scene.as('dept').get('/api/deadlines', { status: 'open', q: s.body.code });
    expect(list.body.items).toContainEqual(expect.objectContaining({ id: due.id, system: expect.objectContaining({ id: s.id, code: s.body.code }) }));
    expect(list.body.items.find((d: { id: string }) => d.id === due.id).project).toBeUndefined();
    expect((await scene.as('bdc').get(path)).status).toBe(200);
    expect((await scene.as('bdc').post(path, PLAN)).status).toBe(403);
    expect((await scene.as('county').get(path)).status).toBe(404);
  });

  it('takes nothing before the system is on the city cloud', async () => {
    const s = await systemIn(scene, 'REGISTERED');
    const res = await scene.as('dept').post(`/api/migration/systems/${s.id}/security`, PLAN);
    expect(res.status).toBe(409);
    expect((await scene.as('bdc').get(`/api/migration/systems/${s.id}/security`)).body.status).toBe('CLOSED');
  });
});
