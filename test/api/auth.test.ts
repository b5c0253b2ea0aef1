// Sign-in, throttling (more in ./signin-throttle.test.ts), session expiry, sign-out, password change; and that each is audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startTestPlatform, type TestPlatform } from '../support/platform.js';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform({ SIGNIN_THROTTLE_AFTER: '3', SIGNIN_THROTTLE_BASE_SECONDS: '60', SESSION_IDLE_MINUTES: '30' });
});
afterAll(() => t?.stop());

const login = (username: string, password: string) => t.http.post('/api/auth/login').send({ username, password });

describe('sign-in', () => {
  it('returns a bearer token and the user; the token works on /api/auth/me', async () => {
    const res = await login('dept', DEMO_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body.token).toMatch(/^zy_/);
    expect(res.body.user).toMatchObject({ username: 'dept', role: 'DEPT_USER', orgCode: 'EDU', orgName: '运城市教育局', orgKind: 'DEPARTMENT' });
    expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|argon2/);
    const me = await t.http.get('/api/auth/me').set('Authorization', `Bearer ${res.body.token}`);
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe('dept');
  });

  it('sends the console areas the permissions open and the home page, the same at sign-in and from /api/auth/me', async () => {
    for (const [username, areas, home] of [
      ['dept2', ['todo', 'portal', 'migrationOwn', 'surveyOwn'], '/portal/projects'],
      ['finance', ['todo', 'review', 'revisionApproval', 'revisions', 'surveyOwn', 'spotChecks'], '/review/queue'],
      ['auditor', ['todo', 'oversight', 'revisions', 'migrationBoard', 'assessments', 'audit', 'deliveries', 'workbench'], '/audit'],
    ] as const) {
      const res = await login(username, DEMO_PASSWORD);
      expect(res.status).toBe(200);
      expect({ areas: res.body.areas, home: res.body.home }).toEqual({ areas, home });
      const me = await t.http.get('/api/auth/me').set('Authorization', `Bearer ${res.body.token}`);
      expect({ areas: me.body.areas, home: me.body.home }).toEqual({ areas, home });
    }
  });

  it('answers a wrong password and an unknown user the same way', async () => {
    const wrong = await login('dept2', 'Wrong-password-1');
    const unknown = await login('nobody', 'Wrong-password-1');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    expect(wrong.body.message).toBe('用户名或密码错误');
  });

  it('makes further attempts wait after repeated failures, even with the right password, until a security administrator unlocks', async () => {
    for (let i = 0; i < 3; i++) expect((await login('county', 'Wrong-password-1')).status).toBe(401);
    const right = await login('county', DEMO_PASSWORD);
    expect(right.status).toBe(429);
    expect(right.body.code).toBe('SIGNIN_THROTTLED');
    expect(right.body.message).toMatch(/^登录失败次数过多，请 \d+ 秒后再试$/);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(50);

    const users = await t.http.get('/api/users').query({ q: 'county' }).set(await t.as('secadmin'));
    const county = users.body.items.find((u: { username: string }) => u.username === 'county');
    expect(county.lockedUntil).not.toBeNull();
    expect((await t.http.post(`/api/users/${county.id}/unlock`).set(await t.as('secadmin'))).status).toBe(200);
    expect((await login('county', DEMO_PASSWORD)).status).toBe(200);
  });

  it('audits successful and failed sign-ins with who and from where', async () => {
    const res = await t.http.get('/api/audit/events').query({ action: 'auth.login', actor: 'county' }).set(await t.as('auditor'));
    const outcomes = res.body.items.map((e: { outcome: string }) => e.outcome).reverse();
    expect(outcomes).toEqual(['FAILURE', 'FAILURE', 'FAILURE', 'DENIED', 'SUCCESS']);
    expect(res.body.items[0].ip).toBeTruthy();
  });
});

