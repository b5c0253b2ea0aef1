// Writing and verifying the audit trail. Every state change writes its record in the same transaction.
import { advanceWriteClock } from '../cache/write-clock.js';
import { afterCommit } from '../db/commit-hooks.js';
import type { Database, Tx } from '../db/database.js';
import { publish } from '../events/feed.js';
import type { AuditOutcome } from '../db/generated/enums.js';
import { GENESIS_HASH, chainStart, findBreak, keyedHash, type ChainBreak } from './chain.js';
import type { Checkpoint, CheckpointLog } from './checkpoints.js';
import type { AuditVerifyResult } from './event-schema.js';
import { auditKeyring, keyLookup } from './keys.js';
import { isAuditActionNamed } from './labels.js';

/** Serialises appends so the chain never forks; held until the writing transaction ends. */
const AUDIT_CHAIN_LOCK = 0x5a59_4155; // "ZYAU"

/** Who acted and from where; built once per request by the API. */
export interface AuditContext {
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export const SYSTEM_CONTEXT: AuditContext = {
  actorId: null,
  actorName: 'system',
  actorRole: null,
  ip: null,
  userAgent: null,
  requestId: null,
};

export interface AuditEntry {
  action: string;
  outcome?: AuditOutcome;
  targetType?: string;
  targetId?: string;
  detail?: Record<string, unknown>;
}

/** Appends one record inside the caller's transaction. Call it last, so the chain lock is held briefly. */
export async function recordAudit(tx: Tx, ctx: AuditContext, entry: AuditEntry): Promise<void> {
  // the test suite catches an action recorded without a name for the trail (./labels.ts); users never see this
  if (process.env.NODE_ENV === 'test' && !isAuditActionNamed(entry.action)) throw new Error(`audit action without a name: ${entry.action} (core/audit/labels.ts)`);
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
  const last = await tx.auditEvent.findFirst({ orderBy: { seq: 'desc' }, select: { hash: true } });
  const keyring = auditKeyring();
  const fields = {
    at: new Date(),
    actorId: ctx.actorId,
    actorName: ctx.actorName,
    actorRole: ctx.actorRole,
    ip: ctx.ip,
    userAgent: ctx.userAgent?.slice(0, 512) ?? null,
    requestId: ctx.requestId,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    outcome: entry.outcome ?? 'SUCCESS',
    detail: (entry.detail ?? {}) as object,
    prevHash: last?.hash ?? GENESIS_HASH,
    keyId: keyring.currentId,
  };
  await tx.auditEvent.create({ data: { ...fields, hash: keyedHash(fields, keyring.keys.get(keyring.currentId)!) } });
  // read caches (core/cache/read-cache.ts): here once this commits, elsewhere when the word arrives (PostgreSQL
  // sends one word per transaction however many records it wrote)
  if (!afterCommit(tx, advanceWriteClock)) advanceWriteClock();
  await publish(tx, { kind: 'written' });
}

/** For events that are not part of a state change (failed sign-ins, refused authorizations). */
export async function recordAuditAlone(db: Database, ctx: AuditContext, entry: AuditEntry): Promise<void> {
  await db.prisma.$transaction((tx) => recordAudit(tx, ctx, entry));
}

/** The chain check's answer (./event-schema.ts declares the shape the API sends). */
export type VerifyResult = AuditVerifyResult;

/**
 * Walks the whole chain in seq order, in pages, and reports the first position affected: a broken link (a changed,
 * removed or inserted record, a record hashed without the key or with a key this process does not hold), or, against
 * the signed checkpoints, records missing (deleted newest records: TRUNCATED) or a chain rebuilt under a checkpoint
 * (CHECKPOINT_MISMATCH).
 */
export async function verifyAuditChain(db: Database, checkpoints: CheckpointLog = { valid: [], invalid: 0 }, pageSize = 2000): Promise<VerifyResult> {
  const keys = keyLookup(auditKeyring());
  // one comparison per position (the same head may be checkpointed repeatedly), in chain order
  // (one taken on an empty chain names no position: nothing can be missing from it)
  const pending = [...new Map(checkpoints.valid.filter((c) => c.seq !== '0').map((c) => [c.seq, c])).values()].sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1));
  const legacyUntil = checkpoints.valid.length ? checkpoints.valid.map((c) => BigInt(c.legacyUntil)).reduce((a, b) => (a < b ? a : b)) : null;
  const latest = checkpoints.valid.reduce<Checkpoint | null>((l, c) => (!l || BigInt(c.seq) >= BigInt(l.seq) ? c : l), null);
  const summary = { compared: 0, invalid: checkpoints.invalid, latest: latest ? { at: latest.at, seq: latest.seq, count: latest.count } : null };
  const cursor = chainStart();
  let after = -1n;
  let checked = 0;
  /** the last position seen, and the last one a checkpoint confirmed */
  let lastSeq = 0n;
  let confirmed = 0n;
  const done = (broken: ChainBreak | null): VerifyResult => ({
    valid: broken === null && checkpoints.invalid === 0,
    checked,
    firstBroken: broken ? { ...broken, seq: broken.seq.toString() } : null,
    checkpoints: summary,
  });
  /** a checkpoint at a position before `seq` (null: the end) that no record stood at: the records after lastSeq are gone */
  const missedBefore = (seq: bigint | null): ChainBreak | null => {
    const c = pending[0];
    if (!c || (seq !== null && BigInt(c.seq) >= seq)) return null;
    return { seq: lastSeq + 1n, reason: 'TRUNCATED', expected: `${c.count} records up to ${c.seq}`, found: `${checked} records up to ${lastSeq}` };
  };
  for (;;) {
    const page = await db.prisma.auditEvent.findMany({ where: { seq: { gt: after } }, orderBy: { seq: 'asc' }, take: pageSize });
    if (page.length === 0) return done(missedBefore(null));
    for (const r of page) {
      const missing = missedBefore(r.seq);
      if (missing) return done(missing);
      const broken = findBreak([r], cursor, keys, legacyUntil);
      if (broken) return done(broken);
      checked++;
      lastSeq = r.seq;
      const c = pending[0];
      if (c && BigInt(c.seq) === r.seq) {
        pending.shift();
        summary.compared++;
        if (r.hash !== c.head || checked !== c.count) {
          return done({ seq: confirmed + 1n, reason: 'CHECKPOINT_MISMATCH', expected: `${c.count} records up to ${c.seq}, head ${c.head}`, found: `${checked} records up to ${r.seq}, head ${r.hash}` });
        }
        confirmed = r.seq;
      }
    }
    after = page[page.length - 1]!.seq;
  }
}
