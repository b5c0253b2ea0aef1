// A real SMTP server on loopback (smtp-server) that parses what it receives (mailparser): the peer the e-mail
// channel is proven against. With a certificate it offers STARTTLS; each mail remembers whether its session was
// encrypted. A port can be reserved first (closed: "the server is down") and the server started on it later.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { until } from './wait.js';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  from: string;
  /** the session had been upgraded with STARTTLS */
  secure: boolean;
}

/** A port nothing listens on (yet). */
export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** A self-signed certificate for 127.0.0.1 / localhost (openssl), for a server offering STARTTLS. */
export function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zy-smtp-cert-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
    return { key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem')) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface SmtpPeer {
  port: number;
  mails: ReceivedMail[];
  /** the first mail to `address` whose subject contains `subject` (waits for it) */
  mailTo(address: string, subject: string, ms?: number): Promise<ReceivedMail>;
  stop(): Promise<void>;
}

export async function startSmtpPeer(port: number, tls?: { key: Buffer; cert: Buffer }): Promise<SmtpPeer> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(tls ? { key: tls.key, cert: tls.cert } : {}),
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((m: ParsedMail) => {
          const to = (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).flatMap((a) => a.value.map((v) => v.address ?? ''));
          mails.push({ to, subject: m.subject ?? '', text: m.text ?? '', from: m.from?.text ?? '', secure: session.secure });
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port,
    mails,
    mailTo: (address, subject, ms = 30_000) => until(`a mail to ${address} about ${subject}`, () => mails.find((m) => m.to.includes(address) && m.subject.includes(subject)), ms),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
