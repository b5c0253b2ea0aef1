// Input that gives nothing away and nothing bad gets in (issue 19, finding 7):
//  - every write route with a request body is swept as every role with a body that fails validation: a role the
//    route's declared permission (`can`, OpenAPI x-permission) excludes gets 403 FORBIDDEN without the fields,
//    never a 400 listing them (before the fix: 400 with the fields for every role on every route); a role it admits
//    gets the 400 (its input really is wrong); nothing answers ≥ 500. Valid requests keep their answers (the
//    permission matrix, test/api/permissions.test.ts).
//    A write route that declares no permission must be one that every signed-in user may use (listed below).
//  - a JSON body that is not well-formed UTF-8 is refused with 400 INVALID_UTF8 instead of stored with U+FFFD.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineAbilitiesFor, type Action, type SubjectName } from '../../core/access/abilities.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { BASICS } from '../support/projects.js';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t?.stop());

const USERS = ['admin', 'secadmin', 'auditor', 'gia', 'finance', 'bdc', 'dept', 'dept2', 'county'];

/**
 * Write routes with a body and no role-level permission, and why: every signed-in user may use them, or the
 * permission depends on the input and the service checks it before reading the file.
 */
const UNDECLARED: Record<string, string> = {
  'POST /api/auth/login': 'sign-in (public)',
  'POST /api/auth/oidc/complete': 'single sign-on’s last step (public: the ticket is the credential)',
  'POST /api/auth/password': 'one’s own password',
  'PUT /api/me/notification-preferences': 'one’s own preferences',
  'POST /api/notices/{id}/objections': 'anyone may object to a public notice (Art. 10)',
  'POST /api/migration/systems/import': 'own organisation or city-wide: the service checks which before reading the file',
  'POST /api/migration/systems/import/preview': 'as the import',
  'POST /api/projects/{id}/documents': 'update (application documents) or file (filings) by the kind: checked before the file is stored',
};

const FAKE_ID = '7f3c1d8e-4b2a-4c6f-9e1d-2a3b4c5d6e7f';

interface Operation {
  route: string;
  url: string;
  method: 'post' | 'put' | 'patch';
  permission: [Action, SubjectName] | null;
  auth: boolean;
  multipart: boolean;
}

async function writeOperations(): Promise<Operation[]> {
  const doc = (await t.http.get('/api/openapi.json')).body;
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries<Record<string, any>>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(ops)) {
      if (!['post', 'put', 'patch'].includes(method) || !op.requestBody) continue;
      const params = (op.parameters ?? []) as { name: string; in: string; schema?: { format?: string; type?: string } }[];
      const url = path.replace(/\{(\w+)\}/g, (_m, name: string) => {
        const schema = params.find((p) => p.in === 'path' && p.name === name)?.schema;
        if (schema?.format === 'uuid') return FAKE_ID;
        return schema?.type === 'integer' || /number|lineNo/i.test(name) ? '1' : 'x';
      });
      out.push({
        route: `${method.toUpperCase()} ${path}`,
        url,
        method: method as Operation['method'],
        permission: op['x-permission'] ? (op['x-permission'].split(' ') as [Action, SubjectName]) : null,
        auth: (op.security ?? []).length > 0,
        multipart: !!op.requestBody.content['multipart/form-data'],
      });
    }
  }
  return out;
}

async function abilityOf(username: string) {
  const u = await t.platform.db.prisma.user.findUniqueOrThrow({ where: { username }, include: { org: true } });
  return defineAbilitiesFor({ id: u.id, username, role: u.role, orgId: u.orgId, jurisdiction: u.org.jurisdiction });
}

