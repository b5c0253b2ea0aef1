// The bad-input sweep (issue 19, part 10): every write route of the OpenAPI document (POST, PUT, PATCH, DELETE) gets
// malformed requests built from its own schema (malformed JSON, wrong types, nulls, huge strings, NUL, arrays and
// strings for objects, unknown fields, __proto__ and constructor keys, deep nesting, the wrong media type, invalid
// UTF-8, an oversize body), sent as the user who would send that request, at department A's real objects. Every
// answer must be a 4xx with a stable `code` and a message; never ≥ 500, and never a 2xx for input no route may take.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { INVALID_UTF8, UTF8_REFUSED, badUtf8Json, bodyLevel, parserLevel, type BadBody } from './support/bad-bodies.js';
import { BASICS } from '../support/projects.js';
import { fillPath, readDocument, routesOf, type ApiDocument } from './support/openapi-routes.js';
import { callerOf } from './support/route-callers.js';
import { send } from './support/send.js';
import { Tally } from './support/tally.js';
import { aimAt, buildVictimWorld, type VictimWorld } from './support/victim-world.js';

let t: TestPlatform;
let doc: ApiDocument;
let world: VictimWorld;

beforeAll(async () => {
  t = await startTestPlatform();
  doc = await readDocument(t);
  world = await buildVictimWorld(t);
}, 240_000);
afterAll(() => t?.stop());

const writeRoutes = () => routesOf(doc).filter((r) => r.method !== 'GET');

/** The ETag of the object a path names: a GET of the path or of its nearest parent that answers one. */
async function currentEtag(path: string, as: string | undefined): Promise<string> {
  const parts = path.split('/');
  for (let n = parts.length; n > 2; n--) {
    const res = await t.http.get(parts.slice(0, n).join('/')).set(await t.as(as ?? 'auditor'));
    if (res.status === 200 && res.headers.etag) return res.headers.etag as string;
  }
  return '"v0"';
}

describe('bad-input sweep over every write route of the OpenAPI document', () => {
  it('answers every malformed request with a 4xx and a stable code; never ≥ 500, never a 2xx for input nothing may accept', async () => {
    const tally = new Tally('Bad-input sweep: malformed requests × every write route', ['2xx', '400', '413', '415', 'other 4xx', '≥500']);
    const failures: string[] = [];
    const accepted: string[] = [];
    const routes = writeRoutes();
    for (const route of routes) {
      const values = route.pathParams.length ? aimAt(world, route.path) : {};
      if (!values) {
        failures.push(`${route.key}: no object to aim at (add one in test/security/support/victim-world.ts)`);
        continue;
      }
      const path = fillPath(route.path, values);
      const variants: BadBody[] = [...parserLevel(), ...(route.jsonBody ? bodyLevel(route, doc) : [])];
      const as = callerOf(route) ?? undefined;
      for (const v of variants) {
        // the object's current ETag, so that input validation lets through is not stopped by a stale If-Match
        const headers: Record<string, string> = route.ifMatch ? { 'If-Match': await currentEtag(path, as) } : {};
        const res = await send(t, doc, route, path, { as, headers, raw: { contentType: v.contentType, body: v.body } });
        tally.add({ cls: v.name, route: route.key, status: res.status, code: res.code });
        const line = `${v.name} → ${route.key} as ${as ?? 'the public'}: ${res.status} ${res.text}`;
        if (res.status === 0 || res.status >= 500) failures.push(line);
        else if (res.status < 300) (v.invalid ? failures : accepted).push(line);
        else if (res.status < 400 || typeof res.code !== 'string' || !/^[A-Z][A-Z0-9_]+$/.test(res.code)) failures.push(`${line} (no stable code)`);
        else if (v.exactly && (res.status !== v.exactly.status || res.code !== v.exactly.code)) failures.push(`${line} (expected ${v.exactly.status} ${v.exactly.code})`);
      }
    }
    const utf8 = tally.where((x) => x.cls === INVALID_UTF8);
    const utf8Refused = utf8.filter((x) => x.status === UTF8_REFUSED.status && x.code === UTF8_REFUSED.code).length;
    const codes = new Map<string, number>();
    for (const x of tally.tried) if (x.code) codes.set(`${x.status} ${x.code}`, (codes.get(`${x.status} ${x.code}`) ?? 0) + 1);
    tally.print(
      [
        `write routes: ${routes.length} (${routes.filter((r) => r.jsonBody).length} with a JSON body); requests: ${tally.tried.length}; failures: ${failures.length}`,
        `answers by code: ${[...codes].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ×${n}`).join(', ')}`,
        `invalid UTF-8 refused as ${UTF8_REFUSED.code}: ${utf8Refused} of ${utf8.length}`,
        accepted.length ? `accepted (lenient schema): ${accepted.length}\n  ${[...accepted.filter((a) => !a.startsWith(INVALID_UTF8)), ...accepted.filter((a) => a.startsWith(INVALID_UTF8))].slice(0, 25).map((a) => a.slice(0, 240)).join('\n  ')}` : '',
      ]
        .filter(Boolean)
        .join('\n'),
    );
    expect(routes.length).toBeGreaterThan(100);
    expect(failures).toEqual([]);
  }, 600_000);

  it('invalid UTF-8 in an otherwise valid request is refused with 400 INVALID_UTF8, not stored as U+FFFD', async () => {
    const res = await t.http
      .post('/api/projects')
      .set(await t.as('dept'))
      .set('Content-Type', 'application/json')
      .serialize((x: unknown) => x as string)
      .send(badUtf8Json({ ...BASICS, name: '@@BAD@@' }));
    console.log(`invalid UTF-8 in a valid project: ${res.status} ${res.text.slice(0, 300)}${res.status === 201 ? ` (stored as ${JSON.stringify(res.body.name)})` : ''}`);
    expect(res.status).toBe(UTF8_REFUSED.status);
    expect(res.body.code).toBe(UTF8_REFUSED.code);
  });
});
