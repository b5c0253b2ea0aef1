// Separation of duties (issue 19, finding 1), replayed: every role × organisation kind and jurisdiction on create and
// on change, by whichever administrator; 三员分立; nobody decides on a matter of their own organisation; and the
// accounts made before the rules. The expected table is written out here, not read from accounts/role-rules.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../accounts/passwords.js';
import { ALL_PASS } from '../support/projects.js';
import { projectIn, reread } from '../support/project-factories.js';
import { apiOf, type Api } from '../support/scene.js';
import { DEMO_PASSWORD, startTestPlatform, type TestPlatform } from '../support/platform.js';

type Role = 'SYSADMIN' | 'SECADMIN' | 'AUDITOR' | 'GIA_REVIEWER' | 'FINANCE_REVIEWER' | 'BDC_OPERATOR' | 'DEPT_USER' | 'COUNTY_USER';
const ADMINS: Role[] = ['SYSADMIN', 'SECADMIN', 'AUDITOR'];
const BUSINESS: Role[] = ['GIA_REVIEWER', 'FINANCE_REVIEWER', 'BDC_OPERATOR', 'DEPT_USER', 'COUNTY_USER'];

/** Every kind of organisation, in the city and in a county (盐湖区); the county's own organisation is its own. */
const PLACES = ['GIA@CITY', 'GIA@YANHU', 'FINANCE@CITY', 'FINANCE@YANHU', 'BDC@CITY', 'BDC@YANHU', 'DEPARTMENT@CITY', 'DEPARTMENT@YANHU', 'COUNTY@YANHU'] as const;
type Place = (typeof PLACES)[number];

/** Where each role is valid. */
const VALID: Record<Role, Place[]> = {
  SYSADMIN: ['GIA@CITY', 'BDC@CITY'],
  SECADMIN: ['GIA@CITY', 'BDC@CITY'],
  AUDITOR: ['GIA@CITY', 'BDC@CITY'],
  GIA_REVIEWER: ['GIA@CITY', 'GIA@YANHU'],
  FINANCE_REVIEWER: ['FINANCE@CITY', 'FINANCE@YANHU'],
  BDC_OPERATOR: ['BDC@CITY'],
  DEPT_USER: ['DEPARTMENT@CITY', 'DEPARTMENT@YANHU'],
  COUNTY_USER: ['COUNTY@YANHU', 'DEPARTMENT@YANHU'],
};
const fits = (role: Role, place: Place) => VALID[role].includes(place);

let t: TestPlatform;
let api: Api;
const orgOf = new Map<Place, string>();
const demoOrg = new Map<string, string>();
let seq = 0;
const uname = (p: string) => `${p}${++seq}.${Date.now() % 100000}`;

const as = async (who: string) => t.as(who);
async function createUser(who: string, role: Role, orgId: string, username = uname('sod')) {
  return t.http.post('/api/users').set(await as(who)).send({ username, displayName: '职责分离测试', role, orgId, password: DEMO_PASSWORD });
}
async function patchUser(who: string, id: string, body: object) {
  const current = await t.http.get(`/api/users/${id}`).set(await as('admin'));
  return t.http.patch(`/api/users/${id}`).set(await as(who)).set('If-Match', current.headers.etag).send(body);
}
const userId = async (username: string) => (await t.http.get('/api/users').query({ q: username }).set(await as('admin'))).body.items.find((u: { username: string }) => u.username === username).id as string;

beforeAll(async () => {
  t = await startTestPlatform();
  api = apiOf(t);
  const orgs = (await t.http.get('/api/orgs').set(await as('admin'))).body.items as { id: string; code: string }[];
  for (const o of orgs) demoOrg.set(o.code, o.id);
  orgOf.set('GIA@CITY', demoOrg.get('GIA')!);
  orgOf.set('GIA@YANHU', demoOrg.get('YANHU_GIA')!);
  orgOf.set('FINANCE@CITY', demoOrg.get('FIN')!);
  orgOf.set('FINANCE@YANHU', demoOrg.get('YANHU_FIN')!);
  orgOf.set('BDC@CITY', demoOrg.get('BDC')!);
  orgOf.set('DEPARTMENT@CITY', demoOrg.get('EDU')!);
  orgOf.set('COUNTY@YANHU', demoOrg.get('YANHU')!);
  for (const [place, body] of [
    ['BDC@YANHU', { code: 'SOD_YH_BDC', name: '盐湖区数据中心', kind: 'BDC', jurisdiction: 'YANHU' }],
    ['DEPARTMENT@YANHU', { code: 'SOD_YH_EDU', name: '盐湖区教育局', kind: 'DEPARTMENT', jurisdiction: 'YANHU' }],
  ] as const) {
    const res = await t.http.post('/api/orgs').set(await as('admin')).send(body);
    expect(res.status, res.text).toBe(201);
    orgOf.set(place, res.body.id);
  }
});
afterAll(() => t?.stop());

