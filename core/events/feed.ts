// What changed, told to every process on the database as it commits: PostgreSQL NOTIFY on one channel, sent inside
// the transaction of the change (so nobody hears of a change that rolled back, and nobody hears before it is
// visible), heard through Database.listen (PostgreSQL LISTEN, or the embedded session's notifications). Live views
// (the to-do badge, a job's log) wait on this instead of polling the database.
import type { Database, Tx } from '../db/database.js';

export const FEED_CHANNEL = 'zy_feed';

export type FeedEvent =
  /** an object of a machine changed state (what waits for whom may have changed) */
  | { kind: 'change'; subject: string; id: string }
  /** something audited was written (core/audit/audit.ts): read caches read again (core/cache/write-clock.ts) */
  | { kind: 'written' }
  /** notifications were written for these users */
  | { kind: 'notification'; users: string[] }
  /** a provisioning job's log grew or the job ended */
  | { kind: 'job'; id: string }
  /** a message was put on the job queue `queue` (core/jobs/queue.ts): its idle workers look at once */
  | { kind: 'queued'; queue: string }
  /** the listening connection was lost and is back: anything may have changed meanwhile */
  | { kind: 'resync' }
  /** this process is stopping: live views end */
  | { kind: 'stopping' };

function payloadOf(event: FeedEvent): string {
  const payload = JSON.stringify(event);
  // NOTIFY carries at most 8,000 bytes: a long list of users becomes "look again", which every listener can do
  return payload.length > 7_000 ? JSON.stringify({ kind: 'resync' } satisfies FeedEvent) : payload;
}

/** Tells the other processes (and this one) of `event` once `tx` commits. */
export async function publish(tx: Pick<Tx, '$executeRaw'>, event: FeedEvent): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${FEED_CHANNEL}, ${payloadOf(event)})`;
}

/** Tells everyone of `event` at once, outside any transaction: what it speaks of must be committed already. */
export async function publishNow(pool: Pick<Database['pool'], 'query'>, event: FeedEvent): Promise<void> {
  await pool.query('SELECT pg_notify($1, $2)', [FEED_CHANNEL, payloadOf(event)]);
}

export type FeedListener = (event: FeedEvent) => void;

/** This process's ear on the feed: one LISTEN, handed to any number of listeners. */
export class Feed {
  private readonly listeners = new Set<FeedListener>();
  private unlisten: (() => void) | null = null;

  static async start(db: Database): Promise<Feed> {
    const feed = new Feed();
    feed.unlisten = await db.listen(
      FEED_CHANNEL,
      (payload) => {
        let event: FeedEvent;
        try {
          event = JSON.parse(payload) as FeedEvent;
        } catch {
          return;
        }
        feed.emit(event);
      },
      () => feed.emit({ kind: 'resync' }),
    );
    return feed;
  }

  subscribe(listener: FeedListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }

  private emit(event: FeedEvent) {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        /* one listener's failure is its own */
      }
    }
  }

  /** Ends the live views (they hear `stopping`) and stops listening. */
  stop() {
    this.emit({ kind: 'stopping' });
    this.unlisten?.();
    this.listeners.clear();
  }
}
