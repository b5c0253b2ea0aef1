// prisma/schema.prisma and prisma/migrations must describe the same database: the committed migrations are
// replayed in a scratch shadow database on the real PostgreSQL and diffed against schema.prisma by Prisma's
// own (Wasm) schema engine. When this fails, create the missing migration: `npm run db:diff -- --name <name>`.
// PostgreSQL: TEST_DATABASE_ADMIN_URL, default postgresql://postgres@127.0.0.1:5432/postgres.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MIGRATION_LOCK_FILE,
  MIGRATIONS_DIR,
  SCHEMA_PATH,
  diffMigrationsToSchema,
  dropDatabase,
  ensureDatabase,
  withDatabaseName,
} from '../../prisma/tools/schema-engine.js';

const ADMIN_URL = process.env['TEST_DATABASE_ADMIN_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const TIMEOUT = 30_000;

describe('schema.prisma and prisma/migrations', () => {
  const suffix = `${process.pid}_${randomBytes(4).toString('hex')}`;
  // The main database is only connected to; the migrations are replayed in the shadow database.
  const mainUrl = withDatabaseName(ADMIN_URL, `zy_drift_main_${suffix}`);
  const shadowUrl = withDatabaseName(ADMIN_URL, `zy_drift_shadow_${suffix}`);
  let tmpDir: string | undefined;

  beforeAll(async () => {
    await ensureDatabase(mainUrl);
    await ensureDatabase(shadowUrl);
  });

  afterAll(async () => {
    await Promise.all([dropDatabase(mainUrl), dropDatabase(shadowUrl)]);
    if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
  });

  it('the migrations folder is laid out as Prisma writes it', () => {
    expect(fs.readFileSync(path.join(MIGRATIONS_DIR, MIGRATION_LOCK_FILE), 'utf8')).toMatch(/^provider = "postgresql"$/m);
    const folders = fs
      .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    expect(folders.length).toBeGreaterThan(0);
    for (const folder of folders) {
      expect(folder).toMatch(/^\d{14}_[a-z0-9_]+$/);
      expect(fs.existsSync(path.join(MIGRATIONS_DIR, folder, 'migration.sql')), `${folder}/migration.sql`).toBe(true);
    }
    // the timestamps order the migrations and are unique
    expect(new Set(folders.map((f) => f.slice(0, 14))).size).toBe(folders.length);
  });

  it('do not drift: replaying the migrations gives exactly the database schema.prisma describes', async () => {
    const missing = await diffMigrationsToSchema({ databaseUrl: mainUrl, shadowDatabaseUrl: shadowUrl });
    expect(
      missing,
      'schema.prisma has changes no migration contains; run `npm run db:diff -- --name <name>` and commit the ' +
        'new prisma/migrations folder. The missing migration is:\n' + missing,
    ).toBe('');
  }, TIMEOUT);

  it('the check does notice drift (schema.prisma with one more field, in a temporary copy)', async () => {
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zy-drift-'));
    const schema = fs.readFileSync(SCHEMA_PATH, 'utf8');
    const edited = schema.replace(/^(model \w+ \{\n)/m, '$1  driftProbe String?\n');
    expect(edited).not.toBe(schema);
    const schemaPath = path.join(tmpDir, 'schema.prisma');
    fs.writeFileSync(schemaPath, edited);
    const missing = await diffMigrationsToSchema({ databaseUrl: mainUrl, shadowDatabaseUrl: shadowUrl, schemaPath });
    expect(missing).toMatch(/ALTER TABLE "\w+" ADD COLUMN\s+"driftProbe" TEXT/);
  }, TIMEOUT);
});
