// The audit trail (auditor): records newest first, paged back by `nextBefore`, and the SM3 hash-chain check.
import { client, dataOf, type QueryOf, type Schemas } from './client';

export type AuditOutcome = Schemas['AuditOutcome'];
export type AuditEvent = Schemas['AuditEvent'];
export type AuditVerifyResult = Schemas['AuditVerifyResult'];
export type AuditFilter = Omit<QueryOf<'/api/audit/events'>, 'before' | 'limit'>;

export const fetchAuditEvents = (filter: AuditFilter, before?: string, signal?: AbortSignal) =>
  dataOf(client.GET('/api/audit/events', { params: { query: { ...filter, before, limit: 50 } }, signal }));

export const verifyAuditTrail = () => dataOf(client.POST('/api/audit/verify'));
