// A department's day in the browser: it reads where its projects stand. The list shows each project's place on the
// line of stages and who it waits for; a returned project says why and what to do next; an established one names
// the next step, who takes it, and the filing that falls due once the contract is signed.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { projectIn } from '../../support/project-factories.js';
import { BASICS } from '../../support/projects.js';
import { uniqueTag } from '../../support/scene.js';
import { keepScreenshot } from '../support/artifacts.js';
import { useBrowserScene } from '../support/scene.js';

const scene = useBrowserScene();

/** Opens a project from the list by its name and waits for its standing card. */
async function open(page: Page, name: string, id: string) {
  await page.getByTestId('project-table').getByRole('link', { name }).click();
  await page.waitForURL(`**/portal/projects/${id}`);
  await page.getByTestId('project-standing').waitFor();
}

describe("a department's day", { timeout: 120_000 }, () => {
  it('reads where its projects stand: the list with their progress, then a returned and an established one', async () => {
    const tag = uniqueTag();
    const named = (what: string) => `${BASICS.name}·${what}·${tag}`;
    const inReview = await projectIn(scene.api, 'GIA_REVIEW', { overrides: { name: named('审核中') } });
    const returned = await projectIn(scene.api, 'FINANCE_RETURNED', { overrides: { name: named('退回') } });
    const established = await projectIn(scene.api, 'ESTABLISHED', { overrides: { name: named('已立项') } });

    const page = await scene.as('dept');
    // the department lands on its projects, each with its place on the line and who it waits for
    await page.waitForURL('**/portal/projects');
    const progress = (name: string) => page.getByTestId('project-table').locator('tr', { hasText: name }).getByTestId('project-progress');
    await expect.poll(() => progress(inReview.body.name).innerText()).toBe('第 2/7 步 · 待市政务信息管理局办理');
    expect(await progress(returned.body.name).innerText()).toBe('第 1/7 步 · 待申报单位办理');
    expect(await progress(established.body.name).innerText()).toBe('第 6/7 步 · 待申报单位办理');
    await keepScreenshot(page, 'dept-day-1-projects');

    // returned by Finance: back with its unit, with the reviewer's reason and what to do next
    await open(page, returned.body.name, returned.id);
    expect(await page.getByTestId('standing-return-reason').innerText()).toContain('预算测算依据不足');
    expect(await page.getByTestId('standing-next').innerText()).toBe('下一步：提交审核（申报单位）');
    await keepScreenshot(page, 'dept-day-2-returned');

    // established: its stage, the next step and who takes it, the contract filing to come
    await page.getByTestId('main-menu').getByText('我的项目').click();
    await page.waitForURL('**/portal/projects');
    await open(page, established.body.name, established.id);
    expect(await page.getByTestId('project-standing').innerText()).toContain('已立项');
    expect(await page.getByTestId('standing-next').innerText()).toBe('下一步：竣工验收备案（申报单位）');
    expect(await page.getByTestId('standing-upcoming').innerText()).toContain('签订正式合同后 5 个工作日内完成合同文本备案（第十三条）');
    await keepScreenshot(page, 'dept-day-3-established');
    await page.context().close();
  });
});
