import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createScratchDatabase, type ScratchDatabase } from '../../test/support/postgres.js';
import { MigrationError, migrate, readMigrations } from './migrate.js';

let scratch: ScratchDatabase;
let pool: pg.Pool;
beforeAll(async () => {
  scratch = await createScratchDatabase('zy_migrate');
  pool = new pg.Pool({ connectionString: scratch.url });
});
afterAll(async () => {
  await pool?.end();
  await scratch?.drop();
});

describe('migration runner', () => {
  it('applies every committed migration once, recorded as prisma migrate deploy records them', async () => {
    const all = readMigrations();
    expect(all.length).toBeGreaterThan(0);
    const first = await migrate(pool);
    expect(first.applied).toEqual(all.map((m) => m.name));
    const { rows } = await pool.query('SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name');
    expect(rows.map((r) => r.migration_name)).toEqual(all.map((m) => m.name));
    expect(rows.every((r) => r.finished_at !== null && r.applied_steps_count === 1)).toBe(true);
    expect(rows[0].checksum).toBe(all[0]!.checksum);
  });

  it('is a no-op the second time, and safe when two processes start at once', async () => {
    const [a, b] = await Promise.all([migrate(pool), migrate(pool)]);
    expect(a.applied).toEqual([]);
    expect(b.applied).toEqual([]);
  });

  it('refuses to run when an applied migration was edited afterwards', async () => {
    const edited = readMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'f'.repeat(64) } : m));
    await expect(migrate(pool, edited)).rejects.toThrow(MigrationError);
  });

  it('rolls back a failing migration completely and records nothing', async () => {
    const bad = [...readMigrations(), { name: '99999999999999_bad', sql: 'CREATE TABLE half_done (x int); SELECT * FROM no_such_table;', checksum: 'x' }];
    await expect(migrate(pool, bad)).rejects.toThrow(/99999999999999_bad/);
    const { rows } = await pool.query(`SELECT to_regclass('half_done') AS t, (SELECT count(*)::int FROM "_prisma_migrations" WHERE migration_name = '99999999999999_bad') AS n`);
    expect(rows[0]).toEqual({ t: null, n: 0 });
  });
});
