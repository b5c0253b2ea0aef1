// The assessment questionnaire (issue 18, point 5): the sub-center publishes versions of it; a system's organisation
// (or the sub-center) answers it for the system, and the answers' proposal (migration/questionnaire-proposal.ts) is
// stored with them; the sub-center confirms the proposal or overrides it with a reason.
//
// A confirmation is the system's assessment: it takes the migration machine's `assess` (a system not yet assessed:
// with the effort and target plans the assessment needs) or its `update` of the assessment fields (a reassessment),
// through the runner and in the same transaction as the confirmation's own record. So the system keeps one strategy
// and one risk, checked by the assessment's rules (migration/assessment.ts), whichever way they were set.
import { assertCan, subject } from '../core/access/abilities.js';
import type { Actor } from '../core/actor.js';
import { recordAudit } from '../core/audit/audit.js';
import { registerAuditActions } from '../core/audit/labels.js';
import type { Database, Tx } from '../core/db/database.js';
import { assertUpdated } from '../core/db/versioning.js';
import { ConflictError, InvalidInputError, NotFoundError, PreconditionError } from '../core/errors.js';
import { registerMessages, type Locale } from '../core/i18n.js';
import { createRunner } from '../core/workflow/runner.js';
import type { PublishedCatalog } from '../catalog/published.js';
import { findReadableSystem, migrationMachine } from './machine.js';
import { checkAnswers, checkDefinition, definitionSchema, type Answer, type QuestionnaireDefinition } from './questionnaire-definition.js';
import { propose, type ProposalReason } from './questionnaire-proposal.js';
import type { QuestionnaireView, SystemQuestionnaire } from './questionnaire-view.js';
import type { Level, Strategy } from './vocabulary.js';

registerAuditActions({
  'migration.questionnaire.publish': { 'zh-CN': '发布评估问卷', en: 'Assessment questionnaire published' },
  'migration.questionnaire.answer': { 'zh-CN': '填写评估问卷', en: 'Assessment questionnaire answered' },
  'migration.questionnaire.confirm': { 'zh-CN': '确认问卷评估建议', en: 'Questionnaire proposal confirmed' },
});
registerMessages({
  'what.questionnaireAnswers': { 'zh-CN': '评估问卷答卷', en: 'questionnaire answers' },
  'what.questionnaire': { 'zh-CN': '评估问卷', en: 'questionnaire' },
  QUESTIONNAIRE_OUTDATED: { 'zh-CN': '问卷已发布新版本（第 {version} 版），请按新版本填写', en: 'A newer questionnaire (version {version}) has been published: answer that one' },
  'questionnaire.override_reason': { 'zh-CN': '与建议不同时须说明理由', en: 'A reason is required when overriding the proposal' },
});

export interface ConfirmInput {
  /** default: the proposed one; another one is an override and needs `reason` */
  strategy?: Strategy;
  risk?: Level;
  reason?: string;
  /** the assessment's other fields: effort is required for a system not yet assessed */
  effort?: Level;
  targetPlanCodes?: string[];
  blockingIssues?: string[];
}

type QuestionnaireRow = { version: number; definition: unknown; note: string; publishedAt: Date };

const toView = (q: QuestionnaireRow): QuestionnaireView => ({
  version: q.version,
  definition: definitionSchema.parse(q.definition),
  note: q.note,
  publishedAt: q.publishedAt.toISOString(),
});

const answersFromMap = (map: unknown): Answer[] => Object.entries(map as Record<string, string>).map(([questionId, optionId]) => ({ questionId, optionId }));

