// GIA's yearly assessment of a department (Art. 25) in the browser: recorded from 年度考核 with the evidence the
// platform shows, confirmed, and then seen on the review page of that department's next-year project, reached
// from the review queue. The department reads its own confirmed assessment under 我的年度考核.
import { describe, expect, it } from 'vitest';
import { projectIn } from '../support/project-factories.js';
import { BASICS } from '../support/projects.js';
import { uniqueTag } from '../support/scene.js';
import { keepScreenshot } from './support/artifacts.js';
import { useBrowserScene } from './support/scene.js';
import { confirmDecision, pickOption } from './support/ui.js';

const scene = useBrowserScene();

describe("a department's yearly assessment", { timeout: 180_000 }, () => {
  it('GIA records and confirms the 2026 assessment, then sees it when reviewing the 2027 project', async () => {
    const next = await projectIn(scene.api, 'GIA_REVIEW', { overrides: { name: `${BASICS.name}·2027·${uniqueTag()}`, budgetYear: 2027 } });

    const page = await scene.as('gia');
    await page.getByTestId('main-menu').getByText('年度考核', { exact: true }).click();
    await page.waitForURL('**/assessments');
    const year = page.getByRole('spinbutton', { name: '考核年度' });
    await year.fill('2026');
    await year.press('Tab');
    await expect.poll(() => year.inputValue()).toBe('2026');
    const row = page.getByTestId('department-assessments').locator('tr', { hasText: '运城市教育局' });
    expect(await row.innerText()).toContain('未开始');
    await page.getByTestId('assessment-EDU-start').click();
    await page.waitForURL(/\/assessments\/departments\/[0-9a-f-]+$/);
    await page.getByText('运城市教育局 2026年度考核').waitFor();
    // the platform's evidence, live while a draft
    expect(await page.getByTestId('evidence-projects').innerText()).toMatch(/^已申报 \d+ 个，已立项 \d+ 个$/);
    expect(await page.getByTestId('assessment-evidence').innerText()).toContain('草稿期间按平台实时数据显示');

    await page.getByLabel('得分').fill('88');
    await pickOption(page, page.getByLabel('等次'), '良好');
    await page.getByLabel('考核意见').fill('按期备案及时，数据共享较好。');
    await page.getByTestId('assessment-save').click();
    await page.getByText('已保存。').waitFor();
    await page.getByTestId('assessment-confirm').click();
    await confirmDecision(page, '被考核单位可以查看');
    await expect.poll(() => page.getByTestId('assessment-status').innerText()).toBe('已确认');
    expect(await page.getByTestId('assessment-grade-value').innerText()).toBe('良好');
    expect(await page.getByTestId('assessment-evidence').innerText()).toContain('确认时固定的平台数据');
    await keepScreenshot(page, 'gia-department-assessment');

    // the 2027 project, from the review queue: its department's 2026 assessment on the review page
    await page.getByTestId('main-menu').getByText('审核队列').click();
    await page.getByTestId('queue-table').getByRole('link', { name: next.body.name }).click();
    const assessment = page.getByTestId('org-assessment');
    await assessment.waitFor();
    expect(await assessment.innerText()).toContain('2026年度考核（第二十五条）');
    expect(await assessment.innerText()).toContain('良好，88 分');
    expect(await assessment.innerText()).toContain('按期备案及时，数据共享较好。');
    await assessment.getByRole('link', { name: '2026年度考核（第二十五条）' }).click();
    await page.waitForURL(/\/assessments\/departments\//);
    await page.context().close();

    // the department reads it under 我的年度考核
    const dept = await scene.as('dept');
    await dept.getByTestId('main-menu').getByText('我的年度考核', { exact: true }).click();
    const mine = dept.getByTestId('my-assessments').locator('tr', { hasText: '2026' });
    await mine.waitFor();
    expect(await mine.innerText()).toContain('良好');
    await dept.context().close();
  });
});
