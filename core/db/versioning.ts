// Optimistic concurrency inside a transaction: the write happens only if the version is still the one read.
import { NotFoundError, PreconditionError } from '../errors.js';

export function assertVersion(found: { version: number } | null, expected: number, what: string): void {
  if (!found) throw new NotFoundError(what);
  if (found.version !== expected) throw new PreconditionError('STALE_VERSION');
}

/** For updateMany({ where: { id, version } }) results: nothing updated means someone else got there first. */
export function assertUpdated(result: { count: number }): void {
  if (result.count === 0) throw new PreconditionError('STALE_VERSION');
}
