// Numberings: the numbers the platform gives out one after the other (an organisation's system codes, catalog
// revisions, a year's approval numbers), one row each in number_counter. Taking numbers locks the row until the
// transaction ends, so concurrent takers are numbered one after the other; a number is never given twice, not
// even when what carried it is withdrawn or discarded. A transaction that rolls back gives its numbers back.
import type { Tx } from './database.js';

/** Takes `n` consecutive numbers of the numbering `key` and returns the first (numberings start at 1). */
export async function takeNumbers(tx: Tx, key: string, n = 1): Promise<number> {
  const [row] = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO number_counter ("key", "last") VALUES (${key}, ${n})
    ON CONFLICT ("key") DO UPDATE SET "last" = number_counter."last" + EXCLUDED."last"
    RETURNING "last"`;
  return row!.last - n + 1;
}

/** Records that `value` was given by hand, so the numbering goes on after it (never backwards). */
export async function numberTaken(tx: Tx, key: string, value: number): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO number_counter ("key", "last") VALUES (${key}, ${value})
    ON CONFLICT ("key") DO UPDATE SET "last" = GREATEST(number_counter."last", EXCLUDED."last")`;
}
