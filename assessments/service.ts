// The yearly assessments: GIA's assessment of each city department (Art. 25) and the city GIA's scorecard of each
// county (Art. 40). Drafted by GIA, edited while DRAFT, confirmed once (the figures drawn from the platform are
// frozen then); every change through the workflow runner with its audit record and If-Match.
import { assertCan, readableWhere, subject } from '../core/access/abilities.js';
import type { Actor } from '../core/actor.js';
import { recordAudit } from '../core/audit/audit.js';
import { toShanghaiDate, type LocalDate } from '../core/calendar/working-days.js';
import type { Database, Tx } from '../core/db/database.js';
import { ConflictError, InvalidInputError } from '../core/errors.js';
import { t, type Locale } from '../core/i18n.js';
import { createRunner, type AllowedAction, type Runner, type StoredObject } from '../core/workflow/runner.js';
import type { CountyIndicators } from './county-scorecard.js';
import type { PlatformRecord } from './evidence.js';
import { CITY_DEPARTMENTS, COUNTIES } from './jurisdiction.js';
import {
  countyAssessmentMachine,
  liveIndicators,
  orgAssessmentMachine,
  orgEvidence,
  sumOf,
  type AssessmentEnv,
  type CountyAssessmentRow,
  type OrgAssessmentRow,
} from './machine.js';
import type { CountyAssessmentView, CountyRow, ManualItem, OrgAssessmentList, OrgAssessmentView } from './schemas.js';
import type { AssessmentAction, AssessmentState, Grade } from './workflow.js';

