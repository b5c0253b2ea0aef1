// The assessment questionnaire (issue 18, point 5): its versions (published by the sub-center), a system's answers
// with the 6R strategy and risk they propose, and the sub-center's confirmation, which assesses the system.
import { z } from '../../core/zod-openapi.js';
import { definitionSchema } from '../../migration/questionnaire-definition.js';
import { questionnaireViewSchema, systemQuestionnaireSchema } from '../../migration/questionnaire-view.js';
import { assessmentFields } from '../../migration/register-input.js';
import { levelSchema, strategySchema } from '../../migration/view-schema.js';
import { readIfMatch, sendVersioned as send } from '../etag.js';
import { route, type RouteTable } from '../route.js';
import { errors, idParam } from '../schemas.js';
import type { Services } from '../services.js';

const tags = ['migration'];

export function migrationQuestionnaireRoutes(table: RouteTable, s: Services) {
  const q = () => s.migration.questionnaire;

  route(table, {
    method: 'get', path: '/api/migration/questionnaire', summary: 'The assessment questionnaire now in force (its organisations, GIA, the auditor, the sub-center)', tags, auth: true,
    responses: { 200: { description: 'the latest version', schema: questionnaireViewSchema }, 401: errors[401], 403: errors[403] },
    handler: async ({ ctx }, _req, res) => void res.json(await q().current(ctx)),
  });

  route(table, {
    method: 'post', path: '/api/migration/questionnaire',
    summary: 'Publish the next version of the questionnaire (sub-center): answers keep the version they were given with; 422 QUESTIONNAIRE_INVALID names each field breaking a rule (duplicate ids, a vetoed vote, thresholds out of order)',
    tags, auth: true, can: ['publish', 'MigrationQuestionnaire'],
    body: definitionSchema.extend({ note: z.string().trim().max(500).optional().describe('what changed') }),
    responses: { 201: { description: 'published', schema: questionnaireViewSchema }, 400: errors[400], 401: errors[401], 403: errors[403], 409: errors[409], 422: errors[422] },
    handler: async ({ body, ctx }, _req, res) => {
      const { note, ...definition } = body;
      res.status(201).json(await q().publish(ctx, definition, note));
    },
  });

  route(table, {
    method: 'get', path: '/api/migration/systems/:id/questionnaire', summary: "A system's questionnaire answers, the strategy and risk they propose and why, and the confirmation (whoever may read the system)", tags, auth: true,
    params: idParam,
    responses: { 200: { description: 'the answers (ETag: their version, "v0" before the first)', schema: systemQuestionnaireSchema }, 401: errors[401], 404: errors[404] },
    handler: async ({ params, ctx }, _req, res) => send(res, await q().get(ctx, params.id)),
  });

  route(table, {
    method: 'put', path: '/api/migration/systems/:id/questionnaire',
    summary: "Answer the questionnaire now in force for a system (its organisation, or the sub-center): the proposal is computed and stored; answering again asks for a new confirmation. If-Match required once answered",
    tags, auth: true, can: ['answer', 'MigrationSystem'], ifMatch: 'optional',
    params: idParam,
    body: z.strictObject({
      questionnaireVersion: z.number().int().min(1).optional().describe('the version the form showed: 409 QUESTIONNAIRE_OUTDATED when a newer one is in force'),
      answers: z.array(z.strictObject({ questionId: z.string().max(40), optionId: z.string().max(40) })).max(40).describe('one chosen option per question'),
    }),
    responses: { 200: { description: 'answered', schema: systemQuestionnaireSchema }, ...errors },
    handler: async ({ params, body, ctx }, req, res) => send(res, await q().answer(ctx, params.id, readIfMatch(req), body)),
  });

  route(table, {
    method: 'post', path: '/api/migration/systems/:id/questionnaire/confirm',
    summary: "Confirm a system's proposal, or override its strategy or risk with a reason (sub-center): assesses the system (effort and target plans as the assessment requires) or reassesses it. If-Match: the answers' version",
    tags, auth: true, can: ['confirm', 'MigrationSystem'], ifMatch: true,
    params: idParam,
    body: z.strictObject({
      strategy: strategySchema.optional().describe('default: the proposed one'),
      risk: levelSchema.optional().describe('default: the proposed one'),
      reason: z.string().trim().max(2000).optional().describe('required when the strategy or risk differs from the proposal'),
      effort: assessmentFields.effort.optional().describe("required when the system is not assessed yet"),
      targetPlanCodes: assessmentFields.targetPlanCodes.optional(),
      blockingIssues: assessmentFields.blockingIssues.optional(),
    }),
    responses: { 200: { description: 'confirmed', schema: systemQuestionnaireSchema }, ...errors },
    handler: async ({ params, body, ctx }, req, res) => send(res, await q().confirm(ctx, params.id, readIfMatch(req), body, ctx.locale)),
  });
}
