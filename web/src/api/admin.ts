// Organisations (system administrator) and user accounts (security administrator: role, unlock, password reset).
import { call, client, dataOf, ifMatch, type QueryOf, type RequestBody, type Schemas } from './client';
import { ALL_ROLES, ORG_KINDS as KINDS } from '@accounts/vocabulary';
import type { Role } from './session';

export type OrgKind = Schemas['OrgKind'];
export type Organisation = Schemas['Organisation'];
export type UserAccount = Schemas['User'];

/** the kinds of organisation and the roles, as the server declares them (accounts/vocabulary.ts) */
export const ORG_KINDS: readonly OrgKind[] = KINDS;
export const ROLES: readonly Role[] = ALL_ROLES;

const versionTag = (v: number) => `"v${v}"`;
const orgPath = (id: string) => ({ path: { id } });

export const fetchOrgs = (signal?: AbortSignal, query: QueryOf<'/api/orgs'> = {}) => dataOf(client.GET('/api/orgs', { params: { query }, signal }));
export const createOrg = (body: RequestBody<'/api/orgs', 'post'>) => call(client.POST('/api/orgs', { body }));
export const updateOrg = (org: Organisation, body: RequestBody<'/api/orgs/{id}', 'patch'>) =>
  call(client.PATCH('/api/orgs/{id}', { params: { ...orgPath(org.id), header: ifMatch(versionTag(org.version)) }, body }));

export type OrgAlias = Schemas['OrgAlias'];
/** an organisation's aliases (曾用名, 俗称), recognised with its name and short name in imported sheets */
export const fetchOrgAliases = (id: string, signal?: AbortSignal) => dataOf(client.GET('/api/orgs/{id}/aliases', { params: orgPath(id), signal }));
export const addOrgAlias = (id: string, alias: string) => call(client.POST('/api/orgs/{id}/aliases', { params: orgPath(id), body: { alias } }));
export const removeOrgAlias = (id: string, aliasId: string) => call(client.DELETE('/api/orgs/{id}/aliases/{aliasId}', { params: { path: { id, aliasId } } }));

/** a page of accounts as the list shows them */
export const USERS_PAGE_SIZE = 50;
export const fetchUsers = (query: Omit<QueryOf<'/api/users'>, 'pageSize'>, signal?: AbortSignal) =>
  dataOf(client.GET('/api/users', { params: { query: { ...query, pageSize: USERS_PAGE_SIZE } }, signal }));
/** Reads the account fresh for its ETag, then changes it (a stale list row cannot overwrite someone's change). */
export async function updateUser(id: string, body: Pick<RequestBody<'/api/users/{id}', 'patch'>, 'role' | 'disabled'>) {
  const current = await call(client.GET('/api/users/{id}', { params: { path: { id } } }));
  return call(client.PATCH('/api/users/{id}', { params: { path: { id }, header: ifMatch(current.etag) }, body }));
}
export const unlockUser = (id: string) => call(client.POST('/api/users/{id}/unlock', { params: { path: { id } } }));
export const resetPassword = (id: string, password: string) => call(client.POST('/api/users/{id}/reset-password', { params: { path: { id } }, body: { password } }));

export type Jurisdiction = Schemas['Jurisdiction'];
/** the city and the counties (public: the notices and the board filter by them too) */
export const fetchJurisdictions = (signal?: AbortSignal) => dataOf(client.GET('/api/jurisdictions', { signal }));
