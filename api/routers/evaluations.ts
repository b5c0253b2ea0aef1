// Evaluations (Art. 21–24): Finance's spot-checks of the self-evaluations, GIA's effectiveness evaluations of a
// project (with the rectification notice they may issue).
import { z } from '../../core/zod-openapi.js';
import {
  drawInputSchema,
  evaluationInputSchema,
  projectEvaluationsSchema,
  recordResultInputSchema,
  spotCheckListSchema,
  spotCheckStateSchema,
  spotCheckViewSchema,
} from '../../evaluations/evaluation-schema.js';
import { SPOT_CHECK_EXPORT } from '../../evaluations/list-exports.js';
import { fileResponse } from '../download.js';
import { readIfMatch, sendVersioned as send, setEtag } from '../etag.js';
import { sendListXlsx } from '../list-export.js';
import { route, type RouteTable } from '../route.js';
import { errors, idParam, localeQuery } from '../schemas.js';
import type { Services } from '../services.js';

export function evaluationRoutes(table: RouteTable, s: Services) {
  const tags = ['evaluations'];

  route(table, {
    method: 'get', path: '/api/evaluations/spot-checks', summary: 'Spot-checks of the self-evaluations (Art. 22), newest first (Finance, GIA, the auditor)', tags, auth: true,
    query: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional(), status: spotCheckStateSchema.optional() }),
    responses: { 200: { description: 'spot-checks', schema: spotCheckListSchema }, 400: errors[400], 401: errors[401], 403: errors[403] },
    handler: async ({ query, ctx }, _req, res) => void res.json(await s.spotChecks.list(ctx, query)),
  });

  route(table, {
    method: 'post', path: '/api/evaluations/spot-checks',
    summary: "Draw a random sample of a year's submitted self-evaluations (Finance, Art. 22): a count or a percentage, at least one; the seed and the population count are kept so the draw can be repeated",
    tags, auth: true, can: ['create', 'SpotCheck'],
    body: drawInputSchema,
    responses: { 201: { description: 'drawn (ETag: its version)', schema: spotCheckViewSchema }, 400: errors[400], 401: errors[401], 403: errors[403], 422: errors[422] },
    handler: async ({ body, ctx }, _req, res) => {
      const v = await s.spotChecks.draw(ctx, body, ctx.locale);
      res.location(`/api/evaluations/spot-checks/${v.id}`);
      send(res, v, 201);
    },
  });

  route(table, {
    method: 'get', path: '/api/evaluations/spot-checks/:id', summary: 'A spot-check with its sampled self-evaluations and their results', tags, auth: true,
    params: idParam,
    responses: { 200: { description: 'the spot-check (ETag: its version)', schema: spotCheckViewSchema }, 401: errors[401], 404: errors[404] },
    handler: async ({ params, ctx }, _req, res) => send(res, await s.spotChecks.get(ctx, params.id, ctx.locale)),
  });

  route(table, {
    method: 'post', path: '/api/evaluations/spot-checks/:id/results',
    summary: 'Record (or correct) the result of one sampled self-evaluation: 合格 / 基本合格 / 不合格 with findings (Finance, while open)', tags, auth: true, can: ['record', 'SpotCheck'], ifMatch: true,
    params: idParam, body: recordResultInputSchema,
    responses: { 200: { description: 'recorded', schema: spotCheckViewSchema }, ...errors },
    handler: async ({ params, body, ctx }, req, res) => send(res, await s.spotChecks.record(ctx, params.id, readIfMatch(req), body, ctx.locale)),
  });

  route(table, {
    method: 'post', path: '/api/evaluations/spot-checks/:id/close', summary: 'Close a spot-check once every sampled self-evaluation has its result (Finance)', tags, auth: true, ifMatch: true,
    params: idParam,
    responses: { 200: { description: 'closed', schema: spotCheckViewSchema }, ...errors },
    handler: async ({ params, ctx }, req, res) => send(res, await s.spotChecks.close(ctx, params.id, readIfMatch(req), ctx.locale)),
  });

  route(table, {
    method: 'get', path: '/api/evaluations/spot-checks/:id/export', summary: "A spot-check's sampled self-evaluations and results as XLSX, in the columns the console shows", tags, auth: true,
    params: idParam, query: z.strictObject({ lang: localeQuery }),
    responses: { ...fileResponse, 400: errors[400], 401: errors[401], 404: errors[404] },
    handler: async ({ params, ctx }, _req, res) => {
      const v = await s.spotChecks.get(ctx, params.id, ctx.locale);
      await sendListXlsx(res, SPOT_CHECK_EXPORT, v.items, ctx.locale, { year: String(v.year) });
    },
  });

  route(table, {
    method: 'get', path: '/api/projects/:id/evaluations',
    summary: "A project's effectiveness evaluations (Art. 24) and its self-evaluation spot-check results (Art. 22), for whoever reads the project; allowedActions offers evaluate to GIA",
    tags, auth: true,
    params: idParam,
    responses: { 200: { description: 'evaluations, newest first', schema: projectEvaluationsSchema }, 401: errors[401], 404: errors[404] },
    handler: async ({ params, ctx }, _req, res) => void res.json(await s.evaluations.list(ctx, params.id, ctx.locale)),
  });

  route(table, {
    method: 'post', path: '/api/projects/:id/evaluations',
    summary:
      "GIA's effectiveness evaluation (Art. 24): six dimensions, a grade and a conclusion; with `rectification`, the rectification notice (results due in 10 working days) is issued in the same transaction. If-Match: the project's ETag",
    tags, auth: true, can: ['evaluate', 'Project'], ifMatch: true,
    params: idParam, body: evaluationInputSchema,
    responses: { 201: { description: 'recorded: the project’s evaluations', schema: projectEvaluationsSchema }, ...errors },
    handler: async ({ params, body, ctx }, req, res) => {
      const v = await s.evaluations.create(ctx, params.id, readIfMatch(req), body, ctx.locale);
      setEtag(res, v.projectVersion);
      res.status(201).json(v);
    },
  });
}
