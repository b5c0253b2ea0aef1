// The tolerant register import through HTTP: the preview (writes nothing; shows the mapping and every problem),
// then the same file imported; a sheet as an office really fills it (two-row header, 万元, Excel dates, the
// spellings people use) stored with the right values; the limits (20 MiB: 413, 50,000 systems: 422).
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { uniqueTag } from '../support/migration-factories.js';
import { useScene } from '../support/scene.js';

const scene = useScene();

async function upload(path: string, user: string, file: Buffer, name = 'register.xlsx') {
  return scene.t.http.post(path).set(await scene.t.as(user)).attach('file', file, name);
}
const preview = (user: string, file: Buffer, name?: string) => upload('/api/migration/systems/import/preview', user, file, name);
const importFile = (user: string, file: Buffer, name?: string) => upload('/api/migration/systems/import', user, file, name);
async function count(user = 'dept') {
  const res = await scene.t.http.get('/api/migration/systems').query({ pageSize: 1 }).set(await scene.t.as(user));
  return res.body.total as number;
}

/** A 摸底 sheet as an office fills it: a hidden cover sheet, a title, a two-row header with merged groups, 万元, dates. */
async function officeSheet(tag: string, over: { secondHosting?: string } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('填报须知', { state: 'hidden' }).addRow(['本页不导入']);
  const ws = wb.addWorksheet('摸底表');
  ws.addRow(['运城市教育局政务信息系统迁移摸底表']);
  ws.mergeCells('A1:K1');
  ws.addRow(['序号', '信息系统名称', '基本信息', '', '', '安全情况', '', '联系人信息', '', '年运维费用（万元）', '上线时间']);
  ws.addRow(['', '', '主要功能', '部署方式', '部署地点', '等保等级', '是否涉密', '联系人', '联系方式', '', '']);
  for (const range of ['A2:A3', 'B2:B3', 'C2:E2', 'F2:G2', 'H2:I2', 'J2:J3', 'K2:K3']) ws.mergeCells(range);
  ws.addRow([1, `学籍管理系统${tag}`, '全市中小学学籍管理', '自有机房', '教育局三楼机房', '二级', '否', '张老师', '0359-1234567', 12.5, new Date(Date.UTC(2019, 8, 1))]);
  ws.addRow([2, `招生报名系统${tag}`, '中考招生报名', over.secondHosting ?? '县政务云', '盐湖区政务云', '等保三级', '×', '李老师', '13900000000', { formula: '0.35*1', result: 0.35 }, '2021年3月5日']);
  ws.addRow([3, `教师培训平台${tag}`, '教师继续教育', '第三方托管', '', 'level 2', 'N', '王老师', '13900000001', '8', '2020.10.8']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('previewing an import', () => {
  it('writes nothing, shows the mapping and every problem; the corrected file then imports as previewed', async () => {
    const tag = uniqueTag();
    const before = await count();
    const bad = await preview('dept', await officeSheet(tag, { secondHosting: '云上' }));
    expect(bad.status, bad.text).toBe(200);
    expect(bad.body).toMatchObject({ format: 'xlsx', sheet: '摸底表', headerRows: [2, 3], rowsRead: 3, importable: false });
    expect(bad.body.mapping.map((m: { cell: string; field: string | null }) => [m.cell, m.field])).toEqual([
      ['A', null],
      ['B', 'name'],
      ['C', 'purpose'],
      ['D', 'hosting'],
      ['E', 'location'],
      ['F', 'mlpsLevel'],
      ['G', 'classified'],
      ['H', 'contactNames'],
      ['I', 'contactPhones'],
      ['J', 'annualOmCost'],
      ['K', 'launchedOn'],
    ]);
    expect(bad.body.mapping[9]).toMatchObject({ header: '年运维费用（万元）', label: '年运维费用（元）', unit: '万元', unitSource: 'header' });
    expect(bad.body.problems).toEqual([
      expect.objectContaining({ code: 'import.invalid_choice', line: 5, cell: 'D5', field: 'hosting', message: expect.stringContaining('「云上」不是可选值') }),
    ]);
    expect(bad.body.rows.map((r: { row: number }) => r.row)).toEqual([4, 6]);
    // the import refuses the same file with the same problem
    const refused = await importFile('dept', await officeSheet(tag, { secondHosting: '云上' }));
    expect(refused.status).toBe(422);
    expect(refused.body.violations).toEqual(bad.body.problems);
    expect(await count()).toBe(before);

    const good = await officeSheet(tag);
    const ok = await preview('dept', good);
    expect(ok.body).toMatchObject({ importable: true, problems: [], rowsRead: 3 });
    expect(ok.body.rows[0]).toEqual({
      row: 4,
      values: {
        name: `学籍管理系统${tag}`,
        purpose: '全市中小学学籍管理',
        hosting: 'OWN_ROOM',
        location: '教育局三楼机房',
        mlpsLevel: 2,
        classified: false,
        contacts: [{ name: '张老师', phone: '0359-1234567' }],
        annualOmCost: 125000,
        launchedOn: '2019-09-01',
      },
    });
    expect(await count()).toBe(before);
    const audit = await scene.as('auditor').get('/api/audit/events', { action: 'migration.import' });
    expect(audit.body.items.some((e: { detail: { firstCode?: string } }) => JSON.stringify(e).includes(tag))).toBe(false);

    const done = await importFile('dept', good);
    expect(done.status, done.text).toBe(201);
    expect(done.body.imported).toBe(3);
    expect(await count()).toBe(before + 3);
    // previewed again, the names are now taken: the preview says so as the import would
    const again = await preview('dept', good);
    expect(again.body.importable).toBe(false);
    expect(again.body.problems.map((p: { code: string; cell?: string; line: number }) => [p.code, p.line])).toEqual([
      ['import.duplicate_existing', 4],
      ['import.duplicate_existing', 5],
      ['import.duplicate_existing', 6],
    ]);
  });

  it('stores an office sheet’s values right: 万元 as 元, Excel and Chinese dates, the spellings offices use', async () => {
    const tag = uniqueTag();
    const res = await importFile('dept', await officeSheet(tag));
    expect(res.status, res.text).toBe(201);
    const list = await scene.as('dept').get('/api/migration/systems', { q: tag, pageSize: 10 });
    const stored = Object.fromEntries(
      list.body.items.map((s: Record<string, unknown>) => [String(s.name).replace(tag, ''), [s.hosting, s.mlpsLevel, s.classified, s.annualOmCost, s.launchedOn]]),
    );
    expect(stored).toEqual({
      学籍管理系统: ['OWN_ROOM', 2, false, 125000, '2019-09-01'],
      招生报名系统: ['COUNTY_CLOUD', 3, false, 3500, '2021-03-05'],
      教师培训平台: ['OTHER_PROVIDER', 2, false, 80000, '2020-10-08'],
    });
    // exported, the date and the amount in 元 come back in the template's columns
    const exported = await scene.t.http.get('/api/migration/systems/export').query({ format: 'csv', q: tag }).set(await scene.t.as('dept'));
    const lines = exported.text.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    const header = lines[0]!.split(',');
    const first = lines.find((l) => l.includes(`学籍管理系统${tag}`))!.split(',');
    expect(first[header.indexOf('年运维费用（元）')]).toBe('125000');
    expect(first[header.indexOf('上线日期')]).toBe('2019-09-01');
  });

  it('is for those who may import, and keeps the limits: 20 MiB (413) and 50,000 systems (422)', async () => {
    const csv = Buffer.from('\uFEFF系统名称,业务用途,当前部署方式\nA,x,自建机房\n');
    for (const who of ['gia', 'auditor', 'finance']) expect((await preview(who, csv, 'x.csv')).status, who).toBe(403);
    expect((await scene.t.http.post('/api/migration/systems/import/preview').attach('file', csv, 'x.csv')).status).toBe(401);
    expect((await preview('dept', Buffer.from('%PDF-1.7\n\u0000'), 'x.pdf')).status).toBe(415);

    const big = Buffer.alloc(20 * 1024 * 1024 + 1, 0x41);
    const tooLarge = await preview('dept', big, 'big.csv');
    expect([tooLarge.status, tooLarge.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(tooLarge.body.message).toContain('20 MiB');

    const many = Buffer.from('\uFEFF系统名称,业务用途,当前部署方式\n' + Array.from({ length: 50_001 }, (_, i) => `S${i},x,自建机房`).join('\n'));
    for (const send of [preview, importFile]) {
      const res = await send('dept', many, 'many.csv');
      expect([res.status, res.body.code]).toEqual([422, 'IMPORT_TOO_MANY_ROWS']);
      expect(res.body.message).toContain('50000');
    }
  });
});
