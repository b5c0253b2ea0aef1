// Catalog revisions: drafting by the sub-center, approval by GIA and Finance, publication by GIA (Art. 28).
import crypto from 'node:crypto';
import type { z } from 'zod';
import { assertCan, readableWhere, subject } from '../core/access/abilities.js';
import type { Actor } from '../core/actor.js';
import { recordAudit } from '../core/audit/audit.js';
import type { Database, Tx } from '../core/db/database.js';
import { assertUpdated, assertVersion } from '../core/db/versioning.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../core/errors.js';
import { diffCatalogs, type CatalogDiff } from './diff.js';
import { latestPublishedNumber, loadCatalogView, toSummary } from './revision-store.js';
import { assertTransition, isFullyApproved, type ApprovingBody, type RevisionAction } from './revision-workflow.js';
import type { PlanSpec, Xinchuang } from './seed-schema.js';
import type { CatalogView, CategoryCode, ItemState, OfferingView, RevisionSummary } from './view.js';
import type { revisionReviewSchema } from './view-schema.js';

export interface OfferingInput {
  category: CategoryCode;
  name: string;
  nameEn?: string | null;
  description: string;
  provisioner: OfferingView['provisioner'];
  sharedService: boolean;
  keywords: string[];
  status?: ItemState;
  sortOrder?: number;
}

export interface PlanInput {
  name: string;
  nameEn?: string | null;
  unit: string;
  unitPrice: number;
  spec: PlanSpec;
  xinchuang: Xinchuang;
  maxQuantity?: number | null;
  status?: ItemState;
  sortOrder?: number;
}

export type ReviewView = z.infer<typeof revisionReviewSchema>;

const OPEN_STATES = ['DRAFT', 'SUBMITTED', 'APPROVED'] as const;

const bodyOf = (role: string): ApprovingBody | null =>
  role === 'GIA_REVIEWER' ? 'GIA' : role === 'FINANCE_REVIEWER' ? 'FINANCE' : null;

export interface CatalogServiceDeps {
  db: Database;
  /** called after a revision is published, so caches of the current catalog refresh */
  onPublished?: (number: number) => void;
}

