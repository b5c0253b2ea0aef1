// The migration progress board: every number computed by PostgreSQL (GROUP BY GROUPING SETS, FILTER, window
// functions), never by loading the register into Node; Node only renames columns into the response.
//
// Two views. "full" (GIA, the auditor, the sub-center): every count plus data volumes, O&M costs, the industry
// clouds' names and the systems still outside the city cloud. "public" (anyone else, and the public display):
// counts by status, organisation, organisation kind, jurisdiction, department, county, wave, strategy and hosting,
// the curve and the Art. 30/33 counts; no system names, locations (so no by-industry-cloud breakdown), money or
// contacts. The breakdowns of ./board/ (one a file, each declaring whether it is public) are computed alongside.
//
// Boards are read far more often than the register changes, so each view is computed once and shared until anything
// is written (core/cache/read-cache.ts): requests arriving while it is being computed wait for that computation.
import { assertCan } from '../core/access/abilities.js';
import { createReadCache } from '../core/cache/read-cache.js';
import type { Actor } from '../core/actor.js';
import type { LocalDate } from '../core/calendar/working-days.js';
import type { Database } from '../core/db/database.js';
import { UnauthenticatedError } from '../core/errors.js';
import { Prisma } from '../core/db/generated/client.js';
import { type MigrationState } from './workflow.js';
import { COUNTS, countsOf, REMAINING, type BoardView, type Counts } from './board/counts.js';
import { computeBreakdowns } from './board/index.js';
import { HOSTING_TYPES, STRATEGIES, type HostingType, type Strategy } from './register-input.js';
import type { Board } from './view-schema.js';
import { computeBoardAssessment } from './board-assessment.js';

/** systems still outside the city cloud listed by name on the full board (all of them: GET /systems?outsideCityCloud=true) */
export const OUTSIDE_LISTED = 100;

export type { BoardView };

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

  const [rows, waveRows, curveRows, industryRows, outsideRows, breakdowns, assessment] = await Promise.all([
    prisma.$queryRaw<BreakdownRow[]>(q.breakdowns),
    prisma.$queryRaw<WaveRow[]>(q.waves),
    prisma.$queryRaw<CurveRow[]>(q.curve),
    q.industry ? prisma.$queryRaw<IndustryRow[]>(q.industry) : null,
    q.outside ? prisma.$queryRaw<OutsideRow[]>(q.outside) : null,
    computeBreakdowns(db, { view, today, scope }),
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
    // one breakdown a file (./board/): every organisation, kind, jurisdiction, industry cloud
    ...breakdowns,
    ...(assessment ? { assessment } : {}),
  };
}
export type { Board };

/** A computed board, kept as the same object while nothing is written (so the API serialises it once, api/serialised.ts). */
interface Cached {
  board: BoardNumbers;
  generatedAt: string;
}

/** The board service: who sees which view, and the shared computation of each (core/cache/read-cache.ts). */
export function createBoardService({ db, today }: { db: Database; today: () => LocalDate }) {
  // by view, jurisdiction and day (`full||2026-12-08` the whole city, `full|YANHU|…` one county)
  const cache = createReadCache<Cached>(100);

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
    const day = today();
    const entry = await cache.get(`${view}|${scope ?? ''}|${day}`, async () => ({ board: await computeBoard(db, view, day, scope), generatedAt: new Date().toISOString() }));
    return { entry, view, scope };
  }

  return { get };
}

export type BoardService = ReturnType<typeof createBoardService>;
