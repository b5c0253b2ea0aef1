// Administration in the browser: the system administrator adds and deactivates an organisation; the security
// administrator unlocks a locked account, resets its password (the user signs in with the new one) and changes
// a role, offered only the roles that fit the account's organisation (separation of duties) and shown the refusal
// when the organisation changed under the page.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiClient } from './support/api.js';
import { newContext } from './support/browser.js';
import { useBrowserScene } from './support/scene.js';
import { signIn } from './support/ui.js';

const scene = useBrowserScene();

async function as(username: string, password?: string): Promise<Page> {
  const page = await (await newContext(scene.browser, scene.t.url)).newPage();
  await signIn(page, username, password);
  return page;
}

describe('administration', { timeout: 60_000 }, () => {
  it('the system administrator adds an organisation and deactivates it', async () => {
    const page = await as('admin');
    // the system administrator lands on the organisations
    await page.waitForURL('**/admin/orgs');
    await page.getByTestId('orgs-table').waitFor();
    await page.getByTestId('org-new').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('代码').fill('TEST_BUREAU');
    await dialog.getByLabel('名称', { exact: true }).fill('运城市测试局');
    await page.getByTestId('org-save').click();
    await expect.poll(() => page.getByTestId('orgs-table').innerText()).toContain('运城市测试局');

    await page.getByTestId('org-edit-TEST_BUREAU').click();
    await page.getByRole('dialog').getByRole('switch').click();
    await page.getByTestId('org-save').click();
    const row = page.getByTestId('orgs-table').getByRole('row').filter({ hasText: 'TEST_BUREAU' });
    await expect.poll(() => row.innerText()).toContain('停用');
    await page.context().close();
  });

  it('the security administrator unlocks an account, resets its password and changes a role', async () => {
    const { call } = apiClient(scene.t.url);
    // five failures, then a sixth attempt that has to wait: the account list shows until when
    for (let i = 0; i < 6; i++) await call('POST', '/api/auth/login', { body: { username: 'dept2', password: 'not-the-password' } });

    const page = await as('secadmin');
    // the security administrator lands on the accounts
    await page.waitForURL('**/admin/users');
    await page.getByTestId('users-table').waitFor();
    await page.getByTestId('locked-dept2').waitFor();
    await page.getByTestId('unlock-dept2').click();
    await expect.poll(() => page.getByTestId('locked-dept2').count()).toBe(0);

    await page.getByTestId('reset-dept2').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('新密码', { exact: true }).fill('Yuncheng#2026new');
    await dialog.getByLabel('确认新密码').fill('Yuncheng#2026new');
    await page.getByTestId('reset-save').click();
    await page.getByText('密码已重置').waitFor();

    // separation of duties: the county's account is offered the county user's role only; an administrator's none
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await page.getByTestId('role-county').click();
    await expect.poll(() => options.allInnerTexts()).toEqual(['县（市、区）用户']);
    await page.keyboard.press('Escape');
    const disabledSelect = (id: string) => page.locator(`.ant-select-disabled[data-testid="${id}"], .ant-select-disabled:has([data-testid="${id}"])`).count();
    expect(await disabledSelect('role-auditor')).toBe(1);
    expect(await disabledSelect('role-dept')).toBe(0);
    await page.context().close();
  });

  it('the security administrator moves a county department’s user to the county user’s role; a role that no longer fits is refused with its reason', async () => {
    const { call } = apiClient(scene.t.url);
    const org = await call('POST', '/api/orgs', { as: 'admin', body: { code: 'E2E_YH_DEPT', name: '盐湖区测试局', kind: 'DEPARTMENT', jurisdiction: 'YANHU' } });
    expect(org.status).toBe(201);
    expect((await call('POST', '/api/users', { as: 'admin', body: { username: 'yh.clerk', displayName: '县直部门办事员', role: 'DEPT_USER', orgId: org.body.id, password: 'Yuncheng#2026clerk' } })).status).toBe(201);
    const page = await as('secadmin');
    await page.getByTestId('users-table').waitFor();
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');

    // the organisation moves to the city while the page is open: a county user's role no longer fits it
    const moved = await call('PATCH', `/api/orgs/${org.body.id}`, { as: 'admin', body: { jurisdiction: 'CITY' }, ifMatch: '"v1"' });
    expect(moved.status).toBe(200);
    await page.getByTestId('role-yh.clerk').click();
    await options.getByText('县（市、区）用户', { exact: true }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.innerText()).toContain('职责分离：角色「县（市、区）用户」不能设在市直部门「盐湖区测试局」');
    expect(await alert.innerText()).toContain('角色：不适用于市直部门「盐湖区测试局」');
    await expect.poll(() => page.getByTestId('users-table').getByRole('row').filter({ hasText: 'yh.clerk' }).first().innerText()).toContain('市直部门用户');

    // back in its county, the change goes through
    expect((await call('PATCH', `/api/orgs/${org.body.id}`, { as: 'admin', body: { jurisdiction: 'YANHU' }, ifMatch: '"v2"' })).status).toBe(200);
    await page.reload();
    await page.getByTestId('users-table').waitFor();
    await page.getByTestId('role-yh.clerk').click();
    await options.getByText('县（市、区）用户', { exact: true }).click();
    await page.getByText('角色已更改').waitFor();
    // the table reads the account again from the server
    await expect.poll(() => page.getByTestId('users-table').getByRole('row').filter({ hasText: 'yh.clerk' }).first().innerText()).toContain('县（市、区）用户');
    await page.context().close();
  });

  it('the reset password works', async () => {
    const dept2 = await as('dept2', 'Yuncheng#2026new');
    await dept2.waitForURL('**/portal/projects');
    await dept2.context().close();
  });
});
