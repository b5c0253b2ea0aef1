// The auditor's day in the browser: one project's history, found on the audit page by its number, reads in names
// (actions, people, the project; no internal ids on screen) with sign-ins left out until asked for; it exports to
// Excel with the project's rows and the chain check; and it is one click away from the project's own page, kept
// in the address so that it can be linked to and reopened.
import { describe, expect, it } from 'vitest';
import { projectIn } from '../../support/project-factories.js';
import { BASICS } from '../../support/projects.js';
import { uniqueTag } from '../../support/scene.js';
import { keepScreenshot } from '../support/artifacts.js';
import { useBrowserScene } from '../support/scene.js';
import { download, readXlsx } from '../support/ui.js';

const scene = useBrowserScene();

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe("the auditor's day", { timeout: 90_000 }, () => {
  it("finds one project's history by its number, reads it in names, and exports it with the chain check", async () => {
    // a project in GIA review: the auditor oversees it (drafts are their unit's own); and another one, not asked for
    const project = (await projectIn(scene.api, 'GIA_REVIEW', { overrides: { name: `${BASICS.name}·${uniqueTag()}` } })).body as { id: string; code: string; name: string };
    const other = (await projectIn(scene.api, 'GIA_REVIEW', { user: 'dept2', overrides: { name: `${BASICS.name}·${uniqueTag()}` } })).body as { code: string };

    const page = await scene.as('auditor');
    // the auditor lands on the trail, sign-ins left out
    await page.waitForURL('**/audit');
    const table = page.getByTestId('audit-table');
    await expect.poll(() => table.innerText()).toContain('提交审核');
    expect(await table.innerText()).not.toContain('登录');
    expect(await page.getByTestId('audit-sign-ins').isChecked()).toBe(false);

    await page.getByTestId('audit-project').fill(project.code);
    await page.getByTestId('audit-search').click();
    await page.waitForURL(`**/audit?project=${encodeURIComponent(project.code)}`);
    await expect.poll(() => table.innerText()).not.toContain(other.code);
    const rows = (await table.locator('tbody tr.ant-table-row').allInnerTexts()).map((r) => r.replace(/\s+/g, ' '));
    expect(rows.length).toBeGreaterThanOrEqual(4);
    // every row is this project's, read as people read it
    for (const row of rows) {
      expect(row).toContain(`${project.code} ${project.name}`);
      expect(row).not.toMatch(UUID);
      expect(row).not.toContain('登录');
    }
    const text = rows.join('\n');
    expect(text).toContain('创建项目');
    expect(text).toContain('提交审核');
    expect(text).toContain('（dept）');
    expect(await page.getByTestId('audit-count').innerText()).toContain(`已显示 ${rows.length} 条`);
    await keepScreenshot(page, 'auditor-day-1-history');

    // to Excel: the project's rows as shown, and the chain check of the whole trail
    const file = await download(page, 'audit-export');
    expect(file.name).toBe('审计记录.xlsx');
    const sheets = await readXlsx(file.body);
    expect([...sheets.keys()]).toEqual(['审计记录', '审计链校验']);
    const [header, ...records] = sheets.get('审计记录')!;
    const col = (title: string) => header!.indexOf(title);
    expect(records).toHaveLength(rows.length);
    for (const r of records) expect(r[col('对象')]).toBe(`${project.code} ${project.name}`);
    expect(records.map((r) => r[col('操作')])).toEqual(expect.arrayContaining(['创建项目', '提交审核']));
    const checks = Object.fromEntries(sheets.get('审计链校验')!.slice(1).map(([item, value]) => [item, value]));
    expect(checks['审计链完整']).toBe('是');
    expect(checks['本表导出记录数 / 符合条件记录数']).toBe(`${rows.length} / ${rows.length}`);

    // from the project's own page, its trail is one click away, and the address keeps the filter
    await page.goto(`/review/projects/${project.id}`);
    await page.getByTestId('audit-trail-link').click();
    await page.waitForURL(`**/audit?project=${encodeURIComponent(project.code)}`);
    expect(await page.getByTestId('audit-project').inputValue()).toBe(project.code);
    await page.reload();
    await expect.poll(() => page.getByTestId('audit-table').locator('tbody tr.ant-table-row').count()).toBe(rows.length);
    await page.context().close();
  });
});
