// Response bodies serialised once per object. Values that do not change once made — a published catalog revision,
// a read kept while nothing is written (core/cache/read-cache.ts: a queue page, a board) — are turned into JSON, with a
// strong ETag, the first time they are sent and then served as they are. An HTTP concern, so it lives here rather
// than in the domain services, which return plain objects.
import crypto from 'node:crypto';
import type { Response } from 'express';

export interface Serialised {
  json: string;
  /** the JSON as UTF-8, encoded once too (a large body, such as the board, would otherwise be encoded per request) */
  bytes: Buffer;
  etag: string;
}

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

/** Sends a body serialised before. */
export function sendSerialised(res: Response, s: Serialised): void {
  res.type('application/json').send(s.bytes);
}
