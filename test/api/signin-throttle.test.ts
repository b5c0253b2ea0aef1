// Sign-in that resists abuse (README "Sign-in that resists abuse"): growing waits per username and address, per
// address and per account; the same answers for unknown and existing usernames; a password change ends the other
// sessions. Client addresses come from X-Forwarded-For here because the platform runs with TRUST_PROXY=true.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startTestPlatform, type TestPlatform } from '../support/platform.js';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform({
    TRUST_PROXY: 'true',
    SIGNIN_THROTTLE_AFTER: '3',
    SIGNIN_THROTTLE_BASE_SECONDS: '1',
    SIGNIN_THROTTLE_MAX_SECONDS: '60',
    SIGNIN_ADDRESS_THROTTLE_AFTER: '8',
    SIGNIN_ACCOUNT_THROTTLE_AFTER: '6',
  });
});
afterAll(() => t?.stop());

const login = (username: string, password: string, ip: string) =>
  t.http.post('/api/auth/login').set('X-Forwarded-For', ip).send({ username, password });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('throttling by username and address', () => {
  it('answers 429 with Retry-After after the failures allowed, and the wait grows with each further failure', async () => {
    for (let i = 0; i < 3; i++) expect((await login('county', 'Wrong-password-1', '10.0.0.1')).status).toBe(401);
    const first = await login('county', DEMO_PASSWORD, '10.0.0.1');
    expect(first.status).toBe(429);
    expect(first.body).toEqual({ code: 'SIGNIN_THROTTLED', message: '登录失败次数过多，请 1 秒后再试' });
    expect(first.headers['retry-after']).toBe('1');
    const en = await t.http.post('/api/auth/login').set('X-Forwarded-For', '10.0.0.1').set('Accept-Language', 'en').send({ username: 'county', password: 'x' });
    expect(en.body.message).toBe('Too many failed sign-ins; try again in 1 seconds');

    await sleep(1100);
    expect((await login('county', 'Wrong-password-1', '10.0.0.1')).status).toBe(401); // the wait is over: one more try
    const second = await login('county', DEMO_PASSWORD, '10.0.0.1');
    expect(second.status).toBe(429);
    expect(second.headers['retry-after']).toBe('2');
  });

  it('lets the right password in from another address while the attacked address waits', async () => {
    expect((await login('county', DEMO_PASSWORD, '10.0.0.1')).status).toBe(429);
    expect((await login('county', DEMO_PASSWORD, '10.0.0.2')).status).toBe(200);
  });

  it('makes an address that fails against many usernames wait', async () => {
    for (let i = 0; i < 8; i++) expect((await login(`guess${i}`, 'Wrong-password-1', '10.0.0.9')).status).toBe(401);
    const res = await login('dept', DEMO_PASSWORD, '10.0.0.9');
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('1');
    expect((await login('dept', DEMO_PASSWORD, '10.0.0.10')).status).toBe(200);
  });

  it('past the account-wide budget, new addresses wait but an address the account signed in from does not', async () => {
    expect((await login('finance', DEMO_PASSWORD, '10.2.0.1')).status).toBe(200); // the user's own address
    for (let a = 1; a <= 3; a++) {
      for (let i = 0; i < 2; i++) expect((await login('finance', 'Wrong-password-1', `10.1.0.${a}`)).status).toBe(401);
    }
    expect((await login('finance', DEMO_PASSWORD, '10.1.0.99')).status).toBe(429);
    expect((await login('finance', DEMO_PASSWORD, '10.2.0.1')).status).toBe(200);
  });
});

describe('unknown and existing usernames', () => {
  it('get the same status, code, message and Retry-After, failure by failure', async () => {
    const answers = async (username: string, ip: string) => {
      const out = [];
      for (let i = 0; i < 5; i++) {
        const res = await login(username, 'Wrong-password-1', ip);
        out.push({ status: res.status, body: res.body, retryAfter: res.headers['retry-after'] ?? null });
      }
      return out;
    };
    const existing = await answers('dept2', '10.3.0.1');
    const unknown = await answers('no-such-user', '10.3.0.2');
    expect(existing.map((a) => a.status)).toEqual([401, 401, 401, 429, 429]);
    expect(unknown).toEqual(existing);
  });

  it('take comparable time to answer a wrong password (a dummy hash is verified for unknown usernames)', async () => {
    const time = async (username: string, ip: string) => {
      const start = performance.now();
      expect((await login(username, 'Wrong-password-1', ip)).status).toBe(401);
      return performance.now() - start;
    };
    await time('auditor', '10.4.0.1'); // warm up
    const known = [], unknown = [];
    for (let i = 0; i < 2; i++) {
      known.push(await time('auditor', `10.4.1.${i}`));
      unknown.push(await time('nobody-at-all', `10.4.2.${i}`));
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.4);
  });
});

describe('password changes end sessions', () => {
  it('a change of one\'s own password ends the other sessions and keeps the current one; an administrator reset ends all', async () => {
    const current = { Authorization: `Bearer ${(await login('bdc', DEMO_PASSWORD, '10.5.0.1')).body.token}` };
    const other = { Authorization: `Bearer ${(await login('bdc', DEMO_PASSWORD, '10.5.0.2')).body.token}` };
    expect((await t.http.get('/api/auth/me').set(other)).status).toBe(200); // now cached
    const changed = await t.http.post('/api/auth/password').set(current).send({ currentPassword: DEMO_PASSWORD, newPassword: 'Better-Passw0rd' });
    expect(changed.status).toBe(204);
    expect((await t.http.get('/api/auth/me').set(other)).status).toBe(401);
    expect((await t.http.get('/api/auth/me').set(current)).status).toBe(200);

    const admin = await t.as('secadmin');
    const bdc = (await t.http.get('/api/users').query({ q: 'bdc' }).set(admin)).body.items.find((u: { username: string }) => u.username === 'bdc');
    const reset = await t.http.post(`/api/users/${bdc.id}/reset-password`).set(admin).send({ password: 'Reset-Passw0rd-9' });
    expect(reset.status).toBe(204);
    expect((await t.http.get('/api/auth/me').set(current)).status).toBe(401);
  });
});
