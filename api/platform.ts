// Starting the platform: configuration, database, migrations, first-start seed, services, HTTP.
import type { Server } from 'node:http';
import { createApp } from './app.js';
import { createServices, type ServiceOptions } from './services.js';
import type { Config } from '../core/config.js';
import { openDatabase, type Database } from '../core/db/database.js';
import { migrateOrVerify } from '../core/db/migrate.js';
import { setUpAuditKeys, startCheckpointSchedule } from '../core/audit/setup.js';
import { createLogger, type Logger } from '../core/logger.js';
import { seedDatabase } from '../prisma/seed/index.js';
import { shareStoredFiles } from '../core/files/start.js';
import { findDutyConflicts } from '../accounts/duty-checks.js';
import { sweepSelfEvaluationDeadlines } from '../projects/self-evaluations.js';
import { Feed } from '../core/events/feed.js';
import { followFeed } from '../core/cache/write-clock.js';
import { startJobQueue, type JobQueue } from '../core/jobs/queue.js';
import { createPublishedCatalog } from '../catalog/published.js';
import type { ProvisioningDriver } from '../provisioners/drivers/driver.js';
import { requeueOrphanedJobs } from '../provisioners/orphans.js';
import { bindDeliveryQueue, sweepPendingDeliveries, unbindDeliveryQueue } from '../notifications/delivery-queue.js';
import { startDeliveryWorkers } from '../notifications/delivery-worker.js';
import { startReminderSchedule } from '../notifications/reminder-sweep.js';
import { startIdempotencySweep } from './idempotency-sweep.js';
import { clusterProfile, QUEUES, queueOptions, createDriver, createStatusReader, startProvisioningWorkers } from '../provisioners/runtime.js';

export interface Platform {
  db: Database;
  queue: JobQueue;
  log: Logger;
  app: ReturnType<typeof createApp>['app'];
  /** the audit records of files sent and of counted refusals (api/attribution.ts) */
  attribution: ReturnType<typeof createApp>['attribution'];
  server?: Server;
  url?: string;
  stop(): Promise<void>;
}

/** How often this process looks for schedules another replica loaded (calendar/schedules.ts). */
const CALENDAR_CHECK_MS = 60_000;

