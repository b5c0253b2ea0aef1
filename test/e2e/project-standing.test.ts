// A department reads where its projects stand, in the browser: the list shows each project's place on the line of
// stages and who it waits for; a returned project says why; an established one names the next step and the filing
// that falls due once the contract is signed. Screenshots are kept as artefacts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { projectIn } from '../support/project-factories.js';
import { BASICS } from '../support/projects.js';
import { uniqueTag, type Api } from '../support/scene.js';
import { apiClient } from './support/api.js';
import { launchBrowser, newContext } from './support/browser.js';
import { startE2EPlatform, type E2EPlatform } from './support/platform.js';
import { signIn } from './support/ui.js';

let t: E2EPlatform;
let browser: Browser;
let api: Api;

beforeAll(async () => {
  browser = await launchBrowser();
  t = await startE2EPlatform();
  api = { call: apiClient(t.url).call, today: () => t.today(), setToday: (d) => t.setToday(d) };
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

describe('where my project stands', { timeout: 90_000 }, () => {
  it('an established project: its stage, the next step and who takes it, the contract filing to come', async () => {
    const name = `${BASICS.name}·${uniqueTag()}`;
    const p = await projectIn(api, 'ESTABLISHED', { overrides: { name } });
    const page = await (await newContext(browser, t.url)).newPage();
    await signIn(page, 'dept');
    await page.goto(`${t.url}/portal/projects`);
    const row = page.locator('tr', { hasText: name });
    await expect.poll(() => row.getByTestId('project-progress').innerText()).toContain('第 6/7 步');
    expect(await row.getByTestId('project-progress').innerText()).toContain('待申报单位办理');

    await page.goto(`${t.url}/portal/projects/${p.id}`);
    const standing = page.getByTestId('project-standing');
    await standing.waitFor();
    expect(await standing.innerText()).toContain('已立项');
    expect(await page.getByTestId('standing-next').innerText()).toBe('下一步：竣工验收备案（申报单位）');
    expect(await page.getByTestId('standing-upcoming').innerText()).toContain('签订正式合同后 5 个工作日内完成合同文本备案（第十三条）');
    await page.screenshot({ path: '/tmp/zy-e2e-standing-established.png', fullPage: true });
    await page.context().close();
  });

  it("a returned project: back with its unit, with the reviewer's reason", async () => {
    const name = `${BASICS.name}·${uniqueTag()}`;
    const p = await projectIn(api, 'FINANCE_RETURNED', { overrides: { name } });
    const page = await (await newContext(browser, t.url)).newPage();
    await signIn(page, 'dept');
    await page.goto(`${t.url}/portal/projects/${p.id}`);
    await page.getByTestId('project-standing').waitFor();
    expect(await page.getByTestId('standing-return-reason').innerText()).toContain('预算测算依据不足');
    expect(await page.getByTestId('standing-next').innerText()).toBe('下一步：提交审核（申报单位）');
    await page.screenshot({ path: '/tmp/zy-e2e-standing-returned.png', fullPage: true });
    await page.context().close();
  });
});
