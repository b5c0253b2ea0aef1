// The to-do centre's shapes (待办 / 已办) as the API sends them.
import { z } from '../core/zod-openapi.js';

export const TODO_KINDS = ['projectStage', 'projectReturned', 'deadline', 'overdueDeadline', 'resourceRequest', 'revision', 'spotCheck', 'surveyResponse'] as const;
export type TodoKind = (typeof TODO_KINDS)[number];

export const todoItemSchema = z
  .object({
    id: z.string().describe('stable per matter: kind and object'),
    kind: z.enum(TODO_KINDS),
    kindLabel: z.string(),
    objectType: z.string(),
    objectId: z.string(),
    objectName: z.string(),
    title: z.string().describe('what is to be done, in the reader’s language'),
    orgName: z.string().nullable(),
    stage: z.string().nullable().describe('the state it waits in, named'),
    since: z.string().describe('ISO instant since when it waits'),
    dueDate: z.string().nullable().describe('YYYY-MM-DD, Asia/Shanghai'),
    daysLeft: z.number().int().nullable().describe('working days left; negative when overdue'),
    overdue: z.boolean(),
    article: z.string().nullable(),
    link: z.string().describe('the console page where it is done'),
  })
  .openapi('TodoItem');

export const todoListSchema = z
  .object({
    items: z.array(todoItemSchema),
    total: z.number().int(),
    counts: z.object(Object.fromEntries(TODO_KINDS.map((k) => [k, z.number().int().optional()])) as Record<TodoKind, z.ZodOptional<z.ZodNumber>>),
    kinds: z.array(z.object({ kind: z.enum(TODO_KINDS), label: z.string(), count: z.number().int() })).describe('the kinds the reader may have, named in their language, with their counts (for a filter)'),
  })
  .openapi('TodoList');

export const todoQuerySchema = z.strictObject({
  kind: z.enum(TODO_KINDS).optional(),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('at most this many matters, the most urgent first (the counts are exact)'),
});

export const doneItemSchema = z
  .object({
    at: z.string(),
    action: z.string(),
    actionLabel: z.string(),
    objectType: z.string().nullable(),
    objectId: z.string().nullable(),
    objectName: z.string().nullable(),
    link: z.string().nullable(),
  })
  .openapi('DoneItem');

export const donePageSchema = z.object({ items: z.array(doneItemSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }).openapi('DonePage');

export const doneQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const todoCountsSchema = z.object({ todo: z.number().int(), unread: z.number().int() }).openapi('TodoCounts');

export type TodoItem = z.infer<typeof todoItemSchema>;
