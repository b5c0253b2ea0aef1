// Single sign-on against a real OpenID Connect provider (oidc-provider) on loopback: the browser's trip is driven by
// HTTP, following the provider's redirects with its cookies, through its sign-in and consent forms, back to our
// callback and on to a session the console would hold. Refusals (state, unknown user, disabled account, another
// organisation) are checked as the user sees them and as the auditor finds them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOidcPeer, type OidcPeer } from '../support/oidc-peer.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

/** ZY_PUBLIC_URL's default + the callback path (OIDC_REDIRECT_URI's default) */
const REDIRECT_URI = 'http://localhost:3000/api/auth/oidc/callback';

/** The identity platform's people: provider account id → claims. */
const PEOPLE: Record<string, Record<string, string>> = {
  dept: { preferred_username: 'dept' },
  dept2: { preferred_username: 'dept2' },
  stranger: { preferred_username: 'zhangsan-not-here' },
  'ext-77': { preferred_username: 'ext-77-name' },
};

let idp: OidcPeer;
let t: TestPlatform;
let tExternal: TestPlatform;

beforeAll(async () => {
  idp = await startOidcPeer(REDIRECT_URI, PEOPLE);
  t = await startTestPlatform(idp.env());
}, 120_000);
afterAll(async () => {
  await t?.stop();
  await tExternal?.stop();
  await idp?.stop();
});

/** A browser's cookies for the provider (its paths and expiry do not matter for one short flow). */
class CookieJar {
  private cookies = new Map<string, string>();
  take(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = pair.split('=');
      this.cookies.set(name.trim(), value.join('='));
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/**
 * Signs `who` in at the provider, starting from our authorization redirect; returns where the provider sends the
 * browser back (our callback URL with code and state).
 */
async function throughProvider(authorizationUrl: string, who: string): Promise<URL> {
  const jar = new CookieJar();
  let url = authorizationUrl;
  let init: RequestInit = {};
  for (let step = 0; step < 12; step++) {
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers ?? {}), cookie: jar.header() } });
    jar.take(res);
    init = {};
    if (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get('location')!, url);
      if (next.href.startsWith(REDIRECT_URI)) return next;
      url = next.href;
      continue;
    }
    const page = await res.text();
    expect(res.status, page).toBe(200);
    // the provider's own sign-in form, then its consent form
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1];
    expect(action && prompt, page).toBeTruthy();
    url = new URL(action!.replace(/&amp;/g, '&'), url).href;
    const form: Record<string, string> = prompt === 'login' ? { prompt, login: who, password: 'whatever-the-platform-checks' } : { prompt: prompt! };
    init = { method: 'POST', body: new URLSearchParams(form).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  }
  throw new Error('the provider never sent the browser back');
}

/** Our start: the authorization redirect and the cookie binding the sign-in to this browser. */
async function start(platform: TestPlatform) {
  const res = await platform.http.get('/api/auth/oidc/start');
  expect(res.status).toBe(302);
  const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('zy_sso='))!;
  expect(cookie).toMatch(/HttpOnly/);
  expect(cookie).toMatch(/SameSite=Lax/);
  return { location: res.headers.location as string, cookie: cookie.split(';')[0] };
}

/** Back at our callback with the browser's cookie: the redirect to the console, or the refusal page. */
const callback = (platform: TestPlatform, back: URL, cookie?: string) => {
  const req = platform.http.get(back.pathname + back.search);
  return cookie ? req.set('Cookie', cookie) : req;
};

async function signInEvents(platform: TestPlatform) {
  const res = await platform.http.get('/api/audit/events').query({ action: 'auth.login', signIns: 'true', limit: 50 }).set(await platform.as('auditor'));
  expect(res.status).toBe(200);
  return res.body.items as { actorName: string | null; outcome: string; targetId: string | null; detail: Record<string, unknown> }[];
}

