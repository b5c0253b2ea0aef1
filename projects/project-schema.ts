// Projects as the API sends them, declared once: the router documents them, the services build them (the view
// functions are typed by these schemas), the console's client is generated from them. The filings' inputs are
// here too, because a filing's recorded data is what was filed.
import type { LocalDate } from '../core/calendar/working-days.js';
import { allowedActionsField } from '../core/workflow/allowed-action-schema.js';
import { orgKindSchema } from '../accounts/account-schema.js';
import { diffEntrySchema } from '../catalog/view-schema.js';
import { violationSchema } from '../core/error-schema.js';
import { pageOf, z } from '../core/zod-openapi.js';
import { PROJECT_STATES, QUEUE_STAGES, REVIEW_DIMENSIONS, STAGE_LINE } from './workflow.js';

export const DOCUMENT_KINDS = [
  'PROPOSAL',
  'FEASIBILITY',
  'PRELIMINARY_DESIGN',
  'INVESTMENT_ESTIMATE',
  'CONTRACT',
  'SUPERVISION',
  'PROGRESS',
  'CHANGE_REQUEST',
  'ACCEPTANCE',
  'ACCEPTANCE_REPORT',
  'SELF_EVALUATION',
  'RECTIFICATION_REPORT',
  'OTHER',
] as const;
export const REVIEW_STAGES = ['GIA_REVIEW', 'BUDGET_REVIEW', 'CHANGE_REVIEW'] as const;
export const REVIEW_DECISIONS = ['APPROVE', 'RETURN', 'REJECT'] as const;
export const OPINIONS = ['PASS', 'CONCERN', 'FAIL'] as const;

export const projectStatusSchema = z.enum(PROJECT_STATES).openapi('ProjectStatus');
export const projectTypeSchema = z.enum(['NEW', 'UPGRADE', 'OM']).openapi('ProjectType');
export const queueStageSchema = z.enum(QUEUE_STAGES).openapi('QueueStage');
export const documentKindSchema = z.enum(DOCUMENT_KINDS).openapi('DocumentKind');
export const reviewDimensionSchema = z.enum(REVIEW_DIMENSIONS).openapi('ReviewDimension');

// ── what is filed after establishment (the router validates requests with these; the view shows what was filed)

/** typed as the calendar's LocalDate: what passes this check is one */
export const localDate = z.iso.date().describe('a calendar date in Asia/Shanghai, YYYY-MM-DD') as unknown as z.ZodType<LocalDate>;
export const money = z.number().nonnegative().max(1e12).multipleOf(0.01);
const text = (max: number) => z.string().trim().min(1).max(max);

export const lineInputSchema = z.strictObject({ planCode: text(64), quantity: z.number().int().positive().max(100000), purpose: text(500) }).openapi('LineInput');

const contract = z.strictObject({ kind: z.literal('CONTRACT'), signedDate: localDate, contractNo: text(100), contractor: text(200), amount: money });
const supervision = z.strictObject({ kind: z.literal('SUPERVISION'), unit: text(200), chosenDate: localDate, contractNo: z.string().max(100).optional() });
const progress = z.strictObject({ kind: z.literal('PROGRESS'), period: text(50), progressPercent: z.number().min(0).max(100), fundsUsed: money, summary: text(5000) });
const acceptanceReport = z.strictObject({ kind: z.literal('ACCEPTANCE_REPORT'), summary: text(5000) });
const selfEvaluation = z.strictObject({
  kind: z.literal('SELF_EVALUATION'),
  year: z.number().int().min(2000).max(2100).optional().describe("the budget year evaluated (Art. 21); default: the project's budget year"),
  summary: text(5000),
  selfScore: z.number().min(0).max(100).optional(),
});
const rectificationReport = z.strictObject({ kind: z.literal('RECTIFICATION_REPORT'), deadlineId: z.uuid(), summary: text(5000) });

/** A filing that leaves the project's state as it is (Art. 13, 15, 16, 20, 21, 24). */
export const filingInputSchema = z
  .discriminatedUnion('kind', [contract, supervision, progress, acceptanceReport, selfEvaluation, rectificationReport])
  .openapi('FilingInput');

