// The published catalog (public), its exports, and the revision workflow.
import { REVISION_EXPORT } from '../../catalog/list-exports.js';
import { revisionFilterQuery } from '../../catalog/revision-filter.js';
import { exportRoute } from '../list-export.js';
import { t } from '../../core/i18n.js';
import { fileResponse, sendSpreadsheet, spreadsheetFormat } from '../download.js';
import { sendSerialised, serialised } from '../serialised.js';
import { allowedActionsField } from '../../core/workflow/allowed-action-schema.js';
import type { Response } from 'express';
import {
  catalogDiffSchema as catalogDiff,
  catalogViewSchema,
  categorySchema,
  itemStateSchema,
  planSpecView,
  provisionerSchema,
  publishedCatalogSchema as publishedCatalog,
  revisionDetailSchema as revisionDetail,
  revisionSummarySchema as revisionSummary,
  xinchuangView,
} from '../../catalog/view-schema.js';
import { z } from '../../core/zod-openapi.js';
import { catalogCsv, catalogXlsx } from '../../catalog/export.js';
import { REVISION_MACHINE, type RevisionTransitionAction } from '../../catalog/revision-workflow.js';
import { readIfMatch, setEtag } from '../etag.js';
import { route, type RouteTable } from '../route.js';
import { errors, INT32_MAX, localeQuery, positiveInt, revisionParam } from '../schemas.js';
import type { Services } from '../services.js';

const code = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lowercase letters, digits and dashes');

const offeringBody = z.strictObject({
  category: categorySchema,
  name: z.string().min(1).max(100),
  nameEn: z.string().max(200).nullable().optional(),
  description: z.string().min(1).max(2000),
  provisioner: provisionerSchema,
  sharedService: z.boolean(),
  keywords: z.array(z.string().min(1).max(50)).max(50),
  status: itemStateSchema.optional().describe('RETIRED retires the offering in this revision'),
  sortOrder: z.number().int().min(0).max(100000).optional(),
});

const planBody = z.strictObject({
  name: z.string().min(1).max(100),
  nameEn: z.string().max(200).nullable().optional(),
  unit: z.string().min(1).max(20),
  unitPrice: z.number().nonnegative().max(1e10).multipleOf(0.01),
  spec: planSpecView,
  xinchuang: xinchuangView,
  maxQuantity: z.number().int().positive().max(INT32_MAX).nullable().optional(),
  status: itemStateSchema.optional().describe('RETIRED: stays readable in old revisions, cannot be requested'),
  sortOrder: z.number().int().min(0).max(100000).optional(),
});

const TRANSITION_SUMMARIES: Record<RevisionTransitionAction, string> = {
  submit: 'Submit a draft for approval by GIA and Finance (sub-center operator)',
  approve: 'Approve a submitted revision (GIA reviewer or Finance reviewer; both are needed)',
  return: 'Return a submitted revision to its drafters with a comment (GIA or Finance reviewer)',
  publish: 'Publish an approved revision (GIA reviewer); it becomes the current catalog and immutable',
  discard: 'Discard a draft (sub-center operator)',
};

function sendRevision(res: Response, view: { revision: { version: number } }, status = 200) {
  setEtag(res, view.revision.version);
  res.status(status).json(view);
}