export async function startPlatform(
  config: Config,
  opts: {
    listen?: boolean;
    inMemory?: boolean;
    log?: Logger;
    services?: ServiceOptions;
    beforeDriver?: (jobId: string) => Promise<void>;
    /** wraps the provisioning driver (benchmarks time it) */
    instrumentDriver?: (driver: ProvisioningDriver) => ProvisioningDriver;
  } = {},
): Promise<Platform> {
  const log = opts.log ?? createLogger(config.logLevel);
  // the driver first: a missing engine stops the start before anything is opened
  const opened: { db?: Database } = {};
  const created = await createDriver(config, log, () => opened.db!);
  const driver = opts.instrumentDriver ? opts.instrumentDriver(created) : created;
  // the audit chain's keys before anything is recorded (the seed records too); they live outside the database
  const auditCheckpoints = setUpAuditKeys(config.audit, log, !config.databaseUrl);
  const db = (opened.db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolMax: config.databasePoolMax, inMemory: opts.inMemory }));
  let ready = false;
  if (db.tookOverFrom) log.warn({ previousHolder: db.tookOverFrom }, 'DATA_DIR was left locked by a process that ended without stopping (a crash?); taken over');
  try {
    const migrated = await migrateOrVerify(db.pool, config.migrateOnStart);
    const seeded = await seedDatabase(db, config);
    // projects established before the self-evaluation obligation existed (Art. 21) get their deadlines
    const swept = await sweepSelfEvaluationDeadlines(db, config.selfEvaluationDue);
    // accounts made before separation of duties whose role does not fit their organisation: they act as nobody
    // until put right (accounts/duty-checks.ts); named here and listed by GET /api/users?dutyConflict=true
    const conflicts = await findDutyConflicts(db.prisma);
    if (conflicts.length) log.warn({ accounts: conflicts }, 'accounts whose role does not fit their organisation (separation of duties): they cannot act until an administrator puts them right');
    if (swept.opened || swept.failed.length) log.info({ opened: swept.opened, failed: swept.failed }, 'self-evaluation deadlines opened');
    log.info({ database: db.kind, dataDir: db.kind === 'embedded' ? config.dataDir : undefined, migrated: migrated.applied, seeded }, 'database ready');
    await shareStoredFiles(db, config, log);
  } catch (err) {
    await db.close();
    throw err;
  }
  const queue = await startJobQueue(db, log, QUEUES, queueOptions(config));
  await requeueOrphanedJobs(db, queue, log);
  // notifications' e-mails and webhook calls are enqueued with the change that caused them; those written while no
  // queue was bound (scripts) are enqueued now
  await bindDeliveryQueue(queue, config.notifications);
  await sweepPendingDeliveries(db, queue, log);
  const published = createPublishedCatalog(db);
  const status = await createStatusReader(config);
  const feed = await Feed.start(db);
  followFeed(feed);
  const services = createServices(db, config, { published, feed, queue, driver, status, profile: clusterProfile(config), auditCheckpoints }, opts.services);
  // the State Council schedules an administrator loaded, into the working-day calendar (calendar/schedules.ts)
  await services.calendar.refresh();
  // Idempotency-Keys past their time (api/idempotency.ts); a key is also ignored once expired, whenever it is used
  const swept = await services.idempotency.sweep();
  if (swept) log.info({ swept }, 'removed expired Idempotency-Keys');
  // a schedule another replica loaded reaches this one's calendar within a minute: a timer, off the request path
  const calendarCheck = setInterval(() => {
    services.calendar.refreshIfStale().catch((err: unknown) => log.warn({ err }, 'could not check the loaded holiday schedules; counting with the ones in memory'));
  }, CALENDAR_CHECK_MS);
  calendarCheck.unref();
  if (config.provisioning.runWorkers) {
    await startProvisioningWorkers({ db, queue, driver, published, log }, config, { beforeDriver: opts.beforeDriver });
    await startReminderSchedule(queue, services.reminderSweep, config.reminders.cron, log);
    await startIdempotencySweep(db, queue, config.idempotency.sweepCron, log);
  }
  // a signed checkpoint of the audit chain now and every ZY_AUDIT_CHECKPOINT_MINUTES, in a file outside the database
  const stopCheckpoints = await startCheckpointSchedule(db, auditCheckpoints, config.audit.checkpointMinutes, log);
  const deliveries = config.provisioning.runWorkers ? await startDeliveryWorkers({ db, queue, log }, config.notifications) : null;
  const { app, attribution } = createApp({ db, services, log, trustProxy: config.trustProxy, isReady: () => ready, metricsToken: config.metricsToken, hstsMaxAgeSeconds: config.hardening.hstsMaxAgeSeconds });
  ready = true;
  const platform: Platform = {
    db,
    queue,
    log,
    app,
    attribution,
    async stop() {
      ready = false;
      clearInterval(calendarCheck);
      stopCheckpoints();
      // live views (event streams) end now rather than hold the server open until the deadline
      feed.stop();
      // stop taking requests, let in-flight jobs finish (or hand them back), then close the database
      const server = platform.server;
      const closing = server ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
      // connections still open at the deadline (event streams, slow clients) are closed: the process ends within its grace period
      const deadline = server ? setTimeout(() => server.closeAllConnections(), config.shutdownTimeoutSeconds * 1000) : undefined;
      await queue.stop(true);
      unbindDeliveryQueue(queue);
      deliveries?.stop();
      await closing;
      clearTimeout(deadline);
      // the refusals counted in the minute that is not over yet
      await attribution.stop().catch((err: unknown) => log.error({ err }, 'could not write the counted refusals'));
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
