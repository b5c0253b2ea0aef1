// Schemas shared by several routers (request parts and the error body).
import { errorBodySchema } from '../core/error-schema.js';
import { z } from '../core/zod-openapi.js';

export const errors = {
  400: { description: '请求内容有误 / invalid request', schema: errorBodySchema },
  401: { description: '未登录或登录过期 / not signed in', schema: errorBodySchema },
  403: { description: '无权操作 / forbidden', schema: errorBodySchema },
  404: { description: '不存在 / not found', schema: errorBodySchema },
  409: { description: '状态冲突 / conflict', schema: errorBodySchema },
  412: { description: '版本已过期 / stale If-Match', schema: errorBodySchema },
  422: { description: '不符合规则 / rule violation', schema: errorBodySchema },
  428: { description: '缺少 If-Match / If-Match required', schema: errorBodySchema },
} as const;

/** PostgreSQL's integer: larger numbers are refused here instead of overflowing in the database. */
export const INT32_MAX = 2147483647;
export const positiveInt = () => z.coerce.number().int().positive().max(INT32_MAX);

export const idParam = z.strictObject({ id: z.uuid() });
export const revisionParam = z.strictObject({ number: positiveInt() });

export const localeQuery = z.enum(['zh-CN', 'en']).optional().describe('language of messages and exports; zh-CN by default');
