// Optimistic concurrency inside a transaction: the write happens only if the version is still the one read.
import { NotFoundError, PreconditionError } from '../errors.js';

/** `expected` comes from If-Match: undefined → 428, different → 412. */
export function assertVersion(found: { version: number } | null, expected: number | undefined, what: string): asserts expected is number {
  if (!found) throw new NotFoundError(what);
  if (expected === undefined) throw new PreconditionError('PRECONDITION_REQUIRED');
  if (found.version !== expected) throw new PreconditionError('STALE_VERSION');
}

/** For updateMany({ where: { id, version } }) results: nothing updated means someone else got there first. */
export function assertUpdated(result: { count: number }): void {
  if (result.count === 0) throw new PreconditionError('STALE_VERSION');
}
