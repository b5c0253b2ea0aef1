// The yearly assessments (Art. 25, 40) through the API: the evidence counted from projects, deadlines and filings
// the factories make; confirmation freezing it; If-Match; who reads what; the counties side by side and their export.
// Each evidence test works on an organisation nothing else in this file touches, so its figures are exact.
import { describe, expect, it } from 'vitest';
import { toShanghaiDate } from '../../core/calendar/working-days.js';
import { authoritiesOf, projectIn, step } from '../support/project-factories.js';
import { ALL_PASS, BASICS } from '../support/projects.js';
import { downloadSheet } from '../support/spreadsheets.js';
import { uniqueTag, useScene, type Answer } from '../support/scene.js';

const scene = useScene();
/** the deadlines are met at the real time of the filing: the year assessed is the real one */
const today = () => toShanghaiDate(new Date());
const YEAR = Number(today().slice(0, 4));
const named = (user: string, what: string, over: Record<string, unknown> = {}) => ({ user, overrides: { name: `${BASICS.name}·${what}·${uniqueTag()}`, budgetYear: YEAR, ...over } });
const orgIdOf = async (user: string) => (await scene.as(user).get('/api/auth/me')).body.user.orgId as string;
const ok = (res: Answer, status = 200) => {
  expect(res.status, res.text).toBe(status);
  return res;
};

/** A department's year on the platform: two contracts (one late), rectifications, a self-evaluation, refusals. */
async function arrangeYear(user: string) {
  // the approval bureau of the unit's jurisdiction issues the notices and reviews (Art. 39)
  const { gia } = authoritiesOf(user);
  // 甲 established in January (a contract or notice cannot predate the establishment), 乙 today
  scene.setToday(`${YEAR}-01-05`);
  const a = await projectIn(scene, 'ESTABLISHED', named(user, '甲'));
  scene.setToday(null);
  const b = await projectIn(scene, 'ESTABLISHED', named(user, '乙'));
  // a contract signed in January and filed now: late; one signed today: on time
  ok(await scene.as(user).post(`/api/projects/${a.id}/filings`, { kind: 'CONTRACT', signedDate: `${YEAR}-01-05`, contractNo: `HT-${uniqueTag()}`, contractor: '某公司', amount: 1000 }));
  ok(await scene.as(user).post(`/api/projects/${b.id}/filings`, { kind: 'CONTRACT', signedDate: today(), contractNo: `HT-${uniqueTag()}`, contractor: '某公司', amount: 1000 }));
  // rectifications: one from January never answered (overdue), one issued today and answered at once (on time)
  ok(await scene.as(gia).post(`/api/projects/${a.id}/rectification-notices`, { issues: '数据共享不及时', issuedDate: `${YEAR}-01-05` }));
  const notice = ok(await scene.as(gia).post(`/api/projects/${b.id}/rectification-notices`, { issues: '未接入共享平台' }));
  const deadline = notice.body.deadlines.find((d: { ruleCode: string; metAt: string | null }) => d.ruleCode === 'RECTIFICATION_REPORT' && !d.metAt);
  ok(await scene.as(user).post(`/api/projects/${b.id}/filings`, { kind: 'RECTIFICATION_REPORT', deadlineId: deadline.id, summary: '已整改' }));
  // a self-evaluation for the year from one of the two established projects
  ok(await scene.as(user).post(`/api/projects/${a.id}/filings`, { kind: 'SELF_EVALUATION', year: YEAR, summary: '年度自评', selfScore: 90 }));
  // a submission refused for building its own server room, and a project GIA returned citing Art. 30
  const cloud = await projectIn(scene, 'DRAFT', named(user, '自建机房', { components: ['业务模块', '自建机房'] }));
  expect((await scene.as(user).post(`/api/projects/${cloud.id}/submit`, {}, cloud.etag)).status).toBe(422);
  const judged = await projectIn(scene, 'GIA_REVIEW', named(user, '退回'));
  await step(scene, judged, gia, 'review', { decision: 'RETURN', dimensions: ALL_PASS, comment: '拟建设本级政务云，违反第三十条' });
}

