// A local HTTP receiver for webhook calls (node:http on 127.0.0.1) that checks each call's signature the way an
// office's relay would: HMAC-SHA256 of the raw body under the shared key, compared in constant time.
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedCall {
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: any;
  /** the signature header matches the body under the key the receiver was given */
  signed: boolean;
}

export interface WebhookPeer {
  url: string;
  calls: ReceivedCall[];
  /** the key the calls are checked with (set once the platform shows it) */
  secret: string;
  /** how the receiver answers: its status, and how long it waits first */
  answer: { status: number; delayMs: number };
  stop(): Promise<void>;
}

export function verifySignature(secret: string, raw: string, header: string | undefined): boolean {
  if (!header?.startsWith('sha256=')) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(raw, 'utf8').digest('hex'), 'utf8');
  const given = Buffer.from(header.slice('sha256='.length), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function startWebhookPeer(): Promise<WebhookPeer> {
  const peer: Omit<WebhookPeer, 'url' | 'stop'> = { calls: [], secret: '', answer: { status: 200, delayMs: 0 } };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => {
      const header = req.headers['x-zhengyun-signature'];
      peer.calls.push({ headers: req.headers, raw, body: JSON.parse(raw), signed: verifySignature(peer.secret, raw, typeof header === 'string' ? header : undefined) });
      const { status, delayMs } = peer.answer;
      setTimeout(() => {
        if (!res.destroyed) res.writeHead(status, { 'Content-Type': 'text/plain' }).end(status < 300 ? 'ok' : 'relay unavailable');
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/robot`;
  return Object.assign(peer, {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  }) as WebhookPeer;
}