describe('the finding, reproduced', () => {
  it('the system administrator cannot create a GIA reviewer inside a department (422 ROLE_NOT_VALID_FOR_ORG at role, zh-CN and en)', async () => {
    const res = await createUser('admin', 'GIA_REVIEWER', demoOrg.get('EDU')!);
    expect(res.status, res.text).toBe(422);
    expect(res.body).toMatchObject({ code: 'ROLE_NOT_VALID_FOR_ORG', fields: [{ path: 'role', code: 'field.role_not_valid_for_org', label: '角色', message: '不适用于市直部门「运城市教育局」' }] });
    expect(res.body.message).toBe('职责分离：角色「政务信息管理局审核员」不能设在市直部门「运城市教育局」，该角色只属于相应类型和辖区的单位');
    const en = await t.http.post('/api/users').set(await as('admin')).set('Accept-Language', 'en').send({ username: uname('sod'), displayName: 'x', role: 'FINANCE_REVIEWER', orgId: demoOrg.get('EDU'), password: DEMO_PASSWORD });
    expect(en.status).toBe(422);
    expect(en.body.message).toBe('Separation of duties: the role Finance reviewer is not valid in 运城市教育局 (Municipal department); each role belongs to its own kind of organisation and jurisdiction');
    expect((await t.http.get('/api/users').query({ q: 'sod' }).set(await as('admin'))).body.items.filter((u: { role: string }) => u.role !== 'DEPT_USER')).toEqual([]);
  });

  it('the security administrator cannot turn a department user into a GIA reviewer; the system administrator cannot assign roles at all', async () => {
    const created = await createUser('admin', 'DEPT_USER', demoOrg.get('EDU')!);
    expect(created.status, created.text).toBe(201);
    const res = await patchUser('secadmin', created.body.id, { role: 'GIA_REVIEWER' });
    expect(res.status, res.text).toBe(422);
    expect(res.body).toMatchObject({ code: 'ROLE_NOT_VALID_FOR_ORG', fields: [{ path: 'role' }] });
    expect((await patchUser('admin', created.body.id, { role: 'GIA_REVIEWER' })).body.code).toBe('FORBIDDEN_FIELD');
    expect((await t.http.get(`/api/users/${created.body.id}`).set(await as('admin'))).body.role).toBe('DEPT_USER');
  });

  it('a reviewer whose organisation co-builds a project cannot review it (403 OWN_ORGANISATION_DECISION); the decision is offered disabled with the reason', async () => {
    const p = await projectIn(api, 'GIA_REVIEW', { overrides: { name: '政务信息管理局共建项目', coBuildingOrgIds: [demoOrg.get('GIA')] } });
    const view = await t.http.get(`/api/projects/${p.id}`).set(await as('gia'));
    expect(view.body.allowedActions.find((a: { action: string }) => a.action === 'review')).toMatchObject({ enabled: false, reason: { code: 'OWN_ORGANISATION_DECISION' } });
    const res = await t.http.post(`/api/projects/${p.id}/review`).set(await as('gia')).set('If-Match', view.headers.etag).send({ decision: 'APPROVE', dimensions: ALL_PASS });
    expect(res.status, res.text).toBe(403);
    expect(res.body).toMatchObject({ code: 'OWN_ORGANISATION_DECISION', message: '职责分离：不能对本单位的事项作出审核或决定，请由其他单位的审核人员办理' });
    expect((await reread(api, p)).body.status).toBe('GIA_REVIEW');
    const denied = await t.http.get('/api/audit/events').query({ action: 'access.denied', limit: 50 }).set(await as('auditor'));
    expect(denied.body.items).toContainEqual(expect.objectContaining({ actorName: 'gia', detail: expect.objectContaining({ reason: 'OWN_ORGANISATION_DECISION', object: `Project:${p.id}` }) }));
  });

  it('nor can the budget reviewer of a finance bureau that leads the project', async () => {
    const p = await projectIn(api, 'BUDGET_REVIEW', { overrides: { name: '财政局牵头项目', leadOrgId: demoOrg.get('FIN') } });
    const res = await t.http.post(`/api/projects/${p.id}/budget-review`).set(await as('finance')).set('If-Match', p.etag).send({ decision: 'APPROVE', approvedAmount: 700000 });
    expect(res.status, res.text).toBe(403);
    expect(res.body.code).toBe('OWN_ORGANISATION_DECISION');
    expect((await reread(api, p)).body.status).toBe('BUDGET_REVIEW');
  });

  it('a project of another organisation is still decided as before', async () => {
    const p = await projectIn(api, 'BUDGET_REVIEW', { overrides: { name: '普通项目' } });
    expect(p.body.status).toBe('BUDGET_REVIEW');
  });
});

