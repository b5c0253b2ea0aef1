// The one place for permissions: what each role may do, to which objects, and with which fields.
import { AbilityBuilder, ForbiddenError as CaslForbiddenError, subject as asSubject, type Ability } from '@casl/ability';
import { permittedFieldsOf } from '@casl/ability/extra';
import { accessibleBy, createPrismaAbility, type PrismaQueryFactory } from '@casl/prisma/runtime';
import type { Prisma } from '../db/generated/client.js';
import type { OrgKind, Role } from '../db/generated/enums.js';
import { roleFitsOrg } from '../../accounts/role-rules.js';
import { ForbiddenError } from '../errors.js';
import { REVISION_MACHINE } from '../../catalog/revision-workflow.js';
import { MIGRATION_MACHINE } from '../../migration/workflow.js';
import { FILING_STATES, PROJECT_MACHINE } from '../../projects/workflow.js';
import { REQUEST_MACHINE } from '../../provisioners/request-workflow.js';
import { SECURITY_FILING_ACTIONS, SECURITY_MACHINE } from '../../security/workflow.js';
import { whileIn } from '../workflow/machine.js';
import { SPOT_CHECK_MACHINE } from '../../evaluations/spot-check-workflow.js';
import { BUSINESS_ROLES } from '../../accounts/vocabulary.js';
import { ORG_ASSESSMENT_MACHINE, COUNTY_ASSESSMENT_MACHINE } from '../../assessments/workflow.js';
import { CAMPAIGN_MACHINE, RESPONSE_MACHINE } from '../../survey/workflow.js';

export type Action =
  | 'manage'
  | 'read'
  | 'create'
  | 'update'
  | 'submit'
  | 'approve'
  | 'return'
  | 'publish'
  | 'discard'
  | 'unlock'
  | 'resetPassword'
  | 'verify'
  | 'review'
  | 'budgetReview'
  | 'notice'
  | 'establish'
  | 'file'
  | 'requestChange'
  | 'changeReview'
  | 'suspend'
  | 'resume'
  | 'terminate'
  | 'rectify'
  // GIA's effectiveness evaluation of a project (Art. 24)
  | 'evaluate'
  // a spot-check's result for one sampled self-evaluation, and closing the spot-check (Art. 22)
  | 'record'
  | 'close'
  | 'remind'
  // an organisation's other projects, read through one of its projects (projects/org-history.ts)
  | 'readHistory'
  | 'request'
  | 'provision'
  | 'deprovision'
  | 'preview'
  | 'checkDrift'
  | 'repair'
  | 'reveal'
  | 'delete'
  | 'assess'
  | 'plan'
  | 'migrate'
  | 'block'
  // answers a system's assessment questionnaire (migration/questionnaire.ts)
  | 'answer'
  // confirms a yearly assessment (Art. 25, 40): its evidence is frozen
  | 'confirm'
  // the provisioning worker's own: running jobs, and reporting their end to the resource request
  | 'run'
  | 'report'
  // sends a failed notification delivery again, or a test call to an organisation's webhook
  | 'retry'
  | 'test'
  // tells which organisation a written name stands for (accounts/org-names.ts): those who import city-wide sheets
  | 'recognise'
  // imports one register sheet whose rows belong to many organisations (the city-wide survey, 摸底)
  | 'importCityWide';

export type SubjectName =
  | 'CatalogRevision'
  | 'Organisation'
  | 'User'
  | 'AuditEvent'
  | 'Project'
  | 'ResourceRequest'
  | 'MigrationSystem'
  | 'MigrationWave'
  | 'MigrationBoard'
  // the assessment questionnaire's versions (migration/questionnaire.ts)
  | 'MigrationQuestionnaire'
  | 'ProvisioningJob'
  | 'SecurityDossier'
  | 'HolidaySchedule'
  | 'OrgAssessment'
  | 'CountyAssessment'
  | 'SpotCheck'
  | 'Notification'
  | 'NotificationPreference'
  | 'OrgWebhook'
  | 'NotificationDelivery'
  | 'SurveyCampaign'
  | 'SurveyResponse'
  | 'all';
type PrismaQuery = PrismaQueryFactory<Prisma.TypeMap>;
export type AppAbility = Ability<[Action, SubjectName | (Record<string, unknown> & { __caslSubjectType__?: string })], PrismaQuery>;

