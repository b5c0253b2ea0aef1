// A county's project in the browser, from submission to establishment entirely within 盐湖区 (Art. 39): the county
// submits; 盐湖区审批服务管理局 finds it in its queue and approves it (the dialog names the county's finance bureau);
// 盐湖区财政局 approves the budget; the county bureau puts it on public notice and establishes it. The city's GIA
// never has it in its queue, reads it under oversight with nothing to decide, and filters its lists by jurisdiction.
import { describe, expect, it } from 'vitest';
import { projectIn } from '../support/project-factories.js';
import { BASICS } from '../support/projects.js';
import { addDays, uniqueTag } from '../support/scene.js';
import { keepScreenshot } from './support/artifacts.js';
import { useBrowserScene } from './support/scene.js';
import { confirmDecision, fillReview, pickOption } from './support/ui.js';

const scene = useBrowserScene();

describe('a county project, decided in the county', { timeout: 180_000 }, () => {
  it('goes from submission to establishment through 盐湖区 alone, while the city GIA oversees it', async () => {
    const name = `${BASICS.name}·盐湖区·${uniqueTag()}`;
    const draft = await projectIn(scene.api, 'DRAFT', { user: 'county', overrides: { name } });

    // the county submits its project
    const county = await scene.as('county');
    await county.goto(`/portal/projects/${draft.id}/edit?step=4`);
    await county.getByTestId('all-rules-met').waitFor();
    await county.getByTestId('submit-project').click();
    await county.waitForURL(`**/portal/projects/${draft.id}`);
    await county.getByText('政务信息管理局审核中').first().waitFor();
    await expect.poll(() => county.getByTestId('project-jurisdiction').innerText()).toBe('盐湖区');
    await county.context().close();

    // the city's GIA does not find it in its queue
    const cityQueue = await scene.as('gia');
    await cityQueue.waitForURL('**/review/queue');
    await cityQueue.getByTestId('queue-search').locator('input').fill(name);
    await cityQueue.getByTestId('queue-search').locator('input').press('Enter');
    await cityQueue.waitForURL(/q=/);
    await cityQueue.locator('.ant-empty').first().waitFor();
    expect(await cityQueue.getByRole('link', { name }).count()).toBe(0);
    await cityQueue.context().close();

    // 盐湖区审批服务管理局 reviews it
    const gia = await scene.as('county-gia');
    await gia.waitForURL('**/review/queue');
    await gia.getByTestId('queue-table').getByRole('link', { name }).click();
    await gia.getByTestId('review-action').waitFor();
    await fillReview(gia, '同意，转区财政局预算评审。');
    await gia.getByTestId('review-approve').click();
    await confirmDecision(gia, '项目将转县（市、区）财政局进行预算评审');
    // the state in the page title, once the decision is stored (the progress line names every stage all along)
    await expect.poll(() => gia.locator('.zy-page-title h3 .ant-tag').innerText()).toBe('财政预算评审中');
    await keepScreenshot(gia, 'county-1-reviewed');
    await gia.context().close();

    // 盐湖区财政局 approves the budget
    const finance = await scene.as('county-finance');
    await finance.waitForURL('**/review/queue');
    await finance.getByTestId('queue-table').getByRole('link', { name }).click();
    await finance.getByLabel('核定金额（元）').fill('700000');
    await finance.getByLabel('评审意见').fill('核减10万元');
    await finance.getByTestId('budget-approve').click();
    await confirmDecision(finance, '核定金额');
    // the state in the page title, once the decision is stored (the progress line names every stage all along)
    await expect.poll(() => finance.locator('.zy-page-title h3 .ant-tag').innerText()).toBe('预算已核定');
    await finance.context().close();

    // the county bureau puts it on notice, then establishes it after the notice period
    const notice = await scene.as('county-gia');
    await notice.goto('/review/queue?stage=BUDGET_APPROVED');
    await notice.getByTestId('queue-table').getByRole('link', { name }).click();
    await notice.getByTestId('notice-open').click();
    await confirmDecision(notice, '资金分配公示将于');
    // the state in the page title, once the decision is stored (the progress line names every stage all along)
    await expect.poll(() => notice.locator('.zy-page-title h3 .ant-tag').innerText()).toBe('公示中');
    const url = notice.url();
    await notice.context().close();

    scene.api.setToday(addDays(scene.api.today(), 8));
    const establish = await scene.as('county-gia');
    await establish.goto(url);
    await establish.getByLabel('立项文号（选填）').fill('盐审批信发〔2026〕3号');
    await establish.getByTestId('establish').click();
    await confirmDecision(establish, '项目将');
    // the state in the page title, once the decision is stored (the progress line names every stage all along)
    await expect.poll(() => establish.locator('.zy-page-title h3 .ant-tag').innerText()).toBe('已立项');
    await keepScreenshot(establish, 'county-2-established');
    await establish.context().close();

    // the city's GIA reads it under oversight, with nothing to decide, and finds it by jurisdiction
    const city = await scene.as('gia');
    await city.goto(`/review/projects/${draft.id}`);
    await city.getByText('已立项').first().waitFor();
    // the name comes with the jurisdiction list, which may arrive after the project
    await expect.poll(() => city.getByTestId('project-jurisdiction').innerText()).toBe('盐湖区');
    expect(await city.getByTestId('establish').count()).toBe(0);
    await city.goto('/review/projects');
    await pickOption(city, city.getByRole('combobox', { name: '辖区' }), '盐湖区');
    await city.waitForURL(/jurisdiction=YANHU/);
    await city.getByRole('link', { name }).waitFor();
    await keepScreenshot(city, 'county-3-city-oversight');
    await city.context().close();
  });
});
