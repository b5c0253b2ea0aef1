// Sign-in, sessions (opaque bearer tokens, stored only as hashes, idle and absolute expiry) and sign-in throttling
// (./signin-throttle.ts). Unknown usernames and wrong passwords get the same answer, after the same password-hash work.
import crypto from 'node:crypto';
import { defineAbilitiesFor, type Principal } from '../core/access/abilities.js';
import type { LoginResult, SessionUserView } from './account-schema.js';
import { consoleAreasFor } from './console-areas.js';
import { recordAudit, recordAuditAlone, type AuditContext } from '../core/audit/audit.js';
import type { Config } from '../core/config.js';
import type { Database } from '../core/db/database.js';
import { ForbiddenError, InvalidInputError, SignInThrottledError, UnauthenticatedError } from '../core/errors.js';
import { loginFailures } from '../core/metrics.js';
import { assertPasswordPolicy, dummyPasswordHash, hashPassword, verifyPassword } from './passwords.js';
import { SessionCache } from './session-cache.js';
import { createSignInThrottle } from './signin-throttle.js';

export interface AuthDeps {
  db: Database;
  /** `oidc` (optional): with single sign-on on, OIDC_PASSWORD_SIGNIN may keep passwords to the administrators */
  config: Pick<Config, 'session' | 'signinThrottle'> & Partial<Pick<Config, 'oidc'>>;
  /** shared with the user service, which evicts accounts whose role or state changes */
  sessions?: SessionCache<SessionUser>;
}

/** The signed-in user: a principal with the names the console shows (./account-schema.ts declares the shape). */
export type SessionUser = SessionUserView & Principal;

/** The three separated administrators (三员): they keep their passwords whatever single sign-on allows. */
export const ADMINISTRATOR_ROLES: readonly Principal['role'][] = ['SYSADMIN', 'SECADMIN', 'AUDITOR'];

/** How the session was opened, recorded on its auth.login event (a password sign-in records none, as before). */
export type SignInMethod = 'password' | 'oidc';

