// What every request carries once the auth middleware has run.
import type { AppAbility } from '../core/access/abilities.js';
import type { AuditContext } from '../core/audit/audit.js';
import type { Locale } from '../core/i18n.js';
import type { SessionUser } from '../accounts/auth.js';

export interface RequestContext {
  requestId: string;
  locale: Locale;
  principal: SessionUser | null;
  ability: AppAbility;
  audit: AuditContext;
  /** why the bearer token was not accepted, if one was sent */
  authError?: 'UNAUTHENTICATED' | 'SESSION_EXPIRED';
  token?: string;
}

export interface SignedInContext extends RequestContext {
  principal: SessionUser;
  token: string;
}

// Express declares its Request in a global namespace, so the augmentation is one too
declare global {
  namespace Express {
    interface Request {
      ctx: RequestContext;
    }
  }
}
