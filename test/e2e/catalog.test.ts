// The public catalog: offerings listed without signing in, search and filters, plan comparison, downloads,
// revision history; and the English switch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newContext } from './support/browser.js';
import { startE2EPlatform, type E2EPlatform } from './support/platform.js';
import { keepScreenshot } from './support/artifacts.js';

let t: E2EPlatform;
let browser: Browser;
let context: BrowserContext;
let page: Page;

const count = async () => (await page.getByTestId('catalog-count').innerText()).trim();
const offerings = () => page.locator('[data-testid^="offering-"]');

beforeAll(async () => {
  browser = await launchBrowser();
  t = await startE2EPlatform();
  context = await newContext(browser, t.url);
  page = await context.newPage();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

describe('the public catalog', { timeout: 60_000 }, () => {
  it('lists the published offerings with ¥ prices, without signing in', async () => {
    await page.goto('/catalog');
    await page.getByTestId('offering-vm-general').waitFor();
    expect(await count()).toBe('共 29 项服务、73 个规格');
    expect(await offerings().count()).toBe(29);
    const vm = page.getByTestId('offering-vm-general');
    expect(await vm.innerText()).toContain('¥3,600');
    expect(await vm.innerText()).toContain('通用型云主机 4核8GB');
    await keepScreenshot(page, 'catalog', { fullPage: false });
  });

  it('filters by category, 信创 and search text', async () => {
    await page.getByTestId('category-filter').getByText('应用服务（SaaS）').click();
    await expect.poll(count).toMatch(/^共 9 项服务/);
    expect(await page.getByTestId('offering-vm-general').count()).toBe(0);
    expect(await page.getByTestId('offering-saas-identity').count()).toBe(1);

    await page.getByTestId('category-filter').getByText('全部').click();
    await page.getByTestId('xinchuang-filter').click();
    await expect.poll(count).not.toMatch(/^共 29 项/);
    expect(await page.getByTestId('offering-vm-general').count()).toBe(0);
    expect(await page.getByTestId('offering-vm-xc-kunpeng').count()).toBe(1);
    await page.getByTestId('xinchuang-filter').click();

    await page.getByRole('searchbox', { name: '搜索服务' }).fill('达梦');
    await expect.poll(count).toMatch(/^共 1 项服务/);
    expect(await page.getByTestId('offering-rds-dameng').count()).toBe(1);
    await page.getByRole('searchbox', { name: '搜索服务' }).fill('没有这种服务');
    await expect.poll(() => page.getByText('没有符合条件的服务').count()).toBe(1);
    await page.getByRole('searchbox', { name: '搜索服务' }).fill('');
    await expect.poll(count).toBe('共 29 项服务、73 个规格');
  });

  it('compares two plans side by side', async () => {
    await page.getByRole('checkbox', { name: '选择“通用型云主机 4核8GB”进行对比' }).check();
    await page.getByRole('checkbox', { name: '选择“通用型云主机 8核16GB”进行对比' }).check();
    await page.getByTestId('compare-button').click();
    const table = page.getByTestId('plan-comparison');
    await table.waitFor();
    const text = await table.innerText();
    expect(text).toContain('¥3,600');
    expect(text).toContain('¥7,200');
    expect(text).toContain('vm-general-8c16g');
    await page.keyboard.press('Escape');
  });

  it('offers the catalog as XLSX and CSV', async () => {
    const href = await page.getByTestId('export-xlsx').getAttribute('href');
    expect(href).toBe('/api/catalog/export?format=xlsx');
    const res = await fetch(`${t.url}${href}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(await page.getByTestId('export-csv').getAttribute('href')).toBe('/api/catalog/export?format=csv');
  });

  it('shows the revision history', async () => {
    await page.getByRole('link', { name: '目录修订记录' }).first().click();
    await page.waitForURL('**/catalog/revisions');
    // the first revision has nothing before it: no "第1版相对第1版" comparison with itself
    await expect.poll(() => page.getByText('第1版是服务目录的初始版本').count()).toBeGreaterThan(0);
    expect(await page.getByText('第1版相对第1版').count()).toBe(0);
    await expect.poll(() => page.getByText('运城市政务云平台服务目录（2026年版）').count()).toBeGreaterThan(0);
  });

  it('switches to English', async () => {
    await page.goto('/catalog');
    await page.getByText('English').click();
    await expect.poll(() => page.getByRole('heading', { level: 3 }).first().innerText()).toBe('Government Cloud Service Catalog');
    await expect.poll(count).toBe('29 services, 73 plans');
    await page.getByText('中文').click();
    await expect.poll(count).toBe('共 29 项服务、73 个规格');
  });
});
