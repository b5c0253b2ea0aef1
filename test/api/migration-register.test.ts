// The legacy system register through HTTP: registering and changing a system (with field-level rules), the
// Chinese template, importing XLSX and CSV (all rows or none, every problem with its row, column and reason),
// 5,000 rows in one go, and the export with formula-like cells neutralised.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { uniqueTag } from '../support/migration-factories.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { useScene } from '../support/scene.js';

const scene = useScene();

const SYSTEM = {
  name: '学籍管理系统',
  purpose: '全市中小学学籍管理',
  hosting: 'OWN_ROOM',
  location: '市教育局三楼机房',
  mlpsLevel: 3,
  mlpsFilingNo: '14080013001-00001',
  os: 'CentOS 7',
  database: 'MySQL 5.7',
  xinchuang: 'NONE',
  dataVolumeGb: 512,
  userCount: 3000,
  dependencies: ['统一身份认证'],
  contacts: [{ name: '张老师', phone: '0359-1234567', email: 'zhang@edu.yuncheng.gov.cn' }],
  annualOmCost: 180000,
};

const HEADER = ['系统名称*', '所属单位', '业务用途*', '当前部署方式*', '部署位置', '等保级别', '等保备案号', '是否涉密', '操作系统', '数据库', '中间件', '信创适配情况', '数据量（GB）', '用户数', '依赖系统', '联系人', '联系电话', '联系邮箱', '年运维费用（元）'];
type Row = Record<string, string>;
const row = (name: string, over: Row = {}): string[] => {
  const base: Row = { '系统名称*': name, '业务用途*': '业务办理', '当前部署方式*': '自建机房', 等保级别: '第二级', 联系人: '王工', 联系电话: '13900000000' };
  return HEADER.map((h) => over[h] ?? base[h] ?? '');
};
const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const csvOf = (rows: string[][]) => Buffer.from('\uFEFF' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n');
async function xlsxOf(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('登记表');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function importAs(user: string, file: Buffer, name = 'register.xlsx', t: TestPlatform = scene.t) {
  return t.http.post('/api/migration/systems/import').set(await t.as(user)).attach('file', file, name);
}
async function count(user = 'dept', query: Record<string, string> = {}, t: TestPlatform = scene.t) {
  const res = await t.http.get('/api/migration/systems').query({ pageSize: 1, ...query }).set(await t.as(user));
  expect(res.status, res.text).toBe(200);
  return res.body.total as number;
}
/** Registers a system as `user`: SYSTEM under a name of its own (`over` may name it). */
async function register(user = 'dept', over: Record<string, unknown> = {}) {
  const res = await scene.as(user).post('/api/migration/systems', { ...SYSTEM, name: `${SYSTEM.name}-${uniqueTag()}`, ...over });
  expect(res.status, res.text).toBe(201);
  return { id: res.body.id as string, etag: res.etag!, body: res.body };
}
const codeNumber = (code: string) => Number(code.slice(-4));
/** The formula-like name and purpose a register must neutralise, imported by dept (the register stores them as text). */
const INJECTED = "=cmd|' /C calc'!A0";
async function importInjected(tag: string) {
  const res = await importAs('dept', csvOf([HEADER, row(`${INJECTED}${tag}`, { '业务用途*': '@SUM(A1:A9)' })]), 'x.csv');
  expect(res.status, res.text).toBe(201);
  return `${INJECTED}${tag}`;
}

describe('registering a system', () => {
  it('lets a department register its own system, numbered for its organisation', async () => {
    const system = { ...SYSTEM, name: `学籍管理系统-${uniqueTag()}` };
    const res = await scene.as('dept').post('/api/migration/systems', system);
    expect(res.status, res.text).toBe(201);
    expect(res.etag).toBe('"v1"');
    expect(res.body).toMatchObject({ code: expect.stringMatching(/^EDU-XT-\d{4}$/), status: 'REGISTERED', org: { code: 'EDU' }, exempt: false, strategy: null, ...system });
    const location = await scene.t.http.get(`/api/migration/systems/${res.body.id}`).set(await scene.t.as('dept'));
    expect(location.body.code).toBe(res.body.code);
    const again = await scene.t.http.post('/api/migration/systems').set(await scene.t.as('dept')).send({ ...system, name: `${system.name}-二` });
    expect(again.headers.location).toBe(`/api/migration/systems/${again.body.id}`);
    // the organisation's next number
    expect(codeNumber(again.body.code)).toBe(codeNumber(res.body.code) + 1);
  });

  it('numbers systems for their organisation from 0001 on a new platform, and never gives a withdrawn number again', async () => {
    // its own platform: the numbers count every registration the platform ever made
    const fresh = await startTestPlatform();
    try {
      const post = async (user: string, body: object) => fresh.http.post('/api/migration/systems').set(await fresh.as(user)).send(body);
      const edu = await post('dept', SYSTEM);
      expect([edu.status, edu.body.code]).toEqual([201, 'EDU-XT-0001']);
      const health = await post('dept2', { ...SYSTEM, hosting: 'INDUSTRY_CLOUD' });
      expect([health.status, health.body.code]).toEqual([201, 'HEALTH-XT-0001']);
      expect(await count('dept2', {}, fresh)).toBe(1);
      expect(await count('gia', {}, fresh)).toBe(2);
      const made = await post('dept', { ...SYSTEM, name: '误登记系统' });
      expect(made.body.code).toBe('EDU-XT-0002');
      expect((await fresh.http.delete(`/api/migration/systems/${made.body.id}`).set(await fresh.as('dept')).set('If-Match', '"v1"')).status).toBe(204);
      const imported = await importAs('dept', csvOf([HEADER, row('招生报名系统'), row('教师培训系统'), row('涉密档案系统'), row('校车管理系统')]), 'x.csv', fresh);
      // EDU-XT-0002 was withdrawn: its number is not given again
      expect(imported.body).toEqual({ imported: 4, skippedEmptyRows: 0, firstCode: 'EDU-XT-0003', lastCode: 'EDU-XT-0006', organisations: 1 });
      const county = await post('county', { ...SYSTEM, name: '盐湖区网格化管理系统', hosting: 'COUNTY_CLOUD' });
      expect(county.body.code).toBe('YANHU-XT-0001');
    } finally {
      await fresh.stop();
    }
  }, 60_000);

  it('refuses assessment fields from the department: unknown on creation, FORBIDDEN_FIELD on a change', async () => {
    const s = await register();
    const created = await scene.as('dept').post('/api/migration/systems', { ...SYSTEM, name: `另一个-${uniqueTag()}`, strategy: 'REHOST' });
    expect(created.status).toBe(400);
    expect(created.body.fields).toContainEqual(expect.objectContaining({ path: 'strategy', code: 'field.unknown' }));
    const patched = await scene.as('dept').patch(`/api/migration/systems/${s.id}`, { userCount: 3500, strategy: 'REHOST', risk: 'LOW' }, s.etag);
    expect(patched.status).toBe(403);
    expect(patched.body.code).toBe('FORBIDDEN_FIELD');
    expect(patched.body.fields.map((f: { path: string }) => f.path).sort()).toEqual(['risk', 'strategy']);
  });

  it('keeps names unique within an organisation, not across organisations', async () => {
    const s = await register();
    const again = await scene.as('dept').post('/api/migration/systems', { ...SYSTEM, name: s.body.name });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('SYSTEM_NAME_TAKEN');
    const other = await scene.as('dept2').post('/api/migration/systems', { ...SYSTEM, name: s.body.name, hosting: 'INDUSTRY_CLOUD' });
    expect(other.status).toBe(201);
    expect(other.body.code).toMatch(/^HEALTH-XT-\d{4}$/);
  });

  it('shows a system to its organisation and the reviewers, hides it from others', async () => {
    const before = { dept: await count('dept'), dept2: await count('dept2'), gia: await count('gia') };
    const s = await register();
    await register('dept2', { hosting: 'INDUSTRY_CLOUD' });
    for (const who of ['dept', 'gia', 'auditor', 'bdc']) expect((await scene.as(who).get(`/api/migration/systems/${s.id}`)).status, who).toBe(200);
    for (const who of ['dept2', 'county']) expect((await scene.as(who).get(`/api/migration/systems/${s.id}`)).status, who).toBe(404);
    for (const who of ['finance', 'admin', 'secadmin']) expect((await scene.as(who).get(`/api/migration/systems/${s.id}`)).status, who).toBe(403);
    expect((await scene.as('finance').get('/api/migration/systems')).status).toBe(403);
    // each organisation counts its own new system, the reviewers both
    expect(await count('dept2')).toBe(before.dept2 + 1);
    expect(await count('dept')).toBe(before.dept + 1);
    expect(await count('gia')).toBe(before.gia + 2);
  });

  it('records 上线日期 as a calendar date, on registration and as a change; refuses what is not one', async () => {
    const s = await register('dept', { launchedOn: '2019-09-01' });
    expect(s.body.launchedOn).toBe('2019-09-01');
    const changed = await scene.as('dept').patch(`/api/migration/systems/${s.id}`, { launchedOn: '2020-01-15' }, s.etag);
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body.launchedOn).toBe('2020-01-15');
    const bad = await scene.as('dept').post('/api/migration/systems', { ...SYSTEM, name: `日期${uniqueTag()}`, launchedOn: '2021年3月5日' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual([expect.objectContaining({ path: 'launchedOn', label: '上线日期' })]);
  });

  it('changes register fields with If-Match: 428 without, 412 when stale', async () => {
    const s = await register();
    let res = await scene.as('dept').patch(`/api/migration/systems/${s.id}`, { userCount: 3500 });
    expect(res.status).toBe(428);
    res = await scene.as('dept').patch(`/api/migration/systems/${s.id}`, { userCount: 3500 }, '"v9"');
    expect(res.status).toBe(412);
    res = await scene.as('dept').patch(`/api/migration/systems/${s.id}`, { userCount: 3500, contacts: [{ name: '李老师', phone: '0359-7654321' }] }, s.etag);
    expect(res.status, res.text).toBe(200);
    expect(res.etag).toBe('"v2"');
    expect(res.body).toMatchObject({ userCount: 3500, contacts: [{ name: '李老师', phone: '0359-7654321' }] });
    const stale = await scene.as('dept').patch(`/api/migration/systems/${s.id}`, { userCount: 1 }, s.etag);
    expect(stale.status).toBe(412);
  });

  it('refuses register fields from the sub-center, and its assessment before the system is assessed', async () => {
    const s = await register();
    let res = await scene.as('bdc').patch(`/api/migration/systems/${s.id}`, { name: '改名' }, s.etag);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN_FIELD');
    res = await scene.as('bdc').patch(`/api/migration/systems/${s.id}`, { risk: 'HIGH' }, s.etag);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('NOT_ASSESSED');
  });

  it('keeps every change as history, and audits it', async () => {
    const s = await register();
    const changed = await scene.as('dept').patch(`/api/migration/systems/${s.id}`, { userCount: 3500, contacts: [{ name: '李老师', phone: '0359-7654321' }] }, s.etag);
    expect(changed.status).toBe(200);
    const res = await scene.as('gia').get(`/api/migration/systems/${s.id}/history`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((h: { action: string; fromStatus: string | null; toStatus: string }) => [h.action, h.fromStatus, h.toStatus])).toEqual([
      ['register', null, 'REGISTERED'],
      ['update', 'REGISTERED', 'REGISTERED'],
    ]);
    expect(res.body.items[1]).toMatchObject({ actorName: 'dept', detail: { fields: ['userCount', 'contacts'] } });
    const audit = await scene.as('auditor').get('/api/audit/events', { action: 'migration.', targetId: s.id });
    expect(audit.body.items.map((e: { action: string }) => e.action).sort()).toEqual(['migration.register', 'migration.update']);
  });

  it('lets the department withdraw a registration made in error, before assessment only', async () => {
    const made = await register('dept', { name: `误登记系统-${uniqueTag()}` });
    expect((await scene.as('dept2').delete(`/api/migration/systems/${made.id}`, '"v1"')).status).toBe(404);
    expect((await scene.as('bdc').delete(`/api/migration/systems/${made.id}`, '"v1"')).status).toBe(403);
    expect((await scene.as('dept').delete(`/api/migration/systems/${made.id}`, '"v1"')).status).toBe(204);
    expect((await scene.as('dept').get(`/api/migration/systems/${made.id}`)).status).toBe(404);
    const assessed = await register();
    expect((await scene.as('bdc').post(`/api/migration/systems/${assessed.id}/assess`, { strategy: 'RETIRE', effort: 'LOW', risk: 'LOW' }, assessed.etag)).status).toBe(200);
    const late = await scene.as('dept').delete(`/api/migration/systems/${assessed.id}`, '"v2"');
    expect([late.status, late.body.code]).toEqual([409, 'INVALID_TRANSITION']);
  });
});

describe('the template', () => {
  it('is downloadable by anyone, in Chinese, as XLSX with an instructions sheet, or as CSV', async () => {
    const res = await scene.t.http.get('/api/migration/template').buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('政务信息系统目录登记模板'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['信息系统登记表', '填写说明', '可接受的写法']);
    expect(wb.worksheets[0]!.getRow(1).values).toEqual([undefined, ...HEADER, '上线日期']);
    const csv = await scene.t.http.get('/api/migration/template').query({ format: 'csv' });
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.text).toBe('\uFEFF' + [...HEADER, '上线日期'].join(','));
  });
});

describe('importing the register', () => {
  it('imports a good XLSX (with a title row and empty rows) in one go; formulas are stored as text', async () => {
    const tag = uniqueTag();
    // a registration withdrawn first: its number is not given again
    const withdrawn = await register();
    expect((await scene.as('dept').delete(`/api/migration/systems/${withdrawn.id}`, withdrawn.etag)).status).toBe(204);
    const file = await xlsxOf([
      ['运城市教育局信息系统登记表（2026年）'],
      HEADER,
      row(`招生报名系统${tag}`, { 依赖系统: '学籍管理系统；统一身份认证', '数据量（GB）': '20.5', 用户数: '1200', 信创适配情况: '部分适配', 所属单位: '运城市教育局' }),
      ['', '  '],
      row(`${INJECTED}${tag}`, { '业务用途*': '@SUM(A1:A9)' }),
      row(`教师培训系统${tag}`, { '当前部署方式*': '行业云', 部署位置: '省教育厅行业云', 是否涉密: '否' }),
      row(`涉密档案系统${tag}`, { 是否涉密: '是', 等保级别: '' }),
    ]);
    const res = await importAs('dept', file);
    expect(res.status, res.text).toBe(201);
    const n = codeNumber(withdrawn.body.code);
    const code = (k: number) => `EDU-XT-${String(k).padStart(4, '0')}`;
    expect(res.body).toEqual({ imported: 4, skippedEmptyRows: 1, firstCode: code(n + 1), lastCode: code(n + 4), organisations: 1 });
    const list = await scene.as('dept').get('/api/migration/systems', { q: `A0${tag}` });
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ name: `${INJECTED}${tag}`, purpose: '@SUM(A1:A9)', hosting: 'OWN_ROOM', mlpsLevel: 2 });
    const secret = (await scene.as('dept').get('/api/migration/systems', { classified: 'true', q: tag })).body.items;
    expect(secret.map((s: { name: string; exempt: boolean; mlpsLevel: number | null }) => [s.name, s.exempt, s.mlpsLevel])).toEqual([[`涉密档案系统${tag}`, true, null]]);
    const history = await scene.as('dept').get(`/api/migration/systems/${list.body.items[0].id}/history`);
    expect(history.body.items).toEqual([expect.objectContaining({ action: 'import', fromStatus: null, toStatus: 'REGISTERED', detail: { row: 5 } })]);
    const audit = await scene.as('auditor').get('/api/audit/events', { action: 'migration.import' });
    expect(audit.body.items[0].detail).toMatchObject({ imported: 4, format: 'xlsx', sm3: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('imports a county’s CSV saved by Excel in GB18030', async () => {
    const name = `盐湖区网格化管理系统${uniqueTag()}`;
    const text = [HEADER.join(','), row(name, { '当前部署方式*': '县级云', 部署位置: '盐湖区政务云' }).join(',')].join('\r\n');
    const gb = Buffer.from(new Uint8Array(await new Response(text).arrayBuffer()));
    // encode as GB18030 the way Excel does: Node has no encoder, so map through a decoder check instead
    const encoded = encodeGb18030(text);
    expect(new TextDecoder('gb18030').decode(encoded)).toBe(text);
    expect(gb.length).toBeGreaterThan(encoded.length);
    const res = await importAs('county', encoded, 'register.csv');
    expect(res.status, res.text).toBe(201);
    expect(res.body.firstCode).toMatch(/^YANHU-XT-\d{4}$/);
    const stored = await scene.as('county').get('/api/migration/systems', { q: name });
    expect(stored.body.items.map((s: { name: string; code: string; hosting: string }) => [s.name, s.code, s.hosting])).toEqual([[name, res.body.firstCode, 'COUNTY_CLOUD']]);
  });

  it('rejects wrong headers, naming them, and imports nothing', async () => {
    const before = await count();
    const res = await importAs('dept', csvOf([['名称', '用途', '部署'], ['A', 'x', '自建机房']]), 'x.csv');
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('RULE_VIOLATION');
    expect(res.body.violations.map((v: { code: string; cell?: string; column?: string }) => [v.code, v.cell ?? v.column])).toEqual([
      ['import.header_unknown', 'A1'],
      ['import.header_unknown', 'B1'],
      ['import.header_unknown', 'C1'],
      ['import.header_missing', '系统名称'],
      ['import.header_missing', '业务用途'],
      ['import.header_missing', '当前部署方式'],
    ]);
    expect(await count()).toBe(before);
  });

  it('rejects a file with one bad row: every problem with row, column and reason, nothing imported', async () => {
    const before = await count();
    const res = await importAs(
      'dept',
      csvOf([
        HEADER,
        row('好系统一'),
        row('好系统二'),
        row('坏系统', { '当前部署方式*': '云上', 等保级别: '五级', 用户数: '很多' }),
        row('好系统一'),
        row('缺用途', { '业务用途*': '' }),
      ]),
      'x.csv',
    );
    expect(res.status).toBe(422);
    expect(res.body.violations.map((v: { line: number; column: string; code: string }) => [v.line, v.column, v.code])).toEqual([
      [4, '当前部署方式', 'import.invalid_choice'],
      [4, '等保级别', 'import.invalid_choice'],
      [4, '用户数', 'import.not_a_number'],
      [5, '系统名称', 'import.duplicate_in_file'],
      [6, '业务用途', 'field.required'],
    ]);
    expect(res.body.violations[0].message).toMatch(/^第4行「当前部署方式」：「云上」不是可选值/);
    const en = await importAs('dept', csvOf([HEADER, row('坏', { '当前部署方式*': '云上' })]), 'x.csv').then((r) => r);
    expect(en.status).toBe(422);
    const english = await scene.t.http
      .post('/api/migration/systems/import?lang=en')
      .set(await scene.t.as('dept'))
      .attach('file', csvOf([HEADER, row('坏', { '当前部署方式*': '云上' })]), 'x.csv');
    expect(english.body.violations[0].message).toBe('Row 2, column "Current hosting": "云上" is not allowed; choose one of: Own server room, Industry cloud, County cloud, Other provider, City government cloud');
    expect(await count()).toBe(before);
  });

  it('rejects names already in the register, and imports none of the file', async () => {
    const existing = await register();
    const fresh = `全新系统${uniqueTag()}`;
    const before = await count();
    const res = await importAs('dept', csvOf([HEADER, row(fresh), row(existing.body.name)]), 'x.csv');
    expect(res.status).toBe(422);
    expect(res.body.violations).toEqual([expect.objectContaining({ line: 3, field: 'name', code: 'import.duplicate_existing' })]);
    expect(await count()).toBe(before);
    expect(await count('dept', { q: fresh })).toBe(0);
  });

  it('refuses files that are not spreadsheets, damaged ones, and requests without a file', async () => {
    expect((await importAs('dept', Buffer.from('%PDF-1.7\n\u0000\u0001binary'), 'x.pdf')).status).toBe(415);
    expect((await importAs('dept', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]), 'x.xls')).body.code).toBe('IMPORT_FILE_TYPE');
    const damaged = await importAs('dept', Buffer.from('PK\u0003\u0004not really a zip', 'latin1'));
    expect([damaged.status, damaged.body.code]).toEqual([400, 'IMPORT_UNREADABLE']);
    const none = await scene.t.http.post('/api/migration/systems/import').set(await scene.t.as('dept'));
    expect(none.status).toBe(400);
    expect(none.body.fields).toEqual([expect.objectContaining({ path: 'file', code: 'field.required' })]);
    const wrongField = await scene.t.http.post('/api/migration/systems/import').set(await scene.t.as('dept')).attach('upload', csvOf([HEADER]), 'x.csv');
    expect(wrongField.status).toBe(400);
  });

  it('lets only departments and counties import their own systems; the sub-center imports city-wide, each row naming its organisation', async () => {
    const file = csvOf([HEADER, row('某系统')]);
    for (const who of ['gia', 'auditor', 'finance', 'admin']) expect((await importAs(who, file, 'x.csv')).status, who).toBe(403);
    const bdc = await importAs('bdc', file, 'x.csv');
    expect([bdc.status, bdc.body.violations?.[0]?.code]).toEqual([422, 'import.org_required']);
    expect((await scene.t.http.post('/api/migration/systems/import').attach('file', file, 'x.csv')).status).toBe(401);
  });

  it('imports 5,000 rows in one go', async () => {
    const tag = uniqueTag();
    const before = await count('dept2');
    const rows = [HEADER, ...Array.from({ length: 5000 }, (_, i) => row(`批量系统${tag}-${String(i).padStart(4, '0')}`, { 用户数: String(i), 联系人: '王工；李工', 联系电话: '13900000000；13900000001' }))];
    const started = performance.now();
    const res = await importAs('dept2', await xlsxOf(rows));
    const seconds = (performance.now() - started) / 1000;
    expect(res.status, res.text.slice(0, 500)).toBe(201);
    expect(res.body.imported).toBe(5000);
    expect(await count('dept2')).toBe(before + 5000);
    expect(seconds).toBeLessThan(30);
    console.log(`5,000-row XLSX import: ${seconds.toFixed(2)} s`);
  }, 60_000);
});

describe('exporting the register', () => {
  async function download(user: string, query: Record<string, string>) {
    return scene.t.http
      .get('/api/migration/systems/export')
      .query(query)
      .set(await scene.t.as(user))
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
  }

  it('writes the template’s columns, with the injected formula neutralised (XLSX)', async () => {
    const tag = uniqueTag();
    const injected = await importInjected(tag);
    const county = await register('county', { name: `盐湖区网格化管理系统${tag}`, hosting: 'COUNTY_CLOUD' });
    const res = await download('dept', { format: 'xlsx' });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as string[]).slice(1);
    expect(header.slice(0, HEADER.length)).toEqual(HEADER.map((h) => h.replace('*', '')));
    const names: string[] = [];
    ws.eachRow((r, n) => n > 1 && names.push(String(r.getCell(1).value)));
    expect(names).toContain(`'${injected}`);
    expect(names).not.toContain(injected);
    expect(names.every((n) => !n.startsWith('='))).toBe(true);
    const row = ws.getRows(2, ws.rowCount - 1)!.find((r) => String(r.getCell(1).value) === `'${injected}`)!;
    expect(row.getCell(1).formula).toBeUndefined();
    expect(row.getCell(3).value).toBe("'@SUM(A1:A9)");
    // a department exports its own systems only
    expect(names).not.toContain(county.body.name);
  });

  it('writes CSV with a byte-order mark, neutralised, and in English on request', async () => {
    const tag = uniqueTag();
    const injected = await importInjected(tag);
    const own = await register('dept', { name: `学籍管理系统${tag}` });
    const res = await download('gia', { format: 'csv', q: `A0${tag}` });
    const text = res.body.toString('utf8');
    expect(text.startsWith('\uFEFF系统名称,所属单位')).toBe(true);
    expect(text).toContain(`'${injected}`);
    expect(text).not.toMatch(/(^|,)=cmd/m);
    const en = await download('gia', { format: 'csv', q: own.body.name, lang: 'en' });
    expect(en.body.toString('utf8')).toContain('System name,Organisation,Business purpose');
    expect(en.body.toString('utf8')).toContain('Own server room');
  });

  it('filters like the list: systems still outside the city cloud', async () => {
    const tag = uniqueTag();
    const all = await count('gia');
    const outside = await count('gia', { outsideCityCloud: 'true' });
    // a classified system, exempt, and a county's system on its own cloud
    await register('dept', { name: `涉密档案系统${tag}`, classified: true, mlpsLevel: null, mlpsFilingNo: null });
    const county = await register('county', { name: `盐湖区网格化管理系统${tag}`, hosting: 'COUNTY_CLOUD' });
    expect(await count('gia')).toBe(all + 2);
    // the classified system is exempt: the only one of them not outside
    expect(await count('gia', { outsideCityCloud: 'true' })).toBe(outside + 1);
    const res = await download('gia', { format: 'csv', outsideCityCloud: 'true', hosting: 'COUNTY_CLOUD', q: tag });
    const lines = res.body.toString('utf8').trim().split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(county.body.name);
  });
});

describe('bad input', () => {
  const t = { get http() { return scene.t.http; } };
  it.each([
    ['an unknown list filter', () => t.http.get('/api/migration/systems').query({ colour: 'red' }), 400, 'field.unknown'],
    ['a status outside the state machine', () => t.http.get('/api/migration/systems').query({ status: 'DONE' }), 400, 'field.invalid'],
    ['a flag that is not true or false', () => t.http.get('/api/migration/systems').query({ outsideCityCloud: 'yes' }), 400, 'field.invalid_value'],
    ['a page size too big', () => t.http.get('/api/migration/systems').query({ pageSize: 5000 }), 400, 'field.too_big'],
    ['an export format that is not offered', () => t.http.get('/api/migration/systems/export').query({ format: 'pdf' }), 400, 'field.invalid_value'],
    ['a board view that does not exist', () => t.http.get('/api/migration/board').query({ view: 'secret' }), 400, 'field.invalid_value'],
    ['a name with a NUL character', () => t.http.post('/api/migration/systems').send({ ...SYSTEM, name: 'a\u0000b' }), 400, 'field.invalid_characters'],
    ['a 等保 level of 5', () => t.http.post('/api/migration/systems').send({ ...SYSTEM, name: '五级', mlpsLevel: 5 }), 400, 'field.too_big'],
    ['a hosting type outside the list', () => t.http.post('/api/migration/systems').send({ ...SYSTEM, name: '云上', hosting: 'CLOUD' }), 400, 'field.invalid_value'],
    ['a contact without a phone', () => t.http.post('/api/migration/systems').send({ ...SYSTEM, name: '无电话', contacts: [{ name: '张' }] }), 400, 'field.required'],
    ['a negative O&M cost', () => t.http.post('/api/migration/systems').send({ ...SYSTEM, name: '负数', annualOmCost: -1 }), 400, 'field.too_small'],
    // waves are the sub-center's: a department is refused 403 before its input is judged (permission before validation)
    ['a wave with a date that is not one', () => t.http.post('/api/migration/waves').send({ name: 'x', startDate: '2026-02-30', endDate: '2026-03-01' }), 400, 'field.invalid_format', 'bdc'],
  ])('%s → 400', async (_name, build, status, code, who = 'dept') => {
    const res = await build().set(await scene.t.as(who));
    expect(res.status, res.text).toBe(status);
    expect(res.body.fields?.map((f: { code: string }) => f.code)).toContain(code);
  });

  it('treats an unreadable If-Match as stale (412), never as a match', async () => {
    const made = await register('dept', { name: `If-Match 测试-${uniqueTag()}` });
    const res = await scene.as('dept').patch(`/api/migration/systems/${made.id}`, { userCount: 1 }, 'garbage');
    expect(res.status).toBe(412);
  });
});

/** GB18030 for the characters of this test: Node decodes it but cannot encode it, so build it from the decoder. */
function encodeGb18030(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else {
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`no GB18030 two-byte code for ${ch}`);
      out.push(...bytes);
    }
  }
  return Buffer.from(out);
}
