// Single sign-on with the city's identity platform (统一身份认证) over OpenID Connect: the authorization code flow
// with PKCE, state and nonce (openid-client). Three steps, each single use:
//   start     — a sign-in row keeps the state's hash, the nonce, the PKCE verifier and the hash of a random value
//               the browser holds in an HttpOnly cookie (so the flow finishes only in the browser that began it);
//   callback  — the code is exchanged, the ID token validated, the configured claim mapped to an existing, enabled
//               account; the row becomes a one-time ticket (2 minutes) for that account;
//   complete  — the console exchanges the ticket (with the same cookie) for a session opened exactly as a password
//               sign-in opens one (auth.openSession: auth.login with detail.method "oidc").
// No account is ever created here: roles and organisations are the administrators' to decide (三员分立).
// Every refusal is audited as auth.login (DENIED, detail.method "oidc") with its reason.
import crypto from 'node:crypto';
import * as client from 'openid-client';
import { recordAuditAlone, type AuditContext } from '../core/audit/audit.js';
import type { OidcConfig } from '../core/config.js';
import type { Database } from '../core/db/database.js';
import { SingleSignOnError } from '../core/errors.js';
import { loginFailures } from '../core/metrics.js';
import type { LoginResult } from './account-schema.js';
import type { AuthService } from './auth.js';

export interface OidcDeps {
  db: Database;
  /** null: single sign-on is off */
  config: OidcConfig | null;
  auth: Pick<AuthService, 'openSession'>;
}

/** How long a started sign-in may take at the identity platform. */
const START_TTL_MS = 10 * 60_000;
/** How long the console has to exchange its ticket. */
const TICKET_TTL_MS = 2 * 60_000;

const sha256 = (value: string) => crypto.createHash('sha256').update(value).digest('hex');
const random = () => crypto.randomBytes(32).toString('base64url');

