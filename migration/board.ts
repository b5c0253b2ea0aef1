// The migration progress board: every number computed by PostgreSQL (GROUP BY GROUPING SETS, FILTER, window
// functions), never by loading the register into Node; Node only renames columns into the response.
//
// Two views. "full" (GIA, the auditor, the sub-center): every count plus data volumes, O&M costs, the industry
// clouds' names and the systems still outside the city cloud. "public" (anyone else, and the public display):
// counts by status, department, county, wave, strategy and hosting, the curve and the Art. 30/33 counts; no
// system names, locations, money or contacts.
//
// Boards are read far more often than the register changes, so each view is computed once and shared: requests
// arriving while it is being computed wait for that computation, and the result serves for BOARD_TTL_MS (other
// replicas' changes show within that time); a change made through this process invalidates it at once.
import { assertCan } from '../core/access/abilities.js';
import type { Actor } from '../core/actor.js';
import type { LocalDate } from '../core/calendar/working-days.js';
import type { Database } from '../core/db/database.js';
import { UnauthenticatedError } from '../core/errors.js';
import { Prisma } from '../core/db/generated/client.js';
import { MIGRATION_STATES, NOT_YET_MOVED, type MigrationState } from './workflow.js';
import { HOSTING_TYPES, STRATEGIES, type HostingType, type Strategy } from './register-input.js';
import type { Board } from './view-schema.js';
import { computeBoardAssessment } from './board-assessment.js';

export const BOARD_TTL_MS = 2000;
/** systems still outside the city cloud listed by name on the full board (all of them: GET /systems?outsideCityCloud=true) */
export const OUTSIDE_LISTED = 100;

export type BoardView = 'public' | 'full';

const list = (values: readonly string[]) => Prisma.raw(values.map((v) => `'${v}'`).join(', '));
/** exempt from migration: classified (Art. 1) or assessed retain-exempt */
const EXEMPT = Prisma.raw(`(s.classified OR s.strategy IS NOT DISTINCT FROM 'RETAIN_EXEMPT')`);
/** still to be moved: not exempt, not yet migrated or decommissioned */
const REMAINING = Prisma.sql`(NOT ${EXEMPT} AND s.status IN (${list(NOT_YET_MOVED)}))`;

/** The counts every breakdown row carries, as SELECT expressions over `s` (a LEFT JOINed migration_system). */
const COUNTS = Prisma.sql`
  count(s.id)::int AS systems,
  ${Prisma.join(MIGRATION_STATES.map((st) => Prisma.sql`count(s.id) FILTER (WHERE s.status = ${Prisma.raw(`'${st}'`)})::int AS ${Prisma.raw(`"${st}"`)}`), ',\n  ')},
  count(s.id) FILTER (WHERE ${EXEMPT})::int AS exempt,
  count(s.id) FILTER (WHERE ${REMAINING} AND s.hosting <> 'CITY_CLOUD')::int AS outside,
  count(s.id) FILTER (WHERE s."migratedAt" IS NOT NULL)::int AS migrated,
  count(s.id) FILTER (WHERE s.status = 'DECOMMISSIONED' AND s."migratedAt" IS NULL)::int AS retired,
  count(s.id) FILTER (WHERE s.hosting = 'CITY_CLOUD')::int AS "alreadyOnCityCloud",
  count(s.id) FILTER (WHERE s."waveId" IS NULL)::int AS "notInWave",
  count(s.id) FILTER (WHERE ${REMAINING} AND s.hosting = 'OWN_ROOM')::int AS "ownRoom",
  count(s.id) FILTER (WHERE ${REMAINING} AND s.hosting = 'COUNTY_CLOUD')::int AS "countyCloud",
  count(s.id) FILTER (WHERE ${REMAINING} AND s.hosting = 'INDUSTRY_CLOUD')::int AS "industryCloud",
  coalesce(sum(s."dataVolumeGb") FILTER (WHERE ${REMAINING} AND s.hosting <> 'CITY_CLOUD'), 0)::float8 AS "outsideDataVolumeGb",
  coalesce(sum(s."annualOmCost") FILTER (WHERE ${REMAINING} AND s.hosting <> 'CITY_CLOUD'), 0)::float8 AS "outsideAnnualOmCost",
  coalesce(sum(s."dataVolumeGb") FILTER (WHERE ${REMAINING} AND s.hosting IN ('OWN_ROOM', 'COUNTY_CLOUD')), 0)::float8 AS "ownCloudDataVolumeGb",
  coalesce(sum(s."annualOmCost") FILTER (WHERE ${REMAINING} AND s.hosting IN ('OWN_ROOM', 'COUNTY_CLOUD')), 0)::float8 AS "ownCloudAnnualOmCost"`;