const FILING_KIND_VALUES = ['CONTRACT', 'SUPERVISION', 'PROGRESS', 'SELF_EVALUATION', 'ACCEPTANCE_REPORT', 'RECTIFICATION_REPORT'] as const satisfies readonly z.infer<
  typeof filingInputSchema
>['kind'][];
const filingKindSchema = z.enum(FILING_KIND_VALUES).openapi('FilingKind');

export const acceptanceInputSchema = z
  .strictObject({
    acceptanceDate: localDate,
    evidence: z.strictObject({ dataSharingConnected: z.boolean(), informationResourcesProvided: z.boolean(), onGovernmentCloud: z.boolean(), secureControllableChecked: z.boolean() }),
    summary: text(5000),
  })
  .openapi('AcceptanceInput');

export const changeRequestInputSchema = z
  .strictObject({ reason: text(5000), lines: z.array(lineInputSchema).min(1).max(500).describe('the resource lines as they should be after the change') })
  .openapi('ChangeRequestInput');

// ── the project view

const opinionSchema = z.object({ opinion: z.enum(OPINIONS), comment: z.string() }).openapi('ReviewOpinion');
const dimensionsSchema = z
  .object(Object.fromEntries(REVIEW_DIMENSIONS.map((d) => [d, opinionSchema.optional()])) as Record<(typeof REVIEW_DIMENSIONS)[number], z.ZodOptional<typeof opinionSchema>>)
  .openapi('ReviewDimensions', { description: "the GIA review's opinion per Art. 8 dimension (empty for other stages)" });

export const resourceLineSchema = z.object({ lineNo: z.number().int(), planCode: z.string(), quantity: z.number().int(), purpose: z.string() }).openapi('ResourceLine');

export const informationResourceSchema = z
  .object({
    direction: z.enum(['NEEDED', 'PRODUCED']).describe('NEEDED: 需求目录 (consumed); PRODUCED: 产生目录'),
    name: z.string(),
    source: z.string(),
    format: z.string(),
    updateFrequency: z.string(),
    sharing: z.enum(['UNCONDITIONAL', 'CONDITIONAL', 'NOT_SHAREABLE']),
    openness: z.enum(['OPEN', 'CONDITIONAL', 'NOT_OPEN']),
  })
  .openapi('InformationResource');

