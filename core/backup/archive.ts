// The backup archive: one .tar.gz holding
//   manifest.json          what it is: format, when, from which database, the migrations applied, row and file counts
//   db/<table>.ndjson      every row of every table, one JSON object a line (row_to_json), read in one snapshot
//   files/<xx>/<key>       documents still in DATA_DIR/files from before the file store (stored files are rows of
//                          stored_file, in db/), present when the snapshot was taken
//   audit/                 the audit chain's key file, checkpoint signing key and checkpoints (./audit-files.ts)
// The same archive restores an embedded platform and moves its data to PostgreSQL (and back).
import type { AuditFilesManifest } from './audit-files.js';

export const FORMAT = 'zhengyun-backup';
export const FORMAT_VERSION = 1;

export interface Manifest {
  format: typeof FORMAT;
  version: typeof FORMAT_VERSION;
  createdAt: string;
  /** the database it was taken from */
  source: 'embedded' | 'postgresql';
  /** migrations applied to that database, in order: the schema the rows belong to */
  migrations: string[];
  /** tables in load order (parents before children), with their row counts */
  tables: { name: string; rows: number; selfReferencing: boolean }[];
  files: number;
  /** the audit chain's files outside the database; absent in backups made before the chain was keyed */
  audit?: AuditFilesManifest;
}

export const MANIFEST = 'manifest.json';
export const tableEntry = (table: string) => `db/${table}.ndjson`;
export const FILES_DIR = 'files';

export class BackupError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
