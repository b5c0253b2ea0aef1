// The counts every row of every board breakdown carries, declared once: the SQL that computes them over `s` (a
// JOINed migration_system) and how a row of them goes out in each view (the public view without money or volumes).
import { Prisma } from '../../core/db/generated/client.js';
import { MIGRATION_STATES, NOT_YET_MOVED, type MigrationState } from '../workflow.js';

export type BoardView = 'public' | 'full';

export const sqlList = (values: readonly string[]) => Prisma.raw(values.map((v) => `'${v}'`).join(', '));
/** exempt from migration: classified (Art. 1) or assessed retain-exempt */
export const EXEMPT = Prisma.raw(`(s.classified OR s.strategy IS NOT DISTINCT FROM 'RETAIN_EXEMPT')`);
/** still to be moved: not exempt, not yet migrated or decommissioned */
export const REMAINING = Prisma.sql`(NOT ${EXEMPT} AND s.status IN (${sqlList(NOT_YET_MOVED)}))`;

/** The counts every breakdown row carries, as SELECT expressions over `s` (a (LEFT) JOINed migration_system). */
export const COUNTS = Prisma.sql`
  count(s.id)::int AS systems,
  ${Prisma.join(MIGRATION_STATES.map((st) => Prisma.sql`count(s.id) FILTER (WHERE s.status = ${Prisma.raw(`'${st}'`)})::int AS ${Prisma.raw(`"${st}"`)}`), ',\n  ')},
  count(s.id) FILTER (WHERE ${EXEMPT})::int AS exempt,
  count(s.id) FILTER (WHERE ${REMAINING} AND s.hosting <> 'CITY_CLOUD')::int AS outside,
  count(s.id) FILTER (WHERE s."migratedAt" IS NOT NULL)::int AS migrated,
  count(s.id) FILTER (WHERE s.status = 'DECOMMISSIONED' AND s."migratedAt" IS NULL)::int AS retired,
  count(s.id) FILTER (WHERE s.hosting = 'CITY_CLOUD')::int AS "alreadyOnCityCloud",
  count(s.id) FILTER (WHERE s."waveId" IS NULL)::int AS "notInWave",
  count(s.id) FILTER (WHERE ${REMAINING} AND s.hosting = 'OWN_ROOM')::int AS "ownRoom",
  count(s.id) FILTER (WHERE ${REMAINING} AND s.hosting = 'COUNTY_CLOUD')::int AS "countyCloud",
  count(s.id) FILTER (WHERE ${REMAINING} AND s.hosting = 'INDUSTRY_CLOUD')::int AS "industryCloud",
  coalesce(sum(s."dataVolumeGb") FILTER (WHERE ${REMAINING} AND s.hosting <> 'CITY_CLOUD'), 0)::float8 AS "outsideDataVolumeGb",
  coalesce(sum(s."annualOmCost") FILTER (WHERE ${REMAINING} AND s.hosting <> 'CITY_CLOUD'), 0)::float8 AS "outsideAnnualOmCost",
  coalesce(sum(s."dataVolumeGb") FILTER (WHERE ${REMAINING} AND s.hosting IN ('OWN_ROOM', 'COUNTY_CLOUD')), 0)::float8 AS "ownCloudDataVolumeGb",
  coalesce(sum(s."annualOmCost") FILTER (WHERE ${REMAINING} AND s.hosting IN ('OWN_ROOM', 'COUNTY_CLOUD')), 0)::float8 AS "ownCloudAnnualOmCost"`;

export type Counts = Record<MigrationState, number> & {
  systems: number;
  exempt: number;
  outside: number;
  migrated: number;
  retired: number;
  alreadyOnCityCloud: number;
  notInWave: number;
  ownRoom: number;
  countyCloud: number;
  industryCloud: number;
  outsideDataVolumeGb: number;
  outsideAnnualOmCost: number;
  ownCloudDataVolumeGb: number;
  ownCloudAnnualOmCost: number;
};

/** The columns of COUNTS, by name (for summing rows of them up again). */
export const COUNT_COLUMNS = [
  'systems',
  ...MIGRATION_STATES,
  'exempt',
  'outside',
  'migrated',
  'retired',
  'alreadyOnCityCloud',
  'notInWave',
  'ownRoom',
  'countyCloud',
  'industryCloud',
  'outsideDataVolumeGb',
  'outsideAnnualOmCost',
  'ownCloudDataVolumeGb',
  'ownCloudAnnualOmCost',
] as const satisfies readonly (keyof Counts)[];

/** A row of zeros (a line with nothing to count). */
export const ZERO_COUNTS = Object.fromEntries(COUNT_COLUMNS.map((c) => [c, 0])) as Counts;

/** Each status's count as one object (all states present, zeros included). */
const byStatus = (c: Counts) => Object.fromEntries(MIGRATION_STATES.map((st) => [st, c[st]])) as Record<MigrationState, number>;

/** A row's counts as the board sends them: money and volumes in the full view only. */
export function countsOf(c: Counts, view: BoardView) {
  return {
    systems: c.systems,
    byStatus: byStatus(c),
    exempt: c.exempt,
    outsideCityCloud: c.outside,
    migrated: c.migrated,
    retired: c.retired,
    ...(view === 'full' ? { outsideDataVolumeGb: c.outsideDataVolumeGb, outsideAnnualOmCost: c.outsideAnnualOmCost } : {}),
  };
}
