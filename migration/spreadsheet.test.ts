import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { IMPORT_COLUMNS, REGISTER_COLUMNS, type RegisterRow } from './columns.js';
import { ownOrganisation } from './row-organisation.js';
import { MAX_IMPORT_ROWS, cellText, decodeCsv, detectFormat, parseRegisterRows, readSheetRows, registerExport, registerTemplate, type SheetRow } from './spreadsheet.js';

const ctx = { locale: 'zh-CN' as const, rowOrg: ownOrganisation({ id: 'edu', code: 'EDU', name: '运城市教育局' }) };
const HEADER = ['系统名称', '所属单位', '业务用途', '当前部署方式', '部署位置', '等保级别', '等保备案号', '是否涉密', '操作系统', '数据库', '中间件', '信创适配情况', '数据量（GB）', '用户数', '依赖系统', '联系人', '联系电话', '联系邮箱', '年运维费用（元）'];

async function* rowsOf(rows: string[][]): AsyncGenerator<SheetRow> {
  let n = 0;
  for (const cells of rows) yield { number: ++n, cells };
}
const parse = (rows: string[][]) => parseRegisterRows(rowsOf(rows), ctx);
const good = (name: string, over: Partial<Record<string, string>> = {}) =>
  HEADER.map((h) => over[h] ?? ({ 系统名称: name, 业务用途: '学籍管理', 当前部署方式: '自建机房', 等保级别: '第三级', 联系人: '张三；李四', 联系电话: '0359-1234567；13800000000', 数据量: '' } as Record<string, string>)[h] ?? '');

describe('reading register rows', () => {
  it('turns good rows into register entries, labels into codes, lists into arrays', async () => {
    const r = await parse([HEADER, good('学籍系统', { 依赖系统: '统一身份认证、电子证照', '数据量（GB）': '1,024.5', 用户数: '3000', 信创适配情况: '部分适配', 是否涉密: '否', '年运维费用（元）': '120000' })]);
    expect(r.problems).toEqual([]);
    expect(r.entries).toHaveLength(1);
    expect(r.entries[0]).toEqual({
      row: 2,
      input: {
        name: '学籍系统',
        purpose: '学籍管理',
        hosting: 'OWN_ROOM',
        mlpsLevel: 3,
        classified: false,
        xinchuang: 'PARTIAL',
        dataVolumeGb: 1024.5,
        userCount: 3000,
        dependencies: ['统一身份认证', '电子证照'],
        contacts: [
          { name: '张三', phone: '0359-1234567' },
          { name: '李四', phone: '13800000000' },
        ],
        annualOmCost: 120000,
      },
      orgId: 'edu',
    });
  });

  it('finds the header below a title row and skips empty rows, counting them', async () => {
    const r = await parse([['运城市教育局信息系统登记表'], [], HEADER, good('A'), HEADER.map(() => ''), good('B'), ['', '  ']]);
    expect(r.problems).toEqual([]);
    expect(r.entries.map((e) => [e.row, e.input.name])).toEqual([
      [4, 'A'],
      [6, 'B'],
    ]);
    expect(r.skippedEmptyRows).toBe(2);
  });

  it('accepts English headers, asterisks and full-width brackets', async () => {
    const header = HEADER.map((h) => IMPORT_COLUMNS.find((c) => c.header['zh-CN'] === h)!.header.en);
    header[0] = 'System name *';
    expect((await parse([header, good('A')])).entries).toHaveLength(1);
    expect((await parse([HEADER.map((h) => (h === '数据量（GB）' ? '数据量(GB)*' : h)), good('A')])).problems).toEqual([]);
  });

  it('reports wrong headers on the header row and reads no data', async () => {
    const r = await parse([['名称', '业务用途', '部署', '备注'], ['A', 'x', '自建机房', '']]);
    expect(r.entries).toEqual([]);
    expect(r.problems.map((p) => [p.code, p.line, p.cell ?? p.column])).toEqual([
      ['import.header_unknown', 1, 'A1'],
      ['import.header_unknown', 1, 'C1'],
      ['import.header_unknown', 1, 'D1'],
      ['import.header_missing', 1, '系统名称'],
      ['import.header_missing', 1, '当前部署方式'],
    ]);
    expect(r.problems[0]!.message).toBe('第1行：无法识别的列名「名称」，请使用模板中的列名');
  });

  it('reports every bad cell with its row, column and reason, and imports nothing', async () => {
    const r = await parse([
      HEADER,
      good('A'),
      good('B', { 当前部署方式: '云上', 等保级别: '五级' }),
      good('', { 用户数: '12.5' }),
      good('D', { 联系电话: '0359-1234567' }),
      good('E', { 所属单位: '市卫生健康委员会' }),
    ]);
    expect(r.entries).toEqual([]);
    expect(r.problems.map((p) => [p.line, p.column, p.code, p.cell])).toEqual([
      [3, '当前部署方式', 'import.invalid_choice', 'D3'],
      [3, '等保级别', 'import.invalid_choice', 'F3'],
      [4, '用户数', 'import.not_an_integer', 'N4'],
      [5, '联系电话', 'import.contacts_mismatch', 'Q5'],
      [6, '所属单位', 'import.not_own_org', 'B6'],
    ]);
    expect(r.problems[0]!.message).toBe('第3行「当前部署方式」：「云上」不是可选值，可选：自建机房、行业云、县级云、其他服务商、市政务云');
  });

  it('reports a missing required value through the same schema as the API', async () => {
    const r = await parse([HEADER, good('A', { 业务用途: '' }), good('B', { 联系邮箱: 'not-mail；x@y.cn' })]);
    expect(r.problems.map((p) => [p.line, p.field, p.code])).toEqual([
      [2, 'purpose', 'field.required'],
      [3, 'contactEmails', 'field.invalid_format'],
    ]);
  });

  it('reports a name repeated in the file on the repeat, naming the first row', async () => {
    const r = await parse([HEADER, good('A'), good('B'), good('A')]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ line: 4, field: 'name', code: 'import.duplicate_in_file' });
    expect(r.problems[0]!.message).toContain('首次出现于第2行');
  });

  it('stops listing after 200 problems and says how many more there are', async () => {
    const rows = [HEADER, ...Array.from({ length: 250 }, (_, i) => good(`S${i}`, { 当前部署方式: '?' }))];
    const r = await parse(rows);
    expect(r.problems).toHaveLength(201);
    expect(r.problems[200]).toMatchObject({ code: 'import.more_problems', message: '另有 50 处问题未逐条列出' });
  });

  it('refuses a file of more rows than one import takes', async () => {
    const rows = [HEADER, ...Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => good(`S${i}`))];
    const r = await parse(rows);
    expect(r.entries).toEqual([]);
    expect(r.problems.map((p) => p.code)).toEqual(['import.too_many_rows']);
  });

  it('refuses a file padded with more blank rows than a register has', async () => {
    async function* padded(): AsyncGenerator<SheetRow> {
      yield { number: 1, cells: HEADER };
      yield { number: 2, cells: good('A') };
      for (let n = 3; n < 10 * MAX_IMPORT_ROWS; n++) yield { number: n, cells: [] };
    }
    const r = await parseRegisterRows(padded(), ctx);
    expect(r.problems.map((p) => [p.code, p.line])).toEqual([['import.too_many_rows', 5 * MAX_IMPORT_ROWS + 1]]);
  });

  it('refuses text PostgreSQL cannot store', async () => {
    const r = await parse([HEADER, good('A\u0000B')]);
    expect(r.problems.map((p) => [p.line, p.field, p.code])).toEqual([[2, 'name', 'field.invalid_characters']]);
  });

  it('refuses a file without systems', async () => {
    expect((await parse([HEADER, []])).problems.map((p) => p.code)).toEqual(['import.no_rows']);
    expect((await parse([])).problems.map((p) => p.code)).toEqual(['import.no_rows']);
  });
});

