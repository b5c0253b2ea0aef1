// The read caches' clock on a real database: it moves when an audited write commits (not before, never for a
// rollback), when another process's write is heard on the feed, and a value read while a write committed is not
// kept. Two handles on one scratch PostgreSQL database stand for two replicas.
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_CONTEXT, recordAudit } from '../audit/audit.js';
import { afterCommit } from '../db/commit-hooks.js';
import { openDatabase, type Database } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { Feed } from '../events/feed.js';
import { createScratchDatabase, type ScratchDatabase } from '../../test/support/postgres.js';
import { until } from '../../test/support/wait.js';
import { createReadCache } from './read-cache.js';
import { followFeed, writeClock } from './write-clock.js';

let scratch: ScratchDatabase;
let here: Database;
let other: Database;
let feed: Feed;

const audited = (db: Database) => db.prisma.$transaction((tx) => recordAudit(tx, SYSTEM_CONTEXT, { action: 'auth.password.change', targetType: 'User', targetId: 'x' }));
const auditCount = async (db: Database) => (await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_event')).rows[0]!.n;

beforeAll(async () => {
  scratch = await createScratchDatabase('zy_readcache');
  here = await openDatabase({ databaseUrl: scratch.url, dataDir: os.tmpdir() });
  other = await openDatabase({ databaseUrl: scratch.url, dataDir: os.tmpdir() });
  await migrate(here.pool);
  feed = await Feed.start(here);
  followFeed(feed);
});

afterAll(async () => {
  feed?.stop();
  await here?.close();
  await other?.close();
  await scratch?.drop();
});

describe('commit hooks', () => {
  it('run once the transaction has committed: what it wrote is visible to another connection', async () => {
    let seen = -1;
    const before = await auditCount(here);
    await here.prisma.$transaction(async (tx) => {
      await recordAudit(tx, SYSTEM_CONTEXT, { action: 'auth.password.change', targetType: 'User', targetId: 'y' });
      expect(afterCommit(tx, () => void auditCount(other).then((n) => (seen = n)))).toBe(true);
    });
    await until('the hook', () => (seen >= 0 ? true : undefined), 5_000, 10);
    expect(seen).toBe(before + 1);
  });

  it('never run for a transaction that rolled back, and the clock stays', async () => {
    let ran = false;
    const clock = writeClock();
    await expect(
      here.prisma.$transaction(async (tx) => {
        await recordAudit(tx, SYSTEM_CONTEXT, { action: 'auth.password.change', targetType: 'User', targetId: 'z' });
        afterCommit(tx, () => (ran = true));
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(ran).toBe(false);
    expect(writeClock()).toBe(clock);
  });

  it('are refused outside an interactive transaction', () => {
    expect(afterCommit(here.prisma, () => {})).toBe(false);
  });
});

describe('a read cache', () => {
  it('keeps a value until an audited write commits in this process, and reads again at once after it', async () => {
    const cache = createReadCache<number>();
    let reads = 0;
    const read = () => cache.get('k', async () => ++reads);
    expect([await read(), await read()]).toEqual([1, 1]);
    await audited(here);
    expect(await read()).toBe(2);
    expect(await read()).toBe(2);
  });

  it('reads again once another process’s write is heard on the feed', async () => {
    const cache = createReadCache<number>();
    let reads = 0;
    const read = () => cache.get('k', async () => ++reads);
    expect(await read()).toBe(1);
    const clock = writeClock();
    await audited(other);
    await until('the feed word', () => (writeClock() > clock ? true : undefined), 5_000, 5);
    expect(await read()).toBe(2);
  });

  it('does not keep a value read while a write committed (it may predate the write)', async () => {
    const cache = createReadCache<string>();
    let reads = 0;
    const first = await cache.get('k', async () => {
      reads++;
      await audited(here); // commits while this value is being read
      return 'read during the write';
    });
    expect(first).toBe('read during the write');
    expect(await cache.get('k', async () => (reads++, 'after'))).toBe('after');
    expect(reads).toBe(2);
  });

  it('shares one computation among requests arriving while it runs, and keeps keys apart', async () => {
    const cache = createReadCache<string>();
    let reads = 0;
    const slow = (v: string) => async () => {
      reads++;
      await new Promise((r) => setTimeout(r, 30));
      return v;
    };
    const got = await Promise.all([cache.get('a', slow('A')), cache.get('a', slow('A2')), cache.get('b', slow('B'))]);
    expect(got).toEqual(['A', 'A', 'B']);
    expect(reads).toBe(2);
  });

  it('keeps nothing for a failed read', async () => {
    const cache = createReadCache<string>();
    await expect(cache.get('k', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('k', async () => 'up')).toBe('up');
    expect(cache.size).toBe(1);
  });
});
