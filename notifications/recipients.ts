// Who should hear of something: the people who may act on an object now (its new state's deciders, found with the
// same abilities that let them act: core/access/abilities.ts), or the people of the organisation it belongs to.
import { defineAbilitiesFor, subject, type Action, type SubjectName } from '../core/access/abilities.js';
import type { Tx } from '../core/db/database.js';
import { Role } from '../core/db/generated/enums.js';
import type { Recipient } from './notify.js';

const ROLES = Object.values(Role) as Role[];

/** the roles that may take `action` on some object of `type` (whatever the object): the candidates to look at */
const rolesCache = new Map<string, Role[]>();
function rolesThatMay(action: Action, type: Exclude<SubjectName, 'all'>): Role[] {
  const key = `${action}:${type}`;
  let roles = rolesCache.get(key);
  if (!roles) {
    roles = ROLES.filter((role) => defineAbilitiesFor({ id: '', username: '', role, orgId: '', jurisdiction: 'CITY' }).can(action, type));
    rolesCache.set(key, roles);
  }
  return roles;
}

/**
 * The active users who may take one of `actions` on `object` (of `type`, as it is now: pass its new state), by
 * their own abilities; `except` (the actor) left out.
 */
export async function usersWhoMay(
  tx: Tx,
  actions: readonly Action[],
  type: Exclude<SubjectName, 'all'>,
  object: Record<string, unknown>,
  except?: string | null,
): Promise<Recipient[]> {
  const roles = [...new Set(actions.flatMap((a) => rolesThatMay(a, type)))];
  if (!roles.length) return [];
  const users = await tx.user.findMany({
    where: { role: { in: roles }, disabled: false, org: { active: true }, ...(except ? { id: { not: except } } : {}) },
    select: { id: true, username: true, role: true, orgId: true, org: { select: { jurisdiction: true, kind: true } } },
  });
  const tagged = subject(type, object);
  return users
    .filter((u) => {
      const ability = defineAbilitiesFor({ id: u.id, username: u.username, role: u.role, orgId: u.orgId, jurisdiction: u.org.jurisdiction, orgKind: u.org.kind });
      return actions.some((a) => ability.can(a, tagged));
    })
    .map(({ id, role, orgId }) => ({ id, role, orgId }));
}

/** The active users of an organisation (its department or county users, or everyone of it with `roles`). */
export async function membersOf(tx: Tx, orgId: string, opts: { roles?: readonly Role[]; except?: string | null } = {}): Promise<Recipient[]> {
  return tx.user.findMany({
    where: { orgId, disabled: false, role: { in: [...(opts.roles ?? ['DEPT_USER', 'COUNTY_USER'])] }, ...(opts.except ? { id: { not: opts.except } } : {}) },
    select: { id: true, role: true, orgId: true },
  });
}

/** Every active user with one of `roles` (everyone, without). */
export async function usersWithRoles(tx: Tx, roles?: readonly Role[]): Promise<Recipient[]> {
  return tx.user.findMany({
    where: { disabled: false, org: { active: true }, ...(roles ? { role: { in: [...roles] } } : {}) },
    select: { id: true, role: true, orgId: true },
  });
}
