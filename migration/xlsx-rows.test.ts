import { ownOrganisation } from './row-organisation.js';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cellText, parseRegisterRows, readSheetRows, type SheetRow } from './spreadsheet.js';
import { fillMerges, readXlsxRows, type SheetInfo } from './xlsx-rows.js';

const ctx = { locale: 'zh-CN' as const, rowOrg: ownOrganisation({ id: 'edu', code: 'EDU', name: '运城市教育局' }) };
const xlsx = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());

describe('reading an XLSX as offices send it', () => {
  it('passes over hidden sheets and reads the sheet named like the template’s, else the first visible one', async () => {
    const wb = new ExcelJS.Workbook();
    const cover = wb.addWorksheet('封面', { state: 'hidden' });
    cover.addRow(['不应读取']);
    wb.addWorksheet('说明').addRow(['填表说明']);
    wb.addWorksheet('信息系统登记表').addRow(['系统名称']);
    const info: SheetInfo = {};
    const rows = await readXlsxRows(await xlsx(wb), cellText, 100, info);
    expect(info.sheet).toBe('信息系统登记表');
    expect(rows.map((r) => r.cells)).toEqual([['系统名称']]);

    const other = new ExcelJS.Workbook();
    other.addWorksheet('旧表', { state: 'veryHidden' }).addRow(['不应读取']);
    other.addWorksheet('2026年摸底').addRow(['系统名称']);
    other.addWorksheet('附表').addRow(['附表']);
    const second: SheetInfo = {};
    expect((await readXlsxRows(await xlsx(other), cellText, 100, second)).map((r) => r.cells)).toEqual([['系统名称']]);
    expect(second.sheet).toBe('2026年摸底');
  });

  it('reads merged cells as their value, formulas as their cached values, date cells as dates', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('登记表');
    ws.addRow(['系统名称', '业务用途', '当前部署方式', '年运维费用（万元）', '上线日期']);
    ws.addRow(['A', '学籍管理', '自建机房', { formula: '1.2*10', result: 12 }, new Date(Date.UTC(2021, 2, 5))]);
    ws.addRow(['B', null, '自建机房', 3, new Date(Date.UTC(2019, 11, 31))]);
    ws.mergeCells('B2:B3');
    const file = await xlsx(wb);
    const rows: SheetRow[] = [];
    for await (const r of readSheetRows(file, 'xlsx')) rows.push(r);
    expect(rows[2]!.cells[1]).toBe('学籍管理');
    const r = await parseRegisterRows(readSheetRows(file, 'xlsx'), ctx);
    expect(r.problems).toEqual([]);
    expect(r.entries.map((e) => [e.input.name, e.input.purpose, e.input.annualOmCost, e.input.launchedOn])).toEqual([
      ['A', '学籍管理', 120000, '2021-03-05'],
      ['B', '学籍管理', 30000, '2019-12-31'],
    ]);
  });

  it('fills a merge into every cell it covers, and only there', () => {
    const rows = fillMerges(
      [
        { number: 1, cells: ['基本信息', '', ''] },
        { number: 2, cells: ['x', '', 'y'] },
      ],
      ['A1:B1', 'C2:C9'],
    );
    expect(rows.map((r) => r.cells)).toEqual([
      ['基本信息', '基本信息', ''],
      ['x', '', 'y'],
    ]);
  });
});
