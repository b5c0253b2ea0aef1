// Official records printed from the console: the review opinion, the budget review opinion, the public notice, the
// acceptance record and the provisioning hand-over. Each test arranges its project (and request) through the API
// factories, signs in as the role that holds the record, presses 打印 where the record is shown, and reads the print
// view that opens in a new tab: the title, the number, the organisation, the decision, amount and dates, the
// signature and seal blocks. Printed (Chromium's page.pdf, A4) it is kept as /tmp/zy-e2e-print-<record>.pdf (and as
// it looks in print media, print-<record>.png among the artefacts) and is
// A4 pages without the console's chrome. A department of another organisation is told plainly it cannot open one.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { projectIn } from '../support/project-factories.js';
import { BASICS } from '../support/projects.js';
import { requestIn } from '../support/request-factories.js';
import { addDays, uniqueTag } from '../support/scene.js';
import { keepScreenshot } from './support/artifacts.js';
import { seriousViolations } from './support/axe.js';
import { useBrowserScene } from './support/scene.js';

const scene = useBrowserScene();

const GIA = '运城市审批服务管理局（市政务信息管理局）';

/** A date as the records write it: 2026年12月6日. */
function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
/** Today in Shanghai, as the records write it (the reviews and jobs are stamped with the real time). */
const shanghaiToday = () => chineseDate(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()));

const named = () => `${BASICS.name}·${uniqueTag()}`;

/** Signs in as `who`, opens `path` and presses the record's 打印 button: the print view opens in a new tab. */
async function openFrom(who: string, path: string, record: string): Promise<Page> {
  const page = await scene.as(who);
  await page.goto(path);
  const [popup] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId(`print-${record}`).click()]);
  await popup.getByTestId('print-sheet').waitFor();
  return popup;
}

const text = (page: Page, testId: string) => page.getByTestId(testId).innerText();

/** The head of the record: its title, 编号, issuing organisation and date, as printed. */
async function head(page: Page): Promise<{ title: string; number: string; organisation: string; date: string }> {
  const [title, number, organisation, date] = await Promise.all(['print-title', 'print-number', 'print-organisation', 'print-date'].map((id) => text(page, id)));
  return { title: title!, number: number!, organisation: organisation!, date: date! };
}

/** A4 in PDF points is 595.28 × 841.89; Chromium rounds the page box to its own pixel grid. */
const isA4 = ([w, h]: number[]) => Math.abs(w! - 595.28) < 1.5 && Math.abs(h! - 841.89) < 1.5;

/**
 * Checks the view with axe (as accessibility.test.ts does the console's pages), then prints it as Chromium does
 * (print media, A4) into /tmp/zy-e2e-print-<record>.pdf, after checking that on paper the toolbar and its buttons
 * are gone and no console menu is there; answers the size of each PDF page.
 */
