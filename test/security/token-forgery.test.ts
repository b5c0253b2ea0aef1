// Token forgeries (issue 19, part 10): sessions are opaque bearer tokens (`zy_` + 32 random bytes, stored only as
// their SHA-256: accounts/auth.ts), so a forgery is a made-up token, a real one altered, one that has ended, one
// carried where the platform does not read tokens (a cookie, the query), or an Authorization header bent out of
// shape. The plainest four go to every signed-in route of the OpenAPI document, every forgery to one route of each
// part of the API (its OpenAPI tag); every answer must be 401, never a 2xx.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startTestPlatform, type TestPlatform } from '../support/platform.js';
import { fillPath, readDocument, routesOf, type ApiDocument, type SweptRoute } from './support/openapi-routes.js';
import { send } from './support/send.js';
import { Tally } from './support/tally.js';

let t: TestPlatform;
let doc: ApiDocument;
/** a live session of dept, and sessions of dept that have ended in each way */
let live: string;
let expired: string;
let idle: string;
let signedOut: string;
let ofDisabled: string;
let adminId: string;

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
/** the same string with the character at `at` changed to another one of the token alphabet */
const flip = (s: string, at: number) => s.slice(0, at) + (s[at] === 'A' ? 'B' : 'A') + s.slice(at + 1);

