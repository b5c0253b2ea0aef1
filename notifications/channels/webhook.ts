// The signed webhook call to an organisation's robot relay (政务钉钉/企业微信): POST of a JSON body with
// `X-Zhengyun-Signature: sha256=<hex HMAC-SHA256 of the raw body under the webhook's secret>`, a timestamp and the
// delivery's id. Only http(s), and never to loopback, link-local, private or unspecified addresses (checked on the
// addresses the name resolves to, at the moment of connecting) unless configuration allows them.
import { createHmac, randomBytes } from 'node:crypto';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { InvalidInputError } from '../../core/errors.js';
import { registerMessages } from '../../core/i18n.js';

registerMessages({
  WEBHOOK_URL_SCHEME: { 'zh-CN': 'Webhook 地址必须以 http:// 或 https:// 开头', en: 'A webhook URL must start with http:// or https://' },
  WEBHOOK_URL_PRIVATE: { 'zh-CN': 'Webhook 地址指向本机、链路本地或内网地址（{address}），配置不允许', en: 'The webhook URL points at a loopback, link-local or private address ({address}), which configuration does not allow' },
  WEBHOOK_URL_UNRESOLVED: { 'zh-CN': 'Webhook 地址的主机名无法解析：{host}', en: 'The webhook host name does not resolve: {host}' },
});

const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) BLOCKED.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) BLOCKED.addSubnet(net, prefix, 'ipv6');

/** Loopback, link-local, private, shared, multicast or unspecified (an IPv4-mapped IPv6 address by its IPv4 one). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return BLOCKED.check(mapped[1]!, 'ipv4');
  const family = isIP(address);
  if (!family) return true;
  return BLOCKED.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

const hostOf = (u: URL) => u.hostname.replace(/^\[(.*)\]$/, '$1');

function refuse(code: string, params: Record<string, string> = {}): never {
  throw new InvalidInputError([{ path: 'url', code, params }], code, 422, params);
}

/** Checks a webhook URL as an administrator sets it: 422 with the field `url` when it may not be called. */
export async function checkWebhookUrl(url: string, allowPrivate: boolean): Promise<void> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return refuse('WEBHOOK_URL_SCHEME');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') refuse('WEBHOOK_URL_SCHEME');
  if (allowPrivate) return;
  const host = hostOf(u);
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await new Promise<LookupAddress[]>((resolve, reject) => dnsLookup(host, { all: true }, (err, a) => (err ? reject(err) : resolve(a))))).map((a) => a.address);
    } catch {
      return refuse('WEBHOOK_URL_UNRESOLVED', { host });
    }
  }
  const bad = addresses.find(isPrivateAddress);
  if (bad) refuse('WEBHOOK_URL_PRIVATE', { address: bad });
}

/** A new signing key: 32 random bytes, hex. */
export const newWebhookSecret = () => randomBytes(32).toString('hex');

export const signBody = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;

/** Resolves like the system does, then refuses a private address: the address connected to is the one checked. */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as LookupAddress[];
      const bad = allowPrivate ? undefined : list.find((a) => isPrivateAddress(a.address));
      if (bad) return callback(Object.assign(new Error(`refused: ${hostname} resolves to a private address (${bad.address})`), { code: 'WEBHOOK_URL_PRIVATE' }), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

export interface WebhookCall {
  url: string;
  secret: string;
  deliveryId: string;
  event: string;
  body: unknown;
}

/** Posts the call; resolves with the status on 2xx, throws with a short reason otherwise (refused, timed out, HTTP status). */
export async function postWebhook(call: WebhookCall, opts: { timeoutMs: number; allowPrivate: boolean }): Promise<{ status: number }> {
  const u = new URL(call.url);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`refused: only http and https URLs are called (${u.protocol})`);
  const host = hostOf(u);
  if (!opts.allowPrivate && isIP(host) && isPrivateAddress(host)) throw new Error(`refused: ${host} is a loopback, link-local or private address`);
  const raw = JSON.stringify(call.body);
  const headers = {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(raw)),
    'User-Agent': 'Zhengyun-Webhook/1',
    'X-Zhengyun-Event': call.event,
    'X-Zhengyun-Delivery': call.deliveryId,
    'X-Zhengyun-Timestamp': String(Math.floor(Date.now() / 1000)),
    'X-Zhengyun-Signature': signBody(call.secret, raw),
  };
  const client = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(u, { method: 'POST', headers, lookup: guardedLookup(opts.allowPrivate) }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (text.length < 500) text += chunk;
      });
      res.on('end', () => {
        clearTimeout(timer);
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve({ status });
        else reject(new Error(`HTTP ${status}${text ? `: ${text.slice(0, 200)}` : ''}`));
      });
      res.on('error', (err) => reject(err));
    });
    // the whole call, connecting to the end of the answer, within the timeout
    const timer = setTimeout(() => req.destroy(new Error(`timed out after ${opts.timeoutMs} ms`)), opts.timeoutMs);
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.end(raw);
  });
}
