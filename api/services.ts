// The composition root of the services the HTTP layer calls.
import { createAuthService } from '../accounts/auth.js';
import { createOrganisationService } from '../accounts/organisations.js';
import { createUserService } from '../accounts/users.js';
import { createPublishedCatalog } from '../catalog/published.js';
import { createRevisionService } from '../catalog/revisions.js';
import { createAuditTrailService } from '../core/audit/trail.js';
import type { Config } from '../core/config.js';
import type { Database } from '../core/db/database.js';

export function createServices(db: Database, config: Config) {
  const published = createPublishedCatalog(db);
  return {
    auth: createAuthService({ db, config }),
    organisations: createOrganisationService({ db }),
    users: createUserService({ db }),
    published,
    revisions: createRevisionService({ db, onPublished: () => published.invalidate() }),
    auditTrail: createAuditTrailService({ db }),
  };
}

export type Services = ReturnType<typeof createServices>;
