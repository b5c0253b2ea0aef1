// The counts of each organisation in scope, and their sums by kind and by jurisdiction, in one statement: the
// systems are aggregated once per organisation, then those few rows are summed up by GROUPING SETS. The breakdowns
// by organisation, by kind and by jurisdiction each read their part; within one board computation the statement runs
// once however many of them ask (memoised on the computation's context object).
import { CITY } from '../../accounts/jurisdictions.js';
import type { Database } from '../../core/db/database.js';
import type { OrgKind } from '../../core/db/generated/enums.js';
import { Prisma } from '../../core/db/generated/client.js';
import type { BreakdownContext } from './breakdown.js';
import { orgInScope } from './breakdown.js';
import { COUNT_COLUMNS, COUNTS, type Counts } from './counts.js';

export type RollupRow = Counts & {
  dim: 'org' | 'kind' | 'jurisdiction';
  orgId: string | null;
  code: string | null;
  name: string | null;
  nameEn: string | null;
  kind: OrgKind | null;
  jurisdiction: string | null;
  /** the jurisdiction's county by name (null for the city) */
  jName: string | null;
  jNameEn: string | null;
  /** organisations counted: active ones, and any owning a system */
  organisations: number;
};

const SUMMED = Prisma.join(
  COUNT_COLUMNS.map((c) => Prisma.raw(`sum(p."${c}")::${c.endsWith('Gb') || c.endsWith('Cost') ? 'float8' : 'int'} AS "${c}"`)),
  ',\n  ',
);

function query({ scope }: BreakdownContext) {
  return Prisma.sql`
    WITH p AS (
      SELECT o.id, o.code, o.name, o."nameEn", o.kind::text AS kind, o.jurisdiction, c.name AS "jName", c."nameEn" AS "jNameEn",
        (o.active OR count(s.id) > 0) AS counted,
        ${COUNTS}
      FROM organisation o
      LEFT JOIN organisation c ON c.kind = 'COUNTY' AND c.code = o.jurisdiction
      LEFT JOIN migration_system s ON s."orgId" = o.id
      WHERE ${orgInScope('o', scope)}
      GROUP BY o.id, c.id
    )
    SELECT
      CASE WHEN GROUPING(p.id) = 0 THEN 'org' WHEN GROUPING(p.kind) = 0 THEN 'kind' ELSE 'jurisdiction' END AS dim,
      p.id AS "orgId", p.code, p.name, p."nameEn", p.kind, p.jurisdiction, p."jName", p."jNameEn",
      count(*) FILTER (WHERE p.counted)::int AS organisations,
      ${SUMMED}
    FROM p
    GROUP BY GROUPING SETS ((p.id, p.code, p.name, p."nameEn", p.kind, p.jurisdiction, p.counted), (p.kind), (p.jurisdiction, p."jName", p."jNameEn"))
    HAVING GROUPING(p.id) = 1 OR bool_or(p.counted)
    ORDER BY dim, p.code, p.jurisdiction <> ${CITY}, p.jurisdiction`;
}

const memo = new WeakMap<BreakdownContext, Promise<RollupRow[]>>();

/** The rollup rows of this board computation (one statement per computation). */
export function organisationRollup(db: Database, ctx: BreakdownContext): Promise<RollupRow[]> {
  let rows = memo.get(ctx);
  if (!rows) {
    rows = db.prisma.$queryRaw<RollupRow[]>(query(ctx));
    memo.set(ctx, rows);
  }
  return rows;
}
