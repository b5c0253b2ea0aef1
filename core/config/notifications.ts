// Settings of the notifications' channels (notifications/channels/) and the reminder sweep (notifications/reminder-sweep.ts).
import { z } from 'zod';
import { boolFromEnv, cronOrOff } from './env.js';

export const notificationEnv = {
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
};

type NotificationEnv = z.infer<z.ZodObject<typeof notificationEnv>>;

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

export interface ReminderSettings {
  /** null: no scheduled sweep */
  cron: string | null;
  /** working days ahead, descending (e.g. [3, 1]) */
  daysAhead: number[];
  /** overdue for more than this many working days: escalated to the supervising authority */
  escalateAfter: number;
}

/** The channels' settings; `publicUrl` without a trailing slash. */
export function notificationsFrom(e: NotificationEnv, publicUrl: string): NotificationConfig {
  return {
    publicUrl,
    smtp: e.ZY_SMTP_URL
      ? { url: e.ZY_SMTP_URL, from: e.ZY_SMTP_FROM, requireTls: e.ZY_SMTP_REQUIRE_TLS, rejectUnauthorized: e.ZY_SMTP_TLS_REJECT_UNAUTHORIZED, timeoutMs: e.ZY_SMTP_TIMEOUT_SECONDS * 1000 }
      : null,
    webhook: { timeoutMs: Math.round(e.ZY_WEBHOOK_TIMEOUT_SECONDS * 1000), allowPrivate: e.ZY_WEBHOOK_ALLOW_PRIVATE },
    retryLimit: e.ZY_DELIVERY_RETRY_LIMIT,
    retryDelaySeconds: e.ZY_DELIVERY_RETRY_DELAY_SECONDS,
    digestCron: cronOrOff(e.ZY_DIGEST_CRON),
  };
}

export function remindersFrom(e: NotificationEnv): ReminderSettings {
  return { cron: cronOrOff(e.ZY_REMINDER_CRON), daysAhead: e.ZY_REMINDER_DAYS_AHEAD, escalateAfter: e.ZY_REMINDER_ESCALATE_AFTER };
}
