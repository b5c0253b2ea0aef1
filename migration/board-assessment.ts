// The assessment questionnaire on the progress board (full view only: risk is not for the public display): how many
// systems were answered for and confirmed, and per 6R strategy and per risk level how many the answers propose and
// how many the sub-center confirmed (the system's own strategy and risk, for the systems whose proposal it confirmed).
// One query, counted by PostgreSQL.
import type { Database } from '../core/db/database.js';
import { Prisma } from '../core/db/generated/client.js';
import { z } from '../core/zod-openapi.js';
import { LEVELS, STRATEGIES } from './vocabulary.js';

const proposedConfirmed = { proposed: z.number().int(), confirmed: z.number().int() };

export const boardAssessmentSchema = z
  .object({
    answered: z.number().int().describe('systems with answers'),
    confirmed: z.number().int().describe('of which the sub-center confirmed the proposal (as proposed or overridden)'),
    overridden: z.number().int().describe('confirmed with a strategy or risk other than proposed'),
    byStrategy: z.array(z.object({ strategy: z.enum(STRATEGIES), ...proposedConfirmed })),
    byRisk: z.array(z.object({ risk: z.enum(LEVELS), ...proposedConfirmed })),
  })
  .openapi('BoardAssessment');
export type BoardAssessment = z.infer<typeof boardAssessmentSchema>;

type Row = { dim: 'all' | 'strategy' | 'risk'; key: string | null; answered: number; confirmed: number; overridden: number; proposed: number; confirmedAs: number };

/** The questionnaire's counts over the systems of `scope` (a jurisdiction; null: the whole city). */
export async function computeBoardAssessment(db: Database, scope: string | null): Promise<BoardAssessment> {
  const inScope = scope === null ? Prisma.sql`TRUE` : Prisma.sql`s.jurisdiction = ${scope}`;
  // each answered system counts once under its proposed value and once under its confirmed one
  const rows = await db.prisma.$queryRaw<Row[]>`
    WITH a AS (
      SELECT q."proposedStrategy"::text AS ps, q."proposedRisk"::text AS pr, q."confirmedAt" IS NOT NULL AS done,
        q."overrideReason" IS NOT NULL AS overridden, s.strategy::text AS cs, s.risk::text AS cr
      FROM migration_questionnaire_answers q JOIN migration_system s ON s.id = q."systemId"
      WHERE ${inScope}
    )
    SELECT 'all' AS dim, NULL AS key, count(*)::int AS answered, count(*) FILTER (WHERE done)::int AS confirmed,
      count(*) FILTER (WHERE done AND overridden)::int AS overridden, 0 AS proposed, 0 AS "confirmedAs" FROM a
    UNION ALL
    SELECT 'strategy', v.key, 0, 0, 0, count(*) FILTER (WHERE v.proposed)::int, count(*) FILTER (WHERE NOT v.proposed)::int
    FROM (SELECT ps AS key, TRUE AS proposed FROM a UNION ALL SELECT cs, FALSE FROM a WHERE done AND cs IS NOT NULL) v GROUP BY v.key
    UNION ALL
    SELECT 'risk', v.key, 0, 0, 0, count(*) FILTER (WHERE v.proposed)::int, count(*) FILTER (WHERE NOT v.proposed)::int
    FROM (SELECT pr AS key, TRUE AS proposed FROM a UNION ALL SELECT cr, FALSE FROM a WHERE done AND cr IS NOT NULL) v GROUP BY v.key`;
  const all = rows.find((r) => r.dim === 'all')!;
  const counts = (dim: Row['dim'], key: string) => {
    const r = rows.find((x) => x.dim === dim && x.key === key);
    return { proposed: r?.proposed ?? 0, confirmed: r?.confirmedAs ?? 0 };
  };
  return {
    answered: all.answered,
    confirmed: all.confirmed,
    overridden: all.overridden,
    byStrategy: STRATEGIES.map((strategy) => ({ strategy, ...counts('strategy', strategy) })),
    byRisk: LEVELS.map((risk) => ({ risk, ...counts('risk', risk) })),
  };
}
