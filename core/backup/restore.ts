// Restores a backup into an empty database (embedded or PostgreSQL) and a files folder: the schema is brought to
// the backup's migrations, every row is loaded in one transaction (parents before children, constraints checked as
// usual), sequences continue after the highest restored value, then the migrations this build adds run. A backup
// made by a newer build (migrations this one does not know) is refused rather than half-loaded.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import type pg from 'pg';
import * as tar from 'tar';
import type { AuditKeyConfig } from '../config.js';
import { migrate, readMigrations } from '../db/migrate.js';
import { restoreAuditFiles } from './audit-files.js';
import { BackupError, FILES_DIR, FORMAT, FORMAT_VERSION, MANIFEST, tableEntry, type Manifest } from './archive.js';
import { LEDGER, listTables, quoteIdent } from './tables.js';

const BATCH = 500;

export interface RestoreResult {
  manifest: Manifest;
  /** migrations of this build applied after the backup's rows were loaded */
  upgraded: string[];
}

function readManifest(dir: string): Manifest {
  let m: Manifest;
  try {
    m = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8')) as Manifest;
  } catch {
    throw new BackupError('BACKUP_UNREADABLE', 'not a Zhengyun backup: manifest.json is missing or unreadable');
  }
  if (m.format !== FORMAT || m.version !== FORMAT_VERSION) {
    throw new BackupError('BACKUP_UNREADABLE', `not a Zhengyun backup of format version ${FORMAT_VERSION} (found ${m.format} ${m.version})`);
  }
  return m;
}

/**
 * The database must hold no platform rows yet (restoring over live data would merge two histories), and no
 * migration past the backup's (its rows belong to the older schema).
 */
async function assertEmpty(pool: pg.Pool, migrations: string[]): Promise<void> {
  const client = await pool.connect();
  try {
    for (const t of await listTables(client)) {
      const { rows } = await client.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${quoteIdent(t.name)}) AS any`);
      if (rows[0]?.any) throw new BackupError('RESTORE_TARGET_NOT_EMPTY', `the target database already has data (table ${t.name}): restore into an empty one`);
    }
    const { rows } = await client.query<{ ledger: boolean }>(`SELECT to_regclass('${LEDGER}') IS NOT NULL AS ledger`);
    if (rows[0]?.ledger) {
      const { rows: done } = await client.query<{ migration_name: string }>(`SELECT migration_name FROM ${quoteIdent(LEDGER)}`);
      const later = done.map((r) => r.migration_name).filter((m) => !migrations.includes(m));
      if (later.length) throw new BackupError('RESTORE_TARGET_NOT_EMPTY', `the target database is already at a later schema (${later.join(', ')}): restore into an empty one`);
    }
  } finally {
    client.release();
  }
}

async function loadTable(client: pg.PoolClient, dir: string, table: Manifest['tables'][number]): Promise<number> {
  const file = path.join(dir, tableEntry(table.name));
  if (!fs.existsSync(file)) throw new BackupError('BACKUP_UNREADABLE', `the backup lacks the rows of ${table.name}`);
  const insert = (rows: string[]) =>
    client.query(`INSERT INTO ${quoteIdent(table.name)} SELECT * FROM json_populate_recordset(NULL::${quoteIdent(table.name)}, $1::json)`, [`[${rows.join(',')}]`]);
  let batch: string[] = [];
  let n = 0;
  for await (const line of readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    if (!line) continue;
    batch.push(line);
    // a table whose rows point at each other is loaded in one statement, where its foreign keys are checked at the end
    if (!table.selfReferencing && batch.length >= BATCH) {
      await insert(batch);
      n += batch.length;
      batch = [];
    }
  }
  if (batch.length) await insert(batch);
  n += batch.length;
  if (n !== table.rows) throw new BackupError('BACKUP_UNREADABLE', `${table.name}: the manifest says ${table.rows} rows, the backup holds ${n}`);
  return n;
}

/** Sequences owned by columns (BIGSERIAL) continue after the highest value restored. */
async function resetSequences(client: pg.PoolClient): Promise<void> {
  const { rows } = await client.query<{ seq: string; tbl: string; col: string }>(
    `SELECT s.oid::regclass::text AS seq, t.oid::regclass::text AS tbl, a.attname AS col
       FROM pg_class s JOIN pg_depend d ON d.objid = s.oid AND d.deptype = 'a'
       JOIN pg_class t ON t.oid = d.refobjid JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
       JOIN pg_namespace n ON n.oid = s.relnamespace
      WHERE s.relkind = 'S' AND n.nspname = 'public'`,
  );
  for (const r of rows) {
    await client.query(`SELECT setval($1::regclass, coalesce((SELECT max(${quoteIdent(r.col)}) FROM ${r.tbl}), 0) + 1, false)`, [r.seq]);
  }
}

export interface OpenedBackup {
  manifest: Manifest;
  /** loads it into the (empty) database behind `pool`, copies its files into `filesDir` and its audit chain files where `audit` says */
  restoreInto(pool: pg.Pool, filesDir: string, audit: AuditKeyConfig): Promise<RestoreResult>;
  dispose(): void;
}

/** Unpacks and checks a backup before any database is touched: a wrong file is refused without side effects. */
export async function openBackup(archive: string): Promise<OpenedBackup> {
  if (!fs.existsSync(archive)) throw new BackupError('BACKUP_NOT_FOUND', `no backup at ${archive}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhengyun-restore-'));
  const dispose = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    try {
      await tar.extract({ file: archive, cwd: dir, strict: true });
    } catch (err) {
      throw new BackupError('BACKUP_UNREADABLE', `not a readable backup archive: ${(err as Error).message}`);
    }
    const manifest = readManifest(dir);
    const known = readMigrations();
    const names = known.map((m) => m.name);
    const unknown = manifest.migrations.filter((m) => !names.includes(m));
    if (unknown.length) {
      throw new BackupError('BACKUP_FROM_NEWER_VERSION', `the backup was made by a newer version (migrations ${unknown.join(', ')} are unknown here): restore it with that version`);
    }
    if (names.slice(0, manifest.migrations.length).join() !== manifest.migrations.join()) {
      throw new BackupError('BACKUP_UNREADABLE', "the backup's migrations are not a prefix of this version's: it cannot be placed in order");
    }
    return { manifest, dispose, restoreInto: (pool, filesDir, audit) => load(dir, manifest, known, pool, filesDir, audit) };
  } catch (err) {
    dispose();
    throw err;
  }
}

async function load(dir: string, manifest: Manifest, known: ReturnType<typeof readMigrations>, pool: pg.Pool, filesDir: string, audit: AuditKeyConfig): Promise<RestoreResult> {
  // the schema as it was when the backup was taken, then the rows
  await assertEmpty(pool, manifest.migrations);
  await migrate(pool, known.slice(0, manifest.migrations.length));
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const here = new Set((await listTables(client)).map((t) => t.name));
    for (const t of manifest.tables) {
      if (!here.has(t.name)) throw new BackupError('BACKUP_UNREADABLE', `the backup has table ${t.name}, which its migrations do not create`);
      await loadTable(client, dir, t);
    }
    await resetSequences(client);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
  const { applied } = await migrate(pool, known);
  const files = path.join(dir, FILES_DIR);
  if (fs.existsSync(files)) fs.cpSync(files, filesDir, { recursive: true, errorOnExist: true, force: false });
  restoreAuditFiles(dir, audit);
  return { manifest, upgraded: applied };
}
