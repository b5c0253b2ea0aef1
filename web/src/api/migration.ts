// The register of legacy systems (政务信息系统目录, Art. 5): list, register, change and withdraw (If-Match), the
// history of a system, the sub-center's assessment and transitions, the spreadsheet import (all rows or none), and the template and export files.
// States, strategies and hosting types are the board's (./board).
import type { MigrationTransitionAction as MigrationAction } from '@migration/workflow';
import { call, client, dataOf, formData, ifMatch, langQuery, linkTo, type QueryOf, type RequestBody, type Schemas } from './client';
import { saveBlob } from './download';
import { fetchWithUploadProgress, type ProgressListener } from './uploadProgress';
import type { RuleViolation } from './errors';

export type MigrationState = Schemas['MigrationState'];
export type HostingType = Schemas['HostingType'];
export type Strategy = Schemas['MigrationStrategy'];
export type XinchuangStatus = Schemas['XinchuangStatus'];
export type Level = Schemas['MigrationLevel'];
export type { MigrationAction };

/** A registered system as GET /api/migration/systems/:id answers. */
export type MigrationSystem = Schemas['MigrationSystem'];
export type SystemPage = Schemas['MigrationSystemPage'];
export type SystemHistoryEntry = Schemas['MigrationHistoryEntry'];
export type MigrationWave = Schemas['MigrationWave'];
/** What an accepted import registered: every row of the file, numbered firstCode … lastCode. */
export type ImportResult = Schemas['MigrationImportResult'];

/** What a department fills in (POST /api/migration/systems); a change sends some of it (PATCH). */
export type SystemInput = RequestBody<'/api/migration/systems', 'post'>;

export interface SystemFilter {
  status?: MigrationState[];
  hosting?: HostingType[];
  waveId?: string;
  outsideCityCloud?: boolean;
  q?: string;
}

/** A rejected import's problem (422): the row, the column and cell, and the reason in the user's language. */
export type ImportProblem = RuleViolation & { line: number };

export type SheetFormat = 'xlsx' | 'csv';

const system = (id: string) => ({ path: { id } });
const filterQuery = (f: SystemFilter) => ({
  status: f.status,
  hosting: f.hosting,
  waveId: f.waveId,
  outsideCityCloud: f.outsideCityCloud ? ('true' as const) : undefined,
  q: f.q,
});

export const listSystems = (f: SystemFilter & { page: number; pageSize: number }, signal?: AbortSignal) =>
  dataOf(client.GET('/api/migration/systems', { params: { query: { ...filterQuery(f), page: f.page, pageSize: f.pageSize } }, signal }));

export const fetchSystem = (id: string, signal?: AbortSignal) => call(client.GET('/api/migration/systems/{id}', { params: system(id), signal }));

export const fetchSystemHistory = (id: string, signal?: AbortSignal) => dataOf(client.GET('/api/migration/systems/{id}/history', { params: system(id), signal }));

export const createSystem = (body: SystemInput) => call(client.POST('/api/migration/systems', { body }));

export const updateSystem = (id: string, etag: string | null, body: RequestBody<'/api/migration/systems/{id}', 'patch'>) =>
  call(client.PATCH('/api/migration/systems/{id}', { params: { ...system(id), header: ifMatch(etag) }, body }));

/** Withdraws a registration made in error (before assessment). */
export const withdrawSystem = (id: string, etag: string | null) => call(client.DELETE('/api/migration/systems/{id}', { params: { ...system(id), header: ifMatch(etag) } }));

export const createWave = (body: RequestBody<'/api/migration/waves', 'post'>) => call(client.POST('/api/migration/waves', { body }));

export const fetchWaves = (signal?: AbortSignal) => dataOf(client.GET('/api/migration/waves', { signal }));

/** Posts a spreadsheet (XLSX or CSV) as the multipart field `file`; a 422 carries every problem (ImportProblem). */
export const importRegister = (file: File, onProgress?: ProgressListener) =>
  call(client.POST('/api/migration/systems/import', { body: { file }, bodySerializer: formData, ...(onProgress ? { fetch: fetchWithUploadProgress(onProgress) } : {}) }));

/** What the import would do with the file, nothing written: mapping, rows read, every problem. */
export type ImportPreview = Schemas['MigrationImportPreview'];
export type ImportColumn = Schemas['MigrationImportColumn'];
export const previewImport = (file: File, onProgress?: ProgressListener) =>
  call(client.POST('/api/migration/systems/import/preview', { body: { file }, bodySerializer: formData, ...(onProgress ? { fetch: fetchWithUploadProgress(onProgress) } : {}) }));

/** The empty template: public, so a link the browser downloads itself (the server names the file). */
export const templateUrl = (format: SheetFormat, lang: string) => linkTo('/api/migration/template', { format, lang: langQuery(lang) });

/** The register the user may read, filtered like the list, as XLSX or CSV (needs the token). */
export async function downloadRegister(f: SystemFilter, format: SheetFormat, lang: string, filename: string, fallbackMessage: string) {
  const query: QueryOf<'/api/migration/systems/export'> = { ...filterQuery(f), format, lang: langQuery(lang) };
  saveBlob(await dataOf(client.GET('/api/migration/systems/export', { params: { query }, parseAs: 'blob' }), { fallbackMessage }), `${filename}.${format}`);
}

/** What each transition of the sub-center takes (POST /api/migration/systems/:id/<action>). */
export type TransitionBodies = { [A in MigrationAction]: RequestBody<`/api/migration/systems/{id}/${A}`, 'post'> };

export const takeTransition = <A extends MigrationAction>(id: string, etag: string | null, action: A, body: TransitionBodies[A]) =>
  call(client.POST(`/api/migration/systems/{id}/${action as MigrationAction}`, { params: { ...system(id), header: ifMatch(etag) }, body }));
