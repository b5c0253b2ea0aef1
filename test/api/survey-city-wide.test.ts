// Issue 18's "done when", end to end through HTTP on a register of its own: a city-wide 5,000-row survey sheet as a
// real office fills it (a merged title, a two-row header with 序号, the organisation named by full name, short name,
// alias or a county without its suffix, hosting and 等保 levels in the spellings people use, amounts in 万元, Excel
// date cells) imports in one go by the sub-center, and every breakdown of the board then adds up to 5,000 — in the
// full view and in the public one.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATION_STATES } from '../../migration/workflow.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

const ROWS = 5_000;
let t: TestPlatform;

beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t?.stop());

const HOSTINGS = [
  ['本单位机房', '三楼机房'],
  ['省级行业云', '省教育厅行业云'],
  ['省级行业云', ' 国家卫健委行业云 '],
  ['县级政务云', '县政务云机房'],
  ['第三方托管', '联通IDC'],
  ['政务云', ''],
] as const;
const LEVELS = ['二级', '第三级', '等保二级', '3级', '未定级'];

/** every organisation by the names an office would write: full name, short name, an alias, a county's bare name */
async function namesOfOrganisations() {
  const prisma = t.platform.db.prisma;
  const orgs = await prisma.organisation.findMany({ where: { active: true }, orderBy: { code: 'asc' } });
  const gia = await t.as('admin');
  const fin = orgs.find((o) => o.kind === 'FINANCE' && o.jurisdiction === 'CITY')!;
  const alias = await t.http.post(`/api/orgs/${fin.id}/aliases`).set(gia).send({ alias: '运城市财政局国库支付中心' });
  expect(alias.status, alias.text).toBe(201);
  const names: { orgId: string; kind: string; written: string }[] = [];
  for (const o of orgs) {
    names.push({ orgId: o.id, kind: o.kind, written: o.name });
    if (o.shortName) names.push({ orgId: o.id, kind: o.kind, written: o.shortName });
    if (o.kind === 'COUNTY' && /[县区]$/.test(o.name) && o.name.length > 2) names.push({ orgId: o.id, kind: o.kind, written: o.name.slice(0, -1) });
  }
  names.push({ orgId: fin.id, kind: fin.kind, written: '运城市财政局国库支付中心' });
  return { orgs, names };
}

async function officeSheet(names: { written: string }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('全市摸底汇总');
  ws.addRow(['运城市政务信息系统迁移上云摸底汇总表']);
  ws.mergeCells('A1:K1');
  ws.addRow(['序号', '基本信息', '', '', '部署情况', '', '安全', '联系方式', '', '费用与时间', '']);
  ws.addRow(['', '填报单位', '信息系统名称', '主要功能', '部署方式', '部署地点', '等保等级', '负责人', '联系方式', '年运维费用（万元）', '上线时间']);
  ws.mergeCells('A2:A3');
  ws.mergeCells('B2:D2');
  ws.mergeCells('E2:F2');
  ws.mergeCells('H2:I2');
  ws.mergeCells('J2:K2');
  for (let i = 0; i < ROWS; i++) {
    const [hosting, location] = HOSTINGS[i % HOSTINGS.length]!;
    ws.addRow([
      i + 1,
      names[i % names.length]!.written,
      `摸底系统${String(i).padStart(4, '0')}`,
      '业务办理',
      hosting,
      location,
      LEVELS[i % LEVELS.length],
      '王工',
      `139${String(i).padStart(8, '0')}`,
      (i % 40) + 0.35, // 万元
      new Date(Date.UTC(2015 + (i % 10), i % 12, 1 + (i % 28))),
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** the breakdowns that partition the register */
const PARTITIONS = ['byOrganisation', 'byOrganisationKind', 'byJurisdiction', 'byIndustryCloud', 'byHosting', 'byStrategy'] as const;

describe('the city-wide survey of 5,000 systems', () => {
  let orgCount = 0;

  it('imports in one go by the sub-center, each system under the organisation it names, amounts and dates read as written', async () => {
    const { orgs, names } = await namesOfOrganisations();
    orgCount = new Set(names.map((n) => n.orgId)).size;
    expect(new Set(orgs.map((o) => o.kind)).size).toBeGreaterThanOrEqual(5); // departments, counties, bureaus, the sub-center …
    const file = await officeSheet(names);
    const res = await t.http.post('/api/migration/systems/import').set(await t.as('bdc')).attach('file', file, '全市摸底汇总.xlsx');
    expect(res.status, res.text.slice(0, 2000)).toBe(201);
    expect(res.body).toMatchObject({ imported: ROWS, organisations: orgCount });

    const prisma = t.platform.db.prisma;
    expect(await prisma.migrationSystem.count()).toBe(ROWS);
    // the sixth data row (i = 5): the sixth name, 5.35 万元 → 53,500 元 exactly, the Excel date as typed, 政务云, 二级
    const sixth = await prisma.migrationSystem.findFirstOrThrow({ where: { name: '摸底系统0005' } });
    expect(sixth.orgId).toBe(names[5]!.orgId);
    expect(Number(sixth.annualOmCost)).toBe(53_500);
    expect(sixth.launchedOn).toBe('2020-06-06');
    expect(sixth.hosting).toBe('CITY_CLOUD');
    expect(sixth.mlpsLevel).toBe(2);
    const perOrg = await prisma.migrationSystem.groupBy({ by: ['orgId'], _count: true });
    for (const g of perOrg) expect(g._count, g.orgId).toBe(countRows(names, g.orgId));
  }, 180_000);

  it.each([
    ['full', 'gia'],
    ['public', null],
  ] as const)('the %s board: every breakdown adds up to 5,000, status by status', async (view, user) => {
    const req = t.http.get('/api/migration/board');
    const res = user ? await req.set(await t.as(user)) : await req;
    expect(res.status, res.text).toBe(200);
    const b = res.body;
    expect(b.view).toBe(view);
    expect(b.totals.systems).toBe(ROWS);
    for (const breakdown of PARTITIONS) {
      if (view === 'public' && breakdown === 'byIndustryCloud') continue;
      const rows = b[breakdown] as { systems: number; byStatus: Record<string, number> }[];
      expect(rows.reduce((n, r) => n + r.systems, 0), breakdown).toBe(ROWS);
      for (const st of MIGRATION_STATES) expect(rows.reduce((n, r) => n + r.byStatus[st]!, 0), `${breakdown}.${st}`).toBe(b.totals.byStatus[st]);
    }
    expect((b.byOrganisation as { systems: number }[]).filter((o) => o.systems > 0)).toHaveLength(orgCount);
    if (view === 'full') {
      // the industry clouds as their owners named them (spaces trimmed), and one line for the rest
      const clouds = b.byIndustryCloud as { industryCloud: string | null; onIndustryCloud: boolean; systems: number }[];
      expect(clouds.filter((c) => c.onIndustryCloud).map((c) => c.industryCloud).sort()).toEqual(['国家卫健委行业云', '省教育厅行业云']);
    }
  });
});

function countRows(names: { orgId: string }[], orgId: string) {
  let n = 0;
  for (let i = 0; i < ROWS; i++) if (names[i % names.length]!.orgId === orgId) n++;
  return n;
}
