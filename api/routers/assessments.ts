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
import type { SignedInContext } from '../context.js';
import type { Locale } from '../../core/i18n.js';

const tags = ['assessments'];
const send = (res: Response, view: { version: number }, status = 200) => {
  setEtag(res, view.version);
  res.status(status).json(view);
};
const countyQuery = { year: assessmentYear };
const findings = z.string().max(5000);

/** The routes of one kind of assessment: start one, read it, change it while a draft, confirm it (If-Match). */
function oneKindRoutes<V extends { id: string; version: number }, C extends z.ZodType, P extends z.ZodType>(
  table: RouteTable,
  kind: {
    path: string;
    /** what the caller's role must be allowed on at all (api/route.ts `can`) */
    subject: 'OrgAssessment' | 'CountyAssessment';
    view: z.ZodType;
    what: string;
    who: string;
    frozen: string;
    createBody: C;
    patchBody: P;
    create(ctx: SignedInContext, body: z.output<C>, locale: Locale): Promise<V>;
    get(ctx: SignedInContext, id: string, locale: Locale): Promise<V>;
    update(ctx: SignedInContext, id: string, version: number | undefined, body: z.output<P>, locale: Locale): Promise<V>;
    confirm(ctx: SignedInContext, id: string, version: number | undefined, locale: Locale): Promise<V>;
  },
) {
  const one = `${kind.path}/:id`;
  route(table, {
    method: 'post', path: kind.path, tags, auth: true, can: ['create', kind.subject],
    summary: `Start ${kind.what} for a year (${kind.who}): a draft showing the ${kind.frozen} live`,
    body: kind.createBody,
    responses: { 201: { description: 'the draft (ETag: its version)', schema: kind.view }, 400: errors[400], 401: errors[401], 403: errors[403], 409: errors[409] },
    handler: async ({ body, ctx }, _req, res) => {
      const view = await kind.create(ctx, body, ctx.locale);
      res.location(`${kind.path}/${view.id}`);
      send(res, view, 201);
    },
  });
  route(table, {
    method: 'get', path: one, tags, auth: true,
    summary: `${kind.what} with its ${kind.frozen} (live while DRAFT, frozen once CONFIRMED)`,
    params: idParam,
    responses: { 200: { description: 'the assessment (ETag: its version)', schema: kind.view }, 401: errors[401], 403: errors[403], 404: errors[404] },
    handler: async ({ params, ctx }, _req, res) => send(res, await kind.get(ctx, params.id, ctx.locale)),
  });
  route(table, {
    method: 'patch', path: one, tags, auth: true, can: ['update', kind.subject], ifMatch: true,
    summary: `Change a draft of ${kind.what} (${kind.who})`,
    params: idParam,
    body: kind.patchBody,
    responses: { 200: { description: 'the assessment', schema: kind.view }, ...errors },
    handler: async ({ params, body, ctx }, req, res) => send(res, await kind.update(ctx, params.id, readIfMatch(req), body, ctx.locale)),
  });
  route(table, {
    method: 'post', path: `${one}/confirm`, tags, auth: true, ifMatch: true,
    summary: `Confirm ${kind.what} (${kind.who}): its ${kind.frozen} are frozen and the assessed may read it`,
    params: idParam,
    responses: { 200: { description: 'the confirmed assessment', schema: kind.view }, ...errors },
    handler: async ({ params, ctx }, req, res) => send(res, await kind.confirm(ctx, params.id, readIfMatch(req), ctx.locale)),
  });
}

export function assessmentRoutes(table: RouteTable, s: Services) {
  // ── departments (Art. 25) ──
  route(table, {
    method: 'get', path: '/api/assessments/departments', tags, auth: true,
    summary: "With a year: every city department and its assessment that year (GIA, the auditor), or the assessments you may read (a department: its own confirmed ones); without: every assessment you may read",
    query: z.strictObject({ year: assessmentYear.optional() }),
    responses: { 200: { description: 'the departments', schema: orgAssessmentListSchema }, 400: errors[400], 401: errors[401], 403: errors[403] },
    handler: async ({ query, ctx }, _req, res) => void res.json(await s.assessments.listOrgs(ctx, query.year, ctx.locale)),
  });
  oneKindRoutes(table, {
    path: '/api/assessments/departments', subject: 'OrgAssessment', view: orgAssessmentSchema, what: "a department's assessment", who: 'GIA', frozen: 'evidence',
    createBody: z.strictObject({ orgId: z.uuid(), year: assessmentYear }),
    patchBody: z.strictObject({ score: z.number().int().min(0).max(100).nullable().optional(), grade: gradeSchema.nullable().optional(), findings: findings.optional() }),
    create: (ctx, body, locale) => s.assessments.createOrg(ctx, body, locale),
    get: (ctx, id, locale) => s.assessments.getOrg(ctx, id, locale),
    update: (ctx, id, version, body, locale) => s.assessments.updateOrg(ctx, id, version, body, locale),
    confirm: (ctx, id, version, locale) => s.assessments.confirmOrg(ctx, id, version, locale),
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
  oneKindRoutes(table, {
    path: '/api/assessments/counties', subject: 'CountyAssessment', view: countyAssessmentSchema, what: "a county's scorecard", who: 'the city GIA', frozen: 'indicators',
    createBody: z.strictObject({ county: z.string().min(1).max(50).describe("the county's code"), year: assessmentYear }),
    patchBody: z.strictObject({ manualItems: z.array(manualItemSchema).max(50).optional(), grade: gradeSchema.nullable().optional(), findings: findings.optional() }),
    create: (ctx, body, locale) => s.assessments.createCounty(ctx, body, locale),
    get: (ctx, id, locale) => s.assessments.getCounty(ctx, id, locale),
    update: (ctx, id, version, body, locale) => s.assessments.updateCounty(ctx, id, version, body, locale),
    confirm: (ctx, id, version, locale) => s.assessments.confirmCounty(ctx, id, version, locale),
  });
}