describe("a department's assessment (Art. 25)", () => {
  it('counts the evidence from the platform while DRAFT and freezes it on confirmation', async () => {
    await arrangeYear('dept2');
    const orgId = await orgIdOf('dept2');
    const draft = ok(await scene.as('gia').post('/api/assessments/departments', { orgId, year: YEAR }), 201);
    expect(draft.body).toMatchObject({ status: 'DRAFT', year: YEAR, score: null, grade: null, org: { id: orgId, name: '运城市卫生健康委员会' } });
    const evidence = draft.body.evidence;
    expect(evidence.deadlines).toEqual({ due: 4, metOnTime: 2, metLate: 1, overdue: 1, open: 0 });
    expect(evidence.rectifications).toEqual({ due: 2, metOnTime: 1, metLate: 0, overdue: 1, open: 0 });
    expect(evidence.selfEvaluations).toEqual({ expected: 2, filed: 1 });
    // the two established projects and the returned one each produce one unconditional and one conditional resource
    expect(evidence.dataSharing).toEqual({ produced: 6, unconditional: 3, conditional: 3, notShareable: 0 });
    expect(evidence.ownCloudRefusals).toEqual({ projects: 2, refusedSubmissions: 1, returnedOrRejected: 1 });
    expect(evidence.projects).toEqual({ submitted: 3, established: 2 });

    // a second one for the same year is refused
    expect(ok(await scene.as('gia').post('/api/assessments/departments', { orgId, year: YEAR }), 409).body.code).toBe('ASSESSMENT_EXISTS');
    // confirming needs a score and a grade
    const incomplete = await scene.as('gia').post(`/api/assessments/departments/${draft.body.id}/confirm`, {}, draft.etag);
    expect(incomplete.status).toBe(409);
    expect(incomplete.body).toMatchObject({ code: 'ASSESSMENT_INCOMPLETE', article: '第二十五条' });

    const scored = ok(await scene.as('gia').patch(`/api/assessments/departments/${draft.body.id}`, { score: 86, grade: 'GOOD', findings: '按期备案率偏低' }, draft.etag));
    expect(scored.body.allowedActions.find((x: { action: string }) => x.action === 'confirm')).toMatchObject({ enabled: true });
    const confirmed = ok(await scene.as('gia').post(`/api/assessments/departments/${draft.body.id}/confirm`, {}, scored.etag));
    expect(confirmed.body).toMatchObject({ status: 'CONFIRMED', score: 86, grade: 'GOOD', confirmedAt: expect.any(String) });

    // later activity no longer changes a confirmed record
    await projectIn(scene, 'ESTABLISHED', named('dept2', '确认后'));
    const again = ok(await scene.as('gia').get(`/api/assessments/departments/${draft.body.id}`));
    expect(again.body.evidence).toEqual(confirmed.body.evidence);
    expect(again.body.evidence.projects).toEqual({ submitted: 3, established: 2 });
    // a confirmed record is final
    const edit = await scene.as('gia').patch(`/api/assessments/departments/${draft.body.id}`, { score: 90 }, again.etag);
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('INVALID_TRANSITION');
  });

  it('takes If-Match: 428 without, 412 when stale; nothing changes', async () => {
    const orgId = (await scene.t.platform.db.prisma.organisation.findFirstOrThrow({ where: { kind: 'DEPARTMENT', code: { not: 'EDU' } }, orderBy: { code: 'desc' } })).id;
    const draft = ok(await scene.as('gia').post('/api/assessments/departments', { orgId, year: YEAR - 1 }), 201);
    expect((await scene.as('gia').patch(`/api/assessments/departments/${draft.body.id}`, { score: 70 })).status).toBe(428);
    ok(await scene.as('gia').patch(`/api/assessments/departments/${draft.body.id}`, { score: 70 }, draft.etag));
    const stale = await scene.as('gia').patch(`/api/assessments/departments/${draft.body.id}`, { score: 10 }, draft.etag);
    expect(stale.status).toBe(412);
    expect((await scene.as('gia').post(`/api/assessments/departments/${draft.body.id}/confirm`, {})).status).toBe(428);
    expect(ok(await scene.as('gia').get(`/api/assessments/departments/${draft.body.id}`)).body).toMatchObject({ score: 70, status: 'DRAFT' });
  });

  it('a department reads only its own confirmed assessments; the review page shows the one of the year before', async () => {
    const orgId = await orgIdOf('dept');
    const draft = ok(await scene.as('gia').post('/api/assessments/departments', { orgId, year: 2026 }), 201);
    // a draft is GIA's alone
    expect((await scene.as('dept').get(`/api/assessments/departments/${draft.body.id}`)).status).toBe(404);
    expect(ok(await scene.as('dept').get('/api/assessments/departments')).body.items).toEqual([]);
    const scored = ok(await scene.as('gia').patch(`/api/assessments/departments/${draft.body.id}`, { score: 93, grade: 'EXCELLENT', findings: '数据共享充分' }, draft.etag));
    ok(await scene.as('gia').post(`/api/assessments/departments/${draft.body.id}/confirm`, {}, scored.etag));

    const own = ok(await scene.as('dept').get('/api/assessments/departments')).body.items;
    expect(own).toEqual([expect.objectContaining({ year: 2026, org: expect.objectContaining({ id: orgId }), assessment: expect.objectContaining({ score: 93, grade: 'EXCELLENT' }) })]);
    expect(ok(await scene.as('dept').get(`/api/assessments/departments/${draft.body.id}`)).body.allowedActions).toEqual([]);
    // another department, and the county, see nothing of it
    expect((await scene.as('dept2').get(`/api/assessments/departments/${draft.body.id}`)).status).toBe(404);
    expect((await scene.as('county').get(`/api/assessments/departments/${draft.body.id}`)).status).toBe(404);
    // GIA's list for 2026: every department, this one assessed
    const list = ok(await scene.as('gia').get('/api/assessments/departments', { year: 2026 })).body.items;
    expect(list.find((r: { org: { id: string } }) => r.org.id === orgId).assessment).toMatchObject({ status: 'CONFIRMED', score: 93 });
    expect(list.every((r: { assessment: unknown; allowedActions: unknown[] }) => r.assessment || r.allowedActions.length === 1)).toBe(true);

    // the department's 2027 project: its review page shows the 2026 assessment
    const next = await projectIn(scene, 'GIA_REVIEW', { overrides: { name: `${BASICS.name}·次年·${uniqueTag()}`, budgetYear: 2027 } });
    const history = ok(await scene.as('gia').get(`/api/projects/${next.id}/org-history`)).body;
    expect(history.assessment).toEqual({ id: draft.body.id, year: 2026, score: 93, grade: 'EXCELLENT', findings: '数据共享充分', confirmedAt: expect.any(String), readable: true });
    // a 2026 project is judged without it (no assessment of 2025)
    const same = await projectIn(scene, 'GIA_REVIEW', { overrides: { name: `${BASICS.name}·本年·${uniqueTag()}`, budgetYear: 2026 } });
    expect(ok(await scene.as('gia').get(`/api/projects/${same.id}/org-history`)).body.assessment).toBeNull();
  });
});

