// Reading the audit trail (auditors only), verifying its chain, and exporting it. A person reads names, not codes:
// each record comes with its action's name, who acted and the object by number and name; sign-ins are left out
// unless asked for; a project's history takes in its requests, jobs and resources.
import type { Prisma } from '../db/generated/client.js';
import { assertCan } from '../access/abilities.js';
import type { Actor } from '../actor.js';
import type { Database, Tx } from '../db/database.js';
import type { AuditOutcome } from '../db/generated/enums.js';
import type { Locale } from '../i18n.js';
import { recordAudit, verifyAuditChain } from './audit.js';
import { checkAgainstDatabase, readCheckpoints, takeCheckpoint, type CheckpointStore } from './checkpoints.js';
import type { AuditCheckpointStatus, AuditEventView } from './event-schema.js';
import { auditActionLabel } from './labels.js';
import { nameTargets, type ProjectRelations, type TargetNamers } from './targets.js';

export interface AuditFilter {
  actor?: string;
  action?: string;
  outcome?: AuditOutcome;
  targetType?: string;
  targetId?: string;
  /** a project's number: its records and those of its requests, jobs and resources */
  project?: string;
  /** sign-ins and sign-outs (auth.*) are left out unless this is set or `action` asks for them */
  signIns?: boolean;
  from?: Date;
  to?: Date;
  /** keyset pagination: records older than this seq */
  before?: bigint;
  limit: number;
}

export interface AuditTrailDeps {
  db: Database;
  /** names of the objects, by type (each domain's audit-names.ts) */
  targets: TargetNamers;
  /** the objects whose records belong to a project's history besides the project itself */
  relations: ProjectRelations;
  /** the signed checkpoints of the chain, outside the database (./checkpoints.ts) */
  checkpoints: CheckpointStore;
}

const SIGN_INS = 'auth.';

export function createAuditTrailService({ db, targets, relations, checkpoints }: AuditTrailDeps) {
  const { prisma } = db;
  const verifyAll = () => verifyAuditChain(db, readCheckpoints(checkpoints.file, checkpoints.signer));

  /** The filter as a query; null when it names a project that does not exist (nothing matches). */
  async function whereOf(tx: Tx, f: Omit<AuditFilter, 'limit' | 'before'>): Promise<Prisma.AuditEventWhereInput | null> {
    const and: Prisma.AuditEventWhereInput[] = [];
    if (f.project) {
      const project = await tx.project.findUnique({ where: { code: f.project }, select: { id: true } });
      if (!project) return null;
      const related = await relations(tx, project.id);
      and.push({
        OR: [
          { targetType: 'Project', targetId: project.id },
          ...Object.entries(related).filter(([, ids]) => ids.length).map(([targetType, ids]) => ({ targetType, targetId: { in: ids } })),
        ],
      });
    }
    if (!f.signIns && !f.action?.startsWith(SIGN_INS)) and.push({ NOT: { action: { startsWith: SIGN_INS } } });
    return {
      actorName: f.actor,
      action: f.action ? { startsWith: f.action } : undefined,
      outcome: f.outcome,
      targetType: f.targetType,
      targetId: f.targetId,
      at: f.from || f.to ? { gte: f.from, lt: f.to } : undefined,
      AND: and,
    };
  }

  /** Records as people read them: named actions, actors and objects. */
  async function present(tx: Tx, rows: Prisma.AuditEventGetPayload<object>[], locale: Locale): Promise<AuditEventView[]> {
    const names = await nameTargets(
      tx,
      targets,
      [...rows, ...rows.map((r) => ({ targetType: 'User', targetId: r.actorId }))],
      locale,
    );
    // every record's detail is an object (recordAudit writes {} when there is none)
    return rows.map((r) => ({
      ...r,
      seq: r.seq.toString(),
      at: r.at.toISOString(),
      detail: r.detail as Record<string, unknown>,
      actionLabel: auditActionLabel(r.action, locale),
      actorLabel: (r.actorId && names.get(`User:${r.actorId}`)) || r.actorName,
      targetLabel: (r.targetType && r.targetId && names.get(`${r.targetType}:${r.targetId}`)) || null,
    }));
  }

  async function list(actor: Actor, f: AuditFilter, locale: Locale) {
    assertCan(actor.ability, 'read', 'AuditEvent');
    return prisma.$transaction(async (tx) => {
      const where = await whereOf(tx, f);
      if (!where) return { items: [], nextBefore: null };
      const rows = await tx.auditEvent.findMany({
        where: { ...where, seq: f.before !== undefined ? { lt: f.before } : undefined },
        orderBy: { seq: 'desc' },
        take: f.limit,
      });
      const last = rows[rows.length - 1];
      return { items: await present(tx, rows, locale), nextBefore: rows.length === f.limit && last ? last.seq.toString() : null };
    });
  }

  /**
   * The records the filter selects (at most `max`, newest first) with the chain check of the whole trail, for an
   * export; the export itself is recorded.
   */
  async function exportRecords(actor: Actor, f: Omit<AuditFilter, 'limit' | 'before'>, max: number, locale: Locale) {
    assertCan(actor.ability, 'read', 'AuditEvent');
    const verification = await verifyAll();
    const { items, total } = await prisma.$transaction(async (tx) => {
      const where = await whereOf(tx, f);
      if (!where) return { items: [], total: 0 };
      const [rows, total] = await Promise.all([tx.auditEvent.findMany({ where, orderBy: { seq: 'desc' }, take: max }), tx.auditEvent.count({ where })]);
      return { items: await present(tx, rows, locale), total };
    });
    await prisma.$transaction((tx) =>
      recordAudit(tx, actor.audit, { action: 'audit.export', detail: { filter: { ...f, from: f.from?.toISOString(), to: f.to?.toISOString() }, records: items.length, total, chainValid: verification.valid } }),
    );
    return { items, total, verification, verifiedAt: new Date() };
  }

  async function verify(actor: Actor) {
    assertCan(actor.ability, 'verify', 'AuditEvent');
    const result = await verifyAll();
    await prisma.$transaction((tx) =>
      recordAudit(tx, actor.audit, { action: 'audit.verify', outcome: result.valid ? 'SUCCESS' : 'FAILURE', detail: { ...result } }),
    );
    return result;
  }

  /** The latest signed checkpoint and whether the database still agrees with it. */
  async function latestCheckpoint(actor: Actor): Promise<AuditCheckpointStatus> {
    assertCan(actor.ability, 'verify', 'AuditEvent');
    const log = readCheckpoints(checkpoints.file, checkpoints.signer);
    const c = log.valid.at(-1);
    if (!c) return { checkpoint: null, verified: false, state: 'NONE', invalidLines: log.invalid };
    const state = await checkAgainstDatabase(db, c);
    const { at, seq, count, head, keyId, signer } = c;
    return { checkpoint: { at, seq, count, head, keyId, signer }, verified: state === 'MATCHES', state, invalidLines: log.invalid };
  }

  /** Takes a checkpoint now (the auditor's "checkpoint now"); recorded after it is written. */
  async function checkpointNow(actor: Actor): Promise<AuditCheckpointStatus> {
    assertCan(actor.ability, 'verify', 'AuditEvent');
    const c = (await takeCheckpoint(db, checkpoints))!;
    await prisma.$transaction((tx) => recordAudit(tx, actor.audit, { action: 'audit.checkpoint', detail: { seq: c.seq, count: c.count, head: c.head } }));
    return latestCheckpoint(actor);
  }

  return { list, exportRecords, verify, latestCheckpoint, checkpointNow };
}

export type AuditTrailService = ReturnType<typeof createAuditTrailService>;
