// The audit trail (auditor): records newest first, paged back by `nextBefore`, and the SM3 hash-chain check.
import { api, get } from './client';

export type AuditOutcome = 'SUCCESS' | 'FAILURE' | 'DENIED';

export interface AuditEvent {
  seq: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: AuditOutcome;
  detail: unknown;
  prevHash: string;
  hash: string;
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  outcome?: AuditOutcome;
  targetType?: string;
  targetId?: string;
  from?: string;
  to?: string;
}

export interface AuditVerifyResult {
  valid: boolean;
  checked: number;
  firstBroken: { seq: string; reason: string; expected?: string; found?: string } | null;
}

export const fetchAuditEvents = (filter: AuditFilter, before?: string, signal?: AbortSignal) =>
  get<{ items: AuditEvent[]; nextBefore: string | null }>('/api/audit/events', { ...filter, before, limit: 50 }, signal);

export const verifyAuditTrail = async () => (await api<AuditVerifyResult>('/api/audit/verify', { method: 'POST' })).data;
