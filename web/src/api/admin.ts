// Organisations (system administrator) and user accounts (security administrator: role, unlock, password reset).
import { api, get } from './client';
import type { Role } from './session';
import type { Page } from './types';

export type OrgKind = 'GIA' | 'FINANCE' | 'BDC' | 'DEPARTMENT' | 'COUNTY';
export const ORG_KINDS: OrgKind[] = ['GIA', 'FINANCE', 'BDC', 'DEPARTMENT', 'COUNTY'];
export const ROLES: Role[] = ['SYSADMIN', 'SECADMIN', 'AUDITOR', 'GIA_REVIEWER', 'FINANCE_REVIEWER', 'BDC_OPERATOR', 'DEPT_USER', 'COUNTY_USER'];

export interface Organisation {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  kind: OrgKind;
  active: boolean;
  version: number;
}

export interface UserAccount {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  orgId: string;
  org: { code: string; name: string; kind: OrgKind };
  disabled: boolean;
  email?: string | null;
  phone?: string | null;
  failedLogins?: number;
  lockedUntil?: string | null;
  lastLoginAt?: string | null;
  version?: number;
}

const versionTag = (v: number) => `"v${v}"`;

export const fetchOrgs = (signal?: AbortSignal) => get<{ items: Organisation[] }>('/api/orgs', undefined, signal);
export const createOrg = (body: { code: string; name: string; nameEn?: string | null; kind: OrgKind }) =>
  api<Organisation>('/api/orgs', { method: 'POST', body });
export const updateOrg = (org: Organisation, body: { name?: string; nameEn?: string | null; kind?: OrgKind; active?: boolean }) =>
  api<Organisation>(`/api/orgs/${encodeURIComponent(org.id)}`, { method: 'PATCH', body, ifMatch: versionTag(org.version) });

export const fetchUsers = (query: { q?: string; role?: Role; page?: number }, signal?: AbortSignal) =>
  get<Page<UserAccount>>('/api/users', { ...query, pageSize: 50 }, signal);
/** Reads the account fresh for its ETag, then changes it (a stale list row cannot overwrite someone's change). */
export async function updateUser(id: string, body: { role?: Role; disabled?: boolean }) {
  const current = await api<UserAccount>(`/api/users/${encodeURIComponent(id)}`);
  return api<UserAccount>(`/api/users/${encodeURIComponent(id)}`, { method: 'PATCH', body, ifMatch: current.etag });
}
export const unlockUser = (id: string) => api<UserAccount>(`/api/users/${encodeURIComponent(id)}/unlock`, { method: 'POST' });
export const resetPassword = (id: string, password: string) =>
  api<null>(`/api/users/${encodeURIComponent(id)}/reset-password`, { method: 'POST', body: { password } });
