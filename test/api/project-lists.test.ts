// The project list and the queues at volume: filters (organisation, year, amount, overdue), sorting, and the XLSX
// export of the list and of the deadlines with the same filters, in the columns the console shows.
import { describe, expect, it } from 'vitest';
import { emptyDraft, projectIn } from '../support/project-factories.js';
import { addDays, uniqueTag, useScene } from '../support/scene.js';
import { downloadSheet } from '../support/spreadsheets.js';

const scene = useScene();

/** Three drafts of one tag, with different budgets and years. */
async function drafts(tag: string) {
  const make = (n: string, totalBudget: number, budgetYear: number) => emptyDraft(scene, { overrides: { name: `${tag}-${n}`, totalBudget, budgetYear } });
  return { small: await make('小', 50_000, 2026), middle: await make('中', 300_000, 2027), large: await make('大', 2_000_000, 2027) };
}

const names = async (user: string, query: Record<string, string | number | boolean>) => {
  const res = await scene.as(user).get('/api/projects', query);
  expect(res.status).toBe(200);
  return (res.body.items as { name: string }[]).map((p) => p.name);
};

describe('the project list', () => {
  it('filters by amount and budget year, and sorts by the column asked for', async () => {
    const tag = `筛选${uniqueTag()}`;
    await drafts(tag);
    expect(await names('dept', { q: tag, minBudget: 100_000, maxBudget: 1_000_000 })).toEqual([`${tag}-中`]);
    expect(await names('dept', { q: tag, budgetYear: 2027, sort: 'totalBudget', order: 'desc' })).toEqual([`${tag}-大`, `${tag}-中`]);
    expect(await names('dept', { q: tag, sort: 'totalBudget', order: 'asc' })).toEqual([`${tag}-小`, `${tag}-中`, `${tag}-大`]);
  });

  it('refuses a sort column it does not have and an amount that is not one, naming the field', async () => {
    const bad = await scene.as('dept').get('/api/projects', { sort: 'password' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0].path).toBe('query.sort');
    const amount = await scene.as('dept').get('/api/projects', { minBudget: '十万' });
    expect(amount.status).toBe(400);
    expect(amount.body.fields[0].path).toBe('query.minBudget');
  });

  it('finds the projects with an overdue deadline, and only those', async () => {
    const tag = `逾期${uniqueTag()}`;
    const late = await projectIn(scene, 'ESTABLISHED', { overrides: { name: `${tag}-整改` } });
    await projectIn(scene, 'ESTABLISHED', { overrides: { name: `${tag}-正常` } });
    // a rectification notice gives 10 working days for the report (Art. 24)
    expect((await scene.as('gia').post(`/api/projects/${late.id}/rectification-notices`, { issues: '资源使用率偏低，请整改' })).status).toBe(200);
    expect(await names('gia', { q: tag, overdue: true })).toEqual([]);
    scene.setToday(addDays(scene.today(), 30));
    expect(await names('gia', { q: tag, overdue: true })).toEqual([`${tag}-整改`]);
    expect(await names('gia', { q: tag, overdue: false })).toEqual([`${tag}-正常`]);
  });

  it('exports what the filters select as XLSX, in the columns the list shows, in Chinese and in English', async () => {
    const tag = `导出${uniqueTag()}`;
    const { middle, large } = await drafts(tag);
    const sheet = await downloadSheet(scene.t, 'dept', '/api/projects/export', { q: tag, minBudget: 100_000, sort: 'totalBudget', order: 'desc' });
    expect(sheet.fileName).toBe('项目清单.xlsx');
    expect(sheet.header).toEqual(['项目编号', '项目名称', '建设单位', '项目类型', '状态', '进度', '项目总预算（元）', '核定金额（元）', '更新时间']);
    expect(sheet.rows.map((r) => r.slice(0, 7))).toEqual([
      [large.body.code, `${tag}-大`, '运城市教育局', '升级改造', '草稿', '第 1/7 步 · 待申报单位办理', 2_000_000],
      [middle.body.code, `${tag}-中`, '运城市教育局', '升级改造', '草稿', '第 1/7 步 · 待申报单位办理', 300_000],
    ]);
    const en = await downloadSheet(scene.t, 'dept', '/api/projects/export', { q: tag, minBudget: 100_000, lang: 'en' });
    expect(en.header.slice(0, 3)).toEqual(['Number', 'Project', 'Organisation']);
    expect(en.rows[0]![3]).toBe('Upgrade');
    // another department's export holds none of them: it is the list the reader may see
    expect((await downloadSheet(scene.t, 'dept2', '/api/projects/export', { q: tag })).rows).toEqual([]);
  });
});

describe('the queues', () => {
  it('filter and sort like the list, and their export follows', async () => {
    const tag = `队列${uniqueTag()}`;
    for (const [n, totalBudget] of [['甲', 600_000], ['乙', 900_000]] as const) await projectIn(scene, 'GIA_REVIEW', { overrides: { name: `${tag}-${n}`, totalBudget } });
    const queue = await scene.as('gia').get('/api/projects/queue', { stage: 'GIA_REVIEW', q: tag, sort: 'totalBudget', order: 'desc' });
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((p: { name: string }) => p.name)).toEqual([`${tag}-乙`, `${tag}-甲`]);
    const filtered = await scene.as('gia').get('/api/projects/queue', { stage: 'GIA_REVIEW', q: tag, maxBudget: 700_000 });
    expect(filtered.body.items.map((p: { name: string }) => p.name)).toEqual([`${tag}-甲`]);
    const sheet = await downloadSheet(scene.t, 'gia', '/api/projects/queue/export', { stage: 'GIA_REVIEW', q: tag, sort: 'totalBudget', order: 'desc' });
    expect(sheet.rows.map((r) => r[1])).toEqual([`${tag}-乙`, `${tag}-甲`]);
  });
});

describe('the deadlines', () => {
  it('are searched by project and exported with the working days left', async () => {
    const tag = `期限${uniqueTag()}`;
    const p = await projectIn(scene, 'ESTABLISHED', { overrides: { name: `${tag}-整改` } });
    expect((await scene.as('gia').post(`/api/projects/${p.id}/rectification-notices`, { issues: '资源使用率偏低，请整改' })).status).toBe(200);
    const list = await scene.as('dept').get('/api/deadlines', { q: tag });
    expect(list.status).toBe(200);
    // the rectification report first, then the 2026 self-evaluation (Art. 21, due in 2027: no count yet)
    expect(list.body.items.map((d: { project: { name: string }; ruleCode: string; workingDaysLeft: number }) => [d.project.name, d.ruleCode, d.workingDaysLeft])).toEqual([
      [`${tag}-整改`, 'RECTIFICATION_REPORT', 10],
      // due in 2027, past the published calendar: counted with the estimate (core/calendar/lunar-estimate.ts)
      [`${tag}-整改`, 'SELF_EVALUATION', expect.any(Number)],
    ]);
    expect((await scene.as('dept').get('/api/deadlines', { q: `${tag}-没有` })).body.items).toEqual([]);
    const sheet = await downloadSheet(scene.t, 'dept', '/api/deadlines/export', { q: tag });
    expect(sheet.fileName).toBe('期限清单.xlsx');
    expect(sheet.header).toEqual(['事项', '依据条款', '项目编号', '项目名称', '建设单位', '截止日期', '剩余', '催办']);
    expect(sheet.rows).toHaveLength(2);
    expect(sheet.rows[0]!.slice(2, 5)).toEqual([p.body.code, `${tag}-整改`, '运城市教育局']);
    expect(sheet.rows[0]![6]).toBe('剩 10 个工作日');
  });
});
