// Sign-in abuse (issue 19, part 10; finding 3): wrong passwords must not lock anyone out: not a burst from one
// address against every account, not a slow spray against the administrator from many addresses. The rightful user
// still signs in from their own address; the attacker's address is the one made to wait (429 + Retry-After); no
// answer ever tells an existing username from an unknown one, and no answer is a 423 lockout. Client addresses come
// from X-Forwarded-For (TRUST_PROXY=true, as behind the ingress). Thresholds are the defaults except the
// account-wide budget, lowered from 100 to 20 so that the distributed attack stays short.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startTestPlatform, type TestPlatform } from '../support/platform.js';
import { Tally } from './support/tally.js';

let t: TestPlatform;
const tally = new Tally('Sign-in abuse: attempts and answers per attack', ['2xx', '401', '429', 'other 4xx', '≥500']);
const DEMO_USERS = ['admin', 'secadmin', 'auditor', 'gia', 'finance', 'bdc', 'dept', 'dept2', 'county', 'county-gia', 'county-finance'];
const WRONG = 'Wrong-Passw0rd-1';

beforeAll(async () => {
  t = await startTestPlatform({ TRUST_PROXY: 'true', SIGNIN_ACCOUNT_THROTTLE_AFTER: '20' });
}, 120_000);
afterAll(() => {
  tally.print();
  return t?.stop();
});

async function login(cls: string, username: string, password: string, ip: string) {
  const res = await t.http.post('/api/auth/login').set('X-Forwarded-For', ip).send({ username, password });
  tally.add({ cls, route: 'POST /api/auth/login', status: res.status, code: res.body?.code });
  expect(res.status, `${username} from ${ip}: ${res.text}`).not.toBe(423);
  expect(res.status).toBeLessThan(500);
  return { status: res.status, body: res.body, retryAfter: (res.headers['retry-after'] as string | undefined) ?? null };
}

describe('wrong passwords cannot be used to lock users out', () => {
  it('a burst of 60 wrong passwords from one address against every account: that address waits (429), every user still signs in from their own', async () => {
    const answers = [];
    for (let i = 0; i < 60; i++) answers.push(await login('burst from one address (60 × all accounts)', DEMO_USERS[i % DEMO_USERS.length]!, WRONG, '198.51.100.7'));
    const throttled = answers.filter((a) => a.status === 429);
    expect(answers.every((a) => [401, 429].includes(a.status))).toBe(true);
    expect(throttled.length, 'the attacking address is made to wait').toBeGreaterThan(0);
    for (const a of throttled) {
      expect(a.body.code).toBe('SIGNIN_THROTTLED');
      expect(Number(a.retryAfter)).toBeGreaterThan(0);
    }
    // the right password from the attacker's address is not let through while it waits
    expect((await login('burst from one address (60 × all accounts)', 'dept', DEMO_PASSWORD, '198.51.100.7')).status).toBe(429);
    for (const [i, u] of DEMO_USERS.entries()) expect((await login('rightful users after the burst', u, DEMO_PASSWORD, `203.0.113.${10 + i}`)).status, u).toBe(200);
  }, 120_000);

  it('five wrong administrator passwords from anyone do not keep the administrator out', async () => {
    for (let i = 0; i < 5; i++) expect((await login('5 × admin from one address', 'admin', WRONG, '198.51.100.20')).status).toBe(401);
    expect((await login('5 × admin from one address', 'admin', DEMO_PASSWORD, '198.51.100.20')).status).toBe(429);
    expect((await login('rightful users after the burst', 'admin', DEMO_PASSWORD, '203.0.113.50')).status).toBe(200);
  });

  it('a spray against the administrator from 30 addresses (one try each): new addresses wait, the administrator’s own address does not', async () => {
    expect((await login('rightful users after the spray', 'secadmin', DEMO_PASSWORD, '203.0.113.60')).status).toBe(200); // the user's own address
    for (let i = 1; i <= 30; i++) {
      const res = await login('spray against secadmin (30 addresses)', 'secadmin', WRONG, `192.0.2.${i}`);
      expect([401, 429]).toContain(res.status);
    }
    const stranger = await login('spray against secadmin (30 addresses)', 'secadmin', DEMO_PASSWORD, '192.0.2.200');
    expect(stranger.status, 'past the account-wide budget a new address waits').toBe(429);
    expect((await login('rightful users after the spray', 'secadmin', DEMO_PASSWORD, '203.0.113.60')).status).toBe(200);
  }, 120_000);
});

describe('existing and unknown usernames cannot be told apart', () => {
  it('the same status, code, message and Retry-After, failure by failure, through the throttle', async () => {
    const run = async (username: string, ip: string) => {
      const out = [];
      for (let i = 0; i < 8; i++) out.push(await login('existing vs unknown username (8 × each)', username, WRONG, ip));
      return out;
    };
    const existing = await run('auditor', '198.51.100.40');
    const unknown = await run('auditor-nobody', '198.51.100.41');
    expect(existing.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    expect(unknown).toEqual(existing);
    // and a username that looks like an administrator's is no different
    expect(await run('administrator', '198.51.100.42')).toEqual(existing);
  }, 120_000);
});