describe('every role × organisation kind and jurisdiction', () => {
  it('on create by the system administrator: a business role where it fits (201), else 422 at role; administrator roles never (403)', async () => {
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const role of [...ADMINS, ...BUSINESS]) {
      for (const place of PLACES) {
        const res = await createUser('admin', role, orgOf.get(place)!);
        outcomes.push(`${role} in ${place}: ${res.status} ${res.status === 201 ? '' : res.body.code}${res.body.fields ? ` @${res.body.fields[0].path}` : ''}`);
        const want = ADMINS.includes(role) ? '403 FORBIDDEN' : fits(role, place) ? '201 ' : '422 ROLE_NOT_VALID_FOR_ORG @role';
        expected.push(`${role} in ${place}: ${want}`);
      }
    }
    expect(outcomes).toEqual(expected);
  });

  it('on a role change by the security administrator: a business role that fits the account’s organisation (200), else 422 at role; administrator roles 422 ADMIN_ROLE_SEPARATED', async () => {
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const place of PLACES) {
      const home = BUSINESS.find((r) => fits(r, place));
      if (!home) continue; // no business account can live there (a county's sub-center): creation refused above
      const created = await createUser('admin', home, orgOf.get(place)!);
      expect(created.status, created.text).toBe(201);
      for (const role of [...BUSINESS, ...ADMINS]) {
        const res = await patchUser('secadmin', created.body.id, { role });
        outcomes.push(`${home}→${role} in ${place}: ${res.status}${res.status === 200 ? '' : ` ${res.body.code} @${res.body.fields?.[0]?.path}`}`);
        const want = ADMINS.includes(role) ? ' ADMIN_ROLE_SEPARATED @role' : fits(role, place) ? '' : ' ROLE_NOT_VALID_FOR_ORG @role';
        expected.push(`${home}→${role} in ${place}: ${want ? 422 : 200}${want}`);
        if (res.status === 200 && role !== home) expect((await patchUser('secadmin', created.body.id, { role: home })).status).toBe(200);
      }
    }
    expect(outcomes).toEqual(expected);
  });

  it('on a move to another organisation by the system administrator: where the role fits (200), else 422 at orgId', async () => {
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const role of BUSINESS) {
      const home = VALID[role][0]!;
      const created = await createUser('admin', role, orgOf.get(home)!);
      expect(created.status, created.text).toBe(201);
      for (const place of PLACES) {
        const res = await patchUser('admin', created.body.id, { orgId: orgOf.get(place) });
        outcomes.push(`${role} to ${place}: ${res.status}${res.status === 200 ? '' : ` ${res.body.code} @${res.body.fields?.[0]?.path}`}`);
        expected.push(`${role} to ${place}: ${fits(role, place) ? '200' : '422 ROLE_NOT_VALID_FOR_ORG @orgId'}`);
        if (res.status === 200) expect((await patchUser('admin', created.body.id, { orgId: orgOf.get(home) })).status).toBe(200);
      }
    }
    expect(outcomes).toEqual(expected);
  });

  it('an organisation cannot become a kind or jurisdiction its accounts do not fit (409 ORG_MEMBERS_ROLE_CONFLICT)', async () => {
    const gia = (await t.http.get('/api/orgs').query({ q: 'YANHU_GIA' }).set(await as('admin'))).body.items[0];
    const res = await t.http.patch(`/api/orgs/${gia.id}`).set(await as('admin')).set('If-Match', `"v${gia.version}"`).send({ kind: 'DEPARTMENT' });
    expect(res.status, res.text).toBe(409);
    expect(res.body).toMatchObject({ code: 'ORG_MEMBERS_ROLE_CONFLICT' });
    expect(res.body.message).toContain('政务信息管理局审核员');
    // a department moving between the city and a county keeps its department users (they fit either)
    const health = (await t.http.get('/api/orgs').query({ q: 'HEALTH' }).set(await as('admin'))).body.items[0];
    const moved = await t.http.patch(`/api/orgs/${health.id}`).set(await as('admin')).set('If-Match', `"v${health.version}"`).send({ jurisdiction: 'YANHU' });
    expect(moved.status, moved.text).toBe(200);
    expect((await t.http.patch(`/api/orgs/${health.id}`).set(await as('admin')).set('If-Match', moved.headers.etag).send({ jurisdiction: 'CITY' })).status).toBe(200);
  });
});