/** Who is acting: a signed-in user, or nobody (the public). */
export interface Principal {
  id: string;
  username: string;
  role: Role;
  orgId: string;
  /** the organisation's jurisdiction (Art. 39): 'CITY' or a county's code (accounts/jurisdictions.ts) */
  jurisdiction: string;
  /**
   * the organisation's kind, when known (a signed-in user's always is): a role that does not fit its organisation
   * (accounts/role-rules.ts; an account made before those rules) grants nothing beyond what every signed-in user has
   */
  orgKind?: OrgKind;
}

/** The city's own bureaus (GIA, Finance) also approve the catalog and oversee the counties (Art. 39, 40). */
const CITY = 'CITY';
const isCity = (p: Principal) => p.jurisdiction === CITY;

/** Fields of a user account anyone allowed to read accounts sees. */
export const USER_PUBLIC_FIELDS = ['id', 'username', 'displayName', 'role', 'orgId', 'org', 'disabled'];
/** Contact and security-state fields: administrators, the auditor and the account holder. */
export const USER_PRIVATE_FIELDS = ['email', 'phone', 'failedLogins', 'lockedUntil', 'lastLoginAt', 'passwordChangedAt', 'createdAt', 'updatedAt', 'version'];

/** What a department or county records about its own legacy system (Art. 5). */
export const MIGRATION_REGISTER_FIELDS = [
  'name',
  'purpose',
  'hosting',
  'location',
  'mlpsLevel',
  'mlpsFilingNo',
  'classified',
  'os',
  'database',
  'middleware',
  'xinchuang',
  'dataVolumeGb',
  'userCount',
  'dependencies',
  'contacts',
  'annualOmCost',
  'launchedOn',
];
/** The sub-center's assessment of a system: never set by its owner. */
export const MIGRATION_ASSESSMENT_FIELDS = ['strategy', 'effort', 'risk', 'targetPlanCodes', 'blockingIssues'];

type Builder = AbilityBuilder<AppAbility>;

/**
 * Runs the migration survey (摸底调查, Art. 5, 33): opens campaigns, extends, reminds, closes them, and sends back an
 * answer that does not hold. The sub-center and the city GIA.
 */
function surveyRunner({ can }: Builder) {
  can(['read', 'create'], 'SurveyCampaign');
  can(['update', 'remind', 'close'], 'SurveyCampaign', whileIn(CAMPAIGN_MACHINE, 'extend', 'remind', 'close'));
  can('read', 'SurveyResponse');
  can('return', 'SurveyResponse', whileIn(RESPONSE_MACHINE, 'return'));
}

/**
 * Answers a survey campaign for its own organisation: any staff member of an asked organisation, whatever their role
 * (a finance or approval bureau's staff hold no department role, and their bureau is asked too).
 */
function surveyAnswerer({ can }: Builder, p: Principal) {
  can('read', 'SurveyResponse', { orgId: p.orgId });
  can(['confirm', 'submit'], 'SurveyResponse', { orgId: p.orgId, ...whileIn(RESPONSE_MACHINE, 'confirm', 'submit', 'declare-none') });
}

/** Project states after the GIA review approved it: Finance and the sub-center see these. */
const PAST_GIA_REVIEW = ['BUDGET_REVIEW', 'BUDGET_APPROVED', 'PUBLIC_NOTICE', 'ESTABLISHED', 'CHANGE_REVIEW', 'ACCEPTED', 'SUSPENDED', 'TERMINATED'] as const;

