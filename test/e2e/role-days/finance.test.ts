// Finance's day in the browser: a project waits in budget review; the reviewer reads what its budget is made of
// (cloud resources priced from the catalog against everything else, the budget by year), tries an approved amount
// above what was asked and reads the error by the field's name, approves a valid amount after the confirmation,
// and the project moves on to the public notice.
import { describe, expect, it } from 'vitest';
import { projectIn } from '../../support/project-factories.js';
import { BASICS } from '../../support/projects.js';
import { uniqueTag } from '../../support/scene.js';
import { keepScreenshot } from '../support/artifacts.js';
import { useBrowserScene } from '../support/scene.js';
import { confirmDecision } from '../support/ui.js';

const scene = useBrowserScene();

describe("Finance's day", { timeout: 90_000 }, () => {
  it('approves a budget with its breakdown in view, after an amount too large is refused by name', async () => {
    const name = `${BASICS.name}·${uniqueTag()}`;
    const yearlyBudgets = [
      { year: 2026, amount: 500000 },
      { year: 2027, amount: 300000 },
    ];
    const p = await projectIn(scene.api, 'BUDGET_REVIEW', { overrides: { name, yearlyBudgets } });

    const page = await scene.as('finance');
    await page.waitForURL('**/review/queue');
    await page.getByTestId('queue-table').getByRole('link', { name }).click();
    await page.waitForURL(`**/review/projects/${p.id}?**`);

    // what the ¥800,000 is made of: the cloud resources priced from the catalog, and everything else, by year
    const breakdown = page.getByTestId('budget-breakdown');
    await expect.poll(() => page.getByTestId('budget-cloud').innerText()).toMatch(/^¥[\d,]+（\d+\.\d%）$/);
    const cloud = Number((await page.getByTestId('budget-cloud').innerText()).match(/^¥([\d,]+)/)![1]!.replaceAll(',', ''));
    const other = Number((await page.getByTestId('budget-other').innerText()).match(/^¥([\d,]+)/)![1]!.replaceAll(',', ''));
    expect(cloud).toBeGreaterThan(0);
    expect(cloud + other).toBe(800000);
    expect(await breakdown.innerText()).toContain('¥800,000');
    const years = await page.getByTestId('budget-years').locator('tbody tr').allInnerTexts();
    expect(years.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual(['2026 ¥500,000', '2027 ¥300,000']);
    await page.getByTestId('budget-chart').waitFor();
    await keepScreenshot(page, 'finance-day-1-breakdown');

    // more than the ¥800,000 asked: refused, and the error names the field as the form does
    const amount = page.getByLabel('核定金额（元）');
    await amount.fill('900000');
    await page.getByLabel('评审意见').fill('核减5万元');
    await page.getByTestId('budget-approve').click();
    await confirmDecision(page, '核定金额 ¥900,000');
    const error = page.getByTestId('review-action').getByRole('alert');
    await expect.poll(() => error.innerText()).toContain('核定金额：过长或过大（最大 800000）');
    expect(await error.innerText()).not.toContain('approvedAmount');
    expect(await page.locator('.zy-page-title h3 .ant-tag').innerText()).toBe('财政预算评审中');
    await keepScreenshot(page, 'finance-day-2-too-large');

    await amount.fill('750000');
    await page.getByTestId('budget-approve').click();
    await confirmDecision(page, '核定金额 ¥750,000（申报 ¥800,000），项目转政务信息管理局安排公示');
    await expect.poll(() => page.locator('.zy-page-title h3 .ant-tag').innerText()).toBe('预算已核定');
    expect(await page.getByTestId('budget-breakdown').innerText()).toContain('¥750,000');
    await page.getByTestId('next-in-queue').getByText('该队列已没有待处理的项目').waitFor();
    await keepScreenshot(page, 'finance-day-3-approved');
    await page.context().close();

    // on to the notice: GIA finds it waiting to be put on public notice
    const gia = await scene.as('gia');
    await gia.goto('/review/queue?stage=BUDGET_APPROVED');
    await gia.getByTestId('queue-table').getByRole('link', { name }).waitFor();
    await gia.context().close();
  });
});
