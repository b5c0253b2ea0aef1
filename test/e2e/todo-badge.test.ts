// The to-do badge, live: a GIA reviewer has the console open; a department submits a project in its own browser;
// the reviewer's header counts one more item to do and one more unread notification without the page being
// reloaded (server-sent events). The reviewer opens the to-do centre, then the notification, and each leads to
// the project's review page; the notification is read afterwards and the bell counts it no more. A department
// reads a return in its inbox and to-do centre; the reviewer's 已办 lists the decision; signing out ends the stream.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { projectIn, validDraft } from '../support/project-factories.js';
import { useBrowserScene } from './support/scene.js';
import { keepScreenshot } from './support/artifacts.js';

const scene = useBrowserScene();

/** A header badge's count as the page shows it (set once the stream has sent its first counts). */
async function badge(page: Page, testId: 'todo-badge' | 'inbox-badge'): Promise<number> {
  const el = page.getByTestId(testId);
  await expect.poll(() => el.getAttribute('data-count'), { timeout: 15_000 }).not.toBeNull();
  return Number(await el.getAttribute('data-count'));
}

describe('the to-do badge', { timeout: 120_000 }, () => {
  it('rises on the reviewer’s page when a department submits, and leads to the project’s review', async () => {
    const name = '智慧停车诱导系统建设';
    const draft = await validDraft(scene.api, { overrides: { name } });

    const gia = await scene.as('gia');
    await gia.waitForURL('**/review/queue');
    const todoBefore = await badge(gia, 'todo-badge');
    const unreadBefore = await badge(gia, 'inbox-badge');
    expect(await gia.getByTestId('todo-badge').innerText()).toContain('待办');
    // a mark in the page's memory: a reload would wipe it
    await gia.evaluate('window.__stillTheSamePage = true');

    // the department submits in its own browser
    const dept = await scene.as('dept');
    await dept.goto(`/portal/projects/${draft.id}/edit?step=4`);
    await dept.getByTestId('all-rules-met').waitFor();
    await dept.getByTestId('submit-project').click();
    await dept.waitForURL(`**/portal/projects/${draft.id}`);
    await dept.getByText('政务信息管理局审核中').first().waitFor();
    await dept.context().close();

    // the reviewer's header follows, without a reload
    await expect.poll(() => badge(gia, 'todo-badge'), { timeout: 15_000 }).toBe(todoBefore + 1);
    await expect.poll(() => badge(gia, 'inbox-badge'), { timeout: 15_000 }).toBe(unreadBefore + 1);
    expect(await gia.evaluate('window.__stillTheSamePage')).toBe(true);
    expect(await gia.getByTestId('todo-badge').getAttribute('aria-label')).toBe(`待办: ${todoBefore + 1} 项待办`);
    await keepScreenshot(gia, 'todo-badge');

    // the to-do centre lists it, one click from its review
    await gia.getByTestId('todo-badge').click();
    await gia.waitForURL('**/todo');
    await gia.getByRole('heading', { name: '待办中心' }).waitFor();
    expect(await gia.getByRole('tab', { name: `待办（${todoBefore + 1}）` }).count()).toBe(1);
    const row = gia.getByTestId('todo-row').filter({ hasText: name });
    await row.waitFor();
    const text = await row.innerText();
    // kind, object, what is to be done, unit, stage, deadline (none while in review), article
    for (const shown of ['项目审批', name, '项目审核', '运城市教育局', '政务信息管理局审核中', '无期限', '第八条']) expect(text).toContain(shown);
    await keepScreenshot(gia, 'todo-centre');
    await row.click();
    await gia.waitForURL(`**/review/projects/${draft.id}**`);
    await gia.getByTestId('review-action').waitFor();

    // the notification: in the bell, read on opening, and it leads to the same page
    await gia.getByTestId('inbox-badge').click();
    const latest = gia.getByTestId('inbox-latest-item').filter({ hasText: name });
    await latest.waitFor();
    expect(await latest.innerText()).toContain(`项目「${name}」已进入「政务信息管理局审核中」，待您处理`);
    await latest.click();
    await gia.waitForURL(`**/review/projects/${draft.id}**`);
    await gia.getByTestId('review-action').waitFor();
    await expect.poll(() => badge(gia, 'inbox-badge'), { timeout: 15_000 }).toBe(unreadBefore);

    // the inbox shows it read
    await gia.goto('/notifications?show=all');
    await gia.getByRole('heading', { name: '站内信' }).waitFor();
    const read = gia.getByTestId('inbox-row').filter({ hasText: name });
    await read.waitFor();
    expect(await read.innerText()).toContain('已读');
    expect(await read.innerText()).toContain('项目待我处理');
    await gia.context().close();
  });

  it('tells the department of a return in its inbox and to-do centre, and lists the decision in the reviewer’s 已办', async () => {
    const name = '食品安全追溯平台';
    const p = await projectIn(scene.api, 'RETURNED', { overrides: { name } });

    const dept = await scene.as('dept');
    expect(await badge(dept, 'todo-badge')).toBeGreaterThan(0);
    expect(await badge(dept, 'inbox-badge')).toBeGreaterThan(0);

    // the to-do centre, filtered to the returned projects, then searched
    await dept.getByTestId('todo-badge').click();
    await dept.waitForURL('**/todo');
    await dept.getByLabel('按类型筛选').click();
    await dept.locator('.ant-select-item-option').filter({ hasText: /^退回修改（\d+）$/ }).click();
    await dept.waitForURL(/kind=projectReturned/);
    const row = dept.getByTestId('todo-row').filter({ hasText: name });
    await row.waitFor();
    for (const shown of ['退回修改', name, '按退回意见修改后重新提交', '运城市教育局', '已退回修改', '第六条']) expect(await row.innerText()).toContain(shown);
    await dept.getByTestId('todo-search').locator('input').fill('没有这个项目');
    await dept.getByTestId('todo-search').locator('input').press('Enter');
    await dept.getByText('没有符合条件的待办事项。').waitFor();

    // the inbox: the return with its reason, unread, then everything marked read
    await dept.getByTestId('inbox-badge').click();
    // the latest unread load into the popover and push its link down: click it once they are shown, not mid-shift
    await dept.getByTestId('inbox-latest-item').filter({ hasText: name }).waitFor();
    await dept.getByTestId('inbox-all').click();
    await dept.waitForURL('**/notifications');
    const message = dept.getByTestId('inbox-row').filter({ hasText: name });
    await message.waitFor();
    expect(await message.innerText()).toContain(`项目「${name}」被退回修改：补充材料`);
    expect(await message.innerText()).toContain('未读');
    await dept.getByTestId('inbox-read-all').click();
    await dept.getByText(/已将 \d+ 条站内信标为已读。/).waitFor();
    await dept.getByText('没有未读站内信。').waitFor();
    await expect.poll(() => badge(dept, 'inbox-badge'), { timeout: 15_000 }).toBe(0);
    await dept.context().close();

    // the reviewer's 已办: the decision, one click from the project
    const gia = await scene.as('gia');
    await gia.goto('/todo?tab=done');
    const done = gia.getByTestId('done-table').locator('tr').filter({ hasText: name }).first();
    await done.waitFor();
    expect(await done.innerText()).toContain('项目审核');
    await keepScreenshot(gia, 'todo-done');
    await done.getByRole('link', { name }).click();
    await gia.waitForURL(`**/review/projects/${p.id}**`);

    // signing out takes the badges away (and closes the stream: test/api/notifications.test.ts ends a signed-out one)
    await gia.getByTestId('current-user').click();
    await gia.getByRole('menuitem', { name: '退出登录' }).click();
    await gia.waitForURL('**/catalog');
    await expect.poll(() => gia.getByTestId('todo-badge').count()).toBe(0);
    await gia.context().close();
  });
});
