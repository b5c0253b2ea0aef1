// What waits in each of the reader's menu entries, counted for the menu's badges: projects in their review queues,
// projects returned to their unit, open deadlines (the unit's) or overdue ones (oversight), resource requests to
// review or provision, catalog revisions to approve. Each count reuses the list behind the entry, with the reader's
// own rights, so a badge never counts what its page does not show.
import { consoleAreasFor, type ConsoleArea } from '../accounts/console-areas.js';
import { z } from '../core/zod-openapi.js';
import type { SignedInContext } from './context.js';
import type { Services } from './services.js';

export const COUNT_KEYS = ['reviewQueue', 'returnedProjects', 'openDeadlines', 'overdueDeadlines', 'operatorQueue', 'revisionApproval'] as const;
export type CountKey = (typeof COUNT_KEYS)[number];

export const consoleCountsSchema = z
  .object({ counts: z.object(Object.fromEntries(COUNT_KEYS.map((k) => [k, z.number().int().optional()])) as Record<CountKey, z.ZodOptional<z.ZodNumber>>) })
  .describe('what waits, by menu entry; only the entries of areas the reader may open')
  .openapi('ConsoleCounts');

const COUNTERS: Record<CountKey, { area: ConsoleArea; count(s: Services, ctx: SignedInContext): Promise<number> }> = {
  reviewQueue: { area: 'review', count: async (s, ctx) => (await s.approval.queues(ctx)).items.reduce((n, q) => n + q.waiting, 0) },
  returnedProjects: { area: 'portal', count: async (s, ctx) => (await s.drafting.list(ctx, { status: ['RETURNED'], page: 1, pageSize: 1 })).total },
  openDeadlines: { area: 'portal', count: async (s, ctx) => (await s.filings.deadlines(ctx, { status: 'open' })).items.length },
  overdueDeadlines: { area: 'oversight', count: async (s, ctx) => (await s.filings.deadlines(ctx, { status: 'overdue' })).items.length },
  operatorQueue: { area: 'operator', count: async (s, ctx) => (await s.resourceRequests.list(ctx, { status: ['SUBMITTED', 'APPROVED'], page: 1, pageSize: 1 })).total },
  revisionApproval: { area: 'revisionApproval', count: async (s, ctx) => (await s.revisions.list(ctx, ctx.locale)).items.filter((r) => r.status === 'SUBMITTED').length },
};

export async function consoleCounts(s: Services, ctx: SignedInContext): Promise<z.infer<typeof consoleCountsSchema>> {
  const { areas } = consoleAreasFor(ctx.ability, true, ctx.principal?.jurisdiction);
  const open = COUNT_KEYS.filter((k) => areas.includes(COUNTERS[k].area));
  const values = await Promise.all(open.map((k) => COUNTERS[k].count(s, ctx)));
  return { counts: Object.fromEntries(open.map((k, i) => [k, values[i]])) };
}
