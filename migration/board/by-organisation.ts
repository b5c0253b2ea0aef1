// By organisation: every organisation of every kind (departments, counties, the finance and approval bureaus, the
// sub-center…) that is active or owns a system, with its kind and jurisdiction. Public (counts only, as the
// department and county lists always were).
import type { OrgKind } from '../../core/db/generated/enums.js';
import { Prisma } from '../../core/db/generated/client.js';
import type { Breakdown } from './breakdown.js';
import { orgInScope } from './breakdown.js';
import { COUNTS, countsOf, type Counts } from './counts.js';

type Raw = Counts & { orgId: string; code: string; name: string; nameEn: string | null; kind: OrgKind; jurisdiction: string };

export const byOrganisation = {
  public: true,
  async compute(db, { view, scope }) {
    const rows = await db.prisma.$queryRaw<Raw[]>(Prisma.sql`
      SELECT o.id AS "orgId", o.code, o.name, o."nameEn", o.kind::text AS kind, o.jurisdiction,
        ${COUNTS}
      FROM organisation o
      LEFT JOIN migration_system s ON s."orgId" = o.id
      WHERE ${orgInScope('o', scope)}
      GROUP BY o.id
      HAVING o.active OR count(s.id) > 0
      ORDER BY o.code`);
    return rows.map((r) => ({ orgId: r.orgId, code: r.code, name: r.name, nameEn: r.nameEn, kind: r.kind, jurisdiction: r.jurisdiction, ...countsOf(r, view) }));
  },
} satisfies Breakdown<unknown>;
