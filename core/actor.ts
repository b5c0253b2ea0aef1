// Who is acting, as services see it: no HTTP, only identity, abilities and the audit context.
import { defineWorkerAbility, type AppAbility, type Principal } from './access/abilities.js';
import { SYSTEM_CONTEXT, type AuditContext } from './audit/audit.js';

export interface Actor {
  principal: Principal | null;
  ability: AppAbility;
  audit: AuditContext;
}

/**
 * A process of the platform acting on its own (the provisioning worker): no principal, the worker's abilities
 * (core/access/abilities.ts, defineWorkerAbility), and its name in the audit trail.
 */
export function systemActor(name = 'worker'): Actor {
  return { principal: null, ability: defineWorkerAbility(), audit: { ...SYSTEM_CONTEXT, actorName: name } };
}