export function createRevisionService({ db, onPublished }: CatalogServiceDeps) {
  const { prisma } = db;

  /** The revision row if the actor may read it; 404 otherwise (drafts do not reveal their existence). */
  async function findReadable(tx: Tx, actor: Actor, number: number) {
    const row = await tx.catalogRevision.findFirst({ where: { AND: [{ number }, readableWhere(actor.ability, 'CatalogRevision')] } });
    if (!row) throw new NotFoundError('revision');
    return row;
  }

  async function list(actor: Actor): Promise<RevisionSummary[]> {
    const rows = await prisma.catalogRevision.findMany({
      where: readableWhere(actor.ability, 'CatalogRevision'),
      orderBy: { number: 'desc' },
    });
    return rows.map(toSummary);
  }

  async function reviewsOf(tx: Tx, revisionId: string): Promise<ReviewView[]> {
    const rows = await tx.catalogReview.findMany({ where: { revisionId }, orderBy: { createdAt: 'asc' } });
    const users = await tx.user.findMany({ where: { id: { in: rows.map((r) => r.userId) } }, select: { id: true, displayName: true } });
    const names = new Map(users.map((u) => [u.id, u.displayName]));
    return rows.map((r) => ({
      // only the approving bodies review (the column holds an organisation kind)
      body: r.body as ApprovingBody,
      decision: r.decision,
      comment: r.comment,
      round: r.round,
      reviewer: names.get(r.userId) ?? '',
      at: r.createdAt.toISOString(),
    }));
  }

  async function get(actor: Actor, number: number): Promise<CatalogView & { reviews: ReviewView[] }> {
    const row = await findReadable(prisma, actor, number);
    const view = (await loadCatalogView(prisma, number))!;
    return { ...view, reviews: await reviewsOf(prisma, row.id) };
  }

  async function diff(actor: Actor, number: number, against?: number): Promise<CatalogDiff> {
    const to = await findReadable(prisma, actor, number);
    const base = against ?? to.basedOnNumber ?? (number > 1 ? number - 1 : number);
    await findReadable(prisma, actor, base);
    const [a, b] = await Promise.all([loadCatalogView(prisma, base), loadCatalogView(prisma, number)]);
    return diffCatalogs(a!, b!);
  }

  async function createDraft(actor: Actor, input: { title: string; notes?: string | null }): Promise<RevisionSummary> {
    assertCan(actor.ability, 'create', 'CatalogRevision');
    return prisma.$transaction(async (tx) => {
      const open = await tx.catalogRevision.findFirst({ where: { status: { in: [...OPEN_STATES] } }, select: { number: true } });
      if (open) throw new ConflictError('REVISION_STILL_OPEN', { number: open.number });
      const baseNumber = await latestPublishedNumber(tx);
      const base = baseNumber === null ? null : await loadCatalogView(tx, baseNumber);
      const max = await tx.catalogRevision.aggregate({ _max: { number: true } });
      const revision = await tx.catalogRevision.create({
        data: {
          number: (max._max.number ?? 0) + 1,
          title: input.title,
          notes: input.notes ?? null,
          basedOnNumber: baseNumber,
          createdById: actor.principal?.id ?? null,
        },
      });
      if (base) await copyContent(tx, revision.id, base.offerings);
      await recordAudit(tx, actor.audit, {
        action: 'catalog.revision.create',
        targetType: 'CatalogRevision',
        targetId: String(revision.number),
        detail: { basedOn: baseNumber },
      });
      return toSummary(revision);
    });
  }

  /** Loads an editable draft under the version the client read; every edit bumps the revision's version. */
  async function openDraftForEdit(tx: Tx, actor: Actor, number: number, expectedVersion: number | undefined) {
    const row = await findReadable(tx, actor, number);
    assertCan(actor.ability, 'update', 'CatalogRevision');
    assertVersion(row, expectedVersion, 'revision');
    if (row.status !== 'DRAFT') throw new ConflictError('INVALID_TRANSITION', { action: 'update', from: row.status });
    assertCan(actor.ability, 'update', subject('CatalogRevision', row));
    assertUpdated(
      await tx.catalogRevision.updateMany({ where: { id: row.id, version: expectedVersion }, data: { version: { increment: 1 } } }),
    );
    return row;
  }

  async function updateDraft(actor: Actor, number: number, expectedVersion: number | undefined, input: { title?: string; notes?: string | null }) {
    return prisma.$transaction(async (tx) => {
      const row = await openDraftForEdit(tx, actor, number, expectedVersion);
      const updated = await tx.catalogRevision.update({ where: { id: row.id }, data: input });
      await recordAudit(tx, actor.audit, { action: 'catalog.revision.update', targetType: 'CatalogRevision', targetId: String(number), detail: input });
      return toSummary(updated);
    });
  }

  async function upsertOffering(actor: Actor, number: number, expectedVersion: number | undefined, code: string, input: OfferingInput) {
    return prisma.$transaction(async (tx) => {
      const row = await openDraftForEdit(tx, actor, number, expectedVersion);
      const existing = await tx.catalogOffering.findUnique({ where: { revisionId_code: { revisionId: row.id, code } } });
      await tx.catalogOffering.upsert({
        where: { revisionId_code: { revisionId: row.id, code } },
        create: { ...input, revisionId: row.id, code },
        update: input,
      });
      await recordAudit(tx, actor.audit, {
        action: existing ? 'catalog.offering.update' : 'catalog.offering.create',
        targetType: 'CatalogRevision',
        targetId: String(number),
        detail: { offering: code, ...input },
      });
      return (await loadCatalogView(tx, number))!;
    });
  }

  async function upsertPlan(actor: Actor, number: number, expectedVersion: number | undefined, offeringCode: string, planCode: string, input: PlanInput) {
    return prisma.$transaction(async (tx) => {
      const row = await openDraftForEdit(tx, actor, number, expectedVersion);
      const offering = await tx.catalogOffering.findUnique({ where: { revisionId_code: { revisionId: row.id, code: offeringCode } } });
      if (!offering) throw new NotFoundError('offering');
      const existing = await tx.catalogPlan.findUnique({ where: { revisionId_code: { revisionId: row.id, code: planCode } } });
      if (existing && existing.offeringId !== offering.id) {
        throw new ConflictError('ALREADY_EXISTS', { what: 'plan' });
      }
      await tx.catalogPlan.upsert({
        where: { revisionId_code: { revisionId: row.id, code: planCode } },
        create: { ...input, offeringId: offering.id, revisionId: row.id, code: planCode },
        update: input,
      });
      await recordAudit(tx, actor.audit, {
        action: existing ? 'catalog.plan.update' : 'catalog.plan.create',
        targetType: 'CatalogRevision',
        targetId: String(number),
        detail: { offering: offeringCode, plan: planCode, ...input },
      });
      return (await loadCatalogView(tx, number))!;
    });
  }

  /** Removes an offering or plan that this draft itself added; what earlier revisions published can only be retired. */
  async function removeItem(actor: Actor, number: number, expectedVersion: number | undefined, kind: 'offering' | 'plan', code: string) {
    return prisma.$transaction(async (tx) => {
      const row = await openDraftForEdit(tx, actor, number, expectedVersion);
      if (row.basedOnNumber !== null) {
        const base = await tx.catalogRevision.findUniqueOrThrow({ where: { number: row.basedOnNumber }, select: { id: true } });
        const inBase =
          kind === 'offering'
            ? await tx.catalogOffering.count({ where: { revisionId: base.id, code } })
            : await tx.catalogPlan.count({ where: { revisionId: base.id, code } });
        if (inBase) {
          throw new ConflictError('PUBLISHED_ITEM_RETIRE_ONLY');
        }
      }
      const { count } =
        kind === 'offering'
          ? await tx.catalogOffering.deleteMany({ where: { revisionId: row.id, code } })
          : await tx.catalogPlan.deleteMany({ where: { revisionId: row.id, code } });
      if (!count) throw new NotFoundError(kind);
      await recordAudit(tx, actor.audit, { action: `catalog.${kind}.delete`, targetType: 'CatalogRevision', targetId: String(number), detail: { code } });
      return (await loadCatalogView(tx, number))!;
    });
  }

  async function transition(actor: Actor, number: number, expectedVersion: number | undefined, action: RevisionAction, comment?: string) {
    const result = await prisma.$transaction(async (tx) => {
      const row = await findReadable(tx, actor, number);
      if (!actor.ability.can(action, 'CatalogRevision')) throw new ForbiddenError('FORBIDDEN', { action });
      assertVersion(row, expectedVersion, 'revision');
      const t = assertTransition(action, row.status);
      assertCan(actor.ability, t.ability, subject('CatalogRevision', row));
      const now = new Date();
      const guard = { id: row.id, version: expectedVersion };
      let status = row.status;
      let detail: Record<string, unknown> = comment ? { comment } : {};

      if (action === 'submit') {
        const active = await tx.catalogPlan.count({ where: { revisionId: row.id, status: 'ACTIVE' } });
        if (!active) throw new ConflictError('NO_ACTIVE_PLAN');
        status = 'SUBMITTED';
        assertUpdated(await tx.catalogRevision.updateMany({ where: guard, data: { status, submittedAt: now, submitRound: { increment: 1 }, version: { increment: 1 } } }));
      } else if (action === 'approve' || action === 'return') {
        const body = bodyOf(actor.principal!.role)!;
        const prior = await tx.catalogReview.findFirst({ where: { revisionId: row.id, round: row.submitRound, body } });
        if (prior) throw new ConflictError('ALREADY_REVIEWED', { body });
        await tx.catalogReview.create({
          data: { revisionId: row.id, body, decision: action === 'approve' ? 'APPROVED' : 'RETURNED', comment: comment ?? null, userId: actor.principal!.id, round: row.submitRound },
        });
        if (action === 'return') {
          status = 'DRAFT';
        } else {
          const approvals = await tx.catalogReview.findMany({ where: { revisionId: row.id, round: row.submitRound, decision: 'APPROVED' }, select: { body: true } });
          if (isFullyApproved(approvals.map((a) => a.body))) status = 'APPROVED';
        }
        detail = { ...detail, body };
        assertUpdated(
          await tx.catalogRevision.updateMany({
            where: guard,
            data: { status, approvedAt: status === 'APPROVED' ? now : null, version: { increment: 1 } },
          }),
        );
      } else if (action === 'publish') {
        status = 'PUBLISHED';
        assertUpdated(
          await tx.catalogRevision.updateMany({ where: guard, data: { status, publishedAt: now, publishedById: actor.principal!.id, version: { increment: 1 } } }),
        );
      } else {
        const offerings = await tx.catalogOffering.count({ where: { revisionId: row.id } });
        detail = { ...detail, title: row.title, offerings };
        await tx.catalogRevision.delete({ where: { id: row.id } });
      }
      await recordAudit(tx, actor.audit, {
        action: `catalog.revision.${action}`,
        targetType: 'CatalogRevision',
        targetId: String(number),
        detail: { from: row.status, to: action === 'discard' ? null : status, ...detail },
      });
      if (action === 'discard') return null;
      return toSummary((await tx.catalogRevision.findUniqueOrThrow({ where: { id: row.id } })));
    });
    if (action === 'publish') onPublished?.(number);
    return result;
  }

  return { list, get, diff, createDraft, updateDraft, upsertOffering, upsertPlan, removeItem, transition };
}

async function copyContent(tx: Tx, revisionId: string, offerings: OfferingView[]) {
  const offeringRows = offerings.map((o, i) => ({
    id: crypto.randomUUID(),
    revisionId,
    code: o.code,
    category: o.category,
    name: o.name,
    nameEn: o.nameEn,
    description: o.description,
    provisioner: o.provisioner,
    sharedService: o.sharedService,
    keywords: o.keywords,
    status: o.status,
    sortOrder: i,
  }));
  await tx.catalogOffering.createMany({ data: offeringRows });
  await tx.catalogPlan.createMany({
    data: offerings.flatMap((o, i) =>
      o.plans.map((p, j) => ({
        offeringId: offeringRows[i]!.id,
        revisionId,
        code: p.code,
        name: p.name,
        nameEn: p.nameEn,
        unit: p.unit,
        unitPrice: p.unitPrice,
        spec: p.spec,
        xinchuang: p.xinchuang,
        maxQuantity: p.maxQuantity,
        status: p.status,
        sortOrder: j,
      })),
    ),
  });
}

export { copyContent };
export type RevisionService = ReturnType<typeof createRevisionService>;
