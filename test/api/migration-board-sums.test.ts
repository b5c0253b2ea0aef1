// The board adds up: on a few hundred systems generated at random (seeded, so a failure repeats) across organisations
// of every kind (the finance and approval bureaus, the sub-center, a county's own departments, an organisation no
// longer active), every county, hosting, industry cloud (named loosely, as owners do), strategy and status, each
// breakdown's rows add up to the register's total, status by status, in both views and for the whole city as for one
// jurisdiction; the rows themselves match the generated register; and the public view carries nothing it should not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG_KINDS } from '../../accounts/vocabulary.js';
import { MIGRATION_STATES } from '../../migration/workflow.js';
import { HOSTING_TYPES, STRATEGIES } from '../../migration/vocabulary.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

let t: TestPlatform;
const TODAY = '2026-11-25';
const SYSTEMS = 400;

/** mulberry32: the same register on every run */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = random(20261207);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

// industry clouds as owners name them: the same cloud with stray spaces counts once; a blank name is "not named"
const CLOUDS = ['省教育厅行业云', ' 省教育厅行业云 ', '国家卫健委行业云', '人社部行业专网云', '', null];
const SECRET_PREFIX = '随机系统';
const CONTACT = { name: '联系人乙', phone: '13800001111' };

interface Gen {
  orgId: string;
  kind: string;
  jurisdiction: string;
  hosting: string;
  location: string | null;
  status: string;
  classified: boolean;
  strategy: string | null;
  migrated: boolean;
  cost: number;
}
const generated: Gen[] = [];

beforeAll(async () => {
  t = await startTestPlatform({}, { today: () => TODAY });
  const prisma = t.platform.db.prisma;
  // organisations the seed lacks: a county's own department, a department no longer active that still owns systems,
  // and one no longer active that owns none (it has no line)
  await prisma.organisation.createMany({
    data: [
      { code: 'YONGJI_EDU', name: '永济市教育局', kind: 'DEPARTMENT', jurisdiction: 'YONGJI' },
      { code: 'OLD_DEPT', name: '运城市已撤并局', kind: 'DEPARTMENT', active: false },
      { code: 'GONE_DEPT', name: '运城市已撤销办', kind: 'DEPARTMENT', active: false },
    ],
  });
  const orgs = (await prisma.organisation.findMany({ where: { code: { not: 'GONE_DEPT' } } })).sort((a, b) => a.code.localeCompare(b.code));
  expect(new Set(orgs.map((o) => o.kind))).toEqual(new Set(ORG_KINDS));
  const creator = await prisma.user.findUniqueOrThrow({ where: { username: 'dept' } });
  const waves = await Promise.all(
    ['甲批', '乙批', '丙批'].map((name, i) => prisma.migrationWave.create({ data: { name, startDate: `2026-0${i + 1}-01`, endDate: `2026-0${i + 2}-28` } })),
  );
  const seqs = new Map<string, number>();
  const rows = [];
  for (let i = 0; i < SYSTEMS; i++) {
    const org = pick(orgs);
    const seq = (seqs.get(org.id) ?? 1000) + 1; // above what the register's own numbering hands out here
    seqs.set(org.id, seq);
    const hosting = org.kind === 'COUNTY' && rnd() < 0.3 ? 'COUNTY_CLOUD' : pick(HOSTING_TYPES);
    const location = hosting === 'INDUSTRY_CLOUD' ? pick(CLOUDS) : hosting === 'CITY_CLOUD' ? null : `机房${i % 7}`;
    const status = pick(MIGRATION_STATES);
    const strategy = status === 'REGISTERED' ? null : pick(STRATEGIES);
    const migrated = status === 'MIGRATED' || (status === 'DECOMMISSIONED' && rnd() < 0.5);
    const cost = Math.floor(rnd() * 100000);
    generated.push({ orgId: org.id, kind: org.kind, jurisdiction: org.jurisdiction, hosting, location, status, classified: rnd() < 0.05, strategy, migrated, cost });
    const g = generated.at(-1)!;
    rows.push({
      seq,
      code: `${org.code}-XT-${String(seq).padStart(4, '0')}`,
      orgId: org.id,
      jurisdiction: org.jurisdiction,
      name: `${SECRET_PREFIX}${i}`,
      purpose: '随机业务',
      hosting: hosting as never,
      location,
      classified: g.classified,
      strategy: strategy as never,
      status: status as never,
      waveId: ['REGISTERED', 'ASSESSED'].includes(status) ? null : pick([...waves.map((w) => w.id), null]),
      migratedAt: migrated ? new Date('2026-06-01T02:00:00Z') : null,
      dataVolumeGb: Math.floor(rnd() * 1000),
      annualOmCost: cost,
      contacts: [CONTACT],
      createdById: creator.id,
    });
  }
  await prisma.migrationSystem.createMany({ data: rows });
});
afterAll(() => t?.stop());

