// The Idempotency-Key header on POSTs that create something (a route declares `idempotent: true`, api/route.ts).
// A key is bound to its caller, method, path and the SM3 of its body: the same key with another request is refused
// (422 IDEMPOTENCY_KEY_REUSED). The first request claims the key (INSERT … ON CONFLICT DO NOTHING); a retry finds
// the claim and gets the first request's answer — waiting, bounded, while the first is still being handled.
// A key is remembered ZY_IDEMPOTENCY_TTL_HOURS; expired keys are ignored, and removed when next used, at start and by
// the scheduled sweep (ZY_IDEMPOTENCY_SWEEP_CRON, api/idempotency-sweep.ts). A claim whose request never answered
// (its process died) is given up after GIVE_UP_MINUTES: the key then runs its request anew.
import crypto from 'node:crypto';
import type { Request, Response } from 'express';
import type { Database } from '../core/db/database.js';
import { ConflictError, InvalidInputError } from '../core/errors.js';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** what a key may look like (an opaque token, e.g. a UUID) */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/;
/** a claim this old whose request never answered (its process died) is given up, and the key may be used again */
export const GIVE_UP_MINUTES = 10;
const ABANDONED_MS = GIVE_UP_MINUTES * 60 * 1000;
const POLL_MS = 50;

export interface IdempotencySettings {
  ttlHours: number;
  waitSeconds: number;
}

/** What binds a key: the request it was first sent with. */
export interface Binding {
  method: string;
  path: string;
  bodyHash: string;
}

export interface StoredAnswer {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

type Claim = { kind: 'claimed' } | { kind: 'replay'; answer: StoredAnswer };

interface Row {
  method: string;
  path: string;
  bodyHash: string;
  state: string;
  responseStatus: number | null;
  responseBody: string | null;
  responseHeaders: unknown;
}

/** JSON with its object keys in order, so that `{a,b}` and `{b,a}` are the same body. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const sm3 = (data: string | Buffer) => crypto.createHash('sm3').update(data).digest('hex');

/** The request a key is bound to: method, path (without the query string) and the SM3 of its body and uploaded file. */
export function bindingOf(req: Request): Binding {
  const file = req.file ? { field: req.file.fieldname, name: req.file.originalname, sm3: sm3(req.file.buffer) } : null;
  return { method: req.method, path: req.originalUrl.split('?')[0]!, bodyHash: sm3(canonical({ body: req.body ?? null, file })) };
}

/** The key a request carries: undefined without one; 400 when it is malformed. */
export function keyOf(req: Request): string | undefined {
  const raw = req.headers['idempotency-key'];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(raw)) {
    throw new InvalidInputError([{ path: IDEMPOTENCY_HEADER, code: 'field.invalid_format', params: { format: '[A-Za-z0-9._:-]{8,128}' } }]);
  }
  return raw;
}

