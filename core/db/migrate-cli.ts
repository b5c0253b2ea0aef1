// `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded database in DATA_DIR.
import { ConfigError, loadConfig } from '../config.js';
import { openDatabase } from './database.js';
import { migrate } from './migrate.js';

try {
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, purpose: 'migrate' });
  try {
    const r = await migrate(db.pool);
    console.log(r.applied.length ? `applied: ${r.applied.join(', ')}` : `up to date (${r.alreadyApplied} migrations)`);
  } finally {
    await db.close();
  }
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : `migration failed: ${(err as Error).message}`);
  process.exit(1);
}
