// From submission to establishment: GIA review on the five Art. 8 dimensions, Finance budget review (Art. 9),
// public notice of the fund allocation (Art. 10), establishment (立项) with an approval number and entitlement.
import { notifyObjection } from '../notifications/machine-events.js';
import type { z } from 'zod';
import { allowedWhere, assertCan } from '../core/access/abilities.js';
import type { Actor } from '../core/actor.js';
import { recordAudit } from '../core/audit/audit.js';
import { toShanghaiDate, workingDaysBetween, type LocalDate } from '../core/calendar/working-days.js';
import type { Database } from '../core/db/database.js';
import type { Prisma } from '../core/db/generated/client.js';
import { ConflictError, NotFoundError } from '../core/errors.js';
import type { Locale } from '../core/i18n.js';
import type { ProjectActions } from './actions.js';
import { listSelect, toListItem } from './drafting.js';
import type { BudgetReviewInput, NoticeInput, ReviewInput } from './inputs.js';
import { createReadCache, readerKey } from '../core/cache/read-cache.js';
import { PROJECT_MACHINE, QUEUE_STAGES, QUEUES, type QueueStage } from './workflow.js';
import { projectFilterWhere, projectOrderBy, projectSearch, type ProjectFilter } from './list-filter.js';

import type { objectionRecordedSchema, objectionResolvedSchema, PublicNoticeView, QueuePage, QueueSummary } from './project-schema.js';
import './audit-names.js';

type ObjectionRecorded = z.infer<typeof objectionRecordedSchema>;
type ObjectionResolved = z.infer<typeof objectionResolvedSchema>;

export type { BudgetReviewInput, NoticeInput, Opinion, ReviewDimensions, ReviewInput } from './inputs.js';

/** Each queue is the stage a reviewer acts on: whoever may take its action sees it. */
const queueAbility = (stage: QueueStage) => PROJECT_MACHINE.actions[QUEUES[stage]].ability;
export type { QueueStage };

export interface ApprovalDeps {
  db: Database;
  actions: ProjectActions;
}

export function createApprovalService({ db, actions }: ApprovalDeps) {
  const { prisma } = db;
  const { today } = actions;

  const queueCache = createReadCache<QueuePage>();

  /**
   * The reviewer's queue: projects waiting in a stage the actor can act on, oldest submission first. A page is kept
   * (the same object) while nothing is written (core/cache/read-cache.ts), so the API serialises it once.
   */
  /** A page of the queue, oldest submission first unless the filter sorts otherwise (list-filter.ts). */
  async function queue(actor: Actor, stage: QueueStage, page: number, pageSize: number, filter: ProjectFilter = {}): Promise<QueuePage> {
    assertCan(actor.ability, queueAbility(stage), 'Project');
    const now = today();
    const key = readerKey(actor, stage, page, pageSize, now, JSON.stringify(filter));
    return queueCache.get(key, () => queuePage(actor, stage, page, pageSize, now, filter));
  }

  /** The queues the actor decides in, with how many projects wait in each. */
  async function queues(actor: Actor): Promise<QueueSummary> {
    const stages = QUEUE_STAGES.filter((stage) => actor.ability.can(queueAbility(stage), 'Project'));
    if (!stages.length) return { items: [] };
    // a stage counts what its action may be taken on: the city's GIA reads the counties' projects but decides none
    const counts = await Promise.all(
      stages.map((stage) => prisma.project.count({ where: { AND: [{ status: stage }, allowedWhere(actor.ability, queueAbility(stage), 'Project')] } })),
    );
    return { items: stages.map((stage, i) => ({ stage, waiting: counts[i]! })) };
  }

  async function queuePage(actor: Actor, stage: QueueStage, page: number, pageSize: number, now: LocalDate, filter: ProjectFilter): Promise<QueuePage> {
    const where: Prisma.ProjectWhereInput = { AND: [{ status: stage }, allowedWhere(actor.ability, queueAbility(stage), 'Project'), projectFilterWhere(filter, now)] };
    const [total, rows] = await Promise.all([
      prisma.project.count({ where }),
      prisma.project.findMany({
        where,
        orderBy: projectOrderBy(filter, [{ submittedAt: 'asc' }]),
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

  const review = (actor: Actor, id: string, expectedVersion: number | undefined, input: ReviewInput, locale: Locale) =>
    actions.take(actor, 'review', id, expectedVersion, input, locale);
  const budgetReview = (actor: Actor, id: string, expectedVersion: number | undefined, input: BudgetReviewInput, locale: Locale) =>
    actions.take(actor, 'budget-review', id, expectedVersion, input, locale);
  const openNotice = (actor: Actor, id: string, expectedVersion: number | undefined, input: NoticeInput, locale: Locale) =>
    actions.take(actor, 'notice', id, expectedVersion, input, locale);
  const establish = (actor: Actor, id: string, expectedVersion: number | undefined, input: { approvalNumber?: string }, locale: Locale) =>
    actions.take(actor, 'establish', id, expectedVersion, input, locale);

  /** Open notices: what the public may read (Art. 10). */
  /** `q`: the project's number or name, or its organisation, contains it. */
  async function openNotices(filter: { q?: string; jurisdiction?: string } = {}): Promise<PublicNoticeView[]> {
    const q = filter.q || undefined;
    const rows = await prisma.publicNotice.findMany({
      where: {
        closedAt: null,
        startDate: { lte: today() },
        project: { status: 'PUBLIC_NOTICE', ...(filter.jurisdiction ? { jurisdiction: filter.jurisdiction } : {}), ...(q ? projectSearch(q) : {}) },
      },
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
      // the project's view shows its objections: its version (ETag) moves on
      await tx.project.update({ where: { id: n.projectId }, data: { version: { increment: 1 } } });
      await recordAudit(tx, actor.audit, { action: 'notice.objection', targetType: 'Project', targetId: n.projectId, detail: { noticeId, objectionId: o.id } });
      await notifyObjection(tx, n.projectId, o.id);
      return { id: o.id, at: o.createdAt.toISOString() };
    });
  }

  /** GIA records how an objection was resolved; `expectedVersion`: the project's version from an If-Match, optional */
  async function resolveObjection(actor: Actor, noticeId: string, objectionId: string, resolution: string, locale: Locale, expectedVersion?: number): Promise<ObjectionResolved> {
    const notice = await prisma.publicNotice.findUnique({ where: { id: noticeId }, select: { projectId: true } });
    if (!notice) throw new NotFoundError('objection');
    await actions.run(actor, 'resolve-objection', notice.projectId, { expectedVersion, input: { noticeId, objectionId, resolution }, locale });
    return { id: objectionId, resolution };
  }

  return { queues, queue, review, budgetReview, openNotice, establish, openNotices, raiseObjection, resolveObjection };
}

function safeWorkingDays(from: LocalDate, to: LocalDate): number | null {
  try {
    return workingDaysBetween(from, to);
  } catch {
    return null;
  }
}

export type ApprovalService = ReturnType<typeof createApprovalService>;
