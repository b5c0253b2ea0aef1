// What the platform's own records say about a set of organisations in a year: the evidence of a department's
// assessment (Art. 25) and most of a county's automatic indicators (Art. 40). Read from the records the other
// domains keep (deadlines, filings, information resources, reviews, refused submissions); nothing is entered here.
//
// - deadlines: every filing deadline (Art. 13, 20, 24) falling due in the year: met on time, met late, still overdue
//   (past due, unmet) and still open (not yet due)
// - rectifications (Art. 23, 24): the rectification notices received in the year and how their reports came
// - self-evaluations (Art. 21): the established projects of the year or before, and how many filed one for the year
// - data sharing (Art. 8, 27): the information resources produced by the year's submitted projects, by sharing attribute
// - own-cloud refusals (Art. 28, 30): the year's projects refused for building their own cloud or server room — a
//   submission the validator refused with OWN_CLOUD_FORBIDDEN (the refusal's audit record names the violated rules),
//   or a GIA review that returned or rejected it citing 第三十条
import { RECTIFICATION_REPORT, toShanghaiDate, type LocalDate } from '../core/calendar/working-days.js';
import type { Tx } from '../core/db/database.js';
import type { Prisma } from '../core/db/generated/client.js';

export interface DeadlineCounts {
  due: number;
  metOnTime: number;
  metLate: number;
  overdue: number;
  open: number;
}

export interface PlatformRecord {
  year: number;
  /** the day the figures were computed (Asia/Shanghai) */
  asOf: LocalDate;
  projects: { submitted: number; established: number };
  deadlines: DeadlineCounts;
  rectifications: DeadlineCounts;
  selfEvaluations: { expected: number; filed: number };
  dataSharing: { produced: number; unconditional: number; conditional: number; notShareable: number };
  ownCloudRefusals: { projects: number; refusedSubmissions: number; returnedOrRejected: number };
}

/** The instants a year spans in Asia/Shanghai. */
export function yearSpan(year: number): { gte: Date; lt: Date } {
  return { gte: new Date(`${year}-01-01T00:00:00+08:00`), lt: new Date(`${year + 1}-01-01T00:00:00+08:00`) };
}

function countDeadlines(rows: { dueDate: string; metAt: Date | null }[], today: LocalDate): DeadlineCounts {
  const out: DeadlineCounts = { due: rows.length, metOnTime: 0, metLate: 0, overdue: 0, open: 0 };
  for (const d of rows) {
    if (d.metAt) out[toShanghaiDate(d.metAt) <= d.dueDate ? 'metOnTime' : 'metLate']++;
    else out[d.dueDate < today ? 'overdue' : 'open']++;
  }
  return out;
}

/** The reviews that sent a project back or refused it. */
const REFUSING_REVIEW: Prisma.ProjectReviewWhereInput = { stage: 'GIA_REVIEW', decision: { in: ['RETURN', 'REJECT'] } };
const OWN_CLOUD_ARTICLE = '第三十条';

export async function platformRecord(tx: Tx, orgIds: string[], year: number, today: LocalDate): Promise<PlatformRecord> {
  const ofOrgs = { orgId: { in: orgIds } };
  const yearProjects: Prisma.ProjectWhereInput = { ...ofOrgs, budgetYear: year, status: { not: 'DRAFT' } };
  const inYear = { startsWith: `${year}-` };
  // one query after another: they share the caller's transaction (one connection)
  const deadlines = await tx.deadline.findMany({ where: { ...ofOrgs, dueDate: inYear }, select: { dueDate: true, metAt: true, ruleCode: true } });
  const submitted = await tx.project.count({ where: yearProjects });
  const established = await tx.project.count({ where: { ...yearProjects, establishedAt: { not: null } } });
  const selfDue = await tx.project.findMany({ where: { ...ofOrgs, budgetYear: { lte: year }, establishedAt: { not: null }, status: { not: 'TERMINATED' } }, select: { id: true } });
  const selfFiled = await tx.filing.findMany({ where: { kind: 'SELF_EVALUATION', project: ofOrgs, data: { path: ['year'], equals: year } }, select: { projectId: true } });
  const resources = await tx.informationResource.groupBy({ by: ['sharing'], where: { direction: 'PRODUCED', project: yearProjects }, _count: true });
  const reviews = await tx.projectReview.findMany({ where: { ...REFUSING_REVIEW, project: { ...ofOrgs, budgetYear: year } }, select: { projectId: true, comment: true, dimensions: true } });
  const yearProjectIds = await tx.project.findMany({ where: { ...ofOrgs, budgetYear: year }, select: { id: true } });
  const refusedSubmits = yearProjectIds.length
    ? await tx.auditEvent.findMany({
        where: {
          action: 'transition.refused',
          AND: [{ detail: { path: ['attempted'], equals: 'project.submit' } }, { detail: { path: ['violations'], array_contains: ['OWN_CLOUD_FORBIDDEN'] } }],
        },
        select: { detail: true },
      })
    : [];
  const yearIds = new Set(yearProjectIds.map((p) => p.id));
  const refusedIds = new Set(
    refusedSubmits.map((e) => String((e.detail as { object?: string }).object ?? '').replace(/^Project:/, '')).filter((id) => yearIds.has(id)),
  );
  const citingIds = new Set(reviews.filter((r) => `${r.comment ?? ''}${JSON.stringify(r.dimensions)}`.includes(OWN_CLOUD_ARTICLE)).map((r) => r.projectId));
  const dueIds = new Set(selfDue.map((p) => p.id));
  const sharing = (s: string) => resources.find((r) => r.sharing === s)?._count ?? 0;
  return {
    year,
    asOf: today,
    projects: { submitted, established },
    deadlines: countDeadlines(deadlines, today),
    rectifications: countDeadlines(
      deadlines.filter((d) => d.ruleCode === RECTIFICATION_REPORT.code),
      today,
    ),
    selfEvaluations: { expected: dueIds.size, filed: new Set(selfFiled.map((f) => f.projectId).filter((id) => dueIds.has(id))).size },
    dataSharing: {
      produced: resources.reduce((n, r) => n + r._count, 0),
      unconditional: sharing('UNCONDITIONAL'),
      conditional: sharing('CONDITIONAL'),
      notShareable: sharing('NOT_SHAREABLE'),
    },
    ownCloudRefusals: { projects: new Set([...refusedIds, ...citingIds]).size, refusedSubmissions: refusedIds.size, returnedOrRejected: citingIds.size },
  };
}