type Counts = Record<MigrationState, number> & {
  systems: number;
  exempt: number;
  outside: number;
  migrated: number;
  retired: number;
  alreadyOnCityCloud: number;
  notInWave: number;
  ownRoom: number;
  countyCloud: number;
  industryCloud: number;
  outsideDataVolumeGb: number;
  outsideAnnualOmCost: number;
  ownCloudDataVolumeGb: number;
  ownCloudAnnualOmCost: number;
};

interface BreakdownRow extends Counts {
  dim: 'all' | 'org' | 'strategy' | 'hosting';
  orgId: string | null;
  orgCode: string | null;
  orgName: string | null;
  orgKind: string | null;
  strategy: Strategy | null;
  hosting: HostingType | null;
}

interface WaveRow extends Counts {
  id: string;
  name: string;
  startDate: string;
  endDate: string;
  remaining: number;
  overdue: boolean;
  daysOverdue: number;
}

/** Each status's count as one object (all states present, zeros included). */
const byStatus = (c: Counts) => Object.fromEntries(MIGRATION_STATES.map((st) => [st, c[st]])) as Record<MigrationState, number>;

function countsOf(c: Counts, view: BoardView) {
  return {
    systems: c.systems,
    byStatus: byStatus(c),
    exempt: c.exempt,
    outsideCityCloud: c.outside,
    migrated: c.migrated,
    retired: c.retired,
    ...(view === 'full' ? { outsideDataVolumeGb: c.outsideDataVolumeGb, outsideAnnualOmCost: c.outsideAnnualOmCost } : {}),
  };
}

/**
 * The board's SQL: one statement per part, all aggregation done by PostgreSQL. `scope`: one jurisdiction's
 * organisations and systems only (the city's 'CITY', or a county's code), or null for the whole city.
 */
export function boardQueries(view: BoardView, today: LocalDate, scope: string | null = null) {
  const inScope = (alias: 'o' | 's') => (scope === null ? Prisma.sql`TRUE` : Prisma.sql`${Prisma.raw(alias)}.jurisdiction = ${scope}`);
  const breakdowns = Prisma.sql`
    SELECT
      CASE WHEN GROUPING(o.id) = 0 THEN 'org' WHEN GROUPING(s.strategy) = 0 THEN 'strategy' WHEN GROUPING(s.hosting) = 0 THEN 'hosting' ELSE 'all' END AS dim,
      o.id AS "orgId", o.code AS "orgCode", o.name AS "orgName", o.kind::text AS "orgKind",
      s.strategy::text AS strategy, s.hosting::text AS hosting,
      ${COUNTS}
    FROM organisation o
    LEFT JOIN migration_system s ON s."orgId" = o.id
    WHERE ((o.kind IN ('DEPARTMENT', 'COUNTY') AND o.active) OR s.id IS NOT NULL) AND ${inScope('o')}
    GROUP BY GROUPING SETS ((), (o.id, o.code, o.name, o.kind), (s.strategy), (s.hosting))
    HAVING GROUPING(o.id) = 0 OR count(s.id) > 0 OR (GROUPING(s.strategy) = 1 AND GROUPING(s.hosting) = 1)
    ORDER BY dim, o.code, s.strategy, s.hosting`;

  const waves = Prisma.sql`
    SELECT w.id, w.name, w."startDate", w."endDate",
      ${COUNTS},
      count(s.id) FILTER (WHERE ${REMAINING})::int AS remaining,
      (w."endDate" < ${today} AND count(s.id) FILTER (WHERE ${REMAINING}) > 0) AS overdue,
      greatest(${today}::date - w."endDate"::date, 0)::int AS "daysOverdue"
    FROM migration_wave w
    LEFT JOIN migration_system s ON s."waveId" = w.id AND ${inScope('s')}
    GROUP BY w.id
    ORDER BY w."startDate", w.name`;

  // the month each system first reached MIGRATED / DECOMMISSIONED (from the history), then running totals
  const curve = Prisma.sql`
    WITH firsts AS (
      SELECT "systemId", "toStatus", min(at) AS at
      FROM migration_status_change c JOIN migration_system s ON s.id = c."systemId"
      WHERE "toStatus" IN ('MIGRATED', 'DECOMMISSIONED') AND ${inScope('s')}
      GROUP BY "systemId", "toStatus"
    ), months AS (
      SELECT date_trunc('month', at AT TIME ZONE 'Asia/Shanghai') AS m,
        count(*) FILTER (WHERE "toStatus" = 'MIGRATED')::int AS migrated,
        count(*) FILTER (WHERE "toStatus" = 'DECOMMISSIONED')::int AS decommissioned
      FROM firsts GROUP BY 1
    ), span AS (
      SELECT generate_series((SELECT min(m) FROM months), greatest((SELECT max(m) FROM months), date_trunc('month', ${today}::date)), interval '1 month') AS m
    )
    SELECT to_char(span.m, 'YYYY-MM') AS month,
      coalesce(months.migrated, 0)::int AS migrated,
      coalesce(months.decommissioned, 0)::int AS decommissioned,
      (sum(coalesce(months.migrated, 0)) OVER (ORDER BY span.m))::int AS "cumulativeMigrated",
      (sum(coalesce(months.decommissioned, 0)) OVER (ORDER BY span.m))::int AS "cumulativeDecommissioned"
    FROM span LEFT JOIN months USING (m)
    ORDER BY span.m`;

  // Art. 33 in detail: which industry clouds (as their owners name them) still hold systems
  const industry =
    view === 'full'
      ? Prisma.sql`
          SELECT o.id AS "orgId", o.code AS "orgCode", o.name AS "orgName", s.location, count(*)::int AS systems,
            coalesce(sum(s."dataVolumeGb"), 0)::float8 AS "dataVolumeGb", coalesce(sum(s."annualOmCost"), 0)::float8 AS "annualOmCost"
          FROM migration_system s JOIN organisation o ON o.id = s."orgId"
          WHERE s.hosting = 'INDUSTRY_CLOUD' AND ${REMAINING} AND ${inScope('s')}
          GROUP BY o.id, o.code, o.name, s.location
          ORDER BY systems DESC, o.code, s.location`
      : null;

  const outside =
    view === 'full'
      ? Prisma.sql`
          SELECT s.id, s.code, s.name, o.name AS "orgName", s.hosting::text AS hosting, s.location, s.status::text AS status, w.name AS wave
          FROM migration_system s JOIN organisation o ON o.id = s."orgId" LEFT JOIN migration_wave w ON w.id = s."waveId"
          WHERE ${REMAINING} AND s.hosting <> 'CITY_CLOUD' AND ${inScope('s')}
          ORDER BY s.hosting, s.code
          LIMIT ${OUTSIDE_LISTED}`
      : null;
  return { breakdowns, waves, curve, industry, outside };
}

