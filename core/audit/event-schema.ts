// Audit records and the chain check as the API sends them, declared once: the router documents them, the trail
// service builds them (typed by these schemas), the console's client is generated from them.
import { z } from '../zod-openapi.js';

export const AUDIT_OUTCOMES = ['SUCCESS', 'FAILURE', 'DENIED'] as const;

export const auditOutcomeSchema = z.enum(AUDIT_OUTCOMES).openapi('AuditOutcome');

export const auditEventSchema = z
  .object({
    seq: z.string().describe('the position in the chain (a 64-bit integer, as a string)'),
    at: z.string(),
    actorId: z.string().nullable(),
    actorName: z.string().nullable(),
    actorRole: z.string().nullable().describe('the role at the time; null for strangers'),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    requestId: z.string().nullable(),
    action: z.string().describe('e.g. project.submit, auth.login'),
    actionLabel: z.string().describe("the action's name in the reader's language (提交, 登录)"),
    actorLabel: z.string().nullable().describe('who acted, by name: 张三（dept）'),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    targetLabel: z.string().nullable().describe('the object by its number and name (YC-JYJ-2026-001 智慧教育…); null when it no longer exists or has none'),
    outcome: auditOutcomeSchema,
    detail: z.record(z.string(), z.unknown()).describe('what the action recorded; its keys depend on the action'),
    prevHash: z.string(),
    hash: z.string(),
  })
  .openapi('AuditEvent');
export type AuditEventView = z.infer<typeof auditEventSchema>;

export const auditPageSchema = z
  .object({ items: z.array(auditEventSchema), nextBefore: z.string().nullable().describe('pass as `before` for the next (older) page') })
  .openapi('AuditPage');

export const auditVerifySchema = z
  .object({
    valid: z.boolean(),
    checked: z.number().int(),
    firstBroken: z.object({ seq: z.string(), reason: z.string(), expected: z.string().optional(), found: z.string().optional() }).nullable(),
  })
  .openapi('AuditVerifyResult');
export type AuditVerifyResult = z.infer<typeof auditVerifySchema>;
