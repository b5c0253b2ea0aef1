import { describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import { GENESIS_HASH, LEGACY_KEY_ID, chainStart, findBreak, hashAuditRecord, keyedHash, legacyHash, sm3, type ChainedFields, type KeyLookup } from './chain.js';

const K1 = crypto.randomBytes(32);
const K2 = crypto.randomBytes(32);
const KEYS: KeyLookup = (id) => ({ k1: K1, k2: K2 } as Record<string, Buffer>)[id];

type Row = ChainedFields & { seq: bigint; hash: string };
/** the chain check from the start */
const check = (rows: Row[], keys = KEYS, legacyUntil: bigint | null = null) => findBreak(rows, chainStart(), keys, legacyUntil);

describe('sm3', () => {
  it('matches the GB/T 32905-2016 test vector for "abc"', () => {
    expect(sm3('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });
});

/** n records; record i uses keyOf(i) (legacy-sm3: plain SM3, as written before keyed hashing) */
function chain(n: number, keyOf: (i: number) => string = () => 'k1') {
  const out: Row[] = [];
  let prev = GENESIS_HASH;
  for (let i = 0; i < n; i++) {
    const f: ChainedFields = {
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
      actorId: null,
      actorName: `u${i}`,
      actorRole: null,
      ip: '127.0.0.1',
      userAgent: null,
      requestId: null,
      action: 'test',
      targetType: null,
      targetId: String(i),
      outcome: 'SUCCESS',
      detail: { i, nested: { b: 2, a: 1 } },
      prevHash: prev,
      keyId: keyOf(i),
    };
    const hash = hashAuditRecord(f, KEYS)!;
    out.push({ ...f, seq: BigInt(i + 1), hash });
    prev = hash;
  }
  return out;
}

/** what someone with write access to the table but without the key can do: hash with plain SM3 */
const forge = (r: Row): Row => ({ ...r, hash: legacyHash(r) });

describe('audit hash chain', () => {
  it('accepts an intact chain', () => {
    expect(check(chain(5))).toBeNull();
  });

  it('ignores key order in detail (canonical JSON)', () => {
    const [r] = chain(1);
    expect(hashAuditRecord({ ...r!, detail: { nested: { a: 1, b: 2 }, i: 0 } }, KEYS)).toBe(r!.hash);
  });

  it('keys the hash: the same record under another key, or without one, hashes differently', () => {
    const [r] = chain(1);
    expect(keyedHash(r!, K2)).not.toBe(r!.hash);
    expect(legacyHash(r!)).not.toBe(r!.hash);
    // the key id is covered: relabelling a record with another key id breaks it even when the key were the same
    expect(keyedHash({ ...r!, keyId: 'k2' }, K1)).not.toBe(r!.hash);
  });

  it('finds a changed record', () => {
    const c = chain(5);
    c[2] = { ...c[2]!, actorName: 'mallory' };
    expect(check(c)).toEqual({ seq: 3n, reason: 'HASH_MISMATCH' });
  });

  it('finds a removed record at the link after it', () => {
    const c = chain(5);
    c.splice(1, 1);
    expect(check(c)).toMatchObject({ seq: 3n, reason: 'PREV_HASH_MISMATCH' });
  });

  it('finds a changed record even when every later hash was recomputed without the key, at the changed record', () => {
    const c = chain(6);
    let prev = c[1]!.hash;
    for (let i = 2; i < c.length; i++) {
      const r = forge({ ...c[i]!, prevHash: prev, actorName: i === 2 ? 'mallory' : c[i]!.actorName });
      c[i] = r;
      prev = r.hash;
    }
    expect(check(c)).toEqual({ seq: 3n, reason: 'HASH_MISMATCH' });
  });

  it('finds a record relabelled as written before keyed hashing (plain SM3) after keyed records', () => {
    const c = chain(4);
    c[2] = forge({ ...c[2]!, keyId: LEGACY_KEY_ID, actorName: 'mallory' });
    expect(check(c)).toEqual({ seq: 3n, reason: 'UNKEYED' });
  });

  it('verifies records written before keyed hashing as the leading run, then keyed ones, across a key rotation', () => {
    const c = chain(6, (i) => (i < 2 ? LEGACY_KEY_ID : i < 4 ? 'k1' : 'k2'));
    expect(check(c)).toBeNull();
    // a signed checkpoint fixes where the legacy run ends: a chain rebuilt as all-legacy is then refused
    expect(check(chain(6, () => LEGACY_KEY_ID), KEYS, 2n)).toEqual({ seq: 3n, reason: 'UNKEYED' });
  });

  it('reports a record whose key this process does not hold', () => {
    const c = chain(3, (i) => (i < 2 ? 'k1' : 'k2'));
    expect(check(c, (id) => (id === 'k1' ? K1 : undefined))).toEqual({ seq: 3n, reason: 'UNKNOWN_KEY', found: 'k2' });
  });

  it('carries the walk across pages', () => {
    const c = chain(6);
    const cursor = chainStart();
    expect(findBreak(c.slice(0, 3), cursor, KEYS)).toBeNull();
    expect(cursor.prev).toBe(c[2]!.hash);
    c[4] = { ...c[4]!, outcome: 'FAILURE' };
    expect(findBreak(c.slice(3), cursor, KEYS)).toEqual({ seq: 5n, reason: 'HASH_MISMATCH' });
  });
});
