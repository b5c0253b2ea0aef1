// Signing in as each role: the sign-in form, where each role lands, and the menu it sees.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newContext } from './support/browser.js';
import { DEMO_PASSWORD, startE2EPlatform, type E2EPlatform } from './support/platform.js';
import { menuLabels, signIn } from './support/ui.js';

const PUBLIC = ['政务云服务目录', '目录修订记录', '资金分配公示', '迁移进展看板'];

const ROLES: { username: string; home: string; menu: string[] }[] = [
  { username: 'dept', home: '/portal/projects', menu: ['待办中心', '我的项目', '新建项目申报', '期限提醒', '我的信息系统', '我的年度考核', '摸底填报', ...PUBLIC] },
  { username: 'county', home: '/portal/projects', menu: ['待办中心', '我的项目', '新建项目申报', '期限提醒', '我的信息系统', '我的年度考核', '摸底填报', ...PUBLIC] },
  { username: 'gia', home: '/review/queue', menu: ['待办中心', '审核队列', '目录修订审批', '项目总览', '期限与逾期', '年度考核', '迁移登记', '迁移摸底调查', '摸底填报', ...PUBLIC] },
  { username: 'finance', home: '/review/queue', menu: ['待办中心', '审核队列', '目录修订审批', '自评价抽查', '摸底填报', ...PUBLIC] },
  // a county's bureaus (Art. 39): their county's reviews and projects; the catalog is the city's to approve
  { username: 'county-gia', home: '/review/queue', menu: ['待办中心', '审核队列', '项目总览', '期限与逾期', '目录修订', '迁移登记', '摸底填报', ...PUBLIC] },
  { username: 'county-finance', home: '/review/queue', menu: ['待办中心', '审核队列', '自评价抽查', '目录修订', '摸底填报', ...PUBLIC] },
  { username: 'bdc', home: '/operator/requests', menu: ['待办中心', '工作台', '资源申请队列', '已立项项目', '目录修订', '迁移登记', '迁移摸底调查', '摸底填报', ...PUBLIC] },
  { username: 'auditor', home: '/audit', menu: ['待办中心', '项目总览', '期限与逾期', '工作台', '年度考核', '审计日志', '投递记录', '目录修订', '迁移登记', ...PUBLIC] },
  { username: 'admin', home: '/admin/orgs', menu: ['待办中心', '工作台', '组织机构', '节假日安排', '投递记录', ...PUBLIC] },
  { username: 'secadmin', home: '/admin/users', menu: ['待办中心', '工作台', '用户账号', ...PUBLIC] },
];

let t: E2EPlatform;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  t = await startE2EPlatform();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

describe('signing in', { timeout: 60_000 }, () => {
  it('shows only the public menu before sign-in, and the sign-in form has labelled fields', async () => {
    context = await newContext(browser, t.url);
    page = await context.newPage();
    await page.goto('/');
    await page.waitForURL('**/catalog');
    expect(await menuLabels(page)).toEqual(PUBLIC);
    await page.getByRole('button', { name: '登录' }).first().click();
    await page.waitForURL('**/signin');
    await expect.poll(() => page.getByLabel('用户名').isVisible()).toBe(true);
    await expect.poll(() => page.getByLabel('密码').isVisible()).toBe(true);
    await context.close();
  });

  it.each(ROLES)('$username lands on $home and sees its menu', async ({ username, home, menu }) => {
    context = await newContext(browser, t.url);
    page = await context.newPage();
    await signIn(page, username);
    await page.waitForURL(`**${home}`);
    expect(await menuLabels(page)).toEqual(menu);
    await context.close();
  });

  it.each([
    ['bdc', 'operator-entry', '/operator/requests'],
    ['auditor', 'audit-entry', '/audit'],
    ['admin', 'orgs-entry', '/admin/orgs'],
    ['secadmin', 'users-entry', '/admin/users'],
  ])("%s's workbench leads to its console", async (username, entry, target) => {
    context = await newContext(browser, t.url);
    page = await context.newPage();
    await signIn(page, username);
    await page.getByTestId('main-menu').getByText('工作台', { exact: true }).click();
    await page.waitForURL('**/workbench');
    await page.getByTestId(entry).click();
    await page.waitForURL(`**${target}`);
    await context.close();
  });

  it('says so when the password is wrong, and how many seconds to wait after repeated failures', async () => {
    context = await newContext(browser, t.url);
    page = await context.newPage();
    await page.goto('/signin');
    for (let i = 0; i < 6; i++) {
      await page.getByLabel('用户名').fill('dept2');
      await page.getByLabel('密码').fill('wrong-password');
      await page.getByLabel('密码').press('Enter');
      await page.getByTestId('signin-error').waitFor();
      if (i === 0) await expect.poll(() => page.getByTestId('signin-error').innerText()).toBe('用户名或密码错误');
    }
    await expect.poll(() => page.getByTestId('signin-error').innerText()).toMatch(/^登录失败次数过多，请 \d+ 秒后再试$/);
    await context.close();
  });

  it('goes back to the sign-in page with the reason when the session has ended, then returns', async () => {
    context = await newContext(browser, t.url);
    page = await context.newPage();
    await signIn(page, 'dept');
    await page.waitForURL('**/portal/projects');
    await page.getByText('还没有项目。').waitFor(); // the page has loaded what it needs
    // end the session on the server, as an idle timeout or a sign-out elsewhere would
    const token = await page.evaluate('JSON.parse(sessionStorage.getItem("zy.session")).token') as string;
    const res = await fetch(`${t.url}/api/auth/logout`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBeLessThan(300);
    await page.getByRole('link', { name: '期限提醒' }).click();
    await page.waitForURL('**/signin');
    await expect.poll(() => page.getByTestId('signin-reason').innerText()).toContain('请先登录');
    await page.getByLabel('用户名').fill('dept');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByLabel('密码').press('Enter');
    await page.waitForURL('**/portal/deadlines');
    await context.close();
  });
});
