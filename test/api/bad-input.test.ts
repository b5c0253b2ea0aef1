// Bad input through HTTP: every refusal is a 4xx with a stable `code` and a human `message` (zh-CN by default,
// English on request), field problems name their JSON path, and nothing a client sends can produce a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Response, Test } from 'supertest';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

let t: TestPlatform;
let draft: number;
let adminId: string;

/** CJK ideographs: a Chinese message has some, an English one none */
const CJK = /[\u3400-\u9fff]/;

/** Every response goes through here: a 500 is never an acceptable answer to anything a client sends. */
async function call(req: Test): Promise<Response> {
  const res = await req;
  expect(res.status, `${req.method} ${req.url} answered ${res.status} ${res.text}`).toBeLessThan(500);
  return res;
}

function expectError(res: Response, status: number, code: string) {
  expect(res.status, res.text).toBe(status);
  expect(res.body).toMatchObject({ code, message: expect.any(String) });
  expect(res.body.message.length).toBeGreaterThan(0);
}

interface FieldIssue {
  path: string;
  code: string;
  message?: string;
}
const fieldsOf = (res: Response) => (res.body.fields ?? []) as FieldIssue[];

/** 400 VALIDATION_FAILED naming this path with this code */
function expectField(res: Response, path: string, code: string) {
  expectError(res, 400, 'VALIDATION_FAILED');
  expect(fieldsOf(res), res.text).toContainEqual(expect.objectContaining({ path, code }));
  for (const f of fieldsOf(res)) expect(f.message, JSON.stringify(f)).toEqual(expect.any(String));
}

/**
 * A request built lazily. The builder wraps it in `{ req }` because an async function must not return a supertest
 * Test itself: it is thenable, so returning it from an async function would already send it.
 */
type Build = () => Promise<{ req: Test }>;
const b = (req: Test) => ({ req });

const draftVersion = async () => (await call(t.http.get(`/api/catalog/revisions/${draft}`).set(await t.as('bdc')))).headers['etag'] as string;

const login = () => t.http.post('/api/auth/login');
const planUrl = () => `/api/catalog/revisions/${draft}/offerings/vm-general/plans/bad-input-plan`;
const plan = { name: '规格', unit: '台·年', unitPrice: 100, spec: { vcpu: 2, memoryGiB: 4 }, xinchuang: { certified: false } };

beforeAll(async () => {
  t = await startTestPlatform();
  const res = await call(t.http.post('/api/catalog/revisions').set(await t.as('bdc')).send({ title: '坏输入测试草稿' }));
  expect(res.status, res.text).toBe(201);
  draft = res.body.number;
  adminId = (await call(t.http.get('/api/auth/me').set(await t.as('admin')))).body.user.id;
});

afterAll(async () => {
  await t?.stop();
});

describe('malformed JSON → 400 MALFORMED_JSON', () => {
  it.each([
    ['truncated', '{"username": "dept", '],
    ['single quotes', "{'username': 'dept'}"],
    ['trailing comma', '{"username": "dept",}'],
    ['a bare string (strict mode accepts objects and arrays only)', '"dept"'],
    ['null', 'null'],
  ])('%s', async (_name, body) => {
    const res = await call(login().set('Content-Type', 'application/json').send(body));
    expectError(res, 400, 'MALFORMED_JSON');
    expect(res.body.fields).toBeUndefined();
  });

  it('on a signed-in endpoint too', async () => {
    const res = await call(
      t.http.patch(`/api/catalog/revisions/${draft}`).set(await t.as('bdc')).set('If-Match', await draftVersion()).set('Content-Type', 'application/json').send('{"title": '),
    );
    expectError(res, 400, 'MALFORMED_JSON');
  });
});

describe('unknown body field → 400 VALIDATION_FAILED, field.unknown', () => {
  it('at the top level', async () => {
    const res = await call(login().send({ username: 'dept', password: 'x', role: 'SYSADMIN' }));
    expectField(res, 'role', 'field.unknown');
    expect(fieldsOf(res)).toHaveLength(1);
  });

  it('no mass assignment of passwordHash on an account', async () => {
    const me = await call(t.http.get(`/api/users/${adminId}`).set(await t.as('admin')));
    const res = await call(
      t.http.patch(`/api/users/${adminId}`).set(await t.as('admin')).set('If-Match', me.headers['etag'] as string).send({ passwordHash: 'x', failedLogins: 0 }),
    );
    expectField(res, 'passwordHash', 'field.unknown');
    expectField(res, 'failedLogins', 'field.unknown');
  });

  it('inside a plan spec', async () => {
    const res = await call(t.http.put(planUrl()).set(await t.as('bdc')).set('If-Match', await draftVersion()).send({ ...plan, spec: { vcpu: 2, gpu: 1 } }));
    expectField(res, 'spec.gpu', 'field.unknown');
  });

  it('an own __proto__ key is reported, not merged', async () => {
    const res = await call(login().set('Content-Type', 'application/json').send('{"username":"dept","password":"x","__proto__":{"role":"SYSADMIN"}}'));
    expectField(res, '__proto__', 'field.unknown');
  });
});

