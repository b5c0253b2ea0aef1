// Drafting a project: basics, resource lines from the catalog, the information resource catalog, validation,
// submission. Departments and counties draft; the validator is the same pure function the web UI runs.
import type { z } from 'zod';
import { assertCan, readableWhere } from '../core/access/abilities.js';
import type { Actor } from '../core/actor.js';
import { recordAudit } from '../core/audit/audit.js';
import type { Database, Tx } from '../core/db/database.js';
import type { Prisma } from '../core/db/generated/client.js';
import { NotFoundError, RuleViolationError } from '../core/errors.js';
import type { Locale } from '../core/i18n.js';
import { diffCatalogs } from '../catalog/diff.js';
import type { PublishedCatalog } from '../catalog/published.js';
import { findReadableProject, openProjectForChange } from './guard.js';
import type { catalogChangesSchema, ProjectListItem, projectPageSchema, validationResultSchema } from './project-schema.js';
import { loadProject, toProjectView, toValidationInput, type ProjectView } from './store.js';
import { validateProject } from './validation.js';
import type { InformationResourceInput, LineInput, ProjectBasics, ProjectType } from './validation-input.js';

export type { LineInput, ProjectBasics };
type ProjectPage = z.infer<typeof projectPageSchema>;
type ValidationResult = z.infer<typeof validationResultSchema>;
type CatalogChanges = z.infer<typeof catalogChangesSchema>;

export interface ProjectListFilter {
  status?: string[];
  q?: string;
  orgId?: string;
  budgetYear?: number;
  page: number;
  pageSize: number;
}

const EDITABLE: ('DRAFT' | 'RETURNED')[] = ['DRAFT', 'RETURNED'];

