// The public catalog, its revisions and what changed; revision drafting for the sub-center, approval for GIA
// and Finance.
import { api, buildUrl, get } from './client';
import type { CatalogDiff, OfferingView, PlanView, PublishedCatalog, RevisionDetail, RevisionSummary } from './types';

const revisionPath = (number: number, rest = '') => `/api/catalog/revisions/${number}${rest}`;

export const fetchCatalog = (signal?: AbortSignal) => get<PublishedCatalog>('/api/catalog', undefined, signal);

export const fetchRevisions = (signal?: AbortSignal) => get<{ items: RevisionSummary[] }>('/api/catalog/revisions', undefined, signal);

export async function fetchRevision(number: number, signal?: AbortSignal) {
  return api<RevisionDetail>(`/api/catalog/revisions/${number}`, { signal });
}

export const fetchRevisionDiff = (number: number, against?: number, signal?: AbortSignal) =>
  get<CatalogDiff>(`/api/catalog/revisions/${number}/diff`, { against }, signal);

/** A link the browser downloads itself (public, no token needed). */
export function catalogExportUrl(format: 'xlsx' | 'csv', lang: string, revision?: number): string {
  return buildUrl('/api/catalog/export', { format, revision, lang: lang === 'en' ? 'en' : undefined });
}

export type RevisionAction = 'submit' | 'approve' | 'return' | 'publish' | 'discard';

export async function revisionTransition(number: number, action: RevisionAction, etag: string | null, comment?: string) {
  return api<RevisionSummary>(revisionPath(number, `/${action}`), {
    method: 'POST',
    ifMatch: etag,
    body: comment ? { comment } : {},
  });
}

/** Starts a draft from the current published revision (sub-center; one open revision at a time). */
export const createDraft = (body: { title: string; notes?: string | null }) => api<RevisionSummary>('/api/catalog/revisions', { method: 'POST', body });

export const updateDraft = (number: number, etag: string | null, body: { title?: string; notes?: string | null }) =>
  api<RevisionSummary>(revisionPath(number), { method: 'PATCH', ifMatch: etag, body });

export type OfferingInput = Omit<OfferingView, 'code' | 'plans' | 'nameEn'> & { nameEn?: string | null };
export type PlanInput = Omit<PlanView, 'code' | 'nameEn'> & { nameEn?: string | null };

export const upsertOffering = (number: number, etag: string | null, code: string, body: OfferingInput) =>
  api<RevisionDetail>(revisionPath(number, `/offerings/${encodeURIComponent(code)}`), { method: 'PUT', ifMatch: etag, body });

export const removeOffering = (number: number, etag: string | null, code: string) =>
  api<RevisionDetail>(revisionPath(number, `/offerings/${encodeURIComponent(code)}`), { method: 'DELETE', ifMatch: etag });

export const upsertPlan = (number: number, etag: string | null, offeringCode: string, planCode: string, body: PlanInput) =>
  api<RevisionDetail>(revisionPath(number, `/offerings/${encodeURIComponent(offeringCode)}/plans/${encodeURIComponent(planCode)}`), { method: 'PUT', ifMatch: etag, body });

export const removePlan = (number: number, etag: string | null, offeringCode: string, planCode: string) =>
  api<RevisionDetail>(revisionPath(number, `/offerings/${encodeURIComponent(offeringCode)}/plans/${encodeURIComponent(planCode)}`), { method: 'DELETE', ifMatch: etag });
