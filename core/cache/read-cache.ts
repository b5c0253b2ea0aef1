// Reads kept in memory while nothing was written (./write-clock.ts). The clock is read before the value is computed
// and the value kept under it: a write committed while the value was being read moves the clock, so that value is
// never served (it may predate the write), and the next request reads again. Requests for the same key arriving while
// it is being computed share that computation. Keys must hold everything else the value depends on: the reader's
// rights (core/access/ability-cache.ts `principalKey`), the locale, the day, the query. A value also keeps the working
// calendar it was counted with: a holiday schedule loaded since (calendar/schedules.ts) reads it again.
// The price: a process hears of another replica's write a few milliseconds after it commits (the feed); the
// writing replica itself never serves a value older than its own committed writes.
import { principalKey } from '../access/ability-cache.js';
import type { Actor } from '../actor.js';
import { currentCalendar, type WorkingCalendar } from '../calendar/working-days.js';
import { writeClock } from './write-clock.js';

/** The key of a signed-in reader's read: their rights (every field their abilities are built from), then `parts`. */
export function readerKey(actor: Actor, ...parts: Array<string | number>): string {
  return [principalKey(actor.principal!), ...parts].join('\u0000');
}

export interface ReadCache<T> {
  get(key: string, compute: () => Promise<T>): Promise<T>;
  /** entries kept now (tests, metrics) */
  readonly size: number;
}

export function createReadCache<T>(maxEntries = 1000): ReadCache<T> {
  const entries = new Map<string, { at: number; calendar: WorkingCalendar; value: T }>();
  let entriesAt = writeClock();
  const inFlight = new Map<string, { at: number; calendar: WorkingCalendar; promise: Promise<T> }>();
  return {
    async get(key, compute) {
      const at = writeClock();
      const calendar = currentCalendar();
      const hit = entries.get(key);
      if (hit && hit.at === at && hit.calendar === calendar) return hit.value;
      const running = inFlight.get(key);
      if (running && running.at === at && running.calendar === calendar) return running.promise;
      const promise = compute();
      inFlight.set(key, { at, calendar, promise });
      try {
        const value = await promise;
        if (writeClock() === at && currentCalendar() === calendar) {
          // once the clock moved every kept value is stale: dropped together rather than left to fill the map
          if (entriesAt !== at || entries.size >= maxEntries) entries.clear();
          entriesAt = at;
          entries.set(key, { at, calendar, value });
        }
        return value;
      } finally {
        if (inFlight.get(key)?.promise === promise) inFlight.delete(key);
      }
    },
    get size() {
      return entries.size;
    },
  };
}
