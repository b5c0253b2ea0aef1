// The city-wide survey (摸底) in the browser: the sub-center uploads one sheet of several organisations' systems, one
// organisation misspelt, sees that row refused with the suggested organisation and nothing imported, uploads the
// corrected sheet and finds each system under its organisation. The administrator gives an organisation an alias in
// the organisation form.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newContext } from './support/browser.js';
import { useBrowserScene } from './support/scene.js';
import { signIn } from './support/ui.js';

const scene = useBrowserScene();

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function as(username: string): Promise<Page> {
  const page = await (await newContext(scene.browser, scene.t.url)).newPage();
  await signIn(page, username);
  return page;
}

async function survey(rows: [string, string][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('摸底汇总');
  ws.addRow(['填报单位', '系统名称', '业务用途', '当前部署方式', '联系人', '联系电话']);
  for (const [org, name] of rows) ws.addRow([org, name, '业务办理', '自建机房', '王工', '13900000000']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('the city-wide survey import', () => {
  it('shows an unknown organisation with the closest names, then imports the corrected sheet for every organisation', async () => {
    const page = await as('bdc');
    await page.goto(`${scene.t.url}/migration/systems`);
    const panel = page.getByTestId('import-panel');
    await panel.getByText('全市摸底汇总导入').waitFor();
    const input = panel.locator('input[type=file]');

    await input.setInputFiles({ name: '全市摸底.xlsx', mimeType: XLSX, buffer: await survey([['市教育局', '摸底学籍系统'], ['运城市卫生健康委员', '摸底健康档案'], ['临猗县', '摸底县域办公']]) });
    const result = page.getByTestId('import-result');
    await expect.poll(() => result.innerText()).toContain('未导入任何系统');
    const problems = page.getByTestId('import-problems').locator('tbody tr.ant-table-row');
    expect(await problems.count()).toBe(1);
    const cells = (await problems.first().locator('td').allInnerTexts()).map((s) => s.trim());
    expect(cells.slice(0, 3)).toEqual(['3', '所属单位', 'A3']);
    expect(cells[3]).toContain('无法识别单位「运城市卫生健康委员」');
    expect(await page.getByTestId('import-suggestions').first().innerText()).toContain('运城市卫生健康委员会');

    await input.setInputFiles({ name: '全市摸底（修改）.xlsx', mimeType: XLSX, buffer: await survey([['市教育局', '摸底学籍系统'], ['市卫健委', '摸底健康档案'], ['临猗县', '摸底县域办公']]) });
    // the preview first: the organisation column read as 所属单位, three systems, nothing written until confirmed
    const preview = page.getByTestId('import-preview');
    await expect.poll(() => preview.innerText()).toContain('「全市摸底（修改）.xlsx」校验通过：共 3 个系统');
    expect(await page.getByTestId('import-mapping').innerText()).toContain('所属单位');
    await page.getByTestId('import-confirm').click();
    await expect.poll(() => result.innerText()).toContain('已从「全市摸底（修改）.xlsx」导入 3 个系统。');
    expect(await result.innerText()).toContain('登记到 3 个单位名下。');
    const table = page.getByTestId('systems-table');
    await expect.poll(() => table.innerText()).toContain('摸底健康档案');
    expect(await table.innerText()).toContain('运城市卫生健康委员会');
    await page.context().close();
  });

  it('lets the administrator give an organisation an alias, refusing one that names another organisation', async () => {
    const page = await as('admin');
    await page.goto(`${scene.t.url}/admin/orgs`);
    await page.getByTestId('org-edit-HRSS').click();
    await page.getByTestId('org-alias-input').fill('运城市人事局');
    await page.getByTestId('org-alias-add').click();
    await page.getByTestId('org-alias-运城市人事局').waitFor();
    // a name that stands for another organisation is refused, saying whose it is
    await page.getByTestId('org-alias-input').fill('市教育局');
    await page.getByTestId('org-alias-add').click();
    await expect.poll(() => page.getByTestId('org-aliases').innerText()).toContain('运城市教育局');
    await page.context().close();
  });
});
