// By organisation: every organisation of every kind (departments, counties, the finance and approval bureaus, the
// sub-center…) that is active or owns a system, with its kind and jurisdiction, by code. Public (counts only, as the
// department and county lists always were).
import type { Breakdown } from './breakdown.js';
import { countsOf } from './counts.js';
import { organisationRollup } from './organisation-rollup.js';

export const byOrganisation = {
  public: true,
  async compute(db, ctx) {
    const rows = (await organisationRollup(db, ctx)).filter((r) => r.dim === 'org');
    return rows.map((r) => ({ orgId: r.orgId!, code: r.code!, name: r.name!, nameEn: r.nameEn, kind: r.kind!, jurisdiction: r.jurisdiction!, ...countsOf(r, ctx.view) }));
  },
} satisfies Breakdown<unknown>;