describe('files', () => {
  it('tells XLSX, CSV and the old binary format apart by content', () => {
    expect(detectFormat(Buffer.from('PK\u0003\u0004rest', 'latin1'))).toBe('xlsx');
    expect(detectFormat(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe('xls');
    expect(detectFormat(Buffer.from('系统名称,业务用途\n'))).toBe('csv');
    expect(detectFormat(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]))).toBeNull();
  });

  it('reads CSV saved by Excel in China (GB18030) as well as UTF-8', () => {
    const gbk = Buffer.from([0xcf, 0xb5, 0xcd, 0xb3, 0xc3, 0xfb, 0xb3, 0xc6]); // 系统名称 in GBK
    expect(decodeCsv(gbk)).toBe('系统名称');
    expect(decodeCsv(Buffer.from('\uFEFF系统名称'))).toBe('系统名称');
  });

  it('reads a formula as the value the file last computed (never evaluating it), else as its text', () => {
    expect(cellText({ formula: 'B2*12', result: 14.4 })).toBe('14.4');
    expect(cellText({ formula: "cmd|' /C calc'!A0" })).toBe("=cmd|' /C calc'!A0");
    expect(cellText(12.350000000000001)).toBe('12.35');
    expect(cellText({ richText: [{ text: '行业' }, { text: '云' }] })).toBe('行业云');
    expect(cellText(13800000000)).toBe('13800000000');
  });

  it('reads the first sheet of an XLSX as a stream, formula cells as text', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('登记表');
    ws.addRow(HEADER);
    ws.addRow(good('A'));
    ws.getCell('A3').value = { formula: "cmd|' /C calc'!A0", result: 0 } as never;
    ws.getCell('C3').value = '=1+1 用途';
    ws.getCell('D3').value = '市政务云';
    wb.addWorksheet('说明').addRow(['不应读取']);
    const rows: SheetRow[] = [];
    for await (const r of readSheetRows(Buffer.from(await wb.xlsx.writeBuffer()), 'xlsx')) rows.push(r);
    expect(rows.map((r) => r.number)).toEqual([1, 2, 3]);
    expect(rows[2]!.cells.slice(0, 4)).toEqual(["=cmd|' /C calc'!A0", '', '=1+1 用途', '市政务云']);
  });

  it('reads CSV cells as the text they are (no number or date guessing)', async () => {
    const csv = Buffer.from(`\uFEFF${HEADER.join(',')}\n"A,1",,用途,自建机房,,0003,2024-01-01\n`);
    const rows: SheetRow[] = [];
    for await (const r of readSheetRows(csv, 'csv')) rows.push(r);
    expect(rows[1]!.cells.slice(0, 7)).toEqual(['A,1', '', '用途', '自建机房', '', '0003', '2024-01-01']);
  });

  it('answers 400 for a damaged XLSX', async () => {
    const read = async () => {
      for await (const _ of readSheetRows(Buffer.from('PK\u0003\u0004garbage', 'latin1'), 'xlsx')) void _;
    };
    await expect(read()).rejects.toMatchObject({ code: 'IMPORT_UNREADABLE', status: 400 });
  });
});

