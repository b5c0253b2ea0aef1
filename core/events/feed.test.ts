// The feed of committed changes on both databases: a word sent inside a transaction is heard once it commits, never
// when it rolls back, by every process's listener; on PostgreSQL a listening connection that is lost comes back and
// says so (`resync`), and words after that are heard again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db/database.js';
import { createScratchDatabase, ADMIN_URL, type ScratchDatabase } from '../../test/support/postgres.js';
import { Feed, publish, type FeedEvent } from './feed.js';

const opened: { db: Database; scratch?: ScratchDatabase; dir?: string }[] = [];
afterAll(async () => {
  for (const o of opened) {
    await o.db.close();
    await o.scratch?.drop();
    if (o.dir) fs.rmSync(o.dir, { recursive: true, force: true });
  }
});

async function open(kind: 'postgresql' | 'embedded'): Promise<Database> {
  if (kind === 'postgresql') {
    const scratch = await createScratchDatabase('zy_feed');
    const db = await openDatabase({ databaseUrl: scratch.url, dataDir: os.tmpdir() });
    opened.push({ db, scratch });
    return db;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zy-feed-'));
  const db = await openDatabase({ dataDir: dir, inMemory: true });
  opened.push({ db, dir });
  return db;
}

function hear(feed: Feed) {
  const heard: FeedEvent[] = [];
  feed.subscribe((e) => heard.push(e));
  return {
    heard,
    async until(pred: (e: FeedEvent) => boolean) {
      for (let waited = 0; !heard.some(pred) && waited < 5_000; waited += 10) await new Promise((r) => setTimeout(r, 10));
      expect(heard.some(pred), JSON.stringify(heard)).toBe(true);
    },
  };
}

describe.each(['postgresql', 'embedded'] as const)('the feed on %s', (kind) => {
  it('is heard after the commit, and not for a rollback', async () => {
    const db = await open(kind);
    const feed = await Feed.start(db);
    const ear = hear(feed);
    await db.prisma.$transaction(async (tx) => {
      await publish(tx, { kind: 'job', id: 'committed' });
      // not before the commit
      await new Promise((r) => setTimeout(r, 100));
      expect(ear.heard).toEqual([]);
    });
    await ear.until((e) => e.kind === 'job' && e.id === 'committed');
    await db.prisma
      .$transaction(async (tx) => {
        await publish(tx, { kind: 'job', id: 'rolled-back' });
        throw new Error('roll back');
      })
      .catch(() => {});
    await db.prisma.$transaction((tx) => publish(tx, { kind: 'job', id: 'after' }));
    await ear.until((e) => e.kind === 'job' && e.id === 'after');
    expect(ear.heard.filter((e) => e.kind === 'job').map((e) => (e as { id: string }).id)).toEqual(['committed', 'after']);
    feed.stop();
  });
});

describe('the feed on postgresql, when its connection is lost', () => {
  it('comes back, says so, and hears again', async () => {
    const db = await open('postgresql');
    const feed = await Feed.start(db);
    const ear = hear(feed);
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    try {
      // the listening backend: the only one of this database running LISTEN
      const terminated = await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND query ILIKE 'LISTEN%'`, [opened.at(-1)!.scratch!.name]);
      expect(terminated.rowCount).toBe(1);
    } finally {
      await admin.end();
    }
    await ear.until((e) => e.kind === 'resync');
    await db.prisma.$transaction((tx) => publish(tx, { kind: 'job', id: 'after-reconnect' }));
    await ear.until((e) => e.kind === 'job' && e.id === 'after-reconnect');
    feed.stop();
  });
});
