// The audit trail, for the audit administrator.
import { auditOutcomeSchema, auditPageSchema, auditVerifySchema } from '../../core/audit/event-schema.js';
import { z } from '../../core/zod-openapi.js';
import { route, type RouteTable } from '../route.js';
import { errors } from '../schemas.js';
import type { Services } from '../services.js';

export function auditRoutes(table: RouteTable, s: Services) {
  route(table, {
    method: 'get',
    path: '/api/audit/events',
    summary: 'Audit records, newest first (auditor)',
    tags: ['audit'],
    auth: true,
    query: z.strictObject({
      actor: z.string().max(64).optional(),
      action: z.string().max(100).optional().describe('prefix, e.g. auth. or catalog.revision'),
      outcome: auditOutcomeSchema.optional(),
      targetType: z.string().max(50).optional(),
      targetId: z.string().max(100).optional(),
      from: z.iso.datetime({ offset: true }).optional(),
      to: z.iso.datetime({ offset: true }).optional(),
      before: z.string().regex(/^\d{1,18}$/).optional().describe('seq to page back from (nextBefore of the previous page)'),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
    responses: {
      200: { description: 'a page of records', schema: auditPageSchema },
      400: errors[400],
      401: errors[401],
      403: errors[403],
    },
    handler: async ({ query, ctx }, _req, res) => {
      res.json(
        await s.auditTrail.list(ctx, {
          ...query,
          from: query.from ? new Date(query.from) : undefined,
          to: query.to ? new Date(query.to) : undefined,
          before: query.before ? BigInt(query.before) : undefined,
        }),
      );
    },
  });
  route(table, {
    method: 'post',
    path: '/api/audit/verify',
    summary: 'Verify the SM3 hash chain of the whole trail; reports the first broken link (auditor)',
    tags: ['audit'],
    auth: true,
    responses: { 200: { description: 'the result', schema: auditVerifySchema }, 401: errors[401], 403: errors[403] },
    handler: async ({ ctx }, _req, res) => void res.json(await s.auditTrail.verify(ctx)),
  });
}