describe('sessions', () => {
  it('expires a session idle for longer than the idle timeout', async () => {
    const token = (await login('gia', DEMO_PASSWORD)).body.token;
    await t.platform.db.pool.query(`UPDATE session SET "lastSeenAt" = now() - interval '31 minutes' WHERE "revokedAt" IS NULL AND "userId" = (SELECT id FROM app_user WHERE username = 'gia')`);
    const res = await t.http.get('/api/auth/me').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('SESSION_EXPIRED');
  });

  it('expires a session past its absolute lifetime even when active', async () => {
    const token = (await login('finance', DEMO_PASSWORD)).body.token;
    await t.platform.db.pool.query(`UPDATE session SET "expiresAt" = now() - interval '1 second' WHERE "userId" = (SELECT id FROM app_user WHERE username = 'finance')`);
    expect((await t.http.get('/api/auth/me').set('Authorization', `Bearer ${token}`)).status).toBe(401);
  });

  it('ends the session on sign-out', async () => {
    const token = (await login('bdc', DEMO_PASSWORD)).body.token;
    expect((await t.http.post('/api/auth/logout').set('Authorization', `Bearer ${token}`)).status).toBe(204);
    expect((await t.http.get('/api/auth/me').set('Authorization', `Bearer ${token}`)).status).toBe(401);
  });

  it('refuses a made-up token', async () => {
    const res = await t.http.get('/api/auth/me').set('Authorization', 'Bearer zy_made-up');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
  });

  it('stores only a hash of the token', async () => {
    const token = (await login('dept2', DEMO_PASSWORD)).body.token as string;
    const { rows } = await t.platform.db.pool.query('SELECT "tokenHash" FROM session');
    expect(rows.some((r) => r.tokenHash === token)).toBe(false);
  });
});

describe('password change', () => {
  it('enforces the policy; the old password no longer signs in, the new one does', async () => {
    const token = (await login('dept2', DEMO_PASSWORD)).body.token;
    const auth = { Authorization: `Bearer ${token}` };
    const weak = await t.http.post('/api/auth/password').set(auth).send({ currentPassword: DEMO_PASSWORD, newPassword: 'short' });
    expect(weak.status).toBe(422);
    expect(weak.body.code).toBe('WEAK_PASSWORD');
    const wrong = await t.http.post('/api/auth/password').set(auth).send({ currentPassword: 'Not-the-pass-1', newPassword: 'Better-Passw0rd' });
    expect(wrong.status).toBe(403);
    const ok = await t.http.post('/api/auth/password').set(auth).send({ currentPassword: DEMO_PASSWORD, newPassword: 'Better-Passw0rd' });
    expect(ok.status).toBe(204);
    expect((await login('dept2', DEMO_PASSWORD)).status).toBe(401);
    expect((await login('dept2', 'Better-Passw0rd')).status).toBe(200);
  });
});

describe('session cache', () => {
  it('forgets a signed-out session at once, though sessions are cached for a few seconds', async () => {
    const token = (await login('auditor', DEMO_PASSWORD)).body.token;
    const auth = { Authorization: `Bearer ${token}` };
    expect((await t.http.get('/api/auth/me').set(auth)).status).toBe(200); // now cached
    expect((await t.http.post('/api/auth/logout').set(auth)).status).toBe(204);
    expect((await t.http.get('/api/auth/me').set(auth)).status).toBe(401);
  });

  it('forgets an account whose role changes at once', async () => {
    // a county's department: a department user there may become a county user (accounts/role-rules.ts)
    const org = await t.http.post('/api/orgs').set(await t.as('admin')).send({ code: 'AUTH_YH_DEPT', name: '盐湖区某局', kind: 'DEPARTMENT', jurisdiction: 'YANHU' });
    const created = await t.http.post('/api/users').set(await t.as('admin')).send({ username: 'yh.dept', displayName: '县直部门用户', role: 'DEPT_USER', orgId: org.body.id, password: DEMO_PASSWORD });
    expect(created.status, created.text).toBe(201);
    const token = (await login('yh.dept', DEMO_PASSWORD)).body.token;
    const auth = { Authorization: `Bearer ${token}` };
    expect((await t.http.get('/api/auth/me').set(auth)).status).toBe(200);
    const me = (await t.http.get('/api/users').query({ q: 'yh.dept' }).set(await t.as('secadmin'))).body.items.find((u: { username: string }) => u.username === 'yh.dept');
    const res = await t.http.patch(`/api/users/${me.id}`).set(await t.as('secadmin')).set('If-Match', `"v${me.version}"`).send({ role: 'COUNTY_USER' });
    expect(res.status).toBe(200);
    expect((await t.http.get('/api/auth/me').set(auth)).status).toBe(401);
  });
});
