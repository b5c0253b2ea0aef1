// The operator console in the browser: the established project is listed with its entitlement; the operator reads
// an approved request's desired-state preview (objects and YAML) and what provisioning would change, and
// deprovisions provisioned resources after typing the request code. Reviewing, provisioning and watching the job
// are the operator's day (role-days/operator.test.ts). Each test arranges its own project and request
// through the API factories (test/support/project-factories.ts, request-factories.ts) before driving the browser.
import { describe, expect, it } from 'vitest';
import { projectIn } from '../support/project-factories.js';
import { BASICS } from '../support/projects.js';
import { requestIn, type Req, type RequestFactoryState } from '../support/request-factories.js';
import { uniqueTag } from '../support/scene.js';
import { keepScreenshot } from './support/artifacts.js';
import { useBrowserScene } from './support/scene.js';

const scene = useBrowserScene();
const as = (username: string) => scene.as(username);

/**
 * Each test's own data, arranged through the API as the department, GIA, Finance and the sub-center would: an
 * established project of its own name and a request drawn on it, in `state`.
 */
async function arrange(state: RequestFactoryState): Promise<{ name: string; request: Req }> {
  const name = `${BASICS.name}·${uniqueTag()}`;
  const project = await projectIn(scene.api, 'ESTABLISHED', { overrides: { name } });
  return { name, request: await requestIn(scene.api, state, { project }) };
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
    await keepScreenshot(page, 'operator-projects');
    await cloud.getByRole('link', { name: requestCode }).click();
    await page.waitForURL(`**/operator/requests/${requestId}`);
    await page.context().close();
  });

  it('shows the desired-state preview and computes what provisioning would change', async () => {
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
