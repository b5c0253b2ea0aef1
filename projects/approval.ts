// From submission to establishment: GIA review on the five Art. 8 dimensions, Finance budget review (Art. 9),
// public notice of the fund allocation (Art. 10), establishment (立项) with an approval number and entitlement.
import type { z } from 'zod';
import { assertCan, readableWhere } from '../core/access/abilities.js';
import type { Actor } from '../core/actor.js';
import { recordAudit } from '../core/audit/audit.js';
import { toShanghaiDate, workingDaysBetween, type LocalDate } from '../core/calendar/working-days.js';
import type { Database, Tx } from '../core/db/database.js';
import { assertVersion } from '../core/db/versioning.js';
import type { Prisma } from '../core/db/generated/client.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../core/errors.js';
import { listSelect, toListItem } from './drafting.js';
import { findReadableProject, openProjectForChange, touchProject } from './guard.js';
import { createQueueCache } from './queue-cache.js';
import type { objectionRecordedSchema, objectionResolvedSchema, PublicNoticeView, QueuePage } from './project-schema.js';
import { loadProject, toProjectView } from './store.js';
import { PROJECT_TRANSITIONS, REVIEW_DIMENSIONS } from './workflow.js';

type ObjectionRecorded = z.infer<typeof objectionRecordedSchema>;
type ObjectionResolved = z.infer<typeof objectionResolvedSchema>;

export type Opinion = 'PASS' | 'CONCERN' | 'FAIL';
export type ReviewDimensions = Record<(typeof REVIEW_DIMENSIONS)[number], { opinion: Opinion; comment: string }>;

export interface ReviewInput {
  decision: 'APPROVE' | 'RETURN' | 'REJECT';
  dimensions: ReviewDimensions;
  comment?: string;
}

export interface BudgetReviewInput {
  decision: 'APPROVE' | 'RETURN';
  approvedAmount?: number;
  comment?: string;
}

export interface NoticeInput {
  startDate: LocalDate;
  endDate: LocalDate;
  title?: string;
  content?: string;
}

const QUEUE_STATES = {
  GIA_REVIEW: 'review',
  BUDGET_REVIEW: 'budgetReview',
  BUDGET_APPROVED: 'notice',
  PUBLIC_NOTICE: 'establish',
  CHANGE_REVIEW: 'changeReview',
} as const;
export type QueueStage = keyof typeof QUEUE_STATES;

export interface ApprovalDeps {
  db: Database;
  /** today in Asia/Shanghai; injectable so tests and benchmarks need not wait for calendar days */
  today?: () => LocalDate;
}

