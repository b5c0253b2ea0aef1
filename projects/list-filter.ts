// What the project lists and the reviewers' queues filter and sort by: the search box (number, name, approval number,
// organisation), organisation, jurisdiction, budget year, amount range, "has an overdue deadline", and a sort column. One query
// shape for the lists, the queues and their exports, so an export holds exactly the rows the console shows.
import { jurisdictionQuery } from '../accounts/jurisdictions.js';
import type { LocalDate } from '../core/calendar/working-days.js';
import type { Prisma } from '../core/db/generated/client.js';
import { z } from '../core/zod-openapi.js';

export const PROJECT_SORTS = ['updatedAt', 'submittedAt', 'establishedAt', 'code', 'name', 'totalBudget', 'budgetYear'] as const;
export type ProjectSort = (typeof PROJECT_SORTS)[number];

const amount = z.coerce.number().min(0).max(1e12);
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** The query fields, for a route's query schema. */
export const projectFilterQuery = {
  q: z.string().trim().max(100).optional().describe('search: project number, name, approval number or organisation'),
  orgId: z.uuid().optional().describe('the building organisation'),
  jurisdiction: jurisdictionQuery,
  budgetYear: z.coerce.number().int().min(2000).max(2100).optional(),
  minBudget: amount.optional().describe('total budget at least (CNY)'),
  maxBudget: amount.optional().describe('total budget at most (CNY)'),
  overdue: flag.optional().describe('true: only projects with an overdue deadline (a filing not made in time)'),
  sort: z.enum(PROJECT_SORTS).optional().describe('the column to sort by (default: the list’s own order)'),
  order: z.enum(['asc', 'desc']).optional(),
};

export interface ProjectFilter {
  q?: string;
  orgId?: string;
  jurisdiction?: string;
  budgetYear?: number;
  minBudget?: number;
  maxBudget?: number;
  overdue?: boolean;
  sort?: ProjectSort;
  order?: 'asc' | 'desc';
}

/** Projects whose number, name, approval number or organisation contains `q` (the lists' and queues' search box). */
export function projectSearch(q: string | undefined): Prisma.ProjectWhereInput {
  if (!q) return {};
  return { OR: [{ code: { contains: q } }, { name: { contains: q } }, { approvalNumber: { contains: q } }, { org: { name: { contains: q } } }] };
}

/** The filter's conditions; `today` decides what is overdue (a deadline not met whose due date has passed). */
export function projectFilterWhere(f: ProjectFilter, today: LocalDate): Prisma.ProjectWhereInput {
  return {
    AND: [
      projectSearch(f.q || undefined),
      f.orgId ? { orgId: f.orgId } : {},
      f.jurisdiction ? { jurisdiction: f.jurisdiction } : {},
      f.budgetYear ? { budgetYear: f.budgetYear } : {},
      f.minBudget !== undefined ? { totalBudget: { gte: f.minBudget } } : {},
      f.maxBudget !== undefined ? { totalBudget: { lte: f.maxBudget } } : {},
      f.overdue === true ? { deadlines: { some: { metAt: null, dueDate: { lt: today } } } } : {},
      f.overdue === false ? { deadlines: { none: { metAt: null, dueDate: { lt: today } } } } : {},
    ],
  };
}

/** The sort the caller asked for, then the list's own order, then the number (a stable order for paging). */
export function projectOrderBy(f: ProjectFilter, fallback: Prisma.ProjectOrderByWithRelationInput[]): Prisma.ProjectOrderByWithRelationInput[] {
  const own = f.sort ? [{ [f.sort]: f.order ?? 'asc' } as Prisma.ProjectOrderByWithRelationInput] : [];
  return [...own, ...fallback, { code: 'asc' }];
}
