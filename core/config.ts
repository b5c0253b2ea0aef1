// Configuration is read once, validated here, and the process exits with a clear message when it is wrong. The
// settings of single sign-on, the audit keys, the hardening and the notifications live in ./config/, one file each.
import path from 'node:path';
import { z } from 'zod';
import type { MonthDay } from './calendar/working-days.js';
import { auditKeyEnv, auditKeysFrom, type AuditKeyConfig } from './config/audit-keys.js';
import { boolFromEnv, cronOrOff } from './config/env.js';
import { hardeningEnv, hardeningFrom, type HardeningConfig } from './config/hardening.js';
import { notificationEnv, notificationsFrom, remindersFrom, type NotificationConfig, type ReminderSettings } from './config/notifications.js';
import { oidcEnv, oidcFrom, oidcProblems, type OidcConfig } from './config/oidc.js';

export type { ArchiveLimits, HardeningConfig } from './config/hardening.js';
export { DEFAULT_HARDENING } from './config/hardening.js';
export type { AuditKeyConfig } from './config/audit-keys.js';
export type { NotificationConfig, ReminderSettings } from './config/notifications.js';
export type { OidcConfig } from './config/oidc.js';

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL')
    .optional(),
  /** Seed demo organisations and accounts. Defaults to true on the embedded database, false on PostgreSQL. */
  DEMO_MODE: boolFromEnv.optional(),
  DEMO_PASSWORD: z.string().min(1).default('Zhengyun@2026'),
  /** Outside demo mode: creates the three administrator accounts on first start when no account exists. */
  BOOTSTRAP_ADMIN_PASSWORD: z.string().optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(72).default(12),
  /** Sign-in throttling (accounts/signin-throttle.ts; README "Sign-in that resists abuse"). */
  SIGNIN_THROTTLE_AFTER: z.coerce.number().int().min(1).max(100).default(5),
  SIGNIN_ADDRESS_THROTTLE_AFTER: z.coerce.number().int().min(1).max(10_000).default(30),
  SIGNIN_ACCOUNT_THROTTLE_AFTER: z.coerce.number().int().min(1).max(100_000).default(100),
  SIGNIN_THROTTLE_BASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  SIGNIN_THROTTLE_MAX_SECONDS: z.coerce.number().int().min(1).max(24 * 3600).default(900),
  SIGNIN_THROTTLE_WINDOW_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(60),
  SIGNIN_KNOWN_ADDRESS_DAYS: z.coerce.number().int().min(0).max(365).default(30),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: boolFromEnv.default(false),
  /** Pool size for PostgreSQL connections (the embedded database always uses its own multiplexed socket). */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /** where stored files (uploaded documents, rendered manifests) are kept: database (table stored_file); core/files/store.ts */
  ZY_FILE_STORE: z.enum(['database']).default('database'),
  /** render: write manifests to DATA_DIR/rendered (embedded default); pulumi: the Automation API */
  PROVISIONING_DRIVER: z.enum(['render', 'pulumi']).default('render'),
  /** run provisioning workers inside the API process (false when a separate `worker` process runs them) */
  RUN_WORKERS: boolFromEnv.default(true),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
  /** a job whose worker died is handed out again after this many seconds */
  JOB_EXPIRE_SECONDS: z.coerce.number().int().min(1).max(86400).default(900),
  JOB_RETRY_LIMIT: z.coerce.number().int().min(0).max(20).default(2),
  /** how often the queue looks for jobs whose worker vanished */
  JOB_SUPERVISE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** how often a worker marks the job it runs as alive (provisioners/heartbeat.ts) */
  JOB_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(300).default(5),
  /** a running job whose heartbeat is older than this is taken as its worker's death and retried */
  JOB_HEARTBEAT_TIMEOUT_SECONDS: z.coerce.number().int().min(2).max(3600).default(30),
  /** Pulumi state backend; default file://DATA_DIR/pulumi-state */
  PULUMI_BACKEND_URL: z.string().optional(),
  PULUMI_CONFIG_PASSPHRASE: z.string().optional(),
  /** kubeconfig of the target cluster: used by the Pulumi driver and by status sync */
  KUBECONFIG: z.string().optional(),
  /** when every provisioned tenant is checked for drift (cron, Asia/Shanghai, at most once a minute); "off": never */
  DRIFT_CHECK_CRON: z
    .string()
    .regex(/^(off|(\S+\s+){4}\S+)$/, 'a five-field cron expression such as "*/15 * * * *", or off')
    .default('*/15 * * * *'),
  /** how long a database's final backup may take before deprovisioning gives up (and removes nothing) */
  FINAL_BACKUP_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(24 * 3600).default(1800),
  /** the registry VM boot images are pulled from (containerDisk / CDI registry source) */
  /** what this process is: the HTTP API (workers in-process unless RUN_WORKERS=false), a dedicated job worker,
   *  or a one-off migration run (the Kubernetes migration Job); see api/main.ts */
  ZHENGYUN_ROLE: z.enum(['api', 'worker', 'migrate']).default('api'),
  /** apply pending migrations at start; false (replicas behind a migration Job): refuse to start until they are applied */
  MIGRATE_ON_START: boolFromEnv.default(true),
  /** on SIGTERM: how long in-flight requests and running jobs get before connections are closed and jobs handed back */
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(20),
  /** bearer token that GET /metrics requires; unset: /metrics is open (keep it off the public ingress) */
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  /** Art. 21: the day of the year after each budget year by which its self-evaluation is due, MM-DD (a day off moves it to the next working day) */
  ZY_SELF_EVALUATION_DUE: z
    .string()
    .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a month and day MM-DD such as 03-31')
    .refine((v) => v !== '02-29' && !Number.isNaN(Date.parse(`2001-${v}T00:00:00Z`)) && new Date(`2001-${v}T00:00:00Z`).toISOString().slice(5, 10) === v, 'a day that exists in every year (not 02-29)')
    .default('03-31'),
  /** how long an Idempotency-Key is remembered (its answer replayed) after the first request; api/idempotency.ts */
  ZY_IDEMPOTENCY_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(24),
  /** when expired Idempotency-Keys are deleted (cron, Asia/Shanghai; api/idempotency-sweep.ts); "off": only at start and when next used */
  ZY_IDEMPOTENCY_SWEEP_CRON: z
    .string()
    .regex(/^(off|(\S+\s+){4}\S+)$/, 'a five-field cron expression such as "17 * * * *", or off')
    .default('17 * * * *'),
  /** how long a retry waits for the first request with its key to finish before answering 409 IDEMPOTENCY_KEY_IN_FLIGHT */
  ZY_IDEMPOTENCY_WAIT_SECONDS: z.coerce.number().min(0.1).max(300).default(30),
  VM_IMAGE_BASE: z.string().regex(/^[a-z0-9.-]+(:[0-9]+)?(\/[a-z0-9._-]+)*$/, 'a registry path such as registry.example.gov.cn/vm-images').default('registry.zhengyun.internal/vm-images'),
  ...notificationEnv,
  ...oidcEnv,
  ...auditKeyEnv,
  ...hardeningEnv,
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  port: number;
  host: string;
  dataDir: string;
  /** where stored files are kept (core/files/store.ts) */
  fileStore: 'database';
  databaseUrl: string | undefined;
  embedded: boolean;
  demoMode: boolean;
  demoPassword: string;
  bootstrapAdminPassword: string | undefined;
  session: { idleMinutes: number; maxHours: number };
  signinThrottle: {
    /** failures of one username from one address before that pair waits */
    after: number;
    /** failures from one address (any usernames) before the address waits */
    addressAfter: number;
    /** failures of one username (any addresses) before addresses it never signed in from wait */
    accountAfter: number;
    baseSeconds: number;
    maxSeconds: number;
    windowMinutes: number;
    /** an address the account signed in from this many days back is exempt from the account-wide budget */
    knownAddressDays: number;
  };
  logLevel: Env['LOG_LEVEL'];
  trustProxy: boolean;
  databasePoolMax: number;
  role: Env['ZHENGYUN_ROLE'];
  migrateOnStart: boolean;
  shutdownTimeoutSeconds: number;
  metricsToken: string | undefined;
  /** Art. 21: MM-DD of the year after a budget year by which its self-evaluation is due */
  selfEvaluationDue: MonthDay;
  notifications: NotificationConfig;
  /** the scheduled reminders of open deadlines (notifications/reminder-sweep.ts) */
  reminders: ReminderSettings;
  /** Idempotency-Key: how long a key is remembered, how long a retry waits for the first request (api/idempotency.ts) */
  idempotency: { ttlHours: number; waitSeconds: number; sweepCron: string | null };
  /** single sign-on (OpenID Connect); null: off, passwords only */
  oidc: OidcConfig | null;
  /** audit chain keys and signed checkpoints (core/audit/keys.ts, core/audit/checkpoints.ts) */
  audit: AuditKeyConfig;
  /** README "Hardening": headers, archive limits, imports at once per user */
  hardening: HardeningConfig;
  provisioning: {
    driver: 'render' | 'pulumi';
    runWorkers: boolean;
    workerConcurrency: number;
    jobExpireSeconds: number;
    jobRetryLimit: number;
    jobSuperviseSeconds: number;
    /** how often a running job's heartbeat is written, and after how long without one its worker is taken as dead */
    jobHeartbeatSeconds: number;
    jobHeartbeatTimeoutSeconds: number;
    pulumiBackendUrl: string;
    pulumiPassphrase: string | undefined;
    kubeconfig: string | undefined;
    vmImageBase: string;
    /** null: no scheduled drift checks */
    driftCheckCron: string | null;
    finalBackupTimeoutSeconds: number;
  };
}

