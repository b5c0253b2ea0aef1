// Survey campaigns and responses as the API takes and sends them, declared once (the router validates and
// documents with these; the console's client is generated from them).
import { allowedActionsField } from '../core/workflow/allowed-action-schema.js';
import { z } from '../core/zod-openapi.js';
import { ORG_KINDS } from '../accounts/vocabulary.js';
import { localDate } from '../projects/project-schema.js';
import { CAMPAIGN_STATES, RESPONSE_STATES } from './workflow.js';

const text = (max: number) => z.string().trim().min(1).max(max);

export const campaignStateSchema = z.enum(CAMPAIGN_STATES).openapi('SurveyCampaignState');
export const responseStateSchema = z.enum(RESPONSE_STATES).openapi('SurveyResponseState');

// ── requests

export const openCampaignInputSchema = z
  .strictObject({
    title: text(200),
    description: z.string().trim().max(5000).optional(),
    dueDate: localDate.describe('the day answers are due (Asia/Shanghai), after today'),
    orgIds: z.array(z.uuid()).max(1000).optional().describe('the organisations asked'),
    kinds: z.array(z.enum(ORG_KINDS)).max(ORG_KINDS.length).optional().describe('or: every active organisation of these kinds (with orgIds: both)'),
  })
  .openapi('SurveyCampaignOpenInput');

export const extendCampaignInputSchema = z
  .strictObject({ dueDate: localDate.describe('the new due date: after today and after the current one'), reason: text(2000) })
  .openapi('SurveyCampaignExtendInput');

export const closeCampaignInputSchema = z.strictObject({ note: z.string().trim().max(2000).optional() }).openapi('SurveyCampaignCloseInput');

export const confirmInputSchema = z
  .strictObject({ systemIds: z.array(z.uuid()).max(1000).describe('the register entries of the organisation confirmed as current: replaces the set confirmed before') })
  .openapi('SurveyConfirmInput');

export const reasonInputSchema = z.strictObject({ reason: text(2000) }).openapi('SurveyReasonInput');

export const campaignListQuerySchema = z.strictObject({ status: campaignStateSchema.optional() });
export const responseListQuerySchema = z.strictObject({ status: responseStateSchema.optional() });

// ── views

const orgSchema = z.object({ id: z.uuid(), code: z.string(), name: z.string(), kind: z.enum(ORG_KINDS) });

export const coverageCountsSchema = z
  .object({
    asked: z.number().int(),
    submitted: z.number().int(),
    nothingToDeclare: z.number().int(),
    pending: z.number().int(),
    late: z.number().int().describe('pending past the due date (working days, Asia/Shanghai)'),
    systemsConfirmed: z.number().int(),
  })
  .openapi('SurveyCoverageCounts');

export const campaignSummarySchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    description: z.string().nullable(),
    dueDate: z.string(),
    status: campaignStateSchema,
    openedBy: z.string().nullable().describe('who opened it (display name)'),
    createdAt: z.string(),
    closedAt: z.string().nullable(),
    closeNote: z.string().nullable(),
    counts: coverageCountsSchema,
    version: z.number().int(),
  })
  .openapi('SurveyCampaignSummary');

export const coverageRowSchema = z
  .object({
    responseId: z.uuid(),
    org: orgSchema,
    status: responseStateSchema,
    systemsConfirmed: z.number().int(),
    submittedAt: z.string().nullable(),
    late: z.boolean(),
    workingDaysOverdue: z.number().int().describe('0 unless late'),
    declaredReason: z.string().nullable(),
    returnReason: z.string().nullable(),
    lastRemindedAt: z.string().nullable(),
    returnable: z.boolean().describe('the reader may send this answer back now (the campaign open, the answer given)'),
    version: z.number().int(),
  })
  .openapi('SurveyCoverageRow');

export const campaignViewSchema = campaignSummarySchema
  .extend({ ...allowedActionsField, responses: z.array(coverageRowSchema).describe('the asked organisations you may read, by organisation code') })
  .openapi('SurveyCampaignView');

export const campaignListSchema = z.object({ items: z.array(campaignSummarySchema) }).openapi('SurveyCampaignList');

export const responseSystemSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    status: z.string().describe('its migration state'),
    hosting: z.string(),
    confirmed: z.boolean().describe('confirmed as current in this response'),
    lastConfirmedAt: z.string().nullable().describe('when a submitted answer last confirmed it (any campaign)'),
  })
  .openapi('SurveyResponseSystem');

export const responseViewSchema = z
  .object({
    ...allowedActionsField,
    id: z.uuid(),
    campaign: z.object({ id: z.uuid(), title: z.string(), description: z.string().nullable(), dueDate: z.string(), status: campaignStateSchema }),
    org: orgSchema,
    status: responseStateSchema,
    late: z.boolean(),
    workingDaysLeft: z.number().int().describe('working days to the due date; negative when late'),
    submittedAt: z.string().nullable(),
    submittedBy: z.string().nullable(),
    declaredReason: z.string().nullable(),
    returnReason: z.string().nullable(),
    systems: z.array(responseSystemSchema).describe("the organisation's register entries (withdrawn ones gone), confirmed ones flagged"),
    version: z.number().int(),
  })
  .openapi('SurveyResponseView');

export const responseSummarySchema = responseViewSchema
  .omit({ allowedActions: true, systems: true })
  .extend({ systemsConfirmed: z.number().int() })
  .openapi('SurveyResponseSummary');
export const responseListSchema = z.object({ items: z.array(responseSummarySchema) }).openapi('SurveyResponseList');

export type OpenCampaignInput = z.infer<typeof openCampaignInputSchema>;
export type ExtendCampaignInput = z.infer<typeof extendCampaignInputSchema>;
export type CloseCampaignInput = z.infer<typeof closeCampaignInputSchema>;
export type ConfirmInput = z.infer<typeof confirmInputSchema>;
export type ReasonInput = z.infer<typeof reasonInputSchema>;
export type CampaignSummary = z.infer<typeof campaignSummarySchema>;
export type CampaignView = z.infer<typeof campaignViewSchema>;
export type CoverageRow = z.infer<typeof coverageRowSchema>;
export type ResponseView = z.infer<typeof responseViewSchema>;
export type ResponseSummary = z.infer<typeof responseSummarySchema>;
