// The hash chain of the audit trail (pure). Each record's hash covers its content and the previous hash, so changing,
// removing or inserting a record breaks every link after it. The hash is keyed (HMAC-SM3 with a key held outside the
// database, named by the record's keyId: ./keys.ts), so someone who can write the table but lacks the key cannot
// recompute the links after a change. Records written before keyed hashing carry LEGACY_KEY_ID and a plain SM3 hash;
// they are accepted only as the chain's first records (and, once a signed checkpoint names the boundary, only up to it).
import crypto from 'node:crypto';
import canonicalize from 'canonicalize';

export const GENESIS_HASH = '0'.repeat(64);

/** The key id of the records written before keyed hashing (set by the migration that introduced keys). */
export const LEGACY_KEY_ID = 'legacy-sm3';

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
  keyId: string;
}

export function sm3(text: string): string {
  return crypto.createHash('sm3').update(text, 'utf8').digest('hex');
}

export function hmacSm3(key: Buffer, text: string): string {
  return crypto.createHmac('sm3', key).update(text, 'utf8').digest('hex');
}

function contentOf(r: ChainedFields) {
  return {
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
  };
}

/** The hash of a record written before keyed hashing: plain SM3 of its canonical JSON (the key id is not covered). */
export function legacyHash(r: ChainedFields): string {
  return sm3(canonicalize(contentOf(r)) as string);
}

/** The keyed hash: HMAC-SM3 of the canonical JSON, which covers the key id too. */
export function keyedHash(r: ChainedFields, key: Buffer): string {
  return hmacSm3(key, canonicalize({ ...contentOf(r), keyId: r.keyId }) as string);
}

/** A record's key by its id; undefined when this process does not hold it. */
export type KeyLookup = (keyId: string) => Buffer | undefined;

/** The record's hash by its key id; null when the key is unknown here. */
export function hashAuditRecord(r: ChainedFields, keys: KeyLookup): string | null {
  if (r.keyId === LEGACY_KEY_ID) return legacyHash(r);
  const key = keys(r.keyId);
  return key ? keyedHash(r, key) : null;
}

/** The links' own faults; TRUNCATED and CHECKPOINT_MISMATCH are found against the signed checkpoints (./audit.ts). */
export type ChainBreakReason = 'HASH_MISMATCH' | 'PREV_HASH_MISMATCH' | 'UNKNOWN_KEY' | 'UNKEYED' | 'TRUNCATED' | 'CHECKPOINT_MISMATCH';

export interface ChainBreak {
  seq: bigint;
  reason: ChainBreakReason;
  expected?: string;
  found?: string;
}

/** Where a walk over the chain stands between pages. */
export interface ChainCursor {
  /** the hash the next record must name as its previous */
  prev: string;
  /** still inside the leading run of legacy records */
  inLegacyPrefix: boolean;
}

export const chainStart = (): ChainCursor => ({ prev: GENESIS_HASH, inLegacyPrefix: true });

/**
 * Checks a run of consecutive records from `cursor` (advanced in place). `legacyUntil`: the last position a signed
 * checkpoint allows a legacy record at (null: no checkpoint, legacy records are allowed as the leading run only).
 */
export function findBreak<T extends ChainedFields & { seq: bigint; hash: string }>(
  records: T[],
  cursor: ChainCursor,
  keys: KeyLookup,
  legacyUntil: bigint | null = null,
): ChainBreak | null {
  for (const r of records) {
    if (r.keyId === LEGACY_KEY_ID) {
      if (!cursor.inLegacyPrefix || (legacyUntil !== null && r.seq > legacyUntil)) return { seq: r.seq, reason: 'UNKEYED' };
    } else cursor.inLegacyPrefix = false;
    if (r.prevHash !== cursor.prev) return { seq: r.seq, reason: 'PREV_HASH_MISMATCH', expected: cursor.prev, found: r.prevHash };
    const hash = hashAuditRecord(r, keys);
    if (hash === null) return { seq: r.seq, reason: 'UNKNOWN_KEY', found: r.keyId };
    if (hash !== r.hash) return { seq: r.seq, reason: 'HASH_MISMATCH' };
    cursor.prev = r.hash;
  }
  return null;
}
