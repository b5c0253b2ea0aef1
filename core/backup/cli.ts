// `npm run backup -- [--out FILE]` and `npm run restore -- FILE` (built: `node dist/core/backup/cli.js backup|restore`).
// Backup: from DATABASE_URL, or from the embedded database in DATA_DIR — through the running platform's socket
// while it runs (no need to stop it), or opened directly when it does not. Restore: into DATABASE_URL or DATA_DIR,
// which must hold no data yet; with DATABASE_URL set it is also how an embedded platform moves to PostgreSQL.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { ConfigError, loadConfig } from '../config.js';
import { DataDirLockedError } from '../db/data-dir-lock.js';
import { EMBEDDED_DB_DIR, embeddedConnection, openDatabase } from '../db/database.js';
import { legacyFilesDirOf as filesDirOf } from '../files/legacy-import.js';
import { BackupError } from './archive.js';
import { createBackup } from './backup.js';
import { openBackup } from './restore.js';

const USAGE = 'usage: backup [--out FILE] | restore FILE';

function defaultName(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  return `zhengyun-backup-${stamp}.tar.gz`;
}

/** A pool on the database to back up, and how to let it go. */
async function source(config: ReturnType<typeof loadConfig>): Promise<{ pool: pg.Pool; kind: 'embedded' | 'postgresql'; close(): Promise<void> }> {
  if (!config.embedded) {
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 1 });
    return { pool, kind: 'postgresql', close: () => pool.end() };
  }
  if (!fs.existsSync(path.join(config.dataDir, EMBEDDED_DB_DIR))) throw new BackupError('BACKUP_NO_DATABASE', `no embedded database in ${config.dataDir}`);
  try {
    const db = await openDatabase({ dataDir: config.dataDir, purpose: 'backup' });
    return { pool: db.pool, kind: 'embedded', close: () => db.close() };
  } catch (err) {
    if (!(err instanceof DataDirLockedError)) throw err;
    // the platform is running: read through its socket, in one snapshot like any other client
    const pool = new pg.Pool({ ...embeddedConnection(config.dataDir), max: 1 });
    return { pool, kind: 'embedded', close: () => pool.end() };
  }
}

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  const config = loadConfig();
  if (command === 'backup') {
    const i = rest.indexOf('--out');
    const out = i >= 0 ? rest[i + 1] : defaultName();
    if (!out) throw new BackupError('USAGE', USAGE);
    const db = await source(config);
    try {
      const started = Date.now();
      const r = await createBackup(db.pool, db.kind, filesDirOf(config.dataDir), out, config.audit);
      const rows = r.manifest.tables.reduce((n, t) => n + t.rows, 0);
      console.log(`backup written: ${r.file} (${(r.bytes / 1024).toFixed(0)} KiB; ${r.manifest.tables.length} tables, ${rows} rows, ${r.manifest.files} files; ${Date.now() - started} ms)`);
    } finally {
      await db.close();
    }
    return;
  }
  if (command === 'restore' && rest[0]) {
    const backup = await openBackup(path.resolve(rest[0]));
    const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, purpose: 'restore' }).catch((err: unknown) => {
      backup.dispose();
      throw err;
    });
    try {
      const r = await backup.restoreInto(db.pool, filesDirOf(config.dataDir), config.audit);
      const rows = r.manifest.tables.reduce((n, t) => n + t.rows, 0);
      console.log(
        `restored ${rows} rows and ${r.manifest.files} files from a backup of ${r.manifest.createdAt} into ${config.embedded ? config.dataDir : 'DATABASE_URL'}` +
          (r.upgraded.length ? `; then applied ${r.upgraded.length} newer migration(s)` : ''),
      );
    } finally {
      backup.dispose();
      await db.close();
    }
    return;
  }
  throw new BackupError('USAGE', USAGE);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  const known = err instanceof BackupError || err instanceof ConfigError || err instanceof DataDirLockedError;
  console.error(known ? (err as Error).message : `failed: ${err instanceof Error ? err.stack : String(err)}`);
  process.exit(1);
});
