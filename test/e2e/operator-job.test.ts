// The operator follows a provisioning job on the request's page (issue 15, "the operator sees the job in the
// resources"). The platform runs no workers here: the test runs the job itself (test/support/provisioning-factories.ts,
// jobRig), holding it queued, then running, then letting it end, and checks what the page offers and says meanwhile:
// the log reads in Chinese line by line as it comes, nothing that would start another operation is offered, the
// resources say 正在开通… instead of "nothing delivered", and once the job ends the resources are there without a reload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { projectIn } from '../support/project-factories.js';
import { NO_WORKERS, jobRig, type JobRig } from '../support/provisioning-factories.js';
import { BASICS } from '../support/projects.js';
import { requestIn } from '../support/request-factories.js';
import { uniqueTag, type Api } from '../support/scene.js';
import { apiClient } from './support/api.js';
import { launchBrowser } from './support/browser.js';
import { startE2EPlatform, type E2EPlatform } from './support/platform.js';
import { signedInPage } from './support/ui.js';
import { keepScreenshot } from './support/artifacts.js';

let t: E2EPlatform;
let browser: Browser;
let api: Api;
let rig: JobRig;

beforeAll(async () => {
  browser = await launchBrowser();
  t = await startE2EPlatform(NO_WORKERS);
  api = { call: apiClient(t.url).call, today: () => t.today(), setToday: (d) => t.setToday(d) };
  rig = jobRig(t);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

/** an English word: two ASCII letters or more */
const ENGLISH_WORD = /[A-Za-z]{2,}/;

describe('the operator follows a provisioning job', { timeout: 120_000 }, () => {
  it('reads its log in Chinese as it comes, is offered nothing else meanwhile, and sees the resources appear without a reload', async () => {
    const project = await projectIn(api, 'ESTABLISHED', { overrides: { name: `${BASICS.name}·${uniqueTag()}` } });
    const request = await requestIn(api, 'APPROVED', { project });
    const page = await signedInPage(browser, t.url, 'bdc');
    await page.goto(`/operator/requests/${request.id}`);
    await page.getByTestId('request-status').getByText('已批准待开通').waitFor();
    await page.getByTestId('preview-compute').waitFor();
    expect(await page.getByTestId('project-resources').innerText()).toContain('尚未交付资源');
    // the page stays the same document throughout: no reload
    await page.evaluate(() => ((globalThis as unknown as { zyMarker: number }).zyMarker = 1));

    await page.getByTestId('provision').click();
    await page.getByTestId('provision-confirm').click();
    await page.waitForURL(/\?job=/);
    const jobId = new URL(page.url()).searchParams.get('job')!;

    // queued: the log says so in Chinese, nothing else can be started, the resources say what is under way
    const log = page.getByTestId('job-log');
    await log.getByText('已排队（开通）').waitFor();
    await page.getByTestId('job-state').getByText('排队中').waitFor();
    const underWay = page.getByTestId('resources-under-way');
    await underWay.getByText('正在开通…').waitFor();
    expect(await page.getByTestId('project-resources').innerText()).not.toContain('尚未交付资源');
    for (const action of ['provision', 'deprovision', 'preview-compute', 'drift-check', 'repair']) expect(await page.getByTestId(action).count(), action).toBe(0);
    await page.getByTestId('job-running-hint').waitFor();

    // running: the worker holds the job until the test lets it go
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const inside = new Promise<void>((r) => (started = r));
    rig.inside.set(jobId, async () => {
      started();
      await held;
    });
    const ran = rig.worker.handle({ jobId });
    await inside;
    await log.getByText('开始执行（第 1 次）').waitFor();
    await underWay.getByText('最新进展：开始执行（第 1 次）').waitFor();
    for (const action of ['provision', 'deprovision', 'preview-compute']) expect(await page.getByTestId(action).count(), action).toBe(0);
    await keepScreenshot(page, 'operator-job-running');

    // the job ends: the request is provisioned, the resources are there, on the same page
    release();
    await ran;
    await page.getByTestId('job-state').getByText('成功').waitFor({ timeout: 30_000 });
    await page.getByTestId('request-status').getByText('已开通').waitFor();
    const resources = page.getByTestId('project-resources');
    await expect.poll(() => resources.innerText(), { timeout: 15_000 }).toContain('VirtualMachine');
    expect(await resources.innerText()).toContain('已生成清单，待运维人员应用');
    expect(await page.getByTestId('tenant-state').innerText()).toBe('创建中');
    expect(await underWay.count()).toBe(0);
    await page.getByTestId('deprovision').waitFor();
    await page.getByTestId('preview-compute').waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as { zyMarker?: number }).zyMarker)).toBe(1);

    // every line of the log in Chinese: its text, with no English word (this driver adds no engine output)
    const lines = await log.locator('[data-code]').allInnerTexts();
    expect(lines.length).toBeGreaterThanOrEqual(5);
    for (const line of lines) expect(line, line).not.toMatch(ENGLISH_WORD);
    expect(lines.join('\n')).toContain('已写入');
    expect(lines.at(-1)).toContain('完成');
    await keepScreenshot(page, 'operator-job-done');
    await page.context().close();
  });
});
