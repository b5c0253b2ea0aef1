// Notification channels in the browser: a department user opens 通知设置 from the user menu, turns a webhook event
// off and finds it kept after a reload; the system administrator finds a webhook call that failed in 投递记录, with
// its error, and sends it again once the receiver is back; and sets an organisation's webhook in 组织机构.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectIn } from '../support/project-factories.js';
import { expectOk, uniqueTag } from '../support/scene.js';
import { startWebhookPeer, type WebhookPeer } from '../support/webhook-peer.js';
import { useBrowserScene } from './support/scene.js';

const scene = useBrowserScene({ ZY_WEBHOOK_ALLOW_PRIVATE: 'true', ZY_DELIVERY_RETRY_LIMIT: '0', ZY_DELIVERY_RETRY_DELAY_SECONDS: '1' });
let peer: WebhookPeer;
beforeAll(async () => {
  peer = await startWebhookPeer();
});
afterAll(() => peer?.stop());

describe('notification settings and the delivery log', { timeout: 120_000 }, () => {
  it('a department user changes their own channels from the user menu', async () => {
    const dept = await scene.as('dept');
    await dept.getByTestId('current-user').click();
    await dept.getByTestId('user-menu-notifications').click();
    await dept.waitForURL('**/me/notifications');
    await expect.poll(() => dept.getByTestId('notification-settings').innerText()).toContain('平台未配置邮件服务器');
    expect(await dept.getByTestId('preferences-defaults').innerText()).toBe('当前为默认设置');
    const overdue = dept.getByTestId('webhook-DEADLINE_OVERDUE');
    expect(await overdue.getAttribute('aria-checked')).toBe('true');
    expect(await dept.getByTestId('webhook-PROJECT_RETURNED').getAttribute('aria-checked')).toBe('false');
    await overdue.click();
    await dept.getByTestId('preferences-save').click();
    await expect.poll(() => dept.getByText('通知设置已保存。').count()).toBe(1);
    await dept.reload();
    await expect.poll(() => dept.getByTestId('webhook-DEADLINE_OVERDUE').getAttribute('aria-checked')).toBe('false');
    expect(await dept.getByTestId('preferences-defaults').count()).toBe(0);
    await dept.context().close();
  });

  it('the administrator sees a failed webhook call with its error and sends it again', async () => {
    const gia = (await scene.api.call('GET', '/api/orgs', { as: 'admin', query: { q: '政务信息管理局' } })).body.items.find((o: { code: string }) => o.code === 'GIA');
    expectOk('webhook', await scene.api.call('PUT', `/api/orgs/${gia.id}/webhook`, { as: 'admin', body: { url: peer.url, enabled: true } }));
    peer.answer = { status: 503, delayMs: 0 };
    const name = `投递记录${uniqueTag()}`;
    await projectIn(scene.api, 'GIA_REVIEW', { overrides: { name } });

    const admin = await scene.as('admin');
    await admin.getByRole('menuitem', { name: '投递记录' }).click();
    await admin.waitForURL('**/admin/deliveries');
    const row = admin.locator('tr', { hasText: name });
    await expect.poll(async () => {
      await admin.reload();
      return row.getByTestId('delivery-state').innerText().catch(() => '');
    }, { timeout: 30_000 }).toBe('失败');
    expect(await row.getByTestId('delivery-error').innerText()).toBe('HTTP 503: relay unavailable');
    expect(await row.getByTestId('delivery-attempts').innerText()).toBe('1');

    peer.answer = { status: 200, delayMs: 0 };
    await row.getByRole('button', { name: '重新发送' }).click();
    await expect.poll(() => admin.getByText('已重新排队发送。').count()).toBe(1);
    await expect.poll(async () => {
      await admin.reload();
      return row.getByTestId('delivery-state').innerText().catch(() => '');
    }, { timeout: 30_000 }).toBe('已发送');
    expect(await row.getByRole('button', { name: '重新发送' }).count()).toBe(0);
    expect(peer.calls.filter((c) => c.body.object?.name === name)).toHaveLength(2);
    await admin.context().close();
  });

  it('the administrator sets an organisation’s webhook, copies the key shown once, and sends a test', async () => {
    const admin = await scene.as('admin');
    await admin.getByTestId('org-webhook-EDU').click();
    await admin.getByTestId('webhook-url').fill(peer.url);
    await admin.getByTestId('webhook-save').click();
    const secret = (await admin.getByTestId('webhook-secret').innerText()).trim();
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    peer.secret = secret;
    await admin.getByTestId('webhook-test').click();
    await expect.poll(() => admin.getByTestId('webhook-test-result').innerText()).toMatch(/^测试成功：接收端返回 200/);
    const test = peer.calls.at(-1)!;
    expect([test.headers['x-zhengyun-event'], test.signed]).toEqual(['TEST', true]);
    // opened again: the key is not shown any more
    await admin.keyboard.press('Escape');
    await admin.getByTestId('org-webhook-EDU').click();
    await expect.poll(() => admin.getByTestId('webhook-url').inputValue()).toBe(peer.url);
    expect(await admin.getByTestId('webhook-secret').count()).toBe(0);
    await admin.context().close();
  });
});
