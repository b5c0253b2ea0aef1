// Sign-in throttling with growing delays (README "Sign-in that resists abuse"). The state is the audit trail the
// sign-in already writes (audit_event rows `auth.login` with the username tried, the client address and the
// outcome), so every replica and the embedded database see the same counts and no new table is needed. Only
// FAILURE rows count: refused (throttled) attempts are recorded as DENIED and never extend the wait.
//
//   (username, address): after `after` failures in the window, each further attempt waits
//                        base · 2^(failures − after) seconds (capped at max) from the last failure;
//                        a successful sign-in of that username from that address starts the count again.
//   address:             the same growing delay after `addressAfter` failures from the address (any usernames).
//   account:             the same growing delay after `accountAfter` failures of the username (any addresses),
//                        except for addresses the account signed in from in the last `knownAddressDays` days.
// A security administrator's unlock (audit `user.unlock`) starts every count of that account again.
import type { Prisma } from '../core/db/generated/client.js';
import type { Config } from '../core/config.js';
import type { Database } from '../core/db/database.js';

type Policy = Config['signinThrottle'];

/** Seconds to wait after `failures` failures against a threshold of `after`, or 0 below it. */
export function delaySeconds(policy: Policy, failures: number, after: number): number {
  if (failures < after) return 0;
  const doublings = Math.min(failures - after, 30);
  return Math.min(policy.maxSeconds, policy.baseSeconds * 2 ** doublings);
}

export function createSignInThrottle(db: Database, policy: Policy) {
  const { prisma } = db;
  const login = { action: 'auth.login' } as const;

  async function failures(where: Prisma.AuditEventWhereInput) {
    const r = await prisma.auditEvent.aggregate({ where: { ...login, outcome: 'FAILURE', ...where }, _count: { _all: true }, _max: { at: true } });
    return { count: r._count._all, last: r._max.at };
  }

  async function lastAt(where: Prisma.AuditEventWhereInput): Promise<Date | null> {
    const r = await prisma.auditEvent.aggregate({ where, _max: { at: true } });
    return r._max.at;
  }

  /**
   * Seconds the next attempt of `username` from `ip` must still wait (0: go ahead). `userId` is the account's id when
   * it exists (for its unlock); the answer for an unknown username is computed the same way, from the same rows.
   */
  async function wait(username: string, ip: string | null, userId: string | null, now = new Date()): Promise<number> {
    const windowStart = new Date(now.getTime() - policy.windowMinutes * 60_000);
    const unlockedAt = userId ? await lastAt({ action: 'user.unlock', targetId: userId, at: { gt: windowStart } }) : null;
    const accountSince = unlockedAt && unlockedAt > windowStart ? unlockedAt : windowStart;
    const address = ip ?? null;
    const pairSuccess = await lastAt({ ...login, outcome: 'SUCCESS', actorName: username, ip: address, at: { gt: accountSince } });
    const pairSince = pairSuccess && pairSuccess > accountSince ? pairSuccess : accountSince;
    const knownSince = new Date(now.getTime() - policy.knownAddressDays * 86_400_000);
    const [pair, fromAddress, account, known] = await Promise.all([
      failures({ actorName: username, ip: address, at: { gt: pairSince } }),
      failures({ ip: address, at: { gt: windowStart } }),
      failures({ actorName: username, at: { gt: accountSince } }),
      policy.knownAddressDays > 0 ? lastAt({ ...login, outcome: 'SUCCESS', actorName: username, ip: address, at: { gt: knownSince } }) : Promise.resolve(null),
    ]);
    const remaining = (n: { count: number; last: Date | null }, after: number) => {
      const d = delaySeconds(policy, n.count, after);
      if (!d || !n.last) return 0;
      return Math.max(0, Math.ceil((n.last.getTime() + d * 1000 - now.getTime()) / 1000));
    };
    return Math.max(
      remaining(pair, policy.after),
      remaining(fromAddress, policy.addressAfter),
      known ? 0 : remaining(account, policy.accountAfter),
    );
  }

  return { wait };
}

export type SignInThrottle = ReturnType<typeof createSignInThrottle>;