export function createApprovalService({ db, today = () => toShanghaiDate(new Date()) }: ApprovalDeps) {
  const { prisma } = db;

  async function view(tx: Tx, id: string) {
    const { row, org } = await loadProject(tx, id);
    return toProjectView(row, org);
  }

  function requireComment(decision: string, comment: string | undefined) {
    if (decision !== 'APPROVE' && !comment?.trim()) throw new InvalidInputError([{ path: 'comment', code: 'field.required' }]);
  }

  const queueCache = createQueueCache(db.pool);

  /**
   * The reviewer's queue: projects waiting in a stage the actor can act on, oldest submission first; as JSON, the
   * way it is sent, so a cached page is not serialised again.
   */
  async function queue(actor: Actor, stage: QueueStage, page: number, pageSize: number): Promise<string> {
    const action = QUEUE_STATES[stage];
    assertCan(actor.ability, action, 'Project');
    const now = today();
    const key = [actor.principal!.id, actor.principal!.role, actor.principal!.orgId, stage, page, pageSize, now].join('|');
    return queueCache.get(key, stage, async () => JSON.stringify(await queuePage(actor, stage, page, pageSize, now)));
  }

  async function queuePage(actor: Actor, stage: QueueStage, page: number, pageSize: number, now: LocalDate): Promise<QueuePage> {
    const where: Prisma.ProjectWhereInput = { AND: [{ status: stage }, readableWhere(actor.ability, 'Project')] };
    const [total, rows] = await Promise.all([
      prisma.project.count({ where }),
      prisma.project.findMany({
        where,
        orderBy: [{ submittedAt: 'asc' }, { code: 'asc' }],
        skip: (page - 1) * pageSize,
        take: pageSize,
        select: listSelect,
      }),
    ]);
    return {
      stage,
      total,
      page,
      pageSize,
      items: rows.map((p) => {
        const waitingSince = p.submittedAt ? toShanghaiDate(p.submittedAt) : null;
        return {
          ...toListItem(p),
          waitingWorkingDays: waitingSince ? safeWorkingDays(waitingSince, now) : null,
        };
      }),
    };
  }

  async function review(actor: Actor, id: string, expectedVersion: number | undefined, input: ReviewInput) {
    return prisma.$transaction(async (tx) => {
      const row = await openProjectForChange(tx, actor, id, expectedVersion, 'review', PROJECT_TRANSITIONS.review.from);
      requireComment(input.decision, input.comment);
      const to = input.decision === 'APPROVE' ? 'BUDGET_REVIEW' : input.decision === 'RETURN' ? 'RETURNED' : 'REJECTED';
      await tx.projectReview.create({
        data: { projectId: id, stage: 'GIA_REVIEW', decision: input.decision, dimensions: input.dimensions, comment: input.comment ?? null, reviewerId: actor.principal!.id },
      });
      await tx.project.update({ where: { id }, data: { status: to, deciders: { push: actor.principal!.id } } });
      await recordAudit(tx, actor.audit, { action: 'project.review', targetType: 'Project', targetId: id, detail: { from: row.status, to, decision: input.decision } });
      return view(tx, id);
    });
  }

  async function budgetReview(actor: Actor, id: string, expectedVersion: number | undefined, input: BudgetReviewInput) {
    return prisma.$transaction(async (tx) => {
      const row = await openProjectForChange(tx, actor, id, expectedVersion, 'budgetReview', PROJECT_TRANSITIONS['budget-review'].from);
      requireComment(input.decision, input.comment);
      if (input.decision === 'APPROVE') {
        if (input.approvedAmount === undefined) throw new InvalidInputError([{ path: 'approvedAmount', code: 'field.required' }]);
        if (input.approvedAmount > Number(row.totalBudget)) {
          throw new InvalidInputError([{ path: 'approvedAmount', code: 'field.too_big', params: { maximum: Number(row.totalBudget) } }], 'VALIDATION_FAILED', 422);
        }
      }
      const to = input.decision === 'APPROVE' ? 'BUDGET_APPROVED' : 'RETURNED';
      await tx.projectReview.create({
        data: {
          projectId: id,
          stage: 'BUDGET_REVIEW',
          decision: input.decision,
          comment: input.comment ?? null,
          approvedAmount: input.decision === 'APPROVE' ? input.approvedAmount : null,
          reviewerId: actor.principal!.id,
        },
      });
      await tx.project.update({
        where: { id },
        data: { status: to, approvedBudget: input.decision === 'APPROVE' ? input.approvedAmount : null, deciders: { push: actor.principal!.id } },
      });
      await recordAudit(tx, actor.audit, {
        action: 'project.budget-review',
        targetType: 'Project',
        targetId: id,
        detail: { from: row.status, to, decision: input.decision, approvedAmount: input.approvedAmount ?? null },
      });
      return view(tx, id);
    });
  }

  async function openNotice(actor: Actor, id: string, expectedVersion: number | undefined, input: NoticeInput) {
    // a notice the public could never have seen is no notice (Art. 10): it starts today at the earliest
    if (input.startDate < today()) {
      throw new InvalidInputError([{ path: 'startDate', code: 'field.too_small', params: { minimum: today() } }]);
    }
    if (input.endDate < input.startDate) {
      throw new InvalidInputError([{ path: 'endDate', code: 'field.too_small', params: { minimum: input.startDate } }]);
    }
    return prisma.$transaction(async (tx) => {
      const row = await openProjectForChange(tx, actor, id, expectedVersion, 'notice', PROJECT_TRANSITIONS.notice.from);
      const org = await tx.organisation.findUniqueOrThrow({ where: { id: row.orgId } });
      const amount = Number(row.approvedBudget ?? row.totalBudget);
      const notice = await tx.publicNotice.create({
        data: {
          projectId: id,
          title: input.title ?? `关于${row.name}资金拟分配计划的公示`,
          content:
            input.content ??
            `根据《运城市市级政务信息化项目建设应用管理规定》第十条，现将${org.name}“${row.name}”项目资金拟分配计划予以公示，拟安排资金 ${amount.toLocaleString('zh-CN', { minimumFractionDigits: 2 })} 元。公示期内如有异议，请提出。`,
          amount,
          startDate: input.startDate,
          endDate: input.endDate,
        },
      });
      await tx.project.update({ where: { id }, data: { status: 'PUBLIC_NOTICE' } });
      await recordAudit(tx, actor.audit, {
        action: 'project.notice',
        targetType: 'Project',
        targetId: id,
        detail: { from: row.status, to: 'PUBLIC_NOTICE', noticeId: notice.id, startDate: input.startDate, endDate: input.endDate },
      });
      return view(tx, id);
    });
  }

  async function establish(actor: Actor, id: string, expectedVersion: number | undefined, input: { approvalNumber?: string }) {
    return prisma.$transaction(async (tx) => {
      const row = await openProjectForChange(tx, actor, id, expectedVersion, 'establish', PROJECT_TRANSITIONS.establish.from);
      const notice = await tx.publicNotice.findFirst({ where: { projectId: id, closedAt: null }, orderBy: { createdAt: 'desc' }, include: { objections: true } });
      if (!notice) throw new NotFoundError('notice');
      if (today() <= notice.endDate) {
        throw new ConflictError('NOTICE_NOT_ENDED', { endDate: notice.endDate });
      }
      const open = notice.objections.filter((o) => !o.resolution);
      if (open.length) throw new ConflictError('OBJECTIONS_OPEN', { count: open.length });
      const now = new Date();
      const year = Number(today().slice(0, 4));
      // approval numbers are sequential: establishments take turns (held until this transaction ends)
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('project:approval-number'))`;
      const approvalNumber = input.approvalNumber ?? `运审信〔${year}〕${String((await tx.project.count({ where: { approvalNumber: { not: null } } })) + 1).padStart(3, '0')}号`;
      if (await tx.project.findUnique({ where: { approvalNumber } })) throw new ConflictError('ALREADY_EXISTS', { what: approvalNumber });
      await tx.publicNotice.update({ where: { id: notice.id }, data: { closedAt: now } });
      await grantEntitlement(tx, id, row.catalogRevision);
      await tx.project.update({ where: { id }, data: { status: 'ESTABLISHED', establishedAt: now, approvalNumber } });
      await recordAudit(tx, actor.audit, { action: 'project.establish', targetType: 'Project', targetId: id, detail: { from: row.status, to: 'ESTABLISHED', approvalNumber } });
      return view(tx, id);
    });
  }

  /** Open notices: what the public may read (Art. 10). */
  async function openNotices(): Promise<PublicNoticeView[]> {
    const rows = await prisma.publicNotice.findMany({
      where: { closedAt: null, startDate: { lte: today() }, project: { status: 'PUBLIC_NOTICE' } },
      orderBy: { endDate: 'asc' },
      include: { project: { select: { code: true, name: true, org: { select: { name: true } } } }, _count: { select: { objections: true } } },
    });
    return rows.map((n) => ({
      id: n.id,
      title: n.title,
      content: n.content,
      amount: Number(n.amount),
      startDate: n.startDate,
      endDate: n.endDate,
      project: { code: n.project.code, name: n.project.name, orgName: n.project.org.name },
      objections: n._count.objections,
    }));
  }

  /** Anyone may raise an objection while a notice is open; GIA records its resolution. */
  async function raiseObjection(actor: Actor, noticeId: string, input: { submitter: string; contact?: string; content: string }): Promise<ObjectionRecorded> {
    return prisma.$transaction(async (tx) => {
      const n = await tx.publicNotice.findUnique({ where: { id: noticeId } });
      const d = today();
      if (!n || n.closedAt || d < n.startDate) throw new NotFoundError('notice');
      if (d > n.endDate) throw new ConflictError('NOTICE_ENDED', { endDate: n.endDate });
      const o = await tx.noticeObjection.create({
        data: { noticeId, submitter: input.submitter, contact: input.contact ?? null, content: input.content, recordedById: actor.principal?.id ?? null },
      });
      await touchProject(tx, n.projectId);
      await recordAudit(tx, actor.audit, { action: 'notice.objection', targetType: 'Project', targetId: n.projectId, detail: { noticeId, objectionId: o.id } });
      return { id: o.id, at: o.createdAt.toISOString() };
    });
  }

  /** `expectedVersion`: the project's version from an If-Match, optional; a stale one is 412 */
  async function resolveObjection(actor: Actor, noticeId: string, objectionId: string, resolution: string, expectedVersion?: number): Promise<ObjectionResolved> {
    return prisma.$transaction(async (tx) => {
      const o = await tx.noticeObjection.findFirst({ where: { id: objectionId, noticeId }, include: { notice: true } });
      if (!o) throw new NotFoundError('objection');
      const project = await findReadableProject(tx, actor, o.notice.projectId);
      assertCan(actor.ability, 'establish', 'Project');
      if (expectedVersion !== undefined) assertVersion(project, expectedVersion, 'project');
      await tx.noticeObjection.update({ where: { id: objectionId }, data: { resolution } });
      await touchProject(tx, o.notice.projectId, expectedVersion);
      await recordAudit(tx, actor.audit, { action: 'notice.objection.resolve', targetType: 'Project', targetId: o.notice.projectId, detail: { objectionId } });
      return { id: objectionId, resolution };
    });
  }

  return { queue, review, budgetReview, openNotice, establish, openNotices, raiseObjection, resolveObjection };
}

/** The entitlement is the approved resource lines, summed per plan: the ceiling for provisioning later. */
export async function grantEntitlement(tx: Tx, projectId: string, catalogRevision: number) {
  const lines = await tx.resourceLine.findMany({ where: { projectId } });
  const perPlan = new Map<string, number>();
  for (const l of lines) perPlan.set(l.planCode, (perPlan.get(l.planCode) ?? 0) + l.quantity);
  await tx.entitlement.deleteMany({ where: { projectId } });
  await tx.entitlement.createMany({ data: [...perPlan].map(([planCode, quantity]) => ({ projectId, planCode, quantity, catalogRevision })) });
}

function safeWorkingDays(from: LocalDate, to: LocalDate): number | null {
  try {
    return workingDaysBetween(from, to);
  } catch {
    return null;
  }
}

export type ApprovalService = ReturnType<typeof createApprovalService>;