export const projectDocumentSchema = z
  .object({
    id: z.string(),
    kind: documentKindSchema,
    filename: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    sm3: z.string().describe('SM3 checksum of the content, hex'),
    filingId: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('ProjectDocument');

export const projectReviewSchema = z
  .object({
    stage: z.enum(REVIEW_STAGES),
    decision: z.enum(REVIEW_DECISIONS),
    dimensions: dimensionsSchema,
    comment: z.string().nullable(),
    approvedAmount: z.number().nullable(),
    reviewerId: z.string(),
    reviewer: z.object({ name: z.string(), orgName: z.string() }).describe('who reviewed, and for which organisation (the official record names them)'),
    at: z.string(),
  })
  .openapi('ProjectReview');

export const objectionSchema = z
  .object({ id: z.string(), submitter: z.string(), content: z.string(), resolution: z.string().nullable(), at: z.string() })
  .openapi('Objection');

/** What a public notice says, on the project and on the public list. */
const noticeHead = { id: z.string(), title: z.string(), content: z.string(), amount: z.number(), startDate: z.string(), endDate: z.string() };

export const projectNoticeSchema = z
  .object({
    ...noticeHead,
    closedAt: z.string().nullable(),
    objections: z.array(objectionSchema),
  })
  .openapi('ProjectNotice');

/** What a filing recorded, by its kind: the filed input (without its kind), or what the transition kept. */
const filingOf = <K extends string, D extends z.ZodType>(kind: K, data: D) =>
  z.object({ id: z.string(), kind: z.literal(kind), data, filedById: z.string(), at: z.string() });
export const filingViewSchema = z
  .discriminatedUnion('kind', [
    filingOf('CONTRACT', contract.omit({ kind: true })),
    filingOf('SUPERVISION', supervision.omit({ kind: true })),
    filingOf('PROGRESS', progress.omit({ kind: true })),
    filingOf('ACCEPTANCE_REPORT', acceptanceReport.omit({ kind: true })),
    filingOf('SELF_EVALUATION', selfEvaluation.omit({ kind: true })),
    filingOf('RECTIFICATION_REPORT', rectificationReport.omit({ kind: true })),
    filingOf('ACCEPTANCE', acceptanceInputSchema),
    filingOf('CHANGE_REQUEST', changeRequestInputSchema.extend({ catalogRevision: z.number().int().describe('the revision the lines were checked against') })),
    filingOf('RECTIFICATION_NOTICE', z.strictObject({ issues: z.string(), issuedDate: localDate, deadlineId: z.string().describe('the deadline it opened') })),
  ])
  .openapi('Filing');
export type FilingView = z.infer<typeof filingViewSchema>;

export const deadlineSchema = z
  .object({
    id: z.string(),
    ruleCode: z.string(),
    title: z.string(),
    article: z.string().nullable(),
    workingDays: z.number().int(),
    startDate: z.string(),
    dueDate: z.string(),
    provisional: z.boolean().describe('the count passes through a year whose State Council schedule is not yet published or loaded: an estimate'),
    recomputed: z
      .object({ from: z.string().describe('the due date before'), to: z.string().describe('the due date now'), at: z.string() })
      .nullable()
      .describe('set when loading a newly published State Council schedule moved the due date (calendar/schedules.ts)'),
    metAt: z.string().nullable(),
    reminders: z
      .object({ count: z.number().int(), lastDay: z.string().nullable().describe('the day of the latest reminder (Asia/Shanghai)') })
      .describe('how often the supervising authority reminded the unit of it (催办)'),
  })
  .openapi('Deadline');
export type DeadlineView = z.infer<typeof deadlineSchema>;

export const standingSchema = z
  .object({
    stage: z.enum(STAGE_LINE).describe('where the project stands on the line of stages (projects/workflow.ts STAGE_LINE)'),
    next: z
      .object({ action: z.string(), label: z.string(), party: z.string(), partyLabel: z.string().describe('who takes it, by name') })
      .nullable()
      .describe('the step the project waits for and who takes it; null when it waits for nobody'),
    returnReason: z.string().nullable().describe("the reviewer's comment when the project was returned for revision"),
    deadlines: z
      .array(z.object({ id: z.string(), workingDaysLeft: z.number().int().nullable().describe('estimated past the published years (see the deadline’s provisional)'), overdue: z.boolean() }))
      .describe('how each open deadline stands today'),
    upcoming: z
      .array(z.object({ ruleCode: z.string(), article: z.string(), workingDays: z.number().int(), text: z.string() }))
      .describe('obligations whose count starts with an event still to come (a contract to be signed), in words'),
  })
  .openapi('ProjectStanding');

/** What a project's view and its list entries both say. */
const projectHead = {
  id: z.string(),
  code: z.string(),
  name: z.string(),
  type: projectTypeSchema,
  status: projectStatusSchema,
  budgetYear: z.number().int(),
  totalBudget: z.number(),
  approvedBudget: z.number().nullable(),
  submittedAt: z.string().nullable(),
  establishedAt: z.string().nullable(),
  jurisdiction: z.string().describe("whose bureaus decide it (Art. 39): 'CITY' or a county's code"),
  version: z.number().int(),
  updatedAt: z.string(),
};

export const projectViewSchema = z
  .object({
    ...allowedActionsField,
    ...projectHead,
    statusReason: z.string().nullable().describe('why the project is suspended or terminated'),
    org: z.object({ id: z.string(), code: z.string(), name: z.string(), kind: orgKindSchema }),
    leadOrgId: z.string().nullable(),
    coBuildingOrgIds: z.array(z.string()),
    countyParticipation: z.boolean(),
    yearlyBudgets: z.array(z.object({ year: z.number().int(), amount: z.number() })),
    description: z.string(),
    components: z.array(z.string()),
    performanceGoals: z.array(z.object({ indicator: z.string(), target: z.string() })),
    emergency: z.boolean(),
    emergencyConsentRef: z.string().nullable(),
    privateNetwork: z.boolean(),
    privateNetworkApprovalRef: z.string().nullable(),
    catalogRevision: z.number().int(),
    approvalNumber: z.string().nullable(),
    createdAt: z.string(),
    lines: z.array(resourceLineSchema),
    informationResources: z.array(informationResourceSchema),
    documents: z.array(projectDocumentSchema),
    reviews: z.array(projectReviewSchema),
    notices: z.array(projectNoticeSchema),
    filings: z.array(filingViewSchema),
    filingKinds: z
      .array(filingKindSchema)
      .describe('the filings the project takes in its state (projects/workflow.ts FILING_KINDS); whether the reader may file is allowedActions'),
    deadlines: z.array(deadlineSchema),
    entitlements: z.array(z.object({ planCode: z.string(), quantity: z.number().int(), catalogRevision: z.number().int() })),
    standing: standingSchema,
  })
  .openapi('Project');
export type ProjectView = z.infer<typeof projectViewSchema>;

// ── lists

export const projectListItemSchema = z
  .object({ ...projectHead, orgId: z.string(), orgCode: z.string(), orgName: z.string() })
  .openapi('ProjectListItem');
export type ProjectListItem = z.infer<typeof projectListItemSchema>;

export const projectPageSchema = pageOf(projectListItemSchema).openapi('ProjectPage');

export const queueItemSchema = projectListItemSchema
  .extend({ waitingWorkingDays: z.number().int().nullable().describe('working days since submission; null when the calendar does not cover them') })
  .openapi('QueueItem');
export const queuePageSchema = pageOf(queueItemSchema).extend({ stage: queueStageSchema }).openapi('QueuePage');

export const queueSummarySchema = z
  .object({
    items: z.array(z.object({ stage: queueStageSchema, waiting: z.number().int().describe('projects waiting in it that the reader may see') })),
  })
  .describe("the queues the reader decides in (the stages whose action they may take), in order, with what waits in each")
  .openapi('QueueSummary');
export type QueueSummary = z.infer<typeof queueSummarySchema>;
export type QueuePage = z.infer<typeof queuePageSchema>;

// ── answers of single operations

export const validationResultSchema = z
  .object({ valid: z.boolean(), catalogRevision: z.number().int().describe('the revision validated against'), violations: z.array(violationSchema) })
  .openapi('ValidationResult');

export const catalogChangesSchema = z
  .object({
    pinned: z.number().int().describe("the project's catalog revision"),
    current: z.number().int().describe('the current published revision'),
    changed: z.array(diffEntrySchema),
    retired: z.array(diffEntrySchema),
    removed: z.array(diffEntrySchema),
  })
  .openapi('CatalogChanges', { description: 'what the newer revision changes, for the plans the project asks for' });

export const documentStoredSchema = projectDocumentSchema
  .omit({ filingId: true })
  .openapi('DocumentStored');

export const publicNoticeSchema = z
  .object({
    ...noticeHead,
    project: z.object({ code: z.string(), name: z.string(), orgName: z.string() }),
    objections: z.number().int().describe('how many have been raised'),
  })
  .openapi('PublicNotice');
export type PublicNoticeView = z.infer<typeof publicNoticeSchema>;

export const objectionRecordedSchema = z.object({ id: z.string(), at: z.string() }).openapi('ObjectionRecorded');
export const objectionResolvedSchema = z.object({ id: z.string(), resolution: z.string() }).openapi('ObjectionResolved');

const deadlineOwnerSchema = z.object({ id: z.string(), code: z.string(), name: z.string(), orgName: z.string(), jurisdiction: z.string() });
export const deadlineItemSchema = deadlineSchema
  .extend({
    workingDaysLeft: z.number().int().nullable().describe('null once met; estimated past the published years (see provisional)'),
    overdue: z.boolean(),
    remindable: z.boolean().describe('overdue, and the reader supervises it (催办: GIA of the owner’s jurisdiction)'),
    project: deadlineOwnerSchema.optional().describe('the project whose obligation it is (absent for a migrated system\'s)'),
    system: deadlineOwnerSchema.optional().describe('the migrated system whose obligation it is (security obligations, Art. 36–37)'),
  })
  .openapi('DeadlineItem');
export const remindResultSchema = z
  .object({ reminded: z.number().int().describe('reminders sent now'), alreadyToday: z.number().int().describe('deadlines already reminded today, left as they were') })
  .openapi('RemindResult');
export const deadlineListSchema = z
  .object({ today: z.string(), items: z.array(deadlineItemSchema), ...allowedActionsField })
  .describe('allowedActions: `remind` (POST /api/deadlines/remind), for those who supervise the units')
  .openapi('DeadlineList');
export type DeadlineList = z.infer<typeof deadlineListSchema>;

// ── the context a reviewer judges a project in (projects/org-history.ts, projects/review-drafts.ts)

export const orgHistorySchema = z
  .object({
    org: z.object({ id: z.string(), code: z.string(), name: z.string() }),
    counts: z
      .object({
        total: z.number().int().describe('its other projects that were submitted'),
        established: z.number().int().describe('of them, established (立项) at some time'),
        returned: z.number().int().describe('of them, returned for revision at least once'),
        rejected: z.number().int().describe('of them, rejected'),
      })
      .describe("over all the organisation's other submitted projects, not only the items listed"),
    items: z.array(
      z.object({
        id: z.string(),
        code: z.string(),
        name: z.string(),
        budgetYear: z.number().int(),
        status: projectStatusSchema,
        totalBudget: z.number(),
        approvedBudget: z.number().nullable(),
        submittedAt: z.string().nullable(),
        returns: z.number().int().describe('how many times GIA or Finance returned it for revision'),
        readable: z.boolean().describe('whether the reader may open the project itself'),
      }),
    ),
    assessment: z
      .object({
        id: z.string(),
        year: z.number().int(),
        score: z.number().int().nullable(),
        grade: z.enum(['EXCELLENT', 'GOOD', 'PASS', 'FAIL']).nullable().describe('EXCELLENT 优秀, GOOD 良好, PASS 合格, FAIL 不合格'),
        findings: z.string(),
        confirmedAt: z.string().nullable(),
        readable: z.boolean().describe('whether the reader may open the assessment itself'),
      })
      .nullable()
      .describe("GIA's confirmed yearly assessment of the organisation (Art. 25): of the year before the project's budget year, else the latest one"),
  })
  .describe("the other projects of the project's organisation that were submitted (never drafts), newest first (at most 50)")
  .openapi('OrgHistory');
export type OrgHistory = z.infer<typeof orgHistorySchema>;

/** The stages a reviewer keeps a draft of their decision in: the decision's action and the review stage it records. */
export const DRAFT_STAGES = { review: 'GIA_REVIEW', 'budget-review': 'BUDGET_REVIEW' } as const;
export type DraftAction = keyof typeof DRAFT_STAGES;

// A draft is the form as the reviewer left it: every field optional, each no longer than the decision allows, and
// nothing else (strict objects), which is also its size limit.
const draftOpinionSchema = z.strictObject({ opinion: z.enum(OPINIONS).optional(), comment: z.string().max(2000).optional() });
export const giaReviewDraftSchema = z
  .strictObject({
    dimensions: z
      .strictObject(Object.fromEntries(REVIEW_DIMENSIONS.map((d) => [d, draftOpinionSchema.optional()])) as Record<(typeof REVIEW_DIMENSIONS)[number], z.ZodOptional<typeof draftOpinionSchema>>)
      .optional(),
    comment: z.string().max(5000).optional(),
  })
  .openapi('GiaReviewDraft');
export const budgetReviewDraftSchema = z
  .strictObject({ approvedAmount: money.nullable().optional(), comment: z.string().max(5000).optional() })
  .openapi('BudgetReviewDraft');
export const DRAFT_CONTENT = { review: giaReviewDraftSchema, 'budget-review': budgetReviewDraftSchema } as const;

/** The saved draft of a stage (content and savedAt null when there is none). */
export const reviewDraftOf = <T extends z.ZodType>(content: T) =>
  z.object({ content: z.union([content, z.null()]), savedAt: z.string().nullable().describe('when it was last saved') });
export const giaReviewDraftViewSchema = reviewDraftOf(giaReviewDraftSchema).openapi('GiaReviewDraftView');
export const budgetReviewDraftViewSchema = reviewDraftOf(budgetReviewDraftSchema).openapi('BudgetReviewDraftView');
export const DRAFT_VIEW = { review: giaReviewDraftViewSchema, 'budget-review': budgetReviewDraftViewSchema } as const;
export type ReviewDraftView = { content: z.infer<typeof giaReviewDraftSchema> | z.infer<typeof budgetReviewDraftSchema> | null; savedAt: string | null };
