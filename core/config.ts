// Configuration is read once, validated here, and the process exits with a clear message when it is wrong.
import path from 'node:path';
import { z } from 'zod';
import type { MonthDay } from './calendar/working-days.js';

const boolFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

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
  /** the console's public address: the links in e-mails and webhook messages start with it */
  ZY_PUBLIC_URL: z.string().url().regex(/^https?:\/\//, 'an http(s):// URL').default('http://localhost:3000'),
  /** the SMTP server e-mails go through, smtp://user:password@host:587 or smtps://…:465; unset: no e-mail is sent */
  ZY_SMTP_URL: z.string().regex(/^smtps?:\/\/[^\s]+$/, 'an smtp:// or smtps:// URL').optional(),
  /** the sender of the platform's e-mails */
  ZY_SMTP_FROM: z.string().min(3).default('政云平台 <noreply@zhengyun.gov.cn>'),
  /** refuse to send unless the server upgrades the connection with STARTTLS (smtp:// URLs) */
  ZY_SMTP_REQUIRE_TLS: boolFromEnv.default(false),
  /** false only for tests against a server with a self-signed certificate */
  ZY_SMTP_TLS_REJECT_UNAUTHORIZED: boolFromEnv.default(true),
  /** connecting to, greeting by and each command of the SMTP server may take this long */
  ZY_SMTP_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(300).default(15),
  /** how long a webhook receiver may take to answer */
  ZY_WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().min(0.1).max(120).default(5),
  /** allow webhook URLs on loopback, link-local and private addresses (tests, a relay inside the government network) */
  ZY_WEBHOOK_ALLOW_PRIVATE: boolFromEnv.default(false),
  /** a failed e-mail or webhook call is tried again this many times, with backoff from the delay below */
  ZY_DELIVERY_RETRY_LIMIT: z.coerce.number().int().min(0).max(20).default(5),
  ZY_DELIVERY_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** when the daily digests are sent (cron, Asia/Shanghai), or off */
  ZY_DIGEST_CRON: z
    .string()
    .regex(/^(off|(\S+\s+){4}\S+)$/, 'a five-field cron expression such as "0 8 * * *", or off')
    .default('0 8 * * *'),
  /** when the reminder sweep runs (cron, Asia/Shanghai; notifications/reminder-sweep.ts): 08:00 and a 14:00 catch-up; "off": never */
  ZY_REMINDER_CRON: z
    .string()
    .regex(/^(off|(\S+\s+){4}\S+)$/, 'a five-field cron expression such as "0 8,14 * * *", or off')
    .default('0 8,14 * * *'),
  /** the working days ahead of a deadline its owner is reminded on, comma-separated (e.g. 3,1) */
  ZY_REMINDER_DAYS_AHEAD: z
    .string()
    .regex(/^\s*\d{1,2}\s*(,\s*\d{1,2}\s*)*$/, 'working days as comma-separated whole numbers such as 3,1')
    .transform((v) => [...new Set(v.split(',').map((n) => Number(n.trim())))].sort((a, b) => b - a))
    .refine((days) => days.every((n) => n >= 1 && n <= 60), 'each between 1 and 60 working days')
    .default([3, 1]),
  /** an obligation overdue for more than this many working days is reported to the supervising authority (GIA) */
  ZY_REMINDER_ESCALATE_AFTER: z.coerce.number().int().min(0).max(60).default(3),
  /** how long an Idempotency-Key is remembered (its answer replayed) after the first request; api/idempotency.ts */
  ZY_IDEMPOTENCY_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(24),
  /** when expired Idempotency-Keys are deleted (cron, Asia/Shanghai; api/idempotency-sweep.ts); "off": only at start and when next used */
  ZY_IDEMPOTENCY_SWEEP_CRON: z
    .string()
    .regex(/^(off|(\S+\s+){4}\S+)$/, 'a five-field cron expression such as "17 * * * *", or off')
    .default('17 * * * *'),
  /** how long a retry waits for the first request with its key to finish before answering 409 IDEMPOTENCY_KEY_IN_FLIGHT */
  ZY_IDEMPOTENCY_WAIT_SECONDS: z.coerce.number().min(0.1).max(300).default(30),
  /** Single sign-on with the city's identity platform (OpenID Connect; accounts/oidc.ts, README "Single sign-on"); off unless issuer and client id are set */
  OIDC_ISSUER: z.string().url().regex(/^https?:\/\//, 'an http(s):// URL').optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  /** unset: a public client (PKCE only, no client authentication) */
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** where the provider sends the browser back; default ZY_PUBLIC_URL + /api/auth/oidc/callback */
  OIDC_REDIRECT_URI: z.string().url().regex(/^https?:\/\//, 'an http(s):// URL').optional(),
  OIDC_SCOPES: z
    .string()
    .regex(/^[\x21-\x7e]+( [\x21-\x7e]+)*$/, 'scopes separated by single spaces')
    .refine((v) => v.split(' ').includes('openid'), 'must include openid')
    .default('openid profile'),
  /** the ID token claim that names the user at the provider */
  OIDC_USER_CLAIM: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'a claim name such as preferred_username or sub').default('preferred_username'),
  /** what the claim is matched against: the account's username, or its external id (app_user.externalId) */
  OIDC_MATCH: z.enum(['username', 'externalId']).default('username'),
  /** a claim with the organisation code; when set, an account signs in only if its organisation's code equals it */
  OIDC_ORG_CLAIM: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'a claim name such as org_code').optional(),
  /** with single sign-on on: who may still sign in with a password (all accounts, or only the three administrators) */
  OIDC_PASSWORD_SIGNIN: z.enum(['all', 'administrators']).default('all'),
  /** accept an issuer on plain http:// (tests, a provider on loopback); never in production */
  OIDC_ALLOW_HTTP: boolFromEnv.default(false),
  /** the label of the sign-in page's button */
  OIDC_DISPLAY_NAME: z.string().min(1).max(40).default('统一身份认证登录'),
  /** Audit chain keys (README "Audit chain keys and checkpoints"): id=hex pairs, comma-separated, each key at least
   *  32 bytes (64 hex digits); set: the key file is not read. The last is the current one unless ZY_AUDIT_KEY_ID names another. */
  ZY_AUDIT_KEYS: z
    .string()
    .regex(/^\s*[A-Za-z0-9._-]{1,32}=[0-9a-fA-F]{64,128}\s*(,\s*[A-Za-z0-9._-]{1,32}=[0-9a-fA-F]{64,128}\s*)*$/, 'id=key pairs such as k2=<64 hex digits>, comma-separated')
    .optional(),
  /** the file of audit chain keys (lines "id hex"); default DATA_DIR/audit-keys/hmac.keys, made on first start when missing */
  ZY_AUDIT_KEY_FILE: z.string().min(1).optional(),
  /** the key id new audit records are hashed with; default the last key listed */
  ZY_AUDIT_KEY_ID: z.string().regex(/^[A-Za-z0-9._-]{1,32}$/, 'letters, digits, dot, dash or underscore (at most 32)').optional(),
  /** the Ed25519 private key (PKCS#8 PEM) that signs checkpoints; default DATA_DIR/audit-keys/checkpoint-ed25519.pem, made when missing */
  ZY_AUDIT_SIGNING_KEY_FILE: z.string().min(1).optional(),
  /** the append-only file (JSON lines) checkpoints are written to; default DATA_DIR/audit-checkpoints.jsonl */
  ZY_AUDIT_CHECKPOINT_FILE: z.string().min(1).optional(),
  /** minutes between checkpoints written by the API process (one is also written at start); 0: only at start and on demand */
  ZY_AUDIT_CHECKPOINT_MINUTES: z.coerce.number().int().min(0).max(24 * 60).default(15),
  /** HSTS max-age in seconds, sent only when the platform is reached over TLS (behind a TLS-terminating proxy); 0: no HSTS header */
  ZY_HSTS_MAX_AGE_SECONDS: z.coerce.number().int().min(0).max(2 * 365 * 24 * 3600).default(0),
  /** zip-based uploads and imports (docx, xlsx, zip…): at most this many MiB once inflated, this inflated/compressed ratio, this many entries, archives nested this deep (core/files/archive-inspection.ts) */
  ZY_ARCHIVE_MAX_UNCOMPRESSED_MB: z.coerce.number().int().min(1).max(4096).default(200),
  ZY_ARCHIVE_MAX_RATIO: z.coerce.number().int().min(2).max(10_000).default(100),
  ZY_ARCHIVE_MAX_ENTRIES: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  ZY_ARCHIVE_MAX_DEPTH: z.coerce.number().int().min(0).max(5).default(1),
  /** spreadsheet imports (previews included) one user may run at once; a further one is 429 IMPORT_BUSY */
  ZY_IMPORT_CONCURRENCY_PER_USER: z.coerce.number().int().min(1).max(32).default(2),
  VM_IMAGE_BASE: z.string().regex(/^[a-z0-9.-]+(:[0-9]+)?(\/[a-z0-9._-]+)*$/, 'a registry path such as registry.example.gov.cn/vm-images').default('registry.zhengyun.internal/vm-images'),
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

/** Single sign-on with the city's identity platform (accounts/oidc.ts). */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  /** undefined: a public client (PKCE, no client authentication) */
  clientSecret: string | undefined;
  redirectUri: string;
  scopes: string;
  /** the ID token claim that names the user */
  userClaim: string;
  /** matched against the account's username or its external id */
  match: 'username' | 'externalId';
  /** the claim the account's organisation code must equal, when set */
  orgClaim: string | undefined;
  /** who may still sign in with a password while single sign-on is on */
  passwordSignIn: 'all' | 'administrators';
  allowHttp: boolean;
  displayName: string;
}

