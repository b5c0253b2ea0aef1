// By jurisdiction (Art. 39): the city's own organisations (市本级) first, then each county by code, an organisation
// counted in the jurisdiction its Organisation.jurisdiction names (a county's finance or approval bureau in its
// county). Every jurisdiction some organisation in scope names has its line (every county does: its own
// organisation belongs to it), so the lines add up. Public.
import { CITY, CITY_LABEL } from '../../accounts/jurisdictions.js';
import type { Breakdown } from './breakdown.js';
import { countsOf } from './counts.js';
import { organisationRollup } from './organisation-rollup.js';

export const byJurisdiction = {
  public: true,
  async compute(db, ctx) {
    const rows = (await organisationRollup(db, ctx)).filter((r) => r.dim === 'jurisdiction');
    return rows.map((r) => ({
      code: r.jurisdiction!,
      name: r.jurisdiction === CITY ? CITY_LABEL['zh-CN'] : (r.jName ?? r.jurisdiction!),
      nameEn: r.jurisdiction === CITY ? CITY_LABEL.en : r.jNameEn,
      organisations: r.organisations,
      ...countsOf(r, ctx.view),
    }));
  },
} satisfies Breakdown<unknown>;