async function board(user: string | null, query: Record<string, string> = {}) {
  const req = t.http.get('/api/migration/board').query(query);
  const res = user ? await req.set(await t.as(user)) : await req;
  expect(res.status, res.text).toBe(200);
  return res;
}

type Row = { systems: number; byStatus: Record<string, number>; exempt: number; outsideCityCloud: number; migrated: number; retired: number; outsideDataVolumeGb?: number; outsideAnnualOmCost?: number };
const COUNTED = ['systems', 'exempt', 'outsideCityCloud', 'migrated', 'retired'] as const;
const MONEY = ['outsideDataVolumeGb', 'outsideAnnualOmCost'] as const;

/** the breakdowns that partition the register */
const PARTITIONS = ['byOrganisation', 'byOrganisationKind', 'byJurisdiction', 'byIndustryCloud', 'byHosting', 'byStrategy'] as const;

function expectSums(b: Record<string, any>, breakdown: string) {
  const rows: Row[] = b[breakdown];
  expect(rows.length, breakdown).toBeGreaterThan(0);
  const sum = (f: (r: Row) => number) => rows.reduce((n, r) => n + f(r), 0);
  for (const k of COUNTED) expect(sum((r) => r[k]), `${breakdown}.${k}`).toBe(b.totals[k]);
  for (const st of MIGRATION_STATES) expect(sum((r) => r.byStatus[st]!), `${breakdown}.byStatus.${st}`).toBe(b.totals.byStatus[st]);
  for (const k of MONEY) {
    if (b.view === 'full') expect(sum((r) => r[k]!), `${breakdown}.${k}`).toBeCloseTo(b.totals[k], 2);
    else for (const r of rows) expect(r, `${breakdown} (public)`).not.toHaveProperty(k);
  }
}

const SCOPES: [string, Record<string, string>, (g: Gen) => boolean][] = [
  ['the whole city', {}, () => true],
  ['the city level (市本级)', { jurisdiction: 'CITY' }, (g) => g.jurisdiction === 'CITY'],
  ['Yanhu', { jurisdiction: 'YANHU' }, (g) => g.jurisdiction === 'YANHU'],
  ['Yongji', { jurisdiction: 'YONGJI' }, (g) => g.jurisdiction === 'YONGJI'],
];

describe.each(SCOPES)('%s', (_label, query, inScope) => {
  const mine = () => generated.filter(inScope);

  it.each([
    ['full', 'gia'],
    ['public', null],
  ] as const)('the %s view: every breakdown adds up to the register, status by status', async (view, user) => {
    const b = (await board(user, query)).body;
    expect(b.view).toBe(view);
    expect(b.totals.systems).toBe(mine().length);
    for (const st of MIGRATION_STATES) expect(b.totals.byStatus[st], st).toBe(mine().filter((g) => g.status === st).length);
    for (const breakdown of PARTITIONS) {
      if (view === 'public' && breakdown === 'byIndustryCloud') continue;
      expectSums(b, breakdown);
    }
  });

  it('lines match the register: each organisation, kind, jurisdiction and industry cloud', async () => {
    const b = (await board('gia', query)).body;
    for (const o of b.byOrganisation) expect(o.systems, o.code).toBe(mine().filter((g) => g.orgId === o.orgId).length);
    expect(b.byOrganisation.map((o: { code: string }) => o.code)).not.toContain('GONE_DEPT');
    if (!query.jurisdiction || query.jurisdiction === 'CITY') {
      expect(b.byOrganisation.find((o: { code: string }) => o.code === 'OLD_DEPT')).toMatchObject({ kind: 'DEPARTMENT', jurisdiction: 'CITY' });
      expect(b.byOrganisation.find((o: { code: string }) => o.code === 'FIN')).toMatchObject({ kind: 'FINANCE', jurisdiction: 'CITY' });
    }
    expect(b.byOrganisationKind.map((k: { kind: string }) => k.kind)).toEqual(ORG_KINDS);
    for (const k of b.byOrganisationKind) expect(k.systems, k.kind).toBe(mine().filter((g) => g.kind === k.kind).length);
    for (const j of b.byJurisdiction) expect(j.systems, j.code).toBe(mine().filter((g) => g.jurisdiction === j.code).length);
    if (!query.jurisdiction) {
      expect(b.byJurisdiction).toHaveLength(14);
      expect(b.byJurisdiction[0]).toMatchObject({ code: 'CITY', name: '市本级', nameEn: 'City level' });
      expect(b.byJurisdiction.find((j: { code: string }) => j.code === 'YANHU')).toMatchObject({ name: '盐湖区', organisations: 3 });
    } else {
      expect(b.byJurisdiction.map((j: { code: string }) => j.code)).toEqual([query.jurisdiction]);
    }
    const onCloud = mine().filter((g) => g.hosting === 'INDUSTRY_CLOUD');
    const named = (g: Gen) => g.location?.trim() || null;
    for (const c of b.byIndustryCloud) {
      const expected = c.onIndustryCloud ? onCloud.filter((g) => named(g) === c.industryCloud) : mine().filter((g) => g.hosting !== 'INDUSTRY_CLOUD');
      expect(c.systems, String(c.industryCloud)).toBe(expected.length);
      expect(c.organisations).toBe(new Set(expected.map((g) => g.orgId)).size);
    }
    expect(b.byIndustryCloud.filter((c: { onIndustryCloud: boolean }) => !c.onIndustryCloud)).toHaveLength(1);
    expect(b.byIndustryCloud.at(-1).onIndustryCloud).toBe(false);
    expect(new Set(b.byIndustryCloud.filter((c: { onIndustryCloud: boolean }) => c.onIndustryCloud).map((c: { industryCloud: string | null }) => c.industryCloud))).toEqual(
      new Set(onCloud.map(named)),
    );
  });
});

