// The audit trail, for the audit administrator.
import { auditCheckpointSchema, auditOutcomeSchema, auditPageSchema, auditVerifySchema } from '../../core/audit/event-schema.js';
import { auditXlsx } from '../../core/audit/export.js';
import type { AuditFilter } from '../../core/audit/trail.js';
import { t } from '../../core/i18n.js';
import { z } from '../../core/zod-openapi.js';
import { fileResponse, sendSpreadsheet } from '../download.js';
import { route, type RouteTable } from '../route.js';
import { errors, localeQuery } from '../schemas.js';
import type { Services } from '../services.js';

const filters = {
  actor: z.string().max(64).optional(),
  action: z.string().max(100).optional().describe('prefix, e.g. auth. or catalog.revision'),
  outcome: auditOutcomeSchema.optional(),
  targetType: z.string().max(50).optional(),
  targetId: z.string().max(100).optional(),
  project: z.string().max(64).optional().describe("a project's number: its records and those of its resource requests, jobs and resources"),
  signIns: z.enum(['true', 'false']).default('false').describe('include sign-ins and sign-outs (auth.*); left out by default'),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
};

/** At most this many records in one export (the chain check covers the whole trail regardless). */
const EXPORT_MAX = 50_000;

const filterSchema = z.strictObject(filters);

function filterOf(q: z.output<typeof filterSchema>): Omit<AuditFilter, 'limit' | 'before'> {
  const { actor, action, outcome, targetType, targetId, project } = q;
  return { actor, action, outcome, targetType, targetId, project, signIns: q.signIns === 'true', from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined };
}

export function auditRoutes(table: RouteTable, s: Services) {
  route(table, {
    method: 'get',
    path: '/api/audit/events',
    summary: 'Audit records, newest first (auditor)',
    tags: ['audit'],
    auth: true,
    query: z.strictObject({ ...filters, before: z.string().regex(/^\d{1,18}$/).optional().describe('seq to page back from (nextBefore of the previous page)'), limit: z.coerce.number().int().min(1).max(500).default(100) }),
    responses: {
      200: { description: 'a page of records', schema: auditPageSchema },
      400: errors[400],
      401: errors[401],
      403: errors[403],
    },
    handler: async ({ query, ctx }, _req, res) => {
      res.json(await s.auditTrail.list(ctx, { ...filterOf(query), limit: query.limit, before: query.before ? BigInt(query.before) : undefined }, ctx.locale));
    },
  });
  route(table, {
    method: 'get',
    path: '/api/audit/export',
    summary: `The records the filters select as XLSX (names and codes; at most ${EXPORT_MAX.toLocaleString('en')}, newest first), with a sheet holding the chain check of the whole trail made for it (auditor)`,
    tags: ['audit'],
    auth: true,
    // the trail's own export records itself (core/audit/trail.ts), with the chain check it carries
    attribution: false,
    query: z.strictObject({ ...filters, lang: localeQuery }),
    responses: { ...fileResponse, 400: errors[400], 401: errors[401], 403: errors[403] },
    handler: async ({ query, ctx }, _req, res) => {
      const records = await s.auditTrail.exportRecords(ctx, filterOf(query), EXPORT_MAX, ctx.locale);
      sendSpreadsheet(res, await auditXlsx(records, ctx.locale), 'xlsx', 'audit-trail', t('file.audit', ctx.locale));
    },
  });
  route(table, {
    method: 'post',
    path: '/api/audit/verify',
    summary: 'Verify the keyed (HMAC-SM3) hash chain of the whole trail against the signed checkpoints; reports the first position affected (auditor)',
    tags: ['audit'],
    auth: true,
    responses: { 200: { description: 'the result', schema: auditVerifySchema }, 401: errors[401], 403: errors[403] },
    handler: async ({ ctx }, _req, res) => void res.json(await s.auditTrail.verify(ctx)),
  });
  route(table, {
    method: 'get',
    path: '/api/audit/checkpoints/latest',
    summary: 'The latest signed checkpoint of the chain (head, count, time, key id) and whether the database still agrees with it (auditor)',
    tags: ['audit'],
    auth: true,
    responses: { 200: { description: 'the checkpoint and its check', schema: auditCheckpointSchema }, 401: errors[401], 403: errors[403] },
    handler: async ({ ctx }, _req, res) => void res.json(await s.auditTrail.latestCheckpoint(ctx)),
  });
  route(table, {
    method: 'post',
    path: '/api/audit/checkpoints',
    summary: 'Write a signed checkpoint of the chain now (besides the periodic ones); recorded (auditor)',
    tags: ['audit'],
    auth: true,
    responses: { 201: { description: 'the checkpoint written, and its check', schema: auditCheckpointSchema }, 401: errors[401], 403: errors[403] },
    handler: async ({ ctx }, _req, res) => void res.status(201).json(await s.auditTrail.checkpointNow(ctx)),
  });
}
