// The words of accounts, declared once: the roles (and which are separated administrator duties, 三员分立) and the
// kinds of organisation. Pure data with type-only imports, so the server, the seed and the console all read them.
import type { OrgKind, Role } from '../core/db/generated/enums.js';

export const ADMIN_ROLES = ['SYSADMIN', 'SECADMIN', 'AUDITOR'] as const satisfies readonly Role[];
export const BUSINESS_ROLES = [
  'GIA_REVIEWER',
  'FINANCE_REVIEWER',
  'BDC_OPERATOR',
  'DEPT_USER',
  'COUNTY_USER',
] as const satisfies readonly Role[];
export const ALL_ROLES = [...ADMIN_ROLES, ...BUSINESS_ROLES] as const satisfies readonly Role[];

export const ORG_KINDS = ['GIA', 'FINANCE', 'BDC', 'DEPARTMENT', 'COUNTY'] as const satisfies readonly OrgKind[];

export type { OrgKind, Role };