async function login(username: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await t.http.post('/api/auth/login').send({ username, password });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.text}`);
  return res.body.token as string;
}

beforeAll(async () => {
  t = await startTestPlatform();
  doc = await readDocument(t);
  const prisma = t.platform.db.prisma;
  live = await login('dept');
  adminId = (await prisma.user.findFirstOrThrow({ where: { username: 'admin' } })).id;
  const session = (token: string) => ({ tokenHash: crypto.createHash('sha256').update(token).digest('hex') });
  // never used before they end, so no process has them cached
  expired = await login('dept');
  await prisma.session.update({ where: session(expired), data: { expiresAt: new Date(Date.now() - 1000) } });
  idle = await login('dept');
  await prisma.session.update({ where: session(idle), data: { lastSeenAt: new Date(Date.now() - 24 * 3600_000) } });
  signedOut = await login('dept');
  expect((await t.http.post('/api/auth/logout').set('Authorization', `Bearer ${signedOut}`)).status).toBe(204);
  // a user created, signed in, then disabled by the system administrator
  const admin = await t.as('admin');
  const org = (await prisma.user.findFirstOrThrow({ where: { username: 'dept' } })).orgId;
  const made = await t.http.post('/api/users').set(admin).send({ username: `forged${Date.now().toString(36)}`, displayName: '停用测试', role: 'DEPT_USER', orgId: org, password: 'Disabled-Passw0rd-1' });
  expect(made.status, made.text).toBe(201);
  ofDisabled = await login(made.body.username, 'Disabled-Passw0rd-1');
  const read = await t.http.get(`/api/users/${made.body.id}`).set(admin);
  const off = await t.http.patch(`/api/users/${made.body.id}`).set(admin).set('If-Match', read.headers.etag).send({ disabled: true });
  expect(off.status, off.text).toBe(200);
}, 120_000);
afterAll(() => t?.stop());

/** The forgeries: a name, and the headers (and query) that carry it. */
function forgeries(): [string, { headers: Record<string, string>; query?: string }][] {
  const body = live.slice(3);
  const jwtClaims = { sub: adminId, role: 'SYSADMIN', username: 'admin', exp: Math.floor(Date.now() / 1000) + 3600 };
  const hs256 = (secret: string) => {
    const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(jwtClaims)}`;
    return `${head}.${crypto.createHmac('sha256', secret).update(head).digest('base64url')}`;
  };
  const bearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });
  return [
    ['no token at all', { headers: {} }],
    ['a made-up token of the right shape', bearer(`zy_${crypto.randomBytes(32).toString('base64url')}`)],
    ['a real token, last character changed', bearer(flip(live, live.length - 1))],
    ['an expired session', bearer(expired)],
    ['an empty bearer', { headers: { Authorization: 'Bearer ' } }],
    ['a real token, first random character changed', bearer(flip(live, 3))],
    ['a real token, one character short', bearer(live.slice(0, -1))],
    ['a real token, one character more', bearer(`${live}A`)],
    ['a real token without its zy_ prefix', bearer(body)],
    ['a real token in upper case', bearer(live.toUpperCase())],
    ['an unsigned JWT (alg none) claiming the administrator', bearer(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(jwtClaims)}.`)],
    ['a JWT signed with a guessed secret', bearer(hs256('secret'))],
    ['the SHA-256 of a real token (what the database keeps)', bearer(crypto.createHash('sha256').update(live).digest('hex'))],
    ['an idle session past its timeout', bearer(idle)],
    ['a signed-out session', bearer(signedOut)],
    ['a session of a disabled user', bearer(ofDisabled)],
    ['a real token in a cookie', { headers: { Cookie: `token=${live}; session=${live}; zy_session=${live}` } }],
    ['a real token in the query', { headers: {}, query: `access_token=${live}&token=${live}` }],
    ['a real token as Basic credentials', { headers: { Authorization: `Basic ${Buffer.from(`dept:${live}`).toString('base64')}` } }],
    ['a real token after another scheme', { headers: { Authorization: `Token ${live}` } }],
    ['a forged token followed by a real one', { headers: { Authorization: `Bearer ${flip(live, 5)} ${live}` } }],
    ['a real token and a second credential, comma-joined', { headers: { Authorization: `Bearer ${live}, Bearer ${flip(live, 5)}` } }],
    ['identity headers a proxy might set', { headers: { 'X-Forwarded-User': 'admin', 'X-Remote-User': 'admin', 'X-User-Id': adminId, 'X-Role': 'SYSADMIN' } }],
    ['SQL in the token', bearer("' OR '1'='1' --")],
    ['an 8 KB token', bearer(`zy_${'A'.repeat(8192)}`)],
    ['latin-1 bytes in the token', bearer('zy_\u00ff\u00fe\u00e9')],
  ];
}

/** how many of the forgeries (the first ones) go to every signed-in route rather than one per tag */
const EVERY_ROUTE = 4;
const signedInRoutes = () => routesOf(doc).filter((r) => r.auth);

/** Any value fills a path parameter: the sign-in check comes before the parameters are read. */
function pathOf(route: SweptRoute): string {
  return fillPath(route.path, Object.fromEntries(route.pathParams.map((p) => [p, ['number', 'lineNo'].includes(p) ? 1 : crypto.randomUUID()])));
}

describe('forged, altered and ended session tokens', () => {
  it('the real token works (the forgeries below are refused for what they are, not because the route is broken)', async () => {
    const me = await t.http.get('/api/auth/me').set('Authorization', `Bearer ${live}`);
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe('dept');
  });

  it('every forgery is 401 on every part of the API, never a 2xx and never ≥ 500', async () => {
    const tally = new Tally('Token forgeries: the first four × every signed-in route, the others × one signed-in route per OpenAPI tag');
    const wrong: string[] = [];
    const routes = signedInRoutes();
    const perTag = [...new Map(routes.map((r) => [r.tags[0] ?? r.path, r])).values()];
    for (const [i, [name, f]] of forgeries().entries()) {
      for (const route of i < EVERY_ROUTE ? routes : perTag) {
        const path = pathOf(route) + (f.query ? `?${f.query}` : '');
        const res = await send(t, doc, route, path, { headers: f.headers });
        tally.add({ cls: name, route: route.key, status: res.status, code: res.code });
        if (res.status !== 401) wrong.push(`${name} → ${route.key}: ${res.status} ${res.text}`);
      }
    }
    tally.print(`signed-in routes: ${routes.length} (${perTag.length} tags); forgeries: ${forgeries().length}; answers other than 401: ${wrong.length}`);
    expect(routes.length).toBeGreaterThan(150);
    expect(wrong).toEqual([]);
    // the live token still works: none of the forgeries ended or spoiled it
    expect((await t.http.get('/api/auth/me').set('Authorization', `Bearer ${live}`)).status).toBe(200);
  }, 300_000);

  it('says which: an ended session is SESSION_EXPIRED, a forgery UNAUTHENTICATED (and nothing more)', async () => {
    const me = (token: string) => t.http.get('/api/auth/me').set('Authorization', `Bearer ${token}`);
    for (const token of [expired, idle]) expect((await me(token)).body).toEqual({ code: 'SESSION_EXPIRED', message: expect.any(String) });
    for (const token of [signedOut, ofDisabled, flip(live, 10), `zy_${crypto.randomBytes(32).toString('base64url')}`]) {
      const res = await me(token);
      expect(res.body).toEqual({ code: 'UNAUTHENTICATED', message: expect.any(String) });
    }
  });
});
