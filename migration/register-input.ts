// What a legacy system's register entry and its assessment consist of: one zod schema each, used by the API to
// validate requests and by the spreadsheet import to validate each row, so both refuse the same things.
import { z } from 'zod';

import { HOSTING_TYPES, LEVELS, STRATEGIES, XINCHUANG_STATUSES } from './vocabulary.js';

export { HOSTING_TYPES, LEVELS, STRATEGIES, XINCHUANG_STATUSES };
export type { HostingType, Level, Strategy, XinchuangStatus } from './vocabulary.js';

const INT32_MAX = 2147483647;
const text = (max: number) => z.string().trim().min(1).max(max);
/** optional free text: blank means "not given" (null) */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v));
const amount = z.number().nonnegative().max(1e11);

export const contactSchema = z.strictObject({
  name: text(50),
  phone: z.string().trim().regex(/^[0-9+\-() ]{3,30}$/, 'digits, spaces, + - ( )'),
  email: z.email().max(200).optional(),
});

export const registerFields = {
  name: text(200).describe('系统名称: unique within the owning organisation'),
  purpose: text(2000).describe('业务用途'),
  hosting: z.enum(HOSTING_TYPES).describe('current hosting: own server room, industry cloud, county cloud, other provider, already on the city cloud'),
  location: optionalText(200).describe('部署位置: server room, industry cloud or provider'),
  mlpsLevel: z.number().int().min(1).max(4).nullable().optional().describe('等保 level 1–4; null: not graded'),
  mlpsFilingNo: optionalText(64).describe('等保备案号'),
  classified: z.boolean().optional().describe('涉密: recorded, exempt from migration (Art. 1)'),
  os: optionalText(100),
  database: optionalText(100),
  middleware: optionalText(100),
  xinchuang: z.enum(XINCHUANG_STATUSES).nullable().optional().describe('信创 adaptation: none, partial, full stack'),
  dataVolumeGb: amount.nullable().optional(),
  userCount: z.number().int().nonnegative().max(INT32_MAX).nullable().optional(),
  dependencies: z.array(text(200)).max(100).optional().describe('names of the systems it depends on'),
  contacts: z.array(contactSchema).max(10).optional(),
  annualOmCost: amount.nullable().optional().describe('annual operation and maintenance cost, CNY'),
  launchedOn: z.iso.date().nullable().optional().describe('上线日期: when the system went live, YYYY-MM-DD'),
};
export const registerSchema = z.strictObject(registerFields);
export type RegisterInput = z.output<typeof registerSchema>;

const planCode = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'a catalog plan code');

export const assessmentFields = {
  strategy: z.enum(STRATEGIES),
  effort: z.enum(LEVELS),
  risk: z.enum(LEVELS),
  targetPlanCodes: z.array(planCode).max(50).describe('plans of the published catalog the system moves onto'),
  blockingIssues: z.array(text(500)).max(50),
};
export const assessmentSchema = z.strictObject({
  ...assessmentFields,
  targetPlanCodes: assessmentFields.targetPlanCodes.default([]),
  blockingIssues: assessmentFields.blockingIssues.default([]),
});
export type AssessmentInput = z.output<typeof assessmentSchema>;

/** A change of a system: register fields (its owner) and assessment fields (the sub-center), each optional. */
export const systemPatchSchema = z.strictObject({
  ...(Object.fromEntries(Object.entries(registerFields).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof registerFields]: z.ZodOptional<(typeof registerFields)[K]> }),
  ...(Object.fromEntries(Object.entries(assessmentFields).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof assessmentFields]: z.ZodOptional<(typeof assessmentFields)[K]> }),
});
export type SystemPatch = z.output<typeof systemPatchSchema>;
