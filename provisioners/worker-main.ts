// The dedicated worker process (`npm run worker`, or the container with ZHENGYUN_ROLE=worker): runs
// provisioning jobs, notification deliveries and the scheduled sweeps (drift checks, reminders). On SIGTERM it stops
// taking jobs, lets the running ones finish, and exits.
import { createPublishedCatalog } from '../catalog/published.js';
import { ConfigError, loadConfig } from '../core/config.js';
import { openDatabase } from '../core/db/database.js';
import { migrateOrVerify } from '../core/db/migrate.js';
import { shareStoredFiles } from '../core/files/start.js';
import { startJobQueue } from '../core/jobs/queue.js';
import { createLogger } from '../core/logger.js';
import { setUpAuditKeys } from '../core/audit/setup.js';
import { bindDeliveryQueue } from '../notifications/delivery-queue.js';
import { startDeliveryWorkers } from '../notifications/delivery-worker.js';
import { createCalendarService } from '../calendar/schedules.js';
import { createReminderSweep, startReminderSchedule } from '../notifications/reminder-sweep.js';
import { startIdempotencySweep } from '../api/idempotency-sweep.js';
import { createDriver, QUEUES, queueOptions, startProvisioningWorkers } from './runtime.js';

async function main() {
  const config = loadConfig();
  if (config.embedded) throw new ConfigError('The worker process needs DATABASE_URL: the embedded database serves one process only.');
  const log = createLogger(config.logLevel).child({ role: 'worker' });
  // The signal handlers come first: a SIGTERM that arrives while the worker is still starting (a rollout that changes
  // its mind) waits for the start to settle, then stops what was started, instead of killing the process mid-start.
  const opened: { db?: Awaited<ReturnType<typeof openDatabase>>; queue?: Awaited<ReturnType<typeof startJobQueue>> } = {};
  let starting: Promise<void> = Promise.resolve();
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'worker stopping: finishing running jobs');
    await starting.catch(() => undefined);
    await opened.queue?.stop(true);
    await opened.db?.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  starting = (async () => {
    const driver = await createDriver(config, log, () => opened.db!); // a missing engine stops the start before anything is opened
    setUpAuditKeys(config.audit, log, false); // the jobs record to the audit trail, hashed with the API's keys
    const db = (opened.db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, purpose: 'worker', poolMax: config.databasePoolMax }));
    await migrateOrVerify(db.pool, config.migrateOnStart); // a no-op when the API or a migration Job already applied them (advisory-locked)
    await shareStoredFiles(db, config, log); // manifests this worker rendered into its DATA_DIR before the file store
    const queue = (opened.queue = await startJobQueue(db, log, QUEUES, queueOptions(config)));
    if (stopping) return;
    await startProvisioningWorkers({ db, queue, driver, published: createPublishedCatalog(db), log }, config);
    // e-mails and webhook calls of notifications (the digests this process writes are enqueued through the binding)
    await bindDeliveryQueue(queue, config.notifications);
    await startDeliveryWorkers({ db, queue, log }, config.notifications);
    // reminders count with the holiday schedules an administrator loaded (calendar/schedules.ts), read before each sweep
    const calendar = createCalendarService({ db });
    await calendar.refresh();
    await startReminderSchedule(queue, createReminderSweep({ db, settings: config.reminders, refreshCalendar: calendar.refreshIfStale }), config.reminders.cron, log);
    await startIdempotencySweep(db, queue, config.idempotency.sweepCron, log);
  })();
  await starting;
}

main().catch((err: unknown) => {
  console.error('Zhengyun worker failed to start:', err instanceof Error ? err.message : err);
  process.exit(err instanceof ConfigError ? 2 : 1);
});
