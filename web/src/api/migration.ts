// The register of legacy systems (政务信息系统目录, Art. 5): list, register, change and withdraw (If-Match), the
// history of a system, the sub-center's assessment and transitions, the spreadsheet import (all rows or none), and the template and export files.
// States, strategies and hosting types are the board's (./board); the register fields are the server's own types.
import type { AssessmentInput, RegisterInput } from '@migration/register-input';
import type { Level, XinchuangStatus } from '@migration/vocabulary';
import type { MigrationAction, MigrationTransitionAction } from '@migration/workflow';
import type { AllowedAction } from './actions';
import { HOSTING_TYPES, type MigrationState, STRATEGIES } from './board';
import { api, buildUrl, get } from './client';
import { downloadWithToken } from './download';
import type { RuleViolation } from './errors';
import type { Page } from './types';

export type HostingType = (typeof HOSTING_TYPES)[number];
export type Strategy = (typeof STRATEGIES)[number];
export type { MigrationState, XinchuangStatus, Level, MigrationAction };

/** What a department fills in (POST /api/migration/systems); a change sends some of it (PATCH). */
export type SystemInput = RegisterInput;

/** A registered system as GET /api/migration/systems/:id answers. */
export interface MigrationSystem {
  /** what the system offers its reader now (the server decides) */
  allowedActions: AllowedAction[];
  id: string;
  code: string;
  name: string;
  org: { id: string; code: string; name: string; kind: string };
  purpose: string;
  hosting: HostingType;
  location: string | null;
  mlpsLevel: number | null;
  mlpsFilingNo: string | null;
  classified: boolean;
  exempt: boolean;
  os: string | null;
  database: string | null;
  middleware: string | null;
  xinchuang: XinchuangStatus | null;
  dataVolumeGb: number | null;
  userCount: number | null;
  dependencies: string[];
  contacts: { name: string; phone: string; email?: string }[];
  annualOmCost: number | null;
  strategy: Strategy | null;
  effort: Level | null;
  risk: Level | null;
  targetPlanCodes: string[];
  blockingIssues: string[];
  assessedAt: string | null;
  status: MigrationState;
  blockedReason: string | null;
  wave: { id: string; name: string; startDate: string; endDate: string } | null;
  migratedAt: string | null;
  decommissionedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface SystemHistoryEntry {
  /** register | import | update | reassess | assess | plan | start | cut-over | verify | decommission | block | unblock */
  action: string;
  fromStatus: MigrationState | null;
  toStatus: MigrationState;
  reason: string | null;
  detail: Record<string, unknown> | null;
  actorName: string | null;
  at: string;
}

export interface MigrationWave {
  id: string;
  name: string;
  startDate: string;
  endDate: string;
}

export interface SystemFilter {
  status?: MigrationState[];
  hosting?: HostingType[];
  waveId?: string;
  outsideCityCloud?: boolean;
  q?: string;
}

/** What an accepted import registered: every row of the file, numbered firstCode … lastCode. */
export interface ImportResult {
  imported: number;
  skippedEmptyRows: number;
  firstCode: string;
  lastCode: string;
}

/** A rejected import's problem (422): the row, the column and cell, and the reason in the user's language. */
export interface ImportProblem extends RuleViolation {
  line: number;
  column?: string;
  cell?: string;
}

export type SheetFormat = 'xlsx' | 'csv';

const path = (id: string, rest = '') => `/api/migration/systems/${encodeURIComponent(id)}${rest}`;
const filterQuery = (f: SystemFilter) => ({
  status: f.status,
  hosting: f.hosting,
  waveId: f.waveId,
  outsideCityCloud: f.outsideCityCloud ? 'true' : undefined,
  q: f.q,
});
const langQuery = (lang: string) => (lang === 'en' ? 'en' : undefined);

export const listSystems = (f: SystemFilter & { page: number; pageSize: number }, signal?: AbortSignal) =>
  get<Page<MigrationSystem>>('/api/migration/systems', { ...filterQuery(f), page: f.page, pageSize: f.pageSize }, signal);

export const fetchSystem = (id: string, signal?: AbortSignal) => api<MigrationSystem>(path(id), { signal });

export const fetchSystemHistory = (id: string, signal?: AbortSignal) =>
  get<{ id: string; code: string; items: SystemHistoryEntry[] }>(path(id, '/history'), undefined, signal);

export const createSystem = (body: SystemInput) => api<MigrationSystem>('/api/migration/systems', { method: 'POST', body });

export const updateSystem = (id: string, etag: string | null, body: Partial<SystemInput>) =>
  api<MigrationSystem>(path(id), { method: 'PATCH', ifMatch: etag, body });

/** Withdraws a registration made in error (before assessment). */
export const withdrawSystem = (id: string, etag: string | null) => api<null>(path(id), { method: 'DELETE', ifMatch: etag });

export const createWave = (body: { name: string; startDate: string; endDate: string; description?: string }) =>
  api<MigrationWave>('/api/migration/waves', { method: 'POST', body });

export const fetchWaves = (signal?: AbortSignal) => get<{ items: MigrationWave[] }>('/api/migration/waves', undefined, signal);

/** Posts a spreadsheet (XLSX or CSV) as the multipart field `file`; a 422 carries every problem (ImportProblem). */
export function importRegister(file: File) {
  const form = new FormData();
  form.set('file', file, file.name);
  return api<ImportResult>('/api/migration/systems/import', { method: 'POST', form });
}

/** The empty template: public, so a link the browser downloads itself (the server names the file). */
export const templateUrl = (format: SheetFormat, lang: string) => buildUrl('/api/migration/template', { format, lang: langQuery(lang) });

/** The register the user may read, filtered like the list, as XLSX or CSV (needs the token). */
export const downloadRegister = (f: SystemFilter, format: SheetFormat, lang: string, filename: string, fallbackMessage: string) =>
  downloadWithToken(buildUrl('/api/migration/systems/export', { ...filterQuery(f), format, lang: langQuery(lang) }), `${filename}.${format}`, fallbackMessage);

/** What each transition of the sub-center takes (POST /api/migration/systems/:id/<action>). */
export interface TransitionBodies {
  assess: AssessmentInput & { note?: string };
  plan: { waveId: string; note?: string };
  unplan: { note?: string };
  start: { note?: string };
  'cut-over': { note?: string };
  verify: { projectId: string; note?: string };
  decommission: { note?: string };
  block: { reason: string };
  unblock: { note?: string };
}

export const takeTransition = <A extends MigrationTransitionAction>(id: string, etag: string | null, action: A, body: TransitionBodies[A]) =>
  api<MigrationSystem>(path(id, `/${action}`), { method: 'POST', ifMatch: etag, body });
