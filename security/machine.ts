// What each action of the security dossier (security/workflow.ts) checks and records: the runner
// (core/workflow/runner.ts) checks visibility, permission, If-Match (the dossier's version) and state, claims the
// dossier and writes the audit record; these check the input (422) and add the record, its documents and the drill
// and graded-protection deadlines it opens or meets (shown on the due/overdue lists, projects/filings.ts).
import { subject } from '../core/access/abilities.js';
import type { Actor } from '../core/actor.js';
import { toShanghaiDate, type LocalDate } from '../core/calendar/working-days.js';
import type { Tx } from '../core/db/database.js';
import type { Prisma } from '../core/db/generated/client.js';
import { ForbiddenError, InvalidInputError, NotFoundError, type FieldIssue } from '../core/errors.js';
import type { Machine } from '../core/workflow/runner.js';
import { findReadableSystem } from '../migration/machine.js';
import { findReadableProject } from '../projects/machine.js';
import { FILING_STATES } from '../projects/workflow.js';
import type { StoredDocument } from '../projects/inputs.js';
import { EMERGENCY_DRILL, MLPS_ASSESSMENT, nextDrillDue, nextMlpsAssessmentDue, type RecurringRule } from './obligations.js';
import type { SecurityFilingInput, SecurityFilingOf } from './record-schema.js';
import { SECURITY_MACHINE, type SecurityAction, type SecurityOwnerKind, type SecurityState } from './workflow.js';
import './audit-names.js';

/** A dossier as the runner handles it: its id is its owner's (the project's or the system's); version 0 until created. */
export interface DossierRow {
  id: string;
  status: SecurityState;
  version: number;
  ownerKind: SecurityOwnerKind;
  orgId: string;
  dossierId: string | null;
  /** the day the owner went into service: established, or verified on the city cloud */
  inServiceSince: LocalDate | null;
}

type DocumentInput = { recordId: string; document: Omit<StoredDocument, 'kind'> };
export type SecurityInputs = { [A in SecurityAction]: A extends 'document' ? DocumentInput : SecurityFilingInput };

export interface SecurityEnv {
  /** today in Asia/Shanghai */
  today: LocalDate;
  now: Date;
}

const ownerColumn = (kind: SecurityOwnerKind) => (kind === 'PROJECT' ? 'projectId' : 'migrationSystemId');
const ownerWhere = (row: Pick<DossierRow, 'ownerKind' | 'id'>) => ({ [ownerColumn(row.ownerKind)]: row.id });

/** The owner if the actor may read it (404 otherwise) and its dossier if the actor may read that (403 otherwise). */
async function findDossier(tx: Tx, actor: Actor, kind: SecurityOwnerKind, id: string): Promise<DossierRow> {
  let owner: { orgId: string; open: boolean; since: Date | null };
  if (kind === 'PROJECT') {
    const p = await findReadableProject(tx, actor, id);
    owner = { orgId: p.orgId, open: (FILING_STATES as readonly string[]).includes(p.status), since: p.establishedAt };
  } else {
    const s = await findReadableSystem(tx, actor, id);
    owner = { orgId: s.orgId, open: s.status === 'MIGRATED', since: s.migratedAt };
  }
  const dossier = await tx.securityDossier.findUnique({ where: kind === 'PROJECT' ? { projectId: id } : { migrationSystemId: id } });
  const row: DossierRow = {
    id,
    status: owner.open ? 'OPEN' : 'CLOSED',
    version: dossier?.version ?? 0,
    ownerKind: kind,
    orgId: owner.orgId,
    dossierId: dossier?.id ?? null,
    inServiceSince: owner.since ? toShanghaiDate(owner.since) : null,
  };
  if (!actor.ability.can('read', subject('SecurityDossier', row))) throw new ForbiddenError('FORBIDDEN', { action: 'read' });
  return row;
}

