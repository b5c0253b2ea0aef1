// The sub-center operator's day in the browser: a department's resource request waits in the queue; the operator
// reviews it (a return needs a note), approves it, provisions it after confirming, watches the job's log stream in
// until 成功, and sees the namespace, the VMs and the database appear in the project's resources without
// reloading the page.
import { describe, expect, it } from 'vitest';
import { projectIn } from '../../support/project-factories.js';
import { BASICS } from '../../support/projects.js';
import { requestIn } from '../../support/request-factories.js';
import { uniqueTag } from '../../support/scene.js';
import { keepScreenshot } from '../support/artifacts.js';
import { useBrowserScene } from '../support/scene.js';

const scene = useBrowserScene();

describe("the operator's day", { timeout: 120_000 }, () => {
  it('reviews a request, provisions it, follows the job, and sees the resources appear without a reload', async () => {
    const project = await projectIn(scene.api, 'ESTABLISHED', { overrides: { name: `${BASICS.name}·${uniqueTag()}` } });
    const { id: requestId, code: requestCode } = await requestIn(scene.api, 'SUBMITTED', { project });

    const page = await scene.as('bdc');
    // the sub-center lands on its request queue
    await page.waitForURL('**/operator/requests');
    await page.getByTestId('operator-queue').getByRole('link', { name: requestCode }).click();
    await page.waitForURL(`**/operator/requests/${requestId}`);
    expect(await page.getByTestId('request-overview').innerText()).toContain('vm-general-4c8g × 2');
    await page.getByTestId('request-status').getByText('待审核').waitFor();
    // nothing provisioned yet
    await expect.poll(() => page.getByTestId('project-resources').innerText()).toContain('尚未交付资源');
    await keepScreenshot(page, 'operator-day-1-request');

    // returning needs a note: the page says so instead of calling the server
    await page.getByTestId('request-return').click();
    await page.getByText('退回时请填写审核意见。').waitFor();
    await page.getByLabel('审核意见（退回时必填）').fill('容量充足，同意。');
    await page.getByTestId('request-approve').click();
    await page.getByTestId('request-status').getByText('已批准待开通').waitFor();

    const keys: (string | undefined)[] = [];
    const streams: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith(`/api/resource-requests/${requestId}/provision`)) keys.push(r.headers()['idempotency-key']);
      if (r.url().includes('/api/jobs/') && r.url().endsWith('/events')) streams.push(r.headers()['authorization'] ?? '');
    });
    // a mark on the page's window, which a reload would wipe
    await page.evaluate(() => Object.assign(globalThis, { zyNoReload: true }));
    await page.getByTestId('provision').click();
    await page.getByTestId('provision-confirm').click();
    await page.waitForURL(/\?job=/);

    // the job's log streams in while it runs, then it ends 成功 and the request 已开通
    await page.getByTestId('job-progress').waitFor();
    await expect.poll(() => page.getByTestId('job-log').innerText(), { timeout: 30_000 }).not.toBe('');
    await page.getByTestId('job-state').getByText('成功').waitFor({ timeout: 60_000 });
    await page.getByTestId('request-status').getByText('已开通').waitFor();
    expect(await page.getByTestId('job-log').innerText()).toContain('完成');
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^ui-[A-Za-z0-9._:-]{8,}$/);
    // the log came as server-sent events, carrying the session's bearer token
    expect(streams.length).toBeGreaterThanOrEqual(1);
    expect(streams[0]).toMatch(/^Bearer /);
    expect(await page.getByTestId('job-progress').getAttribute('data-stream')).toBe('ended');

    // the project's resources fill in on the same page: the tenant namespace, two VMs, the database cluster
    const resources = page.getByTestId('project-resources');
    // the first table is what is provisioned, the second the entitlement
    const kinds = async () => (await resources.locator('.ant-table').first().locator('tbody tr.ant-table-row td:first-child').allInnerTexts()).map((s) => s.trim()).sort();
    await expect.poll(kinds, { timeout: 15_000 }).toEqual(['Cluster', 'Namespace', 'VirtualMachine', 'VirtualMachine']);
    expect(await resources.innerText()).toContain('rds-postgresql-ha-4c16g');
    expect(await page.evaluate(() => (globalThis as { zyNoReload?: boolean }).zyNoReload)).toBe(true);
    await keepScreenshot(page, 'operator-day-2-provisioned');
    await page.context().close();
  });
});
