// What each security record holds (Art. 36–37), as the API takes and shows it. Shapes and lengths are checked here
// (400); what depends on today or on other fields (a date in the future, a confirmation without a name) is checked
// by the machine (422, security/machine.ts).
import { allowedActionsField } from '../core/workflow/allowed-action-schema.js';
import { z } from '../core/zod-openapi.js';
import { deadlineSchema, localDate } from '../projects/project-schema.js';
import { SECURITY_OWNER_KINDS, SECURITY_RECORD_KINDS, SECURITY_STATES } from './workflow.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const instant = z.iso.datetime({ offset: true }).describe('an instant, ISO 8601 with offset');

/** A confirmation of the risk assessment's result (Art. 36: the implementing unit and the contractor both confirm). */
const confirmation = {
  confirmedBy: z.string().trim().max(100).describe('who confirmed, by name (required)'),
  confirmedDate: localDate,
};

export const riskAssessmentSchema = z.strictObject({
  kind: z.literal('RISK_ASSESSMENT'),
  assessmentDate: localDate,
  assessor: text(200).describe('who carried it out (an organisation or a team)'),
  result: z.enum(['ACCEPTABLE', 'REMEDIATE', 'UNACCEPTABLE']).describe('可接受 / 需整改 / 不可接受'),
  conclusion: text(5000),
  unitConfirmation: z.strictObject(confirmation).describe('the implementing unit (项目实施单位)'),
  contractorConfirmation: z.strictObject({ contractor: text(200).describe('the contractor (项目建设单位/承建单位)'), ...confirmation }),
});

export const MLPS_CONCLUSIONS = ['EXCELLENT', 'GOOD', 'FAIR', 'POOR'] as const;
export const mlpsSchema = z.strictObject({
  kind: z.literal('MLPS'),
  mlpsLevel: z.number().int().min(1).max(4).describe('等级保护 level 1–4'),
  mlpsFilingNo: z.string().trim().max(100).optional().describe('the public security filing number (备案证明编号)'),
  gradingDate: localDate,
  lastAssessmentDate: localDate.optional().describe('the latest graded-protection assessment (等级测评); opens the next one’s deadline'),
  assessor: z.string().trim().max(200).optional(),
  assessmentConclusion: z.enum(MLPS_CONCLUSIONS).optional().describe('优 / 良 / 中 / 差'),
});

export const cryptoAssessmentSchema = z.strictObject({
  kind: z.literal('CRYPTO_ASSESSMENT'),
  assessmentDate: localDate,
  assessor: text(200),
  cryptoResult: z.enum(['COMPLIANT', 'BASICALLY_COMPLIANT', 'NON_COMPLIANT']).describe('符合 / 基本符合 / 不符合'),
  summary: z.string().trim().max(5000).optional(),
});

export const emergencyPlanSchema = z.strictObject({
  kind: z.literal('EMERGENCY_PLAN'),
  planVersion: text(50),
  issuedDate: localDate,
  summary: z.string().trim().max(5000).optional(),
});

export const drillSchema = z.strictObject({
  kind: z.literal('DRILL'),
  drillDate: localDate,
  scenario: text(500),
  participants: text(1000),
  drillResult: text(5000),
});

/** 《国家网络安全事件应急预案》: 特别重大 (I), 重大 (II), 较大 (III), 一般 (IV). */
export const INCIDENT_SEVERITIES = ['GENERAL', 'SERIOUS', 'MAJOR', 'EXTRAORDINARY'] as const;
export const incidentSchema = z.strictObject({
  kind: z.literal('INCIDENT'),
  occurredAt: instant,
  severity: z.enum(INCIDENT_SEVERITIES).describe('一般 / 较大 / 重大 / 特别重大'),
  description: text(5000),
  handling: text(5000),
  reportedTo: z.string().trim().max(200).optional().describe('the authority it was reported to'),
  reportedAt: instant.optional().describe('when it was reported (required with reportedTo)'),
});

export const securityFilingSchema = z
  .discriminatedUnion('kind', [riskAssessmentSchema, mlpsSchema, cryptoAssessmentSchema, emergencyPlanSchema, drillSchema, incidentSchema])
  .openapi('SecurityFiling');
export type SecurityFilingInput = z.infer<typeof securityFilingSchema>;
export type SecurityFilingOf<K extends SecurityFilingInput['kind']> = Extract<SecurityFilingInput, { kind: K }>;

export const securityDocumentKindSchema = z.strictObject({ recordId: z.uuid().describe('the record the document belongs to') });

export const securityDocumentSchema = z
  .object({ id: z.string(), filename: z.string(), contentType: z.string(), size: z.number().int(), sm3: z.string(), createdAt: z.string() })
  .openapi('SecurityDocument');

export const securityRecordSchema = z
  .object({
    id: z.string(),
    kind: z.enum(SECURITY_RECORD_KINDS),
    data: z.record(z.string(), z.unknown()).describe('the record as filed (the fields of its kind in SecurityFiling)'),
    filedByName: z.string().nullable(),
    createdAt: z.string(),
    documents: z.array(securityDocumentSchema),
  })
  .openapi('SecurityRecord');

export const securityDossierSchema = z
  .object({
    owner: z.object({ kind: z.enum(SECURITY_OWNER_KINDS), id: z.string(), code: z.string(), name: z.string(), orgName: z.string(), inServiceSince: z.string().nullable() }),
    status: z.enum(SECURITY_STATES).describe('OPEN while the project is established (or the system is on the city cloud)'),
    version: z.number().int().describe('send as If-Match with a filing (0: nothing filed yet)'),
    records: z.array(securityRecordSchema).describe('newest first'),
    deadlines: z.array(deadlineSchema.extend({ overdue: z.boolean() })).describe('the drill and graded-protection assessment deadlines, newest first'),
    nextDrillDue: z.string().nullable().describe('the open drill deadline, or a year after going into service when none is open'),
    missing: z.array(z.enum(SECURITY_RECORD_KINDS)).describe('the kinds every dossier needs and this one lacks (risk assessment, MLPS, emergency plan)'),
    ...allowedActionsField,
  })
  .openapi('SecurityDossier');
export type SecurityDossierView = z.infer<typeof securityDossierSchema>;
