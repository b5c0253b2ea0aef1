// By kind of organisation: every kind (GIA, Finance, the sub-center, departments, counties), zeros included, with
// how many organisations of the kind are counted. Public.
import { ORG_KINDS } from '../../accounts/vocabulary.js';
import type { OrgKind } from '../../core/db/generated/enums.js';
import { Prisma } from '../../core/db/generated/client.js';
import type { Breakdown } from './breakdown.js';
import { orgInScope } from './breakdown.js';
import { COUNTS, countsOf, type Counts } from './counts.js';

type Raw = Counts & { kind: OrgKind; organisations: number };

const KINDS = Prisma.join(ORG_KINDS.map((k, i) => Prisma.sql`(${k}, ${i})`));

export const byOrganisationKind = {
  public: true,
  async compute(db, { view, scope }) {
    const rows = await db.prisma.$queryRaw<Raw[]>(Prisma.sql`
      SELECT k.kind, count(DISTINCT o.id) FILTER (WHERE o.active OR s.id IS NOT NULL)::int AS organisations,
        ${COUNTS}
      FROM (VALUES ${KINDS}) AS k(kind, ord)
      LEFT JOIN organisation o ON o.kind::text = k.kind AND ${orgInScope('o', scope)}
      LEFT JOIN migration_system s ON s."orgId" = o.id
      GROUP BY k.kind, k.ord
      ORDER BY k.ord`);
    return rows.map((r) => ({ kind: r.kind, organisations: r.organisations, ...countsOf(r, view) }));
  },
} satisfies Breakdown<unknown>;
