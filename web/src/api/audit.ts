// The audit trail (auditor): records newest first, paged back by `nextBefore`, the keyed hash-chain check, and the
// signed checkpoints of the chain kept outside the database.
import { client, dataOf, langQuery, type QueryOf, type Schemas } from './client';
import { saveBlob } from './download';

export type AuditOutcome = Schemas['AuditOutcome'];
export type AuditEvent = Schemas['AuditEvent'];
export type AuditVerifyResult = Schemas['AuditVerifyResult'];
export type AuditCheckpointStatus = Schemas['AuditCheckpointStatus'];
export type AuditFilter = Omit<QueryOf<'/api/audit/events'>, 'before' | 'limit'>;

export const fetchAuditEvents = (filter: AuditFilter, before?: string, signal?: AbortSignal) =>
  dataOf(client.GET('/api/audit/events', { params: { query: { ...filter, before, limit: 50 } }, signal }));

export const verifyAuditTrail = () => dataOf(client.POST('/api/audit/verify'));

export const fetchLatestCheckpoint = (signal?: AbortSignal) => dataOf(client.GET('/api/audit/checkpoints/latest', { signal }));

/** Writes a signed checkpoint now (recorded in the trail). */
export const takeCheckpoint = () => dataOf(client.POST('/api/audit/checkpoints'));

/** The records the filter selects, with the chain check, as XLSX (the export is itself recorded). */
export async function downloadAudit(filter: AuditFilter, lang: string, filename: string, fallbackMessage: string) {
  const query: QueryOf<'/api/audit/export'> = { ...filter, lang: langQuery(lang) };
  saveBlob(await dataOf(client.GET('/api/audit/export', { params: { query }, parseAs: 'blob' }), { fallbackMessage }), `${filename}.xlsx`);
}