describe('permission before validation', () => {
  it('every write route with a body declares the permission a role needs, or is one every signed-in user may use', async () => {
    const ops = await writeOperations();
    expect(ops.length).toBeGreaterThan(70);
    const undeclared = ops.filter((o) => !o.permission).map((o) => o.route);
    expect(undeclared.sort()).toEqual(Object.keys(UNDECLARED).sort());
  });

  it('answers a role without the permission 403 without naming fields, and a role with it 400 with the fields', async () => {
    const ops = (await writeOperations()).filter((o) => o.auth);
    const tally = { forbidden: 0, invalid: 0, requests: 0 };
    const wrong: string[] = [];
    for (const username of USERS) {
      const ability = await abilityOf(username);
      const auth = await t.as(username);
      for (const op of ops) {
        const req = t.http[op.method](op.url).set(auth);
        const res = await (op.multipart ? req.field('zzUnknown', '1') : req.send({ zzUnknown: 1 }));
        tally.requests += 1;
        const allowed = !op.permission || ability.can(op.permission[0], op.permission[1]);
        if (res.status >= 500) wrong.push(`${username} ${op.route}: ${res.status}`);
        else if (!allowed && (res.status !== 403 || res.body.fields)) wrong.push(`${username} ${op.route}: ${res.status} ${res.body.code} (expected 403)`);
        else if (allowed && res.status === 403 && op.permission) wrong.push(`${username} ${op.route}: 403 although the role may ${op.permission.join(' ')}`);
        if (res.status === 403) tally.forbidden += 1;
        if (res.status === 400) tally.invalid += 1;
      }
    }
    expect(wrong).toEqual([]);
    // the sweep's figures (README "Hardening"): most role × route pairs are refused before validation
    expect(tally.forbidden).toBeGreaterThan(tally.requests / 2);
  });

  it('answers a malformed upload form of a role without the permission 403 too', async () => {
    // the security dossier's documents: only the owning department files them
    const res = await t.http.post(`/api/projects/${FAKE_ID}/security/documents`).set(await t.as('auditor')).field('zzUnknown', '1').attach('file', Buffer.alloc(1024), 'x.pdf');
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
  });
});

describe('invalid UTF-8 in JSON bodies', () => {
  const raw = async (bytes: Buffer) =>
    // the bytes as they are (superagent would serialise a Buffer as JSON)
    t.http.post('/api/projects').set(await t.as('dept')).set('Content-Type', 'application/json').serialize((b: Buffer) => b as unknown as string).send(bytes);
  /** a valid project whose name carries `bad` between two Chinese words */
  const body = (bad: Buffer) => {
    const [head, tail] = JSON.stringify({ ...BASICS, name: 'NAME' }).split('NAME') as [string, string];
    return Buffer.concat([Buffer.from(`${head}智慧`, 'utf8'), bad, Buffer.from(`教育${tail}`, 'utf8')]);
  };

  it('stores well-formed Chinese text as sent', async () => {
    const res = await raw(Buffer.from(JSON.stringify({ ...BASICS, name: '智慧教育平台升级（二期）' }), 'utf8'));
    expect(res.status).toBe(201);
    expect(res.body.name).toBe('智慧教育平台升级（二期）');
  });

  it.each([
    ['a lone continuation byte', Buffer.from([0x80])],
    ['a byte never used in UTF-8', Buffer.from([0xff, 0xfe])],
    ['an overlong encoding of "/"', Buffer.from([0xc0, 0xaf])],
    ['an encoded UTF-16 surrogate', Buffer.from([0xed, 0xa0, 0x80])],
    ['a Chinese character cut short', Buffer.from('智', 'utf8').subarray(0, 2)],
    ['GB18030 bytes sent as UTF-8', Buffer.from([0xd6, 0xc7, 0xbb, 0xdb])],
  ])('refuses %s with 400 INVALID_UTF8 and stores nothing', async (_what, bad) => {
    const before = await t.platform.db.prisma.project.count();
    const res = await raw(body(bad));
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: 'INVALID_UTF8', message: '请求体不是合法的 UTF-8 编码' });
    expect(await t.platform.db.prisma.project.count()).toBe(before);
  });
});
