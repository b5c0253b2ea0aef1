// Reading the audit trail (auditors only) and verifying its chain.
import { assertCan } from '../access/abilities.js';
import type { Actor } from '../actor.js';
import type { Database } from '../db/database.js';
import type { AuditOutcome } from '../db/generated/enums.js';
import { recordAudit, verifyAuditChain } from './audit.js';
import type { AuditEventView } from './event-schema.js';

export interface AuditFilter {
  actor?: string;
  action?: string;
  outcome?: AuditOutcome;
  targetType?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
  /** keyset pagination: records older than this seq */
  before?: bigint;
  limit: number;
}

export function createAuditTrailService({ db }: { db: Database }) {
  const { prisma } = db;

  async function list(actor: Actor, f: AuditFilter) {
    assertCan(actor.ability, 'read', 'AuditEvent');
    const rows = await prisma.auditEvent.findMany({
      where: {
        actorName: f.actor,
        action: f.action ? { startsWith: f.action } : undefined,
        outcome: f.outcome,
        targetType: f.targetType,
        targetId: f.targetId,
        at: f.from || f.to ? { gte: f.from, lt: f.to } : undefined,
        seq: f.before !== undefined ? { lt: f.before } : undefined,
      },
      orderBy: { seq: 'desc' },
      take: f.limit,
    });
    // every record's detail is an object (recordAudit writes {} when there is none)
    const items = rows.map((r): AuditEventView => ({ ...r, seq: r.seq.toString(), at: r.at.toISOString(), detail: r.detail as Record<string, unknown> }));
    const last = rows[rows.length - 1];
    return { items, nextBefore: rows.length === f.limit && last ? last.seq.toString() : null };
  }

  async function verify(actor: Actor) {
    assertCan(actor.ability, 'verify', 'AuditEvent');
    const result = await verifyAuditChain(db);
    await prisma.$transaction((tx) =>
      recordAudit(tx, actor.audit, { action: 'audit.verify', outcome: result.valid ? 'SUCCESS' : 'FAILURE', detail: { ...result } }),
    );
    return result;
  }

  return { list, verify };
}

export type AuditTrailService = ReturnType<typeof createAuditTrailService>;
