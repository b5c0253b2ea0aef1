// The operator console in the browser: the established project is listed with its entitlement; a department's
// resource request reaches the sub-center's queue; the operator approves it, reads the desired-state preview
// (objects and YAML), provisions it and watches the job's log stream in until 成功, sees the project's resources,
// and finally deprovisions them after typing the request code. Each test arranges its own project and request
// through the API factories (test/support/project-factories.ts, request-factories.ts) before driving the browser.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { projectIn } from '../support/project-factories.js';
import { BASICS } from '../support/projects.js';
import { requestIn, type Req, type RequestFactoryState } from '../support/request-factories.js';
import { uniqueTag, type Api } from '../support/scene.js';
import { apiClient } from './support/api.js';
import { launchBrowser, newContext } from './support/browser.js';
import { startE2EPlatform, type E2EPlatform } from './support/platform.js';
import { signIn } from './support/ui.js';

let t: E2EPlatform;
let browser: Browser;
let api: Api;

beforeAll(async () => {
  browser = await launchBrowser();
  t = await startE2EPlatform();
  api = { call: apiClient(t.url).call, today: () => t.today(), setToday: (d) => t.setToday(d) };
}, 240_000);
beforeEach(() => t?.setToday(null));

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

/**
 * Each test's own data, arranged through the API as the department, GIA, Finance and the sub-center would: an
 * established project of its own name and a request drawn on it, in `state`.
 */
async function arrange(state: RequestFactoryState): Promise<{ name: string; request: Req }> {
  const name = `${BASICS.name}·${uniqueTag()}`;
  const project = await projectIn(api, 'ESTABLISHED', { overrides: { name } });
  return { name, request: await requestIn(api, state, { project }) };
}

async function as(username: string): Promise<Page> {
  const page = await (await newContext(browser, t.url)).newPage();
  await signIn(page, username);
  return page;
}