const OUTSIDE_HOSTING = HOSTING_TYPES.filter((h): h is Exclude<HostingType, 'CITY_CLOUD'> => h !== 'CITY_CLOUD');

type CurveRow = { month: string; migrated: number; decommissioned: number; cumulativeMigrated: number; cumulativeDecommissioned: number };
type IndustryRow = { orgId: string; orgCode: string; orgName: string; location: string | null; systems: number; dataVolumeGb: number; annualOmCost: number };
type OutsideRow = { id: string; code: string; name: string; orgName: string; hosting: HostingType; location: string | null; status: MigrationState; wave: string | null };

/** The board but for the time it was computed (the ETag covers the numbers only). */
export type BoardNumbers = Omit<Board, 'generatedAt'>;

export async function computeBoard(db: Database, view: BoardView, today: LocalDate, scope: string | null = null): Promise<BoardNumbers> {
  const { prisma } = db;
  const q = boardQueries(view, today, scope);

  const [rows, waveRows, curveRows, industryRows, outsideRows, assessment] = await Promise.all([
    prisma.$queryRaw<BreakdownRow[]>(q.breakdowns),
    prisma.$queryRaw<WaveRow[]>(q.waves),
    prisma.$queryRaw<CurveRow[]>(q.curve),
    q.industry ? prisma.$queryRaw<IndustryRow[]>(q.industry) : null,
    q.outside ? prisma.$queryRaw<OutsideRow[]>(q.outside) : null,
    // the assessment questionnaire's proposals and confirmations (full view only: risk is not public)
    view === 'full' ? computeBoardAssessment(db, scope) : null,
  ]);
  const all = rows.find((r) => r.dim === 'all')!;
  const orgs = rows.filter((r) => r.dim === 'org');
  const orgEntry = (r: BreakdownRow) => ({ orgId: r.orgId!, code: r.orgCode!, name: r.orgName!, ...countsOf(r, view) });
  const hostingRows = rows.filter((r) => r.dim === 'hosting');

  return {
    view,
    today,
    totals: { ...countsOf(all, view), alreadyOnCityCloud: all.alreadyOnCityCloud, notInWave: all.notInWave },
    byDepartment: orgs.filter((r) => r.orgKind === 'DEPARTMENT').map(orgEntry),
    byCounty: orgs.filter((r) => r.orgKind === 'COUNTY').map(orgEntry),
    byWave: waveRows.map((w) => ({
      id: w.id,
      name: w.name,
      startDate: w.startDate,
      endDate: w.endDate,
      ...countsOf(w, view),
      remaining: w.remaining,
      overdue: w.overdue,
    })),
    byStrategy: STRATEGIES.map((st) => rows.find((r) => r.dim === 'strategy' && r.strategy === st))
      .concat(rows.filter((r) => r.dim === 'strategy' && r.strategy === null))
      .filter((r): r is BreakdownRow => r !== undefined)
      .map((r) => ({ strategy: r.strategy, ...countsOf(r, view) })),
    byHosting: HOSTING_TYPES.flatMap((hosting) => {
      const r = hostingRows.find((row) => row.hosting === hosting);
      return r ? [{ hosting, ...countsOf(r, view) }] : [];
    }),
    outsideCityCloud: {
      total: all.outside,
      byHosting: Object.fromEntries(OUTSIDE_HOSTING.map((h) => [h, hostingRows.find((r) => r.hosting === h)?.outside ?? 0])) as Record<(typeof OUTSIDE_HOSTING)[number], number>,
      ...(outsideRows ? { listed: outsideRows.length, systems: outsideRows } : {}),
    },
    overdueWaves: waveRows.filter((w) => w.overdue).map((w) => ({ id: w.id, name: w.name, endDate: w.endDate, daysOverdue: w.daysOverdue, remaining: w.remaining })),
    migratedOverTime: curveRows,
    // Art. 30: counties may not keep or extend their own clouds
    countyOwnCloud: orgs
      .filter((r) => r.orgKind === 'COUNTY')
      .map((r) => ({
        orgId: r.orgId!,
        code: r.orgCode!,
        name: r.orgName!,
        countyCloudSystems: r.countyCloud,
        ownRoomSystems: r.ownRoom,
        ...(view === 'full' ? { dataVolumeGb: r.ownCloudDataVolumeGb, annualOmCost: r.ownCloudAnnualOmCost } : {}),
      })),
    // Art. 33: industry clouds come under unified management
    industryClouds: industryRows
      ? industryRows.map((r) => ({ orgId: r.orgId, code: r.orgCode, name: r.orgName, location: r.location, systems: r.systems, dataVolumeGb: r.dataVolumeGb, annualOmCost: r.annualOmCost }))
      : orgs.filter((r) => r.industryCloud > 0).map((r) => ({ orgId: r.orgId!, code: r.orgCode!, name: r.orgName!, systems: r.industryCloud })),
    ...(assessment ? { assessment } : {}),
  };
}
export type { Board };

