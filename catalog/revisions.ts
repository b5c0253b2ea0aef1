// Catalog revisions: drafting by the sub-center, approval by GIA and Finance, publication by GIA (Art. 28).
import crypto from 'node:crypto';
import type { z } from 'zod';
import { assertCan, readableWhere } from '../core/access/abilities.js';
import type { Actor } from '../core/actor.js';
import { recordAudit } from '../core/audit/audit.js';
import type { Database, Tx } from '../core/db/database.js';
import { ConflictError } from '../core/errors.js';
import { registerMessages, t, type Locale } from '../core/i18n.js';
import { createRunner, type AllowedAction } from '../core/workflow/runner.js';
import { diffCatalogs, type CatalogDiff } from './diff.js';
import { findReadableRevision, revisionMachine, type OfferingInput, type PlanInput, type RevisionEdit } from './revision-machine.js';
import { latestPublishedNumber, loadCatalogView, nextRevisionNumber, toSummary } from './revision-store.js';
import { OPEN_STATES, type ApprovingBody, type RevisionTransitionAction } from './revision-workflow.js';
import type { OfferingView, RevisionSummary } from './view.js';
import { revisionFilterWhere, type RevisionFilter } from './revision-filter.js';
import type { revisionReviewSchema } from './view-schema.js';
import './audit-names.js';

export type { OfferingInput, PlanInput } from './revision-machine.js';

export type ReviewView = z.infer<typeof revisionReviewSchema>;

// starting a revision is not an action of the revision machine (there is no revision yet): named here
registerMessages({ 'action.CatalogRevision.create': { 'zh-CN': '起草新版本', en: 'start a new draft' } });

export interface CatalogServiceDeps {
  db: Database;
  /** called after a revision is published, so caches of the current catalog refresh */
  onPublished?: (number: number) => void;
}

export function createRevisionService({ db, onPublished }: CatalogServiceDeps) {
  const { prisma } = db;

  const findReadable = findReadableRevision;
  const runner = createRunner(revisionMachine, {
    db,
    env: () => undefined,
    changed: ({ action, row }) => {
      if (action === 'publish') onPublished?.(row.number);
    },
  });

  /**
   * The revisions the actor may read, newest first; for those who draft, whether a new draft may be started now (one
   * revision is open at a time), as the collection's own allowed action.
   */
  async function list(actor: Actor, locale: Locale, filter: RevisionFilter = {}): Promise<{ items: RevisionSummary[]; allowedActions?: AllowedAction[] }> {
    const readable = readableWhere(actor.ability, 'CatalogRevision');
    const rows = await prisma.catalogRevision.findMany({
      where: { AND: [readable, revisionFilterWhere(filter)] },
      orderBy: { number: 'desc' },
    });
    const items = rows.map(toSummary);
    if (!actor.ability.can('create', 'CatalogRevision')) return { items };
    // whether a draft may be started does not depend on what the search shows
    const open = await prisma.catalogRevision.findFirst({ where: { AND: [readable, { status: { in: [...OPEN_STATES] } }] }, select: { number: true } });
    const label = t('action.CatalogRevision.create', locale);
    const create: AllowedAction = open
      ? { action: 'create', label, enabled: false, reason: { code: 'REVISION_STILL_OPEN', article: '第二十八条', message: t('REVISION_STILL_OPEN', locale, { number: open.number }) } }
      : { action: 'create', label, enabled: true };
    return { items, allowedActions: [create] };
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

  const get = (actor: Actor, number: number, locale: Locale) =>
    runner.present(actor, String(number), locale, async (tx, row) => ({ ...(await loadCatalogView(tx, number))!, reviews: await reviewsOf(tx, row.id) }));

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
      const revision = await tx.catalogRevision.create({
        data: {
          // a discarded draft's number is not given again: the audit trail names revisions by number
          number: await nextRevisionNumber(tx),
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

  /** Edits a draft (title and notes, offerings, plans) and answers with the draft as it is now. */
  async function edit(actor: Actor, number: number, expectedVersion: number | undefined, input: RevisionEdit, locale: Locale) {
    await runner.run(actor, 'update', String(number), { expectedVersion, input, locale });
    return (await loadCatalogView(prisma, number))!;
  }
  const updateDraft = async (actor: Actor, number: number, v: number | undefined, patch: { title?: string; notes?: string | null }, locale: Locale) => {
    await runner.run(actor, 'update', String(number), { expectedVersion: v, input: { op: 'details', patch }, locale });
    return toSummary(await prisma.catalogRevision.findUniqueOrThrow({ where: { number } }));
  };
  const upsertOffering = (actor: Actor, number: number, v: number | undefined, code: string, offering: OfferingInput, locale: Locale) =>
    edit(actor, number, v, { op: 'offering', code, offering }, locale);
  const upsertPlan = (actor: Actor, number: number, v: number | undefined, offeringCode: string, code: string, plan: PlanInput, locale: Locale) =>
    edit(actor, number, v, { op: 'plan', offeringCode, code, plan }, locale);
  const removeItem = (actor: Actor, number: number, v: number | undefined, kind: 'offering' | 'plan', code: string, locale: Locale) =>
    edit(actor, number, v, { op: 'remove', kind, code }, locale);

  /** Submits, approves, returns, publishes or discards; the revision after it (null once discarded). */
  async function transition(actor: Actor, number: number, expectedVersion: number | undefined, action: RevisionTransitionAction, comment: string | undefined, locale: Locale) {
    const input = comment === undefined ? undefined : { comment };
    await runner.run(actor, action, String(number), { expectedVersion, input: input as { comment: string }, locale });
    if (action === 'discard') return null;
    return toSummary(await prisma.catalogRevision.findUniqueOrThrow({ where: { number } }));
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
