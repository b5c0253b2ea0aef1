// The audit viewer in the browser: the auditor shows sign-ins when asked (a failed sign-in shows as FAILURE), pages
// back through older records, filters by outcome, and verifies the hash chain. Finding one project's history and
// exporting it is the auditor's day (role-days/auditor.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { apiClient } from './support/api.js';
import { launchBrowser, newContext } from './support/browser.js';
import { DEMO_PASSWORD, startE2EPlatform, type E2EPlatform } from './support/platform.js';
import { signIn } from './support/ui.js';
import { keepScreenshot } from './support/artifacts.js';

let t: E2EPlatform;
let browser: Browser;

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
    await keepScreenshot(page, 'audit');
    await page.context().close();
  });
});