/** Departments and counties: their own projects (and those they co-build, read-only). */
function implementingUnit({ can }: Builder, p: Principal) {
  can('create', 'Project');
  can('read', 'Project', { orgId: p.orgId });
  can('read', 'Project', { coBuildingOrgIds: { has: p.orgId } });
  // their own record only: a co-built project of another organisation does not open that organisation's history
  can('readHistory', 'Project', { orgId: p.orgId });
  can(['update', 'submit'], 'Project', { orgId: p.orgId, ...whileIn(PROJECT_MACHINE, 'update', 'submit') });
  can('file', 'Project', { orgId: p.orgId, ...whileIn(PROJECT_MACHINE, 'file', 'acceptance') });
  can('requestChange', 'Project', { orgId: p.orgId, ...whileIn(PROJECT_MACHINE, 'change-request') });
  // drawing on the entitlement (cloud resource requests) and seeing what was provisioned
  can('request', 'Project', { orgId: p.orgId, ...whileIn(PROJECT_MACHINE, 'request') });
  can('read', 'ResourceRequest', { orgId: p.orgId });
  can('reveal', 'ResourceRequest', { orgId: p.orgId });
  // the register of their own legacy systems (Art. 5): register fields only; withdrawn only before assessment
  can('create', 'MigrationSystem', MIGRATION_REGISTER_FIELDS);
  can('read', 'MigrationSystem', { orgId: p.orgId });
  can('update', 'MigrationSystem', MIGRATION_REGISTER_FIELDS, { orgId: p.orgId, ...whileIn(MIGRATION_MACHINE, 'update') });
  can('delete', 'MigrationSystem', { orgId: p.orgId, ...whileIn(MIGRATION_MACHINE, 'withdraw') });
  // the assessment questionnaire: read, and answered for their own systems not yet switched off
  can('read', 'MigrationQuestionnaire');
  can('answer', 'MigrationSystem', { orgId: p.orgId, status: { not: 'DECOMMISSIONED' } });
  // its own yearly assessment, once GIA has confirmed it (Art. 25)
  can('read', 'OrgAssessment', { orgId: p.orgId, status: 'CONFIRMED' });
  // the security dossiers of their own projects and systems: the implementing unit is responsible (Art. 36, 37)
  can('read', 'SecurityDossier', { orgId: p.orgId });
  can('file', 'SecurityDossier', { orgId: p.orgId, ...whileIn(SECURITY_MACHINE, ...SECURITY_FILING_ACTIONS, 'document') });
}

