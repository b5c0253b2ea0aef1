// Who is acting, as services see it: no HTTP, only identity, abilities and the audit context.
import type { AppAbility, Principal } from './access/abilities.js';
import type { AuditContext } from './audit/audit.js';

export interface Actor {
  principal: Principal | null;
  ability: AppAbility;
  audit: AuditContext;
}
