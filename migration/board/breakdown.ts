// What a board breakdown is: one SQL statement (GROUP BY, every number by PostgreSQL) over the systems of the
// board's scope, shaped into rows that each carry the counts of ./counts.ts, and whether the public view carries it.
// Every breakdown partitions the same systems as the board's totals (those whose organisation is in scope), so its
// rows add up to the totals; test/api/migration-board-sums.test.ts holds every breakdown in ./index.ts to that.
import type { LocalDate } from '../../core/calendar/working-days.js';
import type { Database } from '../../core/db/database.js';
import { Prisma } from '../../core/db/generated/client.js';
import type { BoardView } from './counts.js';

export interface BreakdownContext {
  view: BoardView;
  today: LocalDate;
  /** one jurisdiction ('CITY' or a county's code), or null for the whole city */
  scope: string | null;
}

export interface Breakdown<Row> {
  /** carried by the public view too (counts only, as ./counts.ts sends them); otherwise the full view only */
  public: boolean;
  compute(db: Database, ctx: BreakdownContext): Promise<Row[]>;
}

/** The board's scope on an organisation alias: its jurisdiction (Organisation.jurisdiction), or everything. */
export const orgInScope = (alias: string, scope: string | null) => (scope === null ? Prisma.sql`TRUE` : Prisma.sql`${Prisma.raw(alias)}.jurisdiction = ${scope}`);