export function createQuestionnaireService({ db, published }: { db: Database; published: PublishedCatalog }) {
  const { prisma } = db;
  // the migration machine's runner, to take the assessment inside the confirmation's transaction
  const runner = createRunner(migrationMachine, { db, env: async () => ({ catalog: await published.currentOrNull() }) });

  async function latest(tx: Tx) {
    const q = await tx.migrationQuestionnaire.findFirst({ orderBy: { version: 'desc' } });
    if (!q) throw new NotFoundError('questionnaire');
    return q;
  }

  /** The questionnaire now in force. */
  async function current(actor: Actor): Promise<QuestionnaireView> {
    assertCan(actor.ability, 'read', 'MigrationQuestionnaire');
    return toView(await latest(prisma));
  }

  /** Publishes the next version (the sub-center); answers given with earlier versions keep theirs. */
  async function publish(actor: Actor, def: QuestionnaireDefinition, note: string | undefined): Promise<QuestionnaireView> {
    assertCan(actor.ability, 'publish', 'MigrationQuestionnaire');
    const issues = checkDefinition(def);
    if (issues.length) throw new InvalidInputError(issues, 'QUESTIONNAIRE_INVALID', 422);
    return prisma.$transaction(async (tx) => {
      const version = (await latest(tx)).version + 1;
      const q = await tx.migrationQuestionnaire.create({ data: { version, definition: def, note: note ?? '', publishedById: actor.principal?.id ?? null } });
      await recordAudit(tx, actor.audit, {
        action: 'migration.questionnaire.publish',
        targetType: 'MigrationQuestionnaire',
        targetId: String(version),
        detail: { version, questions: def.questions.map((x) => x.id), riskThresholds: def.riskThresholds, defaultStrategy: def.defaultStrategy, note: note ?? '' },
      });
      return toView(q);
    });
  }

  async function load(tx: Tx, actor: Actor, systemId: string): Promise<SystemQuestionnaire> {
    const system = await findReadableSystem(tx, actor, systemId);
    const row = await tx.migrationQuestionnaireAnswers.findUnique({ where: { systemId }, include: { questionnaire: true } });
    const names = row
      ? new Map(
          (await tx.user.findMany({ where: { id: { in: [row.answeredById, row.confirmedById].filter((x): x is string => !!x) } }, select: { id: true, displayName: true } })).map((u) => [
            u.id,
            u.displayName,
          ]),
        )
      : new Map<string, string>();
    const tagged = subject('MigrationSystem', system);
    return {
      systemId,
      system: { status: system.status, classified: system.classified, strategy: system.strategy, risk: system.risk },
      answers: row
        ? {
            questionnaire: toView(row.questionnaire),
            answers: answersFromMap(row.answers),
            proposal: { strategy: row.proposedStrategy, risk: row.proposedRisk, riskPoints: row.riskPoints, reasons: row.reasons as unknown as ProposalReason[] },
            answeredAt: row.answeredAt.toISOString(),
            answeredBy: names.get(row.answeredById) ?? null,
            confirmation: row.confirmedAt
              ? {
                  confirmedAt: row.confirmedAt.toISOString(),
                  confirmedBy: (row.confirmedById && names.get(row.confirmedById)) || null,
                  overridden: row.overrideReason !== null,
                  overrideReason: row.overrideReason,
                }
              : null,
          }
        : null,
      mayAnswer: actor.ability.can('answer', tagged),
      mayConfirm: !!row && actor.ability.can('confirm', tagged),
      version: row?.version ?? 0,
    };
  }

  /** A system's answers and their proposal (null before the first answers): whoever may read the system. */
  function get(actor: Actor, systemId: string): Promise<SystemQuestionnaire> {
    return prisma.$transaction((tx) => load(tx, actor, systemId));
  }

  /**
   * Answers the questionnaire now in force for a system (its organisation, or the sub-center) and stores the
   * proposal; answering again replaces the answers and asks for a new confirmation. If-Match: the answers' version
   * (optional before the first answers).
   */
  async function answer(actor: Actor, systemId: string, expectedVersion: number | undefined, input: { questionnaireVersion?: number; answers: Answer[] }) {
    const view = await prisma.$transaction(async (tx) => {
      const system = await findReadableSystem(tx, actor, systemId);
      assertCan(actor.ability, 'answer', subject('MigrationSystem', system));
      const existing = await tx.migrationQuestionnaireAnswers.findUnique({ where: { systemId }, select: { version: true } });
      if (existing && expectedVersion === undefined) throw new PreconditionError('PRECONDITION_REQUIRED');
      if (expectedVersion !== undefined && expectedVersion !== (existing?.version ?? 0)) throw new PreconditionError('STALE_VERSION');
      const q = await latest(tx);
      if (input.questionnaireVersion !== undefined && input.questionnaireVersion !== q.version) throw new ConflictError('QUESTIONNAIRE_OUTDATED', { version: q.version });
      const def = definitionSchema.parse(q.definition);
      const issues = checkAnswers(def, input.answers);
      if (issues.length) throw new InvalidInputError(issues, 'VALIDATION_FAILED', 422);
      const proposal = propose(def, input.answers, system);
      const answers = Object.fromEntries(input.answers.map((a) => [a.questionId, a.optionId]));
      const data = {
        questionnaireVersion: q.version,
        answers,
        proposedStrategy: proposal.strategy,
        proposedRisk: proposal.risk,
        riskPoints: proposal.riskPoints,
        reasons: proposal.reasons as object[],
        answeredById: actor.principal!.id,
        answeredAt: new Date(),
        confirmedById: null,
        confirmedAt: null,
        overrideReason: null,
      };
      if (existing) assertUpdated(await tx.migrationQuestionnaireAnswers.updateMany({ where: { systemId, version: existing.version }, data: { ...data, version: { increment: 1 } } }));
      else await tx.migrationQuestionnaireAnswers.create({ data: { systemId, ...data } });
      await recordAudit(tx, actor.audit, {
        action: 'migration.questionnaire.answer',
        targetType: 'MigrationSystem',
        targetId: systemId,
        detail: { code: system.code, questionnaireVersion: q.version, answers, proposedStrategy: proposal.strategy, proposedRisk: proposal.risk, riskPoints: proposal.riskPoints },
      });
      return load(tx, actor, systemId);
    });
    return view;
  }

  /**
   * The sub-center confirms the proposal, or overrides its strategy or risk with a reason: the system is assessed
   * (or reassessed) with them through the migration machine, in this transaction. If-Match: the answers' version.
   */
  async function confirm(actor: Actor, systemId: string, expectedVersion: number | undefined, input: ConfirmInput, locale: Locale) {
    const env = { catalog: await published.currentOrNull() };
    const view = await prisma.$transaction(async (tx) => {
      const system = await findReadableSystem(tx, actor, systemId);
      assertCan(actor.ability, 'confirm', subject('MigrationSystem', system));
      const row = await tx.migrationQuestionnaireAnswers.findUnique({ where: { systemId } });
      if (!row) throw new NotFoundError('questionnaireAnswers');
      if (expectedVersion === undefined) throw new PreconditionError('PRECONDITION_REQUIRED');
      if (row.version !== expectedVersion) throw new PreconditionError('STALE_VERSION');

      const strategy = input.strategy ?? row.proposedStrategy;
      const risk = input.risk ?? row.proposedRisk;
      const overridden = strategy !== row.proposedStrategy || risk !== row.proposedRisk;
      const reason = input.reason?.trim() || null;
      if (overridden && !reason) throw new InvalidInputError([{ path: 'reason', code: 'questionnaire.override_reason' }], 'VALIDATION_FAILED', 422);

      const firstAssessment = system.strategy === null;
      if (firstAssessment) {
        if (!input.effort) throw new InvalidInputError([{ path: 'effort', code: 'field.required' }], 'VALIDATION_FAILED', 422);
        await runner.runIn(tx, env, actor, 'assess', systemId, {
          input: { strategy, risk, effort: input.effort, targetPlanCodes: input.targetPlanCodes ?? [], blockingIssues: input.blockingIssues ?? [], note: reason ?? undefined },
          // the system as read in this transaction: the If-Match was the answers'
          expectedVersion: system.version,
          locale,
        });
      } else {
        await runner.runIn(tx, env, actor, 'update', systemId, {
          input: {
            strategy,
            risk,
            ...(input.effort ? { effort: input.effort } : {}),
            ...(input.targetPlanCodes ? { targetPlanCodes: input.targetPlanCodes } : {}),
            ...(input.blockingIssues ? { blockingIssues: input.blockingIssues } : {}),
          },
          expectedVersion: system.version,
          locale,
        });
      }
      assertUpdated(
        await tx.migrationQuestionnaireAnswers.updateMany({
          where: { systemId, version: row.version },
          data: { confirmedById: actor.principal!.id, confirmedAt: new Date(), overrideReason: overridden ? reason : null, version: { increment: 1 } },
        }),
      );
      await recordAudit(tx, actor.audit, {
        action: 'migration.questionnaire.confirm',
        targetType: 'MigrationSystem',
        targetId: systemId,
        detail: {
          code: system.code,
          questionnaireVersion: row.questionnaireVersion,
          proposedStrategy: row.proposedStrategy,
          proposedRisk: row.proposedRisk,
          strategy,
          risk,
          overridden,
          ...(overridden ? { reason } : {}),
          via: firstAssessment ? 'assess' : 'reassess',
        },
      });
      return load(tx, actor, systemId);
    });
    return view;
  }

  return { current, publish, get, answer, confirm };
}

export type QuestionnaireService = ReturnType<typeof createQuestionnaireService>;
