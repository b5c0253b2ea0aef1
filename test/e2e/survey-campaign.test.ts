// The migration survey (摸底调查) in the browser, from opening to closing: the sub-center opens a campaign asking two
// departments; the education bureau finds it under 摸底填报, ticks its registered system and submits; the health
// commission declares it has nothing to declare; the sub-center sees full coverage and closes the campaign. The
// register entry then shows the campaign that last confirmed it. The system is registered through the API; every
// step of the survey happens on screen.
import { describe, expect, it } from 'vitest';
import { registerSystem } from '../support/migration-factories.js';
import { uniqueTag } from '../support/scene.js';
import { keepScreenshot } from './support/artifacts.js';
import { useBrowserScene } from './support/scene.js';
import { pickOption } from './support/ui.js';

const scene = useBrowserScene();

describe('a migration survey campaign', { timeout: 180_000 }, () => {
  it('runs from opening to closing: one department submits its systems, the other has none, the sub-center closes it', async () => {
    scene.api.setToday('2026-12-07');
    const system = await registerSystem(scene.api, 'dept');
    const title = `2026年度迁移摸底-${uniqueTag()}`;

    // the sub-center opens the campaign for the two departments
    const bdc = await scene.as('bdc');
    await bdc.getByRole('menuitem', { name: '迁移摸底调查' }).click();
    await bdc.getByTestId('survey-open').click();
    const open = bdc.getByRole('dialog');
    await open.getByLabel('调查名称').fill(title);
    await open.getByLabel('填报说明').fill('请确认本单位在用的政务信息系统');
    await open.getByLabel('截止日期').fill('2026-12-18');
    await pickOption(bdc, open.getByLabel('被调查单位'), '运城市教育局');
    await pickOption(bdc, open.getByLabel('被调查单位'), '运城市卫生健康委员会');
    // the multiple choice stays open: leave it for another field
    await open.getByLabel('调查名称').click();
    await bdc.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
    await bdc.getByTestId('survey-open-submit').click();
    await bdc.waitForURL(/\/survey\/campaigns\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    const counts = bdc.getByTestId('survey-counts');
    await expect.poll(() => counts.innerText(), { timeout: 30_000 }).toMatch(/应报\s*2/);
    const campaignUrl = bdc.url();

    // the education bureau finds it on its to-do list, ticks its system, saves and submits
    const dept = await scene.as('dept');
    await dept.goto('/todo');
    await dept.getByText(title).first().click();
    await dept.waitForURL(/\/survey\/responses\//);
    await dept.getByRole('checkbox', { name: system.body.name }).check();
    await dept.getByTestId('survey-save').click();
    // saved: the page reloads with the system confirmed, and submitting is offered
    await expect.poll(() => dept.getByTestId('survey-submit').isEnabled(), { timeout: 30_000 }).toBe(true);
    await dept.getByTestId('survey-submit').click();
    await dept.getByTestId('confirm-ok').click();
    await expect.poll(() => dept.getByTestId('survey-response-status').innerText(), { timeout: 30_000 }).toBe('已报送');
    await dept.context().close();

    // the health commission has nothing to declare
    const dept2 = await scene.as('dept2');
    await dept2.getByRole('menuitem', { name: '摸底填报' }).click();
    await dept2.getByRole('link', { name: title }).click();
    await dept2.getByTestId('survey-declare-none').click();
    await dept2.getByRole('dialog').getByLabel('无系统的说明').fill('本委业务系统均由省卫健委统一建设部署');
    await dept2.getByTestId('survey-declare-submit').click();
    await expect.poll(() => dept2.getByTestId('survey-response-status').innerText(), { timeout: 30_000 }).toBe('无系统可报');
    await dept2.context().close();

    // the sub-center sees full coverage and closes the campaign
    await bdc.goto(campaignUrl);
    await expect.poll(() => counts.innerText(), { timeout: 30_000 }).toMatch(/已报送\s*1[\s\S]*无系统可报\s*1[\s\S]*未报\s*0[\s\S]*逾期\s*0[\s\S]*确认系统数\s*1/);
    const coverage = await bdc.getByTestId('survey-coverage').innerText();
    expect(coverage).toContain('运城市教育局');
    expect(coverage).toContain('本委业务系统均由省卫健委统一建设部署');
    await keepScreenshot(bdc, 'survey-coverage');
    await bdc.getByTestId('survey-close').click();
    await bdc.getByRole('dialog').getByLabel('结束说明').fill('全部单位已完成填报');
    await bdc.getByTestId('survey-dialog-submit').click();
    await expect.poll(() => bdc.getByTestId('survey-close').count(), { timeout: 30_000 }).toBe(0);
    expect(await bdc.getByText('已结束', { exact: true }).count()).toBeGreaterThan(0);
    expect(await bdc.getByTestId('survey-remind').count()).toBe(0);
    await bdc.context().close();

    // the register entry remembers the campaign that confirmed it
    const sys = await scene.api.call('GET', `/api/migration/systems/${system.id}`, { as: 'dept' });
    expect(sys.body.lastConfirmed).toMatchObject({ title });
  });
});
