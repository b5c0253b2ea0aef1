// Organisations, user accounts and the signed-in user as the API sends them, declared once: the routers document
// them, the services build them (typed by these schemas), the console's client is generated from them.
import { CONSOLE_AREAS } from './console-areas.js';
import { ALL_ROLES, ORG_KINDS } from './vocabulary.js';
import { pageOf, z } from '../core/zod-openapi.js';

export const orgKindSchema = z.enum(ORG_KINDS).openapi('OrgKind');
export const roleSchema = z.enum(ALL_ROLES).openapi('Role');

export const organisationViewSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    shortName: z.string().nullable().describe('the official short name (规范简称), e.g. 市教育局'),
    nameEn: z.string().nullable(),
    kind: orgKindSchema,
    jurisdiction: z.string().describe("'CITY' or the code of the county it belongs to (Art. 39)"),
    active: z.boolean(),
    version: z.number().int(),
  })
  .openapi('Organisation');
export type OrganisationView = z.infer<typeof organisationViewSchema>;

export const userViewSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: roleSchema,
    orgId: z.string(),
    org: z.object({ code: z.string(), name: z.string(), kind: orgKindSchema }),
    disabled: z.boolean(),
    email: z.string().nullable().optional(),
    phone: z.string().nullable().optional(),
    failedLogins: z.number().int().optional(),
    lockedUntil: z.string().nullable().optional(),
    lastLoginAt: z.string().nullable().optional(),
    passwordChangedAt: z.string().nullable().optional(),
    createdAt: z.string().optional(),
    updatedAt: z.string().optional(),
    version: z.number().int().optional(),
  })
  .openapi('User', { description: 'fields beyond the public ones are present only for those allowed to see them' });
export type UserView = z.infer<typeof userViewSchema>;

export const userPageSchema = pageOf(userViewSchema)
  .openapi('UserPage');

export const sessionUserSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: roleSchema,
    orgId: z.string(),
    orgCode: z.string(),
    orgName: z.string(),
    orgKind: orgKindSchema,
    jurisdiction: z.string().describe("the organisation's jurisdiction: 'CITY' or a county's code"),
  })
  .openapi('SessionUser');
export type SessionUserView = z.infer<typeof sessionUserSchema>;

export const consoleAreaSchema = z.enum(CONSOLE_AREAS).openapi('ConsoleArea', { description: 'an area of the console (accounts/console-areas.ts)' });

/** What the console may show the signed-in user, decided from their ability: its areas and the page it lands on. */
const consoleFields = {
  areas: z.array(consoleAreaSchema).describe('the console areas this user may open, decided from their permissions'),
  home: z.string().describe('the console path this user lands on after signing in'),
};

export const loginResultSchema = z
  .object({ token: z.string(), expiresAt: z.string(), idleTimeoutMinutes: z.number().int(), user: sessionUserSchema, ...consoleFields })
  .openapi('LoginResult');
export type LoginResult = z.infer<typeof loginResultSchema>;

export const meResultSchema = z.object({ user: sessionUserSchema, ...consoleFields }).openapi('Me');
export type MeResult = z.infer<typeof meResultSchema>;

export const orgAliasViewSchema = z
  .object({ id: z.string(), orgId: z.string(), alias: z.string(), createdAt: z.string() })
  .openapi('OrgAlias', { description: 'another name an organisation goes by (曾用名, 俗称), recognised in imported sheets' });

const orgRefSchema = z.object({ id: z.string(), code: z.string(), name: z.string() });
export const orgSuggestionSchema = orgRefSchema
  .extend({ score: z.number().describe('similarity 0–1 (Levenshtein on the normalised names)'), matched: z.string().describe('the name, short name or alias that came closest') })
  .openapi('OrgSuggestion');

export const orgRecognitionSchema = z
  .object({
    status: z.enum(['recognised', 'ambiguous', 'unknown']),
    org: orgRefSchema.optional().describe('recognised: the organisation'),
    by: z.enum(['name', 'shortName', 'alias', 'code']).optional().describe('recognised: by which of its names'),
    candidates: z.array(orgRefSchema).optional().describe('ambiguous: the organisations the name stands for'),
    suggestions: z.array(orgSuggestionSchema).optional().describe('unknown: the closest names, best first'),
  })
  .openapi('OrgRecognition');

export const signInProvidersSchema = z
  .object({
    password: z.literal(true).describe('username and password sign-in (administrators always keep it)'),
    oidc: z
      .object({ name: z.string().describe("the button's label, e.g. 统一身份认证登录"), start: z.string().describe('where the button leads the browser') })
      .nullable()
      .describe('single sign-on with the identity platform; null when not configured'),
  })
  .openapi('SignInProviders');
