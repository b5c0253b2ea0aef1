// Which areas of the console a user may open, and where they land after signing in, decided from what their
// ability allows (core/access/abilities.ts), never from the name of their role: the console builds its menu, guards
// its routes and picks its home page from this list alone (login and GET /api/auth/me send it).
import { subject, type AppAbility } from '../core/access/abilities.js';
import { PROJECT_STATES } from '../projects/workflow.js';

export const CONSOLE_AREAS = [
  /** the to-do centre and the inbox: what waits for me, what I handled, what I was told (every signed-in user) */
  'todo',
  /** the implementing unit's own projects: applying, filing, requesting resources, its deadlines */
  'portal',
  /** the review queues (GIA's review, Finance's budget review) and deciding on a project */
  'review',
  /** every department's projects and deadlines, read across organisations (GIA, the auditor) */
  'oversight',
  /** approving catalog revisions */
  'revisionApproval',
  /** reading catalog revisions before they are published */
  'revisions',
  /** the sub-center's console: resource requests, provisioning, the tenants of established projects */
  'operator',
  /** the organisation's own legacy systems (Art. 5) */
  'migrationOwn',
  /** the whole migration register and the full progress board */
  'migrationBoard',
  /** planning migration waves */
  'migrationPlanning',
  /** running the migration survey's campaigns and following their coverage (摸底调查): the sub-center and the city GIA */
  'surveyRun',
  /** answering the migration survey for one's own organisation (摸底填报): any staff member of an organisation */
  'surveyOwn',
  /** Finance's spot-checks of the units' self-evaluations (Art. 22) */
  'spotChecks',
  /** the yearly assessments of every department and county (Art. 25, 40): GIA records them, the auditor reads */
  'assessments',
  /** the audit log and its verification */
  'audit',
  /** organisations */
  'orgs',
  /** user accounts: roles, unlocking, password resets */
  'users',
  /** the working-day calendar: loading newly published State Council holiday schedules */
  'calendar',
  /** the log of e-mails and webhook calls the platform sent (system administrator retries; the auditor reads) */
  'deliveries',
  /** the workbench: a landing page for those without a portal or a review queue of their own */
  'workbench',
] as const;
export type ConsoleArea = (typeof CONSOLE_AREAS)[number];

/** An organisation no principal belongs to, to ask whether an ability reaches beyond one's own. */
const ELSEWHERE = '00000000-0000-0000-0000-000000000000';

/** Reads the projects of every other organisation of its jurisdiction, in every state past the draft. */
const readsEveryOrgsProjects = (a: AppAbility, jurisdiction: string) =>
  PROJECT_STATES.filter((s) => s !== 'DRAFT').every((status) =>
    a.can('read', subject('Project', { status, orgId: ELSEWHERE, jurisdiction, coBuildingOrgIds: [], deciders: [] })),
  );

const TESTS: Record<Exclude<ConsoleArea, 'workbench' | 'todo'>, (a: AppAbility, jurisdiction: string) => boolean> = {
  portal: (a) => a.can('create', 'Project'),
  review: (a) => a.can('review', 'Project') || a.can('budgetReview', 'Project'),
  oversight: readsEveryOrgsProjects,
  revisionApproval: (a) => a.can('approve', 'CatalogRevision'),
  revisions: (a) => a.can('read', subject('CatalogRevision', { status: 'SUBMITTED' })),
  operator: (a) => a.can('provision', 'ResourceRequest'),
  migrationOwn: (a) => a.can('create', 'MigrationSystem'),
  migrationBoard: (a) => a.can('read', 'MigrationBoard'),
  migrationPlanning: (a) => a.can('create', 'MigrationWave'),
  surveyRun: (a) => a.can('create', 'SurveyCampaign'),
  surveyOwn: (a) => a.can('submit', 'SurveyResponse'),
  spotChecks: (a) => a.can('create', 'SpotCheck'),
  assessments: (a) => a.can('read', subject('OrgAssessment', { orgId: ELSEWHERE, status: 'DRAFT' })),
  audit: (a) => a.can('read', 'AuditEvent'),
  orgs: (a) => a.can('create', 'Organisation'),
  users: (a) => a.can('unlock', 'User') || a.can('resetPassword', 'User'),
  calendar: (a) => a.can('create', 'HolidaySchedule'),
  deliveries: (a) => a.can('read', 'NotificationDelivery'),
};

/** Where each area's user lands, in order of preference; anyone else lands on the public catalog. */
const HOMES: [ConsoleArea, string][] = [
  ['portal', '/portal/projects'],
  ['review', '/review/queue'],
  ['operator', '/operator/requests'],
  ['audit', '/audit'],
  ['orgs', '/admin/orgs'],
  ['users', '/admin/users'],
];
export const PUBLIC_HOME = '/catalog';

export interface ConsoleAreas {
  areas: ConsoleArea[];
  home: string;
}

/**
 * The areas the ability opens (in CONSOLE_AREAS order) and the home page, for a user of `jurisdiction` (the city or
 * a county: a county's bureau oversees its own). No ability beyond the public: none.
 */
export function consoleAreasFor(ability: AppAbility, signedIn = true, jurisdiction = 'CITY'): ConsoleAreas {
  if (!signedIn) return { areas: [], home: PUBLIC_HOME };
  const open = new Set<ConsoleArea>(CONSOLE_AREAS.filter((area) => area !== 'workbench' && area !== 'todo' && TESTS[area](ability, jurisdiction)));
  open.add('todo');
  if (!open.has('portal') && !open.has('review')) open.add('workbench');
  const areas = CONSOLE_AREAS.filter((area) => open.has(area));
  const home = HOMES.find(([area]) => open.has(area))?.[1] ?? PUBLIC_HOME;
  return { areas, home };
}
