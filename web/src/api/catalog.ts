// The public catalog, its revisions and what changed; revision drafting for the sub-center, approval for GIA
// and Finance.
import type { RevisionTransitionAction } from '@catalog/revision-workflow';
import { call, client, dataOf, ifMatch, langQuery, linkTo, type QueryOf, type RequestBody, type Schemas } from './client';

export type PublishedCatalog = Schemas['PublishedCatalog'];
export type CatalogView = Schemas['CatalogView'];
export type OfferingView = Schemas['Offering'];
export type PlanView = Schemas['Plan'];
export type CategoryCode = Schemas['CatalogCategory'];
export type RevisionSummary = Schemas['RevisionSummary'];
export type RevisionDetail = Schemas['RevisionDetail'];
export type CatalogDiff = Schemas['CatalogDiff'];
export type DiffEntry = Schemas['DiffEntry'];
export type FieldChange = Schemas['FieldChange'];

const revision = (number: number) => ({ path: { number } });
const item = (number: number, code: string) => ({ path: { number, code } });
const plan = (number: number, code: string, planCode: string) => ({ path: { number, code, planCode } });

export const fetchCatalog = (signal?: AbortSignal) => dataOf(client.GET('/api/catalog', { signal }));

export const fetchRevisions = (signal?: AbortSignal, query: QueryOf<'/api/catalog/revisions'> = {}) => dataOf(client.GET('/api/catalog/revisions', { params: { query }, signal }));

export const fetchRevision = (number: number, signal?: AbortSignal) => call(client.GET('/api/catalog/revisions/{number}', { params: revision(number), signal }));

export const fetchRevisionDiff = (number: number, against?: number, signal?: AbortSignal) =>
  dataOf(client.GET('/api/catalog/revisions/{number}/diff', { params: { ...revision(number), query: { against } }, signal }));

/** A link the browser downloads itself (public, no token needed). */
export function catalogExportUrl(format: 'xlsx' | 'csv', lang: string, revisionNumber?: number): string {
  return linkTo('/api/catalog/export', { format, revision: revisionNumber, lang: langQuery(lang) });
}

/** The revision machine's state changes (its `update` edits a draft and has its own calls below). */
export type RevisionAction = RevisionTransitionAction;

/** Submits, approves, returns (a comment is required), publishes or discards (204, no data) a revision. */
export const revisionTransition = (number: number, action: RevisionAction, etag: string | null, comment?: string) =>
  call(client.POST(`/api/catalog/revisions/{number}/${action}`, { params: { ...revision(number), header: ifMatch(etag) }, body: comment ? { comment } : {} }));

/** Starts a draft from the current published revision (sub-center; one open revision at a time). */
export const createDraft = (body: RequestBody<'/api/catalog/revisions', 'post'>) => call(client.POST('/api/catalog/revisions', { body }));

export const updateDraft = (number: number, etag: string | null, body: RequestBody<'/api/catalog/revisions/{number}', 'patch'>) =>
  call(client.PATCH('/api/catalog/revisions/{number}', { params: { ...revision(number), header: ifMatch(etag) }, body }));

export type OfferingInput = RequestBody<'/api/catalog/revisions/{number}/offerings/{code}', 'put'>;
export type PlanInput = RequestBody<'/api/catalog/revisions/{number}/offerings/{code}/plans/{planCode}', 'put'>;

export const upsertOffering = (number: number, etag: string | null, code: string, body: OfferingInput) =>
  call(client.PUT('/api/catalog/revisions/{number}/offerings/{code}', { params: { ...item(number, code), header: ifMatch(etag) }, body }));

export const removeOffering = (number: number, etag: string | null, code: string) =>
  call(client.DELETE('/api/catalog/revisions/{number}/offerings/{code}', { params: { ...item(number, code), header: ifMatch(etag) } }));

export const upsertPlan = (number: number, etag: string | null, offeringCode: string, planCode: string, body: PlanInput) =>
  call(client.PUT('/api/catalog/revisions/{number}/offerings/{code}/plans/{planCode}', { params: { ...plan(number, offeringCode, planCode), header: ifMatch(etag) }, body }));

export const removePlan = (number: number, etag: string | null, offeringCode: string, planCode: string) =>
  call(client.DELETE('/api/catalog/revisions/{number}/offerings/{code}/plans/{planCode}', { params: { ...plan(number, offeringCode, planCode), header: ifMatch(etag) } }));
