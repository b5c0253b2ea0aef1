// By kind of organisation: every kind (GIA, Finance, the sub-center, departments, counties) in that order, zeros
// included, with how many organisations of the kind are counted. Public.
import { ORG_KINDS } from '../../accounts/vocabulary.js';
import type { Breakdown } from './breakdown.js';
import { countsOf, ZERO_COUNTS } from './counts.js';
import { organisationRollup } from './organisation-rollup.js';

export const byOrganisationKind = {
  public: true,
  async compute(db, ctx) {
    const rows = (await organisationRollup(db, ctx)).filter((r) => r.dim === 'kind');
    return ORG_KINDS.map((kind) => {
      const r = rows.find((row) => row.kind === kind);
      return { kind, organisations: r?.organisations ?? 0, ...countsOf(r ?? ZERO_COUNTS, ctx.view) };
    });
  },
} satisfies Breakdown<unknown>;