describe('operator console', { timeout: 90_000 }, () => {
  it('lists the established project with its entitlement and the request drawn on it', async () => {
    const { name, request } = await arrange('SUBMITTED');
    const { id: requestId, code: requestCode } = request;
    const page = await as('bdc');
    await page.getByTestId('main-menu').getByText('已立项项目').click();
    await page.waitForURL('**/operator/projects');
    const list = page.getByTestId('operator-projects');
    await list.getByText(name).waitFor();
    const row = list.locator('tr.ant-table-row', { hasText: name });
    expect(await row.innerText()).toContain('运城市教育局');
    await row.locator('.ant-table-row-expand-icon').click();
    const cloud = page.getByTestId('project-cloud');
    await cloud.getByTestId('entitlement-table').getByText('vm-general-4c8g').waitFor();
    await page.screenshot({ path: '/tmp/zy-e2e-operator-projects.png', fullPage: true });
    await cloud.getByRole('link', { name: requestCode }).click();
    await page.waitForURL(`**/operator/requests/${requestId}`);
    await page.context().close();
  });

  it('the operator finds the request in the queue and approves it after technical review', async () => {
    const { request } = await arrange('SUBMITTED');
    const { id: requestId, code: requestCode } = request;
    const page = await as('bdc');
    // the sub-center lands on its request queue
    await page.waitForURL('**/operator/requests');
    const queue = page.getByTestId('operator-queue');
    await queue.getByRole('link', { name: requestCode }).click();
    await page.waitForURL(`**/operator/requests/${requestId}`);
    expect(await page.getByTestId('request-overview').innerText()).toContain('vm-general-4c8g × 2');
    await page.getByTestId('request-status').getByText('待审核').waitFor();

    // returning needs a note: the page says so instead of calling the server
    await page.getByTestId('request-return').click();
    await page.getByText('退回时请填写审核意见。').waitFor();

    await page.getByLabel('审核意见（退回时必填）').fill('容量充足，同意。');
    await page.getByTestId('request-approve').click();
    await page.getByTestId('request-status').getByText('已批准待开通').waitFor();
    await page.context().close();
  });

  it('shows the desired-state preview, provisions, and the job reaches 成功', async () => {
    const { request } = await arrange('APPROVED');
    const { id: requestId, code: requestCode } = request;
    const page = await as('bdc');
    await page.goto('/operator/requests?tab=approved');
    await page.getByTestId('operator-queue').getByRole('link', { name: requestCode }).click();
    await page.waitForURL(`**/operator/requests/${requestId}`);

    // the preview: objects by kind and name, and the same as YAML in a read-only block
    const objects = page.getByTestId('preview-objects');
    await objects.waitFor();
    const table = await objects.innerText();
    expect(table).toContain('Namespace');
    expect(table).toContain('VirtualMachine');
    await page.getByTestId('preview').getByRole('tab', { name: 'YAML' }).click();
    const yaml = page.getByTestId('preview-yaml');
    await yaml.waitFor();
    expect(await yaml.innerText()).toContain('kind: Namespace');
    expect(await yaml.getAttribute('aria-readonly')).toBe('true');

    // what provisioning would change: computed by a preview job in the worker, on request, then shown per object
    const preview = page.getByTestId('preview');
    await preview.getByTestId('preview-not-computed').waitFor();
    await preview.getByTestId('preview-compute').click();
    await preview.getByTestId('job-state').getByText('成功').waitFor({ timeout: 60_000 });
    await preview.getByRole('tab', { name: /类型/ }).click();
    await expect.poll(() => objects.innerText(), { timeout: 15_000 }).toContain('新建');
    expect(await preview.getByTestId('preview-not-computed').count()).toBe(0);
    await page.reload(); // one job on the page at a time from here
    await objects.waitFor();

    const keys: (string | undefined)[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith(`/api/resource-requests/${requestId}/provision`)) keys.push(r.headers()['idempotency-key']);
    });
    const streams: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/jobs/') && r.url().endsWith('/events')) streams.push(r.headers()['authorization'] ?? '');
    });
    await page.getByTestId('provision').click();
    await page.getByTestId('provision-confirm').click();
    await page.waitForURL(/\?job=/);
    await page.getByTestId('job-progress').waitFor();
    await page.getByTestId('job-state').getByText('成功').waitFor({ timeout: 60_000 });
    await page.getByTestId('request-status').getByText('已开通').waitFor();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^ui-[A-Za-z0-9._:-]{8,}$/);
    expect(await page.getByTestId('job-log').innerText()).toContain('完成');
    // the log came as server-sent events, carrying the session's bearer token
    expect(streams.length).toBeGreaterThanOrEqual(1);
    expect(streams[0]).toMatch(/^Bearer /);
    expect(await page.getByTestId('job-progress').getAttribute('data-stream')).toBe('ended');

    // the project's resources, with their state
    const resources = page.getByTestId('project-resources');
    await expect.poll(() => resources.innerText(), { timeout: 15_000 }).toContain('VirtualMachine');
    await page.screenshot({ path: '/tmp/zy-e2e-operator.png', fullPage: true });
    await page.context().close();
  });

  it('reads in English too', async () => {
    const { request } = await arrange('PROVISIONED');
    const { id: requestId, code: requestCode } = request;
    const page = await as('bdc');
    await page.goto(`/operator/requests/${requestId}`);
    await page.getByTestId('request-status').waitFor();
    await page.getByText('English', { exact: true }).click();
    await page.getByText('Resource request').first().waitFor();
    await page.getByTestId('request-status').getByText('Provisioned').waitFor();
    await page.context().close();
  });

  it('deprovisions only after the request code is typed, and the request ends 已回收', async () => {
    const { request } = await arrange('PROVISIONED');
    const { id: requestId, code: requestCode } = request;
    const page = await as('bdc');
    await page.goto(`/operator/requests/${requestId}`);
    const start = page.getByTestId('deprovision-start');
    await start.waitFor();
    expect(await start.isDisabled()).toBe(true);
    await page.getByLabel('申请编号（确认回收）').fill('RR-WRONG');
    expect(await start.isDisabled()).toBe(true);
    await page.getByLabel('申请编号（确认回收）').fill(requestCode);
    await start.click();
    await page.waitForURL(/\?job=/);
    await page.getByTestId('job-progress').getByText('回收任务').waitFor();
    await page.getByTestId('job-state').getByText('成功').waitFor({ timeout: 60_000 });
    await page.getByTestId('request-status').getByText('已回收').waitFor();
    await expect.poll(() => page.getByTestId('project-resources').innerText(), { timeout: 15_000 }).toContain('已回收');
    await page.context().close();
  });
});
