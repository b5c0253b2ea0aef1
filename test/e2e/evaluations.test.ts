// Evaluations in the browser: GIA records an effectiveness evaluation of an established project with a rectification
// notice (Art. 24) and the department sees both; Finance draws a sample of a year's self-evaluations and records a
// result (Art. 22), which the department then reads on its project. Projects are arranged through the API; the
// steps under test happen on screen.
import { describe, expect, it } from 'vitest';
import { addWorkingDays } from '../../core/calendar/working-days.js';
import { projectIn } from '../support/project-factories.js';
import { expectOk } from '../support/scene.js';
import { useBrowserScene } from './support/scene.js';
import { pickOption } from './support/ui.js';
import { keepScreenshot } from './support/artifacts.js';

const scene = useBrowserScene();

const SCORES: [string, string][] = [
  ['使用情况', '62'],
  ['资源匹配度', '55'],
  ['用户满意度', '80'],
  ['效率提升', '70'],
  ['可持续性', '75'],
  ['安全性', '90'],
];

describe('evaluations', { timeout: 120_000 }, () => {
  it('GIA evaluates with a rectification notice; the department sees the evaluation and its 10-working-day deadline', async () => {
    const p = await projectIn(scene.api, 'ESTABLISHED', { overrides: { name: '社会保障卡应用平台' } });
    const gia = await scene.as('gia');
    await gia.goto(`/review/projects/${p.id}`);
    const panel = gia.getByTestId('evaluations-panel');
    await panel.getByTestId('evaluate').click();
    const dialog = gia.getByRole('dialog');
    for (const [label, score] of SCORES) await dialog.getByLabel(label, { exact: true }).fill(score);
    await pickOption(gia, dialog.getByLabel('评价等级'), '中');
    await dialog.getByLabel('评价结论').fill('资源利用率偏低，应用推广不足');
    await dialog.getByTestId('evaluation-rectify').click();
    // the notice needs its issues
    await gia.getByTestId('evaluate-submit').click();
    await dialog.getByText('必填').waitFor();
    await dialog.getByLabel('整改问题').fill('压降闲置云资源，制定推广计划');
    await gia.getByTestId('evaluate-submit').click();
    await gia.getByText('绩效评价已保存，整改通知已下达').waitFor();
    const due = addWorkingDays(scene.api.today(), 10);
    await expect.poll(() => panel.getByTestId('evaluation').count()).toBe(1);
    expect(await panel.getByTestId('evaluation-rectification').innerText()).toContain(due);
    await keepScreenshot(gia, 'evaluation');
    await gia.context().close();

    const dept = await scene.as('dept');
    await dept.goto(`/portal/projects/${p.id}`);
    await dept.getByRole('tab', { name: '备案与验收' }).click();
    const seen = dept.getByTestId('evaluations-panel');
    await seen.getByTestId('evaluation').waitFor();
    const text = await seen.innerText();
    expect(text).toContain('资源利用率偏低，应用推广不足');
    expect(text).toContain('资源匹配度');
    expect(await seen.getByTestId('evaluate').count()).toBe(0);
    expect(await dept.getByText('压降闲置云资源，制定推广计划').count()).toBeGreaterThan(0);
    await dept.context().close();
  });

  it('Finance draws a sample of the year’s self-evaluations and records a result the department then reads', async () => {
    const year = 2002 + Math.floor(Math.random() * 19);
    const p = await projectIn(scene.api, 'ESTABLISHED', { overrides: { name: '智慧养老服务平台' } });
    expectOk('self-evaluation', await scene.api.call('POST', `/api/projects/${p.id}/filings`, { as: 'dept', body: { kind: 'SELF_EVALUATION', year, summary: '年度绩效目标基本完成', selfScore: 88 } }));

    const finance = await scene.as('finance');
    await finance.getByRole('menuitem', { name: '自评价抽查' }).click();
    await finance.getByTestId('spot-check-draw').click();
    const draw = finance.getByRole('dialog');
    await draw.getByLabel('预算年度').fill(String(year));
    await draw.getByLabel('抽查数量').fill('1');
    await finance.getByTestId('spot-check-draw-submit').click();
    await finance.getByText('已抽取 1 份样本').waitFor();
    const items = finance.getByTestId('spot-check-items');
    await expect.poll(() => items.innerText()).toContain('智慧养老服务平台');

    await finance.getByTestId('spot-check-record-0').click();
    const record = finance.getByRole('dialog');
    await pickOption(finance, record.getByLabel('抽查结果'), '不合格');
    await record.getByLabel('抽查意见').fill('自评价报告缺少绩效指标完成数据');
    await finance.getByTestId('spot-check-record-submit').click();
    await finance.getByText('抽查结果已登记').waitFor();
    await expect.poll(() => items.innerText()).toContain('自评价报告缺少绩效指标完成数据');
    await keepScreenshot(finance, 'spot-check');
    await finance.context().close();

    const dept = await scene.as('dept');
    await dept.goto(`/portal/projects/${p.id}`);
    await dept.getByRole('tab', { name: '备案与验收' }).click();
    const result = dept.getByTestId('spot-check-result');
    await result.waitFor();
    expect(await result.innerText()).toContain('不合格');
    expect(await result.innerText()).toContain('自评价报告缺少绩效指标完成数据');
    await dept.context().close();
  });
});