export function catalogRoutes(table: RouteTable, s: Services) {
  route(table, {
    method: 'get',
    path: '/api/catalog',
    summary: 'The current published Government Cloud Service Catalog (public)',
    tags: ['catalog'],
    auth: false,
    responses: { 200: { description: 'the catalog', schema: publishedCatalog }, 304: { description: 'unchanged (If-None-Match)' } },
    handler: async (_i, req, res) => {
      const cur = await s.published.current();
      const body = serialised(cur, `cat-${cur.number}`, {
        body: ({ view }) => ({
          revision: { number: view.revision.number, title: view.revision.title, publishedAt: view.revision.publishedAt },
          offerings: view.offerings,
        }),
      });
      res.setHeader('ETag', body.etag);
      res.setHeader('Cache-Control', 'public, max-age=5');
      if (req.headers['if-none-match'] === body.etag) return void res.status(304).end();
      sendSerialised(res, body);
    },
  });

  route(table, {
    method: 'get',
    path: '/api/catalog/export',
    summary: 'The catalog as XLSX or CSV (current published revision unless `revision` is given)',
    tags: ['catalog'],
    auth: false,
    query: z.strictObject({
      format: spreadsheetFormat,
      revision: positiveInt().optional(),
      lang: localeQuery,
    }),
    responses: {
      ...fileResponse,
      404: errors[404],
    },
    handler: async ({ query, ctx }, _req, res) => {
      const entry = query.revision ? await s.published.revision(query.revision) : await s.published.current();
      const file = query.format === 'csv' ? await catalogCsv(entry.view, ctx.locale) : await catalogXlsx(entry.view, ctx.locale);
      const base = t('file.catalog', ctx.locale, { number: entry.number });
      sendSpreadsheet(res, file, query.format, `catalog-${entry.number}`, base);
    },
  });

  route(table, {
    method: 'get',
    path: '/api/catalog/revisions',
    summary: 'Catalog revisions you may read (the public sees published ones), searched by number or title and filtered by state',
    tags: ['catalog'],
    auth: false,
    query: z.strictObject(revisionFilterQuery),
    responses: {
      200: {
        description: 'revisions, newest first',
        schema: z.object({ items: z.array(revisionSummary), ...allowedActionsField }).describe('allowedActions: `create` (start a draft), for those who draft'),
      },
      400: errors[400],
    },
    handler: async ({ query, ctx }, _req, res) => {
      res.json(await s.revisions.list(ctx, ctx.locale, query));
    },
  });
  // public as the list is (and as the catalog's own export): each reader gets the revisions the list shows them
  exportRoute(table, {
    path: '/api/catalog/revisions', summary: 'The catalog revisions you may read (the public: the published ones), searched and filtered as in the list,', tags: ['catalog'],
    auth: false, query: revisionFilterQuery, spec: REVISION_EXPORT,
    load: async (ctx, query, max) => (await s.revisions.list(ctx, ctx.locale, query)).items.slice(0, max),
  });

  route(table, {
    method: 'post',
    path: '/api/catalog/revisions',
    summary: 'Start a draft revision from the current published one (sub-center operator)',
    tags: ['catalog'],
    auth: true, can: ['create', 'CatalogRevision'],
    body: z.strictObject({ title: z.string().min(1).max(200), notes: z.string().max(4000).nullable().optional() }),
    responses: { 201: { description: 'the draft', schema: revisionSummary }, 400: errors[400], 401: errors[401], 403: errors[403], 409: errors[409] },
    handler: async ({ body, ctx }, _req, res) => {
      const created = await s.revisions.createDraft(ctx, body);
      setEtag(res, created.version);
      res.status(201).location(`/api/catalog/revisions/${created.number}`).json(created);
    },
  });

  route(table, {
    method: 'get',
    path: '/api/catalog/revisions/:number',
    summary: 'A catalog revision with its offerings, plans and reviews',
    tags: ['catalog'],
    auth: false,
    params: revisionParam,
    responses: { 200: { description: 'the revision (ETag: its version)', schema: revisionDetail }, 404: errors[404] },
    handler: async ({ params, ctx }, _req, res) => sendRevision(res, await s.revisions.get(ctx, params.number, ctx.locale)),
  });

  route(table, {
    method: 'patch',
    path: '/api/catalog/revisions/:number',
    summary: "Change a draft's title or notes",
    tags: ['catalog'],
    auth: true, can: ['update', 'CatalogRevision'],
    ifMatch: true,
    params: revisionParam,
    body: z.strictObject({ title: z.string().min(1).max(200).optional(), notes: z.string().max(4000).nullable().optional() }),
    responses: { 200: { description: 'updated', schema: revisionSummary }, ...errors },
    handler: async ({ params, body, ctx }, req, res) => {
      const updated = await s.revisions.updateDraft(ctx, params.number, readIfMatch(req), body, ctx.locale);
      setEtag(res, updated.version);
      res.json(updated);
    },
  });

  route(table, {
    method: 'get',
    path: '/api/catalog/revisions/:number/diff',
    summary: 'What changed in a revision against another (default: the revision it was based on)',
    tags: ['catalog'],
    auth: false,
    params: revisionParam,
    query: z.strictObject({ against: positiveInt().optional() }),
    responses: { 200: { description: 'added, changed, retired, reinstated and removed items', schema: catalogDiff }, 404: errors[404] },
    handler: async ({ params, query, ctx }, _req, res) => {
      res.json(await s.revisions.diff(ctx, params.number, query.against));
    },
  });

  route(table, {
    method: 'put',
    path: '/api/catalog/revisions/:number/offerings/:code',
    summary: 'Add or change an offering in a draft (status RETIRED retires it)',
    tags: ['catalog'],
    auth: true, can: ['update', 'CatalogRevision'],
    ifMatch: true,
    params: revisionParam.extend({ code }),
    body: offeringBody,
    responses: { 200: { description: 'the draft', schema: catalogViewSchema }, ...errors },
    handler: async ({ params, body, ctx }, req, res) =>
      sendRevision(res, await s.revisions.upsertOffering(ctx, params.number, readIfMatch(req), params.code, body, ctx.locale)),
  });

  route(table, {
    method: 'delete',
    path: '/api/catalog/revisions/:number/offerings/:code',
    summary: 'Remove an offering this draft added (published ones can only be retired)',
    tags: ['catalog'],
    auth: true,
    ifMatch: true,
    params: revisionParam.extend({ code }),
    responses: { 200: { description: 'the draft', schema: catalogViewSchema }, ...errors },
    handler: async ({ params, ctx }, req, res) =>
      sendRevision(res, await s.revisions.removeItem(ctx, params.number, readIfMatch(req), 'offering', params.code, ctx.locale)),
  });

  route(table, {
    method: 'put',
    path: '/api/catalog/revisions/:number/offerings/:code/plans/:planCode',
    summary: 'Add or change a plan in a draft (status RETIRED retires it)',
    tags: ['catalog'],
    auth: true, can: ['update', 'CatalogRevision'],
    ifMatch: true,
    params: revisionParam.extend({ code, planCode: code }),
    body: planBody,
    responses: { 200: { description: 'the draft', schema: catalogViewSchema }, ...errors },
    handler: async ({ params, body, ctx }, req, res) =>
      sendRevision(res, await s.revisions.upsertPlan(ctx, params.number, readIfMatch(req), params.code, params.planCode, body, ctx.locale)),
  });

  route(table, {
    method: 'delete',
    path: '/api/catalog/revisions/:number/offerings/:code/plans/:planCode',
    summary: 'Remove a plan this draft added (published ones can only be retired)',
    tags: ['catalog'],
    auth: true,
    ifMatch: true,
    params: revisionParam.extend({ code, planCode: code }),
    responses: { 200: { description: 'the draft', schema: catalogViewSchema }, ...errors },
    handler: async ({ params, ctx }, req, res) =>
      sendRevision(res, await s.revisions.removeItem(ctx, params.number, readIfMatch(req), 'plan', params.planCode, ctx.locale)),
  });

  for (const action of Object.keys(TRANSITION_SUMMARIES) as RevisionTransitionAction[]) {
    route(table, {
      method: 'post',
      path: `/api/catalog/revisions/:number/${action}`,
      summary: TRANSITION_SUMMARIES[action],
      tags: ['catalog'],
      auth: true,
      can: [REVISION_MACHINE.actions[action].ability, 'CatalogRevision'],
      ifMatch: true,
      params: revisionParam,
      body: action === 'return' ? z.strictObject({ comment: z.string().min(1).max(4000) }) : z.strictObject({ comment: z.string().max(4000).optional() }).optional(),
      responses: {
        ...(action === 'discard' ? { 204: { description: 'discarded' } } : { 200: { description: 'the revision after the transition', schema: revisionSummary } }),
        ...errors,
      },
      handler: async ({ params, body, ctx }, req, res) => {
        const result = await s.revisions.transition(ctx, params.number, readIfMatch(req), action, body?.comment, ctx.locale);
        if (!result) return void res.status(204).end();
        setEtag(res, result.version);
        res.json(result);
      },
    });
  }
}
