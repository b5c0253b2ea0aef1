// Roles and which of them are separated administrator duties (三员分立).
import type { Role } from '../db/generated/enums.js';

export const ADMIN_ROLES = ['SYSADMIN', 'SECADMIN', 'AUDITOR'] as const satisfies readonly Role[];
export const BUSINESS_ROLES = [
  'GIA_REVIEWER',
  'FINANCE_REVIEWER',
  'BDC_OPERATOR',
  'DEPT_USER',
  'COUNTY_USER',
] as const satisfies readonly Role[];
export const ALL_ROLES = [...ADMIN_ROLES, ...BUSINESS_ROLES] as const;

export type { Role };
