// The security dossiers of established projects and migrated systems (Art. 36–37): read one with the actions it
// offers, file a record, upload and download a record's documents. Every change goes through the runner with the
// dossier machine (security/machine.ts); the owner decides who sees the dossier (404 for another unit's).
import type { Actor } from '../core/actor.js';
import { daysLeft, toShanghaiDate, type LocalDate } from '../core/calendar/working-days.js';
import type { Database, Tx } from '../core/db/database.js';
import { InvalidInputError, NotFoundError } from '../core/errors.js';
import { cleanFileName } from '../core/files/file-name.js';
import { openChecked, type FileStore } from '../core/files/store.js';
import type { Locale } from '../core/i18n.js';
import { createRunner } from '../core/workflow/runner.js';
import { sniffDocument } from '../projects/documents.js';
import type { ArchiveLimits } from '../core/config.js';
import { toDeadlineView } from '../projects/store.js';
import { securityMachine, type DossierRow } from './machine.js';
import { EMERGENCY_DRILL, MLPS_ASSESSMENT, nextDrillDue } from './obligations.js';
import type { SecurityDossierView, SecurityFilingInput } from './record-schema.js';
import { SECURITY_ACTION_OF, type SecurityOwnerKind, type SecurityRecordKind } from './workflow.js';

/** What every dossier needs at least once (Art. 36, 37); the console and the overview name the ones missing. */
export const REQUIRED_RECORDS: readonly SecurityRecordKind[] = ['RISK_ASSESSMENT', 'MLPS', 'EMERGENCY_PLAN'];

export interface SecurityDeps {
  db: Database;
  files: FileStore;
  /** what a zip-based document may inflate to (core/files/archive-inspection.ts) */
  archiveLimits?: ArchiveLimits;
  /** today in Asia/Shanghai; injectable for tests */
  today?: () => LocalDate;
}

export function createSecurityService({ db, files, archiveLimits, today = () => toShanghaiDate(new Date()) }: SecurityDeps) {
  const { prisma } = db;
  const env = () => ({ today: today(), now: new Date() });
  const runners = { PROJECT: createRunner(securityMachine('PROJECT'), { db, env }), SYSTEM: createRunner(securityMachine('SYSTEM'), { db, env }) };

  async function load(tx: Tx, row: DossierRow): Promise<Omit<SecurityDossierView, 'allowedActions'>> {
    const where = row.ownerKind === 'PROJECT' ? { projectId: row.id } : { migrationSystemId: row.id };
    const owner =
      row.ownerKind === 'PROJECT'
        ? await tx.project.findUniqueOrThrow({ where: { id: row.id }, select: { code: true, name: true, org: { select: { name: true } } } })
        : await tx.migrationSystem.findUniqueOrThrow({ where: { id: row.id }, select: { code: true, name: true, org: { select: { name: true } } } });
    const records = row.dossierId
      ? await tx.securityRecord.findMany({ where: { dossierId: row.dossierId }, orderBy: { createdAt: 'desc' }, include: { documents: { orderBy: { createdAt: 'asc' } } } })
      : [];
    const filers = await tx.user.findMany({ where: { id: { in: [...new Set(records.map((r) => r.filedById))] } }, select: { id: true, displayName: true } });
    const deadlines = await tx.deadline.findMany({
      where: { ...where, ruleCode: { in: [EMERGENCY_DRILL.code, MLPS_ASSESSMENT.code] } },
      orderBy: { dueDate: 'desc' },
      include: { reminders: { select: { day: true }, orderBy: { day: 'desc' } } },
    });
    const now = today();
    const openDrill = deadlines.find((d) => d.ruleCode === EMERGENCY_DRILL.code && !d.metAt);
    const filed = new Set(records.map((r) => r.kind));
    return {
      owner: { kind: row.ownerKind, id: row.id, code: owner.code, name: owner.name, orgName: owner.org.name, inServiceSince: row.inServiceSince },
      status: row.status,
      version: row.version,
      records: records.map((r) => ({
        id: r.id,
        kind: r.kind as SecurityRecordKind,
        data: r.data as Record<string, unknown>,
        filedByName: filers.find((u) => u.id === r.filedById)?.displayName ?? null,
        createdAt: r.createdAt.toISOString(),
        documents: r.documents.map((d) => ({ id: d.id, filename: d.filename, contentType: d.contentType, size: d.size, sm3: d.sm3, createdAt: d.createdAt.toISOString() })),
      })),
      deadlines: deadlines.map((d) => ({ ...toDeadlineView(d), overdue: !d.metAt && daysLeft(d.dueDate as LocalDate, now).overdue })),
      nextDrillDue: openDrill?.dueDate ?? (row.inServiceSince && row.status === 'OPEN' ? nextDrillDue(row.inServiceSince) : null),
      missing: row.status === 'OPEN' ? REQUIRED_RECORDS.filter((k) => !filed.has(k)) : [],
    };
  }

  /** The dossier of a project or a system, with the actions it offers the reader. */
  const dossier = (actor: Actor, kind: SecurityOwnerKind, id: string, locale: Locale) => runners[kind].present(actor, id, locale, load);

  /** Files a record; answers with the dossier as it is now. If-Match (the dossier's version) optional, a stale one is 412. */
  async function file(actor: Actor, kind: SecurityOwnerKind, id: string, input: SecurityFilingInput, locale: Locale, expectedVersion?: number) {
    await runners[kind].run(actor, SECURITY_ACTION_OF[input.kind], id, { input, locale, expectedVersion });
    return dossier(actor, kind, id, locale);
  }

  /** Stores a document with one of the dossier's records (the same checks as the projects' documents: type sniffed, SM3). */
  async function upload(actor: Actor, kind: SecurityOwnerKind, id: string, recordId: string, file: { originalname: string; buffer: Buffer }, locale: Locale) {
    // permission and state first, so a refused caller's upload is never stored
    await runners[kind].check(actor, 'document', id, locale);
    if (file.buffer.length === 0) throw new InvalidInputError([{ path: 'file', code: 'field.required' }]);
    const filename = cleanFileName(file.originalname);
    const contentType = await sniffDocument(file.buffer, filename, archiveLimits);
    // the content first, then the record that points at it (a content no record came to point at is swept later)
    const stored = await files.put(file.buffer, contentType);
    const taken = await runners[kind].run(actor, 'document', id, {
      input: { recordId, document: { filename, contentType, size: stored.size, sm3: stored.sm3, contentSha256: stored.sha256 } },
      locale,
    });
    const doc = await prisma.securityDocument.findUniqueOrThrow({ where: { id: String(taken.detail.documentId) } });
    return { id: doc.id, filename, contentType, size: doc.size, sm3: doc.sm3, createdAt: doc.createdAt.toISOString() };
  }

  async function download(actor: Actor, kind: SecurityOwnerKind, id: string, documentId: string) {
    const view = await dossier(actor, kind, id, 'zh-CN');
    const known = view.records.some((r) => r.documents.some((d) => d.id === documentId));
    const doc = known ? await prisma.securityDocument.findUnique({ where: { id: documentId } }) : null;
    if (!doc) throw new NotFoundError('securityDocument');
    return { doc, stream: await openChecked(files, doc) };
  }

  return { dossier, file, upload, download };
}

export type SecurityService = ReturnType<typeof createSecurityService>;
