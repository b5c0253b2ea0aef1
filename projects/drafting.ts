// Drafting a project: basics, resource lines from the catalog, the information resource catalog, validation,
// submission. Departments and counties draft; the validator is the same pure function the web UI runs.
import type { z } from 'zod';
import { assertCan, readableWhere } from '../core/access/abilities.js';
import type { Actor } from '../core/actor.js';
import { recordAudit } from '../core/audit/audit.js';
import type { Database } from '../core/db/database.js';
import type { Prisma } from '../core/db/generated/client.js';
import type { Locale } from '../core/i18n.js';
import { diffCatalogs } from '../catalog/diff.js';
import type { PublishedCatalog } from '../catalog/published.js';
import type { ProjectActions } from './actions.js';
import type { DraftEdit } from './inputs.js';
import { assertOrgsExist, basicsData, findReadableProject } from './machine.js';
import type { catalogChangesSchema, ProjectListItem, projectPageSchema, validationResultSchema } from './project-schema.js';
import { projectFilterWhere, projectOrderBy, type ProjectFilter } from './list-filter.js';
import { loadProject, toValidationInput } from './store.js';
import { EDITABLE_STATES } from './workflow.js';
import { validateProject } from './validation.js';
import type { InformationResourceInput, LineInput, ProjectBasics } from './validation-input.js';
import './audit-names.js';

export type { LineInput, ProjectBasics };
type ProjectPage = z.infer<typeof projectPageSchema>;
type ValidationResult = z.infer<typeof validationResultSchema>;
type CatalogChanges = z.infer<typeof catalogChangesSchema>;

export interface ProjectListFilter extends ProjectFilter {
  status?: string[];
  page: number;
  pageSize: number;
}

export function createDraftingService({ db, published, actions }: { db: Database; published: PublishedCatalog; actions: ProjectActions }) {
  const { prisma } = db;

  /** A new draft, answered as its reader sees it (with the actions it offers them). */
  async function create(actor: Actor, input: ProjectBasics, locale: Locale) {
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
              ...(basicsData(input) as Prisma.ProjectUncheckedCreateInput),
              code,
              orgId: org.id,
              jurisdiction: org.jurisdiction,
              catalogRevision: current.number,
              createdById: principal.id,
            },
          });
          await recordAudit(tx, actor.audit, { action: 'project.create', targetType: 'Project', targetId: p.id, detail: { code, name: input.name } });
          return p.id;
        }).then((id) => actions.present(actor, id, locale));
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
        projectFilterWhere(f, actions.today()),
      ],
    };
    const [total, rows] = await Promise.all([
      prisma.project.count({ where }),
      prisma.project.findMany({
        where,
        orderBy: projectOrderBy(f, [{ updatedAt: 'desc' }]),
        skip: (f.page - 1) * f.pageSize,
        take: f.pageSize,
        select: listSelect,
      }),
    ]);
    return { total, page: f.page, pageSize: f.pageSize, items: rows.map(toListItem) };
  }

  const get = (actor: Actor, id: string, locale: Locale) => actions.present(actor, id, locale);

  const edit = (actor: Actor, id: string, expectedVersion: number | undefined, input: DraftEdit, locale: Locale) =>
    actions.take(actor, 'update', id, expectedVersion, input, locale);
  const update = (actor: Actor, id: string, v: number | undefined, patch: Partial<ProjectBasics>, locale: Locale) => edit(actor, id, v, { op: 'basics', patch }, locale);
  const addLine = (actor: Actor, id: string, v: number | undefined, line: LineInput, locale: Locale) => edit(actor, id, v, { op: 'add-line', line }, locale);
  const updateLine = (actor: Actor, id: string, v: number | undefined, lineNo: number, line: LineInput, locale: Locale) =>
    edit(actor, id, v, { op: 'update-line', lineNo, line }, locale);
  const removeLine = (actor: Actor, id: string, v: number | undefined, lineNo: number, locale: Locale) => edit(actor, id, v, { op: 'remove-line', lineNo }, locale);
  const replaceInformationResources = (actor: Actor, id: string, v: number | undefined, items: InformationResourceInput[], locale: Locale) =>
    edit(actor, id, v, { op: 'resources', items }, locale);

  /** Validates against the current published catalog while the project is editable, else the pinned revision. */
  async function validate(actor: Actor, id: string, locale: Locale): Promise<ValidationResult> {
    const row = await findReadableProject(prisma, actor, id);
    const { row: full, org } = await loadProject(prisma, id);
    const entry = (EDITABLE_STATES as readonly string[]).includes(row.status) ? await published.current() : await published.revision(row.catalogRevision);
    const violations = validateProject(toValidationInput(full, org), entry.view, locale);
    return { valid: violations.length === 0, catalogRevision: entry.number, violations };
  }

  const submit = (actor: Actor, id: string, expectedVersion: number | undefined, locale: Locale) => actions.take(actor, 'submit', id, expectedVersion, undefined, locale);

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
  jurisdiction: true,
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