describe('missing required field → field.required with its path', () => {
  it('sign-in without a password', async () => {
    const res = await call(login().send({ username: 'dept' }));
    expectField(res, 'password', 'field.required');
    expect(fieldsOf(res)).toHaveLength(1);
  });

  // BUG (api/route.ts toFieldIssues, same root cause as "wrong type" below): zod 4 reports a missing enum field as
  // `invalid_value`, and without `reportInput` the mapper cannot tell it is missing, so POST /api/orgs without `kind`
  // answers `field.invalid_value` ("取值不在允许范围内") at `kind`. Expected: `field.required` ("必填") at `kind`.
  it('an organisation without its kind', async () => {
    const res = await call(t.http.post('/api/orgs').set(await t.as('admin')).send({ code: 'NO_KIND', name: '缺类型' }));
    expectField(res, 'kind', 'field.required');
  });

  it('a plan without spec and xinchuang', async () => {
    const { spec: _s, xinchuang: _x, ...rest } = plan;
    const res = await call(t.http.put(planUrl()).set(await t.as('bdc')).set('If-Match', await draftVersion()).send(rest));
    expectField(res, 'spec', 'field.required');
    expectField(res, 'xinchuang', 'field.required');
  });

  it('a return without its comment', async () => {
    const res = await call(t.http.post(`/api/catalog/revisions/${draft}/return`).set(await t.as('gia')).set('If-Match', '"v1"').send({}));
    expectField(res, 'comment', 'field.required');
  });

  it('no body at all', async () => {
    const res = await call(login());
    expectError(res, 400, 'VALIDATION_FAILED');
  });
});

describe('nested paths', () => {
  it('spec.vcpu as a string is reported at spec.vcpu', async () => {
    const res = await call(t.http.put(planUrl()).set(await t.as('bdc')).set('If-Match', await draftVersion()).send({ ...plan, spec: { vcpu: '2' } }));
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(fieldsOf(res).map((f) => f.path)).toEqual(['spec.vcpu']);
  });

  it('xinchuang.cpuArch out of its enum is reported at xinchuang.cpuArch', async () => {
    const res = await call(
      t.http.put(planUrl()).set(await t.as('bdc')).set('If-Match', await draftVersion()).send({ ...plan, xinchuang: { certified: true, cpuArch: 'sparc' } }),
    );
    expectField(res, 'xinchuang.cpuArch', 'field.invalid_value');
  });

  it('keywords.1 of an offering (array index in the path)', async () => {
    const res = await call(
      t.http
        .put(`/api/catalog/revisions/${draft}/offerings/bad-input-offering`)
        .set(await t.as('bdc'))
        .set('If-Match', await draftVersion())
        .send({ category: 'SaaS', name: '坏', description: '坏', provisioner: 'none', sharedService: false, keywords: ['ok', ''] }),
    );
    expectField(res, 'keywords.1', 'field.too_small');
  });
});