export function createDraftingService({ db, published }: { db: Database; published: PublishedCatalog }) {
  const { prisma } = db;

  async function view(tx: Tx, id: string): Promise<ProjectView> {
    const { row, org } = await loadProject(tx, id);
    return toProjectView(row, org);
  }

  async function assertOrgsExist(tx: Tx, ids: string[]) {
    if (!ids.length) return;
    const found = await tx.organisation.count({ where: { id: { in: ids } } });
    if (found !== new Set(ids).size) throw new NotFoundError('organisation');
  }

  function dataOf(b: Partial<ProjectBasics>): Prisma.ProjectUncheckedUpdateInput {
    const { yearlyBudgets, performanceGoals, ...rest } = b;
    return {
      ...rest,
      ...(yearlyBudgets !== undefined ? { yearlyBudgets } : {}),
      ...(performanceGoals !== undefined ? { performanceGoals } : {}),
    };
  }

  async function create(actor: Actor, input: ProjectBasics): Promise<ProjectView> {
    assertCan(actor.ability, 'create', 'Project');
    const principal = actor.principal!;
    const current = await published.current();
    for (let attempt = 0; ; attempt++) {
      try {
        return await prisma.$transaction(async (tx) => {
          await assertOrgsExist(tx, [...(input.coBuildingOrgIds ?? []), ...(input.leadOrgId ? [input.leadOrgId] : [])]);
          const org = await tx.organisation.findUniqueOrThrow({ where: { id: principal.orgId } });
          // codes are sequential per organisation and year: drafts of one organisation take turns
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`project:code:${org.id}:${input.budgetYear}`}))`;
          const seq = (await tx.project.count({ where: { orgId: org.id, budgetYear: input.budgetYear } })) + 1;
          const code = `${input.budgetYear}-${org.code}-${String(seq).padStart(3, '0')}`;
          const p = await tx.project.create({
            data: {
              ...(dataOf(input) as Prisma.ProjectUncheckedCreateInput),
              code,
              orgId: org.id,
              catalogRevision: current.number,
              createdById: principal.id,
            },
          });
          await recordAudit(tx, actor.audit, { action: 'project.create', targetType: 'Project', targetId: p.id, detail: { code, name: input.name } });
          return view(tx, p.id);
        });
      } catch (err) {
        // two drafts of one organisation created at the same moment: take the next number
        if ((err as { code?: string }).code === 'P2002' && attempt < 3) continue;
        throw err;
      }
    }
  }

  async function list(actor: Actor, f: ProjectListFilter): Promise<ProjectPage> {
    assertCan(actor.ability, 'read', 'Project');
    const where: Prisma.ProjectWhereInput = {
      AND: [
        readableWhere(actor.ability, 'Project'),
        f.status?.length ? { status: { in: f.status as never } } : {},
        f.orgId ? { orgId: f.orgId } : {},
        f.budgetYear ? { budgetYear: f.budgetYear } : {},
        f.q ? { OR: [{ name: { contains: f.q } }, { code: { contains: f.q } }] } : {},
      ],
    };
    const [total, rows] = await Promise.all([
      prisma.project.count({ where }),
      prisma.project.findMany({
        where,
        orderBy: [{ updatedAt: 'desc' }],
        skip: (f.page - 1) * f.pageSize,
        take: f.pageSize,
        select: listSelect,
      }),
    ]);
    return { total, page: f.page, pageSize: f.pageSize, items: rows.map(toListItem) };
  }

  async function get(actor: Actor, id: string): Promise<ProjectView> {
    await findReadableProject(prisma, actor, id);
    return view(prisma, id);
  }

  async function update(actor: Actor, id: string, expectedVersion: number | undefined, input: Partial<ProjectBasics>) {
    return prisma.$transaction(async (tx) => {
      await openProjectForChange(tx, actor, id, expectedVersion, 'update', EDITABLE);
      await assertOrgsExist(tx, [...(input.coBuildingOrgIds ?? []), ...(input.leadOrgId ? [input.leadOrgId] : [])]);
      await tx.project.update({ where: { id }, data: dataOf(input) });
      await recordAudit(tx, actor.audit, { action: 'project.update', targetType: 'Project', targetId: id, detail: { fields: Object.keys(input) } });
      return view(tx, id);
    });
  }

  async function addLine(actor: Actor, id: string, expectedVersion: number | undefined, line: LineInput) {
    return prisma.$transaction(async (tx) => {
      await openProjectForChange(tx, actor, id, expectedVersion, 'update', EDITABLE);
      const max = await tx.resourceLine.aggregate({ where: { projectId: id }, _max: { lineNo: true } });
      const lineNo = (max._max.lineNo ?? 0) + 1;
      await tx.resourceLine.create({ data: { ...line, projectId: id, lineNo } });
      await recordAudit(tx, actor.audit, { action: 'project.line.add', targetType: 'Project', targetId: id, detail: { lineNo, ...line } });
      return view(tx, id);
    });
  }

  async function updateLine(actor: Actor, id: string, expectedVersion: number | undefined, lineNo: number, line: LineInput) {
    return prisma.$transaction(async (tx) => {
      await openProjectForChange(tx, actor, id, expectedVersion, 'update', EDITABLE);
      const { count } = await tx.resourceLine.updateMany({ where: { projectId: id, lineNo }, data: line });
      if (!count) throw new NotFoundError('line');
      await recordAudit(tx, actor.audit, { action: 'project.line.update', targetType: 'Project', targetId: id, detail: { lineNo, ...line } });
      return view(tx, id);
    });
  }

  async function removeLine(actor: Actor, id: string, expectedVersion: number | undefined, lineNo: number) {
    return prisma.$transaction(async (tx) => {
      await openProjectForChange(tx, actor, id, expectedVersion, 'update', EDITABLE);
      const { count } = await tx.resourceLine.deleteMany({ where: { projectId: id, lineNo } });
      if (!count) throw new NotFoundError('line');
      await recordAudit(tx, actor.audit, { action: 'project.line.remove', targetType: 'Project', targetId: id, detail: { lineNo } });
      return view(tx, id);
    });
  }

  async function replaceInformationResources(actor: Actor, id: string, expectedVersion: number | undefined, items: InformationResourceInput[]) {
    return prisma.$transaction(async (tx) => {
      await openProjectForChange(tx, actor, id, expectedVersion, 'update', EDITABLE);
      await tx.informationResource.deleteMany({ where: { projectId: id } });
      await tx.informationResource.createMany({ data: items.map((r, i) => ({ ...r, projectId: id, sortOrder: i })) });
      await recordAudit(tx, actor.audit, {
        action: 'project.resources.replace',
        targetType: 'Project',
        targetId: id,
        detail: { needed: items.filter((r) => r.direction === 'NEEDED').length, produced: items.filter((r) => r.direction === 'PRODUCED').length },
      });
      return view(tx, id);
    });
  }

  /** Validates against the current published catalog while the project is editable, else the pinned revision. */
  async function validate(actor: Actor, id: string, locale: Locale): Promise<ValidationResult> {
    const row = await findReadableProject(prisma, actor, id);
    const { row: full, org } = await loadProject(prisma, id);
    const entry = EDITABLE.includes(row.status as 'DRAFT') ? await published.current() : await published.revision(row.catalogRevision);
    const violations = validateProject(toValidationInput(full, org), entry.view, locale);
    return { valid: violations.length === 0, catalogRevision: entry.number, violations };
  }

  async function submit(actor: Actor, id: string, expectedVersion: number | undefined, locale: Locale) {
    const entry = await published.current();
    return prisma.$transaction(async (tx) => {
      await openProjectForChange(tx, actor, id, expectedVersion, 'submit', EDITABLE);
      const { row, org } = await loadProject(tx, id);
      const violations = validateProject(toValidationInput(row, org), entry.view, locale);
      if (violations.length) throw new RuleViolationError(violations);
      await tx.project.update({ where: { id }, data: { status: 'GIA_REVIEW', submittedAt: new Date(), catalogRevision: entry.number } });
      await recordAudit(tx, actor.audit, {
        action: 'project.submit',
        targetType: 'Project',
        targetId: id,
        detail: { from: row.status, to: 'GIA_REVIEW', catalogRevision: entry.number },
      });
      return view(tx, id);
    });
  }

  /** What a newer published revision changes for the plans this project asks for. */
  async function catalogChanges(actor: Actor, id: string): Promise<CatalogChanges> {
    const row = await findReadableProject(prisma, actor, id);
    const lines = await prisma.resourceLine.findMany({ where: { projectId: id }, select: { planCode: true } });
    const codes = new Set(lines.map((l) => l.planCode));
    const [pinned, current] = await Promise.all([published.revision(row.catalogRevision), published.current()]);
    const diff = diffCatalogs(pinned.view, current.view);
    const mine = <T extends { code: string }>(entries: T[]) => entries.filter((e) => codes.has(e.code));
    return {
      pinned: pinned.number,
      current: current.number,
      changed: mine(diff.changed),
      retired: mine(diff.retired),
      removed: mine(diff.removed),
    };
  }

  return { create, list, get, update, addLine, updateLine, removeLine, replaceInformationResources, validate, submit, catalogChanges };
}

export const listSelect = {
  id: true,
  code: true,
  name: true,
  type: true,
  status: true,
  orgId: true,
  budgetYear: true,
  totalBudget: true,
  approvedBudget: true,
  submittedAt: true,
  establishedAt: true,
  updatedAt: true,
  version: true,
  org: { select: { code: true, name: true } },
} satisfies Prisma.ProjectSelect;

export function toListItem({ org, ...p }: Prisma.ProjectGetPayload<{ select: typeof listSelect }>): ProjectListItem {
  return {
    ...p,
    orgCode: org.code,
    orgName: org.name,
    totalBudget: Number(p.totalBudget),
    approvedBudget: p.approvedBudget === null ? null : Number(p.approvedBudget),
    submittedAt: p.submittedAt?.toISOString() ?? null,
    establishedAt: p.establishedAt?.toISOString() ?? null,
    updatedAt: p.updatedAt.toISOString(),
  };
}

export type DraftingService = ReturnType<typeof createDraftingService>;
