// The public catalog, its revisions and what changed; revision approval for GIA and Finance.
import { api, buildUrl, get } from './client';
import type { CatalogDiff, PublishedCatalog, RevisionDetail, RevisionSummary } from './types';

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

export type RevisionAction = 'approve' | 'return' | 'publish';

export async function revisionTransition(number: number, action: RevisionAction, etag: string | null, comment?: string) {
  return api<RevisionSummary>(`/api/catalog/revisions/${number}/${action}`, {
    method: 'POST',
    ifMatch: etag,
    body: comment ? { comment } : {},
  });
}
