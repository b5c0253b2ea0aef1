// Applies prisma/migrations/*/migration.sql in order, offline, on PostgreSQL and the embedded database,
// recording each in _prisma_migrations exactly as `prisma migrate deploy` does, so the ordinary Prisma CLI
// stays usable wherever it can download its engine. Diffing (creating migrations, drift) is prisma/tools.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { fromRoot } from '../paths.js';

export const MIGRATIONS_DIR = fromRoot('prisma', 'migrations');
/** The advisory lock key Prisma's own migrate uses, so the two never run at once. */
const PRISMA_MIGRATE_LOCK = 72707369;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: crypto.createHash('sha256').update(sql).digest('hex') };
    });
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

export class MigrationError extends Error {}

/** Applies pending migrations, each in its own transaction. Safe to call from several processes at once. */
export async function migrate(pool: pg.Pool, migrations = readMigrations()): Promise<MigrateResult> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK]);
    await client.query(CREATE_TABLE);
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
    );
    const done = new Map(rows.map((r) => [r.migration_name, r]));
    const failed = rows.find((r) => r.finished_at === null);
    if (failed) {
      throw new MigrationError(`Migration ${failed.migration_name} failed earlier and is not finished; resolve it first`);
    }
    const applied: string[] = [];
    for (const m of migrations) {
      const prior = done.get(m.name);
      if (prior) {
        if (prior.checksum !== m.checksum) {
          throw new MigrationError(`Migration ${m.name} was changed after it was applied (checksum differs)`);
        }
        continue;
      }
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), now(), 1)`,
          [crypto.randomUUID(), m.checksum, m.name],
        );
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new MigrationError(`Migration ${m.name} failed: ${(err as Error).message}`);
      }
      applied.push(m.name);
    }
    return { applied, alreadyApplied: done.size };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK]).catch(() => undefined);
    client.release();
  }
}

/**
 * The migrations of this build that the database has not finished, without applying anything (and without
 * taking the migration lock). Replicas started with MIGRATE_ON_START=false use it to refuse to run against a
 * schema the migration Job has not brought up to date. Migrations the database has and this build does not
 * know (a rollback to an older image) are not pending.
 */
export async function pendingMigrations(pool: pg.Pool, migrations = readMigrations()): Promise<string[]> {
  const { rows: table } = await pool.query<{ exists: boolean }>(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS exists`);
  if (!table[0]?.exists) return migrations.map((m) => m.name);
  const { rows } = await pool.query<{ migration_name: string }>(
    'SELECT migration_name FROM "_prisma_migrations" WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL',
  );
  const done = new Set(rows.map((r) => r.migration_name));
  return migrations.filter((m) => !done.has(m.name)).map((m) => m.name);
}

/** At start: apply pending migrations (`apply`), or only check that there are none (replicas behind a migration Job). */
export async function migrateOrVerify(pool: pg.Pool, apply: boolean): Promise<MigrateResult> {
  if (apply) return migrate(pool);
  const pending = await pendingMigrations(pool);
  if (pending.length > 0) {
    throw new MigrationError(
      `The database lacks ${pending.length} migration(s) of this build (${pending.join(', ')}) and MIGRATE_ON_START=false: ` +
        'run the migration Job (`node dist/api/main.js migrate`, or `npm run db:migrate`) first',
    );
  }
  return { applied: [], alreadyApplied: readMigrations().length };
}
