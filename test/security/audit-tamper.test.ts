// Red-team replay (issue 19, finding 2): someone with PostgreSQL superuser rights, but without the audit chain's key
// or the checkpoint signing key (both outside the database), rewrites the trail. Before keyed hashing, editing a row
// and recomputing every later hash with plain SM3 verified as intact, and deleting the newest rows went unnoticed.
// Each attack here is run against a copy of the chain, then the original rows are put back.
import crypto from 'node:crypto';
import fs from 'node:fs';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '../../api/platform.js';
import { LEGACY_KEY_ID, legacyHash, type ChainedFields } from '../../core/audit/chain.js';
import { loadConfig } from '../../core/config.js';
import { migrate, readMigrations } from '../../core/db/migrate.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { DEMO_PASSWORD, startTestPlatform, type TestPlatform } from '../support/platform.js';

type Row = ChainedFields & { seq: string; hash: string };

/** Runs SQL as the superuser with the append-only trigger bypassed (what the attacker does). */
async function asSuperuser(p: Platform, fn: (q: (sql: string, params?: unknown[]) => Promise<{ rows: Row[] }>) => Promise<void>) {
  const c = await p.db.pool.connect();
  try {
    await c.query('BEGIN');
    await c.query('SET LOCAL session_replication_role = replica');
    await fn((sql, params) => c.query(sql, params) as Promise<{ rows: Row[] }>);
    await c.query('COMMIT');
  } catch (err) {
    await c.query('ROLLBACK');
    throw err;
  } finally {
    c.release();
  }
}

const rowsOf = async (p: Platform) => (await p.db.pool.query<Row>('SELECT * FROM audit_event ORDER BY seq')).rows;

/** The attacker's rewrite: content changed from `from` on, every hash recomputed with plain SM3 and relinked. */
async function rewriteFrom(p: Platform, from: string, change: (r: Row) => Partial<Row>, opts: { relabel?: boolean } = {}) {
  const rows = await rowsOf(p);
  await asSuperuser(p, async (q) => {
    let prev: string | null = null;
    for (const r of rows) {
      if (BigInt(r.seq) < BigInt(from)) continue;
      const forged: Row = { ...r, ...change(r), prevHash: prev ?? r.prevHash, keyId: opts.relabel ? LEGACY_KEY_ID : r.keyId };
      forged.hash = legacyHash(forged);
      await q(`UPDATE audit_event SET "actorName" = $2, "outcome" = $3::"AuditOutcome", "prevHash" = $4, "hash" = $5, "keyId" = $6 WHERE seq = $1`, [
        r.seq,
        forged.actorName,
        forged.outcome,
        forged.prevHash,
        forged.hash,
        forged.keyId,
      ]);
      prev = forged.hash;
    }
  });
}

