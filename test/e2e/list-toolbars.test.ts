// Every list page's toolbar in the browser: a search narrows the table, survives a reload (it is in the address),
// and the export downloads the rows the table shows. Organisations and accounts (administrators), the catalog's
// revisions (public history and the sub-center's list), the public notices (signed out), the sub-center's requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { apiClient } from './support/api.js';
import { launchBrowser, newContext } from './support/browser.js';
import { startE2EPlatform, type E2EPlatform } from './support/platform.js';
import { download, readXlsx, signIn } from './support/ui.js';
import { projectIn } from '../support/project-factories.js';
import { requestIn } from '../support/request-factories.js';
import { revisionIn } from '../support/revision-factories.js';
import { expectOk, uniqueTag, type Api } from '../support/scene.js';

let t: E2EPlatform;
let browser: Browser;
const tag = uniqueTag();
let published: number;

beforeAll(async () => {
  browser = await launchBrowser();
  t = await startE2EPlatform();
  const { call } = apiClient(t.url);
  const api: Api = { call: (m, p, o) => call(m, p, o), today: () => t.today(), setToday: (d) => t.setToday(d) };
  // two organisations of the tag among the seeded ones, and an account in one
  const org = expectOk('org', await call('POST', '/api/orgs', { as: 'admin', body: { code: `LT${tag.toUpperCase()}_A`, name: `${tag}数据局`, kind: 'DEPARTMENT' } }), 201);
  expectOk('org', await call('POST', '/api/orgs', { as: 'admin', body: { code: `LT${tag.toUpperCase()}_B`, name: `${tag}县`, kind: 'COUNTY' } }), 201);
  expectOk('user', await call('POST', '/api/users', { as: 'admin', body: { username: `lt${tag}.wang`, displayName: `王${tag}`, role: 'DEPT_USER', orgId: org.body.id, password: 'List-Passw0rd!2026' } }), 201);
  // a second published revision beside the seeded one
  published = (await revisionIn(api, 'PUBLISHED', `${tag} 年度目录`)).number;
  // two notices running, one of the tag; two requests waiting, one on a project of the tag
  await projectIn(api, 'PUBLIC_NOTICE', { overrides: { name: `${tag}-公示平台` } });
  await projectIn(api, 'PUBLIC_NOTICE', { overrides: { name: '另一个公示项目' } });
  await requestIn(api, 'SUBMITTED', { project: await projectIn(api, 'ESTABLISHED', { overrides: { name: `${tag}-申请平台` } }) });
  await requestIn(api, 'SUBMITTED');
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

/** The first cell of each row in the table of the card that holds the toolbar `testId`. */
async function firstCells(page: Page, testId: string): Promise<string[]> {
  const card = page.locator('.ant-card', { has: page.getByTestId(`${testId}-toolbar`) }).last();
  return (await card.locator('.ant-table-tbody tr.ant-table-row td:first-child').allInnerTexts()).map((s) => s.trim());
}

/** The rows of the downloaded XLSX (its one sheet, below the header), as cell texts. */
async function downloadRows(page: Page, testId: string, filename: string): Promise<string[][]> {
  const file = await download(page, `${testId}-export`);
  expect(file.name).toBe(filename);
  const [rows] = [...(await readXlsx(file.body)).values()];
  return rows!.slice(1);
}

/** Types `q` in the search, waits for `rows` (read by `read`) to narrow to `expected`, reloads and finds it kept. */
async function searchKept(page: Page, testId: string, q: string, read: () => Promise<string[]>, expected: string[]) {
  const before = await read();
  expect(before.length).toBeGreaterThan(expected.length);
  const box: Locator = page.getByTestId(`${testId}-search`).locator('input');
  await box.fill(q);
  await box.press('Enter');
  await page.waitForURL((u) => u.searchParams.get('q') === q);
  await expect.poll(read).toEqual(expected);
  await page.reload();
  await expect.poll(read).toEqual(expected);
  expect(await page.getByTestId(`${testId}-search`).locator('input').inputValue()).toBe(q);
}

describe('list toolbars', { timeout: 90_000 }, () => {
  it('organisations: search, reload, export (system administrator)', async () => {
    const page = await (await newContext(browser, t.url)).newPage();
    await signIn(page, 'admin');
    await page.goto('/admin/orgs');
    await page.getByTestId('orgs-table').waitFor();
    const read = () => firstCells(page, 'orgs');
    await searchKept(page, 'orgs', tag, read, [`LT${tag.toUpperCase()}_A`, `LT${tag.toUpperCase()}_B`]);
    const rows = await downloadRows(page, 'orgs', '单位清单.xlsx');
    expect(rows.map((r) => r[0])).toEqual(await read());
    await page.context().close();
  });

  it('accounts: search by organisation, reload, export (security administrator)', async () => {
    const page = await (await newContext(browser, t.url)).newPage();
    await signIn(page, 'secadmin');
    await page.goto('/admin/users');
    await page.getByTestId('users-table').waitFor();
    const read = () => firstCells(page, 'users');
    await searchKept(page, 'users', `${tag}数据局`, read, [`lt${tag}.wang`]);
    const rows = await downloadRows(page, 'users', '账号清单.xlsx');
    expect(rows).toEqual([[`lt${tag}.wang`, `王${tag}`, `${tag}数据局`, '市直部门用户', '正常', '']]);
    await page.context().close();
  });

  it('the public revision history: search, reload, export, signed out', async () => {
    const page = await (await newContext(browser, t.url)).newPage();
    await page.goto('/catalog/revisions');
    const read = () => firstCells(page, 'revisions');
    await expect.poll(async () => (await read()).length).toBeGreaterThan(1);
    await searchKept(page, 'revisions', tag, read, [`第${published}版`]);
    const rows = await downloadRows(page, 'revisions', '目录版本清单.xlsx');
    expect(rows.map((r) => r[0])).toEqual(await read());
    await page.context().close();
  });

  it("the sub-center's revisions: search, reload, export", async () => {
    const page = await (await newContext(browser, t.url)).newPage();
    await signIn(page, 'bdc');
    await page.goto('/review/revisions');
    const read = () => firstCells(page, 'revisions');
    await expect.poll(async () => (await read()).length).toBeGreaterThan(1);
    await searchKept(page, 'revisions', `第${published}版`, read, [`第${published}版`]);
    const rows = await downloadRows(page, 'revisions', '目录版本清单.xlsx');
    expect(rows.map((r) => [r[0], r[1], r[2]])).toEqual([[`第${published}版`, `${tag} 年度目录`, '已发布']]);
    await page.context().close();
  });

  it('the public notices: search, reload, export, signed out', async () => {
    const page = await (await newContext(browser, t.url)).newPage();
    await page.goto('/notices');
    const cards = page.locator('[data-testid^="notice-"]');
    const read = async () => (await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('notice-'.length)))).sort();
    await expect.poll(async () => (await read()).length).toBeGreaterThan(1);
    const all = await read();
    await page.getByTestId('notices-search').locator('input').fill(tag);
    await page.getByTestId('notices-search').locator('input').press('Enter');
    await expect.poll(async () => (await read()).length).toBe(1);
    const shown = await read();
    expect(all).toEqual(expect.arrayContaining(shown));
    await page.reload();
    await expect.poll(read).toEqual(shown);
    expect(await page.getByTestId('notices-search').locator('input').inputValue()).toBe(tag);
    const rows = await downloadRows(page, 'notices', '公示清单.xlsx');
    expect(rows.map((r) => r[1])).toEqual(shown);
    expect(rows[0]![2]).toBe(`${tag}-公示平台`);
    await page.context().close();
  });

  it("the sub-center's request queue: search, reload with the tab, export", async () => {
    const page = await (await newContext(browser, t.url)).newPage();
    await signIn(page, 'bdc');
    await page.goto('/operator/requests?tab=submitted');
    await page.getByTestId('operator-queue').waitFor();
    const read = () => firstCells(page, 'requests');
    const mine = (await read()).length;
    expect(mine).toBeGreaterThan(1);
    const rowsAll = await page.getByTestId('operator-queue').innerText();
    const code = (await page.getByTestId('operator-queue').locator('tr', { hasText: `${tag}-申请平台` }).locator('td').first().innerText()).trim();
    expect(rowsAll).toContain(code);
    await searchKept(page, 'requests', `${tag}-申请`, read, [code]);
    expect(new URL(page.url()).searchParams.get('tab')).toBe('submitted');
    const rows = await downloadRows(page, 'requests', '资源申请清单.xlsx');
    expect(rows.map((r) => [r[0], r[2], r[4]])).toEqual([[code, `${tag}-申请平台`, '待审核']]);
    await page.context().close();
  });
});
