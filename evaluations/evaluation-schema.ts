// Spot-checks and effectiveness evaluations as the API takes and sends them, declared once (the router validates
// and documents with these; the console's client is generated from them).
import { allowedActionsField } from '../core/workflow/allowed-action-schema.js';
import { z } from '../core/zod-openapi.js';
import { EVALUATION_DIMENSIONS, EVALUATION_GRADES } from '../projects/workflow.js';
import { SPOT_CHECK_RESULTS, SPOT_CHECK_STATES } from './spot-check-workflow.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const year = z.number().int().min(2000).max(2100);

export const spotCheckStateSchema = z.enum(SPOT_CHECK_STATES).openapi('SpotCheckState');
export const spotCheckResultSchema = z.enum(SPOT_CHECK_RESULTS).openapi('SpotCheckResult');
export const evaluationGradeSchema = z.enum(EVALUATION_GRADES).openapi('EvaluationGrade');

// ── requests

/** A draw: the year's self-evaluations, and how many of them (a count or a percentage, one of the two). */
export const drawInputSchema = z
  .strictObject({
    year: year.describe('the budget year whose submitted self-evaluations are the population'),
    size: z.number().int().min(1).max(1000).optional().describe('how many to draw (at most the population)'),
    percent: z.number().int().min(1).max(100).optional().describe('or: this share of the population, rounded up (at least one)'),
    note: z.string().trim().max(2000).optional(),
  })
  .openapi('SpotCheckDrawInput');

export const recordResultInputSchema = z
  .strictObject({
    itemId: z.uuid().describe('the sampled item'),
    result: spotCheckResultSchema,
    findings: text(5000).describe('what was found (required: a result without findings says nothing)'),
  })
  .openapi('SpotCheckResultInput');

const dimension = z.strictObject({ score: z.number().int().min(0).max(100), comment: z.string().trim().max(2000).optional() });
export const evaluationInputSchema = z
  .strictObject({
    dimensions: z.strictObject(Object.fromEntries(EVALUATION_DIMENSIONS.map((d) => [d, dimension])) as Record<(typeof EVALUATION_DIMENSIONS)[number], typeof dimension>),
    grade: evaluationGradeSchema,
    conclusion: text(5000),
    rectification: z
      .strictObject({ issues: text(5000).describe('what the unit must put right (the notice); its results are due in 10 working days') })
      .optional()
      .describe('issue a rectification notice from this evaluation, in the same transaction (Art. 24)'),
  })
  .openapi('EvaluationInput');

// ── views

const spotCheckItemSchema = z
  .object({
    id: z.uuid(),
    position: z.number().int().describe('its place in the draw, from 0'),
    filingId: z.uuid(),
    filedAt: z.string(),
    selfScore: z.number().nullable(),
    summary: z.string(),
    project: z.object({ id: z.uuid(), code: z.string(), name: z.string(), orgName: z.string() }),
    result: z.enum(SPOT_CHECK_RESULTS).nullable(),
    findings: z.string().nullable(),
    recordedAt: z.string().nullable(),
  })
  .openapi('SpotCheckItem');

const spotCheckBase = {
  id: z.uuid(),
  year: z.number().int(),
  status: spotCheckStateSchema,
  seed: z.string().describe('the draw can be repeated from it and the population (evaluations/sampling.ts)'),
  populationCount: z.number().int(),
  sampleSize: z.number().int(),
  note: z.string().nullable(),
  recorded: z.number().int().describe('items with a result'),
  unqualified: z.number().int().describe('items found 不合格'),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  version: z.number().int(),
};
export const spotCheckSummarySchema = z.object(spotCheckBase).openapi('SpotCheckSummary');
export const spotCheckViewSchema = z.object({ ...spotCheckBase, items: z.array(spotCheckItemSchema), ...allowedActionsField }).openapi('SpotCheck');
export const spotCheckListSchema = z.object({ items: z.array(spotCheckSummarySchema) }).openapi('SpotCheckList');

const dimensionView = z.object({ score: z.number(), comment: z.string().optional() });
export const evaluationViewSchema = z
  .object({
    id: z.uuid(),
    dimensions: z.object(Object.fromEntries(EVALUATION_DIMENSIONS.map((d) => [d, dimensionView])) as Record<(typeof EVALUATION_DIMENSIONS)[number], typeof dimensionView>),
    grade: evaluationGradeSchema,
    conclusion: z.string(),
    evaluatedBy: z.string(),
    createdAt: z.string(),
    rectification: z.object({ filingId: z.uuid(), deadlineId: z.uuid(), dueDate: z.string().nullable() }).nullable(),
  })
  .openapi('EffectivenessEvaluation');

/** What a project's reader sees of how it was evaluated: GIA's evaluations and Finance's spot-check results. */
export const projectEvaluationsSchema = z
  .object({
    projectVersion: z.number().int().describe("the project's version: the If-Match of the next evaluation (the project's ETag)"),
    evaluations: z.array(evaluationViewSchema),
    spotChecks: z.array(
      z.object({ spotCheckId: z.uuid(), year: z.number().int(), result: z.enum(SPOT_CHECK_RESULTS).nullable(), findings: z.string().nullable(), recordedAt: z.string().nullable() }),
    ),
    ...allowedActionsField,
  })
  .openapi('ProjectEvaluations');

export type SpotCheckView = z.infer<typeof spotCheckViewSchema>;
export type SpotCheckSummary = z.infer<typeof spotCheckSummarySchema>;
export type DrawInput = z.infer<typeof drawInputSchema>;
export type RecordResultInput = z.infer<typeof recordResultInputSchema>;
export type EvaluationRequest = z.infer<typeof evaluationInputSchema>;
export type ProjectEvaluations = z.infer<typeof projectEvaluationsSchema>;
