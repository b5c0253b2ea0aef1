// A scene for a test file: one platform (./platform.ts) with the signed-in demo users, and a plain way to call the
// API as a role with If-Match handled (`Api`), the same shape the browser tests' direct client has
// (test/e2e/support/api.ts), so the factories (./project-factories.ts, ./revision-factories.ts, …) serve both.
// Every test arranges its own state through those factories; the scene only shares the platform.
import crypto from 'node:crypto';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { LocalDate } from '../../core/calendar/working-days.js';
import type { ServiceOptions } from '../../api/services.js';
import { startTestPlatform, type TestPlatform } from './platform.js';

/** What a call answered: status, the ETag header (null if none), the parsed body, and the raw text. */
export interface Answer {
  status: number;
  etag: string | null;
  body: any;
  text?: string;
}

export interface CallOptions {
  /** the demo user to call as (anonymous without) */
  as?: string;
  body?: unknown;
  /** sent as If-Match unless null or undefined */
  ifMatch?: string | null;
  query?: Record<string, string | number | boolean>;
}

/** The API as the factories use it: calls, and the platform's movable "today". */
export interface Api {
  call(method: string, path: string, opts?: CallOptions): Promise<Answer>;
  today(): LocalDate;
  setToday(date: LocalDate | null): void;
}

/** Thrown by `expectOk` when a call a factory depends on does not succeed. */
export function expectOk(what: string, res: Answer, status = 200): Answer {
  if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status} ${res.text ?? JSON.stringify(res.body)}`);
  return res;
}

/** The Api of an in-process test platform, through supertest. */
export function apiOf(t: TestPlatform): Api {
  return {
    async call(method, path, opts = {}) {
      let req = (t.http as any)[method.toLowerCase()](path);
      if (opts.as) req = req.set(await t.as(opts.as));
      if (opts.ifMatch) req = req.set('If-Match', opts.ifMatch);
      if (opts.query) req = req.query(opts.query);
      const res = opts.body === undefined ? await req : await req.send(opts.body);
      return { status: res.status, etag: res.headers.etag ?? null, body: res.body, text: res.text };
    },
    today: () => t.today(),
    setToday: (d) => t.setToday(d),
  };
}

export interface Scene extends Api {
  /** the platform (started in beforeAll) */
  readonly t: TestPlatform;
  /** a role-bound caller: `scene.as('gia').post(path, body, etag)` */
  as(user: string): RoleCaller;
}

export interface RoleCaller {
  get(path: string, query?: CallOptions['query']): Promise<Answer>;
  post(path: string, body?: unknown, ifMatch?: string | null): Promise<Answer>;
  put(path: string, body?: unknown, ifMatch?: string | null): Promise<Answer>;
  patch(path: string, body?: unknown, ifMatch?: string | null): Promise<Answer>;
  delete(path: string, ifMatch?: string | null): Promise<Answer>;
}

/**
 * Starts one platform for the test file (beforeAll) and stops it (afterAll). Each test starts on the real date
 * (beforeEach) and sets the "today" it needs itself.
 */
export function useScene(env: Record<string, string> = {}, services: ServiceOptions = {}): Scene {
  let platform: TestPlatform | undefined;
  let api: Api | undefined;
  beforeAll(async () => {
    platform = await startTestPlatform(env, services);
    api = apiOf(platform);
  });
  afterAll(() => platform?.stop());
  // every test starts on the real date; one that needs another day sets it
  beforeEach(() => platform?.setToday(null));
  const need = () => {
    if (!api || !platform) throw new Error('the scene is used before its platform started (call useScene at the top of the file)');
    return api;
  };
  return {
    get t() {
      need();
      return platform!;
    },
    call: (method, path, opts) => need().call(method, path, opts),
    today: () => need().today(),
    setToday: (d) => need().setToday(d),
    as(user) {
      return callerAs(need(), user);
    },
  };
}

export function callerAs(api: Api, user: string): RoleCaller {
  return {
    get: (path, query) => api.call('GET', path, { as: user, query }),
    post: (path, body = {}, ifMatch) => api.call('POST', path, { as: user, body, ifMatch }),
    put: (path, body = {}, ifMatch) => api.call('PUT', path, { as: user, body, ifMatch }),
    patch: (path, body = {}, ifMatch) => api.call('PATCH', path, { as: user, body, ifMatch }),
    delete: (path, ifMatch) => api.call('DELETE', path, { as: user, ifMatch }),
  };
}

/** The day after (or n days after) a date. */
export function addDays(d: LocalDate, n = 1): LocalDate {
  const x = new Date(`${d}T00:00:00Z`);
  x.setUTCDate(x.getUTCDate() + n);
  return x.toISOString().slice(0, 10) as LocalDate;
}

/** A short tag that makes a name unique on the platform (names are unique within an organisation). */
export const uniqueTag = () => crypto.randomBytes(3).toString('hex');
