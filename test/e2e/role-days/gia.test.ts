// GIA's day in the browser: twenty projects wait for review; the reviewer finds them in 审核队列 by what their names
// share, works through them from the first with 下一条 (three approved, one returned with a reason, each decision
// confirmed in its dialog), goes back with 返回队列 to a queue that has moved on, and exports what it shows to Excel.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { projectIn } from '../../support/project-factories.js';
import { BASICS } from '../../support/projects.js';
import { uniqueTag } from '../../support/scene.js';
import { keepScreenshot } from '../support/artifacts.js';
import { useBrowserScene } from '../support/scene.js';
import { confirmDecision, download, fillReview, readXlsx } from '../support/ui.js';

const scene = useBrowserScene();

/** The number on the queue tab's badge: everything waiting at that stage. */
async function waiting(page: Page): Promise<number> {
  return Number(await page.getByTestId('queue-tab-GIA_REVIEW').locator('.ant-scroll-number').getAttribute('title'));
}

/** The queue's rows as the reviewer reads them: number and name. */
async function rows(page: Page): Promise<[string, string][]> {
  const trs = await page.getByTestId('queue-table').locator('tbody tr.ant-table-row').all();
  return Promise.all(trs.map(async (tr) => [(await tr.locator('td').nth(0).innerText()).trim(), (await tr.locator('td').nth(1).innerText()).trim()] as [string, string]));
}

describe("GIA's day", { timeout: 180_000 }, () => {
  it('works through a queue of twenty: search, decide with 下一条, back to a shorter queue, export what it shows', async () => {
    const tag = `队列${uniqueTag()}`;
    const names = Array.from({ length: 20 }, (_, i) => `${BASICS.name}·${tag}·${String(i + 1).padStart(2, '0')}`);
    const projects = [];
    for (const name of names) projects.push(await projectIn(scene.api, 'GIA_REVIEW', { overrides: { name } }));

    const page = await scene.as('gia');
    await page.waitForURL('**/review/queue');
    const search = page.getByTestId('queue-search').locator('input');
    await search.fill(tag);
    await search.press('Enter');
    await page.waitForURL(/q=/);
    expect(new URL(page.url()).searchParams.get('q')).toBe(tag);
    // oldest submission first: exactly the twenty, in the order they were submitted
    await expect.poll(async () => (await rows(page)).map(([, name]) => name)).toEqual(names);
    const before = await waiting(page);
    expect(before).toBeGreaterThanOrEqual(20);
    await keepScreenshot(page, 'gia-day-1-queue');

    // the first one, approved after the dialog says what follows
    await page.getByTestId('queue-table').getByRole('link', { name: names[0] }).click();
    await page.waitForURL(`**/review/projects/${projects[0]!.id}?**`);
    const decided: string[] = [];
    const decide = async (i: number, decision: 'approve' | 'return', comment: string, effect: string) => {
      await page.getByTestId('review-action').waitFor();
      await expect.poll(() => page.locator('.zy-page-title').innerText()).toContain(names[i]);
      await fillReview(page, comment);
      await page.getByTestId(`review-${decision}`).click();
      const summary = await confirmDecision(page, effect);
      expect(summary).toContain(names[i]);
      await page.getByTestId('next-in-queue').getByText('已处理').waitFor();
      decided.push(names[i]!);
    };
    await decide(0, 'approve', '同意，转财政预算评审。', '项目将转市财政局进行预算评审');
    await keepScreenshot(page, 'gia-day-2-decided');

    // 下一条 leads to the next oldest of the same search, three times
    for (const [i, decision] of [[1, 'approve'], [2, 'approve'], [3, 'return']] as const) {
      await page.getByTestId('queue-next').click();
      await page.waitForURL(`**/review/projects/${projects[i]!.id}?**`);
      if (decision === 'approve') await decide(i, 'approve', '同意。', '项目将转市财政局进行预算评审');
      else await decide(i, 'return', '绩效目标不够具体，请补充可量化指标后重新提交。', '项目将退回申报单位修改');
    }
    await page.getByText('绩效目标不够具体，请补充可量化指标后重新提交。').first().waitFor();
    await keepScreenshot(page, 'gia-day-3-returned');

    // back in the same search of the queue: four fewer waiting, and the decided ones gone
    await page.getByTestId('queue-back').click();
    await page.waitForURL(/\/review\/queue\?/);
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ q: tag, stage: 'GIA_REVIEW' });
    expect(await search.inputValue()).toBe(tag);
    await expect.poll(() => waiting(page)).toBe(before - 4);
    await expect.poll(async () => (await rows(page)).map(([, name]) => name)).toEqual(names.slice(4));
    const shown = await rows(page);
    for (const name of decided) expect(shown.map(([, n]) => n)).not.toContain(name);
    await keepScreenshot(page, 'gia-day-4-queue-after');

    // the queue as shown goes to Excel: the same rows, in the same order
    const file = await download(page, 'queue-export');
    expect(file.name).toBe('审核队列-待审核.xlsx');
    const [sheet] = [...(await readXlsx(file.body)).values()];
    expect(sheet![0]!.slice(0, 2)).toEqual(['项目编号', '项目名称']);
    expect(sheet!.slice(1).map((r) => [r[0], r[1]])).toEqual(shown);
    await page.context().close();
  });
});