describe('single sign-on (OpenID Connect)', () => {
  it('is offered on the sign-in page when configured', async () => {
    // without configuration it is null and the routes answer 404 OIDC_NOT_CONFIGURED (test/api/permissions.test.ts)
    expect((await t.http.get('/api/auth/providers')).body).toEqual({ password: true, oidc: { name: '统一身份认证登录', start: '/api/auth/oidc/start' } });
  });

  it('signs a department user in through the identity platform, with PKCE, state and nonce, into a session like a password one', async () => {
    const { location, cookie } = await start(t);
    const authz = new URL(location);
    expect(authz.origin).toBe(idp.issuer);
    expect(authz.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authz.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authz.searchParams.get('state')).toBeTruthy();
    expect(authz.searchParams.get('nonce')).toBeTruthy();
    expect(authz.searchParams.get('redirect_uri')).toBe(REDIRECT_URI);
    expect(authz.searchParams.get('scope')).toBe('openid profile');

    const back = await throughProvider(location, 'dept');
    expect(back.searchParams.get('code')).toBeTruthy();
    // the provider saw the same challenge (and would refuse a flow without one)
    expect(idp.authorizationRequests.at(-1)?.searchParams.get('code_challenge')).toBe(authz.searchParams.get('code_challenge'));

    const cb = await callback(t, back, cookie);
    expect(cb.status).toBe(302);
    const ticket = /^\/signin\/sso#ticket=([A-Za-z0-9_-]+)$/.exec(cb.headers.location)?.[1];
    expect(ticket).toBeTruthy();

    // the ticket is the console's, in this browser only, once
    expect((await t.http.post('/api/auth/oidc/complete').send({ ticket })).status).toBe(400);
    const done = await t.http.post('/api/auth/oidc/complete').set('Cookie', cookie).send({ ticket });
    expect(done.status).toBe(200);
    expect(done.body.user).toMatchObject({ username: 'dept', role: 'DEPT_USER', orgCode: 'EDU' });
    expect(done.body.home).toBeTruthy();
    const again = await t.http.post('/api/auth/oidc/complete').set('Cookie', cookie).send({ ticket });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('OIDC_TICKET_INVALID');

    const me = await t.http.get('/api/auth/me').set('Authorization', `Bearer ${done.body.token}`);
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ username: 'dept', orgCode: 'EDU' });
    const projects = await t.http.get('/api/projects').set('Authorization', `Bearer ${done.body.token}`);
    expect(projects.status).toBe(200);

    const events = await signInEvents(t);
    expect(events.find((e) => e.outcome === 'SUCCESS' && e.actorName === 'dept')?.detail).toMatchObject({ method: 'oidc' });
    // the same callback cannot be replayed (the state was used)
    const replay = await callback(t, back, cookie);
    expect(replay.status).toBe(400);
  });

  it('refuses a callback whose state is wrong, or that comes back to another browser', async () => {
    const { location, cookie } = await start(t);
    const wrong = await t.http.get('/api/auth/oidc/callback').query({ code: 'made-up', state: 'not-the-state' }).set('Cookie', cookie);
    expect(wrong.status).toBe(400);
    expect(wrong.headers['content-type']).toMatch(/text\/html/);
    expect(wrong.text).toContain('登录请求已失效或不是由本浏览器发起');
    // an API client asking for JSON gets the usual error body, in its language
    const json = await t.http.get('/api/auth/oidc/callback').query({ code: 'made-up', state: 'not-the-state' }).set('Cookie', cookie).set('Accept', 'application/json').set('Accept-Language', 'en');
    expect(json.status).toBe(400);
    expect(json.body).toMatchObject({ code: 'OIDC_STATE_INVALID', message: expect.stringContaining('not started in this browser') });
    // a real answer from the provider, delivered to a browser that did not start the sign-in (login CSRF)
    const back = await throughProvider(location, 'dept');
    const elsewhere = await callback(t, back);
    expect(elsewhere.status).toBe(400);
    const events = await signInEvents(t);
    expect(events.filter((e) => e.detail.reason === 'STATE_INVALID' && e.detail.method === 'oidc').length).toBeGreaterThanOrEqual(2);
  });

  it('cannot redeem a code issued to another sign-in (PKCE binds the code to its verifier)', async () => {
    const first = await start(t);
    const stolen = await throughProvider(first.location, 'dept');
    const second = await start(t);
    const secondState = new URL(second.location).searchParams.get('state')!;
    const swapped = new URL(stolen);
    swapped.searchParams.set('state', secondState);
    const res = await callback(t, swapped, second.cookie);
    expect(res.status).toBe(400);
    expect(res.text).toContain('无法验证统一身份认证平台的登录结果');
    const event = (await signInEvents(t)).find((e) => e.detail.reason === 'EXCHANGE_FAILED');
    expect(event).toMatchObject({ outcome: 'DENIED', detail: { method: 'oidc' } });
    // refused by the provider's token endpoint: the verifier is not the one the code was issued for
    expect(event?.detail.providerError).toBe('invalid_grant');
  });

  it('does not count its refusals toward the password throttle of the address', async () => {
    // more refused callbacks from this address than the per-address budget of password failures (30)
    for (let i = 0; i < 32; i++) expect((await t.http.get('/api/auth/oidc/callback').query({ code: 'x', state: `forged-${i}` })).status).toBe(400);
    const res = await t.http.post('/api/auth/login').send({ username: 'finance', password: 'Demo-Passw0rd!' });
    expect(res.status).toBe(200);
  });

  it('refuses a person of the identity platform who has no account here, tells them so in Chinese, and records it', async () => {
    const { location, cookie } = await start(t);
    const res = await callback(t, await throughProvider(location, 'stranger'), cookie);
    expect(res.status).toBe(403);
    expect(res.text).toContain('统一身份认证账号「zhangsan-not-here」在本平台没有对应的账号');
    // nobody was created
    const users = await t.http.get('/api/users').query({ q: 'zhangsan' }).set(await t.as('admin'));
    expect(JSON.stringify(users.body)).not.toContain('zhangsan-not-here');
    const event = (await signInEvents(t)).find((e) => e.actorName === 'zhangsan-not-here');
    expect(event).toMatchObject({ outcome: 'DENIED', detail: { method: 'oidc', reason: 'UNKNOWN_USER', value: 'zhangsan-not-here' } });
  });

  it('refuses a disabled account', async () => {
    const admin = await t.as('secadmin');
    const list = await t.http.get('/api/users').query({ q: 'dept2' }).set(admin);
    const dept2 = (list.body.items as { id: string; username: string }[]).find((u) => u.username === 'dept2')!;
    await t.platform.db.prisma.user.update({ where: { id: dept2.id }, data: { disabled: true } });
    const { location, cookie } = await start(t);
    const res = await callback(t, await throughProvider(location, 'dept2'), cookie);
    expect(res.status).toBe(403);
    expect(res.text).toContain('账号已停用');
    expect((await signInEvents(t)).find((e) => e.targetId === dept2.id && e.detail.method === 'oidc')).toMatchObject({ outcome: 'DENIED', detail: { reason: 'DISABLED' } });
  });

});

