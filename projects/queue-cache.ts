// Reviewer queue pages, kept in memory while nothing in their stage changed. Before each use one query reads the
// stage's stamp: a checksum of (id, version) over the projects in the stage — every change to a project bumps its
// version, so a project entering, leaving or changing alters it — and the sum of the organisations' versions
// (queue items carry the organisation's name). Both are sums over committed rows, so the order in which
// concurrent transactions commit cannot hide a change (a "latest updatedAt" stamp could: a transaction with an
// earlier timestamp that commits later leaves the maximum unchanged). Whichever replica made the change, the next
// request sees it. The stamp is read before a page is computed: a change in between leaves a newer page under an
// older stamp, which the next request recomputes. Keys hold the reviewer, their role and organisation, the page
// and the day (waiting time counts in working days to today); an entry also holds the working calendar it was
// counted with, so a holiday schedule loaded since (calendar/schedules.ts replaces the calendar) recomputes it. The
// stamp reads the index on (status, id, version) alone. Measured in `npm run bench -- review-queue`.
import type pg from 'pg';
import { currentCalendar, type WorkingCalendar } from '../core/calendar/working-days.js';

const STAMP_SQL = `SELECT count(*)::int AS n, coalesce(sum(hashtextextended(id::text, version)), 0)::text AS p,
  (SELECT coalesce(sum(version), 0) FROM organisation)::text AS o
  FROM project WHERE status = $1::"ProjectStatus"`;

export interface QueueCache {
  /** the cached value for `key` if `stage` is unchanged since it was computed; otherwise computes and keeps it */
  get<T>(key: string, stage: string, compute: () => Promise<T>): Promise<T>;
}

export function createQueueCache(pool: pg.Pool, maxEntries = 1000): QueueCache {
  const entries = new Map<string, { stamp: string; calendar: WorkingCalendar; value: unknown }>();

  async function stampOf(stage: string): Promise<string> {
    // not a named statement: on the embedded database every connection shares one session, where a name prepared
    // by one connection collides with the next connection's (README, "The embedded database")
    const { rows } = await pool.query<{ n: number; p: string; o: string }>(STAMP_SQL, [stage]);
    const r = rows[0]!;
    return `${r.n}|${r.p}|${r.o}`;
  }

  return {
    async get<T>(key: string, stage: string, compute: () => Promise<T>): Promise<T> {
      const calendar = currentCalendar();
      const stamp = await stampOf(stage);
      const hit = entries.get(key);
      if (hit?.stamp === stamp && hit.calendar === calendar) return hit.value as T;
      const value = await compute();
      if (entries.size >= maxEntries) entries.clear();
      entries.set(key, { stamp, calendar, value });
      return value;
    },
  };
}
