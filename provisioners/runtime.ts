// What provisioning needs at run time, built from configuration: the driver, the cluster reader, the worker.
// Shared by the API process (workers in-process by default) and the dedicated worker process.
// the jobs' ends tell the operators and the unit (站内信), in the worker process too
import '../notifications/machine-events.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { enginesBinDir, enginesEnv, missingEngines } from '../engines/paths.js';
import { DriverUnavailableError } from './drivers/driver.js';
import type { Logger } from 'pino';
import type { Config } from '../core/config.js';
import type { Database } from '../core/db/database.js';
import type { JobQueue } from '../core/jobs/queue.js';
import type { PublishedCatalog } from '../catalog/published.js';
import type { ProvisioningDriver } from './drivers/driver.js';
import { createRenderDriver } from './drivers/render-driver.js';
import { createFileStore } from '../core/files/store.js';
import { createRenderedManifests, type RenderedManifests } from './rendered-manifests.js';
import { DRIFT_CHECK_QUEUE, startDriftSchedule } from './drift-schedule.js';
import { REMINDER_SWEEP_QUEUE } from '../notifications/reminder-sweep.js';
import { IDEMPOTENCY_SWEEP_QUEUE } from '../api/idempotency-sweep.js';
import { PROVISIONING_QUEUE, type JobMessage } from './job-records.js';
import type { StatusReader } from './status-reader.js';
import { createProvisioningWorker } from './worker.js';
import { DEFAULT_CLUSTER_PROFILE, type ClusterProfile } from './desired-state.js';

/** The target cluster's particulars that desired state depends on, from configuration. */
export function clusterProfile(config: Config): ClusterProfile {
  return { ...DEFAULT_CLUSTER_PROFILE, vmImages: { ...DEFAULT_CLUSTER_PROFILE.vmImages, base: config.provisioning.vmImageBase } };
}

/**
 * The driver configuration asks for. The Pulumi driver needs its engine (the `pulumi` CLI and the Kubernetes
 * provider plugin): the ones `npm run engines` built when present, else whatever is on the PATH. Without them the
 * process refuses to start, saying so, rather than failing at the first job. `database` is the process's database,
 * once opened (the render driver keeps its manifests in the file store there).
 */
export async function createDriver(config: Config, log: Logger, database: () => Database): Promise<ProvisioningDriver> {
  if (config.provisioning.driver === 'render') {
    // the database is opened after the driver is made: the manifests' store is made at the first job
    let manifests: RenderedManifests | undefined;
    return createRenderDriver(() => (manifests ??= createRenderedManifests(database(), createFileStore(config, database()))));
  }
  const { createPulumiDriver, checkPulumiCli } = await import('./drivers/pulumi-driver.js');
  const engines = builtEngines();
  const env = engines ? { ...enginesEnv(), PULUMI_IGNORE_AMBIENT_PLUGINS: 'true' } : {};
  const cli = await checkPulumiCli({ env });
  const provider = engines || onPath('pulumi-resource-kubernetes') || fs.existsSync(path.join(process.env.PULUMI_HOME ?? path.join(os.homedir(), '.pulumi'), 'plugins'));
  if (!cli.available || !provider) {
    throw new DriverUnavailableError(
      `PROVISIONING_DRIVER=pulumi, but the Pulumi engine is not available: ${cli.available ? 'the Kubernetes provider plugin (pulumi-resource-kubernetes) is missing' : cli.reason}. ` +
        'Build it with `npm run engines` (pulumi and the Kubernetes provider from Go modules, into a cache outside the repository), or set PROVISIONING_DRIVER=render.',
      cli.available ? 'pulumi-resource-kubernetes plugin' : 'pulumi CLI',
    );
  }
  log.info({ pulumi: cli.version, engines: engines ? enginesBinDir() : 'PATH' }, 'Pulumi engine found');
  return createPulumiDriver({
    backendUrl: config.provisioning.pulumiBackendUrl,
    passphrase: config.provisioning.pulumiPassphrase,
    kubeconfig: config.provisioning.kubeconfig,
    env,
  });
}

/** true when `npm run engines` has built pulumi and the Kubernetes provider (for this version of the wrappers) */
function builtEngines(): boolean {
  try {
    return !missingEngines().some((b) => b === 'pulumi' || b === 'pulumi-resource-kubernetes');
  } catch {
    return false; // no Go here to name the cache key (a production image): the engines come from the PATH
  }
}

const onPath = (bin: string) => (process.env.PATH ?? '').split(path.delimiter).some((d) => d && fs.existsSync(path.join(d, bin)));

export async function createStatusReader(config: Config): Promise<StatusReader | undefined> {
  if (!config.provisioning.kubeconfig) return undefined;
  const { createClusterStatusReader } = await import('./status-sync.js');
  return createClusterStatusReader(config.provisioning.kubeconfig);
}

/** The queues every process creates: provisioning jobs, and the ticks of the drift-check, reminder and Idempotency-Key schedules. */
export const QUEUES = [PROVISIONING_QUEUE, DRIFT_CHECK_QUEUE, REMINDER_SWEEP_QUEUE, IDEMPOTENCY_SWEEP_QUEUE];

/** The queue settings every process uses, from configuration. */
export function queueOptions(config: Config) {
  return {
    expireInSeconds: config.provisioning.jobExpireSeconds,
    retryLimit: config.provisioning.jobRetryLimit,
    maintenanceIntervalSeconds: config.provisioning.jobSuperviseSeconds,
    cronCheckSeconds: Math.min(config.provisioning.jobSuperviseSeconds, 30),
    stopTimeoutSeconds: config.shutdownTimeoutSeconds,
  };
}

/** Starts `concurrency` workers on the provisioning queue, and the drift-check schedule. */
export async function startProvisioningWorkers(
  deps: { db: Database; queue: JobQueue; driver: ProvisioningDriver; published: PublishedCatalog; log: Logger },
  config: Config,
  hooks: { beforeDriver?: (jobId: string) => Promise<void> } = {},
) {
  const kubeconfig = config.provisioning.kubeconfig;
  // loaded only with a cluster, as createStatusReader does: @kubernetes/client-node costs ~70 MB of RSS at import
  const finalBackups = kubeconfig
    ? (await import('./final-backup.js')).createFinalBackups(kubeconfig, { timeoutMs: config.provisioning.finalBackupTimeoutSeconds * 1000 })
    : undefined;
  const heartbeat = { intervalSeconds: config.provisioning.jobHeartbeatSeconds, timeoutSeconds: config.provisioning.jobHeartbeatTimeoutSeconds };
  const worker = createProvisioningWorker({ ...deps, profile: clusterProfile(config), retryLimit: config.provisioning.jobRetryLimit, finalBackups, heartbeat, beforeDriver: hooks.beforeDriver });
  // jobs whose worker died (this process's last run included) are taken back first, then watched for
  const sweep = worker.startSweep();
  deps.queue.onStop(sweep.stop);
  await deps.queue.work<JobMessage>(PROVISIONING_QUEUE, config.provisioning.workerConcurrency, (data) => worker.handle(data));
  await startDriftSchedule(deps.db, deps.queue, deps.driver.name, config.provisioning.driftCheckCron, deps.log);
  deps.log.info({ concurrency: config.provisioning.workerConcurrency, driver: deps.driver.name }, 'provisioning workers started');
}
