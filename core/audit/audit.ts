// Writing and verifying the audit trail. Every state change writes its record in the same transaction.
import type { Database, Tx } from '../db/database.js';
import type { AuditOutcome } from '../db/generated/enums.js';
import { GENESIS_HASH, findBreak, hashAuditRecord } from './chain.js';
import type { AuditVerifyResult } from './event-schema.js';
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
  };
  await tx.auditEvent.create({ data: { ...fields, hash: hashAuditRecord(fields) } });
}

/** For events that are not part of a state change (failed sign-ins, refused authorizations). */
export async function recordAuditAlone(db: Database, ctx: AuditContext, entry: AuditEntry): Promise<void> {
  await db.prisma.$transaction((tx) => recordAudit(tx, ctx, entry));
}

/** The chain check's answer (./event-schema.ts declares the shape the API sends). */
export type VerifyResult = AuditVerifyResult;

/** Walks the whole chain in seq order, in pages, and reports the first broken link. */
export async function verifyAuditChain(db: Database, pageSize = 2000): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let after: bigint = -1n;
  let checked = 0;
  for (;;) {
    const page = await db.prisma.auditEvent.findMany({
      where: { seq: { gt: after } },
      orderBy: { seq: 'asc' },
      take: pageSize,
    });
    if (page.length === 0) return { valid: true, checked, firstBroken: null };
    const { broken, last } = findBreak(page, prev);
    if (broken) {
      checked += page.findIndex((r) => r.seq === broken.seq);
      return { valid: false, checked, firstBroken: { ...broken, seq: broken.seq.toString() } };
    }
    checked += page.length;
    prev = last;
    after = page[page.length - 1]!.seq;
  }
}
