// The error body every route may answer with, and the rule violation it carries, declared once: the API documents
// them, core/errors.ts takes the Violation type from here, the console's client is generated from them.
import { z } from './zod-openapi.js';

/**
 * A rule the request breaks (422, and the validator's findings): its stable code and message, the article it
 * enforces, and where: a project line or field, or an imported spreadsheet's row, column and cell.
 */
export const violationSchema = z
  .object({
    code: z.string(),
    message: z.string(),
    article: z.string().optional(),
    line: z.union([z.number().int(), z.string()]).optional(),
    field: z.string().optional(),
    column: z.string().optional(),
    cell: z.string().optional(),
    suggestions: z
      .array(z.object({ id: z.string(), code: z.string(), name: z.string(), score: z.number(), matched: z.string() }))
      .optional()
      .describe('an imported row naming an unknown organisation: the closest names, best first (accounts/org-names.ts)'),
  })
  .openapi('Violation');

export const fieldErrorSchema = z
  .object({
    path: z.string().describe('where, e.g. lines.0.quantity'),
    label: z.string().describe("the field as people call it, in the caller's language (资源清单 第1项 数量)"),
    code: z.string(),
    message: z.string(),
  })
  .openapi('FieldError');

export const errorBodySchema = z
  .object({
    code: z.string().describe('stable, e.g. INVALID_TRANSITION'),
    message: z.string().describe("in the caller's language"),
    fields: z.array(fieldErrorSchema).optional(),
    violations: z.array(violationSchema).optional(),
    article: z.string().optional().describe('the article of the regulation an action refused in this state enforces (409 INVALID_TRANSITION)'),
  })
  .openapi('Error');
