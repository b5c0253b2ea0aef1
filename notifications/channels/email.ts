// E-mail through the configured SMTP server (nodemailer): STARTTLS required when configured, timeouts on every
// step. The password in ZY_SMTP_URL is never logged nor stored in a delivery's error.
import { isIP } from 'node:net';
import nodemailer from 'nodemailer';
import type { NotificationConfig } from '../../core/config.js';

type Smtp = NonNullable<NotificationConfig['smtp']>;

/** The SMTP URL without its password, for logs. */
export function redactedSmtpUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'smtp://(unreadable)';
  }
}

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export function createMailer(smtp: Smtp) {
  const u = new URL(smtp.url);
  const secure = u.protocol === 'smtps:';
  const transport = nodemailer.createTransport({
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    requireTLS: smtp.requireTls,
    auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : undefined,
    tls: { rejectUnauthorized: smtp.rejectUnauthorized, ...(isIP(u.hostname) ? {} : { servername: u.hostname }) },
    connectionTimeout: smtp.timeoutMs,
    greetingTimeout: smtp.timeoutMs,
    socketTimeout: smtp.timeoutMs,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    async send(mail: Mail): Promise<void> {
      try {
        await transport.sendMail({ from: smtp.from, to: mail.to, subject: mail.subject, text: mail.text });
      } catch (err) {
        // the server's or the socket's message; the configured password never appears in it, checked anyway
        const message = err instanceof Error ? err.message : String(err);
        throw new Error(u.password ? message.split(decodeURIComponent(u.password)).join('***') : message);
      }
    },
    close: () => transport.close(),
  };
}

export type Mailer = ReturnType<typeof createMailer>;
