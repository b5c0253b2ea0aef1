import { ownOrganisation } from './row-organisation.js';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cellText, parseRegisterRows, readSheetRows, type SheetRow } from './spreadsheet.js';
import { fillMerges, readXlsxRows, type SheetInfo } from './xlsx-rows.js';
import { zip } from '../test/support/zip-bomb.js';

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

// Workbooks written by hand, as other programs (Excel, WPS, generators) write what exceljs never does.
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
interface HandSheet {
  name: string;
  part: string;
  data: string;
  state?: string;
  target?: string;
  after?: string;
}
function handmade(sheets: HandSheet[], strings: string[] = []): Buffer {
  const entries = [
    // the sheets before the workbook and the shared strings last, as Excel and exceljs order them
    ...sheets.map((s) => ({ name: `xl/worksheets/${s.part}`, content: Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<worksheet ${NS}><sheetData>${s.data}</sheetData>${s.after ?? ''}</worksheet>`) })),
    {
      name: 'xl/workbook.xml',
      content: Buffer.from(`<workbook ${NS}><sheets>${sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      content: Buffer.from(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((s, i) => `<Relationship Id="rId${i + 1}" Type="worksheet" Target="${s.target ?? `worksheets/${s.part}`}"/>`).join('')}</Relationships>`,
      ),
    },
    { name: 'xl/sharedStrings.xml', content: Buffer.from(`<sst ${NS} count="${strings.length}">${strings.join('')}</sst>`) },
  ];
  return zip(entries);
}
const read = async (file: Buffer, info: SheetInfo = {}) => (await readXlsxRows(file, cellText, 100, info)).map((r) => [r.number, r.cells] as const);

describe('reading the sheet XML itself', () => {
  it('reads shared and inline strings, rich text as its runs, phonetic guides left out, references and escapes decoded', async () => {
    const strings = [
      '<si><t>学籍管理</t></si>',
      '<si><r><rPr><b/></rPr><t>电子</t></r><r><t xml:space="preserve"> 证照 </t></r></si>',
      '<si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh><phoneticPr fontId="1"/></si>',
      '<si><t>A&amp;B &lt;1&gt; &#20013;&#x6587;</t></si>',
      '<si><t>第一行_x000D_\n第二行</t></si>',
    ];
    const data =
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row>' +
      '<row r="2"><c r="A2" t="inlineStr"><is><t>内联</t></is></c><c r="B2" t="inlineStr"><is><r><t>富</t></r><r><t>文本</t></r></is></c><c r="C2" t="str"><v>x &amp; y</v></c></row>';
    expect(await read(handmade([{ name: '登记表', part: 'sheet1.xml', data }], strings))).toEqual([
      [1, ['学籍管理', '电子 证照 ', '漢字', 'A&B <1> 中文', '第一行\r\n第二行']],
      [2, ['内联', '富文本', 'x & y']],
    ]);
  });

  it('reads numbers as a person sees them, dates as the serial number stored, booleans, errors, ISO dates', async () => {
    const data =
      '<row r="1"><c r="A1"><v>12.350000000000001</v></c><c r="B1" s="3"><v>44260</v></c><c r="C1" t="b"><v>1</v></c><c r="D1" t="b"><v>0</v></c>' +
      '<c r="E1" t="e"><v>#N/A</v></c><c r="F1" t="d"><v>2021-03-05T00:00:00Z</v></c><c r="G1" t="n"><v>13900000000</v></c></row>';
    const [[, cells]] = await read(handmade([{ name: 'S', part: 'sheet1.xml', data }]));
    expect(cells).toEqual(['12.35', '44260', 'TRUE', 'FALSE', '#N/A', '2021-03-05T00:00:00Z', '13900000000']);
    // the serial number is read as the date it stands for by the import
    const text = (ref: string, t: string) => `<c r="${ref}" t="inlineStr"><is><t>${t}</t></is></c>`;
    const header = `<row r="1">${text('A1', '系统名称')}${text('B1', '业务用途')}${text('C1', '当前部署方式')}${text('D1', '上线日期')}</row>`;
    const row = `<row r="2">${text('A2', '学籍系统')}${text('B2', '学籍管理')}${text('C2', '自建机房')}<c r="D2" s="3"><v>44260</v></c></row>`;
    const parsed = await parseRegisterRows(readSheetRows(handmade([{ name: 'S', part: 'sheet1.xml', data: header + row }]), 'xlsx'), ctx);
    expect(parsed.problems).toEqual([]);
    expect(parsed.entries[0]!.input.launchedOn).toBe('2021-03-05');
  });

  it('keeps row numbers and column letters: missing cells and rows are holes, empty cells end no row, rows without a number follow the last', async () => {
    const data =
      '<row r="2" spans="1:6"><c r="A2" t="inlineStr"><is><t>a</t></is></c><c r="D2"><v>4</v></c><c r="E2" s="1"/><c r="F2" s="1"><v></v></c></row>' +
      '<row r="3" s="2" customFormat="1"/>' +
      '<row><c t="inlineStr"><is><t>x</t></is></c><c t="inlineStr"><is><t>y</t></is></c></row>' +
      '<row r="7"><c r="AA7"><v>1</v></c></row>';
    const rows = await read(handmade([{ name: 'S', part: 'sheet1.xml', data }]));
    expect(rows.map(([n]) => n)).toEqual([2, 3, 4, 7]);
    expect(rows[0]![1]).toEqual(['a', '', '', '4', '', '']);
    expect(rows[1]![1]).toEqual([]);
    expect(rows[2]![1]).toEqual(['x', 'y']);
    expect(rows[3]![1]).toHaveLength(27);
    expect(rows[3]![1][26]).toBe('1');
  });

  it('reads formulas as their cached values (shared formulas too), and as their text without one', async () => {
    const data =
      '<row r="1"><c r="A1"><f>1.2*10</f><v>12</v></c><c r="B1" t="str"><f>"学"&amp;"籍"</f><v>学籍</v></c><c r="C1"><f t="shared" ref="C1:C2" si="0">A1+1</f><v>13</v></c>' +
      '<c r="D1"><f>SUM(A1:A3)</f></c></row>' +
      '<row r="2"><c r="C2"><f t="shared" si="0"/><v>14</v></c></row>';
    expect(await read(handmade([{ name: 'S', part: 'sheet1.xml', data }]))).toEqual([
      [1, ['12', '学籍', '13', '=SUM(A1:A3)']],
      [2, ['', '', '14']],
    ]);
  });

  it('picks the sheet in tab order (not the order of the parts), passes over hidden ones, and fills merged cells', async () => {
    const cell = (text: string) => `<row r="1"><c r="A1" t="inlineStr"><is><t>${text}</t></is></c><c r="B1"><v>2</v></c></row>`;
    const sheets: HandSheet[] = [
      { name: '封面', part: 'sheet3.xml', data: cell('隐藏'), state: 'hidden' },
      { name: '2026年摸底', part: 'sheet2.xml', data: cell('摸底'), after: '<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>' },
      { name: '附表', part: 'sheet1.xml', data: cell('附表'), target: '/xl/worksheets/sheet1.xml' },
    ];
    const info: SheetInfo = {};
    expect(await read(handmade(sheets), info)).toEqual([[1, ['摸底', '摸底']]]);
    expect(info.sheet).toBe('2026年摸底');
    // a visible sheet named like the template's wins, wherever it is; prefixed element names read alike
    const prefixed = `<x:row xmlns:x="urn:x" r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>模板</x:t></x:is></x:c></x:row>`;
    const template: HandSheet = { name: '信息系统登记表', part: 'sheet4.xml', data: prefixed };
    expect(await read(handmade([...sheets, template]), info)).toEqual([[1, ['模板']]]);
    expect(info.sheet).toBe('信息系统登记表');
  });

  it('stops after the first row numbered above the limit', async () => {
    const data = Array.from({ length: 5 }, (_, i) => `<row r="${(i + 1) * 60}"><c r="A${(i + 1) * 60}"><v>${i}</v></c></row>`).join('');
    expect((await read(handmade([{ name: 'S', part: 'sheet1.xml', data }]))).map(([n]) => n)).toEqual([60, 120]);
  });

  it('reads every character of a large sheet (exceljs cut characters split between two chunks into �)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('信息系统登记表');
    const names = Array.from({ length: 3000 }, (_, i) => `基准导入系统${i}号（测试）`);
    for (const name of names) ws.addRow([name, '业务办理']);
    const rows = await readXlsxRows(await xlsx(wb), cellText, 10_000);
    expect(rows.map((r) => r.cells[0])).toEqual(names);
  });

  it('answers 400 for XML that is not well formed, and the archive limits as the inspection words them', async () => {
    const broken = handmade([{ name: 'S', part: 'sheet1.xml', data: '<row r="1"><c r="A1"><v>1</v></row>' }]);
    await expect(parseRegisterRows(readSheetRows(broken, 'xlsx'), ctx)).rejects.toMatchObject({ status: 400, code: 'IMPORT_UNREADABLE' });
    const bomb = handmade([{ name: 'S', part: 'sheet1.xml', data: `<row r="1"><c r="A1" t="inlineStr"><is><t>${' '.repeat(4 * 1024 * 1024)}</t></is></c></row>` }]);
    const limits = { maxUncompressedBytes: 64 * 1024 * 1024, maxRatio: 100, maxEntries: 50, maxDepth: 1 };
    await expect(parseRegisterRows(readSheetRows(bomb, 'xlsx', {}, limits), ctx)).rejects.toMatchObject({ status: 422, code: 'ARCHIVE_SUSPICIOUS', params: { reason: 'ratio' } });
  });
});

describe('a workbook without its workbook part', () => {
  it('reads the worksheets as the archive holds them', async () => {
    const file = zip([{ name: 'xl/worksheets/sheet1.xml', content: Buffer.from(`<worksheet ${NS}><sheetData><row r="1"><c r="A1"><v>7</v></c></row></sheetData></worksheet>`) }]);
    const info: SheetInfo = {};
    expect(await read(file, info)).toEqual([[1, ['7']]]);
    expect(info.sheet).toBe('Sheet1');
  });
});