describe('audit chain tampering by a database superuser', () => {
  let t: TestPlatform;
  let original: Row[];
  const verify = async () => (await t.http.post('/api/audit/verify').set(await t.as('auditor'))).body;
  const latest = async () => (await t.http.get('/api/audit/checkpoints/latest').set(await t.as('auditor'))).body;

  beforeAll(async () => {
    t = await startTestPlatform();
    for (const title of ['one', 'two', 'three']) await t.http.post('/api/catalog/revisions').set(await t.as('bdc')).send({ title });
    await t.as('auditor');
    original = await rowsOf(t.platform);
  });
  afterAll(() => t?.stop());

  /** puts the chain back as it was before an attack (the records the attack's checks appended go too) */
  async function restore() {
    await asSuperuser(t.platform, async (q) => {
      await q('DELETE FROM audit_event');
      await q('INSERT INTO audit_event SELECT * FROM json_populate_recordset(NULL::audit_event, $1)', [JSON.stringify(original)]);
    });
    expect(await verify()).toMatchObject({ valid: true, firstBroken: null });
    original = await rowsOf(t.platform);
  }

  it('starts intact, every record hashed with a key id, and a signed checkpoint written at start', async () => {
    expect(await verify()).toMatchObject({ valid: true, firstBroken: null, checkpoints: { invalid: 0 } });
    expect(original.every((r) => /^k[0-9a-f]{12}$/.test(r.keyId))).toBe(true);
    const l = await latest();
    expect(l).toMatchObject({ verified: true, state: 'MATCHES', checkpoint: { keyId: original[0]!.keyId } });
    expect(Number(l.checkpoint.count)).toBeGreaterThan(0);
    await restore();
  });

  it('finds a middle record rewritten with every later hash recomputed (plain SM3), at that record', async () => {
    const middle = original[Math.floor(original.length / 2)]!;
    await rewriteFrom(t.platform, middle.seq, (r) => (r.seq === middle.seq ? { actorName: 'mallory' } : {}));
    expect(await verify()).toMatchObject({ valid: false, firstBroken: { seq: middle.seq, reason: 'HASH_MISMATCH' } });
    await restore();
    // the same, relabelled as a record written before keyed hashing: refused after the first keyed record
    await rewriteFrom(t.platform, middle.seq, (r) => (r.seq === middle.seq ? { actorName: 'mallory' } : {}), { relabel: true });
    expect(await verify()).toMatchObject({ valid: false, firstBroken: { seq: middle.seq, reason: 'UNKEYED' } });
    await restore();
  });

  it('finds a recomputed tail, at its first record', async () => {
    const tail = original.slice(-3);
    await rewriteFrom(t.platform, tail[0]!.seq, () => ({ outcome: 'FAILURE' }));
    expect(await verify()).toMatchObject({ valid: false, firstBroken: { seq: tail[0]!.seq, reason: 'HASH_MISMATCH' } });
    await restore();
  });

  it('finds the newest records deleted, against the last checkpoint, from the first position missing', async () => {
    const taken = await t.http.post('/api/audit/checkpoints').set(await t.as('auditor'));
    expect(taken.status).toBe(201);
    expect(taken.body).toMatchObject({ verified: true, checkpoint: { seq: original.at(-1)!.seq, count: original.length } });
    const keep = original.length - 4;
    const firstGone = original[keep]!.seq;
    await asSuperuser(t.platform, (q) => q('DELETE FROM audit_event WHERE seq >= $1', [firstGone]).then(() => undefined));
    // what is left is a perfectly linked chain; only the checkpoint outside the database shows what is missing: from
    // the position after the last record left (positions can have gaps: a rolled-back append uses one up)
    const afterLastLeft = String(BigInt(original[keep - 1]!.seq) + 1n);
    expect(BigInt(afterLastLeft)).toBeLessThanOrEqual(BigInt(firstGone));
    const res = await verify();
    expect(res).toMatchObject({ valid: false, checked: keep, firstBroken: { seq: afterLastLeft, reason: 'TRUNCATED' } });
    expect(res.firstBroken.expected).toMatch(/^\d+ records up to \d+$/);
    expect(await latest()).toMatchObject({ verified: false, state: 'ROW_MISSING' });
    // the platform goes on recording after the deletion: still found, at the same position
    await t.http.post('/api/catalog/revisions').set(await t.as('bdc')).send({ title: 'after the deletion' });
    expect(await verify()).toMatchObject({ valid: false, firstBroken: { seq: afterLastLeft, reason: 'TRUNCATED' } });
  });

  it('counts a checkpoint line changed in the file as invalid, and the trail as not verified', async () => {
    const file = loadConfig({ ...t.database.env }).audit.checkpointFile;
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    const forged = { ...JSON.parse(lines.at(-1)!), count: 1 };
    fs.appendFileSync(file, JSON.stringify(forged) + '\n');
    const res = await verify();
    expect(res.valid).toBe(false);
    expect(res.checkpoints.invalid).toBe(1);
  });

  it('shows the checkpoint to the auditor only', async () => {
    expect((await t.http.get('/api/audit/checkpoints/latest')).status).toBe(401);
    for (const who of ['admin', 'secadmin', 'gia', 'dept']) {
      expect((await t.http.get('/api/audit/checkpoints/latest').set(await t.as(who))).status, who).toBe(403);
      expect((await t.http.post('/api/audit/checkpoints').set(await t.as(who))).status, who).toBe(403);
    }
  });
});