export class ConfigError extends Error {}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const embedded = !e.DATABASE_URL;
  const demoMode = e.DEMO_MODE ?? embedded;
  if (e.PROVISIONING_DRIVER === 'pulumi' && !e.PULUMI_CONFIG_PASSPHRASE && !e.PULUMI_BACKEND_URL) {
    throw new ConfigError('Invalid configuration:\n  PULUMI_CONFIG_PASSPHRASE: required with the pulumi driver on the file:// state backend');
  }
  if (e.NODE_ENV === 'production' && demoMode && !source.DEMO_PASSWORD) {
    throw new ConfigError('Invalid configuration:\n  DEMO_PASSWORD: required when DEMO_MODE is on in production');
  }
  const problems = oidcProblems(e);
  if (problems.length) throw new ConfigError(`Invalid configuration:\n  ${problems[0]}`);
  const publicUrl = e.ZY_PUBLIC_URL.replace(/\/+$/, '');
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    fileStore: e.ZY_FILE_STORE,
    databaseUrl: e.DATABASE_URL,
    embedded,
    demoMode,
    demoPassword: e.DEMO_PASSWORD,
    bootstrapAdminPassword: e.BOOTSTRAP_ADMIN_PASSWORD,
    session: { idleMinutes: e.SESSION_IDLE_MINUTES, maxHours: e.SESSION_MAX_HOURS },
    signinThrottle: {
      after: e.SIGNIN_THROTTLE_AFTER,
      addressAfter: e.SIGNIN_ADDRESS_THROTTLE_AFTER,
      accountAfter: e.SIGNIN_ACCOUNT_THROTTLE_AFTER,
      baseSeconds: e.SIGNIN_THROTTLE_BASE_SECONDS,
      maxSeconds: Math.max(e.SIGNIN_THROTTLE_MAX_SECONDS, e.SIGNIN_THROTTLE_BASE_SECONDS),
      windowMinutes: e.SIGNIN_THROTTLE_WINDOW_MINUTES,
      knownAddressDays: e.SIGNIN_KNOWN_ADDRESS_DAYS,
    },
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    databasePoolMax: e.DATABASE_POOL_MAX,
    role: e.ZHENGYUN_ROLE,
    migrateOnStart: e.MIGRATE_ON_START,
    shutdownTimeoutSeconds: e.SHUTDOWN_TIMEOUT_SECONDS,
    metricsToken: e.METRICS_TOKEN,
    selfEvaluationDue: e.ZY_SELF_EVALUATION_DUE as MonthDay,
    notifications: notificationsFrom(e, publicUrl),
    reminders: remindersFrom(e),
    idempotency: { ttlHours: e.ZY_IDEMPOTENCY_TTL_HOURS, waitSeconds: e.ZY_IDEMPOTENCY_WAIT_SECONDS, sweepCron: cronOrOff(e.ZY_IDEMPOTENCY_SWEEP_CRON) },
    oidc: oidcFrom(e, publicUrl),
    audit: auditKeysFrom(e, e.DATA_DIR),
    hardening: hardeningFrom(e),
    provisioning: {
      driver: e.PROVISIONING_DRIVER,
      runWorkers: e.RUN_WORKERS,
      workerConcurrency: e.WORKER_CONCURRENCY,
      jobExpireSeconds: e.JOB_EXPIRE_SECONDS,
      jobRetryLimit: e.JOB_RETRY_LIMIT,
      jobSuperviseSeconds: e.JOB_SUPERVISE_SECONDS,
      jobHeartbeatSeconds: e.JOB_HEARTBEAT_SECONDS,
      jobHeartbeatTimeoutSeconds: Math.max(e.JOB_HEARTBEAT_TIMEOUT_SECONDS, 2 * e.JOB_HEARTBEAT_SECONDS),
      pulumiBackendUrl: e.PULUMI_BACKEND_URL ?? `file://${path.join(path.resolve(e.DATA_DIR), 'pulumi-state')}`,
      pulumiPassphrase: e.PULUMI_CONFIG_PASSPHRASE,
      kubeconfig: e.KUBECONFIG,
      vmImageBase: e.VM_IMAGE_BASE,
      driftCheckCron: cronOrOff(e.DRIFT_CHECK_CRON),
      finalBackupTimeoutSeconds: e.FINAL_BACKUP_TIMEOUT_SECONDS,
    },
  };
}

/** For a process entry point: the configuration, or its message on stderr and exit code 2 when it is invalid. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
}
