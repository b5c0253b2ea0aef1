// The main journey in the browser: a department drafts a project in the wizard (seeing a live violation appear
// next to its line and disappear when fixed) and submits it; GIA reviews it on the five Art. 8 dimensions;
// Finance approves the budget; GIA opens the public notice; after the notice period GIA establishes it; the
// department sees its entitlement.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newContext } from './support/browser.js';
import { addDays, startE2EPlatform, type E2EPlatform } from './support/platform.js';
import { confirmDecision, fillReview, PDF, pickOption, signIn } from './support/ui.js';
import { keepScreenshot } from './support/artifacts.js';

let t: E2EPlatform;
let browser: Browser;
let projectId = '';
let projectCode = '';

beforeAll(async () => {
  browser = await launchBrowser();
  t = await startE2EPlatform();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

async function as(username: string): Promise<Page> {
  const page = await (await newContext(browser, t.url)).newPage();
  await signIn(page, username);
  return page;
}

describe('request → review → budget → notice → establish', { timeout: 60_000 }, () => {
  it('the department drafts the project in the wizard with live validation, and submits it', async () => {
    const page = await as('dept');
    await page.getByRole('link', { name: '新建项目申报' }).click();
    await page.waitForURL('**/portal/projects/new');

    // 1. basics
    await page.getByLabel('项目名称').fill('智慧教育学籍管理系统升级');
    await page.getByLabel('项目总预算（元）').fill('800000');
    await page.getByLabel('项目概述').fill('升级学籍管理系统，依托数据共享交换平台共享学籍数据。');
    await page.getByLabel('建设内容').fill('学籍管理模块\n招生报名模块');
    await page.getByTestId('wizard-next').click();
    await page.waitForURL(/\/portal\/projects\/[0-9a-f-]+\/edit\?step=1/);
    projectId = /projects\/([0-9a-f-]+)\/edit/.exec(page.url())![1]!;

    // 2. documents: a proposal PDF
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('upload-PROPOSAL').click();
    await (await chooser).setFiles({ name: '项目建议书.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByTestId('document-list').getByText('项目建议书.pdf').waitFor();
    await page.getByTestId('wizard-next').click();
    await page.waitForURL(/step=2/);

    // 3. information resource catalog: one needed, one produced
    await page.getByTestId('add-needed').click();
    const needed = page.getByTestId('resource-1');
    await needed.getByLabel('资源名称').fill('人口基础信息');
    await needed.getByLabel('来源').fill('市大数据中心人口库');
    await needed.getByLabel('格式').fill('API');
    await needed.getByLabel('更新频率').fill('实时');
    // the row's field errors go once live validation has read it; the button below stops moving then
    await expect.poll(() => page.locator('[data-testid="resource-1"].has-error').count()).toBe(0);
    await page.getByTestId('add-produced').click();
    const produced = page.getByTestId('resource-2');
    await produced.getByLabel('资源名称').fill('学校名录');
    await produced.getByLabel('来源').fill('本系统');
    await produced.getByLabel('格式').fill('CSV');
    await produced.getByLabel('更新频率').fill('每月');
    await expect.poll(() => page.getByTestId('resource-catalog-violations').count()).toBe(0);
    await page.getByTestId('wizard-next').click();
    await page.waitForURL(/step=3/);

    // 4. resource lines: a quantity above the plan's maximum shows next to line 1, and goes when fixed
    await page.getByTestId('add-line').click();
    const line1 = page.getByTestId('line-1');
    await pickOption(page, line1.getByLabel('服务规格'), 'vm-general-4c8g');
    await line1.getByLabel('数量').fill('500');
    await line1.getByLabel('用途').fill('应用服务器');
    await expect.poll(() => line1.innerText()).toContain('超过单个项目上限 100');
    expect(await line1.getAttribute('data-invalid')).toBe('true');
    expect(await page.getByTestId('cost-summary').innerText()).toContain('¥1,800,000');
    expect(await page.getByTestId('cost-summary').innerText()).toContain('超过项目总预算');
    await line1.getByLabel('数量').fill('4');
    await expect.poll(() => line1.innerText()).not.toContain('超过单个项目上限');
    expect(await line1.getAttribute('data-invalid')).toBe('false');
    expect(await page.getByTestId('cost-summary').innerText()).not.toContain('超过项目总预算');
    expect(await page.getByTestId('cost-summary').innerText()).toContain('¥14,400');

    await page.getByTestId('add-line').click();
    const line2 = page.getByTestId('line-2');
    await pickOption(page, line2.getByLabel('服务规格'), 'rds-postgresql-ha-4c16g');
    await line2.getByLabel('数量').fill('1');
    await line2.getByLabel('用途').fill('业务数据库');
    await expect.poll(() => line2.getAttribute('data-invalid')).toBe('false');
    await page.getByTestId('wizard-next').click();
    await page.waitForURL(/step=4/);

    // 5. check and submit
    await page.getByTestId('all-rules-met').waitFor();
    await page.getByTestId('submit-project').click();
    await page.waitForURL(`**/portal/projects/${projectId}`);
    await page.getByText('政务信息管理局审核中').first().waitFor();
    projectCode = (await page.getByTestId('project-overview').innerText()).match(/\d{4}-EDU-\d{3}/)![0];
    await page.context().close();
  });

  it('GIA finds it in the queue and reviews it on the five dimensions', async () => {
    const page = await as('gia');
    await page.waitForURL('**/review/queue');
    // found by its organisation through the queue's search, which the address keeps
    await page.getByTestId('queue-search').locator('input').fill('教育局');
    await page.getByTestId('queue-search').locator('input').press('Enter');
    await page.waitForURL(/q=/);
    expect(decodeURIComponent(page.url())).toContain('q=教育局');
    await page.getByTestId('queue-table').getByRole('link', { name: '智慧教育学籍管理系统升级' }).click();
    await page.waitForURL(`**/review/projects/${projectId}?**`);
    await page.getByTestId('review-action').waitFor();
    await fillReview(page, '同意，转财政预算评审。');
    await keepScreenshot(page, 'review');
    await page.getByTestId('review-approve').click();
    await confirmDecision(page, '项目将转市财政局进行预算评审');
    // the state in the page title, once the decision is stored (the progress line names every stage all along)
    await expect.poll(() => page.locator('.zy-page-title h3 .ant-tag').innerText()).toBe('财政预算评审中');
    await page.context().close();
  });

  it('Finance approves the budget with an amount', async () => {
    const page = await as('finance');
    await page.waitForURL('**/review/queue');
    await page.getByTestId('queue-table').getByRole('link', { name: '智慧教育学籍管理系统升级' }).click();
    await page.getByLabel('核定金额（元）').fill('750000');
    await page.getByLabel('评审意见').fill('核减5万元');
    await page.getByTestId('budget-approve').click();
    await confirmDecision(page, '核定金额');
    // the state in the page title, once the decision is stored (the progress line names every stage all along)
    await expect.poll(() => page.locator('.zy-page-title h3 .ant-tag').innerText()).toBe('预算已核定');
    await page.context().close();
  });

  it('GIA opens the public notice, which the public can read', async () => {
    const page = await as('gia');
    await page.goto('/review/queue?stage=BUDGET_APPROVED');
    await page.getByTestId('queue-table').getByRole('link', { name: '智慧教育学籍管理系统升级' }).click();
    // Enter in the start date publishes nothing: only the button asks, and then the dialog confirms
    await page.getByTestId('notice-start').press('Enter');
    expect(await page.getByTestId('confirm-summary').count()).toBe(0);
    expect(await page.getByText('公示中').count()).toBe(0);
    await page.getByTestId('notice-open').click();
    await confirmDecision(page, '资金分配公示将于');
    // the state in the page title, once the decision is stored (the progress line names every stage all along)
    await expect.poll(() => page.locator('.zy-page-title h3 .ant-tag').innerText()).toBe('公示中');
    await page.context().close();

    const pub = await (await newContext(browser, t.url)).newPage();
    await pub.goto('/notices');
    const notice = pub.getByTestId(`notice-${projectCode}`);
    await notice.waitFor();
    expect(await notice.innerText()).toContain('¥750,000');
    await pub.context().close();
  });

  it('after the notice period GIA establishes it, and the department sees its entitlement', async () => {
    t.setToday(addDays(t.today(), 8));
    const page = await as('gia');
    await page.goto(`/review/projects/${projectId}`);
    await page.getByLabel('立项文号（选填）').fill('运审批信发〔2026〕12号');
    await page.getByTestId('establish').click();
    await confirmDecision(page, '项目将');
    // the state in the page title, once the decision is stored (the progress line names every stage all along)
    await expect.poll(() => page.locator('.zy-page-title h3 .ant-tag').innerText()).toBe('已立项');
    await page.context().close();

    const dept = await as('dept');
    await dept.goto(`/portal/projects/${projectId}`);
    await dept.getByText('已立项').first().waitFor();
    await dept.getByRole('tab', { name: '云资源' }).click();
    const ent = dept.getByTestId('entitlement-table');
    await ent.waitFor();
    expect(await ent.innerText()).toContain('vm-general-4c8g');
    await dept.context().close();
  });
});
