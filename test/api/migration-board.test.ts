// The migration progress board against a hand-counted fixture: eleven systems of two departments and a county,
// moved through the workflow by the API, three waves, and the history dated by hand (so that the curve is fixed).
// Every breakdown number below was counted by hand from the table in `FIXTURE`; the public board is checked for
// the absence of anything personal or sensitive.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { createDraft } from '../support/projects.js';

let t: TestPlatform;
const TODAY = '2026-11-25';

// name → [owner, hosting, location, data GB, annual O&M cost, classified, how far it goes]
//   教育一  dept    OWN_ROOM        —              100  10000  no   REHOST, wave 1 → MIGRATED
//   教育二  dept    OWN_ROOM        —               50   5000  no   REPLATFORM, wave 1 → MIGRATING
//   教育三  dept    INDUSTRY_CLOUD  省教育厅行业云  200  20000  no   REGISTERED
//   教育四  dept    CITY_CLOUD      —               —      —    no   REGISTERED (already on the city cloud)
//   教育五  dept    OWN_ROOM        —               —      —    yes  REGISTERED (classified: exempt)
//   卫健一  dept2   INDUSTRY_CLOUD  国家卫健委行业云 300  30000  no   REFACTOR, wave 2 → BLOCKED (from PLANNED)
//   卫健二  dept2   OTHER_PROVIDER  —               10   1000  no   RETIRE → DECOMMISSIONED (retired)
//   卫健三  dept2   OWN_ROOM        —               —      —    no   RETAIN_EXEMPT → ASSESSED (exempt)
//   盐湖一  county  COUNTY_CLOUD    盐湖区政务云    400  40000  no   REHOST, wave 2 → PLANNED
//   盐湖二  county  COUNTY_CLOUD    盐湖区政务云    100    —    no   REGISTERED
//   盐湖三  county  OWN_ROOM        —                5    500  no   REPURCHASE, wave 1 → MIGRATED → DECOMMISSIONED
type Step = [action: string, body?: Record<string, unknown>];
interface Fixture {
  name: string;
  owner: string;
  hosting: string;
  location?: string;
  dataVolumeGb?: number;
  annualOmCost?: number;
  classified?: boolean;
  steps: Step[];
}
const assess = (strategy: string, targetPlanCodes: string[] = []): Step => ['assess', { strategy, effort: 'MEDIUM', risk: 'LOW', targetPlanCodes }];
const VM = ['vm-general-4c8g'];
const FIXTURE: Fixture[] = [
  { name: '教育一', owner: 'dept', hosting: 'OWN_ROOM', dataVolumeGb: 100, annualOmCost: 10000, steps: [assess('REHOST', VM), ['plan', { wave: 1 }], ['start'], ['cut-over'], ['verify']] },
  { name: '教育二', owner: 'dept', hosting: 'OWN_ROOM', dataVolumeGb: 50, annualOmCost: 5000, steps: [assess('REPLATFORM', VM), ['plan', { wave: 1 }], ['start']] },
  { name: '教育三', owner: 'dept', hosting: 'INDUSTRY_CLOUD', location: '省教育厅行业云', dataVolumeGb: 200, annualOmCost: 20000, steps: [] },
  { name: '教育四', owner: 'dept', hosting: 'CITY_CLOUD', steps: [] },
  { name: '教育五', owner: 'dept', hosting: 'OWN_ROOM', classified: true, steps: [] },
  { name: '卫健一', owner: 'dept2', hosting: 'INDUSTRY_CLOUD', location: '国家卫健委行业云', dataVolumeGb: 300, annualOmCost: 30000, steps: [assess('REFACTOR', VM), ['plan', { wave: 2 }], ['block', { reason: '行业主管部门未同意迁出' }]] },
  { name: '卫健二', owner: 'dept2', hosting: 'OTHER_PROVIDER', dataVolumeGb: 10, annualOmCost: 1000, steps: [assess('RETIRE'), ['decommission']] },
  { name: '卫健三', owner: 'dept2', hosting: 'OWN_ROOM', steps: [assess('RETAIN_EXEMPT')] },
  { name: '盐湖一', owner: 'county', hosting: 'COUNTY_CLOUD', location: '盐湖区政务云', dataVolumeGb: 400, annualOmCost: 40000, steps: [assess('REHOST', VM), ['plan', { wave: 2 }]] },
  { name: '盐湖二', owner: 'county', hosting: 'COUNTY_CLOUD', location: '盐湖区政务云', dataVolumeGb: 100, steps: [] },
  { name: '盐湖三', owner: 'county', hosting: 'OWN_ROOM', dataVolumeGb: 5, annualOmCost: 500, steps: [assess('REPURCHASE', ['saas-portal-pc']), ['plan', { wave: 1 }], ['start'], ['cut-over'], ['verify'], ['decommission']] },
];
const CONTACT = { name: '联系人甲', phone: '13912345678', email: 'contact@example.gov.cn' };

