// Databases for tests of the job queue itself (test/jobs/): a scratch PostgreSQL database or an in-memory embedded
// one per call, each with the queue a test starts on it, all stopped, closed and removed after the file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { openDatabase, type Database } from '../../core/db/database.js';
import type { JobQueue } from '../../core/jobs/queue.js';
import { createScratchDatabase, type ScratchDatabase } from './postgres.js';

export interface QueueDatabase {
  db: Database;
  /** the queue the test started on it: stopped after the file */
  queue?: JobQueue;
  scratch?: ScratchDatabase;
  dir?: string;
}

/** `open(kind)` for the file; `prefix` names the scratch databases and folders (e.g. zy_batch, zy-batch-). */
export function useQueueDatabases(prefix: string): (kind: 'postgresql' | 'embedded') => Promise<QueueDatabase> {
  const opened: QueueDatabase[] = [];
  afterAll(async () => {
    for (const o of opened) {
      await o.queue?.stop(false);
      await o.db.close();
      await o.scratch?.drop();
      if (o.dir) fs.rmSync(o.dir, { recursive: true, force: true });
    }
  });
  return async (kind) => {
    let entry: QueueDatabase;
    if (kind === 'postgresql') {
      const scratch = await createScratchDatabase(`zy_${prefix}`);
      entry = { db: await openDatabase({ databaseUrl: scratch.url, dataDir: os.tmpdir() }), scratch };
    } else {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `zy-${prefix}-`));
      entry = { db: await openDatabase({ dataDir: dir, inMemory: true }), dir };
    }
    opened.push(entry);
    return entry;
  };
}
