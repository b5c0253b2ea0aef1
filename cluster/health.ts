// Probing etcd and the API server over loopback.
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { Pki } from './pki.js';

export interface Probe {
  ok: boolean;
  status?: number;
  body: string;
}

function get(url: string, tls?: Pki): Promise<Probe> {
  return new Promise((resolve) => {
    const opts = tls
      ? { ca: fs.readFileSync(tls.caCert), cert: fs.readFileSync(tls.adminCert), key: fs.readFileSync(tls.adminKey) }
      : {};
    const req = (tls ? https : http).get(url, { ...opts, timeout: 3000 }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ ok: res.statusCode === 200, status: res.statusCode, body: body.trim() }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ ok: false, body: e.message }));
  });
}

export async function etcdHealth(port: number): Promise<Probe> {
  const p = await get(`http://127.0.0.1:${port}/health`);
  return { ...p, ok: p.ok && /"health":\s*"true"/.test(p.body) };
}

/** GET /readyz?verbose as the admin user */
export function apiserverReady(port: number, pki: Pki, verbose = false): Promise<Probe> {
  return get(`https://127.0.0.1:${port}/readyz${verbose ? '?verbose' : ''}`, pki);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** polls `probe` until ok, `alive()` turns false, or the timeout; returns the last probe */
export async function waitFor(probe: () => Promise<Probe>, alive: () => boolean, timeoutMs: number): Promise<Probe> {
  const deadline = Date.now() + timeoutMs;
  let last: Probe = { ok: false, body: 'not probed' };
  while (Date.now() < deadline) {
    last = await probe();
    if (last.ok || !alive()) return last;
    await sleep(250);
  }
  return last;
}
