// The composition root of the services the HTTP layer calls.
import { createAuthService, type SessionUser } from '../accounts/auth.js';
import { createOidcService } from '../accounts/oidc.js';
import { SessionCache } from '../accounts/session-cache.js';
import { createOrganisationService } from '../accounts/organisations.js';
import { createOrgAliasService } from '../accounts/org-aliases.js';
import { createUserService } from '../accounts/users.js';
import { createRevisionService } from '../catalog/revisions.js';
import { accountTargets } from '../accounts/audit-names.js';
import '../accounts/role-names.js';
import { catalogTargets } from '../catalog/audit-names.js';
import type { CheckpointStore } from '../core/audit/checkpoints.js';
import { createAuditTrailService } from '../core/audit/trail.js';
import { migrationTargets } from '../migration/audit-names.js';
import { projectTargets } from '../projects/audit-names.js';
import { projectProvisioning, provisioningTargets } from '../provisioners/audit-names.js';
import { createImportGate } from './import-gate.js';
import type { Config } from '../core/config.js';
import { createIdempotencyStore } from './idempotency.js';
import type { Database } from '../core/db/database.js';
import { createFileStore } from '../core/files/store.js';
import { createManifestService } from '../provisioners/manifest-service.js';
import { createRenderedManifests } from '../provisioners/rendered-manifests.js';
import { createProjectActions } from '../projects/actions.js';
import { createRequestActions } from '../provisioners/request-actions.js';
import { createApprovalService } from '../projects/approval.js';
import { createDocumentService } from '../projects/documents.js';
import { createDraftingService } from '../projects/drafting.js';
import { createReminderService } from '../projects/reminders.js';
import { createFilingService } from '../projects/filings.js';
import { createOrgHistoryService } from '../projects/org-history.js';
import { createReviewDraftService } from '../projects/review-drafts.js';
import { createMigrationService } from '../migration/service.js';
import { spotCheckTargets } from '../evaluations/audit-names.js';
import { createEvaluationService } from '../evaluations/evaluations.js';
import { createSpotCheckService } from '../evaluations/spot-checks.js';
import { createSurveyService } from '../survey/service.js';
import { surveyTargets } from '../survey/audit-names.js';
import { createAssessmentService } from '../assessments/service.js';
import { assessmentTargets } from '../assessments/audit-names.js';
import { securityTargets } from '../security/audit-names.js';
import { deliveryTargets } from '../notifications/channel-audit-names.js';
import { createNotificationSettingsService } from '../notifications/settings.js';
import { createSecurityService } from '../security/service.js';
import { createCalendarService } from '../calendar/schedules.js';
import { createReminderSweep } from '../notifications/reminder-sweep.js';
import type { LocalDate } from '../core/calendar/working-days.js';
import type { JobQueue } from '../core/jobs/queue.js';
import type { Feed } from '../core/events/feed.js';
import '../notifications/machine-events.js';
import { createInboxService } from '../notifications/inbox.js';
import { createTodoService } from '../todo/service.js';
import type { PublishedCatalog } from '../catalog/published.js';
import type { ProvisioningDriver } from '../provisioners/drivers/driver.js';
import { createProvisioningService } from '../provisioners/provisioning.js';
import { createResourceRequestService } from '../provisioners/requests.js';
import type { StatusReader } from '../provisioners/status-reader.js';
import type { ClusterProfile } from '../provisioners/desired-state.js';

export interface ServiceOptions {
  /** today's date in Asia/Shanghai, for tests that move time */
  today?: () => LocalDate;
}

export interface Runtime {
  published: PublishedCatalog;
  /** committed changes, as they happen (live views wait on it) */
  feed: Feed;
  queue: JobQueue;
  driver: ProvisioningDriver;
  profile: ClusterProfile;
  status?: StatusReader;
  /** where the audit chain's signed checkpoints are written, and the key that signs them */
  auditCheckpoints: CheckpointStore;
}

/** how the audit trail (and the to-do centre's 已办) names the objects of each type */
const AUDIT_TARGETS = { ...projectTargets, ...catalogTargets, ...migrationTargets, ...accountTargets, ...provisioningTargets, ...assessmentTargets, ...securityTargets, ...spotCheckTargets, ...deliveryTargets, ...surveyTargets };

export function createServices(db: Database, config: Config, runtime: Runtime, opts: ServiceOptions = {}) {
  const { published } = runtime;
  const sessions = new SessionCache<SessionUser>();
  const files = createFileStore(config, db);
  const requestActions = createRequestActions({ db, queue: () => runtime.queue, driverName: runtime.driver.name });
  const projectActions = createProjectActions({ db, published, today: opts.today, selfEvaluationDue: config.selfEvaluationDue });
  const inbox = createInboxService({ db });
  const resourceRequests = createResourceRequestService({ db, actions: requestActions, projects: projectActions });
  const auth = createAuthService({ db, config, sessions });
  const migration = createMigrationService({ db, published, today: opts.today, archiveLimits: config.hardening.archive });
  return {
    files,
    manifests: createManifestService({ db, manifests: createRenderedManifests(db, files) }),
    feed: runtime.feed,
    auth,
    oidc: createOidcService({ db, config: config.oidc, auth }),
    // the board names organisations: a change made here shows on its next read (migration/board.ts)
    organisations: createOrganisationService({ db }),
    orgAliases: createOrgAliasService({ db }),
    users: createUserService({ db, sessions }),
    published,
    revisions: createRevisionService({ db, onPublished: () => published.invalidate() }),
    auditTrail: createAuditTrailService({ db, targets: AUDIT_TARGETS, relations: projectProvisioning, checkpoints: runtime.auditCheckpoints }),
    inbox,
    todo: createTodoService({ db, inbox, targets: AUDIT_TARGETS, today: opts.today }),
    drafting: createDraftingService({ db, published, actions: projectActions }),
    approval: createApprovalService({ db, actions: projectActions }),
    filings: createFilingService({ db, actions: projectActions }),
    reminders: createReminderService({ db, actions: projectActions }),
    documents: createDocumentService({ db, files, actions: projectActions, archiveLimits: config.hardening.archive }),
    orgHistory: createOrgHistoryService({ db }),
    reviewDrafts: createReviewDraftService({ db, actions: projectActions }),
    spotChecks: createSpotCheckService({ db }),
    survey: createSurveyService({ db, today: opts.today }),
    evaluations: createEvaluationService({ db, actions: projectActions }),
    migration,
    assessments: createAssessmentService({ db, today: opts.today }),
    security: createSecurityService({ db, files, today: opts.today, archiveLimits: config.hardening.archive }),
    calendar: createCalendarService({ db, today: opts.today }),
    notificationSettings: createNotificationSettingsService({ db, config: config.notifications, queue: () => runtime.queue }),
    idempotency: createIdempotencyStore(db, config.idempotency),
    imports: createImportGate(config.hardening.importConcurrencyPerUser),
    reminderSweep: createReminderSweep({ db, settings: config.reminders, today: opts.today }),
    resourceRequests,
    provisioning: createProvisioningService({ db, queue: () => runtime.queue, requests: resourceRequests, requestActions, published, driver: runtime.driver, profile: runtime.profile, status: runtime.status }),
  };
}

export type Services = ReturnType<typeof createServices>;
