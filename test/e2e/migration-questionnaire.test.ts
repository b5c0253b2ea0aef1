// The assessment questionnaire in the browser: a department answers it for its system (one radio per question,
// zh-CN) and sees the proposed strategy and risk with the answers behind them; the sub-center overrides the risk
// with a reason, which assesses the system; the full board counts the proposal and the confirmation.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiClient } from './support/api.js';
import { newContext } from './support/browser.js';
import { useBrowserScene } from './support/scene.js';
import { pickOption, signIn } from './support/ui.js';

const scene = useBrowserScene();

async function as(username: string): Promise<Page> {
  const page = await (await newContext(scene.browser, scene.t.url)).newPage();
  await signIn(page, username);
  return page;
}

/** the mildest option of each question of the default questionnaire, as the form shows it */
const MILD = ['无', '100GB 以下', '已全栈适配国产软硬件', '24 小时以上', '未定级或一级', '5 年以内', '仍支持，且有源代码', '仍需要'];

async function openSystem(page: Page, name: string) {
  await page.goto('/migration/systems');
  await page.getByTestId('systems-table').getByRole('button', { name }).click();
  return page.getByTestId('system-drawer');
}

describe('assessment questionnaire', { timeout: 120_000 }, () => {
  it('a department answers, the sub-center overrides the risk with a reason, the board counts both', async () => {
    const api = apiClient(scene.t.url);
    const created = await api.call('POST', '/api/migration/systems', { as: 'dept', body: { name: '问卷演示系统', purpose: '演示', hosting: 'OWN_ROOM' } });
    expect(created.status).toBe(201);

    const dept = await as('dept');
    let drawer = await openSystem(dept, '问卷演示系统');
    const form = drawer.getByTestId('questionnaire-form');
    await form.waitFor();
    // every question is required: the form says so before the server is asked
    await drawer.getByTestId('questionnaire-submit').click();
    await expect.poll(() => form.getByText('请选择一项').count()).toBe(8);
    for (const label of MILD) await form.getByLabel(label, { exact: true }).check();
    await form.getByLabel('4 小时以内', { exact: true }).check();
    await drawer.getByTestId('questionnaire-submit').click();
    const proposal = drawer.getByTestId('questionnaire-proposal');
    await proposal.waitFor();
    expect(await proposal.innerText()).toContain('直接迁移');
    expect(await proposal.innerText()).toContain('待确认');
    // the downtime answer added its 25 points: it is one of the reasons
    expect(await drawer.getByTestId('questionnaire-reasons').innerText()).toContain('4 小时以内');
    await expect.poll(() => drawer.getByTestId('questionnaire-confirm').count()).toBe(0);

    const bdc = await as('bdc');
    drawer = await openSystem(bdc, '问卷演示系统');
    await drawer.getByTestId('questionnaire-confirm').click();
    const dialog = bdc.getByRole('dialog', { name: '确认评估建议' });
    // the plans' list stays open after a pick: the single choices after it close it
    await pickOption(bdc, dialog.getByLabel('目标服务规格'), 'vm-general-4c8g');
    await pickOption(bdc, dialog.getByLabel('工作量'), '中');
    await pickOption(bdc, dialog.getByLabel('风险'), '高');
    // a changed risk needs its reason
    await bdc.getByTestId('questionnaire-confirm-ok').click();
    await dialog.getByText('与建议不同时须说明理由').waitFor();
    await dialog.getByLabel('调整理由').fill('需与省级平台联调');
    await bdc.getByTestId('questionnaire-confirm-ok').click();
    await bdc.getByTestId('questionnaire-confirm-ok').waitFor({ state: 'detached' });
    await expect.poll(() => drawer.getByTestId('questionnaire-proposal').innerText()).toContain('已调整');
    expect(await drawer.getByTestId('questionnaire-proposal').innerText()).toContain('需与省级平台联调');
    await expect.poll(() => drawer.getByTestId('system-detail').locator('.ant-tag').first().innerText()).toBe('已评估');

    await bdc.goto('/board?refresh=2');
    const strategies = bdc.getByTestId('board-assessment-strategies');
    await strategies.waitFor();
    const rehost = strategies.locator('tr', { hasText: '直接迁移' });
    expect((await rehost.locator('td').allInnerTexts()).map((s) => s.trim())).toEqual(['直接迁移', '1', '1']);
    const high = bdc.getByTestId('board-assessment-risks').locator('tr', { hasText: '高' });
    expect((await high.locator('td').allInnerTexts()).map((s) => s.trim())).toEqual(['高', '0', '1']);
  });
});
