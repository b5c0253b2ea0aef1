// The city-wide survey (摸底) through HTTP: the sub-center imports one sheet, filled as an office fills it, whose rows
// belong to organisations of every kind named by full name, short name or alias; each system lands under its
// organisation. An unknown organisation stops the whole import (422 naming the row, the value and the closest names);
// a department still imports only its own systems; others may not import at all.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { uniqueTag } from '../support/migration-factories.js';
import { useScene } from '../support/scene.js';

const scene = useScene();

const HEADER = ['填报单位', '系统名称', '业务用途', '当前部署方式', '等保级别', '联系人', '联系电话'];

/** A sheet as an office fills it: a title row, a header with 填报单位 (not the template's 所属单位), one row per system. */
async function surveySheet(rows: [org: string, name: string][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('全市政务信息系统摸底表');
  ws.addRow(['运城市政务信息系统迁移上云摸底汇总表（2026年）']);
  ws.mergeCells('A1:G1');
  ws.addRow(HEADER);
  rows.forEach(([org, name]) => ws.addRow([org, name, '业务办理', '自建机房', '第二级', '王工', '13900000000']));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function importAs(user: string | null, file: Buffer) {
  const req = scene.t.http.post('/api/migration/systems/import');
  if (user) req.set(await scene.t.as(user));
  return req.attach('file', file, '摸底表.xlsx');
}
async function total(query: Record<string, string> = {}) {
  const res = await scene.as('bdc').get('/api/migration/systems', { pageSize: 1, ...query });
  expect(res.status, res.text).toBe(200);
  return res.body.total as number;
}
async function orgOfSystem(name: string) {
  const res = await scene.as('bdc').get('/api/migration/systems', { q: name, pageSize: 5 });
  const items = res.body.items as { name: string; org: { code: string }; code: string }[];
  return items.filter((s) => s.name === name).map((s) => s.org.code);
}
async function orgId(code: string) {
  const res = await scene.as('admin').get('/api/orgs', { q: code });
  return (res.body.items as { id: string; code: string }[]).find((o) => o.code === code)!.id;
}

describe('the sub-center’s city-wide import', () => {
  it('imports a sheet of many organisations of every kind in one go, each system under its organisation', async () => {
    // a former name of the market regulator (曾用名), recorded by the administrator
    expect((await scene.as('admin').post(`/api/orgs/${await orgId('SAMR')}/aliases`, { alias: '运城市工商行政管理局' })).status).toBe(201);
    const tag = uniqueTag();
    const rows: [string, string][] = [
      ['运城市教育局', `学籍管理-${tag}`], // full name, a department
      ['市卫健委', `全民健康-${tag}`], // short name
      ['运城市工商行政管理局', `企业登记-${tag}`], // alias
      ['运城市审批服务管理局（市政务信息管理局）', `一网通办-${tag}`], // the approval bureau, two nameplates
      ['市财政局', `预算管理-${tag}`], // the finance bureau by its short name
      ['临猗县', `县域OA-${tag}`], // a county
      ['永济', `永济OA-${tag}`], // a county without its suffix
      ['盐湖区财政局', `区级财政-${tag}`], // a county's bureau
      [' 运城市 教育局 ', `教育资源-${tag}`], // stray spaces
      ['市卫健委', `学籍管理-${tag}`], // the same system name under another organisation
    ];
    const before = await total();
    const res = await importAs('bdc', await surveySheet(rows));
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ imported: rows.length, organisations: 8 });
    expect(await total()).toBe(before + rows.length);

    expect(await orgOfSystem(`学籍管理-${tag}`)).toEqual(expect.arrayContaining(['EDU', 'HEALTH']));
    expect(await orgOfSystem(`全民健康-${tag}`)).toEqual(['HEALTH']);
    expect(await orgOfSystem(`企业登记-${tag}`)).toEqual(['SAMR']);
    expect(await orgOfSystem(`一网通办-${tag}`)).toEqual(['GIA']);
    expect(await orgOfSystem(`预算管理-${tag}`)).toEqual(['FIN']);
    expect(await orgOfSystem(`县域OA-${tag}`)).toEqual(['LINYI']);
    expect(await orgOfSystem(`永济OA-${tag}`)).toEqual(['YONGJI']);
    expect(await orgOfSystem(`区级财政-${tag}`)).toEqual(['YANHU_FIN']);
    expect(await orgOfSystem(`教育资源-${tag}`)).toEqual(['EDU']);
    // the department sees its own systems from the survey, numbered in its own sequence
    const mine = await scene.as('dept').get('/api/migration/systems', { q: tag });
    expect(mine.body.items.map((s: { code: string }) => s.code.split('-')[0])).toEqual(['EDU', 'EDU']);
    // a county's system belongs to its jurisdiction: its bureau sees it, the city-level department does not
    expect((await scene.as('county-gia').get('/api/migration/systems', { q: `区级财政-${tag}` })).body.total).toBe(1);
  });

  it('refuses the whole sheet when a row names an unknown organisation: 422 with the row, the value and the closest names', async () => {
    const tag = uniqueTag();
    const before = await total();
    const res = await importAs('bdc', await surveySheet([
      ['运城市教育局', `甲-${tag}`],
      ['运城市人力资源和社会保章局', `乙-${tag}`],
      ['', `丙-${tag}`],
    ]));
    expect(res.status).toBe(422);
    const [unknown, blank] = res.body.violations;
    expect(unknown).toMatchObject({ code: 'import.unknown_org', line: 4, field: 'org', cell: 'A4' });
    expect(unknown.message).toContain('运城市人力资源和社会保章局');
    expect(unknown.message).toContain('运城市人力资源和社会保障局');
    expect(unknown.suggestions[0]).toMatchObject({ code: 'HRSS', name: '运城市人力资源和社会保障局' });
    expect(unknown.suggestions[0].score).toBeGreaterThan(0.8);
    expect(blank).toMatchObject({ code: 'import.org_required', line: 5, field: 'org' });
    expect(await total()).toBe(before);
    expect(await total({ q: tag })).toBe(0);
  });

  it('answers in English when asked', async () => {
    const res = await scene.t.http
      .post('/api/migration/systems/import')
      .set(await scene.t.as('bdc'))
      .set('Accept-Language', 'en')
      .attach('file', await surveySheet([['运城市教肓局', `丁-${uniqueTag()}`]]), 'x.xlsx');
    expect(res.status).toBe(422);
    expect(res.body.violations[0].message).toMatch(/Unknown organisation "运城市教肓局"; did you mean: 运城市教育局/);
  });
});

describe('who may import rows of other organisations', () => {
  it('lets a department import its own rows (by any of its names) but no other organisation’s', async () => {
    const tag = uniqueTag();
    const own = await importAs('dept', await surveySheet([['市教育局', `自有-${tag}`], ['', `空白-${tag}`]]));
    expect(own.status, own.text).toBe(201);
    expect(await orgOfSystem(`自有-${tag}`)).toEqual(['EDU']);

    const before = await total();
    const other = await importAs('dept', await surveySheet([['市教育局', `丙-${tag}`], ['运城市卫生健康委员会', `丁-${tag}`]]));
    expect(other.status).toBe(422);
    expect(other.body.violations).toEqual([expect.objectContaining({ code: 'import.not_own_org', line: 4, field: 'org' })]);
    expect(await total()).toBe(before);
  });

  it('refuses a county’s approval bureau, the auditor (403) and the anonymous (401)', async () => {
    const file = await surveySheet([['运城市教育局', `戊-${uniqueTag()}`]]);
    for (const who of ['county-gia', 'gia', 'auditor', 'admin']) expect((await importAs(who, file)).status, who).toBe(403);
    expect((await importAs(null, file)).status).toBe(401);
  });
});