const ids = new Map<string, string>();
const waves: string[] = [];

beforeAll(async () => {
  t = await startTestPlatform({}, { today: () => TODAY });
  const bdc = await t.as('bdc');
  for (const w of [
    { name: '第一批', startDate: '2026-01-01', endDate: '2026-06-30' },
    { name: '第二批', startDate: '2026-07-01', endDate: '2026-12-31' },
    { name: '试点批（空）', startDate: '2025-01-01', endDate: '2025-03-31' },
  ]) {
    const res = await t.http.post('/api/migration/waves').set(bdc).send(w);
    if (res.status !== 201) throw new Error(res.text);
    waves.push(res.body.id);
  }
  // a project with a provisioned resource request for each owner that verifies a migration (seeded directly)
  const projects = new Map<string, string>();
  for (const owner of ['dept', 'county']) {
    const p = await createDraft(t, owner, { name: `${owner}迁移承接项目` });
    const row = await t.platform.db.prisma.project.findUniqueOrThrow({ where: { id: p.id } });
    await t.platform.db.prisma.resourceRequest.create({
      data: { code: `${row.code}-R01`, projectId: p.id, orgId: row.orgId, status: 'PROVISIONED', environment: 'production', networkZone: 'egov-extranet', createdById: row.createdById },
    });
    projects.set(owner, p.id);
  }
  for (const f of FIXTURE) {
    const { steps, owner, ...register } = f;
    let res = await t.http.post('/api/migration/systems').set(await t.as(owner)).send({ ...register, purpose: `${f.name}业务`, contacts: [CONTACT] });
    if (res.status !== 201) throw new Error(`${f.name}: ${res.text}`);
    ids.set(f.name, res.body.id);
    let etag = res.headers.etag;
    for (const [action, body = {}] of steps) {
      const payload = action === 'plan' ? { waveId: waves[(body.wave as number) - 1] } : action === 'verify' ? { projectId: projects.get(owner) } : body;
      res = await t.http.post(`/api/migration/systems/${res.body.id}/${action}`).set(bdc).set('If-Match', etag).send(payload);
      if (res.status !== 200) throw new Error(`${f.name} ${action}: ${res.text}`);
      etag = res.headers.etag;
    }
  }
  // date the history by hand: the curve counts the month (Asia/Shanghai) a system first reached the state
  const at = async (name: string, toStatus: 'MIGRATED' | 'DECOMMISSIONED', iso: string) =>
    t.platform.db.prisma.migrationStatusChange.updateMany({ where: { systemId: ids.get(name)!, toStatus }, data: { at: new Date(iso) } });
  await at('教育一', 'MIGRATED', '2026-09-15T02:00:00Z');
  await at('盐湖三', 'MIGRATED', '2026-09-30T17:00:00Z'); // 2026-10-01 01:00 in Yuncheng
  await at('卫健二', 'DECOMMISSIONED', '2026-10-20T08:00:00Z');
  await at('盐湖三', 'DECOMMISSIONED', '2026-11-02T08:00:00Z');
});
afterAll(() => t?.stop());