const ROW: RegisterRow = {
  code: 'EDU-XT-0001',
  orgName: '运城市教育局',
  name: "=cmd|' /C calc'!A0",
  purpose: '+学籍',
  hosting: 'INDUSTRY_CLOUD',
  location: '@省教育厅云',
  mlpsLevel: 2,
  mlpsFilingNo: null,
  classified: false,
  os: '麒麟',
  database: null,
  middleware: null,
  xinchuang: 'FULL',
  dataVolumeGb: 12.5,
  userCount: 30,
  dependencies: ['统一身份认证', '-数据交换'],
  contacts: [{ name: '张三', phone: '+86 13800000000' }],
  annualOmCost: 1000,
  launchedOn: '2020-06-01',
  status: 'ASSESSED',
  strategy: 'REHOST',
  effort: 'LOW',
  risk: 'HIGH',
  targetPlanCodes: ['vm-general-4c8g'],
  waveName: '第一批',
  blockingIssues: [],
  blockedReason: null,
  updatedAt: '2026-11-25T00:00:00.000Z',
};

describe('export and template', () => {
  it('neutralises every cell a spreadsheet program would run, and writes numbers as numbers', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await registerExport([ROW], 'xlsx', 'zh-CN')) as never);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, ...REGISTER_COLUMNS.map((c) => c.header['zh-CN'])]);
    const cell = (header: string) => ws.getRow(2).getCell(REGISTER_COLUMNS.findIndex((c) => c.header['zh-CN'] === header) + 1);
    expect(cell('系统名称').value).toBe("'=cmd|' /C calc'!A0");
    expect(cell('系统名称').formula).toBeUndefined();
    expect(cell('业务用途').value).toBe("'+学籍");
    expect(cell('部署位置').value).toBe("'@省教育厅云");
    expect(cell('依赖系统').value).toBe('统一身份认证；-数据交换');
    expect(cell('联系电话').value).toBe("'+86 13800000000");
    expect(cell('当前部署方式').value).toBe('行业云');
    expect(cell('等保级别').value).toBe('第二级');
    expect(cell('数据量（GB）').value).toBe(12.5);
    expect(cell('迁移策略').value).toBe('直接迁移');
  });

  it('reads its own export back to the same register entry', async () => {
    const file = await registerExport([ROW], 'csv', 'zh-CN');
    const r = await parseRegisterRows(readSheetRows(file, 'csv'), ctx);
    expect(r.problems).toEqual([]);
    expect(r.entries[0]!.input).toMatchObject({ name: ROW.name, purpose: ROW.purpose, location: ROW.location, contacts: ROW.contacts, dependencies: ROW.dependencies, mlpsLevel: 2, xinchuang: 'FULL' });
  });

  it('offers a Chinese template with drop-downs and instructions, which reads as an empty register', async () => {
    const wb = new ExcelJS.Workbook();
    const file = await registerTemplate('xlsx', 'zh-CN');
    await wb.xlsx.load(file as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['信息系统登记表', '填写说明', '可接受的写法']);
    expect(wb.worksheets[0]!.getRow(1).getCell(1).value).toBe('系统名称*');
    expect(wb.worksheets[0]!.getCell('D2').dataValidation).toMatchObject({ type: 'list', formulae: ['"自建机房,行业云,县级云,其他服务商,市政务云"'] });
    const r = await parseRegisterRows(readSheetRows(file, 'xlsx'), ctx);
    expect(r.problems.map((p) => p.code)).toEqual(['import.no_rows']);
    const csv = (await registerTemplate('csv', 'zh-CN')).toString('utf8');
    expect(csv).toBe(`\uFEFF${IMPORT_COLUMNS.map((c) => (c.required ? `${c.header['zh-CN']}*` : c.header['zh-CN'])).join(',')}`);
  });
});