describe('audit chain keys: rotation and records written before keyed hashing', () => {
  let database: TestDatabase;
  const hex = () => crypto.randomBytes(32).toString('hex');
  const k1 = hex();
  const k2 = hex();
  const running: Platform[] = [];

  async function start(env: Record<string, string>) {
    const p = await startPlatform(loadConfig({ ...database.env, DEMO_MODE: 'true', DEMO_PASSWORD, LOG_LEVEL: 'silent', ...env }), { listen: false });
    running.push(p);
    const http = supertest(p.app);
    const login = async (username: string) => ({ Authorization: `Bearer ${(await http.post('/api/auth/login').send({ username, password: DEMO_PASSWORD })).body.token}` });
    return { p, http, login, stop: async () => (running.splice(running.indexOf(p), 1), await p.stop()) };
  }

  beforeAll(async () => {
    database = await createTestDatabase('zy_audit_keys', 'postgresql');
  });
  afterAll(async () => {
    for (const p of running) await p.stop();
    await database?.drop();
  });

  it('keeps records written before keyed hashing verifiable as the leading run, marked legacy-sm3 by the migration', async () => {
    // the database as it was before the migration that introduced keys, with a plain-SM3 chain of two records
    const pg = await import('pg');
    const pool = new pg.default.Pool({ connectionString: database.url, max: 1 });
    await migrate(pool, readMigrations().filter((m) => m.name < '20261208100200'));
    let prev = '0'.repeat(64);
    for (const action of ['auth.login', 'auth.logout']) {
      const r: ChainedFields = { at: new Date(), actorId: null, actorName: 'before', actorRole: null, ip: null, userAgent: null, requestId: null, action, targetType: null, targetId: null, outcome: 'SUCCESS', detail: {}, prevHash: prev, keyId: LEGACY_KEY_ID };
      const hash = legacyHash(r);
      await pool.query(`INSERT INTO audit_event (at, "actorName", action, outcome, detail, "prevHash", hash) VALUES ($1, $2, $3, 'SUCCESS', '{}', $4, $5)`, [r.at, r.actorName, action, prev, hash]);
      prev = hash;
    }
    await pool.end();
    const a = await start({ ZY_AUDIT_KEYS: `k1=${k1}` });
    const rows = (await a.p.db.pool.query<{ seq: string; keyId: string }>('SELECT seq, "keyId" FROM audit_event ORDER BY seq')).rows;
    expect(rows.slice(0, 2).map((r) => r.keyId)).toEqual([LEGACY_KEY_ID, LEGACY_KEY_ID]);
    expect(rows.slice(2).every((r) => r.keyId === 'k1')).toBe(true);
    expect((await a.http.post('/api/audit/verify').set(await a.login('auditor'))).body).toMatchObject({ valid: true, firstBroken: null });
    await a.stop();
  });

  it('verifies records under two key ids after a rotation (a key this process lacks: core/audit/chain.test.ts)', async () => {
    const b = await start({ ZY_AUDIT_KEYS: `k1=${k1},k2=${k2}` }); // k2 (the last) is the current key
    await b.http.post('/api/catalog/revisions').set(await b.login('bdc')).send({ title: 'after the rotation' });
    const auditor = await b.login('auditor');
    const rows = (await b.p.db.pool.query<{ seq: string; keyId: string }>('SELECT seq, "keyId" FROM audit_event ORDER BY seq')).rows;
    expect(new Set(rows.map((r) => r.keyId))).toEqual(new Set([LEGACY_KEY_ID, 'k1', 'k2']));
    const res = (await b.http.post('/api/audit/verify').set(auditor)).body;
    expect(res).toMatchObject({ valid: true, firstBroken: null });
    expect(res.checked).toBe(rows.length);
    await b.stop();
  });
});
