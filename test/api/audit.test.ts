// The audit trail: append-only in the database, SM3-chained, and tampering is found.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
  await t.as('bdc');
  await t.http.post('/api/catalog/revisions').set(await t.as('bdc')).send({ title: 'audit test' });
});
afterAll(() => t?.stop());

const verify = async () => t.http.post('/api/audit/verify').set(await t.as('auditor'));

describe('audit trail', () => {
  it('verifies an intact chain', async () => {
    const res = await verify();
    expect(res.status).toBe(200);
    expect(res.body.valid).toBe(true);
    expect(res.body.checked).toBeGreaterThan(3);
    expect(res.body.firstBroken).toBeNull();
  });

  it('refuses UPDATE and DELETE at the database level', async () => {
    await expect(t.platform.db.pool.query(`UPDATE audit_event SET "actorName" = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t.platform.db.pool.query('DELETE FROM audit_event')).rejects.toThrow(/append-only/);
  });

  it('pages back through records with nextBefore', async () => {
    const first = await t.http.get('/api/audit/events').query({ limit: 2 }).set(await t.as('auditor'));
    expect(first.body.items).toHaveLength(2);
    const second = await t.http.get('/api/audit/events').query({ limit: 2, before: first.body.nextBefore }).set(await t.as('auditor'));
    expect(BigInt(second.body.items[0].seq)).toBeLessThan(BigInt(first.body.items[1].seq));
  });

  it('finds a record changed behind the application’s back and reports the first broken link', async () => {
    const { rows } = await t.platform.db.pool.query(`SELECT seq FROM audit_event WHERE action = 'catalog.revision.create'`);
    const seq = String(rows[0].seq);
    // someone with database superuser rights bypasses the trigger and rewrites who did it
    const c = await t.platform.db.pool.connect();
    try {
      await c.query('BEGIN');
      await c.query(`SET LOCAL session_replication_role = replica`);
      await c.query(`UPDATE audit_event SET "actorName" = 'someone-else' WHERE seq = $1`, [seq]);
      await c.query('COMMIT');
    } finally {
      c.release();
    }
    const res = await verify();
    expect(res.body.valid).toBe(false);
    expect(res.body.firstBroken).toMatchObject({ seq, reason: 'HASH_MISMATCH' });
  });

  it('records the verification itself, with its outcome', async () => {
    const res = await t.http.get('/api/audit/events').query({ action: 'audit.verify' }).set(await t.as('auditor'));
    expect(res.body.items.map((e: { outcome: string }) => e.outcome)).toEqual(['FAILURE', 'SUCCESS']);
  });
});
