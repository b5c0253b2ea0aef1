// The security dossier (安全责任, Art. 36–37) of an established project or a migrated system: read it, file a record
// with the dossier's ETag as If-Match, and keep documents with a record.
import { call, client, dataOf, formData, ifMatch, type Schemas } from './client';

export type SecurityDossier = Schemas['SecurityDossier'];
export type SecurityRecord = Schemas['SecurityRecord'];
export type SecurityFiling = Schemas['SecurityFiling'];
export type SecurityRecordKind = SecurityRecord['kind'];
export type SecurityOwner = 'PROJECT' | 'SYSTEM';

/** The kinds, in the order the dossier shows them, and the action that files each (the server's table). */
export { SECURITY_ACTION_OF as ACTION_OF, SECURITY_RECORD_KINDS as SECURITY_KINDS } from '@security/workflow';

export const fetchSecurity = (owner: SecurityOwner, id: string, signal?: AbortSignal) =>
  owner === 'PROJECT'
    ? call(client.GET('/api/projects/{id}/security', { params: { path: { id } }, signal }))
    : call(client.GET('/api/migration/systems/{id}/security', { params: { path: { id } }, signal }));

export const fileSecurity = (owner: SecurityOwner, id: string, etag: string | null, body: SecurityFiling) =>
  owner === 'PROJECT'
    ? call(client.POST('/api/projects/{id}/security', { params: { path: { id }, header: ifMatch(etag) }, body }))
    : call(client.POST('/api/migration/systems/{id}/security', { params: { path: { id }, header: ifMatch(etag) }, body }));

export const uploadSecurityDocument = (owner: SecurityOwner, id: string, recordId: string, file: File) =>
  owner === 'PROJECT'
    ? call(client.POST('/api/projects/{id}/security/documents', { params: { path: { id } }, body: { recordId, file } as never, bodySerializer: formData }))
    : call(client.POST('/api/migration/systems/{id}/security/documents', { params: { path: { id } }, body: { recordId, file } as never, bodySerializer: formData }));

/** A document's content, with the token (for the browser to save). */
export const downloadSecurityDocument = (owner: SecurityOwner, id: string, documentId: string, fallbackMessage: string) =>
  owner === 'PROJECT'
    ? dataOf(client.GET('/api/projects/{id}/security/documents/{documentId}', { params: { path: { id, documentId } }, parseAs: 'blob' }), { fallbackMessage })
    : dataOf(client.GET('/api/migration/systems/{id}/security/documents/{documentId}', { params: { path: { id, documentId } }, parseAs: 'blob' }), { fallbackMessage });
