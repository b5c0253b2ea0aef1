// Schemas shared by several routers (request parts and the error body).
import { z } from 'zod';
import { categorySchema, planSpecSchema, provisionerKindSchema, xinchuangSchema } from '../catalog/seed-schema.js';

export const errorBody = z
  .object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), code: z.string(), message: z.string().optional() })).optional(),
    violations: z.array(z.object({ code: z.string(), message: z.string() }).passthrough()).optional(),
  })
  .openapi('Error');

export const errors = {
  400: { description: '请求内容有误 / invalid request', schema: errorBody },
  401: { description: '未登录或登录过期 / not signed in', schema: errorBody },
  403: { description: '无权操作 / forbidden', schema: errorBody },
  404: { description: '不存在 / not found', schema: errorBody },
  409: { description: '状态冲突 / conflict', schema: errorBody },
  412: { description: '版本已过期 / stale If-Match', schema: errorBody },
  422: { description: '不符合规则 / rule violation', schema: errorBody },
  428: { description: '缺少 If-Match / If-Match required', schema: errorBody },
} as const;

/** PostgreSQL's integer: larger numbers are refused here instead of overflowing in the database. */
export const INT32_MAX = 2147483647;
export const positiveInt = () => z.coerce.number().int().positive().max(INT32_MAX);

export const idParam = z.strictObject({ id: z.uuid() });
export const revisionParam = z.strictObject({ number: positiveInt() });

export const planSpec = planSpecSchema.openapi('PlanSpec');
export const xinchuang = xinchuangSchema.openapi('Xinchuang');

export const planView = z
  .object({
    code: z.string(),
    name: z.string(),
    nameEn: z.string().nullable(),
    unit: z.string(),
    unitPrice: z.number().describe('annual unit price, CNY'),
    spec: planSpec,
    xinchuang,
    maxQuantity: z.number().int().nullable(),
    status: z.enum(['ACTIVE', 'RETIRED']),
  })
  .openapi('Plan');

export const offeringView = z
  .object({
    code: z.string(),
    category: categorySchema,
    name: z.string(),
    nameEn: z.string().nullable(),
    description: z.string(),
    provisioner: provisionerKindSchema,
    sharedService: z.boolean(),
    keywords: z.array(z.string()),
    status: z.enum(['ACTIVE', 'RETIRED']),
    plans: z.array(planView),
  })
  .openapi('Offering');

export const revisionSummary = z
  .object({
    number: z.number().int(),
    status: z.enum(['DRAFT', 'SUBMITTED', 'APPROVED', 'PUBLISHED']),
    title: z.string(),
    notes: z.string().nullable(),
    basedOnNumber: z.number().int().nullable(),
    submittedAt: z.string().nullable(),
    approvedAt: z.string().nullable(),
    publishedAt: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi('RevisionSummary');

export const localeQuery = z.enum(['zh-CN', 'en']).optional().describe('language of messages and exports; zh-CN by default');