export interface HardeningConfig {
  /** 0: no Strict-Transport-Security */
  hstsMaxAgeSeconds: number;
  archive: ArchiveLimits;
  importConcurrencyPerUser: number;
}

/** What a zip-based file may hold (core/files/archive-inspection.ts). */
export interface ArchiveLimits {
  maxUncompressedBytes: number;
  maxRatio: number;
  maxEntries: number;
  /** archives inside the archive: 0 none allowed, 1 one level… */
  maxDepth: number;
}

export const DEFAULT_HARDENING: HardeningConfig = {
  hstsMaxAgeSeconds: 0,
  archive: { maxUncompressedBytes: 200 * 1024 * 1024, maxRatio: 100, maxEntries: 10_000, maxDepth: 1 },
  importConcurrencyPerUser: 2,
};

/** The channels notifications go out by (notifications/channels/). */
export interface NotificationConfig {
  publicUrl: string;
  /** null: no SMTP server configured, no e-mail is written */
  smtp: { url: string; from: string; requireTls: boolean; rejectUnauthorized: boolean; timeoutMs: number } | null;
  webhook: { timeoutMs: number; allowPrivate: boolean };
  retryLimit: number;
  retryDelaySeconds: number;
  /** null: no digests */
  digestCron: string | null;
}

export interface AuditKeyConfig {
  /** keys given in the environment (id → hex), in the order listed; null: the key file holds them */
  keys: { id: string; hex: string }[] | null;
  keyFile: string;
  /** null: the last key listed */
  currentKeyId: string | null;
  signingKeyFile: string;
  checkpointFile: string;
  /** 0: no periodic checkpoints */
  checkpointMinutes: number;
}

