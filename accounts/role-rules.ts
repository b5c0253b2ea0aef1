// Separation of duties (职责分离), declared once: for every role, the organisations it is valid in (their kind and
// jurisdiction). Enforced when an account is created or its role or organisation changes (accounts/users.ts), when an
// organisation's kind or jurisdiction changes (accounts/organisations.ts), and when an account signs in: an account
// that no longer fits (one made before these rules) keeps only what every signed-in user has
// (core/access/abilities.ts) until an administrator puts it right. Pure data and pure functions, so the server, the
// tests and the console all read the same table.
import type { OrgKind, Role } from '../core/db/generated/enums.js';
import { ADMIN_ROLES } from './vocabulary.js';

/** Where a role is valid: organisation kinds, and in which jurisdictions ('CITY' only, or any: the city or a county). */
export interface RoleRule {
  kinds: readonly OrgKind[];
  jurisdiction: 'CITY' | 'ANY' | 'COUNTY';
}

/**
 * The table. The three administrators (三员: system, security, audit) run the city's platform: they belong to the
 * sub-center that operates it or to the city's approval bureau that supervises it. Reviewers belong to an approval
 * bureau or a finance bureau, the city's or a county's (Art. 39). Operators belong to the city's sub-center (counties
 * build no clouds of their own, Art. 30). Department users belong to a department (the city's, or a county's, which
 * belongs to its county); county users to a county's own organisation or one of its departments.
 */
export const ROLE_RULES: Record<Role, readonly RoleRule[]> = {
  SYSADMIN: [{ kinds: ['BDC', 'GIA'], jurisdiction: 'CITY' }],
  SECADMIN: [{ kinds: ['BDC', 'GIA'], jurisdiction: 'CITY' }],
  AUDITOR: [{ kinds: ['BDC', 'GIA'], jurisdiction: 'CITY' }],
  GIA_REVIEWER: [{ kinds: ['GIA'], jurisdiction: 'ANY' }],
  FINANCE_REVIEWER: [{ kinds: ['FINANCE'], jurisdiction: 'ANY' }],
  BDC_OPERATOR: [{ kinds: ['BDC'], jurisdiction: 'CITY' }],
  DEPT_USER: [{ kinds: ['DEPARTMENT'], jurisdiction: 'ANY' }],
  COUNTY_USER: [
    { kinds: ['COUNTY'], jurisdiction: 'COUNTY' },
    { kinds: ['DEPARTMENT'], jurisdiction: 'COUNTY' },
  ],
};

export interface OrgPlace {
  kind: OrgKind;
  /** 'CITY' or a county's code (accounts/jurisdictions.ts) */
  jurisdiction: string;
}

const inJurisdiction = (rule: RoleRule, jurisdiction: string) =>
  rule.jurisdiction === 'ANY' || (rule.jurisdiction === 'CITY' ? jurisdiction === 'CITY' : jurisdiction !== 'CITY');

/** Whether `role` is valid in an organisation of this kind and jurisdiction. */
export function roleFitsOrg(role: Role, org: OrgPlace): boolean {
  return ROLE_RULES[role].some((rule) => rule.kinds.includes(org.kind) && inJurisdiction(rule, org.jurisdiction));
}

/** The roles valid in an organisation (the console offers only these). */
export function rolesFor(org: OrgPlace, among: readonly Role[]): Role[] {
  return among.filter((role) => roleFitsOrg(role, org));
}

/**
 * 三员分立: the administrator roles are separated duties. An administrator account holds exactly its one role for
 * its whole life: no administrator role is given to an existing account, and no administrator account is given
 * another role (its trail would mix two duties).
 */
export const isAdminRole = (role: Role) => (ADMIN_ROLES as readonly Role[]).includes(role);