const rulesByRole: Record<Role, (b: Builder, p: Principal) => void> = {
  SYSADMIN({ can }) {
    can(['read', 'create', 'update'], 'Organisation');
    // an organisation's short name and aliases are changed with it ('update'); checking a name against them
    can('recognise', 'Organisation');
    can('read', 'User', [...USER_PUBLIC_FIELDS, ...USER_PRIVATE_FIELDS]);
    // system administrators create business accounts only; administrator roles are the security administrator's
    can('create', 'User', { role: { in: [...BUSINESS_ROLES] } });
    can('update', 'User', ['displayName', 'orgId', 'email', 'phone', 'disabled'], { role: { in: [...BUSINESS_ROLES] } });
    // loads a newly published State Council holiday schedule into the working-day calendar (calendar/schedules.ts)
    can('create', 'HolidaySchedule');
    // the organisations' webhooks (their robot relays) and the log of what the platform sent, with retries
    can(['read', 'create', 'update', 'delete', 'test'], 'OrgWebhook');
    can('read', 'NotificationDelivery');
    can('retry', 'NotificationDelivery', { state: 'FAILED' });
  },
  SECADMIN({ can, cannot }, p) {
    can('read', 'User', [...USER_PUBLIC_FIELDS, ...USER_PRIVATE_FIELDS]);
    // assigns business roles (accounts/users.ts refuses giving or taking an administrator role: 三员分立)
    can('update', 'User', ['role', 'disabled']);
    can('unlock', 'User');
    // a password it set would let it sign in as another administrator: business accounts only
    can('resetPassword', 'User', { role: { in: [...BUSINESS_ROLES] } });
    cannot(['update', 'resetPassword'], 'User', { id: p.id });
  },
  AUDITOR({ can }) {
    can('read', 'CatalogRevision');
    can('read', 'User', [...USER_PUBLIC_FIELDS, ...USER_PRIVATE_FIELDS]);
    can(['read', 'verify'], 'AuditEvent');
    can(['read', 'readHistory'], 'Project');
    can('read', 'ResourceRequest');
    can('read', ['MigrationSystem', 'MigrationBoard', 'MigrationQuestionnaire']);
    can('read', 'SpotCheck');
    can('read', ['SurveyCampaign', 'SurveyResponse']);
    can('read', ['OrgAssessment', 'CountyAssessment']);
    can('read', 'SecurityDossier');
    can('read', 'NotificationDelivery');
  },
  // The approval bureau of a jurisdiction (Art. 39): it decides the projects of its own jurisdiction; the city's also
  // approves the catalog and sees the counties' projects and systems read-only (oversight, Art. 40).
  GIA_REVIEWER(b, p) {
    const { can } = b;
    const own = { jurisdiction: p.jurisdiction };
    const seen = isCity(p) ? {} : own;
    // which organisation a name in a sheet stands for (it reads the register; the sub-center keeps it)
    can('recognise', 'Organisation');
    can('read', 'CatalogRevision', { status: { not: 'DRAFT' } });
    if (isCity(p)) {
      can(['approve', 'return'], 'CatalogRevision', whileIn(REVISION_MACHINE, 'approve', 'return'));
      can('publish', 'CatalogRevision', whileIn(REVISION_MACHINE, 'publish'));
    }
    can('read', 'Project', { ...seen, status: { not: 'DRAFT' } });
    // the department's record, to judge its project by (projects/org-history.ts)
    can('readHistory', 'Project', { ...seen, status: { not: 'DRAFT' } });
    can('review', 'Project', { ...own, ...whileIn(PROJECT_MACHINE, 'review') });
    can('notice', 'Project', { ...own, ...whileIn(PROJECT_MACHINE, 'notice') });
    can('establish', 'Project', { ...own, ...whileIn(PROJECT_MACHINE, 'establish', 'resolve-objection') });
    can('changeReview', 'Project', { ...own, ...whileIn(PROJECT_MACHINE, 'change-review') });
    can('suspend', 'Project', { ...own, ...whileIn(PROJECT_MACHINE, 'suspend') });
    can('terminate', 'Project', { ...own, ...whileIn(PROJECT_MACHINE, 'terminate') });
    can('rectify', 'Project', { ...own, ...whileIn(PROJECT_MACHINE, 'rectify') });
    // effectiveness evaluation (Art. 24) of its own jurisdiction's projects; the spot-checks of the self-evaluations, to follow up an 不合格 (Art. 22, 23)
    can('evaluate', 'Project', { ...own, ...whileIn(PROJECT_MACHINE, 'evaluate') });
    can('read', 'SpotCheck', seen);
    // reminds units of overdue filings and rectifications (催办; projects/reminders.ts)
    can('remind', 'Project', own);
    can('resume', 'Project', { ...own, ...whileIn(PROJECT_MACHINE, 'resume') });
    // the sub-center's work on the city cloud: the city bureau oversees it
    if (isCity(p)) can('read', 'ResourceRequest');
    can('read', 'MigrationSystem', seen);
    can('read', ['MigrationBoard', 'MigrationQuestionnaire']);
    // the migration survey: the city bureau runs it with the sub-center; a county's bureau follows its county's answers
    if (isCity(p)) surveyRunner(b);
    else {
      can('read', 'SurveyCampaign');
      can('read', 'SurveyResponse', own);
    }
    // the yearly assessments: the city bureau assesses the city departments (Art. 25) and the counties (Art. 40);
    // a county's bureau reads its county's confirmed scorecard
    if (isCity(p)) {
      can(['read', 'create'], ['OrgAssessment', 'CountyAssessment']);
      can('update', 'OrgAssessment', whileIn(ORG_ASSESSMENT_MACHINE, 'update'));
      can('confirm', 'OrgAssessment', whileIn(ORG_ASSESSMENT_MACHINE, 'confirm'));
      can('update', 'CountyAssessment', whileIn(COUNTY_ASSESSMENT_MACHINE, 'update'));
      can('confirm', 'CountyAssessment', whileIn(COUNTY_ASSESSMENT_MACHINE, 'confirm'));
    } else can('read', 'CountyAssessment', { county: p.jurisdiction, status: 'CONFIRMED' });
    // supervises the units' security obligations (Art. 36, 37): the dossiers of the projects and systems it reads
    can('read', 'SecurityDossier');
  },
  // The finance bureau of a jurisdiction: the budgets of its own jurisdiction's projects (Art. 9, 39)
  FINANCE_REVIEWER({ can }, p) {
    const own = { jurisdiction: p.jurisdiction };
    can('read', 'CatalogRevision', { status: { not: 'DRAFT' } });
    if (isCity(p)) can(['approve', 'return'], 'CatalogRevision', whileIn(REVISION_MACHINE, 'approve', 'return'));
    can('read', 'Project', { ...own, status: { in: [...PAST_GIA_REVIEW] } });
    can('read', 'Project', { deciders: { has: p.id } });
    // the department's record, to judge its budget by (projects/org-history.ts)
    can('readHistory', 'Project', own);
    can('budgetReview', 'Project', { ...own, ...whileIn(PROJECT_MACHINE, 'budget-review') });
    // a city department's confirmed assessment is a reference for its next year's projects (Art. 25); a county's
    // bureau reads its county's confirmed scorecard (Art. 40)
    if (isCity(p)) can('read', 'OrgAssessment', { status: 'CONFIRMED' });
    else can('read', 'CountyAssessment', { county: p.jurisdiction, status: 'CONFIRMED' });
    // spot-checks of its jurisdiction's self-evaluations (Art. 22): draws a sample, records each result, closes it
    can(['read', 'create'], 'SpotCheck', own);
    can('record', 'SpotCheck', { ...own, ...whileIn(SPOT_CHECK_MACHINE, 'record') });
    can('close', 'SpotCheck', { ...own, ...whileIn(SPOT_CHECK_MACHINE, 'close') });
  },
  BDC_OPERATOR(b) {
    const { can } = b;
    surveyRunner(b);
    can(['read', 'create'], 'CatalogRevision');
    can(['update', 'submit', 'discard'], 'CatalogRevision', whileIn(REVISION_MACHINE, 'update', 'submit', 'discard'));
    can('read', 'Project', { status: { in: [...FILING_STATES] } });
    can('read', 'ResourceRequest');
    can(['approve', 'return'], 'ResourceRequest', whileIn(REQUEST_MACHINE, 'approve', 'return'));
    can('provision', 'ResourceRequest', whileIn(REQUEST_MACHINE, 'provision'));
    can('deprovision', 'ResourceRequest', whileIn(REQUEST_MACHINE, 'deprovision'));
    can('preview', 'ResourceRequest', whileIn(REQUEST_MACHINE, 'preview'));
    // checks a tenant for drift and puts it right (Pulumi)
    can(['checkDrift', 'repair'], 'Project', { status: { in: [...FILING_STATES] } });
    // assesses, plans in waves and moves every legacy system onto the city cloud (Art. 30, 33)
    can('read', ['MigrationSystem', 'MigrationBoard']);
    can('update', 'MigrationSystem', MIGRATION_ASSESSMENT_FIELDS, { status: { not: 'DECOMMISSIONED' } });
    can(['assess', 'plan', 'migrate', 'block'], 'MigrationSystem');
    // the assessment questionnaire: publishes its versions, answers for any system, confirms the proposals
    can(['read', 'publish'], 'MigrationQuestionnaire');
    can(['answer', 'confirm'], 'MigrationSystem', { status: { not: 'DECOMMISSIONED' } });
    // the city-wide survey (摸底): one sheet of every organisation's systems, each row naming its organisation
    can('importCityWide', 'MigrationSystem', MIGRATION_REGISTER_FIELDS);
    can('recognise', 'Organisation');
    can(['create', 'update'], 'MigrationWave');
    // runs the migrated systems' cloud and answers for its security (Art. 33, 38): reads their dossiers
    can('read', 'SecurityDossier', { ownerKind: 'SYSTEM' });
  },
  DEPT_USER: implementingUnit,
  COUNTY_USER(b, p) {
    implementingUnit(b, p);
    // its county's scorecard, once the city GIA has confirmed it (Art. 40)
    b.can('read', 'CountyAssessment', { county: p.jurisdiction, status: 'CONFIRMED' });
  },
};

