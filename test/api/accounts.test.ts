// Separated administrator duties over organisations and accounts, with field-level rules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startTestPlatform, type TestPlatform } from '../support/platform.js';

let t: TestPlatform;
let eduId: string;
beforeAll(async () => {
  t = await startTestPlatform();
  const orgs = await t.http.get('/api/orgs').set(await t.as('admin'));
  eduId = orgs.body.items.find((o: { code: string }) => o.code === 'EDU').id;
});
afterAll(() => t?.stop());

const newUser = (username: string, role = 'DEPT_USER') => ({ username, displayName: '新用户', role, orgId: eduId, password: 'Initial-Passw0rd' });

describe('system administrator', () => {
  it('creates a business account that can sign in', async () => {
    const res = await t.http.post('/api/users').set(await t.as('admin')).send(newUser('edu.clerk'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ username: 'edu.clerk', role: 'DEPT_USER', org: { code: 'EDU' } });
    expect(res.body).not.toHaveProperty('passwordHash');
    expect((await t.http.post('/api/auth/login').send({ username: 'edu.clerk', password: 'Initial-Passw0rd' })).status).toBe(200);
  });

  it('cannot create administrator accounts or assign roles', async () => {
    expect((await t.http.post('/api/users').set(await t.as('admin')).send(newUser('sneaky', 'SECADMIN'))).status).toBe(403);
    const u = await t.http.get('/api/users').query({ q: 'edu.clerk' }).set(await t.as('admin'));
    const target = u.body.items[0];
    const res = await t.http.patch(`/api/users/${target.id}`).set(await t.as('admin')).set('If-Match', `"v${target.version}"`).send({ role: 'GIA_REVIEWER' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN_FIELD');
    expect(res.body.fields).toEqual([expect.objectContaining({ path: 'role', code: 'FORBIDDEN_FIELD', message: expect.any(String) })]);
  });

  it('refuses a duplicate username and a weak password', async () => {
    expect((await t.http.post('/api/users').set(await t.as('admin')).send(newUser('edu.clerk'))).status).toBe(409);
    const weak = await t.http.post('/api/users').set(await t.as('admin')).send({ ...newUser('edu.weak'), password: 'password' });
    expect(weak.status).toBe(422);
    expect(weak.body.fields[0].path).toBe('password');
  });

  it('manages organisations with optimistic concurrency', async () => {
    const created = await t.http.post('/api/orgs').set(await t.as('admin')).send({ code: 'CULTURE', name: '运城市文化和旅游局', kind: 'DEPARTMENT' });
    expect(created.status).toBe(201);
    const ok = await t.http.patch(`/api/orgs/${created.body.id}`).set(await t.as('admin')).set('If-Match', '"v1"').send({ nameEn: 'Culture and Tourism Bureau' });
    expect(ok.status).toBe(200);
    const stale = await t.http.patch(`/api/orgs/${created.body.id}`).set(await t.as('admin')).set('If-Match', '"v1"').send({ nameEn: 'x' });
    expect(stale.status).toBe(412);
    expect((await t.http.post('/api/orgs').set(await t.as('secadmin')).send({ code: 'X1', name: 'x', kind: 'DEPARTMENT' })).status).toBe(403);
  });
});

describe('security administrator', () => {
  it('changes roles (ending the account’s sessions) but not profiles, and never their own account', async () => {
    // a county's department: both a department user and a county user fit it (accounts/role-rules.ts)
    const org = await t.http.post('/api/orgs').set(await t.as('admin')).send({ code: 'YH_CLERKS', name: '盐湖区某局', kind: 'DEPARTMENT', jurisdiction: 'YANHU' });
    expect((await t.http.post('/api/users').set(await t.as('admin')).send({ ...newUser('yh.clerk'), orgId: org.body.id })).status).toBe(201);
    const clerkToken = (await t.http.post('/api/auth/login').send({ username: 'yh.clerk', password: 'Initial-Passw0rd' })).body.token;
    const u = (await t.http.get('/api/users').query({ q: 'yh.clerk' }).set(await t.as('secadmin'))).body.items[0];
    const profile = await t.http.patch(`/api/users/${u.id}`).set(await t.as('secadmin')).set('If-Match', `"v${u.version}"`).send({ displayName: 'x' });
    expect(profile.status).toBe(403);
    const role = await t.http.patch(`/api/users/${u.id}`).set(await t.as('secadmin')).set('If-Match', `"v${u.version}"`).send({ role: 'COUNTY_USER' });
    expect(role.status).toBe(200);
    expect(role.body.role).toBe('COUNTY_USER');
    expect((await t.http.get('/api/auth/me').set('Authorization', `Bearer ${clerkToken}`)).status).toBe(401);
    // a role that does not fit the organisation is refused, whoever asks (test/security/separation-of-duties.test.ts)
    const misfit = await t.http.patch(`/api/users/${u.id}`).set(await t.as('secadmin')).set('If-Match', `"v${role.body.version}"`).send({ role: 'GIA_REVIEWER' });
    expect(misfit.status).toBe(422);
    expect(misfit.body.code).toBe('ROLE_NOT_VALID_FOR_ORG');

    const me = (await t.http.get('/api/users').query({ q: 'secadmin' }).set(await t.as('secadmin'))).body.items[0];
    const self = await t.http.patch(`/api/users/${me.id}`).set(await t.as('secadmin')).set('If-Match', `"v${me.version}"`).send({ role: 'SYSADMIN' });
    expect(self.status).toBe(403);
  });

  it('resets a password, which ends the sessions of that account', async () => {
    const u = (await t.http.get('/api/users').query({ q: 'edu.clerk' }).set(await t.as('secadmin'))).body.items[0];
    expect((await t.http.post(`/api/users/${u.id}/reset-password`).set(await t.as('secadmin')).send({ password: 'Reset-Passw0rd!' })).status).toBe(204);
    expect((await t.http.post('/api/auth/login').send({ username: 'edu.clerk', password: 'Reset-Passw0rd!' })).status).toBe(200);
    expect((await t.http.post(`/api/users/${u.id}/reset-password`).set(await t.as('admin')).send({ password: 'Reset-Passw0rd!' })).status).toBe(403);
  });
});

describe('who sees which accounts and fields', () => {
  it('shows a department user only their own account', async () => {
    const res = await t.http.get('/api/users').set(await t.as('dept'));
    expect(res.body.items.map((u: { username: string }) => u.username)).toEqual(['dept']);
    const others = await t.http.get('/api/users').set(await t.as('admin'));
    const gia = others.body.items.find((u: { username: string }) => u.username === 'gia');
    expect((await t.http.get(`/api/users/${gia.id}`).set(await t.as('dept'))).status).toBe(404);
  });

  it('shows the auditor every account with security fields, and lets the auditor change nothing', async () => {
    const res = await t.http.get('/api/users').query({ pageSize: 200 }).set(await t.as('auditor'));
    expect(res.body.total).toBeGreaterThanOrEqual(9);
    expect(res.body.items[0]).toHaveProperty('failedLogins');
    const dept = res.body.items.find((u: { username: string }) => u.username === 'dept');
    const patch = await t.http.patch(`/api/users/${dept.id}`).set(await t.as('auditor')).set('If-Match', `"v${dept.version}"`).send({ disabled: true });
    expect(patch.status).toBe(403);
  });

  it('disabling an account refuses its sign-in', async () => {
    const list = await t.http.get('/api/users').query({ q: 'county' }).set(await t.as('admin'));
    const county = list.body.items.find((u: { username: string }) => u.username === 'county');
    const res = await t.http.patch(`/api/users/${county.id}`).set(await t.as('admin')).set('If-Match', `"v${county.version}"`).send({ disabled: true });
    expect(res.status).toBe(200);
    const login = await t.http.post('/api/auth/login').send({ username: 'county', password: DEMO_PASSWORD });
    expect(login.status).toBe(403);
    expect(login.body.code).toBe('ACCOUNT_DISABLED');
  });
});
