// Which roles see which areas, and where each role lands after signing in.
import type { Role } from '../api/session';

export const DEPARTMENT_ROLES: Role[] = ['DEPT_USER', 'COUNTY_USER'];
export const REVIEWER_ROLES: Role[] = ['GIA_REVIEWER', 'FINANCE_REVIEWER'];
export const REVISION_READER_ROLES: Role[] = ['GIA_REVIEWER', 'FINANCE_REVIEWER', 'BDC_OPERATOR', 'AUDITOR'];

export function homeFor(role: Role | undefined): string {
  switch (role) {
    case 'DEPT_USER':
    case 'COUNTY_USER':
      return '/portal/projects';
    case 'GIA_REVIEWER':
    case 'FINANCE_REVIEWER':
      return '/review/queue';
    case 'BDC_OPERATOR':
      return '/operator/requests';
    case 'AUDITOR':
      return '/audit';
    case 'SYSADMIN':
      return '/admin/orgs';
    case 'SECADMIN':
      return '/admin/users';
    case undefined:
      return '/catalog';
  }
}
