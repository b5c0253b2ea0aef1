// The audit viewer in the browser: the auditor reads actions, people and objects by name, finds one project's
// history by its number and exports it, shows sign-ins when asked (a failed sign-in shows as FAILURE), pages back
// through older records, and verifies the hash chain.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { apiClient } from './support/api.js';
import { launchBrowser, newContext } from './support/browser.js';
import { DEMO_PASSWORD, startE2EPlatform, type E2EPlatform } from './support/platform.js';
import { signIn } from './support/ui.js';
import { projectIn } from '../support/project-factories.js';
import type { Api } from '../support/scene.js';

let t: E2EPlatform;
let browser: Browser;
let project: { id: string; code: string; name: string };

beforeAll(async () => {
  browser = await launchBrowser();
  t = await startE2EPlatform();
  // enough sign-ins for more than one page (50 a page), and one wrong password
  const { call } = apiClient(t.url);
  for (let i = 0; i < 30; i++) {
    await call('POST', '/api/auth/login', { body: { username: 'dept', password: DEMO_PASSWORD } });
    await call('POST', '/api/auth/login', { body: { username: 'finance', password: DEMO_PASSWORD } });
  }
  const wrong = await call('POST', '/api/auth/login', { body: { username: 'county', password: 'wrong-password-1' } });
  if (wrong.status !== 401) throw new Error(`wrong password: ${wrong.status}`);
  // a project in GIA review: the auditor oversees it (drafts are their unit's own)
  const api: Api = { call, today: () => t.today(), setToday: (d) => t.setToday(d) };
  project = (await projectIn(api, 'GIA_REVIEW', { overrides: { name: '审计查阅测试项目' } })).body as typeof project;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

describe('audit viewer', { timeout: 60_000 }, () => {
  it('lists the trail newest first, pages back, filters, and verifies the chain', async () => {
    const page = await (await newContext(browser, t.url)).newPage();
    await signIn(page, 'auditor');
    // the auditor lands on the trail
    await page.waitForURL('**/audit');
    const table = page.getByTestId('audit-table');
    await table.waitFor();
    // sign-ins are left out until asked for
    expect(await table.innerText()).not.toContain('登录');
    await page.getByTestId('audit-sign-ins').check();
    await page.getByTestId('audit-search').click();
    await expect.poll(() => page.getByTestId('audit-count').innerText()).toContain('50');
    expect(await table.innerText()).toContain('登录');
    expect(await table.innerText()).toContain('成功');
    await page.getByTestId('audit-more').click();
    await expect.poll(async () => Number((await page.getByTestId('audit-count').innerText()).match(/\d+/)![0])).toBeGreaterThan(50);

    // only failures: the wrong password
    await page.getByLabel('结果').click();
    await page.locator('.ant-select-item-option').getByText('失败', { exact: true }).click();
    await page.getByTestId('audit-search').click();
    await expect.poll(() => page.getByTestId('audit-count').innerText()).toContain('已显示 1 条');
    expect(await table.innerText()).toContain('失败');
    expect(await table.innerText()).toContain('county');
    expect(await table.innerText()).not.toContain('成功');

    await page.getByTestId('audit-verify').click();
    await expect.poll(() => page.getByTestId('audit-verify-result').innerText()).toContain('哈希链完整');
    await page.screenshot({ path: '/tmp/zy-e2e-audit.png', fullPage: true });
    await page.context().close();
  });
});

describe("a project's history", { timeout: 60_000 }, () => {
  it('is found by the project number, reads in names, opens from a link, and exports to Excel', async () => {
    const page = await (await newContext(browser, t.url)).newPage();
    await signIn(page, 'auditor');
    await page.waitForURL('**/audit');
    // from the project's own page, its trail is one click away
    await page.goto(`${t.url}/review/projects/${project.id}`);
    await page.getByTestId('audit-trail-link').click();
    await page.waitForURL(`**/audit?project=${encodeURIComponent(project.code)}`);
    expect(await page.getByTestId('audit-project').inputValue()).toBe(project.code);
    const table = page.getByTestId('audit-table');
    await expect.poll(() => table.innerText()).toContain('创建项目');
    const text = await table.innerText();
    expect(text).toContain(`${project.code} ${project.name}`);
    expect(text).toContain('提交审核');
    expect(text).toContain('（dept）');
    expect(text).not.toContain('finance');
    // the filter is in the address, so the history can be linked to and reopened
    expect(page.url()).toContain(`project=${encodeURIComponent(project.code)}`);
    await page.reload();
    await expect.poll(() => page.getByTestId('audit-table').innerText()).toContain(`${project.code} ${project.name}`);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
    expect(download.suggestedFilename()).toBe('审计记录.xlsx');
    await page.screenshot({ path: '/tmp/zy-e2e-audit-project.png', fullPage: true });
    await page.context().close();
  });
});
