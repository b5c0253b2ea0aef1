// The stack's settings: read once from Pulumi stack config (namespace `zhengyun`), checked, with defaults.
// Plain settings live in Pulumi.<stack>.yaml; secrets only as Pulumi config secrets
// (`pulumi config set --secret zhengyun:<key> ...`): they are read with requireSecret/getSecret, so they stay
// secret in every resource input and in the state, and a secret key set in plain text stops the deployment.
import * as pulumi from '@pulumi/pulumi';

export const CONFIG_NAMESPACE = 'zhengyun';

/** Keys that may only be set as secrets. */
export const SECRET_KEYS = ['metricsToken', 'bootstrapAdminPassword', 'backupAccessKeyId', 'backupSecretAccessKey', 'pulumiConfigPassphrase', 'targetKubeconfig'] as const;
export type SecretKey = (typeof SECRET_KEYS)[number];

export interface Resources {
  requests: { cpu: string; memory: string };
  limits: { cpu: string; memory: string };
}

export interface Settings {
  stack: string;
  image: string;
  imagePullSecrets: string[];
  namespace: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
  /** DoNotSchedule: never two API replicas on one node while another node has room; ScheduleAnyway: best effort */
  spreadPolicy: 'DoNotSchedule' | 'ScheduleAnyway';
  api: { replicas: number; maxReplicas: number; targetCpuPercent: number; resources: Resources; shutdownTimeoutSeconds: number; preStopSeconds: number; databasePoolMax: number };
  worker: { replicas: number; concurrency: number; resources: Resources; shutdownTimeoutSeconds: number; databasePoolMax: number };
  migration: { resources: Resources; activeDeadlineSeconds: number };
  ingress: { host: string; className: string; tlsSecretName: string | null; annotations: Record<string, string> };
  data: { storageClass: string | null; size: string };
  database: {
    clusterName: string;
    instances: number;
    imageName: string;
    storageSize: string;
    storageClass: string | null;
    resources: Resources;
    maxConnections: number;
    backup:
      | { method: 'barmanObjectStore'; schedule: string; retentionPolicy: string; destinationPath: string; endpointURL: string; objectStoreCidrs: string[]; objectStorePort: number }
      | { method: 'volumeSnapshot'; schedule: string; retentionPolicy: string; volumeSnapshotClass: string | null };
  };
  network: {
    ingressControllerNamespace: string;
    monitoringNamespace: string;
    dns: { namespace: string; podLabels: Record<string, string> };
    cnpgOperatorNamespace: string;
    /** the Kubernetes API server (CloudNativePG instance managers need it; so does provisioning when enabled) */
    apiServerCidrs: string[];
    apiServerPort: number;
  };
  provisioning: {
    driver: 'render' | 'pulumi';
    jobRetryLimit: number;
    jobExpireSeconds: number;
    /** address ranges and port of the target cluster's API (status sync, the Pulumi driver); default: apiServer */
    targetApiCidrs: string[];
    targetApiPort: number;
  };
  secrets: {
    metricsToken: pulumi.Output<string>;
    bootstrapAdminPassword: pulumi.Output<string>;
    backup: { accessKeyId: pulumi.Output<string>; secretAccessKey: pulumi.Output<string> } | null;
    pulumiConfigPassphrase: pulumi.Output<string> | null;
    targetKubeconfig: pulumi.Output<string> | null;
  };
}

export class SettingsError extends Error {}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const QUANTITY = /^\d+(\.\d+)?(m|Mi|Gi|Ki|Ti)?$/;
const CIDR = /^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$|^[0-9a-f:]+\/\d{1,3}$/i;

function resources(given: Partial<Resources> | undefined, defaults: Resources, what: string): Resources {
  const r = { requests: { ...defaults.requests, ...given?.requests }, limits: { ...defaults.limits, ...given?.limits } };
  for (const [k, v] of [...Object.entries(r.requests), ...Object.entries(r.limits)]) {
    if (!QUANTITY.test(String(v))) throw new SettingsError(`zhengyun:${what}.resources: ${k}=${String(v)} is not a Kubernetes quantity`);
  }
  return r;
}

function int(v: unknown, fallback: number, what: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = v === undefined ? fallback : Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new SettingsError(`zhengyun:${what} must be an integer from ${min} to ${max} (got ${String(v)})`);
  return n;
}

function cidrs(v: unknown, what: string): string[] {
  const list = (v ?? []) as unknown[];
  if (!Array.isArray(list) || list.some((c) => typeof c !== 'string' || !CIDR.test(c))) throw new SettingsError(`zhengyun:${what} must be a list of CIDRs`);
  return list as string[];
}

/** Whether the engine told us `key` holds a secret (PULUMI_CONFIG_SECRET_KEYS); undefined when it cannot tell. */
function isSecret(fullKey: string): boolean | undefined {
  const probe = (pulumi.runtime as unknown as { isConfigSecret?: (k: string) => boolean }).isConfigSecret;
  return typeof probe === 'function' ? probe(fullKey) : undefined;
}

