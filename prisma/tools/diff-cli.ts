// `npm run db:diff -- --name <migration_name>`: writes the next migration,
// prisma/migrations/<UTC YYYYMMDDHHMMSS>_<name>/migration.sql, with the SQL that takes the committed migrations
// to schema.prisma; prints "no drift" when there is nothing to write. Offline replacement for
// `prisma migrate dev --create-only` (see STACK.md, "Prisma (ORM) without its native engines").
//
// Databases: the migrations are replayed in a shadow database, which is emptied first.
//   DATABASE_URL         the engine's main database (only connected to, never written by a diff); when set and
//                        SHADOW_DATABASE_URL is not, a temporary shadow database is created on its server and
//                        dropped afterwards.
//   SHADOW_DATABASE_URL  the shadow database to use (emptied first; must not be the main database).
//   neither              shadow: the scratch database postgresql://postgres@127.0.0.1:5432/zhengyun_shadow,
//                        created if missing; main: the server's `postgres` database.
// Options: --name <name> (required unless --check), --check (exit 1 on drift, write nothing),
//          --print (print the SQL instead of writing it).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  MIGRATION_LOCK_FILE,
  MIGRATION_LOCK_TOML,
  MIGRATIONS_DIR,
  diffMigrationsToSchema,
  ensureDatabase,
  redactUrl,
} from './schema-engine.js';

export const DEFAULT_SCRATCH_URL = 'postgresql://postgres@127.0.0.1:5432/zhengyun_shadow';
const DEFAULT_MAIN_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

/** UTC timestamp as Prisma names migration folders: YYYYMMDDHHMMSS. */
export function migrationTimestamp(date = new Date()): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** The migration name as a folder suffix: lower-case letters, digits and underscores, as Prisma does. */
export function sanitizeMigrationName(name: string): string {
  const clean = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 200);
  if (!clean) throw new Error(`invalid migration name: ${JSON.stringify(name)}`);
  return clean;
}

export interface WriteMigrationResult {
  directory: string;
  file: string;
}

/** Writes <migrationsDir>/<timestamp>_<name>/migration.sql (and migration_lock.toml if missing). */
export function writeMigration(sql: string, name: string, migrationsDir = MIGRATIONS_DIR, now = new Date()): WriteMigrationResult {
  const existing = fs.existsSync(migrationsDir)
    ? fs.readdirSync(migrationsDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    : [];
  const timestamp = migrationTimestamp(now);
  const folder = `${timestamp}_${sanitizeMigrationName(name)}`;
  const last = existing.at(-1);
  if (last !== undefined && timestamp <= last.slice(0, 14)) {
    throw new Error(`new migration ${folder} would not come after the last one (${last}); check the clock or wait a second`);
  }
  const directory = path.join(migrationsDir, folder);
  fs.mkdirSync(directory, { recursive: true });
  const lockPath = path.join(migrationsDir, MIGRATION_LOCK_FILE);
  if (!fs.existsSync(lockPath)) fs.writeFileSync(lockPath, MIGRATION_LOCK_TOML);
  const file = path.join(directory, 'migration.sql');
  fs.writeFileSync(file, sql.endsWith('\n') ? sql : `${sql}\n`);
  return { directory, file };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      name: { type: 'string', short: 'n' },
      check: { type: 'boolean', default: false },
      print: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: false,
  });
  if (values.help) {
    console.log('usage: npm run db:diff -- --name <migration_name> [--print] | --check');
    return 0;
  }
  if (!values.check && !values.print && !values.name) {
    console.error('db:diff: --name <migration_name> is required (or --check / --print)');
    return 2;
  }
  const name = values.name === undefined ? undefined : sanitizeMigrationName(values.name);

  let databaseUrl = process.env['DATABASE_URL'];
  let shadowDatabaseUrl = process.env['SHADOW_DATABASE_URL'];
  if (!databaseUrl) {
    databaseUrl = DEFAULT_MAIN_URL;
    if (!shadowDatabaseUrl) {
      shadowDatabaseUrl = DEFAULT_SCRATCH_URL;
      if (await ensureDatabase(shadowDatabaseUrl)) console.error(`created scratch database ${redactUrl(shadowDatabaseUrl)}`);
    }
  }

  const sql = await diffMigrationsToSchema({ databaseUrl, shadowDatabaseUrl });
  if (!sql.trim()) {
    console.log('no drift');
    return 0;
  }
  if (values.check) {
    console.error('drift: schema.prisma differs from prisma/migrations; the next migration would be:\n');
    console.error(sql);
    return 1;
  }
  if (values.print || !name) {
    process.stdout.write(sql);
    return 0;
  }
  const { file } = writeMigration(sql, name);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error('db:diff failed:', error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
