// What runs once a transaction has committed (never when it rolls back): the database handle wraps Prisma's
// interactive `$transaction` so that code holding only the transaction's client can ask to be called after it. Used
// by the audit trail to move the write clock (core/cache/write-clock.ts) the moment a change is visible, before the
// request that made it answers.
import type { PrismaClient } from './generated/client.js';

const pending = new WeakMap<object, Array<() => void>>();

/** Calls `hook` once `tx` commits; false when `tx` is not an interactive transaction opened on a tracked client. */
export function afterCommit(tx: object, hook: () => void): boolean {
  const hooks = pending.get(tx);
  if (!hooks) return false;
  hooks.push(hook);
  return true;
}

/** Makes `prisma`'s interactive transactions run their `afterCommit` hooks on commit. */
export function trackCommits(prisma: PrismaClient): PrismaClient {
  const original = prisma.$transaction.bind(prisma) as (arg: unknown, options?: unknown) => Promise<unknown>;
  const wrapped = (arg: unknown, options?: unknown) => {
    if (typeof arg !== 'function') return original(arg, options);
    const hooks: Array<() => void> = [];
    return original(async (tx: object) => {
      pending.set(tx, hooks);
      return (arg as (tx: object) => Promise<unknown>)(tx);
    }, options).then((result) => {
      for (const hook of hooks) hook();
      return result;
    });
  };
  Object.defineProperty(prisma, '$transaction', { value: wrapped, configurable: true, writable: true });
  return prisma;
}
