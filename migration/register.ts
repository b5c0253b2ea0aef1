// The register of legacy systems (政务信息系统目录, Art. 5): departments and counties record their own systems,
// one by one or from the spreadsheet they already keep (all rows in one transaction, or none); everyone who may
// read the register can list and export it. The sub-center revises its assessment through the same PATCH, on the
// assessment fields only (core/access/abilities.ts decides who may change which field).
import type { ArchiveLimits } from '../core/config.js';
import crypto from 'node:crypto';
import type { z } from 'zod';
import { assertCan, assertFieldsPermitted, readableWhere, subject } from '../core/access/abilities.js';
import type { Actor } from '../core/actor.js';
import { recordAudit } from '../core/audit/audit.js';
import type { Database, Tx } from '../core/db/database.js';
import { takeNumbers } from '../core/db/counters.js';
import type { Prisma } from '../core/db/generated/client.js';
import { RuleViolationError } from '../core/errors.js';
import type { Locale } from '../core/i18n.js';
import type { RegisterRow } from './columns.js';
import { assertNameFree, findReadableSystem } from './machine.js';
import type { TransitionService } from './transitions.js';
import { historyOf, recordChange } from './history.js';
import type { HostingType, RegisterInput, Strategy, SystemPatch } from './register-input.js';
import { registerExport, type SheetFormat } from './spreadsheet.js';
import { existingNameProblems, previewRegisterFile, readRegisterFile } from './register-import.js';
import type { ImportResult, SystemPage, SystemView, systemHistorySchema } from './view-schema.js';
import { NOT_YET_MOVED, type MigrationState } from './workflow.js';
import './audit-names.js';

export interface SystemListFilter {
  status?: MigrationState[];
  hosting?: HostingType[];
  strategy?: Strategy[];
  orgId?: string;
  waveId?: string;
  classified?: boolean;
  /** not exempt, not hosted on the city cloud, not yet migrated or decommissioned */
  outsideCityCloud?: boolean;
  q?: string;
}

const MAX_EXPORT_ROWS = 100_000;

export const systemInclude = {
  org: { select: { id: true, code: true, name: true, kind: true } },
  wave: { select: { id: true, name: true, startDate: true, endDate: true } },
  lastConfirmedCampaign: { select: { id: true, title: true } },
} satisfies Prisma.MigrationSystemInclude;
type SystemRow = Prisma.MigrationSystemGetPayload<{ include: typeof systemInclude }>;

const num = (d: Prisma.Decimal | null) => (d === null ? null : Number(d));

export function toSystemView(r: SystemRow): SystemView {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    org: r.org,
    purpose: r.purpose,
    hosting: r.hosting,
    location: r.location,
    mlpsLevel: r.mlpsLevel,
    mlpsFilingNo: r.mlpsFilingNo,
    classified: r.classified,
    exempt: r.classified || r.strategy === 'RETAIN_EXEMPT',
    os: r.os,
    database: r.database,
    middleware: r.middleware,
    xinchuang: r.xinchuang,
    dataVolumeGb: num(r.dataVolumeGb),
    userCount: r.userCount,
    dependencies: r.dependencies,
    contacts: r.contacts as SystemView['contacts'],
    annualOmCost: num(r.annualOmCost),
    launchedOn: r.launchedOn,
    strategy: r.strategy,
    effort: r.effort,
    risk: r.risk,
    targetPlanCodes: r.targetPlanCodes,
    blockingIssues: r.blockingIssues,
    assessedAt: r.assessedAt?.toISOString() ?? null,
    status: r.status,
    blockedReason: r.blockedReason,
    blockedFrom: r.blockedFrom,
    wave: r.wave,
    projectId: r.projectId,
    resourceRequestIds: r.resourceRequestIds,
    migratedAt: r.migratedAt?.toISOString() ?? null,
    decommissionedAt: r.decommissionedAt?.toISOString() ?? null,
    lastConfirmed: r.lastConfirmedCampaign && r.lastConfirmedAt ? { campaignId: r.lastConfirmedCampaign.id, title: r.lastConfirmedCampaign.title, at: r.lastConfirmedAt.toISOString() } : null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    version: r.version,
  };
}
export type { SystemView };

export async function loadSystemView(tx: Tx, id: string): Promise<SystemView> {
  return toSystemView(await tx.migrationSystem.findUniqueOrThrow({ where: { id }, include: systemInclude }));
}

/** Register fields as columns (undefined: not given, left as it is or to its default). */
function registerData<T extends Partial<RegisterInput>>(input: T): Omit<T, 'contacts'> & { contacts?: RegisterInput['contacts'] } {
  const { contacts, ...rest } = input;
  return { ...rest, ...(contacts !== undefined ? { contacts } : {}) };
}

/** An organisation's system numbers (never given twice, not even after a withdrawal: core/db/counters.ts). */
const systemNumbering = (orgId: string) => `migration-system:${orgId}`;

const codeOf = (orgCode: string, seq: number) => `${orgCode}-XT-${String(seq).padStart(4, '0')}`;

