// The register of legacy systems in the browser: a department downloads the template the server makes, fills in
// its systems (one row wrong), sees the rejected row with its column and reason and nothing imported, imports the
// corrected file and sees its systems, and the migration board counts them; it registers a system through the form
// (the server's refusals shown on the field at fault), changes it (a stale If-Match says so and reloads) and
// withdraws it. GIA reads every organisation's register, read-only, and exports it. The sub-center creates a wave,
// assesses a system and moves it through the migration in the browser, blocking it once on the way.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiClient } from './support/api.js';
import { newContext } from './support/browser.js';
import { useBrowserScene } from './support/scene.js';
import { download, pickOption, signIn } from './support/ui.js';
import { keepScreenshot } from './support/artifacts.js';

const scene = useBrowserScene();

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const IMPORTED = ['学籍管理系统', '校园安防系统', '教育门户网站'];

async function as(username: string): Promise<Page> {
  const page = await (await newContext(scene.browser, scene.t.url)).newPage();
  await signIn(page, username);
  return page;
}

const kpi = async (page: Page, id: string) => Number((await page.getByTestId(id).locator('.zy-kpi-value').innerText()).replace(/,/g, ''));
const tableRows = (page: Page) => page.getByTestId('systems-table').locator('tbody tr.ant-table-row');
/** the validation message under a labelled form field */
const fieldError = (page: Page, label: string) => page.locator('.ant-form-item', { has: page.getByLabel(label, { exact: true }) }).locator('.ant-form-item-explain-error');

async function boardCounts(page: Page) {
  await page.goto('/board?refresh=2');
  await page.getByTestId('kpi-systems').waitFor();
  return { systems: await kpi(page, 'kpi-systems'), outside: await kpi(page, 'kpi-outside') };
}