describe('the public view', () => {
  it('leaks nothing: no system names or codes, contacts, industry cloud names, locations, volumes or money', async () => {
    for (const query of [{}, { jurisdiction: 'YANHU' }] as Record<string, string>[]) {
      const res = await board(null, query);
      expect(res.body.byIndustryCloud).toBeUndefined();
      expect(res.body.outsideCityCloud.systems).toBeUndefined();
      for (const secret of [SECRET_PREFIX, '-XT-', CONTACT.name, CONTACT.phone, '行业云', '机房', 'location', 'dataVolume', 'DataVolume', 'annualOmCost', 'AnnualOmCost', 'industryCloud"']) {
        expect(res.text, secret).not.toContain(secret);
      }
      // the same board for anyone the public view is for
      const dept = await board('finance', query);
      expect({ ...dept.body, generatedAt: 0 }).toEqual({ ...res.body, generatedAt: 0 });
    }
  });

  it('a county bureau’s full board is its own county’s, and adds up too', async () => {
    const b = (await board('county-gia', { view: 'full' })).body;
    expect(b.view).toBe('full');
    expect(b.totals.systems).toBe(generated.filter((g) => g.jurisdiction === 'YANHU').length);
    expect(b.byJurisdiction.map((j: { code: string }) => j.code)).toEqual(['YANHU']);
    expect(new Set(b.byOrganisation.map((o: { jurisdiction: string }) => o.jurisdiction))).toEqual(new Set(['YANHU']));
    for (const breakdown of PARTITIONS) expectSums(b, breakdown);
  });
});

describe('freshness', () => {
  it('a change made through the API shows in the new breakdowns at once, and they still add up', async () => {
    const before = (await board('gia')).body;
    const res = await t.http.post('/api/migration/systems').set(await t.as('dept')).send({ name: '新登记行业云系统', purpose: '新业务', hosting: 'INDUSTRY_CLOUD', location: '省教育厅行业云' });
    expect(res.status, res.text).toBe(201);
    const after = (await board('gia')).body;
    const kind = (b: Record<string, any>) => b.byOrganisationKind.find((k: { kind: string }) => k.kind === 'DEPARTMENT').systems;
    const cloud = (b: Record<string, any>) => b.byIndustryCloud.find((c: { industryCloud: string | null }) => c.industryCloud === '省教育厅行业云').systems;
    const city = (b: Record<string, any>) => b.byJurisdiction[0].systems;
    expect([kind(after), cloud(after), city(after)]).toEqual([kind(before) + 1, cloud(before) + 1, city(before) + 1]);
    for (const breakdown of PARTITIONS) expectSums(after, breakdown);
    expect((await board(null)).body.byOrganisationKind.find((k: { kind: string }) => k.kind === 'DEPARTMENT').systems).toBe(kind(after));
  });
});
