// The catalog's views as the API sends them, declared once: the router documents them (OpenAPI components), the
// domain builds them (catalog/view.ts and catalog/diff.ts take their types from here), the console's client is
// generated from them.
import { allowedActionsField } from '../core/workflow/allowed-action-schema.js';
import { z } from '../core/zod-openapi.js';
import { PROVISIONER_KINDS } from '../provisioners/kinds/vocabulary.js';
import { REVISION_STATES } from './revision-workflow.js';
import { planSpecSchema, xinchuangSchema } from './seed-schema.js';
import { CATEGORIES, ITEM_STATES } from './view.js';

/** The fields a diff compares, and which of them each kind of item has. */
export const COMPARED_FIELDS = ['category', 'name', 'nameEn', 'description', 'provisioner', 'sharedService', 'keywords', 'unit', 'unitPrice', 'spec', 'xinchuang', 'maxQuantity'] as const;
type ComparedField = (typeof COMPARED_FIELDS)[number];
export const OFFERING_FIELDS = ['category', 'name', 'nameEn', 'description', 'provisioner', 'sharedService', 'keywords'] as const satisfies readonly ComparedField[];
export const PLAN_FIELDS = ['name', 'nameEn', 'unit', 'unitPrice', 'spec', 'xinchuang', 'maxQuantity'] as const satisfies readonly ComparedField[];

export const planSpecView = planSpecSchema.openapi('PlanSpec');
export const xinchuangView = xinchuangSchema.openapi('Xinchuang');
export const itemStateSchema = z.enum(ITEM_STATES).openapi('CatalogItemState');
export const categorySchema = z.enum(CATEGORIES).openapi('CatalogCategory');
export const provisionerSchema = z.enum(PROVISIONER_KINDS).openapi('Provisioner');

export const planViewSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    nameEn: z.string().nullable(),
    unit: z.string(),
    unitPrice: z.number().describe('annual unit price, CNY'),
    spec: planSpecView,
    xinchuang: xinchuangView,
    maxQuantity: z.number().int().nullable(),
    status: itemStateSchema,
  })
  .openapi('Plan');

export const offeringViewSchema = z
  .object({
    code: z.string(),
    category: categorySchema,
    name: z.string(),
    nameEn: z.string().nullable(),
    description: z.string(),
    provisioner: provisionerSchema,
    sharedService: z.boolean(),
    keywords: z.array(z.string()),
    status: itemStateSchema,
    plans: z.array(planViewSchema),
  })
  .openapi('Offering');

export const revisionSummarySchema = z
  .object({
    number: z.number().int(),
    status: z.enum(REVISION_STATES).openapi('RevisionStatus'),
    title: z.string(),
    notes: z.string().nullable(),
    basedOnNumber: z.number().int().nullable(),
    submittedAt: z.string().nullable(),
    approvedAt: z.string().nullable(),
    publishedAt: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi('RevisionSummary');

/** A revision with its offerings and plans (what a draft's edits answer). */
export const catalogViewSchema = z.object({ revision: revisionSummarySchema, offerings: z.array(offeringViewSchema) }).openapi('CatalogView');

/** GET /api/catalog: the current published revision. */
export const publishedCatalogSchema = z
  .object({
    revision: z.object({ number: z.number().int(), title: z.string(), publishedAt: z.string().nullable() }),
    offerings: z.array(offeringViewSchema),
  })
  .openapi('PublishedCatalog');

export const revisionReviewSchema = z
  .object({
    body: z.enum(['GIA', 'FINANCE']).describe('the approving body the reviewer spoke for'),
    decision: z.enum(['APPROVED', 'RETURNED']),
    comment: z.string().nullable(),
    round: z.number().int(),
    reviewer: z.string(),
    at: z.string(),
  })
  .openapi('RevisionReview');

export const revisionDetailSchema = catalogViewSchema.extend({ reviews: z.array(revisionReviewSchema), ...allowedActionsField }).openapi('RevisionDetail');

/** A compared field's value before or after: whatever type that field has in an offering or a plan. */
const fieldValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), planSpecView, xinchuangView]).nullable();

export const fieldChangeSchema = z
  .object({ field: z.enum(COMPARED_FIELDS), from: fieldValue, to: fieldValue })
  .openapi('FieldChange');

export const diffEntrySchema = z
  .object({
    kind: z.enum(['offering', 'plan']),
    code: z.string(),
    offeringCode: z.string(),
    name: z.string(),
    /** only on changed entries */
    changes: z.array(fieldChangeSchema).optional(),
  })
  .openapi('DiffEntry');

export const catalogDiffSchema = z
  .object({
    from: z.number().int(),
    to: z.number().int(),
    added: z.array(diffEntrySchema),
    changed: z.array(diffEntrySchema),
    retired: z.array(diffEntrySchema),
    reinstated: z.array(diffEntrySchema).describe('reinstated after having been retired'),
    removed: z.array(diffEntrySchema).describe('gone altogether (only possible for items a draft added and then dropped)'),
  })
  .openapi('CatalogDiff');