describe('三员分立: the three administrators stay apart', () => {
  it('no account becomes an administrator, no administrator becomes anything else, and nobody changes their own role', async () => {
    const created = await createUser('admin', 'BDC_OPERATOR', demoOrg.get('BDC')!);
    for (const role of ADMINS) {
      const res = await patchUser('secadmin', created.body.id, { role });
      expect(res.status, role).toBe(422);
      expect(res.body).toMatchObject({ code: 'ADMIN_ROLE_SEPARATED', fields: [{ path: 'role' }] });
    }
    for (const [username, role] of [['admin', 'AUDITOR'], ['auditor', 'SECADMIN'], ['admin', 'BDC_OPERATOR']] as const) {
      const res = await patchUser('secadmin', await userId(username), { role });
      expect(res.status, `${username}→${role}`).toBe(422);
      expect(res.body.code).toBe('ADMIN_ROLE_SEPARATED');
    }
    expect((await patchUser('secadmin', await userId('secadmin'), { role: 'SYSADMIN' })).status).toBe(403);
    expect((await patchUser('admin', await userId('admin'), { displayName: 'x' })).status).toBe(403);
  });

  it('the security administrator cannot set another administrator’s password (and so sign in as them); business accounts still', async () => {
    for (const username of ['admin', 'auditor']) {
      const res = await t.http.post(`/api/users/${await userId(username)}/reset-password`).set(await as('secadmin')).send({ password: 'Taken-Over-Passw0rd!' });
      expect(res.status, username).toBe(403);
    }
    expect((await t.http.post('/api/auth/login').send({ username: 'auditor', password: 'Taken-Over-Passw0rd!' })).status).toBe(401);
    const clerk = await createUser('admin', 'DEPT_USER', demoOrg.get('EDU')!);
    expect((await t.http.post(`/api/users/${clerk.body.id}/reset-password`).set(await as('secadmin')).send({ password: 'Reset-Passw0rd!' })).status).toBe(204);
  });
});

describe('accounts made before the rules', () => {
  it('can sign in but cannot act, are listed for the administrators, and are put right by a fitting role', async () => {
    // as an earlier version let the system administrator make it: a GIA reviewer inside a department
    const username = uname('legacy');
    await t.platform.db.prisma.user.create({
      data: { username, displayName: '旧账号', role: 'GIA_REVIEWER', orgId: demoOrg.get('EDU')!, passwordHash: await hashPassword(DEMO_PASSWORD) },
    });
    const p = await projectIn(api, 'GIA_REVIEW', { overrides: { name: '本单位项目' } });
    const review = await t.http.post(`/api/projects/${p.id}/review`).set(await as(username)).set('If-Match', p.etag).send({ decision: 'APPROVE', dimensions: ALL_PASS });
    expect([403, 404]).toContain(review.status);
    expect((await reread(api, p)).body.status).toBe('GIA_REVIEW');
    const queues = await t.http.get('/api/projects/queues').set(await as(username));
    expect(JSON.stringify(queues.body)).not.toContain(p.id);

    const conflicts = await t.http.get('/api/users').query({ dutyConflict: 'true', pageSize: 200 }).set(await as('secadmin'));
    expect(conflicts.status).toBe(200);
    expect(conflicts.body.items.map((u: { username: string }) => u.username)).toEqual([username]);
    const fitting = await t.http.get('/api/users').query({ dutyConflict: 'false', q: username }).set(await as('admin'));
    expect(fitting.body.items).toEqual([]);

    // the security administrator gives it the role that fits its department; it then acts as a department user
    const id = await userId(username);
    expect((await patchUser('secadmin', id, { role: 'DEPT_USER' })).status).toBe(200);
    expect((await t.http.get('/api/users').query({ dutyConflict: 'true' }).set(await as('admin'))).body.items).toEqual([]);
  });
});
