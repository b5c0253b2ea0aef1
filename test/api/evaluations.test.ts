// Evaluations (Art. 21–24): the self-evaluation obligation opened at establishment and met by the filing; Finance's
// reproducible spot-check of a year's self-evaluations with its results under If-Match; GIA's effectiveness
// evaluation, with the rectification notice it issues in the same transaction.
import { describe, expect, it } from 'vitest';
import { addWorkingDays } from '../../core/calendar/working-days.js';
import { drawPositions } from '../../evaluations/sampling.js';
import { sweepSelfEvaluationDeadlines } from '../../projects/self-evaluations.js';
import { projectIn, reread } from '../support/project-factories.js';
import { uniqueTag, useScene } from '../support/scene.js';
import { downloadSheet } from '../support/spreadsheets.js';

// self-evaluations due on 1 October of the following year: a National Day holiday, so the next working day
const scene = useScene({ ZY_SELF_EVALUATION_DUE: '10-01' });

const DIMENSIONS = {
  usage: { score: 62, comment: '日活跃用户不足设计值的三成' },
  resourceFit: { score: 55, comment: '云主机平均利用率 8%' },
  satisfaction: { score: 80 },
  efficiency: { score: 70, comment: '办理时长缩短 20%' },
  sustainability: { score: 75 },
  security: { score: 90, comment: '已通过等保三级测评' },
};

type Deadline = { ruleCode: string; title: string; dueDate: string; provisional: boolean; metAt: string | null; id: string };
const selfEvaluationDeadlines = (p: { body: Record<string, any> }) => (p.body.deadlines as Deadline[]).filter((d) => d.ruleCode === 'SELF_EVALUATION');

/** An established project, for budget years 2025 and 2026 */
const established = (name: string) =>
  projectIn(scene, 'ESTABLISHED', {
    overrides: { name, budgetYear: 2025, yearlyBudgets: [{ year: 2025, amount: 500000 }, { year: 2026, amount: 300000 }] },
  });

async function fileSelfEvaluation(id: string, year: number, selfScore = 90) {
  const res = await scene.as('dept').post(`/api/projects/${id}/filings`, { kind: 'SELF_EVALUATION', year, summary: `${year} 年度绩效目标基本完成`, selfScore });
  expect(res.status, res.text).toBe(200);
  return res;
}

describe('the annual self-evaluation as an obligation (Art. 21)', () => {
  it('opens one deadline per budget year at establishment, due on the configured day (next working day), met by the filing of that year', async () => {
    const tag = `自评${uniqueTag()}`;
    const p = await established(tag);
    const deadlines = selfEvaluationDeadlines(p);
    expect(deadlines.map(({ title, dueDate, provisional, metAt }) => ({ title, dueDate, provisional, metAt }))).toEqual([
      // 2026-10-01 … 10-07 are the National Day holiday: due on Thursday 10-08
      { title: '2025年度项目自评价报告报送', dueDate: '2026-10-08', provisional: false, metAt: null },
      // 2027's schedule is not published: the estimate takes National Day (10-01 … 10-07) off, so Friday 10-08 for now
      { title: '2026年度项目自评价报告报送', dueDate: '2027-10-08', provisional: true, metAt: null },
    ]);
    expect(deadlines.every((d) => d.title && (d as unknown as { article: string }).article === '第二十一条')).toBe(true);

    // past its due date the 2025 one is on GIA's and the department's overdue lists
    scene.setToday('2026-12-07');
    for (const user of ['gia', 'dept']) {
      const overdue = await scene.as(user).get('/api/deadlines', { status: 'overdue', q: tag });
      expect(overdue.body.items.map((d: Deadline & { overdue: boolean }) => [d.title, d.overdue])).toEqual([['2025年度项目自评价报告报送', true]]);
    }

    // a self-evaluation that names no year is of the project's budget year (2025)
    const filed = await scene.as('dept').post(`/api/projects/${p.id}/filings`, { kind: 'SELF_EVALUATION', summary: '年度绩效目标基本完成' });
    expect(filed.status, filed.text).toBe(200);
    expect(filed.body.filings.find((f: { kind: string }) => f.kind === 'SELF_EVALUATION').data.year).toBe(2025);
    const after = selfEvaluationDeadlines(await reread(scene, p, 'dept'));
    expect(after.map((d) => [d.title, d.metAt !== null])).toEqual([
      ['2025年度项目自评价报告报送', true],
      ['2026年度项目自评价报告报送', false],
    ]);
    expect((await scene.as('gia').get('/api/deadlines', { status: 'overdue', q: tag })).body.items).toEqual([]);
    expect((await scene.as('dept').get('/api/deadlines', { status: 'open', q: tag })).body.items.map((d: Deadline) => d.title)).toEqual(['2026年度项目自评价报告报送']);
  });
});