export interface AssessmentDeps {
  db: Database;
  /** today in Asia/Shanghai; injectable for tests */
  today?: () => LocalDate;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Reading, editing and confirming one kind of assessment through its runner; each answers with the view. */
function operations<Row extends StoredObject, Inputs extends Record<AssessmentAction, unknown> & { confirm: undefined }, Data, V>(
  runner: Runner<AssessmentState, AssessmentAction, Row, Inputs, AssessmentEnv, Data>,
  view: (tx: Tx, row: Row) => Promise<V>,
) {
  const get = (actor: Actor, id: string, locale: Locale) => runner.present(actor, id, locale, view);
  const take = async <K extends AssessmentAction>(actor: Actor, action: K, id: string, expectedVersion: number | undefined, input: Inputs[K], locale: Locale) => {
    await runner.run(actor, action, id, { expectedVersion, input, locale });
    return get(actor, id, locale);
  };
  return {
    get,
    update: (actor: Actor, id: string, version: number | undefined, input: Inputs['update'], locale: Locale) => take(actor, 'update', id, version, input, locale),
    confirm: (actor: Actor, id: string, version: number | undefined, locale: Locale) => take(actor, 'confirm', id, version, undefined as Inputs['confirm'], locale),
  };
}

export function createAssessmentService({ db, today = () => toShanghaiDate(new Date()) }: AssessmentDeps) {
  const { prisma } = db;
  const env = () => ({ today: today() });
  const orgRunner = createRunner(orgAssessmentMachine, { db, env });
  const countyRunner = createRunner(countyAssessmentMachine, { db, env });

  /** Starts an assessment (not a machine action: there is no object yet), with its audit record. */
  async function start(actor: Actor, type: 'OrgAssessment' | 'CountyAssessment', create: (tx: Tx) => Promise<{ id: string; detail: Record<string, unknown> }>) {
    assertCan(actor.ability, 'create', type);
    return prisma.$transaction(async (tx) => {
      const { id, detail } = await create(tx);
      await recordAudit(tx, actor.audit, { action: `assessment.${type === 'OrgAssessment' ? 'org' : 'county'}.create`, targetType: type, targetId: id, detail });
      return id;
    });
  }

  /** May the actor read every one of them (drafts included), not only some? Then every department or county is listed. */
  const readsAll = (actor: Actor, type: 'OrgAssessment' | 'CountyAssessment') =>
    actor.ability.can('read', subject(type, { orgId: '', county: '', countyOrgId: '', status: 'DRAFT' }));

  /** `create` on an organisation not yet assessed that year, for who may start assessments. */
  const createAction = (actor: Actor, type: 'OrgAssessment' | 'CountyAssessment', locale: Locale): AllowedAction[] =>
    actor.ability.can('create', type) ? [{ action: 'create', label: t(`action.${type}.create`, locale), enabled: true }] : [];

  async function userName(tx: Tx, id: string) {
    return (await tx.user.findUnique({ where: { id }, select: { displayName: true } }))?.displayName ?? '';
  }

  // ── departments (Art. 25) ──

  async function orgView(tx: Tx, row: OrgAssessmentRow): Promise<OrgAssessmentView> {
    const org = await tx.organisation.findUniqueOrThrow({ where: { id: row.orgId }, select: { id: true, code: true, name: true } });
    const evidence = row.status === 'CONFIRMED' && row.evidence ? (row.evidence as unknown as PlatformRecord) : await orgEvidence(tx, row, today());
    return {
      id: row.id,
      org,
      year: row.year,
      status: row.status,
      score: row.score,
      grade: row.grade as Grade | null,
      findings: row.findings,
      evidence,
      assessedBy: await userName(tx, row.assessedById),
      confirmedAt: iso(row.confirmedAt),
      version: row.version,
    };
  }

  /**
   * With a year: every city department and its assessment that year (who reads them all), or the departments whose
   * assessment the actor may read. Without: every assessment the actor may read, newest year first.
   */
  async function listOrgs(actor: Actor, year: number | undefined, locale: Locale): Promise<OrgAssessmentList> {
    const readable = readableWhere(actor.ability, 'OrgAssessment');
    const rows = await prisma.orgAssessment.findMany({ where: { AND: [readable, year === undefined ? {} : { year }] }, orderBy: [{ year: 'desc' }] });
    const all = year !== undefined && readsAll(actor, 'OrgAssessment');
    const orgs = await prisma.organisation.findMany({
      where: all ? { ...CITY_DEPARTMENTS, active: true } : { id: { in: rows.map((r) => r.orgId) } },
      select: { id: true, code: true, name: true },
      orderBy: { code: 'asc' },
    });
    const byOrg = new Map(orgs.map((o) => [o.id, o]));
    const summary = (r: OrgAssessmentRow) => ({ id: r.id, status: r.status, grade: r.grade as Grade | null, confirmedAt: iso(r.confirmedAt), score: r.score });
    if (!all) return { items: rows.map((r) => ({ org: byOrg.get(r.orgId)!, year: r.year, assessment: summary(r), allowedActions: [] })) };
    const ofOrg = new Map(rows.map((r) => [r.orgId, r]));
    return {
      items: orgs.map((org) => {
        const r = ofOrg.get(org.id);
        return { org, year: year!, assessment: r ? summary(r) : null, allowedActions: r ? [] : createAction(actor, 'OrgAssessment', locale) };
      }),
    };
  }

  async function createOrg(actor: Actor, input: { orgId: string; year: number }, locale: Locale) {
    const id = await start(actor, 'OrgAssessment', async (tx) => {
      const org = await tx.organisation.findUnique({ where: { id: input.orgId } });
      if (!org || org.kind !== CITY_DEPARTMENTS.kind || org.jurisdiction !== CITY_DEPARTMENTS.jurisdiction) throw new InvalidInputError([{ path: 'orgId', code: 'NOT_ASSESSED_HERE' }]);
      if (await tx.orgAssessment.findUnique({ where: { orgId_year: input } })) throw new ConflictError('ASSESSMENT_EXISTS', { name: org.name, year: input.year });
      const row = await tx.orgAssessment.create({ data: { ...input, assessedById: actor.principal!.id } });
      return { id: row.id, detail: { org: org.code, year: input.year } };
    });
    return orgs.get(actor, id, locale);
  }

  const orgs = operations(orgRunner, orgView);

  // ── counties (Art. 40) ──

  const countySummary = (r: CountyAssessmentRow) => {
    const items = r.manualItems as unknown as ManualItem[];
    return { id: r.id, status: r.status, grade: r.grade as Grade | null, confirmedAt: iso(r.confirmedAt), total: Number(r.total), maxTotal: sumOf(items, 'max') };
  };
  const indicatorsOf = async (tx: Tx, r: Pick<CountyAssessmentRow, 'county' | 'year' | 'status' | 'indicators'>) =>
    r.status === 'CONFIRMED' && r.indicators ? (r.indicators as unknown as CountyIndicators) : liveIndicators(tx, r, today());

  async function countyView(tx: Tx, row: CountyAssessmentRow): Promise<CountyAssessmentView> {
    const org = await tx.organisation.findUniqueOrThrow({ where: { id: row.countyOrgId }, select: { name: true } });
    const { id: _id, ...summary } = countySummary(row);
    return {
      id: row.id,
      county: { code: row.county, name: org.name },
      year: row.year,
      indicators: await indicatorsOf(tx, row),
      manualItems: row.manualItems as unknown as ManualItem[],
      ...summary,
      findings: row.findings,
      assessedBy: await userName(tx, row.assessedById),
      version: row.version,
    };
  }

  /** Every county side by side for a year (who reads them all), or the counties whose scorecard the actor may read. */
  async function countyTable(actor: Actor, year: number, locale: Locale): Promise<{ year: number; items: CountyRow[] }> {
    const rows = await prisma.countyAssessment.findMany({ where: { AND: [readableWhere(actor.ability, 'CountyAssessment'), { year }] } });
    const all = readsAll(actor, 'CountyAssessment');
    const counties = await prisma.organisation.findMany({
      where: all ? { ...COUNTIES, active: true } : { id: { in: rows.map((r) => r.countyOrgId) } },
      select: { code: true, name: true },
      orderBy: { code: 'asc' },
    });
    const ofCounty = new Map(rows.map((r) => [r.county, r]));
    return prisma.$transaction(async (tx) => {
      const items: CountyRow[] = [];
      for (const county of counties) {
        const r = ofCounty.get(county.code);
        items.push({
          county,
          year,
          indicators: await indicatorsOf(tx, r ?? { county: county.code, year, status: 'DRAFT', indicators: null }),
          assessment: r ? countySummary(r) : null,
          allowedActions: r ? [] : createAction(actor, 'CountyAssessment', locale),
        });
      }
      return { year, items };
    });
  }

  const counties = operations(countyRunner, countyView);

  async function createCounty(actor: Actor, input: { county: string; year: number }, locale: Locale) {
    const id = await start(actor, 'CountyAssessment', async (tx) => {
      const org = await tx.organisation.findFirst({ where: { ...COUNTIES, code: input.county } });
      if (!org) throw new InvalidInputError([{ path: 'county', code: 'NOT_A_COUNTY' }]);
      if (await tx.countyAssessment.findUnique({ where: { county_year: input } })) throw new ConflictError('ASSESSMENT_EXISTS', { name: org.name, year: input.year });
      const row = await tx.countyAssessment.create({ data: { ...input, countyOrgId: org.id, assessedById: actor.principal!.id } });
      return { id: row.id, detail: { ...input } };
    });
    return counties.get(actor, id, locale);
  }

  return {
    listOrgs,
    createOrg,
    getOrg: orgs.get,
    updateOrg: orgs.update,
    confirmOrg: orgs.confirm,
    countyTable,
    createCounty,
    getCounty: counties.get,
    updateCounty: counties.update,
    confirmCounty: counties.confirm,
  };
}

export type AssessmentService = ReturnType<typeof createAssessmentService>;
