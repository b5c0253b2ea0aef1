// The yearly assessments as the API reads and writes them (Art. 25, 40).
import { z } from '../core/zod-openapi.js';
import { allowedActionsField, allowedActionSchema } from '../core/workflow/allowed-action-schema.js';
import { MIGRATION_STATES } from '../migration/workflow.js';
import { ASSESSMENT_STATES, GRADES } from './workflow.js';

export const gradeSchema = z.enum(GRADES).describe('EXCELLENT 优秀, GOOD 良好, PASS 合格, FAIL 不合格');
export const assessmentStatusSchema = z.enum(ASSESSMENT_STATES);
export const assessmentYear = z.coerce.number().int().min(2000).max(2100);

const deadlineCounts = z.object({
  due: z.number().int().describe('falling due in the year'),
  metOnTime: z.number().int(),
  metLate: z.number().int(),
  overdue: z.number().int().describe('past due and still unmet'),
  open: z.number().int().describe('not yet due'),
});

const platformRecordShape = {
  year: z.number().int(),
  asOf: z.string().describe('the day the figures were computed (Asia/Shanghai); for a confirmed record, the day it was confirmed'),
  projects: z.object({ submitted: z.number().int().describe("the year's projects (budget year) submitted"), established: z.number().int() }),
  deadlines: deadlineCounts.describe('filing deadlines falling due in the year (Art. 13, 20, 24)'),
  rectifications: deadlineCounts.describe('rectification reports falling due in the year (Art. 24), one per notice'),
  selfEvaluations: z.object({ expected: z.number().int().describe('established projects of the year or before'), filed: z.number().int().describe('of them, with a self-evaluation for the year (Art. 21)') }),
  dataSharing: z.object({ produced: z.number().int(), unconditional: z.number().int(), conditional: z.number().int(), notShareable: z.number().int() }).describe("information resources produced by the year's projects (Art. 27)"),
  ownCloudRefusals: z
    .object({
      projects: z.number().int(),
      refusedSubmissions: z.number().int().describe('projects whose submission was refused with OWN_CLOUD_FORBIDDEN'),
      returnedOrRejected: z.number().int().describe('projects GIA returned or rejected citing 第三十条'),
    })
    .describe("the year's projects refused for building their own cloud or server room (Art. 28, 30)"),
};
export const orgEvidenceSchema = z.object(platformRecordShape).openapi('OrgAssessmentEvidence');
export const countyIndicatorsSchema = z
  .object({
    ...platformRecordShape,
    migration: z.object({
      systems: z.number().int().describe('registered systems, classified ones left out (Art. 1)'),
      exempt: z.number().int(),
      migrated: z.number().int().describe('on the city cloud by the end of the year'),
      byStatus: z.object(Object.fromEntries(MIGRATION_STATES.map((s) => [s, z.number().int()])) as Record<(typeof MIGRATION_STATES)[number], z.ZodNumber>),
    }),
  })
  .openapi('CountyIndicators');

const orgRef = z.object({ id: z.string(), code: z.string(), name: z.string() });

export const orgAssessmentSchema = z
  .object({
    id: z.string(),
    org: orgRef,
    year: z.number().int(),
    status: assessmentStatusSchema,
    score: z.number().int().nullable(),
    grade: gradeSchema.nullable(),
    findings: z.string(),
    evidence: orgEvidenceSchema.describe('live from the platform while DRAFT; as frozen on confirmation once CONFIRMED'),
    assessedBy: z.string().describe('who drafted it'),
    confirmedAt: z.string().nullable(),
    version: z.number().int(),
    ...allowedActionsField,
  })
  .openapi('OrgAssessment');
export type OrgAssessmentView = z.infer<typeof orgAssessmentSchema>;

const summary = { id: z.string(), status: assessmentStatusSchema, grade: gradeSchema.nullable(), confirmedAt: z.string().nullable() };

export const orgAssessmentListSchema = z
  .object({
    items: z.array(
      z.object({
        org: orgRef,
        year: z.number().int(),
        assessment: z.object({ ...summary, score: z.number().int().nullable() }).nullable(),
        allowedActions: z.array(allowedActionSchema).describe('`create` on a department not yet assessed that year, for who assesses'),
      }),
    ),
  })
  .openapi('OrgAssessmentList');
export type OrgAssessmentList = z.infer<typeof orgAssessmentListSchema>;

export const manualItemSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  score: z.number().min(0).max(1000).multipleOf(0.5),
  max: z.number().positive().max(1000).multipleOf(0.5),
  comment: z.string().max(1000).optional(),
});
export type ManualItem = z.infer<typeof manualItemSchema>;

export const countyAssessmentSchema = z
  .object({
    id: z.string(),
    county: z.object({ code: z.string(), name: z.string() }),
    year: z.number().int(),
    status: assessmentStatusSchema,
    indicators: countyIndicatorsSchema.describe('live from the platform while DRAFT; as frozen on confirmation once CONFIRMED'),
    manualItems: z.array(manualItemSchema),
    total: z.number().describe("the manual items' scores added up"),
    maxTotal: z.number().describe("the manual items' maxima added up"),
    grade: gradeSchema.nullable(),
    findings: z.string(),
    assessedBy: z.string(),
    confirmedAt: z.string().nullable(),
    version: z.number().int(),
    ...allowedActionsField,
  })
  .openapi('CountyAssessment');
export type CountyAssessmentView = z.infer<typeof countyAssessmentSchema>;

export const countyRowSchema = z.object({
  county: z.object({ code: z.string(), name: z.string() }),
  year: z.number().int(),
  indicators: countyIndicatorsSchema,
  assessment: z.object({ ...summary, total: z.number(), maxTotal: z.number() }).nullable(),
  allowedActions: z.array(allowedActionSchema).describe('`create` on a county without a scorecard that year, for who assesses'),
});
export type CountyRow = z.infer<typeof countyRowSchema>;
export const countyTableSchema = z.object({ year: z.number().int(), items: z.array(countyRowSchema) }).openapi('CountyAssessmentTable');
