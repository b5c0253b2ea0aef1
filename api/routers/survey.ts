// The migration survey (摸底调查, Art. 5, 33): campaigns the sub-center or the city GIA opens, extends, reminds and
// closes, with their coverage; the asked organisations' responses, confirmed, submitted or declared empty, and sent
// back. Coverage and lateness are counted on today's date (working days): the answers are never cached (no-store,
// said here whatever the API's default), so a version-based ETag cannot bring back yesterday's lateness.
import { z } from '../../core/zod-openapi.js';
import { SURVEY_COVERAGE_EXPORT } from '../../survey/list-exports.js';
import {
  campaignListQuerySchema,
  campaignListSchema,
  campaignViewSchema,
  closeCampaignInputSchema,
  confirmInputSchema,
  extendCampaignInputSchema,
  openCampaignInputSchema,
  reasonInputSchema,
  responseListQuerySchema,
  responseListSchema,
  responseViewSchema,
} from '../../survey/schema.js';
import { fileResponse } from '../download.js';
import { readIfMatch, sendVersioned as send } from '../etag.js';
import { sendListXlsx } from '../list-export.js';
import { route, type RouteTable } from '../route.js';
import { errors, idParam, localeQuery } from '../schemas.js';
import type { Services } from '../services.js';
import type { Request, Response } from 'express';

/**
 * Day-dependent answers: not stored by any cache, and never answered 304 on a version's ETag (the version does not
 * change when the due date passes; express would otherwise compare If-None-Match with it).
 */
function uncached(req: Request, res: Response): void {
  delete req.headers['if-none-match'];
  res.setHeader('Cache-Control', 'no-store');
}

