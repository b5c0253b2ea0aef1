// The project lists at volume, in the browser: GIA narrows a queue by amount and sorts it by budget, the choice stays
// in the address across a reload, the export holds exactly the rows shown; the menu's badge counts what waits and
// moves when a project is decided; a department searches its projects and exports them.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { projectIn } from '../support/project-factories.js';
import { addDays, uniqueTag } from '../support/scene.js';
import { keepScreenshot } from './support/artifacts.js';
import { useBrowserScene } from './support/scene.js';
import { confirmDecision, download, menuCount, readXlsx } from './support/ui.js';

const scene = useBrowserScene();
const as = (user: string) => scene.as(user);

const tableNames = (page: Page, testId: string) => page.getByTestId(testId).locator('tbody tr td:nth-child(2)').allInnerTexts();

/** The export's data rows (the header row left out), as cell texts. */
async function downloadedRows(page: Page, testId: string): Promise<string[][]> {
  const sheets = await readXlsx((await download(page, testId)).body);
  return [...sheets.values()][0]!.slice(1);
}

describe('project lists at volume', { timeout: 120_000 }, () => {
  it('GIA filters a queue by amount, sorts it by budget, keeps both across a reload, and exports what is shown', async () => {
    const tag = `队列${uniqueTag()}`;
    for (const [n, totalBudget] of [['甲', 300_000], ['乙', 700_000], ['丙', 900_000]] as const) {
      await projectIn(scene.api, 'GIA_REVIEW', { overrides: { name: `${tag}-${n}`, totalBudget } });
    }
    const page = await as('gia');
    await page.getByTestId('queue-search').locator('input').fill(tag);
    await page.getByTestId('queue-search').locator('input').press('Enter');
    await expect.poll(() => tableNames(page, 'queue-table')).toEqual([`${tag}-甲`, `${tag}-乙`, `${tag}-丙`]);

    // 50–100 万元
    await page.getByTestId('filter-amount').click();
    await page.getByTitle('50–100 万元').click();
    await expect.poll(() => tableNames(page, 'queue-table')).toEqual([`${tag}-乙`, `${tag}-丙`]);
    // the budget column, twice: descending
    const budgetHeader = page.getByTestId('queue-table').getByRole('columnheader', { name: /项目总预算/ });
    await budgetHeader.click();
    await budgetHeader.click();
    await expect.poll(() => tableNames(page, 'queue-table')).toEqual([`${tag}-丙`, `${tag}-乙`]);
    expect(new URL(page.url()).searchParams.get('order')).toBe('desc');

    await page.reload();
    await expect.poll(() => tableNames(page, 'queue-table')).toEqual([`${tag}-丙`, `${tag}-乙`]);
    expect(await page.getByTestId('queue-search').locator('input').inputValue()).toBe(tag);

    const rows = await downloadedRows(page, 'queue-export');
    expect(rows.map((r) => r[1])).toEqual([`${tag}-丙`, `${tag}-乙`]);
    await keepScreenshot(page, 'gia-queue-filters');
    await page.context().close();
  });

  it("the menu's badge counts GIA's waiting projects and goes down when one is decided", async () => {
    const tag = `角标${uniqueTag()}`;
    const p = await projectIn(scene.api, 'GIA_REVIEW', { overrides: { name: `${tag}-待审` } });
    const page = await as('gia');
    // the badge comes with the counts, read after the page: wait for it rather than read it at once
    await expect.poll(() => menuCount(page, 'reviewQueue')).toBeGreaterThan(0);
    const before = await menuCount(page, 'reviewQueue');
    await page.goto(`${scene.t.url}/review/projects/${p.id}`);
    for (const d of ['need', 'intensiveness', 'feasibility', 'budget', 'performance']) {
      const card = page.getByTestId(`dimension-${d}`);
      await card.getByText('符合', { exact: true }).click();
      await card.getByLabel('说明').fill('符合要求');
    }
    await page.getByLabel('综合意见').fill('同意');
    await page.getByTestId('review-approve').click();
    await confirmDecision(page);
    await page.getByTestId('queue-back').click();
    await expect.poll(() => menuCount(page, 'reviewQueue')).toBe(before - 1);
    await page.context().close();
  });

  it('a department searches its projects, sorts them, and exports the rows it sees', async () => {
    const tag = `清单${uniqueTag()}`;
    for (const n of ['一', '二']) await projectIn(scene.api, 'DRAFT', { overrides: { name: `${tag}-${n}` } });
    const page = await as('dept');
    await page.getByTestId('projects-search').locator('input').fill(tag);
    await page.getByTestId('projects-search').locator('input').press('Enter');
    await expect.poll(async () => (await tableNames(page, 'project-table')).sort()).toEqual([`${tag}-一`, `${tag}-二`]);
    expect(new URL(page.url()).searchParams.get('q')).toBe(tag);
    const rows = await downloadedRows(page, 'projects-export');
    expect(rows.map((r) => r[1]).sort()).toEqual([`${tag}-一`, `${tag}-二`]);
    expect(rows[0]![4]).toBe('草稿');
    await page.context().close();
  });

  it('GIA reminds every overdue obligation it sees at once, after confirming; the unit sees the reminder', async () => {
    const tag = `催办${uniqueTag()}`;
    const p = await projectIn(scene.api, 'ESTABLISHED', { overrides: { name: `${tag}-整改` } });
    expect((await scene.api.call('POST', `/api/projects/${p.id}/rectification-notices`, { as: 'gia', body: { issues: '资源使用率偏低，请整改' } })).status).toBe(200);
    const today = scene.t.today();
    scene.t.setToday(addDays(today, 30));
    try {
      const page = await as('gia');
      await page.goto(`${scene.t.url}/review/deadlines?q=${encodeURIComponent(tag)}`);
      await page.getByTestId('remind-overdue').click();
      expect(await confirmDecision(page, '1 个单位的 1 项逾期事项')).toContain('每天最多催办一次');
      await expect.poll(() => page.getByTestId('deadline-table').getByTestId('reminded').innerText()).toContain('已催办 1 次');
      await keepScreenshot(page, 'gia-remind-overdue');
      await page.context().close();

      const dept = await as('dept');
      await dept.goto(`${scene.t.url}/portal/deadlines?q=${encodeURIComponent(tag)}&status=all`);
      await expect.poll(() => dept.getByTestId('deadline-table').getByTestId('reminded').innerText()).toContain('已催办 1 次');
      await dept.context().close();
    } finally {
      scene.t.setToday(today);
    }
  });
});