async function printed(page: Page, record: string): Promise<number[][]> {
  expect(await seriousViolations(page)).toEqual([]);
  await page.emulateMedia({ media: 'print' });
  expect(await page.getByTestId('print-toolbar').isVisible()).toBe(false);
  expect(await page.getByRole('button').filter({ visible: true }).count()).toBe(0);
  expect(await page.getByTestId('main-menu').count()).toBe(0);
  expect(await page.getByTestId('print-sheet').isVisible()).toBe(true);
  await keepScreenshot(page, `print-${record}`);
  const path = `/tmp/zy-e2e-print-${record}.pdf`;
  await page.pdf({ path, format: 'A4', printBackground: true });
  const pdf = fs.readFileSync(path, 'latin1');
  expect(pdf.startsWith('%PDF-')).toBe(true);
  return [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

/** One or more pages, every one A4. */
function expectA4(pages: number[][]) {
  expect(pages.length).toBeGreaterThan(0);
  expect(pages.filter((p) => !isA4(p))).toEqual([]);
}

describe('official records to print', { timeout: 120_000 }, () => {
  it("the review opinion: GIA's five Art. 8 opinions, the decision, the reviewer and GIA's seal", async () => {
    const p = await projectIn(scene.api, 'BUDGET_REVIEW', { overrides: { name: named() } });
    const page = await openFrom('gia', `/review/projects/${p.id}`, 'review-opinion');
    expect(await head(page)).toEqual({ title: '政务信息化项目审核意见表', number: `编号：${p.body.code}`, organisation: `单位：${GIA}`, date: `日期：${shanghaiToday()}` });
    expect(await text(page, 'print-project-code')).toBe(p.body.code);
    const dimensions = await text(page, 'print-dimensions');
    for (const d of ['建设需求的合理性', '集约性', '建设方案的可行性', '项目预算的合理性', '绩效目标的合理性']) expect(dimensions).toContain(d);
    expect(dimensions).toContain('符合要求');
    const decision = await text(page, 'print-decision');
    expect(decision).toContain('通过');
    expect(decision).toContain('同意');
    expect(await text(page, 'print-signatures')).toContain('审核人（签字）：王审批（政务信息管理局）');
    expect(await text(page, 'print-seals')).toContain(`${GIA}（盖章）`);
    expectA4(await printed(page, 'review-opinion'));
    await page.context().close();
  });

  it("the budget opinion: Finance's approved amount and opinion, the reviewer and Finance's seal", async () => {
    const p = await projectIn(scene.api, 'BUDGET_APPROVED', { overrides: { name: named() } });
    const page = await openFrom('finance', `/review/projects/${p.id}`, 'budget-opinion');
    expect(await head(page)).toEqual({ title: '政务信息化项目预算评审意见', number: `编号：${p.body.code}`, organisation: '单位：运城市财政局', date: `日期：${shanghaiToday()}` });
    expect(await text(page, 'print-approved-amount')).toBe('¥750,000');
    const decision = await text(page, 'print-decision');
    expect(decision).toContain('¥800,000');
    expect(decision).toContain('核减5万元');
    expect(await text(page, 'print-signatures')).toContain('审核人（签字）：李财政（财政局）');
    expect(await text(page, 'print-seals')).toContain('运城市财政局（盖章）');
    expectA4(await printed(page, 'budget-opinion'));
    await page.context().close();
  });

  it('the public notice: the amount, the period in Chinese dates, GIA as publisher', async () => {
    const p = await projectIn(scene.api, 'PUBLIC_NOTICE', { overrides: { name: named() } });
    const page = await openFrom('dept', `/portal/projects/${p.id}`, 'notice');
    expect(await head(page)).toEqual({ title: '政务信息化项目资金安排公示', number: `编号：${p.body.code}`, organisation: `单位：${GIA}`, date: `日期：${chineseDate(scene.api.today())}` });
    expect(await text(page, 'print-notice-amount')).toBe('¥750,000');
    expect(await text(page, 'print-notice-period')).toBe(`${chineseDate(scene.api.today())}至${chineseDate(addDays(scene.api.today()))}`);
    expect(await text(page, 'print-decision')).toContain('公示期内未收到异议');
    expect(await text(page, 'print-signatures')).toContain('经办人（签字）');
    expect(await text(page, 'print-seals')).toContain(`${GIA}（盖章）`);
    expectA4(await printed(page, 'notice'));
    await page.context().close();
  });

  it("the acceptance record: the department's acceptance date, conditions and approval number, both seals", async () => {
    const p = await projectIn(scene.api, 'ACCEPTED', { overrides: { name: named() } });
    const page = await openFrom('dept', `/portal/projects/${p.id}`, 'acceptance');
    expect(await head(page)).toEqual({ title: '政务信息化项目竣工验收备案表', number: `编号：${p.body.code}`, organisation: '单位：运城市教育局', date: `日期：${chineseDate(scene.api.today())}` });
    // accepted today, the day of its establishment
    expect(await text(page, 'print-acceptance-date')).toBe(chineseDate(scene.api.today()));
    const record = await text(page, 'print-decision');
    expect(record).toContain(p.body.approvalNumber);
    expect(record).toContain('已接入数据共享交换平台：符合');
    expect(record).toContain('验收通过');
    expect(await text(page, 'print-signatures')).toContain('负责人（签字）');
    const seals = await text(page, 'print-seals');
    expect(seals).toContain('运城市教育局（盖章）');
    expect(seals).toContain(`${GIA}（盖章）`);
    expectA4(await printed(page, 'acceptance'));
    await page.context().close();
  });

  it('the hand-over: what the sub-center provisioned for the request, the project, approval number, operator and date', async () => {
    const project = await projectIn(scene.api, 'ESTABLISHED', { overrides: { name: named() } });
    const r = await requestIn(scene.api, 'PROVISIONED', { project });
    const page = await openFrom('bdc', `/operator/requests/${r.id}`, 'handover');
    expect(await head(page)).toEqual({ title: '政务云资源交付单', number: `编号：${r.code}`, organisation: '单位：山西省大数据中心运城分中心', date: `日期：${shanghaiToday()}` });
    expect(await text(page, 'print-project-code')).toBe(project.body.code);
    expect(await text(page, 'print-approval-number')).toBe(project.body.approvalNumber);
    const items = await text(page, 'print-items');
    expect(items).toContain('vm-general-4c8g');
    expect(items).toContain('rds-postgresql-ha-4c16g');
    const objects = await text(page, 'print-objects');
    expect(objects).toContain('云主机');
    expect(objects).toContain('数据库集群');
    expect(objects).toContain('命名空间');
    expect(await text(page, 'print-quota')).toContain('命名空间资源配额');
    expect(await text(page, 'print-signatures')).toContain('交付经办人（签字）：赵运维（大数据分中心）');
    const seals = await text(page, 'print-seals');
    expect(seals).toContain('山西省大数据中心运城分中心（盖章）');
    expect(seals).toContain('运城市教育局（盖章）');
    expectA4(await printed(page, 'handover'));
    await page.context().close();
  });

  it("a department of another organisation is told it cannot open another's records", async () => {
    const p = await projectIn(scene.api, 'BUDGET_REVIEW', { overrides: { name: named() } });
    const page = await scene.as('dept2');
    await page.goto(`/print/projects/${p.id}/review-opinion`);
    const refused = page.getByTestId('print-refused');
    await refused.waitFor();
    expect(await refused.innerText()).toContain('无法打开该记录');
    expect(await refused.innerText()).toContain('不存在，或当前账号无权查看');
    expect(await page.getByTestId('print-sheet').count()).toBe(0);
    expect(await page.getByText(p.body.name).count()).toBe(0);
    await page.context().close();
  });
});
