// The annual self-evaluation as an obligation (Art. 21): one deadline per budget year of an established project,
// due on the configured day of the following year (SELF_EVALUATION in core/calendar/working-days.ts), opened at
// establishment and met by the SELF_EVALUATION filing that names the year.
import { SELF_EVALUATION, selfEvaluationStart, type MonthDay } from '../core/calendar/working-days.js';
import { SYSTEM_CONTEXT, recordAudit } from '../core/audit/audit.js';
import type { Database, Tx } from '../core/db/database.js';
import { addDeadline } from './deadlines.js';
import { FILING_STATES } from './workflow.js';

interface ProjectYears {
  id: string;
  orgId: string;
  budgetYear: number;
  yearlyBudgets: unknown;
}

/** The budget years of a project: its budget year and every year of its multi-year budget (Art. 6). */
export function budgetYearsOf(p: Pick<ProjectYears, 'budgetYear' | 'yearlyBudgets'>): number[] {
  const yearly = Array.isArray(p.yearlyBudgets) ? (p.yearlyBudgets as { year?: unknown }[]).map((y) => y.year).filter((y): y is number => Number.isInteger(y)) : [];
  return [...new Set([p.budgetYear, ...yearly])].sort((a, b) => a - b);
}

/**
 * Opens the self-evaluation deadline of each budget year the project does not have one for yet (idempotent: the
 * obligation is unique per project and year). The deadlines of the years already evaluated are opened met.
 */
export async function openSelfEvaluationDeadlines(tx: Tx, project: ProjectYears, due: MonthDay): Promise<number> {
  const have = new Set((await tx.selfEvaluationObligation.findMany({ where: { projectId: project.id }, select: { year: true } })).map((o) => o.year));
  let opened = 0;
  for (const year of budgetYearsOf(project).filter((y) => !have.has(y))) {
    const filed = await tx.filing.findFirst({ where: { projectId: project.id, kind: 'SELF_EVALUATION', data: { path: ['year'], equals: year } }, orderBy: { createdAt: 'asc' } });
    const d = await addDeadline(tx, project, SELF_EVALUATION, selfEvaluationStart(year, due), `${year}年度项目自评价报告报送`, 'budgetYear', filed ? { filingId: filed.id } : undefined);
    await tx.selfEvaluationObligation.create({ data: { projectId: project.id, year, deadlineId: d.id } });
    opened++;
  }
  return opened;
}

/** A SELF_EVALUATION filing for `year` meets that year's open deadline (if the project owes one). */
export async function meetSelfEvaluation(tx: Tx, projectId: string, year: number, filingId: string): Promise<string | null> {
  const o = await tx.selfEvaluationObligation.findUnique({ where: { projectId_year: { projectId, year } } });
  if (!o) return null;
  const { count } = await tx.deadline.updateMany({ where: { id: o.deadlineId, metAt: null }, data: { metAt: new Date(), metByFilingId: filingId } });
  return count ? o.deadlineId : null;
}

/**
 * The sweep run at start: projects established before the obligation existed get their deadlines. Idempotent, so
 * every start may run it (one project per transaction; a project whose year the calendar cannot place is skipped
 * and named in the result, never stops the start).
 */
export async function sweepSelfEvaluationDeadlines(db: Database, due: MonthDay): Promise<{ opened: number; failed: string[] }> {
  const projects = await db.prisma.project.findMany({
    where: { status: { in: [...FILING_STATES] }, establishedAt: { not: null } },
    select: { id: true, orgId: true, budgetYear: true, yearlyBudgets: true },
  });
  const owed = await db.prisma.selfEvaluationObligation.findMany({ select: { projectId: true, year: true } });
  const have = new Set(owed.map((o) => `${o.projectId}:${o.year}`));
  let opened = 0;
  const failed: string[] = [];
  for (const p of projects.filter((p) => budgetYearsOf(p).some((y) => !have.has(`${p.id}:${y}`)))) {
    try {
      opened += await db.prisma.$transaction(async (tx) => {
        const n = await openSelfEvaluationDeadlines(tx, p, due);
        // a state change like any other: in the trail (and so heard by the read caches, core/cache/write-clock.ts)
        if (n > 0) await recordAudit(tx, SYSTEM_CONTEXT, { action: 'project.self-evaluation.backfill', targetType: 'Project', targetId: p.id, detail: { opened: n } });
        return n;
      });
    } catch {
      failed.push(p.id);
    }
  }
  return { opened, failed };
}
