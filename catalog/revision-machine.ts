// What each action of the catalog revision machine (catalog/revision-workflow.ts) needs besides its state, and
// what it does; the runner (core/workflow/runner.ts) checks and writes.
import { readableWhere } from '../core/access/abilities.js';
import type { Actor } from '../core/actor.js';
import type { Tx } from '../core/db/database.js';
import type { Prisma } from '../core/db/generated/client.js';
import { ConflictError, NotFoundError } from '../core/errors.js';
import type { Guard, Machine } from '../core/workflow/runner.js';
import type { PlanSpec, Xinchuang } from './seed-schema.js';
import type { CategoryCode, ItemState, OfferingView } from './view.js';
import { REVISION_MACHINE, bodyOf, isFullyApproved, type RevisionAction, type RevisionState } from './revision-workflow.js';
import './audit-names.js';

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

/** The edits of a draft. */
export type RevisionEdit =
  | { op: 'details'; patch: { title?: string; notes?: string | null } }
  | { op: 'offering'; code: string; offering: OfferingInput }
  | { op: 'plan'; offeringCode: string; code: string; plan: PlanInput }
  | { op: 'remove'; kind: 'offering' | 'plan'; code: string };

type Comment = { comment?: string } | undefined;

export interface RevisionInputs extends Record<RevisionAction, unknown> {
  update: RevisionEdit;
  submit: Comment;
  approve: Comment;
  return: { comment: string };
  publish: Comment;
  discard: Comment;
}

export type RevisionRecord = Prisma.CatalogRevisionGetPayload<object>;

/** The revision (by number) if the actor may read it; 404 otherwise (drafts do not reveal their existence). */
export async function findReadableRevision(tx: Tx, actor: Actor, number: string | number): Promise<RevisionRecord> {
  const n = Number(number);
  const row = Number.isSafeInteger(n) ? await tx.catalogRevision.findFirst({ where: { AND: [{ number: n }, readableWhere(actor.ability, 'CatalogRevision')] } }) : null;
  if (!row) throw new NotFoundError('revision');
  return row;
}

/** A revision offers at least one plan (Art. 28). */
const hasActivePlan: Guard<RevisionRecord, unknown> = {
  article: '第二十八条',
  async check({ tx, row }) {
    return (await tx.catalogPlan.count({ where: { revisionId: row.id, status: 'ACTIVE' } })) ? null : new ConflictError('NO_ACTIVE_PLAN');
  },
};

/** Each approving body decides once per submission. */
const notYetReviewedByMyBody: Guard<RevisionRecord, unknown> = {
  article: '第二十八条',
  async check({ tx, actor, row }) {
    const body = bodyOf(actor.principal?.role ?? '');
    if (!body) return null;
    const prior = await tx.catalogReview.findFirst({ where: { revisionId: row.id, round: row.submitRound, body } });
    return prior ? new ConflictError('ALREADY_REVIEWED', { body }) : null;
  },
};

async function edit(tx: Tx, row: RevisionRecord, input: RevisionEdit) {
  switch (input.op) {
    case 'details':
      return { audit: 'catalog.revision.update', data: input.patch, detail: input.patch };
    case 'offering': {
      const key = { revisionId_code: { revisionId: row.id, code: input.code } };
      const existing = await tx.catalogOffering.findUnique({ where: key });
      await tx.catalogOffering.upsert({ where: key, create: { ...input.offering, revisionId: row.id, code: input.code }, update: input.offering });
      return { audit: existing ? 'catalog.offering.update' : 'catalog.offering.create', detail: { offering: input.code, ...input.offering } };
    }
    case 'plan': {
      const offering = await tx.catalogOffering.findUnique({ where: { revisionId_code: { revisionId: row.id, code: input.offeringCode } } });
      if (!offering) throw new NotFoundError('offering');
      const key = { revisionId_code: { revisionId: row.id, code: input.code } };
      const existing = await tx.catalogPlan.findUnique({ where: key });
      if (existing && existing.offeringId !== offering.id) throw new ConflictError('ALREADY_EXISTS', { what: 'plan' });
      await tx.catalogPlan.upsert({ where: key, create: { ...input.plan, offeringId: offering.id, revisionId: row.id, code: input.code }, update: input.plan });
      return { audit: existing ? 'catalog.plan.update' : 'catalog.plan.create', detail: { offering: input.offeringCode, plan: input.code, ...input.plan } };
    }
    case 'remove': {
      // what earlier revisions published can only be retired; what this draft added can be removed
      if (row.basedOnNumber !== null) {
        const base = await tx.catalogRevision.findUniqueOrThrow({ where: { number: row.basedOnNumber }, select: { id: true } });
        const where = { revisionId: base.id, code: input.code };
        const inBase = input.kind === 'offering' ? await tx.catalogOffering.count({ where }) : await tx.catalogPlan.count({ where });
        if (inBase) throw new ConflictError('PUBLISHED_ITEM_RETIRE_ONLY');
      }
      const where = { revisionId: row.id, code: input.code };
      const { count } = input.kind === 'offering' ? await tx.catalogOffering.deleteMany({ where }) : await tx.catalogPlan.deleteMany({ where });
      if (!count) throw new NotFoundError(input.kind);
      return { audit: `catalog.${input.kind}.delete`, detail: { code: input.code } };
    }
  }
}