export function surveyRoutes(table: RouteTable, s: Services) {
  const tags = ['survey'];

  route(table, {
    method: 'get', path: '/api/survey/campaigns', summary: 'Migration survey campaigns, newest first, with their coverage counts (the sub-center, GIA, the auditor)', tags, auth: true,
    query: campaignListQuerySchema,
    responses: { 200: { description: 'campaigns', schema: campaignListSchema }, 400: errors[400], 401: errors[401], 403: errors[403] },
    handler: async ({ query, ctx }, req, res) => {
      uncached(req, res);
      res.json(await s.survey.listCampaigns(ctx, query));
    },
  });

  route(table, {
    method: 'post', path: '/api/survey/campaigns',
    summary: 'Open a survey campaign with a due date, asking the named organisations and/or every active organisation of some kinds (the sub-center, the city GIA); each asked organisation gets a pending response and a notification',
    tags, auth: true, can: ['create', 'SurveyCampaign'],
    body: openCampaignInputSchema,
    responses: { 201: { description: 'opened (ETag: its version)', schema: campaignViewSchema }, 400: errors[400], 401: errors[401], 403: errors[403], 422: errors[422] },
    handler: async ({ body, ctx }, _req, res) => {
      const v = await s.survey.open(ctx, body, ctx.locale);
      res.location(`/api/survey/campaigns/${v.id}`);
      send(res, v, 201);
    },
  });

  route(table, {
    method: 'get', path: '/api/survey/campaigns/:id', summary: 'A campaign with its coverage: counts, and each asked organisation’s status, systems confirmed and lateness (working days)', tags, auth: true,
    params: idParam,
    responses: { 200: { description: 'the campaign (ETag: its version)', schema: campaignViewSchema }, 401: errors[401], 404: errors[404] },
    handler: async ({ params, ctx }, req, res) => {
      uncached(req, res);
      send(res, await s.survey.getCampaign(ctx, params.id, ctx.locale));
    },
  });

  route(table, {
    method: 'post', path: '/api/survey/campaigns/:id/extend', summary: 'Move an open campaign’s due date later (after today), with the reason', tags, auth: true, can: ['update', 'SurveyCampaign'], ifMatch: true,
    params: idParam, body: extendCampaignInputSchema,
    responses: { 200: { description: 'extended', schema: campaignViewSchema }, ...errors },
    handler: async ({ params, body, ctx }, req, res) => send(res, await s.survey.extend(ctx, params.id, readIfMatch(req), body, ctx.locale)),
  });

  route(table, {
    method: 'post', path: '/api/survey/campaigns/:id/remind', summary: 'Remind every organisation that has not answered an open campaign (a notification to its staff)', tags, auth: true, ifMatch: true,
    params: idParam,
    responses: { 200: { description: 'reminded', schema: campaignViewSchema }, ...errors },
    handler: async ({ params, ctx }, req, res) => send(res, await s.survey.remind(ctx, params.id, readIfMatch(req), ctx.locale)),
  });

  route(table, {
    method: 'post', path: '/api/survey/campaigns/:id/close', summary: 'Close a campaign: no further answers are taken', tags, auth: true, can: ['close', 'SurveyCampaign'], ifMatch: true,
    params: idParam, body: closeCampaignInputSchema,
    responses: { 200: { description: 'closed', schema: campaignViewSchema }, ...errors },
    handler: async ({ params, body, ctx }, req, res) => send(res, await s.survey.close(ctx, params.id, readIfMatch(req), body, ctx.locale)),
  });

  route(table, {
    method: 'get', path: '/api/survey/campaigns/:id/export', summary: "A campaign's coverage as XLSX, in the columns the console shows", tags, auth: true,
    params: idParam, query: z.strictObject({ lang: localeQuery }),
    responses: { ...fileResponse, 400: errors[400], 401: errors[401], 404: errors[404] },
    handler: async ({ params, ctx }, _req, res) => {
      const v = await s.survey.getCampaign(ctx, params.id, ctx.locale);
      await sendListXlsx(res, SURVEY_COVERAGE_EXPORT, v.responses, ctx.locale, { title: v.title });
    },
  });

  route(table, {
    method: 'get', path: '/api/survey/responses', summary: "Survey responses you may read: your organisation's (every one, for the sub-center), newest campaign first", tags, auth: true,
    query: responseListQuerySchema,
    responses: { 200: { description: 'responses', schema: responseListSchema }, 400: errors[400], 401: errors[401], 403: errors[403] },
    handler: async ({ query, ctx }, req, res) => {
      uncached(req, res);
      res.json(await s.survey.listResponses(ctx, query));
    },
  });

  route(table, {
    method: 'get', path: '/api/survey/responses/:id', summary: "A response with its organisation's register entries, the confirmed ones flagged", tags, auth: true,
    params: idParam,
    responses: { 200: { description: 'the response (ETag: its version)', schema: responseViewSchema }, 401: errors[401], 404: errors[404] },
    handler: async ({ params, ctx }, req, res) => {
      uncached(req, res);
      send(res, await s.survey.getResponse(ctx, params.id, ctx.locale));
    },
  });

  route(table, {
    method: 'post', path: '/api/survey/responses/:id/confirm',
    summary: "Confirm register entries of the organisation as current (replaces the set confirmed before); the organisation's staff, while pending and the campaign open",
    tags, auth: true, can: ['confirm', 'SurveyResponse'], ifMatch: true,
    params: idParam, body: confirmInputSchema,
    responses: { 200: { description: 'confirmed', schema: responseViewSchema }, ...errors },
    handler: async ({ params, body, ctx }, req, res) => send(res, await s.survey.confirm(ctx, params.id, readIfMatch(req), body, ctx.locale)),
  });

  route(table, {
    method: 'post', path: '/api/survey/responses/:id/submit', summary: 'Submit the answer: at least one system confirmed; the confirmed systems remember this campaign', tags, auth: true, ifMatch: true,
    params: idParam,
    responses: { 200: { description: 'submitted', schema: responseViewSchema }, ...errors },
    handler: async ({ params, ctx }, req, res) => send(res, await s.survey.submit(ctx, params.id, readIfMatch(req), ctx.locale)),
  });

  route(table, {
    method: 'post', path: '/api/survey/responses/:id/declare-none', summary: 'Answer that the organisation has no system to declare (none confirmed), with the reason', tags, auth: true, can: ['submit', 'SurveyResponse'], ifMatch: true,
    params: idParam, body: reasonInputSchema,
    responses: { 200: { description: 'declared', schema: responseViewSchema }, ...errors },
    handler: async ({ params, body, ctx }, req, res) => send(res, await s.survey.declareNone(ctx, params.id, readIfMatch(req), body, ctx.locale)),
  });

  route(table, {
    method: 'post', path: '/api/survey/responses/:id/return', summary: 'Send an answer back to its organisation with the reason (the sub-center, the city GIA; campaign open)', tags, auth: true, can: ['return', 'SurveyResponse'], ifMatch: true,
    params: idParam, body: reasonInputSchema,
    responses: { 200: { description: 'sent back', schema: responseViewSchema }, ...errors },
    handler: async ({ params, body, ctx }, req, res) => send(res, await s.survey.sendBack(ctx, params.id, readIfMatch(req), body, ctx.locale)),
  });
}