export function readSettings(config = new pulumi.Config(CONFIG_NAMESPACE)): Settings {
  // a secret typed in plain text (`pulumi config set` without --secret) sits unencrypted in Pulumi.<stack>.yaml
  for (const key of SECRET_KEYS) {
    if (config.get(key) !== undefined && isSecret(`${CONFIG_NAMESPACE}:${key}`) === false) {
      throw new SettingsError(`zhengyun:${key} is set in plain text: remove it and set it with \`pulumi config set --secret zhengyun:${key} ...\``);
    }
  }
  const image = config.require('image');
  if (/:latest$/.test(image) || !/[:@]/.test(image.split('/').at(-1)!)) throw new SettingsError('zhengyun:image must name a fixed tag or digest (not latest): upgrades and rollbacks are changes of this value');
  const namespace = config.get('namespace') ?? 'zhengyun';
  if (!DNS_LABEL.test(namespace)) throw new SettingsError('zhengyun:namespace must be a DNS label');

  const api = config.getObject<Record<string, any>>('api') ?? {};
  const worker = config.getObject<Record<string, any>>('worker') ?? {};
  const migration = config.getObject<Record<string, any>>('migration') ?? {};
  const ingress = config.requireObject<Record<string, any>>('ingress');
  const data = config.getObject<Record<string, any>>('data') ?? {};
  const db = config.getObject<Record<string, any>>('database') ?? {};
  const net = config.requireObject<Record<string, any>>('network');
  const prov = config.getObject<Record<string, any>>('provisioning') ?? {};

  const apiReplicas = int(api.replicas, 2, 'api.replicas', 2, 50);
  const backupCfg = (db.backup ?? {}) as Record<string, any>;
  const method = backupCfg.method ?? 'barmanObjectStore';
  let backup: Settings['database']['backup'];
  if (method === 'barmanObjectStore') {
    if (!backupCfg.destinationPath || !backupCfg.endpointURL) throw new SettingsError('zhengyun:database.backup needs destinationPath and endpointURL for barmanObjectStore');
    if (cidrs(backupCfg.objectStoreCidrs, 'database.backup.objectStoreCidrs').length === 0) {
      throw new SettingsError('zhengyun:database.backup.objectStoreCidrs: the database pods must reach the object store through the default-deny policy');
    }
    backup = {
      method,
      schedule: backupCfg.schedule ?? '0 0 2 * * *',
      retentionPolicy: backupCfg.retentionPolicy ?? '30d',
      destinationPath: String(backupCfg.destinationPath),
      endpointURL: String(backupCfg.endpointURL),
      objectStoreCidrs: cidrs(backupCfg.objectStoreCidrs, 'database.backup.objectStoreCidrs'),
      objectStorePort: int(backupCfg.objectStorePort, 443, 'database.backup.objectStorePort', 1, 65535),
    };
  } else if (method === 'volumeSnapshot') {
    backup = { method, schedule: backupCfg.schedule ?? '0 0 2 * * *', retentionPolicy: backupCfg.retentionPolicy ?? '30d', volumeSnapshotClass: backupCfg.volumeSnapshotClass ?? null };
  } else {
    throw new SettingsError('zhengyun:database.backup.method must be barmanObjectStore or volumeSnapshot');
  }
  if (!/^(\S+\s+){5}\S+$/.test(backup.schedule)) throw new SettingsError('zhengyun:database.backup.schedule is a six-field cron expression (seconds first), e.g. "0 0 2 * * *"');

  const apiServerCidrs = cidrs(net.apiServerCidrs, 'network.apiServerCidrs');
  if (apiServerCidrs.length === 0) throw new SettingsError('zhengyun:network.apiServerCidrs: CloudNativePG instances must reach the Kubernetes API through the default-deny policy');
  const driver = prov.driver ?? 'render';
  if (driver !== 'render' && driver !== 'pulumi') throw new SettingsError('zhengyun:provisioning.driver must be render or pulumi');
  if (!ingress.host) throw new SettingsError('zhengyun:ingress.host is required');

  const targetKubeconfig = config.getSecret('targetKubeconfig') ?? null;
  if (driver === 'pulumi' && !targetKubeconfig) throw new SettingsError('zhengyun:targetKubeconfig (secret) is required with the pulumi driver');
  const pulumiConfigPassphrase = config.getSecret('pulumiConfigPassphrase') ?? null;
  if (driver === 'pulumi' && !pulumiConfigPassphrase) throw new SettingsError('zhengyun:pulumiConfigPassphrase (secret) is required with the pulumi driver');

  const defaults = (cpu: string, memory: string, cpuLimit: string, memoryLimit: string): Resources => ({ requests: { cpu, memory }, limits: { cpu: cpuLimit, memory: memoryLimit } });
  return {
    stack: pulumi.getStack(),
    image,
    imagePullSecrets: (config.getObject<string[]>('imagePullSecrets') ?? []).map(String),
    namespace,
    logLevel: (config.get('logLevel') ?? 'info') as Settings['logLevel'],
    spreadPolicy: config.get('spreadPolicy') === 'ScheduleAnyway' ? 'ScheduleAnyway' : 'DoNotSchedule',
    api: {
      replicas: apiReplicas,
      maxReplicas: int(api.maxReplicas, Math.max(apiReplicas, 6), 'api.maxReplicas', apiReplicas, 100),
      targetCpuPercent: int(api.targetCpuPercent, 70, 'api.targetCpuPercent', 10, 100),
      resources: resources(api.resources, defaults('250m', '384Mi', '1', '768Mi'), 'api'),
      shutdownTimeoutSeconds: int(api.shutdownTimeoutSeconds, 20, 'api.shutdownTimeoutSeconds', 5, 600),
      preStopSeconds: int(api.preStopSeconds, 5, 'api.preStopSeconds', 0, 60),
      databasePoolMax: int(api.databasePoolMax, 10, 'api.databasePoolMax', 1, 100),
    },
    worker: {
      replicas: int(worker.replicas, 2, 'worker.replicas', 1, 50),
      concurrency: int(worker.concurrency, 2, 'worker.concurrency', 1, 32),
      resources: resources(worker.resources, defaults('250m', '384Mi', '1', '1Gi'), 'worker'),
      // long enough for a running Pulumi operation to finish before its job is handed back
      shutdownTimeoutSeconds: int(worker.shutdownTimeoutSeconds, 120, 'worker.shutdownTimeoutSeconds', 5, 3600),
      databasePoolMax: int(worker.databasePoolMax, 5, 'worker.databasePoolMax', 1, 100),
    },
    migration: {
      resources: resources(migration.resources, defaults('100m', '256Mi', '500m', '512Mi'), 'migration'),
      activeDeadlineSeconds: int(migration.activeDeadlineSeconds, 900, 'migration.activeDeadlineSeconds', 60, 86400),
    },
    ingress: {
      host: String(ingress.host),
      className: String(ingress.className ?? 'nginx'),
      tlsSecretName: ingress.tlsSecretName ? String(ingress.tlsSecretName) : null,
      annotations: (ingress.annotations ?? {}) as Record<string, string>,
    },
    data: { storageClass: data.storageClass ?? null, size: String(data.size ?? '20Gi') },
    database: {
      clusterName: String(db.clusterName ?? 'zhengyun-db'),
      instances: int(db.instances, 3, 'database.instances', 1, 9),
      imageName: String(db.imageName ?? 'ghcr.io/cloudnative-pg/postgresql:16'),
      storageSize: String(db.storageSize ?? '50Gi'),
      storageClass: db.storageClass ?? null,
      resources: resources(db.resources, defaults('500m', '1Gi', '2', '2Gi'), 'database'),
      maxConnections: int(db.maxConnections, 200, 'database.maxConnections', 50, 5000),
      backup,
    },
    network: {
      ingressControllerNamespace: String(net.ingressControllerNamespace ?? 'ingress-nginx'),
      monitoringNamespace: String(net.monitoringNamespace ?? 'monitoring'),
      dns: { namespace: String(net.dns?.namespace ?? 'kube-system'), podLabels: (net.dns?.podLabels ?? { 'k8s-app': 'kube-dns' }) as Record<string, string> },
      cnpgOperatorNamespace: String(net.cnpgOperatorNamespace ?? 'cnpg-system'),
      apiServerCidrs,
      apiServerPort: int(net.apiServerPort, 6443, 'network.apiServerPort', 1, 65535),
    },
    provisioning: {
      driver,
      jobRetryLimit: int(prov.jobRetryLimit, 2, 'provisioning.jobRetryLimit', 0, 20),
      jobExpireSeconds: int(prov.jobExpireSeconds, 900, 'provisioning.jobExpireSeconds', 60, 86400),
      targetApiCidrs: prov.targetApiCidrs ? cidrs(prov.targetApiCidrs, 'provisioning.targetApiCidrs') : apiServerCidrs,
      targetApiPort: int(prov.targetApiPort, Number(net.apiServerPort ?? 6443), 'provisioning.targetApiPort', 1, 65535),
    },
    secrets: {
      metricsToken: config.requireSecret('metricsToken'),
      bootstrapAdminPassword: config.requireSecret('bootstrapAdminPassword'),
      backup: method === 'barmanObjectStore' ? { accessKeyId: config.requireSecret('backupAccessKeyId'), secretAccessKey: config.requireSecret('backupSecretAccessKey') } : null,
      pulumiConfigPassphrase,
      targetKubeconfig,
    },
  };
}
