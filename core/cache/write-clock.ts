// The write clock: a number that moves whenever anything audited was written (every state change writes its audit
// record in its own transaction: core/audit/audit.ts). It moves in the writing process as soon as the transaction
// commits (core/db/commit-hooks.ts), before the request that made the change answers, and in every other process
// when the feed's `written` word arrives (sent inside the transaction, so heard only after commit: a few
// milliseconds later), or when the feed was lost and is back (`resync`: anything may have changed meanwhile).
// Read caches (./read-cache.ts) keep a value only while the clock stands where it stood when the value was read.
import type { Feed } from '../events/feed.js';

let clock = 0;

export function writeClock(): number {
  return clock;
}

export function advanceWriteClock(): void {
  clock += 1;
}

/** Moves the clock on every other process's write, and after the feed was lost (see above). Returns the unsubscribe. */
export function followFeed(feed: Pick<Feed, 'subscribe'>): () => void {
  return feed.subscribe((event) => {
    if (event.kind === 'written' || event.kind === 'resync') advanceWriteClock();
  });
}