export function createIdempotencyStore(db: Database, settings: IdempotencySettings) {
  const prisma = db.prisma;

  /** Claims the key for this request, or reads who holds it (in one transaction: the embedded database interleaves otherwise). */
  const tryClaim = (userId: string, key: string, b: Binding) =>
    prisma.$transaction(async (tx) => {
      const now = new Date();
      await tx.$executeRaw`DELETE FROM "idempotency_key" WHERE "userId" = ${userId}::uuid AND "key" = ${key}
        AND ("expiresAt" <= ${now} OR ("state" = 'PENDING' AND "createdAt" <= ${new Date(now.getTime() - ABANDONED_MS)}))`;
      const expiresAt = new Date(now.getTime() + settings.ttlHours * 3600 * 1000);
      const inserted = await tx.$executeRaw`INSERT INTO "idempotency_key" ("userId", "key", "method", "path", "bodyHash", "state", "createdAt", "expiresAt")
        VALUES (${userId}::uuid, ${key}, ${b.method}, ${b.path}, ${b.bodyHash}, 'PENDING', ${now}, ${expiresAt}) ON CONFLICT DO NOTHING`;
      if (inserted === 1) return null;
      return (await tx.idempotencyKey.findUnique({ where: { userId_key: { userId, key } } })) as Row | null;
    });

  /**
   * The first request with a key gets `claimed` (then answers and calls complete or release); a retry gets the first
   * answer, waiting up to waitSeconds while the first is in flight (then 409 IDEMPOTENCY_KEY_IN_FLIGHT).
   */
  async function claim(userId: string, key: string, b: Binding): Promise<Claim> {
    const deadline = Date.now() + settings.waitSeconds * 1000;
    for (;;) {
      const row = await tryClaim(userId, key, b);
      if (row === null) return { kind: 'claimed' };
      if (row.method !== b.method || row.path !== b.path || row.bodyHash !== b.bodyHash) {
        throw new InvalidInputError([{ path: IDEMPOTENCY_HEADER, code: 'field.invalid' }], 'IDEMPOTENCY_KEY_REUSED', 422, { method: row.method, path: row.path });
      }
      if (row.state === 'DONE') {
        return { kind: 'replay', answer: { status: row.responseStatus!, body: JSON.parse(row.responseBody ?? 'null'), headers: (row.responseHeaders ?? {}) as Record<string, string> } };
      }
      if (Date.now() >= deadline) throw new ConflictError('IDEMPOTENCY_KEY_IN_FLIGHT', { seconds: Math.max(1, Math.ceil(settings.waitSeconds / 10)) });
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }

  /** The first request's answer, kept for its retries. */
  async function complete(userId: string, key: string, answer: StoredAnswer) {
    await prisma.$transaction((tx) =>
      tx.idempotencyKey.update({
        where: { userId_key: { userId, key } },
        data: { state: 'DONE', responseStatus: answer.status, responseBody: JSON.stringify(answer.body ?? null), responseHeaders: answer.headers },
      }),
    );
  }

  /** The first request failed: nothing was created, so the key is free again (a retry runs the request anew). */
  async function release(userId: string, key: string) {
    await prisma.$transaction((tx) => tx.idempotencyKey.deleteMany({ where: { userId, key, state: 'PENDING' } }));
  }

  return { claim, complete, release, sweep: () => deleteExpiredKeys(db) };
}

/** Removes expired keys (at start and on schedule; a key is also ignored, and removed, once expired when it is next used). */
export async function deleteExpiredKeys(db: Database): Promise<number> {
  return db.prisma.$transaction((tx) => tx.idempotencyKey.deleteMany({ where: { expiresAt: { lte: new Date() } } })).then((r) => r.count);
}

export type IdempotencyStore = ReturnType<typeof createIdempotencyStore>;

/** The response headers a replay repeats. */
const REPLAYED_HEADERS = ['location', 'etag'];

/**
 * Runs a route's handler under its caller's Idempotency-Key (none: just runs it). The first answer is stored before
 * it is sent, so a client never sees an answer its retry could miss; only a success (2xx) is kept — a refusal frees
 * the key, since nothing was created.
 */
export async function withIdempotency(store: IdempotencyStore, userId: string, req: Request, res: Response, run: () => Promise<void> | void) {
  const key = keyOf(req);
  if (!key) return run();
  const claimed = await store.claim(userId, key, bindingOf(req));
  if (claimed.kind === 'replay') {
    const { status, body, headers } = claimed.answer;
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    res.setHeader('Idempotent-Replayed', 'true');
    res.status(status).json(body);
    return;
  }
  let answer: { status: number; body: unknown } | undefined;
  const json = res.json.bind(res);
  res.json = (body: unknown) => {
    answer = { status: res.statusCode, body };
    return res;
  };
  try {
    await run();
  } catch (err) {
    await store.release(userId, key);
    throw err;
  } finally {
    res.json = json;
  }
  if (!answer) {
    // the handler answered some other way (not JSON): nothing to replay
    await store.release(userId, key);
    return;
  }
  if (answer.status >= 200 && answer.status < 300) {
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const v = res.getHeader(name);
      if (typeof v === 'string') headers[name] = v;
    }
    await store.complete(userId, key, { status: answer.status, body: answer.body, headers });
  } else {
    await store.release(userId, key);
  }
  json(answer.body);
}