/**
 * Registers many systems with their history in one statement (the rows travel as one JSON parameter, read once):
 * Prisma's createMany would bind every value separately and take seconds for a 5,000-row import.
 */
async function insertRegistered(
  tx: Tx,
  rows: (Partial<RegisterInput> & { id: string; seq: number; code: string; row: number; orgId: string; jurisdiction: string })[],
  by: { createdById: string; actorName: string | null },
) {
  const json = JSON.stringify(rows);
  // the history rows in the file's order; the systems they reference are checked at the end of the statement
  await tx.$executeRaw`
    WITH r AS MATERIALIZED (
      SELECT * FROM json_to_recordset(${json}::json) AS r(id uuid, seq int, code text, "orgId" uuid, jurisdiction text, name text, purpose text, hosting text, location text,
        "mlpsLevel" int, "mlpsFilingNo" text, classified boolean, os text, database text, middleware text, xinchuang text, "dataVolumeGb" numeric, "userCount" int,
        dependencies text[], contacts jsonb, "annualOmCost" numeric, "launchedOn" text, row int)
    ), systems AS (
      INSERT INTO migration_system (id, seq, code, "orgId", jurisdiction, name, purpose, hosting, location, "mlpsLevel", "mlpsFilingNo", classified, os, database,
        middleware, xinchuang, "dataVolumeGb", "userCount", dependencies, contacts, "annualOmCost", "launchedOn", "createdById", "createdAt", "updatedAt")
      SELECT r.id, r.seq, r.code, r."orgId", r.jurisdiction, r.name, r.purpose, r.hosting::"HostingType", r.location, r."mlpsLevel", r."mlpsFilingNo",
        coalesce(r.classified, false), r.os, r.database, r.middleware, r.xinchuang::"XinchuangStatus", r."dataVolumeGb", r."userCount",
        coalesce(r.dependencies, '{}'), coalesce(r.contacts, '[]'), r."annualOmCost", r."launchedOn", ${by.createdById}::uuid, now(), now()
      FROM r
    )
    INSERT INTO migration_status_change ("systemId", action, "fromStatus", "toStatus", reason, detail, "actorId", "actorName", at)
    SELECT r.id, 'import', NULL, 'REGISTERED', NULL, jsonb_build_object('row', r.row), ${by.createdById}::uuid, ${by.actorName}, now()
    FROM r`;
}

export function whereOf(f: SystemListFilter): Prisma.MigrationSystemWhereInput[] {
  return [
    f.status?.length ? { status: { in: f.status } } : {},
    f.hosting?.length ? { hosting: { in: f.hosting } } : {},
    f.strategy?.length ? { strategy: { in: f.strategy } } : {},
    f.orgId ? { orgId: f.orgId } : {},
    f.waveId ? { waveId: f.waveId } : {},
    f.classified !== undefined ? { classified: f.classified } : {},
    f.outsideCityCloud
      ? {
          classified: false,
          OR: [{ strategy: null }, { strategy: { not: 'RETAIN_EXEMPT' } }],
          hosting: { not: 'CITY_CLOUD' },
          status: { in: [...NOT_YET_MOVED] },
        }
      : {},
    f.q ? { OR: [{ name: { contains: f.q } }, { code: { contains: f.q } }] } : {},
  ];
}

