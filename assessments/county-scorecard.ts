// A county's automatic indicators for a year (Art. 40), drawn from the platform's own records for the organisations
// of its jurisdiction (assessments/jurisdiction.ts): the migration of its systems onto the city cloud (Art. 30, 39),
// the timeliness of its projects' filings, own-cloud refusals and rectifications (assessments/evidence.ts).
import type { LocalDate } from '../core/calendar/working-days.js';
import type { Tx } from '../core/db/database.js';
import { MIGRATION_STATES, type MigrationState } from '../migration/workflow.js';
import { platformRecord, yearSpan, type PlatformRecord } from './evidence.js';
import { orgIdsOf } from './jurisdiction.js';

export interface CountyIndicators extends PlatformRecord {
  migration: { systems: number; exempt: number; migrated: number; byStatus: Record<MigrationState, number> };
}

export async function countyIndicators(tx: Tx, county: string, year: number, today: LocalDate): Promise<CountyIndicators> {
  const orgIds = await orgIdsOf(tx, county);
  const ofOrgs = { orgId: { in: orgIds } };
  const record = await platformRecord(tx, orgIds, year, today);
  const byStatus = await tx.migrationSystem.groupBy({ by: ['status'], where: { ...ofOrgs, classified: false }, _count: true });
  const exempt = await tx.migrationSystem.count({ where: { ...ofOrgs, OR: [{ classified: true }, { strategy: 'RETAIN_EXEMPT' }] } });
  // on the city cloud by the end of the year
  const migrated = await tx.migrationSystem.count({ where: { ...ofOrgs, classified: false, migratedAt: { not: null, lt: yearSpan(year).lt } } });
  const counts = Object.fromEntries(MIGRATION_STATES.map((s) => [s, byStatus.find((r) => r.status === s)?._count ?? 0])) as Record<MigrationState, number>;
  return { ...record, migration: { systems: byStatus.reduce((n, r) => n + r._count, 0), exempt, migrated, byStatus: counts } };
}