export function defineAbilitiesFor(principal: Principal | null): AppAbility {
  const builder = new AbilityBuilder<AppAbility>(createPrismaAbility);
  builder.can('read', 'CatalogRevision', { status: 'PUBLISHED' });
  if (principal) {
    builder.can('read', 'Organisation');
    builder.can('read', 'MigrationWave');
    // the working-day calendar's coverage and days: what every deadline is counted with
    builder.can('read', 'HolidaySchedule');
    builder.can('read', 'User', [...USER_PUBLIC_FIELDS, ...USER_PRIVATE_FIELDS], { id: principal.id });
    // one's own notifications (站内信), read and marked read by nobody else
    builder.can(['read', 'update'], 'Notification', { recipientId: principal.id });
    // which events reach them by e-mail and webhook: their own choice only
    builder.can(['read', 'update'], 'NotificationPreference', { userId: principal.id });
    // separation of duties: an account whose role does not fit its organisation cannot act until put right
    const fits = principal.orgKind === undefined || roleFitsOrg(principal.role, { kind: principal.orgKind, jurisdiction: principal.jurisdiction });
    if (fits) {
      rulesByRole[principal.role](builder, principal);
      if ((BUSINESS_ROLES as readonly Role[]).includes(principal.role)) surveyAnswerer(builder, principal);
    }
  }
  return builder.build();
}

