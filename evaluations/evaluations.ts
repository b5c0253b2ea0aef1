// GIA's effectiveness evaluation of a project (Art. 24): the six dimensions, a grade and a conclusion, stored by the
// project machine's `evaluate` action; with a rectification notice, the project's own `rectify` action is taken in
// the same transaction (both through the runner, each with its audit record) and the evaluation names the notice.
import type { Actor } from '../core/actor.js';
import type { Database, Tx } from '../core/db/database.js';
import type { Locale } from '../core/i18n.js';
import type { ProjectActions } from '../projects/actions.js';
import type { EvaluationInput } from '../projects/inputs.js';
import type { EvaluationRequest, ProjectEvaluations } from './evaluation-schema.js';
import type { SpotCheckResult } from './spot-check-workflow.js';

/** The project's evaluations and its spot-check results, newest first. */
async function loadEvaluations(tx: Tx, projectId: string, version: number): Promise<Omit<ProjectEvaluations, 'allowedActions'>> {
  const rows = await tx.effectivenessEvaluation.findMany({ where: { projectId }, orderBy: { createdAt: 'desc' } });
  const people = await tx.user.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.evaluatedById))] } }, select: { id: true, displayName: true } });
  const names = new Map(people.map((u) => [u.id, u.displayName]));
  const deadlineIds = rows.map((r) => r.rectificationDeadlineId).filter((d): d is string => !!d);
  const dues = new Map((await tx.deadline.findMany({ where: { id: { in: deadlineIds } }, select: { id: true, dueDate: true } })).map((d) => [d.id, d.dueDate]));
  const items = await tx.spotCheckItem.findMany({ where: { projectId, result: { not: null } }, include: { spotCheck: { select: { year: true } } }, orderBy: { recordedAt: 'desc' } });
  return {
    projectVersion: version,
    evaluations: rows.map((r) => ({
      id: r.id,
      dimensions: r.dimensions as EvaluationInput['dimensions'],
      grade: r.grade as EvaluationInput['grade'],
      conclusion: r.conclusion,
      evaluatedBy: names.get(r.evaluatedById) ?? '',
      createdAt: r.createdAt.toISOString(),
      rectification:
        r.rectificationFilingId && r.rectificationDeadlineId
          ? { filingId: r.rectificationFilingId, deadlineId: r.rectificationDeadlineId, dueDate: dues.get(r.rectificationDeadlineId) ?? null }
          : null,
    })),
    spotChecks: items.map((i) => ({
      spotCheckId: i.spotCheckId,
      year: i.spotCheck.year,
      result: i.result as SpotCheckResult | null,
      findings: i.findings,
      recordedAt: i.recordedAt?.toISOString() ?? null,
    })),
  };
}

export function createEvaluationService({ db, actions }: { db: Database; actions: ProjectActions }) {
  /** What the reader of a project sees of its evaluations, with the project's evaluate action for them. */
  async function list(actor: Actor, projectId: string, locale: Locale): Promise<ProjectEvaluations> {
    const view = await actions.presentWith(actor, projectId, locale, (tx, row) => loadEvaluations(tx, row.id, row.version));
    return { ...view, allowedActions: view.allowedActions.filter((a) => a.action === 'evaluate') };
  }

  /** Records an evaluation (If-Match: the project's version) and, when asked, the rectification notice with it. */
  async function create(actor: Actor, projectId: string, expectedVersion: number | undefined, input: EvaluationRequest, locale: Locale): Promise<ProjectEvaluations> {
    const { rectification, ...evaluation } = input;
    const env = await actions.env();
    await db.prisma.$transaction(async (tx) => {
      const evaluated = await actions.runIn(tx, env, actor, 'evaluate', projectId, { expectedVersion, input: evaluation, locale });
      if (!rectification) return;
      // the project's own rectification notice (10 working days, Art. 24), taken on the version the evaluation left
      const notice = await actions.runIn(tx, env, actor, 'rectify', projectId, { append: true, input: { issues: rectification.issues }, locale });
      await tx.effectivenessEvaluation.update({
        where: { id: evaluated.detail.evaluationId as string },
        data: { rectificationFilingId: notice.detail.filingId as string, rectificationDeadlineId: notice.detail.deadlineId as string },
      });
    });
    return list(actor, projectId, locale);
  }

  return { list, create };
}

export type EvaluationService = ReturnType<typeof createEvaluationService>;