const zero = { REGISTERED: 0, ASSESSED: 0, PLANNED: 0, MIGRATING: 0, CUT_OVER: 0, MIGRATED: 0, DECOMMISSIONED: 0, BLOCKED: 0 };
const status = (s: Partial<typeof zero>) => ({ ...zero, ...s });
const counts = (systems: number, byStatus: Partial<typeof zero>, exempt: number, outsideCityCloud: number, migrated: number, retired: number) => ({
  systems,
  byStatus: status(byStatus),
  exempt,
  outsideCityCloud,
  migrated,
  retired,
});
const empty = counts(0, {}, 0, 0, 0, 0);
const money = (outsideDataVolumeGb: number, outsideAnnualOmCost: number) => ({ outsideDataVolumeGb, outsideAnnualOmCost });
// the console's department and county charts: byOrganisation's lines of that kind
const ofKind = (board: Record<string, any>, kind: string): any[] => board.byOrganisation.filter((o: { kind: string }) => o.kind === kind);

async function board(user: string | null, query: Record<string, string> = {}) {
  const req = t.http.get('/api/migration/board').query(query);
  const res = user ? await req.set(await t.as(user)) : await req;
  expect(res.status, res.text).toBe(200);
  return res;
}

describe('the full board (GIA, the auditor, the sub-center)', () => {
  let b: Record<string, any>;
  beforeAll(async () => {
    b = (await board('gia')).body;
  });

  it('counts the totals by status', () => {
    expect(b.view).toBe('full');
    expect(b.today).toBe(TODAY);
    expect(b.totals).toEqual({
      ...counts(11, { REGISTERED: 4, ASSESSED: 1, PLANNED: 1, MIGRATING: 1, MIGRATED: 1, DECOMMISSIONED: 2, BLOCKED: 1 }, 2, 5, 2, 1),
      ...money(1050, 95000),
      alreadyOnCityCloud: 1,
      notInWave: 6,
    });
  });

  it('breaks down by department (every department, those without systems too)', () => {
    const departments = ofKind(b, 'DEPARTMENT');
    expect(departments.map((d: { code: string }) => d.code)).toEqual(['EDU', 'HEALTH', 'HRSS', 'NRP', 'SAMR']);
    expect(departments[0]).toEqual({ orgId: expect.any(String), code: 'EDU', name: '运城市教育局', nameEn: expect.any(String), kind: 'DEPARTMENT', jurisdiction: 'CITY', ...counts(5, { REGISTERED: 3, MIGRATING: 1, MIGRATED: 1 }, 1, 2, 1, 0), ...money(250, 25000) });
    expect(departments[1]).toEqual({ orgId: expect.any(String), code: 'HEALTH', name: '运城市卫生健康委员会', nameEn: expect.any(String), kind: 'DEPARTMENT', jurisdiction: 'CITY', ...counts(3, { ASSESSED: 1, DECOMMISSIONED: 1, BLOCKED: 1 }, 1, 1, 0, 1), ...money(300, 30000) });
    for (const d of departments.slice(2)) expect(d).toMatchObject({ ...empty, ...money(0, 0) });
  });

  it('breaks down by county (all 13)', () => {
    const counties = ofKind(b, 'COUNTY');
    expect(counties).toHaveLength(13);
    const yanhu = counties.find((c: { code: string }) => c.code === 'YANHU');
    expect(yanhu).toEqual({ orgId: expect.any(String), code: 'YANHU', name: '盐湖区', nameEn: expect.any(String), kind: 'COUNTY', jurisdiction: 'YANHU', ...counts(3, { REGISTERED: 1, PLANNED: 1, DECOMMISSIONED: 1 }, 0, 2, 1, 0), ...money(500, 40000) });
    for (const c of counties.filter((x: { code: string }) => x.code !== 'YANHU')) expect(c).toMatchObject(empty);
  });

  it('breaks down by wave, and flags the overdue one', () => {
    expect(b.byWave.map((w: { name: string }) => w.name)).toEqual(['试点批（空）', '第一批', '第二批']);
    expect(b.byWave[0]).toMatchObject({ ...empty, remaining: 0, overdue: false });
    expect(b.byWave[1]).toMatchObject({ ...counts(3, { MIGRATING: 1, MIGRATED: 1, DECOMMISSIONED: 1 }, 0, 1, 2, 0), remaining: 1, overdue: true, startDate: '2026-01-01', endDate: '2026-06-30' });
    expect(b.byWave[2]).toMatchObject({ ...counts(2, { PLANNED: 1, BLOCKED: 1 }, 0, 2, 0, 0), remaining: 2, overdue: false });
    expect(b.overdueWaves).toEqual([{ id: waves[0], name: '第一批', endDate: '2026-06-30', daysOverdue: 148, remaining: 1 }]);
  });

  it('breaks down by strategy (unassessed last) and by hosting type', () => {
    expect(b.byStrategy.map((s: { strategy: string | null; systems: number }) => [s.strategy, s.systems])).toEqual([
      ['REHOST', 2],
      ['REPLATFORM', 1],
      ['REFACTOR', 1],
      ['REPURCHASE', 1],
      ['RETIRE', 1],
      ['RETAIN_EXEMPT', 1],
      [null, 4],
    ]);
    expect(b.byStrategy[0]).toMatchObject(counts(2, { MIGRATED: 1, PLANNED: 1 }, 0, 1, 1, 0));
    expect(b.byStrategy[6]).toMatchObject(counts(4, { REGISTERED: 4 }, 1, 2, 0, 0));
    expect(b.byHosting.map((h: { hosting: string; systems: number; outsideCityCloud: number }) => [h.hosting, h.systems, h.outsideCityCloud])).toEqual([
      ['OWN_ROOM', 5, 1],
      ['INDUSTRY_CLOUD', 2, 2],
      ['COUNTY_CLOUD', 2, 2],
      ['OTHER_PROVIDER', 1, 0],
      ['CITY_CLOUD', 1, 0],
    ]);
    expect(b.byHosting[0]).toMatchObject(counts(5, { REGISTERED: 1, ASSESSED: 1, MIGRATING: 1, MIGRATED: 1, DECOMMISSIONED: 1 }, 2, 1, 2, 0));
  });

  it('breaks down by every organisation, kind of organisation, jurisdiction and industry cloud, each adding up to 11', () => {
    expect(b.byOrganisation.filter((o: { systems: number }) => o.systems > 0).map((o: { code: string; kind: string; jurisdiction: string; systems: number }) => [o.code, o.kind, o.jurisdiction, o.systems])).toEqual([
      ['EDU', 'DEPARTMENT', 'CITY', 5],
      ['HEALTH', 'DEPARTMENT', 'CITY', 3],
      ['YANHU', 'COUNTY', 'YANHU', 3],
    ]);
    expect(b.byOrganisation.find((o: { code: string }) => o.code === 'YANHU_FIN')).toMatchObject({ kind: 'FINANCE', jurisdiction: 'YANHU', ...empty });
    expect(b.byOrganisationKind.map((k: { kind: string; systems: number }) => [k.kind, k.systems])).toEqual([
      ['GIA', 0],
      ['FINANCE', 0],
      ['BDC', 0],
      ['DEPARTMENT', 8],
      ['COUNTY', 3],
    ]);
    expect(b.byOrganisationKind[3]).toMatchObject({ organisations: 5, ...counts(8, { REGISTERED: 3, ASSESSED: 1, MIGRATING: 1, MIGRATED: 1, DECOMMISSIONED: 1, BLOCKED: 1 }, 2, 3, 1, 1) });
    expect(b.byJurisdiction).toHaveLength(14);
    expect(b.byJurisdiction[0]).toEqual({ code: 'CITY', name: '市本级', nameEn: 'City level', organisations: 8, ...counts(8, { REGISTERED: 3, ASSESSED: 1, MIGRATING: 1, MIGRATED: 1, DECOMMISSIONED: 1, BLOCKED: 1 }, 2, 3, 1, 1), ...money(550, 55000) });
    expect(b.byJurisdiction.find((j: { code: string }) => j.code === 'YANHU')).toMatchObject({ name: '盐湖区', organisations: 3, ...counts(3, { REGISTERED: 1, PLANNED: 1, DECOMMISSIONED: 1 }, 0, 2, 1, 0) });
    expect(b.byIndustryCloud.map((c: { onIndustryCloud: boolean; industryCloud: string | null; systems: number; organisations: number }) => [c.onIndustryCloud, c.industryCloud, c.systems, c.organisations])).toEqual([
      [true, '国家卫健委行业云', 1, 1],
      [true, '省教育厅行业云', 1, 1],
      [false, null, 9, 3],
    ]);
    expect(b.byIndustryCloud[0]).toMatchObject({ ...counts(1, { BLOCKED: 1 }, 0, 1, 0, 0), ...money(300, 30000) });
  });

  it('lists the systems still outside the city cloud', () => {
    expect(b.outsideCityCloud.total).toBe(5);
    expect(b.outsideCityCloud.byHosting).toEqual({ OWN_ROOM: 1, INDUSTRY_CLOUD: 2, COUNTY_CLOUD: 2, OTHER_PROVIDER: 0 });
    expect(b.outsideCityCloud.systems.map((s: { name: string }) => s.name)).toEqual(['教育二', '教育三', '卫健一', '盐湖一', '盐湖二']);
    expect(b.outsideCityCloud.systems[2]).toMatchObject({ code: 'HEALTH-XT-0001', orgName: '运城市卫生健康委员会', hosting: 'INDUSTRY_CLOUD', location: '国家卫健委行业云', status: 'BLOCKED', wave: '第二批' });
  });

  it('draws the cumulative migrated-over-time curve by month, from the history', () => {
    expect(b.migratedOverTime).toEqual([
      { month: '2026-09', migrated: 1, decommissioned: 0, cumulativeMigrated: 1, cumulativeDecommissioned: 0 },
      { month: '2026-10', migrated: 1, decommissioned: 1, cumulativeMigrated: 2, cumulativeDecommissioned: 1 },
      { month: '2026-11', migrated: 0, decommissioned: 1, cumulativeMigrated: 2, cumulativeDecommissioned: 2 },
    ]);
  });

  it('shows the counties’ remaining own-cloud footprint (Art. 30) and the industry clouds (Art. 33)', () => {
    expect(b.countyOwnCloud).toHaveLength(13);
    expect(b.countyOwnCloud.find((c: { code: string }) => c.code === 'YANHU')).toEqual({ orgId: expect.any(String), code: 'YANHU', name: '盐湖区', countyCloudSystems: 2, ownRoomSystems: 0, dataVolumeGb: 500, annualOmCost: 40000 });
    expect(b.countyOwnCloud.filter((c: { countyCloudSystems: number; ownRoomSystems: number }) => c.countyCloudSystems + c.ownRoomSystems > 0)).toHaveLength(1);
    expect(b.industryClouds).toEqual([
      { orgId: expect.any(String), code: 'EDU', name: '运城市教育局', location: '省教育厅行业云', systems: 1, dataVolumeGb: 200, annualOmCost: 20000 },
      { orgId: expect.any(String), code: 'HEALTH', name: '运城市卫生健康委员会', location: '国家卫健委行业云', systems: 1, dataVolumeGb: 300, annualOmCost: 30000 },
    ]);
  });

  it('is the same for the auditor and the sub-center', async () => {
    for (const who of ['auditor', 'bdc']) {
      const other = (await board(who)).body;
      expect({ ...other, generatedAt: 0 }).toEqual({ ...b, generatedAt: 0 });
    }
  });
});

