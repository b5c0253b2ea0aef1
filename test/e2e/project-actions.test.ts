// The project actions after the notice, in the browser: GIA resolves an objection that blocks establishment;
// the department requests a change of scope and GIA approves it; GIA issues a rectification notice and the
// department reports within its deadline; GIA suspends, resumes and terminates a project (Art. 23), with a
// stale If-Match on the way. Each project is brought to its starting state through the API; only the steps
// under test happen in the browser, and the assertions are about what people see on screen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { computeDeadline, daysLeft, RECTIFICATION_REPORT } from '../../core/calendar/working-days.js';
import { ALL_PASS, BASICS, VALID_LINES, VALID_RESOURCES } from '../support/projects.js';
import { apiClient, type Answer } from './support/api.js';
import { launchBrowser, newContext } from './support/browser.js';
import { addDays, startE2EPlatform, type E2EPlatform } from './support/platform.js';
import { confirmDecision, pickOption, signIn } from './support/ui.js';
import { keepScreenshot } from './support/artifacts.js';

let t: E2EPlatform;
let browser: Browser;
let call: ReturnType<typeof apiClient>['call'];

beforeAll(async () => {
  browser = await launchBrowser();
  t = await startE2EPlatform();
  call = apiClient(t.url).call;
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

function ok(what: string, res: Answer, status = 200): Answer {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

/** A project on public notice from today to tomorrow, built as the department, GIA and Finance would. */
async function onNotice(name: string): Promise<{ id: string; etag: string; noticeId: string }> {
  let res = ok('create', await call('POST', '/api/projects', { as: 'dept', body: { ...BASICS, name } }), 201);
  const id = res.body.id as string;
  for (const line of VALID_LINES) res = ok('line', await call('POST', `/api/projects/${id}/lines`, { as: 'dept', body: line, ifMatch: res.etag }));
  res = ok('resources', await call('PUT', `/api/projects/${id}/information-resources`, { as: 'dept', body: { items: VALID_RESOURCES }, ifMatch: res.etag }));
  const start = t.today();
  const steps: [string, string, object][] = [
    ['dept', 'submit', {}],
    ['gia', 'review', { decision: 'APPROVE', dimensions: ALL_PASS, comment: '同意' }],
    ['finance', 'budget-review', { decision: 'APPROVE', approvedAmount: 750000, comment: '核减5万元' }],
    ['gia', 'notice', { startDate: start, endDate: addDays(start, 1) }],
  ];
  for (const [who, action, body] of steps) res = ok(action, await call('POST', `/api/projects/${id}/${action}`, { as: who, body, ifMatch: res.etag }));
  return { id, etag: res.etag!, noticeId: res.body.notices[0].id };
}

/** An established project: the notice the two days before today, then establishment today (dates from today on follow it). */
async function established(name: string): Promise<string> {
  t.setToday(addDays(t.today(), -2));
  let p: Awaited<ReturnType<typeof onNotice>>;
  try {
    p = await onNotice(name);
  } finally {
    t.setToday(null);
  }
  ok('establish', await call('POST', `/api/projects/${p.id}/establish`, { as: 'gia', body: {}, ifMatch: p.etag }));
  return p.id;
}

/** The state tag in the page title, as the user reads it. */
const statusOf = (page: Page) => page.locator('.zy-page-title h3 .ant-tag').innerText();

describe('project actions after the notice', { timeout: 90_000 }, () => {
  it('an objection blocks establishment until GIA records its resolution', async () => {
    const p = await onNotice('不动产登记信息系统扩容');
    ok('objection', await call('POST', `/api/notices/${p.noticeId}/objections`, { body: { submitter: '市民王某', content: '该系统与市级共享平台功能重复，建议核实。' } }), 201);
    t.setToday(addDays(t.today(), 2));
    try {
      const page = await as('gia');
      await page.goto(`/review/projects/${p.id}`);
      const objections = page.getByTestId('review-action-objections');
      await objections.waitFor();
      expect(await objections.innerText()).toContain('该系统与市级共享平台功能重复');
      expect(await objections.innerText()).toContain('市民王某');
      await keepScreenshot(page, 'objection');

      // establishing now is refused, and the page says why
      const establish = page.getByTestId('review-action-establish');
      expect(await establish.innerText()).toContain('尚有 1 条异议未处理');
      await page.getByTestId('establish').click();
      await confirmDecision(page);
      await establish.locator('.ant-alert-error').getByText('尚有 1 条异议未处理').waitFor();
      expect(await statusOf(page)).toBe('公示中');

      // a resolution is required, then recorded
      const first = page.getByTestId('objection-1');
      await first.getByTestId('objection-resolve').click();
      await first.getByText('必填').waitFor();
      await first.getByLabel('处理结果').fill('经核实，本项目复用共享平台能力，不属于重复建设。');
      await first.getByTestId('objection-resolve').click();
      await page.getByText('已记录异议处理结果').waitFor();
      await expect.poll(() => objections.count()).toBe(0);
      await expect.poll(() => establish.innerText()).not.toContain('异议未处理');
      expect(await page.getByText('经核实，本项目复用共享平台能力').count()).toBeGreaterThan(0);

      await page.getByTestId('establish').click();
      await confirmDecision(page, '项目将立项');
      await expect.poll(() => statusOf(page)).toBe('已立项');
      await page.context().close();
    } finally {
      t.setToday(null);
    }
  });

  it('the department requests a change of scope, GIA approves it, and the department sees the new lines', async () => {
    const id = await established('城市管理综合执法平台');
    const dept = await as('dept');
    await dept.goto(`/portal/projects/${id}`);
    await dept.getByRole('tab', { name: '变更申请' }).click();
    const form = dept.getByTestId('change-request-form');
    await form.waitFor();

    // the current lines are the starting point; a quantity above the plan's maximum shows on its line
    const line1 = form.getByTestId('line-1');
    await line1.getByLabel('数量').fill('500');
    await expect.poll(() => line1.innerText()).toContain('超过单个项目上限 100');
    await line1.getByLabel('数量').fill('6');
    await expect.poll(() => line1.innerText()).not.toContain('超过单个项目上限');

    await form.getByTestId('change-add-line').click();
    const line4 = form.getByTestId('line-4');
    await pickOption(dept, line4.getByLabel('服务规格'), 'redis-cache-ms-4g');
    await line4.getByLabel('数量').fill('1');
    await line4.getByLabel('用途').fill('会话缓存');
    await expect.poll(() => form.getByTestId('change-redis-cache-ms-4g').getAttribute('data-kind')).toBe('ADDED');
    expect(await form.getByTestId('change-vm-general-4c8g').getAttribute('data-kind')).toBe('CHANGED');
    expect(await form.getByTestId('change-rds-postgresql-ha-4c16g').getAttribute('data-kind')).toBe('UNCHANGED');

    await form.getByLabel('变更理由').fill('业务量增长，需扩容应用服务器并增加缓存。');
    await keepScreenshot(dept, 'change-request');
    await form.getByTestId('change-submit').click();
    await dept.getByText('变更申请已提交，等待政务信息管理局审核').waitFor();
    await expect.poll(() => statusOf(dept)).toBe('变更审核中');
    await dept.getByTestId('banner-change-review').waitFor();

    // GIA finds it in the change-review tab of its queue and sees what changes
    const gia = await as('gia');
    await gia.goto('/review/queue');
    await gia.getByRole('tab', { name: '待变更审核' }).click();
    await gia.getByRole('link', { name: '城市管理综合执法平台' }).click();
    await gia.waitForURL(`**/review/projects/${id}?**`);
    const review = gia.getByTestId('review-action-change-review');
    await review.waitFor();
    expect(await review.getByTestId('change-reason').innerText()).toBe('业务量增长，需扩容应用服务器并增加缓存。');
    const vm = review.getByTestId('change-vm-general-4c8g');
    expect(await vm.innerText()).toContain('调整');
    expect(await vm.locator('td').nth(2).innerText()).toBe('4');
    expect(await vm.locator('td').nth(3).innerText()).toBe('6');
    expect(await review.getByTestId('change-redis-cache-ms-4g').innerText()).toContain('新增');

    await keepScreenshot(gia, 'change-review');
    // returning needs a comment: the page says so without calling the server
    await review.getByTestId('change-return').click();
    await review.getByText('退回时请填写审核意见').waitFor();
    expect(await statusOf(gia)).toBe('变更审核中');

    await review.getByLabel('审核意见（退回时必填）').fill('同意扩容。');
    await review.getByTestId('change-approve').click();
    await confirmDecision(gia, '资源清单和资源额度将按变更申请调整');
    await gia.getByText('已同意变更，资源清单和资源额度已调整').waitFor();
    await expect.poll(() => statusOf(gia)).toBe('已立项');
    await gia.context().close();

    // the department sees the new lines and the new entitlement
    await dept.reload();
    await expect.poll(() => statusOf(dept)).toBe('已立项');
    expect(await dept.getByTestId('status-reason').count()).toBe(0);
    const lines = dept.getByTestId('lines-table');
    await lines.waitFor();
    const vmRow = lines.locator('tr', { hasText: 'vm-general-4c8g' });
    expect(await vmRow.locator('td').nth(2).innerText()).toBe('6');
    expect(await lines.innerText()).toContain('redis-cache-ms-4g');
    expect(await lines.innerText()).toContain('会话缓存');
    await dept.getByRole('tab', { name: '云资源' }).click();
    const ent = dept.getByTestId('entitlement-table');
    await ent.waitFor();
    expect(await ent.innerText()).toContain('redis-cache-ms-4g');
    await dept.context().close();
  });

  it('GIA issues a rectification notice; the department sees it with its deadline and files the report', async () => {
    const id = await established('公共资源交易平台');
    const due = computeDeadline(RECTIFICATION_REPORT, t.today()).due;
    const left = daysLeft(due, t.today()).workingDays;

    const gia = await as('gia');
    await gia.goto(`/review/projects/${id}`);
    const rectify = gia.getByTestId('review-action-rectify');
    await rectify.waitFor();
    await rectify.getByLabel('整改问题').fill('系统未按目录提供信息资源，数据共享接口未上线。');
    await rectify.getByTestId('rectify-submit').click();
    await confirmDecision(gia, '10 个工作日内报送整改结果');
    await gia.getByText(`整改通知已下发，整改结果须于 ${due} 前报送`).waitFor();
    expect(await gia.getByTestId('rectification-list').innerText()).toContain('数据共享接口未上线');
    await gia.context().close();

    const dept = await as('dept');
    await dept.goto(`/portal/projects/${id}`);
    const banner = dept.getByTestId('banner-rectification');
    await banner.waitFor();
    expect(await banner.innerText()).toContain(`最近截止日期 ${due}`);
    await dept.getByRole('tab', { name: '备案与验收' }).click();
    const list = dept.getByTestId('rectification-list');
    await list.waitFor();
    expect(await list.innerText()).toContain('系统未按目录提供信息资源');
    expect(await list.getByTestId('rectification-due').innerText()).toBe(due);
    expect(await list.innerText()).toContain('通知后 10 个工作日内');
    await expect.poll(() => list.innerText()).toContain(`剩 ${left} 个工作日`);
    await keepScreenshot(dept, 'rectification');

    // the rectification report is the filing offered first, against the one open notice
    const report = dept.getByTestId('filing-form-RECTIFICATION_REPORT');
    await report.waitFor();
    expect(await report.innerText()).toContain(`${due} 截止`);
    await report.getByLabel('整改结果').fill('已按目录提供信息资源，数据共享接口已上线运行。');
    await report.getByTestId('filing-submit').click();
    await dept.getByText('已备案').first().waitFor();
    await expect.poll(() => list.innerText()).toContain('已报送');
    await expect.poll(() => banner.count()).toBe(0);
    await dept.getByRole('tab', { name: '期限' }).click();
    const deadlines = dept.getByTestId('deadline-table');
    await deadlines.waitFor();
    expect(await deadlines.locator('tr', { hasText: '整改结果报送' }).innerText()).toContain('已完成');

    // the annual self-evaluation (Art. 21): for the budget year just ended, a summary required, the score optional
    await dept.getByRole('tab', { name: '备案与验收' }).click();
    await dept.getByText('年度自评', { exact: true }).click();
    const selfEvaluation = dept.getByTestId('filing-form-SELF_EVALUATION');
    await selfEvaluation.waitFor();
    const lastYear = String(Number(t.today().slice(0, 4)) - 1);
    expect(await selfEvaluation.getByLabel('年度').inputValue()).toBe(lastYear);
    await selfEvaluation.getByTestId('filing-submit').click();
    await selfEvaluation.getByText('必填').waitFor();
    await selfEvaluation.getByLabel('自评价报告摘要').fill('年度绩效目标基本完成，网上可办率 96%。');
    await selfEvaluation.getByLabel('自评分').fill('92');
    await selfEvaluation.getByTestId('filing-submit').click();
    await dept.getByText('已备案').first().waitFor();
    await expect.poll(() => dept.getByTestId('filing-list').innerText()).toContain('网上可办率 96%');
    await dept.context().close();
  });

  it('a contract signed before the establishment is refused on its date field, naming both dates', async () => {
    const id = await established('政务服务效能监督系统');
    const today = t.today();
    const dayBefore = addDays(today, -1);
    const dept = await as('dept');
    await dept.goto(`/portal/projects/${id}`);
    await dept.getByRole('tab', { name: '备案与验收' }).click();
    await dept.getByText('合同备案', { exact: true }).click();
    const contract = dept.getByTestId('filing-form-CONTRACT');
    await contract.waitFor();
    const date = contract.getByLabel('合同签订日期');
    await date.click();
    await date.fill(dayBefore);
    await date.press('Enter');
    await contract.getByLabel('合同编号').fill('YC-E2E-001');
    await contract.getByLabel('承建单位').fill('运城某信息技术有限公司');
    await contract.getByLabel('合同金额（元）').fill('500000');
    await contract.getByTestId('filing-submit').click();
    const onField = contract.locator('.ant-form-item', { hasText: '合同签订日期' }).locator('.ant-form-item-explain-error');
    await expect.poll(() => onField.innerText()).toBe(`合同签订日期 ${dayBefore} 早于立项日期 ${today}`);
    await keepScreenshot(dept, 'contract-before-establishment');
    expect((await call('GET', `/api/projects/${id}`, { as: 'dept' })).body.filings).toEqual([]);
    await dept.context().close();
  });

  it('GIA suspends, resumes and terminates a project; the department sees each, and cannot request resources while suspended', async () => {
    const id = await established('智慧停车管理系统');
    const gia = await as('gia');
    await gia.goto(`/review/projects/${id}`);
    await gia.getByTestId('review-action-control').waitFor();

    // meanwhile the department files a progress report: GIA's page is stale, and says so
    ok('progress', await call('POST', `/api/projects/${id}/filings`, { as: 'dept', body: { kind: 'PROGRESS', period: '2026年第四季度', progressPercent: 30, fundsUsed: 100000, summary: '按计划推进' } }));
    const dialog = gia.getByRole('dialog');
    await gia.getByTestId('control-suspend').click();
    await dialog.getByLabel('原因').fill('拒不整改。');
    await gia.getByTestId('control-confirm').click();
    await gia.getByText('该数据已被他人修改，已为您重新加载最新内容，请核对后再操作。').waitFor();
    expect(await statusOf(gia)).toBe('已立项');

    await gia.getByTestId('control-suspend').click();
    await dialog.getByLabel('原因').fill('拒不整改，暂停拨付建设和运维资金。');
    await gia.getByTestId('control-confirm').click();
    await gia.getByText('已暂停拨付资金', { exact: true }).waitFor();
    await expect.poll(() => statusOf(gia)).toBe('已暂停');

    const dept = await as('dept');
    await dept.goto(`/portal/projects/${id}`);
    await expect.poll(() => statusOf(dept)).toBe('已暂停');
    expect(await dept.getByTestId('banner-suspended').innerText()).toContain('暂停期间不能申请云资源');
    // and why: GIA's reason, as GIA wrote it
    expect(await dept.getByTestId('status-reason').innerText()).toBe('原因：拒不整改，暂停拨付建设和运维资金。');
    await dept.getByRole('tab', { name: '云资源' }).click();
    await dept.getByTestId('entitlement-table').waitFor();
    expect(await dept.getByText('申请开通云资源').count()).toBe(0);

    await gia.getByTestId('control-resume').click();
    await dialog.getByLabel('原因').fill('整改已完成并经核实。');
    await gia.getByTestId('control-confirm').click();
    await expect.poll(() => statusOf(gia)).toBe('已立项');

    await dept.reload();
    await expect.poll(() => statusOf(dept)).toBe('已立项');
    expect(await dept.getByTestId('status-reason').count()).toBe(0);
    await dept.getByRole('tab', { name: '云资源' }).click();
    await dept.getByText('申请开通云资源').waitFor();

    // terminating is irreversible: it needs the reason and an explicit confirmation
    await gia.getByTestId('control-terminate').click();
    expect(await dialog.innerText()).toContain('终止不可撤销');
    await dialog.getByLabel('原因').fill('整改后仍不符合要求，终止项目。');
    await gia.getByTestId('control-confirm').click();
    await dialog.getByText('请勾选确认后再终止项目').waitFor();
    await keepScreenshot(gia, 'terminate');
    expect(await statusOf(gia)).toBe('已立项');
    await dialog.getByText('我已知晓终止项目不可撤销').click();
    await gia.getByTestId('control-confirm').click();
    await expect.poll(() => statusOf(gia)).toBe('已终止');
    expect(await gia.getByTestId('review-action-control').count()).toBe(0);
    await gia.context().close();

    await dept.reload();
    await expect.poll(() => statusOf(dept)).toBe('已终止');
    await dept.getByTestId('banner-terminated').waitFor();
    expect(await dept.getByTestId('status-reason').innerText()).toBe('原因：整改后仍不符合要求，终止项目。');
    await dept.context().close();
  });
});
