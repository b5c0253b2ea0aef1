// A reviewer's half-written decision, kept on the server per (project, stage, reviewer) as they type, so that it is
// there when they come back (in another browser too), and removed in the transaction that decides the stage
// (projects/machine.ts, review and budget-review). Only a user who may decide the stage of the project now has one:
// the runner's own check of the decision's action (404 unreadable, 403 never theirs, 409 not in this state).
//
// Saving a draft is not audited, deliberately: it is no decision and changes nothing anyone else sees (not the
// project, its version or its state); what the reviewer finally decides is audited with the decision, and a draft
// they never sent is theirs alone. The project row is locked (FOR SHARE) while a draft is written, so a decision
// taken meanwhile either removes the draft or makes the write refuse: no draft outlives its stage.
import type { Actor } from '../core/actor.js';
import type { Database, Tx } from '../core/db/database.js';
import type { Prisma } from '../core/db/generated/client.js';
import type { Locale } from '../core/i18n.js';
import { invalidTransition } from '../core/workflow/runner.js';
import type { ProjectActions } from './actions.js';
import { DRAFT_STAGES, type DraftAction, type ReviewDraftView } from './project-schema.js';
import { PROJECT_MACHINE } from './workflow.js';

/** Removes every draft of the stage of a project: it has been decided (called in the deciding transaction). */
export async function clearReviewDrafts(tx: Tx, projectId: string, action: DraftAction): Promise<void> {
  await tx.reviewDraft.deleteMany({ where: { projectId, stage: DRAFT_STAGES[action] } });
}

export function createReviewDraftService({ db, actions }: { db: Database; actions: ProjectActions }) {
  const { prisma } = db;
  const key = (actor: Actor, projectId: string, action: DraftAction) => ({ projectId, stage: DRAFT_STAGES[action], reviewerId: actor.principal!.id });
  const view = (row: { content: Prisma.JsonValue; updatedAt: Date } | null): ReviewDraftView =>
    row ? { content: row.content as ReviewDraftView['content'], savedAt: row.updatedAt.toISOString() } : { content: null, savedAt: null };

  async function get(actor: Actor, projectId: string, action: DraftAction, locale: Locale): Promise<ReviewDraftView> {
    await actions.check(actor, action, projectId, locale);
    return view(await prisma.reviewDraft.findUnique({ where: { projectId_stage_reviewerId: key(actor, projectId, action) } }));
  }

  async function save(actor: Actor, projectId: string, action: DraftAction, content: NonNullable<ReviewDraftView['content']>, locale: Locale): Promise<ReviewDraftView> {
    await actions.check(actor, action, projectId, locale);
    return prisma.$transaction(async (tx) => {
      // decided since the check? then there is nothing left to draft
      const [row] = await tx.$queryRaw<{ status: string }[]>`SELECT status::text FROM project WHERE id = ${projectId}::uuid FOR SHARE`;
      const entry = PROJECT_MACHINE.actions[action];
      if (!row || !(entry.from as readonly string[]).includes(row.status)) throw invalidTransition('Project', action, row?.status ?? '', entry.article);
      const k = key(actor, projectId, action);
      const json = content as Prisma.InputJsonValue;
      return view(await tx.reviewDraft.upsert({ where: { projectId_stage_reviewerId: k }, create: { ...k, content: json }, update: { content: json } }));
    });
  }

  async function discard(actor: Actor, projectId: string, action: DraftAction, locale: Locale): Promise<void> {
    await actions.check(actor, action, projectId, locale);
    await prisma.reviewDraft.deleteMany({ where: key(actor, projectId, action) });
  }

  return { get, save, discard };
}