const invalid = (issues: FieldIssue[]) => {
  if (issues.length) throw new InvalidInputError(issues, 'VALIDATION_FAILED', 422);
};
const notFuture = (issues: FieldIssue[], path: string, date: string | undefined, today: LocalDate) => {
  if (date && date > today) issues.push({ path, code: 'field.too_big', params: { maximum: today } });
};
const notFutureInstant = (issues: FieldIssue[], path: string, at: string | undefined, now: Date) => {
  // a minute's grace for clocks a little ahead of the server's
  if (at && new Date(at).getTime() > now.getTime() + 60_000) issues.push({ path, code: 'field.too_big', params: { maximum: now.toISOString() } });
};
const notBefore = (issues: FieldIssue[], path: string, date: string | undefined, earliest: string) => {
  if (date && date < earliest) issues.push({ path, code: 'field.too_small', params: { minimum: earliest } });
};
const named = (issues: FieldIssue[], path: string, name: string | undefined) => {
  if (!name?.trim()) issues.push({ path, code: 'field.required' });
};

/** What the filing says that cannot be: dates after today, confirmations without a name, a report without its time. */
export function checkFiling(input: SecurityFilingInput, env: SecurityEnv): void {
  const issues: FieldIssue[] = [];
  const { today } = env;
  switch (input.kind) {
    case 'RISK_ASSESSMENT':
      notFuture(issues, 'assessmentDate', input.assessmentDate, today);
      for (const [key, c] of [['unitConfirmation', input.unitConfirmation], ['contractorConfirmation', input.contractorConfirmation]] as const) {
        named(issues, `${key}.confirmedBy`, c.confirmedBy);
        notFuture(issues, `${key}.confirmedDate`, c.confirmedDate, today);
        notBefore(issues, `${key}.confirmedDate`, c.confirmedDate, input.assessmentDate);
      }
      break;
    case 'MLPS':
      notFuture(issues, 'gradingDate', input.gradingDate, today);
      notFuture(issues, 'lastAssessmentDate', input.lastAssessmentDate, today);
      break;
    case 'CRYPTO_ASSESSMENT':
      notFuture(issues, 'assessmentDate', input.assessmentDate, today);
      break;
    case 'EMERGENCY_PLAN':
      notFuture(issues, 'issuedDate', input.issuedDate, today);
      break;
    case 'DRILL':
      notFuture(issues, 'drillDate', input.drillDate, today);
      break;
    case 'INCIDENT':
      notFutureInstant(issues, 'occurredAt', input.occurredAt, env.now);
      notFutureInstant(issues, 'reportedAt', input.reportedAt, env.now);
      if (input.reportedAt && new Date(input.reportedAt) < new Date(input.occurredAt)) {
        issues.push({ path: 'reportedAt', code: 'field.too_small', params: { minimum: input.occurredAt } });
      }
      if (input.reportedAt && !input.reportedTo?.trim()) issues.push({ path: 'reportedTo', code: 'field.required' });
      if (input.reportedTo?.trim() && !input.reportedAt) issues.push({ path: 'reportedAt', code: 'field.required' });
      break;
  }
  invalid(issues);
}

async function dossierIdOf(tx: Tx, row: DossierRow): Promise<string> {
  if (row.dossierId) return row.dossierId;
  const d = await tx.securityDossier.findFirstOrThrow({ where: ownerWhere(row), select: { id: true } });
  return d.id;
}

/** Meets the owner's open deadlines of `rule` and opens the next one, due on `due`. */
async function renewDeadline(tx: Tx, row: DossierRow, rule: RecurringRule, start: LocalDate, due: LocalDate | null, recordId: string) {
  await tx.deadline.updateMany({ where: { ...ownerWhere(row), ruleCode: rule.code, metAt: null }, data: { metAt: new Date(), metByFilingId: recordId } });
  if (!due) return null;
  return openDeadline(tx, row, rule, start, due);
}

const openDeadline = (tx: Tx, row: DossierRow, rule: RecurringRule, start: LocalDate, due: LocalDate) =>
  tx.deadline.create({
    data: { ...ownerWhere(row), orgId: row.orgId, ruleCode: rule.code, workingDays: 0, article: rule.article, startDate: start, dueDate: due, title: rule.label['zh-CN'] },
  });

/**
 * A dossier without any drill deadline gets its first with its first record: a year after the owner went into
 * service (Art. 37), so a unit that files but never drills shows up as overdue on the lists.
 */
async function firstDrillDeadline(tx: Tx, row: DossierRow) {
  if (!row.inServiceSince) return;
  if (await tx.deadline.count({ where: { ...ownerWhere(row), ruleCode: EMERGENCY_DRILL.code } })) return;
  await openDeadline(tx, row, EMERGENCY_DRILL, row.inServiceSince, nextDrillDue(row.inServiceSince));
}