describe('wrong type → field.invalid_type', () => {
  // BUG (api/route.ts toFieldIssues): every invalid_type issue is reported as `field.required` ("必填"), because it
  // decides "missing" from `issue.input === undefined`, and zod 4 leaves `input` out of issues unless the parse is
  // called with `{ reportInput: true }`. So `{"username": 42}` answers `field.required` for a field that is present.
  // Expected: code `field.invalid_type` with the expected type in the message (e.g. "类型错误，应为 string").
  it.each<[string, Build, string, string]>([
    ['a number for a string', async () => b(login().send({ username: 42, password: 'x' })), 'username', 'string'],
    ['a string for spec.vcpu', async () => b(t.http.put(planUrl()).set(await t.as('bdc')).set('If-Match', await draftVersion()).send({ ...plan, spec: { vcpu: '2' } })), 'spec.vcpu', 'number'],
    ['a string for a boolean', async () => b(t.http.post('/api/orgs').set(await t.as('admin')).send({ code: 'TYPE_X', name: 'x', kind: 'COUNTY', nameEn: false })), 'nameEn', 'string'],
    ['an array for the whole body', async () => b(login().send([])), '', 'object'],
    ['"abc" for the revision number in the path', async () => b(t.http.get('/api/catalog/revisions/abc')), 'params.number', 'number'],
    ['"many" for a numeric query parameter', async () => b(t.http.get('/api/users?pageSize=many').set(await t.as('admin'))), 'query.pageSize', 'number'],
  ])('%s', async (_name, build, path, expected) => {
    const res = await call((await build()).req);
    expectField(res, path, 'field.invalid_type');
    const issue = fieldsOf(res).find((f) => f.path === path)!;
    expect(issue.message).toContain(expected);
  });
});

