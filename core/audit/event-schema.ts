// Audit records and the chain check as the API sends them, declared once: the router documents them, the trail
// service builds them (typed by these schemas), the console's client is generated from them.
import { z } from '../zod-openapi.js';

export const AUDIT_OUTCOMES = ['SUCCESS', 'FAILURE', 'DENIED'] as const;

export const AUDIT_BREAK_REASONS = ['HASH_MISMATCH', 'PREV_HASH_MISMATCH', 'UNKNOWN_KEY', 'UNKEYED', 'TRUNCATED', 'CHECKPOINT_MISMATCH'] as const;

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
    keyId: z.string().describe('the id of the key the hash was made with (legacy-sm3: written before keyed hashing, plain SM3)'),
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
    firstBroken: z
      .object({
        seq: z.string().describe('the first position affected'),
        reason: z
          .enum(AUDIT_BREAK_REASONS)
          .describe(
            'HASH_MISMATCH: the record was changed (or its hash recomputed without the key); PREV_HASH_MISMATCH: a record before it was removed or inserted; ' +
              'UNKNOWN_KEY: hashed with a key id this installation does not hold; UNKEYED: hashed without a key after keyed hashing began; ' +
              'TRUNCATED: records are missing from this position on (the one after the last record left) against a signed checkpoint; CHECKPOINT_MISMATCH: the chain after this position differs from a signed checkpoint',
          ),
        expected: z.string().optional(),
        found: z.string().optional(),
      })
      .nullable(),
    checkpoints: z
      .object({
        compared: z.number().int().describe('signed checkpoints the chain was compared with'),
        invalid: z.number().int().describe('lines of the checkpoint file whose signature does not hold (the trail is then not valid)'),
        latest: z.object({ at: z.string(), seq: z.string(), count: z.number().int() }).nullable(),
      })
      .openapi('AuditCheckpointSummary'),
  })
  .openapi('AuditVerifyResult');
export type AuditVerifyResult = z.infer<typeof auditVerifySchema>;

export const auditCheckpointSchema = z
  .object({
    checkpoint: z
      .object({
        at: z.string(),
        seq: z.string().describe("the chain's last position when taken"),
        count: z.number().int().describe('records in the chain'),
        head: z.string().describe('the hash of the record at seq'),
        keyId: z.string().describe('the key id of that record'),
        signer: z.string().describe('the id of the Ed25519 key that signed it'),
      })
      .nullable()
      .describe('null: no checkpoint has been written yet'),
    verified: z.boolean().describe('its signature holds and the database still has the record at seq with that hash and count'),
    state: z
      .enum(['MATCHES', 'HEAD_MISMATCH', 'COUNT_MISMATCH', 'ROW_MISSING', 'NONE'])
      .describe('MATCHES; HEAD_MISMATCH: the record at seq has another hash; COUNT_MISMATCH: records up to seq were added or removed; ROW_MISSING: the record at seq is gone; NONE: no checkpoint'),
    invalidLines: z.number().int().describe('lines of the checkpoint file whose signature does not hold'),
  })
  .openapi('AuditCheckpointStatus');
export type AuditCheckpointStatus = z.infer<typeof auditCheckpointSchema>;
