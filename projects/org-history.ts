// The department's record, for judging its project: the organisation's other submitted projects (never its
// drafts), newest first, with how each fared and how many were established, returned or rejected. Who may ask is
// core/access's `readHistory` on the project asked about: the reviewers and the auditor for any organisation, a
// department or county for its own only (a co-builder reading another organisation's project is refused). Each item
// says whether the reader may open that project itself: the history lists the record, reading a project stays
// subject to `read`.
import { assertCan, readableWhere, subject } from '../core/access/abilities.js';
import type { Actor } from '../core/actor.js';
import type { Database } from '../core/db/database.js';
import type { Prisma } from '../core/db/generated/client.js';
import { findReadableProject } from './machine.js';
import type { OrgHistory } from './project-schema.js';

/** At most this many projects listed (the counts cover them all). */
const HISTORY_MAX = 50;

/** The decisions that sent a project back to its unit (a change review's return leaves it established). */
const RETURNED: Prisma.ProjectReviewWhereInput = { decision: 'RETURN', stage: { in: ['GIA_REVIEW', 'BUDGET_REVIEW'] } };

export function createOrgHistoryService({ db }: { db: Database }) {
  const { prisma } = db;

  async function orgHistory(actor: Actor, projectId: string): Promise<OrgHistory> {
    const project = await findReadableProject(prisma, actor, projectId);
    assertCan(actor.ability, 'readHistory', subject('Project', project));
    const where: Prisma.ProjectWhereInput = { orgId: project.orgId, id: { not: project.id }, status: { not: 'DRAFT' } };
    const [org, rows, total, established, returned, rejected, assessment] = await Promise.all([
      prisma.organisation.findUniqueOrThrow({ where: { id: project.orgId }, select: { id: true, code: true, name: true } }),
      prisma.project.findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { code: 'desc' }],
        take: HISTORY_MAX,
        select: { id: true, code: true, name: true, budgetYear: true, status: true, totalBudget: true, approvedBudget: true, submittedAt: true },
      }),
      prisma.project.count({ where }),
      prisma.project.count({ where: { ...where, establishedAt: { not: null } } }),
      prisma.project.count({ where: { ...where, reviews: { some: RETURNED } } }),
      prisma.project.count({ where: { ...where, status: 'REJECTED' } }),
      // the assessment of the year before the budget year, else the latest one (Art. 25: a reference for the review)
      prisma.orgAssessment.findFirst({
        where: { orgId: project.orgId, status: 'CONFIRMED', year: { lt: project.budgetYear } },
        orderBy: { year: 'desc' },
        select: { id: true, orgId: true, status: true, year: true, score: true, grade: true, findings: true, confirmedAt: true },
      }),
    ]);
    const ids = rows.map((r) => r.id);
    const [returns, readable] = await Promise.all([
      prisma.projectReview.groupBy({ by: ['projectId'], where: { ...RETURNED, projectId: { in: ids } }, _count: true }),
      prisma.project.findMany({ where: { AND: [{ id: { in: ids } }, readableWhere(actor.ability, 'Project')] }, select: { id: true } }),
    ]);
    const returnsOf = new Map(returns.map((r) => [r.projectId, r._count]));
    const readableIds = new Set(readable.map((r) => r.id));
    return {
      org,
      assessment: assessment && {
        id: assessment.id,
        year: assessment.year,
        score: assessment.score,
        grade: assessment.grade as NonNullable<OrgHistory['assessment']>['grade'],
        findings: assessment.findings,
        confirmedAt: assessment.confirmedAt?.toISOString() ?? null,
        readable: actor.ability.can('read', subject('OrgAssessment', assessment)),
      },
      counts: { total, established, returned, rejected },
      items: rows.map((r) => ({
        ...r,
        totalBudget: Number(r.totalBudget),
        approvedBudget: r.approvedBudget === null ? null : Number(r.approvedBudget),
        submittedAt: r.submittedAt?.toISOString() ?? null,
        returns: returnsOf.get(r.id) ?? 0,
        readable: readableIds.has(r.id),
      })),
    };
  }

  return { orgHistory };
}
