// Which organisations each assessment covers: a county's scorecard, every organisation of its jurisdiction (Art. 39:
// the county itself, its bureaus and its departments); the department assessment, the city's own departments.
import type { Tx } from '../core/db/database.js';
import type { Prisma } from '../core/db/generated/client.js';

/** The organisations of a county's jurisdiction. */
export const inJurisdiction = (county: string): Prisma.OrganisationWhereInput => ({ jurisdiction: county });

/** The city departments (市直各部门): the department assessment's subjects (Art. 25). */
export const CITY_DEPARTMENTS: Prisma.OrganisationWhereInput = { kind: 'DEPARTMENT', jurisdiction: 'CITY' };

/** The counties: one scorecard each per year (Art. 40). */
export const COUNTIES: Prisma.OrganisationWhereInput = { kind: 'COUNTY' };

export async function orgIdsOf(tx: Tx, county: string): Promise<string[]> {
  return (await tx.organisation.findMany({ where: inJurisdiction(county), select: { id: true } })).map((o) => o.id);
}
