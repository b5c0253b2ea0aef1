// What the revision lists search and filter by: the search box (a revision's number, or words of its title) and
// its state. One query shape for the list and its export.
import type { Prisma } from '../core/db/generated/client.js';
import { z } from '../core/zod-openapi.js';
import { REVISION_STATES, type RevisionState } from './revision-workflow.js';

export const revisionFilterQuery = {
  q: z.string().trim().max(100).optional().describe('search: the revision number (e.g. 3 or 第3版) or words of its title'),
  status: z.enum(REVISION_STATES).optional().describe('only revisions in this state'),
};

export interface RevisionFilter {
  q?: string;
  status?: RevisionState;
}

export function revisionFilterWhere(f: RevisionFilter): Prisma.CatalogRevisionWhereInput {
  const q = f.q || undefined;
  const number = q ? /^(?:第\s*)?(\d{1,9})(?:\s*版)?$/.exec(q)?.[1] : undefined;
  return {
    AND: [
      q ? { OR: [{ title: { contains: q, mode: 'insensitive' as const } }, ...(number ? [{ number: Number(number) }] : [])] } : {},
      f.status ? { status: f.status } : {},
    ],
  };
}