describe('single sign-on by external id, with the organisation claim and passwords for administrators only', () => {
  beforeAll(async () => {
    tExternal = await startTestPlatform(idp.env({ OIDC_MATCH: 'externalId', OIDC_ORG_CLAIM: 'org_code', OIDC_PASSWORD_SIGNIN: 'administrators' }));
  }, 120_000);

  it('matches the external id, requires the organisation code, and keeps passwords to the administrators', async () => {
    const p = tExternal.platform.db.prisma;
    const dept = await p.user.update({ where: { username: 'dept' }, data: { externalId: 'ext-77-name' }, include: { org: true } });
    // the organisation claim must be the account's organisation code
    PEOPLE['ext-77'].org_code = 'SOMEWHERE-ELSE';
    let s = await start(tExternal);
    let res = await callback(tExternal, await throughProvider(s.location, 'ext-77'), s.cookie);
    expect(res.status).toBe(403);
    expect(res.text).toContain('单位与本平台账号所属单位不一致');

    PEOPLE['ext-77'].org_code = dept.org.code;
    s = await start(tExternal);
    res = await callback(tExternal, await throughProvider(s.location, 'ext-77'), s.cookie);
    expect(res.status).toBe(302);
    const ticket = res.headers.location.split('ticket=')[1];
    const done = await tExternal.http.post('/api/auth/oidc/complete').set('Cookie', s.cookie).send({ ticket });
    expect(done.body.user).toMatchObject({ username: 'dept' });

    // usernames are not matched in this mode: "dept" at the provider is nobody here
    s = await start(tExternal);
    res = await callback(tExternal, await throughProvider(s.location, 'dept'), s.cookie);
    expect(res.status).toBe(403);

    // a department user's password no longer signs in; an administrator's does
    const byPassword = await tExternal.http.post('/api/auth/login').send({ username: 'dept2', password: 'Demo-Passw0rd!' });
    expect(byPassword.status).toBe(403);
    expect(byPassword.body.code).toBe('PASSWORD_SIGNIN_DISABLED');
    expect((await tExternal.http.post('/api/auth/login').send({ username: 'secadmin', password: 'Demo-Passw0rd!' })).status).toBe(200);
  });
});
