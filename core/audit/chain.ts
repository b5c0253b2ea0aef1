// The SM3 hash chain of the audit trail (pure). Each record's hash covers its content and the previous hash,
// so changing, removing or inserting a record breaks every link after it.
import crypto from 'node:crypto';
import canonicalize from 'canonicalize';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  at: Date;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: string;
  detail: unknown;
  prevHash: string;
}

export function sm3(text: string): string {
  return crypto.createHash('sm3').update(text, 'utf8').digest('hex');
}

export function hashAuditRecord(r: ChainedFields): string {
  const canonical = canonicalize({
    at: r.at.toISOString(),
    actorId: r.actorId,
    actorName: r.actorName,
    actorRole: r.actorRole,
    ip: r.ip,
    userAgent: r.userAgent,
    requestId: r.requestId,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    outcome: r.outcome,
    detail: r.detail ?? null,
    prevHash: r.prevHash,
  });
  return sm3(canonical as string);
}

export type ChainBreak =
  | { seq: bigint; reason: 'HASH_MISMATCH' }
  | { seq: bigint; reason: 'PREV_HASH_MISMATCH'; expected: string; found: string };

/** Checks a run of consecutive records; `prev` is the hash before the first one. */
export function findBreak<T extends ChainedFields & { seq: bigint; hash: string }>(
  records: T[],
  prev: string,
): { broken: ChainBreak | null; last: string } {
  let expectedPrev = prev;
  for (const r of records) {
    if (r.prevHash !== expectedPrev) {
      return { broken: { seq: r.seq, reason: 'PREV_HASH_MISMATCH', expected: expectedPrev, found: r.prevHash }, last: expectedPrev };
    }
    if (hashAuditRecord(r) !== r.hash) return { broken: { seq: r.seq, reason: 'HASH_MISMATCH' }, last: expectedPrev };
    expectedPrev = r.hash;
  }
  return { broken: null, last: expectedPrev };
}
