// The composition root of the services the HTTP layer calls.
import { createAuthService } from '../accounts/auth.js';
import { createOrganisationService } from '../accounts/organisations.js';
import { createUserService } from '../accounts/users.js';
import { createPublishedCatalog } from '../catalog/published.js';
import { createRevisionService } from '../catalog/revisions.js';
import { createAuditTrailService } from '../core/audit/trail.js';
import type { Config } from '../core/config.js';
import type { Database } from '../core/db/database.js';
import { createFileStore } from '../core/files/store.js';
import { createApprovalService } from '../projects/approval.js';
import { createDocumentService } from '../projects/documents.js';
import { createDraftingService } from '../projects/drafting.js';
import { createFilingService } from '../projects/filings.js';
import path from 'node:path';
import type { LocalDate } from '../core/calendar/working-days.js';

export interface ServiceOptions {
  /** today's date in Asia/Shanghai, for tests that move time */
  today?: () => LocalDate;
}

export function createServices(db: Database, config: Config, opts: ServiceOptions = {}) {
  const published = createPublishedCatalog(db);
  const files = createFileStore(path.join(config.dataDir, 'files'));
  return {
    auth: createAuthService({ db, config }),
    organisations: createOrganisationService({ db }),
    users: createUserService({ db }),
    published,
    revisions: createRevisionService({ db, onPublished: () => published.invalidate() }),
    auditTrail: createAuditTrailService({ db }),
    drafting: createDraftingService({ db, published }),
    approval: createApprovalService({ db, today: opts.today }),
    filings: createFilingService({ db, published, today: opts.today }),
    documents: createDocumentService({ db, files }),
  };
}

export type Services = ReturnType<typeof createServices>;