/** Writes to lastSeenAt at most this often, so reads do not each cost a write. */
const TOUCH_EVERY_MS = 60_000;

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export function createAuthService({ db, config, sessions = new SessionCache<SessionUser>() }: AuthDeps) {
  const { prisma } = db;
  const idleMs = config.session.idleMinutes * 60_000;
  const maxMs = config.session.maxHours * 3_600_000;
  const throttle = createSignInThrottle(db, config.signinThrottle);

  const userSelect = {
    id: true,
    username: true,
    displayName: true,
    role: true,
    orgId: true,
    disabled: true,
    org: { select: { code: true, name: true, kind: true, jurisdiction: true } },
  } as const;

  function toSessionUser(u: {
    id: string;
    username: string;
    displayName: string;
    role: Principal['role'];
    orgId: string;
    org: { code: string; name: string; kind: SessionUserView['orgKind']; jurisdiction: string };
  }): SessionUser {
    return {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      orgId: u.orgId,
      orgCode: u.org.code,
      orgName: u.org.name,
      orgKind: u.org.kind,
      jurisdiction: u.org.jurisdiction,
    };
  }

  async function login(input: { username: string; password: string }, ctx: AuditContext): Promise<LoginResult> {
    const now = new Date();
    const user = await prisma.user.findUnique({
      where: { username: input.username },
      select: { ...userSelect, passwordHash: true, failedLogins: true },
    });
    const attempt = { ...ctx, actorId: user?.id ?? null, actorName: input.username, actorRole: user?.role ?? null };
    // the same steps whether or not the account exists: the wait, then one password verification
    const wait = await throttle.wait(input.username, ctx.ip, user?.id ?? null, now);
    if (wait > 0) {
      await prisma.$transaction(async (tx) => {
        // shown to security administrators (the account list's "locked until"), who can lift it (user.unlock); it
        // does not itself refuse anything: the throttle is computed from the trail
        if (user) await tx.user.update({ where: { id: user.id }, data: { lockedUntil: new Date(now.getTime() + wait * 1000) } });
        await recordAudit(tx, attempt, { action: 'auth.login', outcome: 'DENIED', ...(user ? { targetType: 'User', targetId: user.id } : {}), detail: { reason: 'THROTTLED', retryAfterSeconds: wait } });
      });
      loginFailures.inc({ reason: 'throttled' });
      throw new SignInThrottledError(wait);
    }
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
    if (!user) {
      await recordAuditAlone(db, attempt, { action: 'auth.login', outcome: 'FAILURE', detail: { reason: 'UNKNOWN_USER' } });
      loginFailures.inc({ reason: 'unknown_user' });
      throw new UnauthenticatedError('INVALID_CREDENTIALS');
    }
    if (!ok) {
      const failures = user.failedLogins + 1;
      await prisma.$transaction(async (tx) => {
        await tx.user.update({ where: { id: user.id }, data: { failedLogins: failures } });
        await recordAudit(tx, attempt, {
          action: 'auth.login',
          outcome: 'FAILURE',
          targetType: 'User',
          targetId: user.id,
          detail: { reason: 'BAD_PASSWORD', failures },
        });
      });
      loginFailures.inc({ reason: 'bad_password' });
      throw new UnauthenticatedError('INVALID_CREDENTIALS');
    }
    if (user.disabled) {
      await recordAuditAlone(db, attempt, { action: 'auth.login', outcome: 'DENIED', targetType: 'User', targetId: user.id, detail: { reason: 'DISABLED' } });
      loginFailures.inc({ reason: 'disabled' });
      throw new ForbiddenError('ACCOUNT_DISABLED');
    }
    // told only to whoever knows the password: an SSO user is sent to the identity platform
    if (config.oidc?.passwordSignIn === 'administrators' && !ADMINISTRATOR_ROLES.includes(user.role)) {
      await recordAuditAlone(db, attempt, { action: 'auth.login', outcome: 'DENIED', targetType: 'User', targetId: user.id, detail: { reason: 'PASSWORD_SIGNIN_DISABLED' } });
      loginFailures.inc({ reason: 'password_disabled' });
      throw new ForbiddenError('PASSWORD_SIGNIN_DISABLED');
    }
    return openSession(user.id, ctx, 'password', now);
  }

  /**
   * Opens a session for an account already identified (a password checked, or the identity platform's answer
   * mapped), resets its failure count and records auth.login, in one transaction. Refuses a disabled account.
   */
  async function openSession(userId: string, ctx: AuditContext, method: SignInMethod, now = new Date()): Promise<LoginResult> {
    const token = `zy_${crypto.randomBytes(32).toString('base64url')}`;
    const expiresAt = new Date(now.getTime() + maxMs);
    const user = await prisma.$transaction(async (tx) => {
      const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: userSelect });
      const attempt = { ...ctx, actorId: user.id, actorName: user.username, actorRole: user.role };
      const detail = method === 'password' ? undefined : { method };
      if (user.disabled) {
        await recordAudit(tx, attempt, { action: 'auth.login', outcome: 'DENIED', targetType: 'User', targetId: user.id, detail: { reason: 'DISABLED', ...detail } });
        return null;
      }
      await tx.user.update({ where: { id: user.id }, data: { failedLogins: 0, lockedUntil: null, lastLoginAt: now } });
      await tx.session.create({
        data: { tokenHash: hashToken(token), userId: user.id, ip: ctx.ip, userAgent: ctx.userAgent?.slice(0, 512), expiresAt },
      });
      await recordAudit(tx, attempt, { action: 'auth.login', targetType: 'User', targetId: user.id, ...(detail ? { detail } : {}) });
      return user;
    });
    if (!user) {
      loginFailures.inc({ reason: 'disabled' });
      throw new ForbiddenError('ACCOUNT_DISABLED');
    }
    const signedIn = toSessionUser(user);
    return {
      token,
      expiresAt: expiresAt.toISOString(),
      idleTimeoutMinutes: config.session.idleMinutes,
      user: signedIn,
      ...consoleAreasFor(defineAbilitiesFor(signedIn), true, signedIn.jurisdiction),
    };
  }

  /**
   * Resolves a bearer token to its user, or throws 401. `touch: false` checks the session without counting it as the
   * user's activity (a live stream asking whether its session still holds must not keep an idle session alive).
   */
  async function authenticate(token: string, { touch = true }: { touch?: boolean } = {}): Promise<SessionUser> {
    const now = Date.now();
    const tokenHash = hashToken(token);
    const cached = sessions.get(tokenHash, now);
    if (cached && cached.expiresAt > now && cached.lastSeenAt + idleMs > now) return cached.user;
    const session = await prisma.session.findUnique({
      where: { tokenHash },
      select: { id: true, expiresAt: true, lastSeenAt: true, revokedAt: true, user: { select: userSelect } },
    });
    if (!session || session.revokedAt) throw new UnauthenticatedError('UNAUTHENTICATED');
    if (session.expiresAt.getTime() <= now || session.lastSeenAt.getTime() + idleMs <= now || session.user.disabled) {
      throw new UnauthenticatedError('SESSION_EXPIRED');
    }
    let lastSeenAt = session.lastSeenAt.getTime();
    if (touch && now - lastSeenAt > TOUCH_EVERY_MS) {
      await prisma.session.update({ where: { id: session.id }, data: { lastSeenAt: new Date(now) } });
      lastSeenAt = now;
    }
    const user = toSessionUser(session.user);
    sessions.set(tokenHash, { user, sessionId: session.id, expiresAt: session.expiresAt.getTime(), lastSeenAt, cachedAt: now });
    return user;
  }

  async function logout(token: string, ctx: AuditContext) {
    sessions.evictToken(hashToken(token));
    await prisma.$transaction(async (tx) => {
      const { count } = await tx.session.updateMany({
        where: { tokenHash: hashToken(token), revokedAt: null },
        data: { revokedAt: new Date() },
      });
      if (count) await recordAudit(tx, ctx, { action: 'auth.logout', targetType: 'User', targetId: ctx.actorId ?? undefined });
    });
  }

  /** Changes the user's own password and ends their other sessions; `currentToken`'s session stays. */
  async function changePassword(userId: string, input: { currentPassword: string; newPassword: string }, ctx: AuditContext, currentToken?: string) {
    const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { username: true, passwordHash: true } });
    if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
      await recordAuditAlone(db, ctx, { action: 'auth.password.change', outcome: 'FAILURE', targetType: 'User', targetId: userId });
      throw new ForbiddenError('FORBIDDEN');
    }
    assertPasswordPolicy(input.newPassword, user.username, 'newPassword');
    if (input.newPassword === input.currentPassword) {
      throw new InvalidInputError([{ path: 'newPassword', code: 'PASSWORD_REUSED' }], 'PASSWORD_REUSED', 422);
    }
    const passwordHash = await hashPassword(input.newPassword);
    const keep = currentToken ? hashToken(currentToken) : null;
    await prisma.$transaction(async (tx) => {
      const now = new Date();
      await tx.user.update({ where: { id: userId }, data: { passwordHash, passwordChangedAt: now, version: { increment: 1 } } });
      const { count } = await tx.session.updateMany({
        where: { userId, revokedAt: null, ...(keep ? { tokenHash: { not: keep } } : {}) },
        data: { revokedAt: now },
      });
      await recordAudit(tx, ctx, { action: 'auth.password.change', targetType: 'User', targetId: userId, detail: { otherSessionsEnded: count } });
    });
    sessions.evictUser(userId);
  }

  return { login, openSession, authenticate, logout, changePassword };
}

export type AuthService = ReturnType<typeof createAuthService>;
