// Security obligations in the browser (Art. 36–37): a department opens the 安全责任 tab of its established project,
// files a risk assessment confirmed by itself and the contractor, then an emergency drill, and reads the next drill
// due a year after it. The project is brought to its starting state through the API; the filing happens on screen.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { projectIn } from '../support/project-factories.js';
import { keepScreenshot } from './support/artifacts.js';
import { useBrowserScene } from './support/scene.js';
import { pickOption } from './support/ui.js';

const scene = useBrowserScene();

/** Types a date into an Ant Design date picker and confirms it. */
async function pickDate(form: Locator, label: string, date: string) {
  const input = form.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

const yearAfter = (d: string) => `${Number(d.slice(0, 4)) + 1}${d.slice(4)}`;

describe('security obligations', { timeout: 120_000 }, () => {
  it('a department files a risk assessment and a drill on its project and sees the next drill due', async () => {
    const p = await projectIn(scene.api, 'ESTABLISHED');
    const today = scene.t.today();
    const page: Page = await scene.as('dept');
    await page.goto(`${scene.t.url}/portal/projects/${p.id}`);
    await page.getByRole('tab', { name: '安全责任' }).click();
    const dossier = page.getByTestId('security-dossier');
    await dossier.waitFor();
    expect(await dossier.innerText()).toContain('尚缺：风险评估、等级保护、应急预案');

    // the risk assessment, confirmed by the implementing unit and the contractor (Art. 36)
    const risk = page.getByTestId('security-form-RISK_ASSESSMENT');
    await pickDate(risk, '评估日期', today);
    await risk.getByLabel('评估机构').fill('山西某网络安全测评中心');
    await pickOption(page, risk.getByLabel('评估结果'), '需整改');
    await risk.getByLabel('评估结论').fill('发现中风险2项，已制定整改计划');
    await risk.getByLabel('实施单位确认人').fill('王主任');
    await pickDate(risk, '实施单位确认日期', today);
    await risk.getByLabel('建设单位（承建单位）').fill('运城某科技有限公司');
    await risk.getByLabel('建设单位确认人').fill('李经理');
    await pickDate(risk, '建设单位确认日期', today);
    await risk.getByTestId('security-submit').click();
    const records = page.getByTestId('security-records');
    await expect.poll(async () => ((await records.count()) ? records.innerText() : '')).toContain('山西某网络安全测评中心');
    expect(await records.innerText()).toContain('运城某科技有限公司：李经理');
    await expect.poll(() => dossier.innerText()).toContain('尚缺：等级保护、应急预案');

    // a drill (Art. 37): the next one is due a year after it
    await page.getByText('应急演练', { exact: true }).click();
    const drill = page.getByTestId('security-form-DRILL');
    await drill.waitFor();
    await pickDate(drill, '演练日期', today);
    await drill.getByLabel('演练场景').fill('勒索病毒导致数据库不可用');
    await drill.getByLabel('参演人员').fill('信息科、建设单位运维组');
    await drill.getByLabel('演练结果').fill('45分钟内从备份恢复业务');
    await drill.getByTestId('security-submit').click();
    await expect.poll(() => page.getByTestId('security-record-DRILL').count()).toBe(1);
    await expect.poll(() => page.getByTestId('security-due').first().innerText()).toBe(yearAfter(today));
    await keepScreenshot(page, 'security-dossier');
    await page.context().close();
  });
});