/**
 * The provisioning worker (core/actor.ts, systemActor): it reads jobs and the requests they were asked for, takes
 * the job machine's actions and reports each job's end to its request. No user role has `run` or `report`.
 */
export function defineWorkerAbility(): AppAbility {
  const { can, build } = new AbilityBuilder<AppAbility>(createPrismaAbility);
  can('read', ['ProvisioningJob', 'ResourceRequest']);
  // every job, in whatever state: the job machine's table (JOB_MACHINE) decides which action a state allows (409)
  can('run', 'ProvisioningJob');
  can('report', 'ResourceRequest', whileIn(REQUEST_MACHINE, 'complete-provision', 'complete-deprovision', 'fail'));
  return build();
}

/** Tags a plain record with its subject type so conditions can be checked against it. */
export type TaggedSubject = Record<string, unknown> & { readonly __caslSubjectType__?: string };

export function subject<T extends object>(type: Exclude<SubjectName, 'all'>, record: T): TaggedSubject {
  return asSubject(type, { ...record }) as unknown as TaggedSubject;
}

/** Throws the vocabulary's ForbiddenError unless the ability allows the action on the object (or type). */
export function assertCan(
  ability: AppAbility,
  action: Action,
  target: Exclude<SubjectName, 'all'> | TaggedSubject,
  field?: string,
): void {
  try {
    CaslForbiddenError.from(ability).throwUnlessCan(action, target as never, field as never);
  } catch (err) {
    if (err instanceof CaslForbiddenError) throw new ForbiddenError('FORBIDDEN', { action });
    throw err;
  }
}

/** Refuses a write that touches a field the actor may not change (no mass assignment). */
export function assertFieldsPermitted(
  ability: AppAbility,
  action: Action,
  target: TaggedSubject,
  input: Record<string, unknown>,
): void {
  const allowed = new Set(
    permittedFieldsOf(ability, action, target as never, { fieldsFrom: (rule) => rule.fields ?? Object.keys(input) }),
  );
  const refused = Object.keys(input).filter((k) => input[k] !== undefined && !allowed.has(k));
  if (refused.length) throw new ForbiddenError('FORBIDDEN_FIELD', { fields: refused.join(', ') }, refused);
}

/** Keeps only the fields of a record the actor may read. */
export function pickReadable<T extends Record<string, unknown>>(
  ability: AppAbility,
  type: Exclude<SubjectName, 'all'>,
  record: T,
): Partial<T> {
  const fields = permittedFieldsOf(ability, 'read', subject(type, record) as never, {
    fieldsFrom: (rule) => rule.fields ?? Object.keys(record),
  });
  const out: Partial<T> = {};
  for (const f of fields) if (f in record) (out as Record<string, unknown>)[f] = record[f];
  return out;
}

/** A Prisma where-clause limiting a list to what the actor may read. */
export function readableWhere(ability: AppAbility, type: Exclude<SubjectName, 'all'>) {
  return allowedWhere(ability, 'read', type);
}

/** A Prisma where-clause limiting a list to the objects the actor may take `action` on (e.g. a reviewer's queue). */
export function allowedWhere(ability: AppAbility, action: Action, type: Exclude<SubjectName, 'all'>) {
  // A role with no rule for the type gets `{ OR: [] }` from CASL, which Prisma treats as no filter at all:
  // refuse outright instead, so a missing rule can never mean "everything".
  if (!ability.can(action, type)) throw new ForbiddenError('FORBIDDEN', { action });
  const where = accessibleBy(ability, action).ofType(type as never);
  const or = (where as { OR?: unknown }).OR;
  if (Array.isArray(or) && or.length === 0) throw new ForbiddenError('FORBIDDEN', { action });
  return where;
}
