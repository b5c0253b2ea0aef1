// Response bodies serialised once per object. Values that do not change once made — a published catalog revision,
// a read kept while nothing is written (core/cache/read-cache.ts: a queue page, a board) — are turned into JSON, with a
// strong ETag, the first time they are sent and then served as they are; to a client that accepts gzip (every
// browser) a large one goes gzipped, compressed once per object too (a board is ~200 KB of JSON, ~15 KB gzipped:
// the console's slowest networks are the counties'). Both encodings carry the same ETag, with Vary: Accept-Encoding
// (as Express's own static serving with compression does). An HTTP concern, so it lives here rather than in the
// domain services, which return plain objects.
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import type { Response } from 'express';

export interface Serialised {
  json: string;
  /** the JSON as UTF-8, encoded once too (a large body, such as the board, would otherwise be encoded per request) */
  bytes: Buffer;
  etag: string;
  /** the bytes gzipped, made the first time a client accepting gzip asks */
  gzipped?: Buffer;
}

/** smaller bodies go as they are: gzip's framing and CPU gain nothing on a packet or two */
export const GZIP_FROM_BYTES = 1400;

const bodies = new WeakMap<object, Serialised>();

export interface SerialiseOptions<T> {
  /** the response body made of the value (the value itself when not given) */
  body?: (v: T) => unknown;
  /** what the ETag covers when not the whole body (e.g. the board's numbers, not the time they were computed) */
  etagOver?: (v: T) => unknown;
}

const hash = (json: string) => crypto.createHash('sha1').update(json).digest('base64url').slice(0, 16);

/** The JSON of `value` and its ETag, computed once for this object. */
export function serialised<T extends object>(value: T, etagPrefix: string, { body, etagOver }: SerialiseOptions<T> = {}): Serialised {
  let s = bodies.get(value);
  if (!s) {
    const json = JSON.stringify(body ? body(value) : value);
    s = { json, bytes: Buffer.from(json, 'utf8'), etag: `"${etagPrefix}-${hash(etagOver ? JSON.stringify(etagOver(value)) : json)}"` };
    bodies.set(value, s);
  }
  return s;
}

/** Sends a body serialised before: gzipped when it is large and the client accepts gzip (and says so). */
export function sendSerialised(res: Response, s: Serialised): void {
  res.vary('Accept-Encoding').type('application/json');
  if (s.bytes.length >= GZIP_FROM_BYTES && res.req.headers['accept-encoding'] && res.req.acceptsEncodings('gzip', 'identity') === 'gzip') {
    s.gzipped ??= zlib.gzipSync(s.bytes);
    res.setHeader('Content-Encoding', 'gzip');
    res.send(s.gzipped);
    return;
  }
  res.send(s.bytes);
}
