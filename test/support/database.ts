// Where a test platform keeps its data: a scratch database on the machine's PostgreSQL (the default), or the
// embedded PGlite database in a scratch DATA_DIR when ZY_TEST_DATABASE=embedded (the vitest project "embedded"
// runs the API and journey tests that way). The tests are the same; only this choice differs.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createScratchDatabase } from './postgres.js';

export type TestDatabaseKind = 'postgresql' | 'embedded';

export const TEST_DATABASE: TestDatabaseKind = process.env.ZY_TEST_DATABASE === 'embedded' ? 'embedded' : 'postgresql';

const TEST_DATA_ROOT = '/tmp/zy-test-data';

export interface TestDatabase {
  kind: TestDatabaseKind;
  name: string;
  /** the platform's DATA_DIR (stored files, rendered manifests; the embedded database itself) */
  dataDir: string;
  /** the environment that points a platform at this database */
  env: Record<string, string>;
  /** a connection string for direct connections; on the embedded database, valid while its platform runs */
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(prefix = 'zy_test', kind: TestDatabaseKind = TEST_DATABASE): Promise<TestDatabase> {
  if (kind === 'postgresql') {
    const scratch = await createScratchDatabase(prefix);
    const dataDir = path.join(TEST_DATA_ROOT, scratch.name);
    return {
      kind,
      name: scratch.name,
      dataDir,
      env: { DATABASE_URL: scratch.url, DATA_DIR: dataDir },
      url: scratch.url,
      async drop() {
        await scratch.drop();
        await fs.promises.rm(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = `${prefix}_${crypto.randomBytes(5).toString('hex')}`;
  const dataDir = path.join(TEST_DATA_ROOT, name);
  return {
    kind,
    name,
    dataDir,
    env: { DATA_DIR: dataDir },
    // the embedded database's private socket lives in DATA_DIR (core/db/database.ts)
    url: `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(dataDir)}`,
    async drop() {
      await fs.promises.rm(dataDir, { recursive: true, force: true });
    },
  };
}