const withComment = (input: Comment) => (input?.comment ? { comment: input.comment } : {});

async function review(tx: Tx, actor: Actor, row: RevisionRecord, decision: 'APPROVED' | 'RETURNED', comment: string | undefined) {
  const body = bodyOf(actor.principal!.role)!;
  await tx.catalogReview.create({ data: { revisionId: row.id, body, decision, comment: comment ?? null, userId: actor.principal!.id, round: row.submitRound } });
  return body;
}

export const revisionMachine: Machine<RevisionState, RevisionAction, RevisionRecord, RevisionInputs, unknown, Prisma.CatalogRevisionUncheckedUpdateInput> = {
  table: REVISION_MACHINE,
  auditPrefix: 'catalog.revision',
  store: {
    find: findReadableRevision,
    // the drafter's organisation (the sub-center) does not approve or publish its own draft (separation of duties)
    async owners(tx, row) {
      if (!row.createdById) return [];
      const drafter = await tx.user.findUnique({ where: { id: row.createdById }, select: { orgId: true } });
      return drafter ? [drafter.orgId] : [];
    },
    async claim(tx, row, expected) {
      const { count } = await tx.catalogRevision.updateMany({ where: { id: row.id, version: expected }, data: { version: { increment: 1 } } });
      return count;
    },
    async write(tx, row, status, data) {
      if (status === undefined && !data) return;
      await tx.catalogRevision.update({ where: { id: row.id }, data: { ...data, ...(status ? { status } : {}) } });
    },
    async remove(tx, row) {
      await tx.catalogRevision.delete({ where: { id: row.id } });
    },
    auditTarget: (row) => ({ id: String(row.number) }),
  },
  handlers: {
    update: { effect: ({ tx, row, input }) => edit(tx, row, input) },
    submit: { guards: [hasActivePlan], effect: ({ input }) => ({ data: { submittedAt: new Date(), submitRound: { increment: 1 } }, detail: withComment(input) }) },
    approve: {
      guards: [notYetReviewedByMyBody],
      async effect({ tx, actor, row, input }) {
        const body = await review(tx, actor, row, 'APPROVED', input?.comment);
        const approvals = await tx.catalogReview.findMany({ where: { revisionId: row.id, round: row.submitRound, decision: 'APPROVED' }, select: { body: true } });
        const approved = isFullyApproved(approvals.map((a) => a.body));
        return { to: approved ? 'APPROVED' : 'SUBMITTED', data: { approvedAt: approved ? new Date() : null }, detail: { ...withComment(input), body } };
      },
    },
    return: {
      guards: [notYetReviewedByMyBody],
      async effect({ tx, actor, row, input }) {
        const body = await review(tx, actor, row, 'RETURNED', input.comment);
        return { data: { approvedAt: null }, detail: { comment: input.comment, body } };
      },
    },
    publish: { effect: ({ actor, input }) => ({ data: { publishedAt: new Date(), publishedById: actor.principal!.id }, detail: withComment(input) }) },
    discard: {
      async effect({ tx, row, input }) {
        const offerings = await tx.catalogOffering.count({ where: { revisionId: row.id } });
        return { detail: { ...withComment(input), title: row.title, offerings } };
      },
    },
  },
};
