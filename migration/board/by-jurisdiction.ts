// By jurisdiction (Art. 39): the city's own organisations (市本级) first, then each county, an organisation counted
// in the jurisdiction its Organisation.jurisdiction names (a county's finance or approval bureau in its county).
// Any jurisdiction some organisation names has its line, so the lines add up even if a county were gone. Public.
import { CITY, CITY_LABEL } from '../../accounts/jurisdictions.js';
import { Prisma } from '../../core/db/generated/client.js';
import type { Breakdown } from './breakdown.js';
import { COUNTS, countsOf, type Counts } from './counts.js';

type Raw = Counts & { code: string; name: string | null; nameEn: string | null; organisations: number };

export const byJurisdiction = {
  public: true,
  async compute(db, { view, scope }) {
    const rows = await db.prisma.$queryRaw<Raw[]>(Prisma.sql`
      WITH j AS (
        SELECT ${CITY}::text AS code
        UNION SELECT code FROM organisation WHERE kind = 'COUNTY'
        UNION SELECT jurisdiction FROM organisation
      )
      SELECT j.code, c.name, c."nameEn",
        count(DISTINCT o.id) FILTER (WHERE o.active OR s.id IS NOT NULL)::int AS organisations,
        ${COUNTS}
      FROM j
      LEFT JOIN organisation c ON c.kind = 'COUNTY' AND c.code = j.code
      LEFT JOIN organisation o ON o.jurisdiction = j.code
      LEFT JOIN migration_system s ON s."orgId" = o.id
      WHERE ${scope === null ? Prisma.sql`TRUE` : Prisma.sql`j.code = ${scope}`}
      GROUP BY j.code, c.name, c."nameEn"
      ORDER BY j.code <> ${CITY}, j.code`);
    return rows.map((r) => ({
      code: r.code,
      name: r.code === CITY ? CITY_LABEL['zh-CN'] : (r.name ?? r.code),
      nameEn: r.code === CITY ? CITY_LABEL.en : r.nameEn,
      organisations: r.organisations,
      ...countsOf(r, view),
    }));
  },
} satisfies Breakdown<unknown>;
