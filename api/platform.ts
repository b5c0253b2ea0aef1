// Starting the platform: configuration, database, migrations, first-start seed, services, HTTP.
import type { Server } from 'node:http';
import { createApp } from './app.js';
import { createServices, type ServiceOptions } from './services.js';
import type { Config } from '../core/config.js';
import { openDatabase, type Database } from '../core/db/database.js';
import { migrate } from '../core/db/migrate.js';
import { createLogger, type Logger } from '../core/logger.js';
import { seedDatabase } from '../prisma/seed/index.js';

export interface Platform {
  db: Database;
  log: Logger;
  app: ReturnType<typeof createApp>['app'];
  server?: Server;
  url?: string;
  stop(): Promise<void>;
}

export async function startPlatform(
  config: Config,
  opts: { listen?: boolean; inMemory?: boolean; log?: Logger; services?: ServiceOptions } = {},
): Promise<Platform> {
  const log = opts.log ?? createLogger(config.logLevel);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolMax: config.databasePoolMax, inMemory: opts.inMemory });
  let ready = false;
  try {
    const migrated = await migrate(db.pool);
    const seeded = await seedDatabase(db, config);
    log.info({ database: db.kind, dataDir: db.kind === 'embedded' ? config.dataDir : undefined, migrated: migrated.applied, seeded }, 'database ready');
  } catch (err) {
    await db.close();
    throw err;
  }
  const services = createServices(db, config, opts.services);
  const { app } = createApp({ db, services, log, trustProxy: config.trustProxy, isReady: () => ready });
  ready = true;
  const platform: Platform = {
    db,
    log,
    app,
    async stop() {
      ready = false;
      if (platform.server) await new Promise<void>((resolve) => platform.server!.close(() => resolve()));
      await db.close();
    },
  };
  if (opts.listen !== false) {
    await new Promise<void>((resolve, reject) => {
      platform.server = app.listen(config.port, config.host, (err?: Error) => (err ? reject(err) : resolve()));
    });
    const addr = platform.server!.address();
    const port = typeof addr === 'object' && addr ? addr.port : config.port;
    platform.url = `http://127.0.0.1:${port}`;
    log.info({ url: platform.url, demoMode: config.demoMode }, 'Zhengyun is listening');
  }
  return platform;
}