describe('the public board', () => {
  let res: Awaited<ReturnType<typeof board>>;
  beforeAll(async () => {
    res = await board(null);
  });

  it('needs no sign-in and gives the same counts', async () => {
    const b = res.body;
    expect(b.view).toBe('public');
    expect(b.totals).toEqual({ ...counts(11, { REGISTERED: 4, ASSESSED: 1, PLANNED: 1, MIGRATING: 1, MIGRATED: 1, DECOMMISSIONED: 2, BLOCKED: 1 }, 2, 5, 2, 1), alreadyOnCityCloud: 1, notInWave: 6 });
    expect(ofKind(b, 'DEPARTMENT')[0]).toEqual({ orgId: expect.any(String), code: 'EDU', name: '运城市教育局', nameEn: expect.any(String), kind: 'DEPARTMENT', jurisdiction: 'CITY', ...counts(5, { REGISTERED: 3, MIGRATING: 1, MIGRATED: 1 }, 1, 2, 1, 0) });
    expect(b.outsideCityCloud).toEqual({ total: 5, byHosting: { OWN_ROOM: 1, INDUSTRY_CLOUD: 2, COUNTY_CLOUD: 2, OTHER_PROVIDER: 0 } });
    expect(b.countyOwnCloud.find((c: { code: string }) => c.code === 'YANHU')).toEqual({ orgId: expect.any(String), code: 'YANHU', name: '盐湖区', countyCloudSystems: 2, ownRoomSystems: 0 });
    expect(b.industryClouds).toEqual([
      { orgId: expect.any(String), code: 'EDU', name: '运城市教育局', systems: 1 },
      { orgId: expect.any(String), code: 'HEALTH', name: '运城市卫生健康委员会', systems: 1 },
    ]);
    expect(b.overdueWaves).toHaveLength(1);
    expect(b.migratedOverTime).toHaveLength(3);
    expect(b.byOrganisationKind.map((k: { systems: number }) => k.systems)).toEqual([0, 0, 0, 8, 3]);
    expect(b.byJurisdiction[0]).toEqual({ code: 'CITY', name: '市本级', nameEn: 'City level', organisations: 8, ...counts(8, { REGISTERED: 3, ASSESSED: 1, MIGRATING: 1, MIGRATED: 1, DECOMMISSIONED: 1, BLOCKED: 1 }, 2, 3, 1, 1) });
    expect(b.byOrganisation.find((o: { code: string }) => o.code === 'EDU')).toEqual({ orgId: expect.any(String), code: 'EDU', name: '运城市教育局', nameEn: 'Education Bureau', kind: 'DEPARTMENT', jurisdiction: 'CITY', ...counts(5, { REGISTERED: 3, MIGRATING: 1, MIGRATED: 1 }, 1, 2, 1, 0) });
    expect(b).not.toHaveProperty('byIndustryCloud');
  });

  it('shows nothing personal or sensitive: no contacts, system names, locations, volumes or money', () => {
    const text = res.text;
    for (const secret of [CONTACT.name, CONTACT.phone, CONTACT.email, '教育一', '卫健一', '省教育厅行业云', '盐湖区政务云', 'XT-0', 'annualOmCost', 'AnnualOmCost', 'DataVolume', 'dataVolume', 'location', '"systems":[']) {
      expect(text, secret).not.toContain(secret);
    }
  });

  it('is what departments, counties and Finance see too; they cannot ask for the full view', async () => {
    for (const who of ['dept', 'county', 'finance', 'admin']) {
      const b = (await board(who)).body;
      expect(b.view, who).toBe('public');
      expect(b.totals.systems).toBe(11);
      const full = await t.http.get('/api/migration/board').query({ view: 'full' }).set(await t.as(who));
      expect(full.status, who).toBe(403);
    }
    expect((await t.http.get('/api/migration/board').query({ view: 'full' })).status).toBe(401);
    expect((await board('gia', { view: 'public' })).body).toMatchObject({ view: 'public', totals: { systems: 11 } });
  });

  it('is cacheable: ETag and 304, varying by who asks', async () => {
    expect(res.headers['cache-control']).toBe('public, max-age=2');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers.vary).toContain('Authorization');
    const again = await t.http.get('/api/migration/board').set('If-None-Match', res.headers.etag);
    expect(again.status).toBe(304);
    const full = await board('gia');
    expect(full.headers['cache-control']).toBe('private, no-cache');
    expect(full.headers.etag).not.toBe(res.headers.etag);
  });
});

describe('freshness', () => {
  it('counts a change made through the API at once', async () => {
    const before = (await board('gia')).body.totals.byStatus.REGISTERED;
    const res = await t.http.post('/api/migration/systems').set(await t.as('dept')).send({ name: '新登记系统', purpose: '新业务', hosting: 'OWN_ROOM' });
    expect(res.status).toBe(201);
    const after = (await board('gia')).body;
    expect(after.totals.byStatus.REGISTERED).toBe(before + 1);
    expect(after.totals.outsideCityCloud).toBe(6);
    expect((await board(null)).body.totals.systems).toBe(12);
  });
});