describe('migration register', { timeout: 120_000 }, () => {
  it('a department imports its register from the server’s template, a bad row first, and the board counts the systems', async () => {
    const page = await (await newContext(scene.browser, scene.t.url)).newPage();
    const before = await boardCounts(page);

    await signIn(page, 'dept');
    await page.getByTestId('main-menu').getByRole('link', { name: '我的信息系统' }).click();
    await page.waitForURL('**/migration/systems');
    await page.getByRole('heading', { name: '我的信息系统' }).waitFor();
    await page.getByText('本单位还没有登记信息系统').waitFor();

    // the template: an XLSX the server made, in Chinese, with its instructions sheet
    const template = await download(page, 'template-xlsx');
    expect(template.name).toBe('政务信息系统目录登记模板.xlsx');
    expect(template.body.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template.body as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['信息系统登记表', '填写说明', '可接受的写法']);
    expect(wb.creator).toBe('Zhengyun');
    const sheet = wb.worksheets[0]!;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    expect(header.slice(0, 4)).toEqual(['系统名称*', '所属单位', '业务用途*', '当前部署方式*']);
    // the hosting choices as the instructions sheet lists them
    const hints = wb.worksheets[1]!;
    let hostings: string[] = [];
    hints.eachRow((r) => {
      if (r.getCell(1).value === '当前部署方式') hostings = String(r.getCell(3).value).split('、');
    });
    expect(hostings).toEqual(expect.arrayContaining(['自建机房', '行业云', '市政务云']));

    // three good rows and one with a hosting that is not a choice (row 5)
    const fill = (row: number, cells: Record<string, string>) => {
      for (const [h, v] of Object.entries(cells)) sheet.getRow(row).getCell(header.indexOf(h) + 1).value = v;
    };
    const contact = { 联系人: '王工', 联系电话: '0359-2020202' };
    fill(2, { '系统名称*': IMPORTED[0]!, '业务用途*': '全市中小学学籍管理', '当前部署方式*': '自建机房', 部署位置: '市教育局三楼机房', 等保级别: '第三级', ...contact });
    fill(3, { '系统名称*': IMPORTED[1]!, '业务用途*': '校园视频监控', '当前部署方式*': '行业云', 部署位置: '省教育厅行业云', ...contact });
    fill(4, { '系统名称*': IMPORTED[2]!, '业务用途*': '教育局门户网站', '当前部署方式*': '市政务云', ...contact });
    fill(5, { '系统名称*': '招生报名系统', '业务用途*': '中考招生报名', '当前部署方式*': '云上', ...contact });
    const input = page.getByTestId('import-panel').locator('input[type=file]');
    await input.setInputFiles({ name: '教育局系统登记表.xlsx', mimeType: XLSX, buffer: Buffer.from(await wb.xlsx.writeBuffer()) });

    const result = page.getByTestId('import-result');
    await expect.poll(() => result.innerText()).toContain('「教育局系统登记表.xlsx」中有 1 处问题，未导入任何系统。');
    const problems = page.getByTestId('import-problems').locator('tbody tr.ant-table-row');
    expect(await problems.count()).toBe(1);
    const cells = (await problems.first().locator('td').allInnerTexts()).map((s) => s.trim());
    expect(cells.slice(0, 3)).toEqual(['5', '当前部署方式', 'D5']);
    expect(cells[3]).toMatch(/^第5行「当前部署方式」：「云上」不是可选值/);
    // nothing was imported
    expect(await page.getByText('本单位还没有登记信息系统').isVisible()).toBe(true);

    // the corrected file: the wrong row taken out
    sheet.spliceRows(5, 1);
    await input.setInputFiles({ name: '教育局系统登记表（修改）.xlsx', mimeType: XLSX, buffer: Buffer.from(await wb.xlsx.writeBuffer()) });
    // the preview first: how each column is read, then the import on confirmation
    await page.getByTestId('import-confirm').click();
    await expect.poll(() => result.innerText()).toContain('已从「教育局系统登记表（修改）.xlsx」导入 3 个系统。');
    expect(await result.innerText()).toContain('系统编号 EDU-XT-0001 至 EDU-XT-0003。');
    expect(await page.getByTestId('import-problems').count()).toBe(0);

    await expect.poll(() => tableRows(page).count()).toBe(3);
    const table = await page.getByTestId('systems-table').innerText();
    for (const name of IMPORTED) expect(table).toContain(name);
    expect(table).toContain('EDU-XT-0002');
    expect(table).toContain('行业云');
    expect(await page.getByTestId('systems-table').getByTestId('system-status').allInnerTexts()).toEqual(['已登记', '已登记', '已登记']);
    // a department sees its own register: no organisation column
    expect(await page.getByTestId('systems-table').locator('thead').innerText()).not.toContain('所属单位');

    // the board: three more systems, two of them outside the city cloud (the portal is already on it)
    await page.goto('/board?refresh=2');
    await expect.poll(() => kpi(page, 'kpi-systems'), { timeout: 15_000 }).toBe(before.systems + 3);
    expect(await kpi(page, 'kpi-outside')).toBe(before.outside + 2);
    await page.context().close();
  });

  it('a department registers a system through the form, changes it, and withdraws it', async () => {
    const page = await as('dept');
    await page.goto('/migration/systems');
    await expect.poll(() => tableRows(page).count()).toBe(3);
    await page.getByTestId('system-new').click();
    await page.getByTestId('system-form').waitFor();

    // a name already registered and a phone number that is not one: the server's refusals, each on its field
    await page.getByLabel('系统名称', { exact: true }).fill('学籍管理系统');
    await page.getByLabel('业务用途', { exact: true }).fill('图书馆借阅管理');
    await pickOption(page, page.getByLabel('当前部署方式', { exact: true }), '自建机房');
    await page.getByLabel('联系人1', { exact: true }).fill('李老师');
    await page.getByLabel('联系人1电话', { exact: true }).fill('不是电话');
    await page.getByTestId('system-save').click();
    await expect.poll(() => fieldError(page, '联系人1电话').innerText()).toBe('格式不正确');
    expect(await fieldError(page, '系统名称').count()).toBe(0);

    // the refusal goes as soon as the value changes
    await page.getByLabel('联系人1电话', { exact: true }).fill('0359-3030303');
    await expect.poll(() => fieldError(page, '联系人1电话').count()).toBe(0);
    await page.getByTestId('system-save').click();
    await expect.poll(() => fieldError(page, '系统名称').innerText()).toBe('本单位已登记名为「学籍管理系统」的系统');

    await page.getByLabel('系统名称', { exact: true }).fill('图书借阅系统');
    await page.getByTestId('system-save').click();
    await page.getByText(/已登记，系统编号 EDU-XT-\d{4}。/).waitFor();
    // the new system opens in the drawer, with its registration in the history
    const drawer = page.getByTestId('system-drawer');
    await expect.poll(() => page.locator('.ant-drawer-title').innerText()).toMatch(/^EDU-XT-\d{4} 图书借阅系统$/);
    expect(await drawer.getByTestId('system-detail').innerText()).toContain('图书馆借阅管理');
    await expect.poll(() => drawer.getByTestId('system-history').innerText()).toContain('登记');
    await expect.poll(() => tableRows(page).count()).toBe(4);

    // someone else changes it meanwhile: the form's save is refused as stale, and the drawer reloads
    const api = apiClient(scene.t.url);
    const list = await api.call('GET', '/api/migration/systems?q=%E5%9B%BE%E4%B9%A6%E5%80%9F%E9%98%85', { as: 'dept' });
    const id = list.body.items[0].id as string;
    const changed = await api.call('PATCH', `/api/migration/systems/${id}`, { as: 'dept', ifMatch: '"v1"', body: { userCount: 1200 } });
    expect(changed.status).toBe(200);
    await page.getByTestId('system-edit').click();
    await page.getByLabel('用户数', { exact: true }).fill('800');
    await page.getByTestId('system-save').click();
    await page.getByText('该数据已被他人修改，已为您重新加载最新内容，请核对后再操作。').waitFor();
    await expect.poll(() => drawer.getByTestId('system-detail').innerText()).toContain('1200');

    // again, on the latest version: saved, and the history names what changed
    await page.getByTestId('system-edit').click();
    await page.getByLabel('用户数', { exact: true }).fill('800');
    await page.getByTestId('system-save').click();
    await page.getByText('已保存。').waitFor();
    await expect.poll(() => drawer.getByTestId('system-detail').innerText()).toContain('800');
    await expect.poll(() => drawer.getByTestId('system-history').getByText('修改内容：用户数').count()).toBe(2);

    // withdrawn: a registration made in error, before assessment
    await page.getByTestId('system-withdraw').click();
    await page.getByTestId('withdraw-confirm').click();
    await page.getByText('已撤回登记。').waitFor();
    await expect.poll(() => tableRows(page).count()).toBe(3);
    expect(await page.getByTestId('systems-table').innerText()).not.toContain('图书借阅系统');
    expect((await api.call('GET', `/api/migration/systems/${id}`, { as: 'dept' })).status).toBe(404);
    await page.context().close();
  });

  it('GIA reads every organisation’s register, read-only, filters it and exports it', async () => {
    const page = await as('gia');
    await page.getByTestId('main-menu').getByRole('link', { name: '迁移登记' }).click();
    await page.waitForURL('**/migration/systems');
    await page.getByRole('heading', { name: '迁移登记' }).waitFor();
    await expect.poll(() => tableRows(page).count()).toBe(3);
    expect(await page.getByTestId('systems-table').locator('thead').innerText()).toContain('所属单位');
    expect(await tableRows(page).first().innerText()).toContain('运城市教育局');
    expect(await page.getByTestId('system-new').count()).toBe(0);
    expect(await page.getByTestId('import-panel').count()).toBe(0);

    // the detail and history, without the owner's actions
    await page.getByTestId('systems-table').getByRole('button', { name: '学籍管理系统' }).click();
    const drawer = page.getByTestId('system-drawer');
    await expect.poll(() => drawer.getByTestId('system-history').innerText()).toContain('由表格第 2 行导入');
    expect(await drawer.getByTestId('system-detail').innerText()).toContain('市教育局三楼机房');
    expect(await page.getByTestId('system-edit').count()).toBe(0);
    expect(await page.getByTestId('system-withdraw').count()).toBe(0);
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });

    // still outside the city cloud: the portal on the city cloud drops out
    await page.getByLabel('仅显示仍在市政务云外的系统').check();
    await expect.poll(() => tableRows(page).count()).toBe(2);
    expect(await page.getByTestId('systems-table').innerText()).not.toContain('教育门户网站');

    // the export follows the filter
    const exported = await download(page, 'export-xlsx');
    expect(exported.name).toBe('政务信息系统目录.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.body as never);
    const names: string[] = [];
    wb.worksheets[0]!.eachRow((r, n) => n > 1 && names.push(String(r.getCell(1).value)));
    expect(names.sort()).toEqual(['学籍管理系统', '校园安防系统'].sort());
    await page.context().close();
  });

  it('the sub-center plans a wave, assesses a system and moves it through the migration, blocked once on the way', async () => {
    const page = await as('bdc');
    await page.getByTestId('main-menu').getByRole('link', { name: '迁移登记' }).click();
    await page.waitForURL('**/migration/systems');

    // a wave first: the finish date cannot be before the start
    await page.getByTestId('wave-new').click();
    await page.getByLabel('批次名称').fill('2027 年第一批');
    await page.getByTestId('wave-create').click();
    await page.getByText('已创建迁移批次“2027 年第一批”').waitFor();

    await page.getByTestId('systems-table').getByRole('button', { name: '学籍管理系统' }).click();
    const drawer = page.getByTestId('system-drawer');
    const actions = drawer.getByTestId('system-actions');
    const status = () => drawer.getByTestId('system-detail').locator('.ant-tag').first().innerText();
    const take = async (action: string, fill?: () => Promise<void>) => {
      await actions.getByTestId(`action-${action}`).click();
      await fill?.();
      await page.getByTestId('transition-confirm').click();
      await page.getByTestId('transition-confirm').waitFor({ state: 'detached' });
    };
    // only what the state allows: a registered system is assessed (or blocked), nothing else
    await actions.waitFor();
    expect((await actions.locator('button').allInnerTexts()).map((x) => x.replace(/\s/g, ''))).toEqual(['迁移评估', '挂起（受阻）']);

    await take('assess', async () => {
      // the strategy is required: the form says so before the server is asked
      await page.getByTestId('transition-confirm').click();
      await page.getByText('请选择迁移策略').waitFor();
      await pickOption(page, page.getByLabel('迁移策略'), '直接迁移');
      await pickOption(page, page.getByLabel('目标服务规格'), 'vm-general-4c8g');
    });
    await expect.poll(status).toBe('已评估');
    expect(await drawer.getByTestId('system-detail').innerText()).toContain('vm-general-4c8g');

    await take('plan', () => pickOption(page, page.getByRole('form', { name: '纳入迁移批次' }).getByRole('combobox'), '2027 年第一批'));
    await expect.poll(status).toBe('已排期');
    await take('start');
    await expect.poll(status).toBe('迁移中');
    await take('block', async () => {
      await page.getByTestId('transition-confirm').click();
      await page.getByText('请填写挂起原因').waitFor();
      await page.getByLabel('挂起原因').fill('原厂商已停止服务，源代码缺失，需重新采购。');
    });
    await expect.poll(status).toBe('受阻挂起');
    await take('unblock');
    await expect.poll(status).toBe('迁移中');
    await take('cut-over');
    await expect.poll(status).toBe('已割接');

    const history = await drawer.getByTestId('system-history').innerText();
    for (const step of ['迁移评估', '纳入迁移批次', '开始迁移', '挂起（受阻）', '解除挂起', '业务割接']) expect(history).toContain(step);
    expect(history).toContain('原厂商已停止服务');
    await keepScreenshot(page, 'migration-ops');
    await page.context().close();

    // what the browser did is what the server holds
    const list = await apiClient(scene.t.url).call('GET', '/api/migration/systems?q=' + encodeURIComponent('学籍管理系统'), { as: 'bdc' });
    expect(list.body.items[0]).toMatchObject({ status: 'CUT_OVER', strategy: 'REHOST', targetPlanCodes: ['vm-general-4c8g'], wave: { name: '2027 年第一批' } });
  });
});