describe('Finance spot-checks the self-evaluations (Art. 22)', () => {
  it('draws exactly N distinct self-evaluations of the year, reproducibly from the stored seed; results under If-Match; closed once complete; exported', async () => {
    // a year no other test files for (a self-evaluation cannot be of a year to come)
    const year = 2002 + Math.floor(Math.random() * 19);
    const projects = [];
    for (let i = 0; i < 3; i++) {
      const p = await established(`抽查${uniqueTag()}`);
      await fileSelfEvaluation(p.id, year, 80 + i);
      projects.push(p);
    }
    // a second filing for the same year replaces the first in the population (one per project)
    const refiled = await fileSelfEvaluation(projects[0]!.id, year, 95);
    const filings = await Promise.all(
      projects.map(async (p) => ((await reread(scene, p, 'finance')).body.filings as { id: string; kind: string; data: { year: number }; at: string }[])),
    );
    const population = filings
      .map((fs) => fs.filter((f) => f.kind === 'SELF_EVALUATION' && f.data.year === year).sort((a, b) => b.at.localeCompare(a.at))[0]!.id)
      .sort();
    expect(population).toContain(refiled.body.filings.find((f: { data: { selfScore?: number } }) => f.data.selfScore === 95).id);

    const drawn = await scene.as('finance').post('/api/evaluations/spot-checks', { year, size: 2 });
    expect(drawn.status, drawn.text).toBe(201);
    expect(drawn.body).toMatchObject({ year, status: 'OPEN', populationCount: 3, sampleSize: 2, recorded: 0 });
    const ids = drawn.body.items.map((i: { filingId: string }) => i.filingId);
    expect(new Set(ids).size).toBe(2);
    for (const id of ids) expect(population).toContain(id);
    // the seed and the population draw the same sample again
    expect(drawPositions(drawn.body.seed, population.length, 2).map((i) => population[i])).toEqual(ids);

    // a percentage is rounded up, at least one
    expect((await scene.as('finance').post('/api/evaluations/spot-checks', { year, percent: 50 })).body.sampleSize).toBe(2);
    expect((await scene.as('finance').post('/api/evaluations/spot-checks', { year, percent: 1 })).body.sampleSize).toBe(1);
    const both = await scene.as('finance').post('/api/evaluations/spot-checks', { year, size: 1, percent: 10 });
    expect([both.status, both.body.fields?.[0]?.path]).toEqual([422, 'percent']);
    const neither = await scene.as('finance').post('/api/evaluations/spot-checks', { year });
    expect([neither.status, neither.body.fields?.[0]?.path]).toEqual([422, 'size']);
    const empty = await scene.as('finance').post('/api/evaluations/spot-checks', { year: 2001, size: 1 });
    expect([empty.status, empty.body.fields?.[0]?.code]).toEqual([422, 'SPOT_CHECK_NO_SELF_EVALUATIONS']);
    expect((await scene.as('dept').post('/api/evaluations/spot-checks', { year, size: 1 })).status).toBe(403);

    const path = `/api/evaluations/spot-checks/${drawn.body.id}`;
    const [first, second] = drawn.body.items as { id: string; project: { id: string } }[];
    const result = { itemId: first!.id, result: 'UNQUALIFIED', findings: '自评价报告缺少绩效指标完成数据' };
    expect((await scene.as('finance').post(`${path}/results`, result)).status).toBe(428);
    expect((await scene.as('finance').post(`${path}/results`, result, '"v99"')).status).toBe(412);
    expect((await scene.as('gia').post(`${path}/results`, result, drawn.etag)).status).toBe(403);
    const recorded = await scene.as('finance').post(`${path}/results`, result, drawn.etag);
    expect(recorded.status, recorded.text).toBe(200);
    expect(recorded.etag).not.toBe(drawn.etag);
    expect(recorded.body).toMatchObject({ recorded: 1, unqualified: 1 });
    // the old ETag is stale now
    expect((await scene.as('finance').post(`${path}/results`, { ...result, itemId: second!.id, result: 'QUALIFIED' }, drawn.etag)).status).toBe(412);

    const early = await scene.as('finance').post(`${path}/close`, {}, recorded.etag);
    expect([early.status, early.body.code]).toEqual([409, 'SPOT_CHECK_INCOMPLETE']);
    const both2 = await scene.as('finance').post(`${path}/results`, { itemId: second!.id, result: 'QUALIFIED', findings: '符合要求' }, recorded.etag);
    expect(both2.status).toBe(200);
    const closed = await scene.as('finance').post(`${path}/close`, {}, both2.etag);
    expect(closed.body).toMatchObject({ status: 'CLOSED', recorded: 2 });
    expect((await scene.as('finance').post(`${path}/results`, result, closed.etag)).status).toBe(409);

    const sheet = await downloadSheet(scene.t, 'finance', `${path}/export`);
    expect(sheet.status).toBe(200);
    expect(sheet.header).toEqual(['抽取顺序', '项目', '项目实施单位', '自评分', '抽查结果', '抽查意见', '登记时间']);
    expect(sheet.rows.map((r) => [r[0], r[4], r[5]])).toEqual([
      [1, '不合格', '自评价报告缺少绩效指标完成数据'],
      [2, '合格', '符合要求'],
    ]);

    // the department reads its project's result, not the spot-check itself
    const own = await scene.as('dept').get(`/api/projects/${first!.project.id}/evaluations`);
    expect(own.body.spotChecks).toEqual([expect.objectContaining({ spotCheckId: drawn.body.id, year, result: 'UNQUALIFIED', findings: result.findings })]);
    expect((await scene.as('dept').get(path)).status).toBe(403);
    expect((await scene.as('auditor').get(path)).status).toBe(200);
  });
});