export function createOidcService({ db, config, auth }: OidcDeps) {
  const { prisma } = db;
  let discovered: Promise<client.Configuration> | null = null;

  function settings(): OidcConfig {
    if (!config) throw new SingleSignOnError(404, 'OIDC_NOT_CONFIGURED');
    return config;
  }

  /** The provider's metadata, discovered once (again after a failure). */
  async function provider(): Promise<client.Configuration> {
    const c = settings();
    discovered ??= client.discovery(
      new URL(c.issuer),
      c.clientId,
      undefined,
      c.clientSecret ? client.ClientSecretBasic(c.clientSecret) : client.None(),
      { timeout: 10, ...(c.allowHttp ? { execute: [client.allowInsecureRequests] } : {}) },
    );
    try {
      return await discovered;
    } catch {
      discovered = null;
      throw new SingleSignOnError(502, 'OIDC_UNAVAILABLE');
    }
  }

  /** Where the sign-in button leads: the provider's authorization URL, and the value for the browser's cookie. */
  async function start(now = new Date()): Promise<{ url: string; browser: string }> {
    const c = settings();
    const cfg = await provider();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    const browser = random();
    await prisma.oidcSignIn.deleteMany({ where: { expiresAt: { lt: now } } });
    await prisma.oidcSignIn.create({
      data: { stateHash: sha256(state), browserHash: sha256(browser), codeVerifier, nonce, expiresAt: new Date(now.getTime() + START_TTL_MS) },
    });
    const url = client.buildAuthorizationUrl(cfg, {
      redirect_uri: c.redirectUri,
      scope: c.scopes,
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, browser };
  }

  /** Records a refused single sign-on and returns the error to throw. */
  async function refuse(ctx: AuditContext, error: SingleSignOnError, detail: Record<string, unknown>, who: { id: string; username: string; role: string } | null = null, name: string | null = null) {
    await recordAuditAlone(db, { ...ctx, actorId: who?.id ?? null, actorName: who?.username ?? name, actorRole: who?.role ?? null }, {
      action: 'auth.login',
      // DENIED, never FAILURE: the password throttle counts FAILURE rows by address (accounts/signin-throttle.ts), and
      // staff without accounts behind one office address must not slow down everyone's password sign-in
      outcome: 'DENIED',
      ...(who ? { targetType: 'User', targetId: who.id } : {}),
      detail: { method: 'oidc', ...detail },
    });
    loginFailures.inc({ reason: `oidc_${String(detail.reason).toLowerCase()}` });
    return error;
  }

  /**
   * The provider sent the browser back with `query` (the callback's query string). Returns the one-time ticket the
   * console exchanges for a session.
   */
  async function callback(query: string, browser: string | undefined, ctx: AuditContext, now = new Date()): Promise<string> {
    const c = settings();
    const params = new URLSearchParams(query);
    const state = params.get('state');
    const row = state ? await prisma.oidcSignIn.findUnique({ where: { stateHash: sha256(state) } }) : null;
    if (!state || !row || row.expiresAt <= now || !browser || sha256(browser) !== row.browserHash) {
      throw await refuse(ctx, new SingleSignOnError(400, 'OIDC_STATE_INVALID'), { reason: 'STATE_INVALID', stateKnown: Boolean(row), browserMatches: Boolean(row && browser && sha256(browser) === row.browserHash) });
    }
    // a state is used once, even when two callbacks race
    const { count } = await prisma.oidcSignIn.updateMany({ where: { id: row.id, stateHash: row.stateHash }, data: { stateHash: null } });
    if (count !== 1) throw await refuse(ctx, new SingleSignOnError(400, 'OIDC_STATE_INVALID'), { reason: 'STATE_REUSED' });
    try {
      const providerError = params.get('error');
      if (providerError) {
        throw await refuse(ctx, new SingleSignOnError(400, 'OIDC_PROVIDER_ERROR', { error: providerError.slice(0, 64) }), { reason: 'PROVIDER_ERROR', error: providerError.slice(0, 64) });
      }
      const cfg = await provider();
      const currentUrl = new URL(c.redirectUri);
      currentUrl.search = params.toString();
      let claims: Record<string, unknown>;
      try {
        const tokens = await client.authorizationCodeGrant(cfg, currentUrl, {
          pkceCodeVerifier: row.codeVerifier,
          expectedState: state,
          expectedNonce: row.nonce,
          idTokenExpected: true,
        });
        const idToken = tokens.claims()!;
        claims = { ...idToken };
        // profile claims are often only at the userinfo endpoint (the ID token keeps to sub)
        const wanted = [c.userClaim, ...(c.orgClaim ? [c.orgClaim] : [])];
        if (wanted.some((k) => claims[k] === undefined) && cfg.serverMetadata().userinfo_endpoint) {
          const info = await client.fetchUserInfo(cfg, tokens.access_token, idToken.sub);
          claims = { ...info, ...idToken };
        }
      } catch (err) {
        const reason = err instanceof Error ? `${err.name}: ${err.message}`.slice(0, 200) : 'unknown';
        // the provider's own words when it refused (e.g. invalid_grant for a code and verifier that do not match)
        const said = err as { error?: unknown; error_description?: unknown };
        const provider = typeof said.error === 'string' ? { providerError: said.error.slice(0, 64), providerErrorDescription: String(said.error_description ?? '').slice(0, 200) } : {};
        throw await refuse(ctx, new SingleSignOnError(400, 'OIDC_EXCHANGE_FAILED'), { reason: 'EXCHANGE_FAILED', error: reason, ...provider });
      }
      const value = claims[c.userClaim];
      if ((typeof value !== 'string' && typeof value !== 'number') || String(value) === '') {
        throw await refuse(ctx, new SingleSignOnError(403, 'OIDC_CLAIM_MISSING', { claim: c.userClaim }), { reason: 'CLAIM_MISSING', claim: c.userClaim, sub: claims.sub });
      }
      const name = String(value).slice(0, 256);
      const user = await prisma.user.findUnique({
        where: c.match === 'username' ? { username: name } : { externalId: name },
        select: { id: true, username: true, role: true, disabled: true, org: { select: { code: true } } },
      });
      if (!user) {
        throw await refuse(ctx, new SingleSignOnError(403, 'OIDC_UNKNOWN_USER', { name }), { reason: 'UNKNOWN_USER', claim: c.userClaim, value: name, sub: claims.sub }, null, name);
      }
      if (user.disabled) {
        throw await refuse(ctx, new SingleSignOnError(403, 'ACCOUNT_DISABLED'), { reason: 'DISABLED' }, user);
      }
      if (c.orgClaim && String(claims[c.orgClaim] ?? '') !== user.org.code) {
        throw await refuse(ctx, new SingleSignOnError(403, 'OIDC_ORG_MISMATCH'), { reason: 'ORG_MISMATCH', claim: c.orgClaim, value: String(claims[c.orgClaim] ?? '').slice(0, 64), orgCode: user.org.code }, user);
      }
      const ticket = random();
      await prisma.oidcSignIn.update({
        where: { id: row.id },
        data: { userId: user.id, ticketHash: sha256(ticket), expiresAt: new Date(now.getTime() + TICKET_TTL_MS) },
      });
      return ticket;
    } catch (err) {
      await prisma.oidcSignIn.deleteMany({ where: { id: row.id, ticketHash: null } });
      throw err;
    }
  }

  /** Exchanges the callback's ticket, in the browser that started the sign-in, for a session. */
  async function complete(ticket: string, browser: string | undefined, ctx: AuditContext, now = new Date()): Promise<LoginResult> {
    settings();
    const row = await prisma.oidcSignIn.findUnique({ where: { ticketHash: sha256(ticket) } });
    const valid = row?.userId && row.expiresAt > now && browser && sha256(browser) === row.browserHash;
    // single use: whoever deletes it opens the session
    const claimed = valid ? (await prisma.oidcSignIn.deleteMany({ where: { id: row.id } })).count === 1 : false;
    if (!valid || !claimed) throw await refuse(ctx, new SingleSignOnError(400, 'OIDC_TICKET_INVALID'), { reason: 'TICKET_INVALID' });
    return auth.openSession(row.userId!, ctx, 'oidc', now);
  }

  return {
    /** what the sign-in page offers */
    providers: () => ({ password: true as const, oidc: config ? { name: config.displayName, start: '/api/auth/oidc/start' } : null }),
    /** the cookie is sent over TLS only when the console is served over it */
    secureCookie: () => Boolean(config?.redirectUri.startsWith('https://')),
    start,
    callback,
    complete,
  };
}

export type OidcService = ReturnType<typeof createOidcService>;
