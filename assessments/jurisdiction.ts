// Which organisations a county's scorecard covers. Until organisations carry their jurisdiction, a county is its
// COUNTY organisation alone; this is the one place to switch to `Organisation.jurisdiction` (every organisation
// whose jurisdiction is the county's code: its departments and its bureaus).
import type { Tx } from '../core/db/database.js';
import type { Prisma } from '../core/db/generated/client.js';

/** The organisations of a county's jurisdiction. */
export const inJurisdiction = (county: string): Prisma.OrganisationWhereInput => ({ code: county });

/** The counties: one scorecard each per year (Art. 40). */
export const COUNTIES: Prisma.OrganisationWhereInput = { kind: 'COUNTY' };

export async function orgIdsOf(tx: Tx, county: string): Promise<string[]> {
  return (await tx.organisation.findMany({ where: inJurisdiction(county), select: { id: true } })).map((o) => o.id);
}