describe('GIA evaluates effectiveness (Art. 24)', () => {
  it('records the six dimensions and issues the rectification notice in the same transaction; the department sees both', async () => {
    const p = await established(`效能${uniqueTag()}`);
    const path = `/api/projects/${p.id}/evaluations`;
    const listed = await scene.as('gia').get(path);
    expect(listed.body.allowedActions).toEqual([expect.objectContaining({ action: 'evaluate', enabled: true })]);
    expect((await scene.as('dept').get(path)).body.allowedActions).toEqual([]);

    const body = { dimensions: DIMENSIONS, grade: 'FAIR', conclusion: '资源利用率偏低，应用推广不足', rectification: { issues: '压降闲置云资源，制定推广计划' } };
    expect((await scene.as('gia').post(path, body)).status).toBe(428);
    expect((await scene.as('gia').post(path, body, '"v1"')).status).toBe(412);
    expect((await scene.as('dept').post(path, body, p.etag)).status).toBe(403);
    const created = await scene.as('gia').post(path, body, p.etag);
    expect(created.status, created.text).toBe(201);
    const evaluation = created.body.evaluations[0];
    expect(evaluation).toMatchObject({ dimensions: DIMENSIONS, grade: 'FAIR', conclusion: body.conclusion, rectification: { dueDate: addWorkingDays(scene.today(), 10) } });

    // the notice's deadline: 10 working days, on the department's list
    const project = await reread(scene, p, 'dept');
    const rectification = project.body.deadlines.find((d: Deadline) => d.ruleCode === 'RECTIFICATION_REPORT');
    expect(rectification).toMatchObject({ id: evaluation.rectification.deadlineId, dueDate: addWorkingDays(scene.today(), 10), metAt: null });
    expect(project.body.filings.find((f: { kind: string }) => f.kind === 'RECTIFICATION_NOTICE')).toMatchObject({ id: evaluation.rectification.filingId });
    expect((await scene.as('dept').get(path)).body.evaluations).toEqual([evaluation]);

    // both records, one after the other, from the one request
    const trail = await scene.as('auditor').get('/api/audit/events', { project: p.body.code, action: 'project.' });
    const [rectified, evaluated] = trail.body.items as { action: string; requestId: string; seq: string }[];
    expect([evaluated!.action, rectified!.action]).toEqual(['project.evaluate', 'project.rectification']);
    expect(rectified!.requestId).toBe(evaluated!.requestId);
    expect(BigInt(rectified!.seq) - BigInt(evaluated!.seq)).toBe(1n);

    // without a notice: the evaluation alone
    const plain = await scene.as('gia').post(path, { dimensions: DIMENSIONS, grade: 'GOOD', conclusion: '整改后复评良好' }, created.etag);
    expect(plain.status).toBe(201);
    expect(plain.body.evaluations.map((e: { grade: string; rectification: unknown }) => [e.grade, e.rectification === null])).toEqual([
      ['GOOD', true],
      ['FAIR', false],
    ]);
  });

  it('refuses bad input naming the field, and a project not yet established', async () => {
    const p = await established(`输入${uniqueTag()}`);
    const path = `/api/projects/${p.id}/evaluations`;
    const cases: [object, string, string][] = [
      [{ dimensions: { ...DIMENSIONS, usage: { score: 101 } }, grade: 'GOOD', conclusion: '好' }, 'dimensions.usage.score', 'field.too_big'],
      [{ dimensions: { ...DIMENSIONS, security: undefined }, grade: 'GOOD', conclusion: '好' }, 'dimensions.security', 'field.required'],
      [{ dimensions: DIMENSIONS, grade: 'SUPERB', conclusion: '好' }, 'grade', 'field.invalid_value'],
      [{ dimensions: DIMENSIONS, grade: 'GOOD', conclusion: ' ' }, 'conclusion', 'field.too_small'],
      [{ dimensions: DIMENSIONS, grade: 'GOOD', conclusion: '好', rectification: {} }, 'rectification.issues', 'field.required'],
    ];
    for (const [body, field, code] of cases) {
      const res = await scene.as('gia').post(path, body, p.etag);
      expect([res.status, res.body.fields?.[0]?.path, res.body.fields?.[0]?.code], field).toEqual([400, field, code]);
    }
    const onNotice = await projectIn(scene, 'PUBLIC_NOTICE');
    const res = await scene.as('gia').post(`/api/projects/${onNotice.id}/evaluations`, { dimensions: DIMENSIONS, grade: 'GOOD', conclusion: '好' }, onNotice.etag);
    expect([res.status, res.body.code]).toEqual([409, 'INVALID_TRANSITION']);
  });
});

describe('projects established before the obligation existed (Art. 21)', () => {
  it('get their self-evaluation deadlines from the sweep run at start, once: a second run opens none', async () => {
    const p = await established(`补开${uniqueTag()}`);
    const db = scene.t.platform.db;
    // as before this change: no obligation, no deadline
    await db.prisma.selfEvaluationObligation.deleteMany({ where: { projectId: p.id } });
    await db.prisma.deadline.deleteMany({ where: { projectId: p.id, ruleCode: 'SELF_EVALUATION' } });
    await fileSelfEvaluation(p.id, 2025);

    const first = await sweepSelfEvaluationDeadlines(db, '10-01');
    expect(first).toEqual({ opened: 2, failed: [] });
    const deadlines = selfEvaluationDeadlines(await reread(scene, p, 'dept'));
    // the year already filed is opened met
    expect(deadlines.map((d) => [d.title, d.dueDate, d.metAt !== null])).toEqual([
      ['2025年度项目自评价报告报送', '2026-10-08', true],
      ['2026年度项目自评价报告报送', '2027-10-08', false],
    ]);
    expect(await sweepSelfEvaluationDeadlines(db, '10-01')).toEqual({ opened: 0, failed: [] });
  });
});