/** A computed board, kept as the same object while fresh (so the API serialises it once, api/serialised.ts). */
interface Cached {
  board: BoardNumbers;
  generatedAt: string;
  at: number;
}

/** The board service: who sees which view, and the shared, briefly cached computation of each. */
export function createBoardService({ db, today, ttlMs = BOARD_TTL_MS }: { db: Database; today: () => LocalDate; ttlMs?: number }) {
  let generation = 0;
  // by view and jurisdiction (`full|` the whole city, `full|YANHU` one county)
  const cache = new Map<string, Cached>();
  const inFlight = new Map<string, { generation: number; promise: Promise<Cached> }>();

  function compute(view: BoardView, scope: string | null): Promise<Cached> {
    const key = `${view}|${scope ?? ''}`;
    const running = inFlight.get(key);
    if (running && running.generation === generation) return running.promise;
    const started = generation;
    const promise = computeBoard(db, view, today(), scope)
      .then((board) => {
        const entry = { board, generatedAt: new Date().toISOString(), at: Date.now() };
        if (generation === started) cache.set(key, entry);
        return entry;
      })
      .finally(() => {
        if (inFlight.get(key)?.promise === promise) inFlight.delete(key);
      });
    inFlight.set(key, { generation: started, promise });
    return promise;
  }

  /** The view this actor gets: full for those who may read the whole board, public otherwise (or when asked). */
  function viewFor(actor: Actor, asked?: BoardView): BoardView {
    if (asked === 'public') return 'public';
    if (asked === 'full') {
      if (!actor.principal) throw new UnauthenticatedError();
      assertCan(actor.ability, 'read', 'MigrationBoard');
      return 'full';
    }
    return actor.ability.can('read', 'MigrationBoard') ? 'full' : 'public';
  }

  /**
   * The board of `jurisdiction` (or the whole city). A county's bureau reads the full board of its own county only
   * (Art. 39): its full view is always scoped to its jurisdiction.
   */
  async function get(actor: Actor, asked?: BoardView, jurisdiction?: string): Promise<{ entry: Cached; view: BoardView; scope: string | null }> {
    const view = viewFor(actor, asked);
    const own = actor.principal?.jurisdiction;
    const scope = view === 'full' && own && own !== 'CITY' ? own : (jurisdiction ?? null);
    const hit = cache.get(`${view}|${scope ?? ''}`);
    if (hit && Date.now() - hit.at < ttlMs) return { entry: hit, view, scope };
    return { entry: await compute(view, scope), view, scope };
  }

  return {
    get,
    /** a change was made through this process: the next read computes afresh */
    invalidate() {
      generation++;
      cache.clear();
    },
  };
}

export type BoardService = ReturnType<typeof createBoardService>;