export function createRegisterService({ db, transitions, archiveLimits }: { db: Database; transitions: TransitionService; archiveLimits?: ArchiveLimits }) {
  const { prisma } = db;

  async function create(actor: Actor, input: RegisterInput) {
    assertCan(actor.ability, 'create', 'MigrationSystem');
    const principal = actor.principal!;
    assertFieldsPermitted(actor.ability, 'create', subject('MigrationSystem', { orgId: principal.orgId }), input);
    const view = await prisma.$transaction(async (tx) => {
      const org = await tx.organisation.findUniqueOrThrow({ where: { id: principal.orgId } });
      const seq = await takeNumbers(tx, systemNumbering(org.id));
      await assertNameFree(tx, org.id, input.name);
      const code = codeOf(org.code, seq);
      const row = await tx.migrationSystem.create({ data: { ...registerData(input), seq, code, orgId: org.id, jurisdiction: org.jurisdiction, createdById: principal.id } });
      await recordChange(tx, actor, { systemId: row.id, action: 'register', from: null, to: 'REGISTERED' });
      await recordAudit(tx, actor.audit, { action: 'migration.register', targetType: 'MigrationSystem', targetId: row.id, detail: { code, name: input.name } });
      return loadSystemView(tx, row.id);
    });
    return view;
  }

  async function list(actor: Actor, f: SystemListFilter & { page: number; pageSize: number }): Promise<SystemPage> {
    assertCan(actor.ability, 'read', 'MigrationSystem');
    const where: Prisma.MigrationSystemWhereInput = { AND: [readableWhere(actor.ability, 'MigrationSystem'), ...whereOf(f)] };
    const [total, rows] = await Promise.all([
      prisma.migrationSystem.count({ where }),
      prisma.migrationSystem.findMany({ where, include: systemInclude, orderBy: { code: 'asc' }, skip: (f.page - 1) * f.pageSize, take: f.pageSize }),
    ]);
    return { total, page: f.page, pageSize: f.pageSize, items: rows.map(toSystemView) };
  }

  const get = (actor: Actor, id: string, locale: Locale) => transitions.present(actor, id, locale);

  /** Register fields by the owner, assessment fields by the sub-center (after the first assessment): the runner's `update`. */
  async function update(actor: Actor, id: string, expectedVersion: number | undefined, patch: SystemPatch, locale: Locale) {
    return transitions.take(actor, id, expectedVersion, 'update', patch, locale);
  }

  /** Withdraws a registration made in error (owner, before assessment). */
  async function remove(actor: Actor, id: string, expectedVersion: number | undefined, locale: Locale) {
    await transitions.withdraw(actor, id, expectedVersion, locale);
  }

  async function history(actor: Actor, id: string): Promise<z.infer<typeof systemHistorySchema>> {
    const row = await findReadableSystem(prisma, actor, id);
    return { id, code: row.code, items: await historyOf(prisma, id) };
  }

  /**
   * Imports a spreadsheet of systems: a department's or county's own (the 所属单位 cell blank or theirs), or, for the
   * sub-center, the city-wide survey whose rows each name their organisation (./row-organisation.ts). Every row is
   * checked first (header, values, organisation, duplicates in the file and against the register), and either all
   * rows are registered in one transaction or, with any problem, none (422 with every problem's row, column and reason).
   */
  async function importFile(actor: Actor, file: Buffer, locale: Locale): Promise<ImportResult> {
    const principal = actor.principal!;
    const { format, parsed } = await readRegisterFile(prisma, actor, file, locale, archiveLimits);
    if (parsed.problems.length) throw new RuleViolationError(parsed.problems);

    const result = await prisma.$transaction(
      async (tx) => {
        const orgIds = [...new Set(parsed.entries.map((e) => e.orgId))];
        const orgs = new Map((await tx.organisation.findMany({ where: { id: { in: orgIds } }, select: { id: true, code: true, jurisdiction: true } })).map((o) => [o.id, o]));
        // each organisation's numbers in one step, in the order its rows come in the file
        const next = new Map<string, number>();
        for (const id of orgIds) next.set(id, await takeNumbers(tx, systemNumbering(id), parsed.entries.filter((e) => e.orgId === id).length));
        const clashes = await existingNameProblems(tx, parsed.entries, locale);
        if (clashes.length) throw new RuleViolationError(clashes);
        const rows = parsed.entries.map((e) => {
          const org = orgs.get(e.orgId)!;
          const seq = next.get(org.id)!;
          next.set(org.id, seq + 1);
          return { ...registerData(e.input), id: crypto.randomUUID(), seq, code: codeOf(org.code, seq), row: e.row, orgId: org.id, jurisdiction: org.jurisdiction };
        });
        await insertRegistered(tx, rows, { createdById: principal.id, actorName: actor.audit.actorName });
        const summary = {
          imported: rows.length,
          skippedEmptyRows: parsed.skippedEmptyRows,
          firstCode: rows[0]!.code,
          lastCode: rows[rows.length - 1]!.code,
          organisations: orgIds.length,
        };
        await recordAudit(tx, actor.audit, {
          action: 'migration.import',
          targetType: 'MigrationSystem',
          detail: { ...summary, format, bytes: file.length, sm3: crypto.createHash('sm3').update(file).digest('hex') },
        });
        return summary;
      },
      { timeout: 120_000, maxWait: 10_000 },
    );
    return result;
  }

  /** The register the actor may read, filtered, as XLSX or CSV, in the columns of the template. */
  async function exportFile(actor: Actor, f: SystemListFilter, format: SheetFormat, locale: Locale): Promise<Buffer> {
    assertCan(actor.ability, 'read', 'MigrationSystem');
    const rows = await prisma.migrationSystem.findMany({
      where: { AND: [readableWhere(actor.ability, 'MigrationSystem'), ...whereOf(f)] },
      include: { org: { select: { name: true } }, wave: { select: { name: true } } },
      orderBy: { code: 'asc' },
      take: MAX_EXPORT_ROWS,
    });
    const out: RegisterRow[] = rows.map((r) => ({
      ...r,
      orgName: r.org.name,
      dataVolumeGb: num(r.dataVolumeGb),
      annualOmCost: num(r.annualOmCost),
      contacts: r.contacts as RegisterRow['contacts'],
      waveName: r.wave?.name ?? null,
      updatedAt: r.updatedAt.toISOString(),
    }));
    return registerExport(out, format, locale);
  }

  /** What importFile would do with the file, writing nothing (migration/register-import.ts). */
  const previewFile = (actor: Actor, file: Buffer, locale: Locale) => previewRegisterFile(prisma, actor, file, locale, archiveLimits);

  return { create, list, get, update, remove, history, importFile, previewFile, exportFile };
}

export type RegisterService = ReturnType<typeof createRegisterService>;