describe('the county scorecards (Art. 40)', () => {
  it('shows one row per county with indicators from its records; the manual total and grade once scored', async () => {
    await arrangeYear('county');
    const table = ok(await scene.as('gia').get('/api/assessments/counties', { year: YEAR })).body;
    const counties = await scene.t.platform.db.prisma.organisation.count({ where: { kind: 'COUNTY' } });
    expect(table.items).toHaveLength(counties);
    expect(new Set(table.items.map((r: { county: { code: string } }) => r.county.code)).size).toBe(counties);
    const yanhu = table.items.find((r: { county: { code: string } }) => r.county.code === 'YANHU');
    expect(yanhu.indicators.deadlines).toEqual({ due: 4, metOnTime: 2, metLate: 1, overdue: 1, open: 0 });
    expect(yanhu.indicators.rectifications).toMatchObject({ due: 2, metOnTime: 1, overdue: 1 });
    expect(yanhu.indicators.ownCloudRefusals).toEqual({ projects: 2, refusedSubmissions: 1, returnedOrRejected: 1 });
    expect(yanhu.assessment).toBeNull();
    // another county has nothing
    expect(table.items.find((r: { county: { code: string } }) => r.county.code === 'YONGJI').indicators.deadlines.due).toBe(0);

    const draft = ok(await scene.as('gia').post('/api/assessments/counties', { county: 'YANHU', year: YEAR }), 201);
    const over = await scene.as('gia').patch(`/api/assessments/counties/${draft.body.id}`, { manualItems: [{ name: '规划编制', score: 12, max: 10 }] }, draft.etag);
    expect(over.status).toBe(400);
    expect(over.body.fields[0]).toMatchObject({ path: 'manualItems.0.score', code: 'field.too_big' });
    const items = [
      { name: '数字政府规划编制', score: 18, max: 20, comment: '按时编制' },
      { name: '政务数据汇聚共享', score: 25.5, max: 30 },
    ];
    const scored = ok(await scene.as('gia').patch(`/api/assessments/counties/${draft.body.id}`, { manualItems: items, grade: 'GOOD' }, draft.etag));
    expect(scored.body).toMatchObject({ total: 43.5, maxTotal: 50, grade: 'GOOD', manualItems: items });
    // the county sees nothing before confirmation
    expect(ok(await scene.as('county').get('/api/assessments/counties', { year: YEAR })).body.items).toEqual([]);
    ok(await scene.as('gia').post(`/api/assessments/counties/${draft.body.id}/confirm`, {}, scored.etag));
    const own = ok(await scene.as('county').get('/api/assessments/counties', { year: YEAR })).body.items;
    expect(own).toHaveLength(1);
    expect(own[0]).toMatchObject({ county: { code: 'YANHU' }, assessment: { status: 'CONFIRMED', total: 43.5, grade: 'GOOD' } });
    // the county's own approval bureau reads it too, and assesses nothing (Art. 39, 40)
    expect(ok(await scene.as('county-gia').get('/api/assessments/counties', { year: YEAR })).body.items.map((r: { county: { code: string } }) => r.county.code)).toEqual(['YANHU']);
    expect((await scene.as('county-gia').post('/api/assessments/counties', { county: 'YANHU', year: YEAR - 1 })).status).toBe(403);
    expect((await scene.as('county-gia').get('/api/assessments/departments', { year: YEAR })).status).toBe(403);
    // the GIA table's totals match the scorecard
    const after = ok(await scene.as('gia').get('/api/assessments/counties', { year: YEAR })).body.items.find((r: { county: { code: string } }) => r.county.code === 'YANHU');
    expect(after.assessment).toMatchObject({ total: 43.5, maxTotal: 50, grade: 'GOOD', status: 'CONFIRMED' });
    expect(after.indicators).toEqual(own[0].indicators);

    // the export opens as a spreadsheet with the zh-CN headers, one row per county
    const sheet = await downloadSheet(scene.t, 'gia', '/api/assessments/counties/export', { year: YEAR });
    expect(sheet.status).toBe(200);
    expect(sheet.header).toEqual([
      '县（市、区）',
      '系统迁移上云（已上云/应迁移）',
      '迁移完成率',
      '按期备案（按期/到期）',
      '逾期未备案',
      '自建云被拒项目',
      '整改按期报送（按期/通知）',
      '人工评分',
      '考核等次',
      '状态',
    ]);
    expect(sheet.rows).toHaveLength(counties);
    const row = sheet.rows.find((r) => r[0] === '盐湖区')!;
    expect(row.slice(3)).toEqual(['2/4', 1, 2, '1/2', 43.5, '良好', '已确认']);
    expect(sheet.fileName).toContain(`县区年度考核-${YEAR}`);
  });

  it('only GIA starts and scores; departments and Finance do not read the county table', async () => {
    for (const who of ['dept', 'finance', 'bdc']) {
      expect((await scene.as(who).post('/api/assessments/counties', { county: 'HEJIN', year: YEAR })).status, who).toBe(403);
    }
    expect((await scene.as('dept').get('/api/assessments/counties', { year: YEAR })).status).toBe(403);
    expect(ok(await scene.as('auditor').get('/api/assessments/counties', { year: YEAR })).body.items.length).toBeGreaterThan(1);
    expect((await scene.as('gia').post('/api/assessments/counties', { county: 'EDU', year: YEAR })).body.fields[0]).toMatchObject({ path: 'county', code: 'NOT_A_COUNTY' });
  });
});
