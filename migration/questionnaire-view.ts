// The assessment questionnaire as the API sends it: a version with its definition, and a system's answers with
// the proposal they make and the sub-center's confirmation.
import { z } from '../core/zod-openapi.js';
import { nullableRef } from '../core/zod-openapi.js';
import { definitionSchema, PROPOSABLE } from './questionnaire-definition.js';
import { levelSchema, migrationStateSchema, strategySchema } from './view-schema.js';

export const questionnaireViewSchema = z
  .object({
    version: z.number().int(),
    definition: definitionSchema,
    note: z.string(),
    publishedAt: z.string(),
  })
  .openapi('MigrationQuestionnaire');
export type QuestionnaireView = z.infer<typeof questionnaireViewSchema>;

export const proposalReasonSchema = z.object({
  questionId: z.string(),
  optionId: z.string(),
  riskPoints: z.number().int(),
  forProposed: z.number().int().describe('the weight the answer gave the proposed strategy'),
  vetoes: z.array(z.enum(PROPOSABLE)),
});

export const systemQuestionnaireSchema = z
  .object({
    systemId: z.string(),
    /** the system's own assessment: what a confirmation set (or the assess transition, or a reassessment) */
    system: z.object({
      status: migrationStateSchema,
      classified: z.boolean(),
      strategy: nullableRef(strategySchema),
      risk: nullableRef(levelSchema),
    }),
    answers: z
      .object({
        questionnaire: questionnaireViewSchema.describe('the version the answers were given with'),
        answers: z.array(z.object({ questionId: z.string(), optionId: z.string() })),
        proposal: z.object({
          strategy: strategySchema,
          risk: levelSchema,
          riskPoints: z.number().int(),
          reasons: z.array(proposalReasonSchema).describe('the answers that drove the proposal'),
        }),
        answeredAt: z.string(),
        answeredBy: z.string().nullable(),
        confirmation: z
          .object({
            confirmedAt: z.string(),
            confirmedBy: z.string().nullable(),
            overridden: z.boolean(),
            overrideReason: z.string().nullable(),
          })
          .nullable()
          .describe('null: not yet confirmed, or answered again since'),
      })
      .nullable()
      .describe('null: not answered yet'),
    mayAnswer: z.boolean(),
    mayConfirm: z.boolean(),
    version: z.number().int().describe('the answers’ version (0 before the first answers): If-Match of the next answers or confirmation'),
  })
  .openapi('MigrationSystemQuestionnaire');
export type SystemQuestionnaire = z.infer<typeof systemQuestionnaireSchema>;
