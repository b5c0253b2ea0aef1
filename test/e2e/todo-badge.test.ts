// The to-do badge, live: a GIA reviewer has the console open; a department submits a project in its own browser;
// the reviewer's header counts one more item to do and one more unread notification without the page being
// reloaded (server-sent events). The reviewer opens the to-do centre, then the notification, and each leads to
// the project's review page; the notification is read afterwards and the bell counts it no more.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { validDraft } from '../support/project-factories.js';
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
});
