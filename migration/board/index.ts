// The board's breakdowns that live one to a file here (the older ones, by department, county, wave, strategy and
// hosting, are computed together in ../board.ts). To add one: write ./by-<what>.ts exporting a Breakdown, list it
// below, declare its rows in ../view-schema.ts (optional there if it is full-view only), and add it to the sums
// test (test/api/migration-board-sums.test.ts).
import type { Database } from '../../core/db/database.js';
import type { Breakdown, BreakdownContext } from './breakdown.js';
import { byIndustryCloud } from './by-industry-cloud.js';
import { byJurisdiction } from './by-jurisdiction.js';
import { byOrganisationKind } from './by-organisation-kind.js';
import { byOrganisation } from './by-organisation.js';

export const BREAKDOWNS = { byOrganisation, byOrganisationKind, byJurisdiction, byIndustryCloud } as const satisfies Record<string, Breakdown<unknown>>;

type Computed = { [K in keyof typeof BREAKDOWNS]: Awaited<ReturnType<(typeof BREAKDOWNS)[K]['compute']>> };
type PublicKey = { [K in keyof typeof BREAKDOWNS]: (typeof BREAKDOWNS)[K]['public'] extends true ? K : never }[keyof typeof BREAKDOWNS];
/** the public breakdowns always there, the others in the full view only */
export type BreakdownRows = { [K in PublicKey]: Computed[K] } & { [K in Exclude<keyof Computed, PublicKey>]?: Computed[K] };

/** Every breakdown the view carries (the public view: the public ones only), all computed at once. */
export async function computeBreakdowns(db: Database, ctx: BreakdownContext): Promise<BreakdownRows> {
  const entries = Object.entries(BREAKDOWNS).filter(([, b]) => ctx.view === 'full' || b.public);
  const rows = await Promise.all(entries.map(([, b]) => b.compute(db, ctx)));
  return Object.fromEntries(entries.map(([key], i) => [key, rows[i]])) as BreakdownRows;
}