describe('size and media type', () => {
  it('a body over 256 KiB → 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await call(login().send({ username: 'x'.repeat(300 * 1024), password: 'y' }));
    expectError(res, 413, 'PAYLOAD_TOO_LARGE');
    expect(res.body.message).toContain('256 KiB');
  });

  it('a body just under the limit is parsed (and then refused by validation, not by size)', async () => {
    const res = await call(login().send({ username: 'x'.repeat(250 * 1024), password: 'y' }));
    expectField(res, 'username', 'field.too_big');
  });

  it('an oversized body on a signed-in endpoint → 413', async () => {
    const res = await call(
      t.http.patch(`/api/catalog/revisions/${draft}`).set(await t.as('bdc')).set('If-Match', await draftVersion()).send({ notes: '长'.repeat(100 * 1024) }),
    );
    expectError(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it.each([
    ['text/plain', 'username=dept'],
    ['application/x-www-form-urlencoded', 'username=dept&password=x'],
    ['application/xml', '<login><username>dept</username></login>'],
    ['application/json; charset=latin1', '{"username":"dept","password":"x"}'],
  ])('%s on a JSON endpoint → 415 UNSUPPORTED_MEDIA_TYPE', async (type, body) => {
    const res = await call(login().set('Content-Type', type).send(body));
    expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('text/plain on a signed-in JSON endpoint → 415', async () => {
    const res = await call(t.http.post('/api/catalog/revisions').set(await t.as('bdc')).set('Content-Type', 'text/plain').send('新版本'));
    expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  // BUG (api/route.ts): the 415 check looks only at Content-Length, so a text/plain body sent chunked
  // (Transfer-Encoding: chunked, no Content-Length) slips through and is answered 400 VALIDATION_FAILED
  // `field.required` at path "" as if no body had been sent. Expected: 415 UNSUPPORTED_MEDIA_TYPE
  // (e.g. test `req.headers['content-type']` / `type-is` `hasBody(req)` instead of Content-Length).
  it('text/plain sent chunked (no Content-Length) → 415', async () => {
    const req = login().set('Content-Type', 'text/plain');
    req.write('username=dept&password=x');
    const res = await call(req);
    expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('routes and parameters', () => {
  it.each([
    ['GET', '/api/nope'],
    ['GET', '/api/catalog/revisions/1/nope'],
    ['DELETE', '/api/catalog'],
    ['POST', '/healthz'],
    ['GET', '/api/users/'.concat('x/y/z')],
  ])('%s %s → 404 ROUTE_NOT_FOUND', async (method, path) => {
    const res = await call(t.http[method.toLowerCase() as 'get'](path));
    expectError(res, 404, 'ROUTE_NOT_FOUND');
    expect(res.body.message).toContain(path);
  });

  it('revision "abc" → 400 at params.number', async () => {
    const res = await call(t.http.get('/api/catalog/revisions/abc'));
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(fieldsOf(res).map((f) => f.path)).toEqual(['params.number']);
  });

  it('revision 0 → 400 field.too_small at params.number', async () => {
    expectField(await call(t.http.get('/api/catalog/revisions/0/diff')), 'params.number', 'field.too_small');
  });

  it('a user id that is not a UUID → 400 at params.id', async () => {
    expectField(await call(t.http.get('/api/users/42').set(await t.as('admin'))), 'params.id', 'field.invalid_format');
  });

  it('an offering code with capitals → 400 at params.code', async () => {
    const res = await call(t.http.delete(`/api/catalog/revisions/${draft}/offerings/VM-General`).set(await t.as('bdc')).set('If-Match', await draftVersion()));
    expectField(res, 'params.code', 'field.invalid_format');
  });

  it('/api/users?pageSize=9999 → 400 field.too_big at query.pageSize', async () => {
    const res = await call(t.http.get('/api/users?pageSize=9999').set(await t.as('admin')));
    expectField(res, 'query.pageSize', 'field.too_big');
    expect(fieldsOf(res)[0]!.message).toContain('200');
  });

  it.each<[string, string, string]>([
    ['/api/users?page=0', 'query.page', 'field.too_small'],
    ['/api/users?sort=name', 'query.sort', 'field.unknown'],
    ['/api/users?role=ROOT', 'query.role', 'field.invalid_value'],
    ['/api/users?orgId=EDU', 'query.orgId', 'field.invalid_format'],
    ['/api/orgs?kind=CITY', 'query.kind', 'field.invalid_value'],
  ])('%s → 400 %s %s', async (url, path, code) => {
    expectField(await call(t.http.get(url).set(await t.as('admin'))), path, code);
  });

  it.each<[string, string, string]>([
    ['/api/catalog/export?format=pdf', 'query.format', 'field.invalid_value'],
    ['/api/catalog/export?lang=fr', 'query.lang', 'field.invalid_value'],
    ['/api/catalog/revisions/1/diff?against=-1', 'query.against', 'field.too_small'],
  ])('public %s → 400 %s %s', async (url, path, code) => {
    expectField(await call(t.http.get(url)), path, code);
  });

  it('audit filters: a date that does not exist and a non-numeric cursor → 400', async () => {
    const h = await t.as('auditor');
    expectField(await call(t.http.get('/api/audit/events?from=2026-02-30T00:00:00Z').set(h)), 'query.from', 'field.invalid_format');
    expectField(await call(t.http.get('/api/audit/events?before=12ab').set(h)), 'query.before', 'field.invalid_format');
    expectField(await call(t.http.get('/api/audit/events?limit=501').set(h)), 'query.limit', 'field.too_big');
  });

  it('a repeated query parameter → 400 at its path', async () => {
    const res = await call(t.http.get('/api/users?pageSize=1&pageSize=2').set(await t.as('admin')));
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(fieldsOf(res).map((f) => f.path)).toEqual(['query.pageSize']);
  });
});

describe('messages: Chinese by default, English on request', () => {
  type Case = [string, Build, number, string];
  const cases: Case[] = [
    ['validation (with field messages)', async () => b(login().send({ username: 'dept', extra: 1 })), 400, 'VALIDATION_FAILED'],
    ['malformed JSON', async () => b(login().set('Content-Type', 'application/json').send('{')), 400, 'MALFORMED_JSON'],
    ['payload too large', async () => b(login().send({ username: 'x'.repeat(300 * 1024) })), 413, 'PAYLOAD_TOO_LARGE'],
    ['unsupported media type', async () => b(login().set('Content-Type', 'text/plain').send('x')), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['unknown route', async () => b(t.http.get('/api/nope')), 404, 'ROUTE_NOT_FOUND'],
    ['not signed in', async () => b(t.http.get('/api/users')), 401, 'UNAUTHENTICATED'],
    ['wrong password', async () => b(login().send({ username: 'no.such.user', password: 'x' })), 401, 'INVALID_CREDENTIALS'],
    ['forbidden', async () => b(t.http.post('/api/orgs').set(await t.as('dept')).send({ code: 'NOPE', name: 'x', kind: 'COUNTY' })), 403, 'FORBIDDEN'],
    ['forbidden field', async () => {
      const dept2 = (await call(t.http.get('/api/users?q=dept2').set(await t.as('admin')))).body.items[0];
      return b(t.http.patch(`/api/users/${dept2.id}`).set(await t.as('admin')).set('If-Match', `"v${dept2.version}"`).send({ role: 'COUNTY_USER' }));
    }, 403, 'FORBIDDEN_FIELD'],
    ['not found', async () => b(t.http.get('/api/catalog/revisions/999')), 404, 'NOT_FOUND'],
    ['If-Match missing', async () => b(t.http.patch(`/api/catalog/revisions/${draft}`).set(await t.as('bdc')).send({ title: 'x' })), 428, 'PRECONDITION_REQUIRED'],
    ['If-Match stale', async () => b(t.http.patch(`/api/catalog/revisions/${draft}`).set(await t.as('bdc')).set('If-Match', '"v999"').send({ title: 'x' })), 412, 'STALE_VERSION'],
    ['invalid transition', async () => {
      const v = (await call(t.http.get('/api/catalog/revisions/1'))).headers['etag'] as string;
      return b(t.http.patch('/api/catalog/revisions/1').set(await t.as('bdc')).set('If-Match', v).send({ title: 'x' }));
    }, 409, 'INVALID_TRANSITION'],
  ];

  /** the message and every field message there is (FORBIDDEN_FIELD's fields carry none) */
  const messagesOf = (res: Response) => [res.body.message as string, ...fieldsOf(res).flatMap((f) => (f.message === undefined ? [] : [f.message]))];

  it.each(cases)('%s: zh-CN by default', async (_name, build, status, code) => {
    const res = await call((await build()).req);
    expectError(res, status, code);
    expect(res.body.message).toMatch(CJK);
    for (const m of messagesOf(res)) expect(m).toMatch(CJK);
  });

  it.each(cases)('%s: English with Accept-Language: en', async (_name, build, status, code) => {
    const res = await call((await build()).req.set('Accept-Language', 'en'));
    expectError(res, status, code);
    for (const m of messagesOf(res)) expect(m).not.toMatch(CJK);
  });

  it('en-US,en;q=0.9 is English, zh-CN,zh;q=0.9,en;q=0.8 is Chinese', async () => {
    const en = await call(t.http.get('/api/nope').set('Accept-Language', 'en-US,en;q=0.9'));
    const zh = await call(t.http.get('/api/nope').set('Accept-Language', 'zh-CN,zh;q=0.9,en;q=0.8'));
    expect(en.body.message).not.toMatch(CJK);
    expect(zh.body.message).toMatch(CJK);
  });

  // BUG (catalog/revisions.ts createDraft and accounts/passwords.ts): the `reason` of CONFLICT and WEAK_PASSWORD is a
  // fixed bilingual string ("目录版本 2 尚未发布 / revision 2 is still open", "长度至少 10 位 / at least 10 characters"),
  // so with Accept-Language: en the message still carries Chinese. Expected: an English-only message in English.
  it.each<[string, Build, number, string]>([
    ['a second open revision', async () => b(t.http.post('/api/catalog/revisions').set(await t.as('bdc')).send({ title: '第二个' })), 409, 'CONFLICT'],
    ['a weak password', async () => b(t.http.post('/api/users').set(await t.as('admin')).send({ username: 'weak.pw', displayName: '弱', role: 'DEPT_USER', orgId: (await call(t.http.get('/api/orgs?kind=COUNTY').set(await t.as('admin')))).body.items[0].id, password: 'short' })), 422, 'WEAK_PASSWORD'],
  ])('%s: English only with Accept-Language: en', async (_name, build, status, code) => {
    const res = await call((await build()).req.set('Accept-Language', 'en'));
    expectError(res, status, code);
    for (const m of messagesOf(res)) expect(m).not.toMatch(CJK);
  });
});

describe('nothing a client sends yields a 500', () => {
  // Inputs that are fine today: hostile shapes the parser and validation must absorb.
  it.each<[string, Build, number]>([
    ['deeply nested arrays', async () => b(login().set('Content-Type', 'application/json').send('['.repeat(100_000) + ']'.repeat(100_000))), 400],
    ['deeply nested objects', async () => b(login().set('Content-Type', 'application/json').send('{"a":'.repeat(30_000) + '1' + '}'.repeat(30_000))), 400],
    ['a constructor key', async () => b(login().set('Content-Type', 'application/json').send('{"username":"a","password":"b","constructor":{"prototype":{}}}')), 400],
    ['an empty JSON body', async () => b(login().set('Content-Type', 'application/json').send('')), 400],
    ['a huge unitPrice (1e400 parses as Infinity)', async () => b(t.http.put(planUrl()).set(await t.as('bdc')).set('If-Match', await draftVersion()).set('Content-Type', 'application/json').send(JSON.stringify(plan).replace('"unitPrice":100', '"unitPrice":1e400'))), 400],
    ['a price with a fraction of a fen', async () => b(t.http.put(planUrl()).set(await t.as('bdc')).set('If-Match', await draftVersion()).send({ ...plan, unitPrice: 1.005 })), 400],
    ['If-Match that is not an ETag', async () => b(t.http.patch(`/api/catalog/revisions/${draft}`).set(await t.as('bdc')).set('If-Match', 'garbage').send({ title: 'x' })), 412],
    ['If-Match with an enormous version', async () => b(t.http.patch(`/api/catalog/revisions/${draft}`).set(await t.as('bdc')).set('If-Match', '"v99999999999999999999"').send({ title: 'x' })), 412],
    ['a bearer token that is not one', async () => b(t.http.get('/api/users').set('Authorization', 'Bearer \u00ff\u00fe')), 401],
    ['Basic authorization', async () => b(t.http.get('/api/auth/me').set('Authorization', 'Basic YWRtaW46eA==')), 401],
    ['a request id with line noise', async () => b(t.http.get('/api/nope').set('X-Request-Id', '../../etc/passwd;<script>')), 404],
    ['the largest revision number PostgreSQL int holds', async () => b(t.http.get('/api/catalog/revisions/2147483647')), 404],
    ['an unknown charset', async () => b(login().set('Content-Type', 'application/json; charset=koi8-r').send('{}')), 415],
    ['a bad percent-encoding in the query', async () => b(t.http.get('/api/users?q=%E0%A4%A').set(await t.as('admin'))), 200],
  ])('%s', async (_name, build, status) => {
    const res = await call((await build()).req);
    expect(res.status, res.text).toBe(status);
    if (status >= 400) expect(res.body).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  });

  // BUGS: each of these answers 500 INTERNAL today. Expected: a 4xx with code and message (listed per case).
  it.each<[string, Build, number[]]>([
    // NUL (U+0000) in any string: PostgreSQL text cannot hold it, Prisma throws, the error handler answers 500.
    // Expected 400 VALIDATION_FAILED (or 401 INVALID_CREDENTIALS for the sign-in).
    ['NUL in the sign-in username (anonymous)', async () => b(login().send({ username: 'dept\u0000', password: 'x' })), [400, 401]],
    ['NUL in a revision title', async () => b(t.http.patch(`/api/catalog/revisions/${draft}`).set(await t.as('bdc')).set('If-Match', await draftVersion()).send({ title: 'a\u0000b' })), [400]],
    ['NUL in an organisation name', async () => b(t.http.post('/api/orgs').set(await t.as('admin')).send({ code: 'NUL_ORG', name: 'a\u0000b', kind: 'COUNTY' })), [400]],
    ['NUL in the users search', async () => b(t.http.get('/api/users?q=a%00b').set(await t.as('admin'))), [200, 400]],
    ['NUL in the audit actor filter', async () => b(t.http.get('/api/audit/events?actor=a%00b').set(await t.as('auditor'))), [200, 400]],
    // a lone UTF-16 surrogate ("\ud800") is valid JSON but not storable text. Expected 400 (or stored as U+FFFD).
    ['a lone surrogate in a revision title', async () => b(t.http.patch(`/api/catalog/revisions/${draft}`).set(await t.as('bdc')).set('If-Match', await draftVersion()).set('Content-Type', 'application/json').send('{"title":"\\ud800x"}')), [200, 400]],
    // integers beyond PostgreSQL int4 pass zod's .int() (safe integers) and overflow in Prisma. Expected 404 or 400.
    ['revision number 2147483648 in the path', async () => b(t.http.get('/api/catalog/revisions/2147483648')), [400, 404]],
    ['export ?revision=2147483648', async () => b(t.http.get('/api/catalog/export?revision=2147483648')), [400, 404]],
    ['diff ?against=2147483648', async () => b(t.http.get('/api/catalog/revisions/1/diff?against=2147483648')), [400, 404]],
    ['a plan maxQuantity of 2147483648', async () => b(t.http.put(planUrl()).set(await t.as('bdc')).set('If-Match', await draftVersion()).send({ ...plan, maxQuantity: 2147483648 })), [400]],
    // `before` allows 19 digits, more than a PostgreSQL bigint holds. Expected 400 (or 200, all records are older).
    ['audit ?before=9999999999999999999', async () => b(t.http.get('/api/audit/events?before=9999999999999999999').set(await t.as('auditor'))), [200, 400]],
    // express decodes path parameters and fails with a status-400 URIError the error handler does not recognise.
    // Expected 400.
    ['a bad percent-encoding in a path parameter', async () => b(t.http.get('/api/catalog/revisions/%E0%A4%A')), [400]],
  ])('%s', async (_name, build, allowed) => {
    const res = await call((await build()).req);
    expect(allowed, res.text).toContain(res.status);
    if (res.status >= 400) expect(res.body).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  });
});
