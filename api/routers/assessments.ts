// The yearly assessments: of the city departments (Art. 25) and of the counties (Art. 40).
import type { Response } from 'express';
import { COUNTY_EXPORT } from '../../assessments/list-exports.js';
import { assessmentYear, countyAssessmentSchema, countyTableSchema, gradeSchema, manualItemSchema, orgAssessmentListSchema, orgAssessmentSchema } from '../../assessments/schemas.js';
import { z } from '../../core/zod-openapi.js';
import { readIfMatch, setEtag } from '../etag.js';
import { exportRoute } from '../list-export.js';
import { route, type RouteTable } from '../route.js';
import { errors, idParam } from '../schemas.js';
import type { Services } from '../services.js';

const tags = ['assessments'];
const send = (res: Response, view: { version: number }, status = 200) => {
  setEtag(res, view.version);
  res.status(status).json(view);
};
const countyQuery = { year: assessmentYear };
const findings = z.string().max(5000);

export function assessmentRoutes(table: RouteTable, s: Services) {
  // ── departments (Art. 25) ──
  route(table, {
    method: 'get', path: '/api/assessments/departments', tags, auth: true,
    summary: "With a year: every city department and its assessment that year (GIA, the auditor), or the assessments you may read (a department: its own confirmed ones); without: every assessment you may read",
    query: z.strictObject({ year: assessmentYear.optional() }),
    responses: { 200: { description: 'the departments', schema: orgAssessmentListSchema }, 400: errors[400], 401: errors[401], 403: errors[403] },
    handler: async ({ query, ctx }, _req, res) => void res.json(await s.assessments.listOrgs(ctx, query.year, ctx.locale)),
  });
  route(table, {
    method: 'post', path: '/api/assessments/departments', tags, auth: true,
    summary: "Start a department's assessment for a year (GIA): a draft showing the evidence live",
    body: z.strictObject({ orgId: z.uuid(), year: assessmentYear }),
    responses: { 201: { description: 'the draft (ETag: its version)', schema: orgAssessmentSchema }, 400: errors[400], 401: errors[401], 403: errors[403], 409: errors[409] },
    handler: async ({ body, ctx }, _req, res) => {
      const view = await s.assessments.createOrg(ctx, body, ctx.locale);
      res.location(`/api/assessments/departments/${view.id}`);
      send(res, view, 201);
    },
  });
  route(table, {
    method: 'get', path: '/api/assessments/departments/:id', tags, auth: true,
    summary: "A department's assessment with its evidence (live while DRAFT, frozen once CONFIRMED)",
    params: idParam,
    responses: { 200: { description: 'the assessment (ETag: its version)', schema: orgAssessmentSchema }, 401: errors[401], 403: errors[403], 404: errors[404] },
    handler: async ({ params, ctx }, _req, res) => send(res, await s.assessments.getOrg(ctx, params.id, ctx.locale)),
  });
  route(table, {
    method: 'patch', path: '/api/assessments/departments/:id', tags, auth: true, ifMatch: true,
    summary: "Change a draft assessment's score, grade or findings (GIA)",
    params: idParam,
    body: z.strictObject({ score: z.number().int().min(0).max(100).nullable().optional(), grade: gradeSchema.nullable().optional(), findings: findings.optional() }),
    responses: { 200: { description: 'the assessment', schema: orgAssessmentSchema }, ...errors },
    handler: async ({ params, body, ctx }, req, res) => send(res, await s.assessments.updateOrg(ctx, params.id, readIfMatch(req), body, ctx.locale)),
  });
  route(table, {
    method: 'post', path: '/api/assessments/departments/:id/confirm', tags, auth: true, ifMatch: true,
    summary: 'Confirm a department assessment (GIA): its evidence is frozen and the department may read it',
    params: idParam,
    responses: { 200: { description: 'the confirmed assessment', schema: orgAssessmentSchema }, ...errors },
    handler: async ({ params, ctx }, req, res) => send(res, await s.assessments.confirmOrg(ctx, params.id, readIfMatch(req), ctx.locale)),
  });

  // ── counties (Art. 40) ──
  route(table, {
    method: 'get', path: '/api/assessments/counties', tags, auth: true,
    summary: "Every county side by side for a year (the city GIA, the auditor): the platform's indicators, the manual total and the grade; a county: its own confirmed scorecard",
    query: z.strictObject(countyQuery),
    responses: { 200: { description: 'a row per county', schema: countyTableSchema }, 400: errors[400], 401: errors[401], 403: errors[403] },
    handler: async ({ query, ctx }, _req, res) => void res.json(await s.assessments.countyTable(ctx, query.year, ctx.locale)),
  });
  exportRoute(table, {
    path: '/api/assessments/counties', summary: 'The counties side by side for a year,', tags, query: countyQuery, spec: COUNTY_EXPORT,
    load: async (ctx, query, max) => (await s.assessments.countyTable(ctx, query.year, ctx.locale)).items.slice(0, max),
    titleParams: (query) => ({ year: String(query.year) }),
  });
  route(table, {
    method: 'post', path: '/api/assessments/counties', tags, auth: true,
    summary: "Start a county's scorecard for a year (the city GIA): a draft showing the indicators live",
    body: z.strictObject({ county: z.string().min(1).max(50).describe("the county's code"), year: assessmentYear }),
    responses: { 201: { description: 'the draft (ETag: its version)', schema: countyAssessmentSchema }, 400: errors[400], 401: errors[401], 403: errors[403], 409: errors[409] },
    handler: async ({ body, ctx }, _req, res) => {
      const view = await s.assessments.createCounty(ctx, body, ctx.locale);
      res.location(`/api/assessments/counties/${view.id}`);
      send(res, view, 201);
    },
  });
  route(table, {
    method: 'get', path: '/api/assessments/counties/:id', tags, auth: true,
    summary: "A county's scorecard with its indicators (live while DRAFT, frozen once CONFIRMED)",
    params: idParam,
    responses: { 200: { description: 'the scorecard (ETag: its version)', schema: countyAssessmentSchema }, 401: errors[401], 403: errors[403], 404: errors[404] },
    handler: async ({ params, ctx }, _req, res) => send(res, await s.assessments.getCounty(ctx, params.id, ctx.locale)),
  });
  route(table, {
    method: 'patch', path: '/api/assessments/counties/:id', tags, auth: true, ifMatch: true,
    summary: "Change a draft scorecard's manual items, grade or findings (the city GIA)",
    params: idParam,
    body: z.strictObject({ manualItems: z.array(manualItemSchema).max(50).optional(), grade: gradeSchema.nullable().optional(), findings: findings.optional() }),
    responses: { 200: { description: 'the scorecard', schema: countyAssessmentSchema }, ...errors },
    handler: async ({ params, body, ctx }, req, res) => send(res, await s.assessments.updateCounty(ctx, params.id, readIfMatch(req), body, ctx.locale)),
  });
  route(table, {
    method: 'post', path: '/api/assessments/counties/:id/confirm', tags, auth: true, ifMatch: true,
    summary: "Confirm a county's scorecard (the city GIA): its indicators are frozen and the county may read it",
    params: idParam,
    responses: { 200: { description: 'the confirmed scorecard', schema: countyAssessmentSchema }, ...errors },
    handler: async ({ params, ctx }, req, res) => send(res, await s.assessments.confirmCounty(ctx, params.id, readIfMatch(req), ctx.locale)),
  });
}