/** The deadline a record opens (and the earlier ones it meets): a drill the next drill, an assessment the next assessment. */
async function obligationsOf(tx: Tx, row: DossierRow, input: SecurityFilingInput, recordId: string): Promise<{ nextDue?: string }> {
  if (input.kind === 'DRILL') {
    const d = await renewDeadline(tx, row, EMERGENCY_DRILL, input.drillDate, nextDrillDue(input.drillDate), recordId);
    return { nextDue: d?.dueDate };
  }
  if (input.kind === 'MLPS') {
    const mlps = input as SecurityFilingOf<'MLPS'>;
    const from = mlps.lastAssessmentDate ?? mlps.gradingDate;
    const d = await renewDeadline(tx, row, MLPS_ASSESSMENT, from, nextMlpsAssessmentDue(mlps.mlpsLevel, from), recordId);
    return d ? { nextDue: d.dueDate } : {};
  }
  return {};
}

const fileRecord = {
  checkInput: checkFiling,
  async effect({ tx, actor, row, input }: { tx: Tx; actor: Actor; row: DossierRow; input: SecurityFilingInput }) {
    const dossierId = await dossierIdOf(tx, row);
    const { kind, ...data } = input;
    const record = await tx.securityRecord.create({ data: { dossierId, kind, data: data as Prisma.InputJsonValue, filedById: actor.principal!.id } });
    await firstDrillDeadline(tx, row);
    const next = await obligationsOf(tx, row, input, record.id);
    return { detail: { kind, recordId: record.id, ...next } };
  },
};

const storeFor = (kind: SecurityOwnerKind): Machine<SecurityState, SecurityAction, DossierRow, SecurityInputs, SecurityEnv, undefined>['store'] => ({
  find: (tx, actor, id) => findDossier(tx, actor, kind, id),
  async lock(tx, id) {
    if (kind === 'PROJECT') await tx.$queryRaw`SELECT 1 FROM project WHERE id = ${id}::uuid FOR UPDATE`;
    else await tx.$queryRaw`SELECT 1 FROM migration_system WHERE id = ${id}::uuid FOR UPDATE`;
  },
  // the first filing creates the dossier at version 1; a concurrent first filing finds it there (0 rows: a lost race)
  async claim(tx, row, expected) {
    if (expected === 0) {
      const { count } = await tx.securityDossier.createMany({ data: [{ ...ownerWhere(row), orgId: row.orgId, ownerKind: row.ownerKind, version: 1 }], skipDuplicates: true });
      return count;
    }
    const { count } = await tx.securityDossier.updateMany({ where: { ...ownerWhere(row), version: expected }, data: { version: { increment: 1 } } });
    return count;
  },
  async write() {},
  auditTarget: (row) => ({ detail: { ownerKind: row.ownerKind } }),
});

/** The dossier machine for one kind of owner (the table and the handlers are the same for both). */
export function securityMachine(kind: SecurityOwnerKind): Machine<SecurityState, SecurityAction, DossierRow, SecurityInputs, SecurityEnv, undefined> {
  return {
    table: SECURITY_MACHINE,
    auditPrefix: 'security',
    appends: ['risk-assessment', 'mlps', 'crypto-assessment', 'emergency-plan', 'drill', 'incident', 'document'],
    store: storeFor(kind),
    handlers: {
      'risk-assessment': fileRecord,
      mlps: fileRecord,
      'crypto-assessment': fileRecord,
      'emergency-plan': fileRecord,
      drill: fileRecord,
      incident: fileRecord,
      document: {
        async effect({ tx, actor, row, input }) {
          const dossierId = await dossierIdOf(tx, row);
          const record = await tx.securityRecord.findFirst({ where: { id: input.recordId, dossierId }, select: { id: true, kind: true } });
          if (!record) throw new NotFoundError('securityRecord');
          const doc = await tx.securityDocument.create({ data: { recordId: record.id, ...input.document, uploadedById: actor.principal!.id } });
          return { detail: { recordId: record.id, kind: record.kind, documentId: doc.id, filename: doc.filename, size: doc.size, sm3: doc.sm3 } };
        },
      },
    },
  };
}
