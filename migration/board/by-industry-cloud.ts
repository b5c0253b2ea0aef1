// By industry cloud (Art. 33): the systems on an industry cloud by the cloud's name as their owners give it
// (Register "location", trimmed; null when an owner gave none), with how many organisations use each, then one line
// for every system not on an industry cloud, so the lines add up. Full view only: the public view names no
// locations.
import { Prisma } from '../../core/db/generated/client.js';
import type { Breakdown } from './breakdown.js';
import { orgInScope } from './breakdown.js';
import { COUNTS, countsOf, ZERO_COUNTS, type Counts } from './counts.js';

type Raw = Counts & { onIndustryCloud: boolean; cloud: string | null; organisations: number };

export const byIndustryCloud = {
  public: false,
  async compute(db, { view, scope }) {
    const rows = await db.prisma.$queryRaw<Raw[]>(Prisma.sql`
      SELECT (s.hosting = 'INDUSTRY_CLOUD') AS "onIndustryCloud",
        CASE WHEN s.hosting = 'INDUSTRY_CLOUD' THEN nullif(btrim(s.location), '') END AS cloud,
        count(DISTINCT s."orgId")::int AS organisations,
        ${COUNTS}
      FROM migration_system s
      JOIN organisation o ON o.id = s."orgId"
      WHERE ${orgInScope('o', scope)}
      GROUP BY 1, 2
      ORDER BY 1 DESC, count(s.id) DESC, 2 NULLS LAST`);
    const shape = (r: Raw) => ({ onIndustryCloud: r.onIndustryCloud, industryCloud: r.cloud, organisations: r.organisations, ...countsOf(r, view) });
    const elsewhere = rows.find((r) => !r.onIndustryCloud) ?? { ...ZERO_COUNTS, onIndustryCloud: false, cloud: null, organisations: 0 };
    return [...rows.filter((r) => r.onIndustryCloud), elsewhere].map(shape);
  },
} satisfies Breakdown<unknown>;
