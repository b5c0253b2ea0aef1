// What every process does with stored files at start: import what its DATA_DIR still holds from before the file
// store (core/files/legacy-import.ts), then sweep contents nothing refers to any more.
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { importLegacyFiles } from './legacy-import.js';
import { createFileStore } from './store.js';

export async function shareStoredFiles(db: Database, config: Pick<Config, 'fileStore' | 'dataDir'>, log: Logger): Promise<void> {
  const files = createFileStore(config, db);
  const imported = await importLegacyFiles(db, files, config.dataDir, log);
  if (imported.documents || imported.manifests) log.info({ ...imported, from: config.dataDir }, 'files from DATA_DIR imported into the file store');
  if (imported.missing) log.warn({ missing: imported.missing }, 'documents whose content is neither in the file store nor in this DATA_DIR/files: start the replica that holds them, or restore them from a backup');
  const swept = await files.sweep();
  if (swept) log.info({ swept }, 'removed stored contents nothing refers to');
}
