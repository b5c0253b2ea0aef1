import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, findBreak, hashAuditRecord, sm3, type ChainedFields } from './chain.js';

describe('sm3', () => {
  it('matches the GB/T 32905-2016 test vector for "abc"', () => {
    expect(sm3('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });
});

function chain(n: number) {
  const out: (ChainedFields & { seq: bigint; hash: string })[] = [];
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
    };
    const hash = hashAuditRecord(f);
    out.push({ ...f, seq: BigInt(i + 1), hash });
    prev = hash;
  }
  return out;
}

describe('audit hash chain', () => {
  it('accepts an intact chain', () => {
    expect(findBreak(chain(5), GENESIS_HASH).broken).toBeNull();
  });

  it('ignores key order in detail (canonical JSON)', () => {
    const [r] = chain(1);
    expect(hashAuditRecord({ ...r!, detail: { nested: { a: 1, b: 2 }, i: 0 } })).toBe(r!.hash);
  });

  it('finds a changed record', () => {
    const c = chain(5);
    c[2] = { ...c[2]!, actorName: 'mallory' };
    expect(findBreak(c, GENESIS_HASH).broken).toEqual({ seq: 3n, reason: 'HASH_MISMATCH' });
  });

  it('finds a removed record at the link after it', () => {
    const c = chain(5);
    c.splice(1, 1);
    expect(findBreak(c, GENESIS_HASH).broken).toMatchObject({ seq: 3n, reason: 'PREV_HASH_MISMATCH' });
  });

  it('finds a record whose hash was recomputed after tampering at the next link', () => {
    const c = chain(4);
    const forged = { ...c[1]!, actorName: 'mallory' };
    forged.hash = hashAuditRecord(forged);
    c[1] = forged;
    expect(findBreak(c, GENESIS_HASH).broken).toMatchObject({ seq: 3n, reason: 'PREV_HASH_MISMATCH' });
  });
});