export interface ReminderSettings {
  /** null: no scheduled sweep */
  cron: string | null;
  /** working days ahead, descending (e.g. [3, 1]) */
  daysAhead: number[];
  /** overdue for more than this many working days: escalated to the supervising authority */
  escalateAfter: number;
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
  if (Boolean(e.OIDC_ISSUER) !== Boolean(e.OIDC_CLIENT_ID)) {
    throw new ConfigError(`Invalid configuration:\n  ${e.OIDC_ISSUER ? 'OIDC_CLIENT_ID' : 'OIDC_ISSUER'}: required for single sign-on (set both OIDC_ISSUER and OIDC_CLIENT_ID, or neither)`);
  }
  if (e.OIDC_ISSUER?.startsWith('http://') && !e.OIDC_ALLOW_HTTP) {
    throw new ConfigError('Invalid configuration:\n  OIDC_ISSUER: must be an https:// URL (OIDC_ALLOW_HTTP=true accepts http:// for tests)');
  }
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
    notifications: {
      publicUrl,
      smtp: e.ZY_SMTP_URL
        ? { url: e.ZY_SMTP_URL, from: e.ZY_SMTP_FROM, requireTls: e.ZY_SMTP_REQUIRE_TLS, rejectUnauthorized: e.ZY_SMTP_TLS_REJECT_UNAUTHORIZED, timeoutMs: e.ZY_SMTP_TIMEOUT_SECONDS * 1000 }
        : null,
      webhook: { timeoutMs: Math.round(e.ZY_WEBHOOK_TIMEOUT_SECONDS * 1000), allowPrivate: e.ZY_WEBHOOK_ALLOW_PRIVATE },
      retryLimit: e.ZY_DELIVERY_RETRY_LIMIT,
      retryDelaySeconds: e.ZY_DELIVERY_RETRY_DELAY_SECONDS,
      digestCron: e.ZY_DIGEST_CRON === 'off' ? null : e.ZY_DIGEST_CRON,
    },
    reminders: { cron: e.ZY_REMINDER_CRON === 'off' ? null : e.ZY_REMINDER_CRON, daysAhead: e.ZY_REMINDER_DAYS_AHEAD, escalateAfter: e.ZY_REMINDER_ESCALATE_AFTER },
    idempotency: { ttlHours: e.ZY_IDEMPOTENCY_TTL_HOURS, waitSeconds: e.ZY_IDEMPOTENCY_WAIT_SECONDS, sweepCron: e.ZY_IDEMPOTENCY_SWEEP_CRON === 'off' ? null : e.ZY_IDEMPOTENCY_SWEEP_CRON },
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID
        ? {
            issuer: e.OIDC_ISSUER,
            clientId: e.OIDC_CLIENT_ID,
            clientSecret: e.OIDC_CLIENT_SECRET,
            redirectUri: e.OIDC_REDIRECT_URI ?? `${publicUrl}/api/auth/oidc/callback`,
            scopes: e.OIDC_SCOPES,
            userClaim: e.OIDC_USER_CLAIM,
            match: e.OIDC_MATCH,
            orgClaim: e.OIDC_ORG_CLAIM,
            passwordSignIn: e.OIDC_PASSWORD_SIGNIN,
            allowHttp: e.OIDC_ALLOW_HTTP,
            displayName: e.OIDC_DISPLAY_NAME,
          }
        : null,
    audit: {
      keys: e.ZY_AUDIT_KEYS
        ? e.ZY_AUDIT_KEYS.split(',').map((pair) => {
            const [id, hex] = pair.trim().split('=') as [string, string];
            return { id, hex: hex.toLowerCase() };
          })
        : null,
      keyFile: path.resolve(e.ZY_AUDIT_KEY_FILE ?? path.join(e.DATA_DIR, 'audit-keys', 'hmac.keys')),
      currentKeyId: e.ZY_AUDIT_KEY_ID ?? null,
      signingKeyFile: path.resolve(e.ZY_AUDIT_SIGNING_KEY_FILE ?? path.join(e.DATA_DIR, 'audit-keys', 'checkpoint-ed25519.pem')),
      checkpointFile: path.resolve(e.ZY_AUDIT_CHECKPOINT_FILE ?? path.join(e.DATA_DIR, 'audit-checkpoints.jsonl')),
      checkpointMinutes: e.ZY_AUDIT_CHECKPOINT_MINUTES,
    },
    hardening: {
      hstsMaxAgeSeconds: e.ZY_HSTS_MAX_AGE_SECONDS,
      archive: {
        maxUncompressedBytes: e.ZY_ARCHIVE_MAX_UNCOMPRESSED_MB * 1024 * 1024,
        maxRatio: e.ZY_ARCHIVE_MAX_RATIO,
        maxEntries: e.ZY_ARCHIVE_MAX_ENTRIES,
        maxDepth: e.ZY_ARCHIVE_MAX_DEPTH,
      },
      importConcurrencyPerUser: e.ZY_IMPORT_CONCURRENCY_PER_USER,
    },
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
      driftCheckCron: e.DRIFT_CHECK_CRON === 'off' ? null : e.DRIFT_CHECK_CRON,
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
