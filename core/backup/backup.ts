// Takes a backup of a running (or stopped) platform: the database read in one REPEATABLE READ snapshot (stored
// files included: their contents are in the table stored_file, core/files), then DATA_DIR/files, which holds only
// documents stored before the file store and not yet imported (restored, they are imported at the next start). Those
// files are never changed or removed once named, so the pair is consistent.
// On the embedded database the snapshot holds the database for as long as it reads (one transaction at a time).
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import * as tar from 'tar';
import type { AuditKeyConfig } from '../config.js';
import { AUDIT_DIR, stageAuditFiles } from './audit-files.js';
import { FILES_DIR, FORMAT, FORMAT_VERSION, MANIFEST, tableEntry, type Manifest } from './archive.js';
import { LEDGER, listTables, quoteIdent } from './tables.js';

const BATCH = 1000;

export interface BackupResult {
  file: string;
  manifest: Manifest;
  bytes: number;
}

async function dumpDatabase(pool: pg.Pool, into: string, source: Manifest['source']): Promise<{ manifest: Omit<Manifest, 'files'>; auditHead: bigint }> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows: ledger } = await client.query<{ migration_name: string }>(
      `SELECT migration_name FROM ${quoteIdent(LEDGER)} WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
    );
    const tables: Manifest['tables'] = [];
    fs.mkdirSync(path.join(into, 'db'), { recursive: true });
    for (const t of await listTables(client)) {
      const out = fs.openSync(path.join(into, tableEntry(t.name)), 'w', 0o600);
      let rows = 0;
      try {
        await client.query(`DECLARE dump NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM ${quoteIdent(t.name)} t`);
        for (;;) {
          const { rows: batch } = await client.query<{ j: string }>(`FETCH ${BATCH} FROM dump`);
          if (batch.length === 0) break;
          fs.writeSync(out, batch.map((r) => r.j).join('\n') + '\n');
          rows += batch.length;
        }
        await client.query('CLOSE dump');
      } finally {
        fs.closeSync(out);
      }
      tables.push({ name: t.name, rows, selfReferencing: t.selfReferencing });
    }
    // the audit chain's last position in this snapshot: the checkpoints past it are left out (./audit-files.ts)
    const { rows: head } = await client.query<{ seq: string | null }>(`SELECT CASE WHEN to_regclass('audit_event') IS NULL THEN NULL ELSE (SELECT max(seq)::text FROM audit_event) END AS seq`);
    await client.query('COMMIT');
    return {
      manifest: { format: FORMAT, version: FORMAT_VERSION, createdAt: new Date().toISOString(), source, migrations: ledger.map((r) => r.migration_name), tables },
      auditHead: BigInt(head[0]?.seq ?? 0),
    };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** Copies DATA_DIR/files (finished files only: a `.part` is an upload still being written) and counts them. */
function copyFiles(from: string, to: string): number {
  if (!fs.existsSync(from)) return 0;
  let n = 0;
  for (const e of fs.readdirSync(from, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || e.name.endsWith('.part')) continue;
    const src = path.join(e.parentPath, e.name);
    const dest = path.join(to, path.relative(from, src));
    fs.mkdirSync(path.dirname(dest), { recursive: true, mode: 0o700 });
    fs.copyFileSync(src, dest);
    n++;
  }
  return n;
}

/** Writes a backup of the database behind `pool`, of `filesDir` and of the audit chain's files to `file` (a .tar.gz), atomically. */
export async function createBackup(pool: pg.Pool, source: Manifest['source'], filesDir: string, file: string, audit: AuditKeyConfig): Promise<BackupResult> {
  const target = path.resolve(file);
  const staging = fs.mkdtempSync(path.join(path.dirname(target), '.zhengyun-backup-'));
  try {
    const db = await dumpDatabase(pool, staging, source);
    const files = copyFiles(filesDir, path.join(staging, FILES_DIR));
    const auditFiles = stageAuditFiles(audit, db.auditHead, staging);
    const manifest: Manifest = { ...db.manifest, files, audit: auditFiles };
    fs.writeFileSync(path.join(staging, MANIFEST), JSON.stringify(manifest, null, 2) + '\n', { mode: 0o600 });
    const partial = `${target}.part`;
    const entries = [MANIFEST, 'db', AUDIT_DIR, ...(files > 0 ? [FILES_DIR] : [])];
    await tar.create({ gzip: true, file: partial, cwd: staging, portable: true }, entries);
    fs.chmodSync(partial, 0o600);
    fs.renameSync(partial, target);
    return { file: target, manifest, bytes: fs.statSync(target).size };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
