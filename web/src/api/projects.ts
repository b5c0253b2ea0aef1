// Projects: drafting, lines, information resources, documents, submission, review, notice, establishment, filings,
// and after establishment: change requests and their review, rectification notices, suspension and termination.
import type { LineInput, ProjectBasics } from '@projects/validation-input';
import { api, get } from './client';
import type {
  ChangeRequestInput,
  ChangeReviewInput,
  DocumentKind,
  FilingInput,
  GovernAction,
  InformationResourceInput,
  Opinion,
  Page,
  Project,
  ProjectStatus,
  ProjectSummary,
  QueueStage,
  RectificationInput,
  ReviewDimension,
} from './types';

/** the server's own input types */
export type { ChangeRequestInput, ChangeReviewInput, FilingInput, GovernAction, LineInput, ProjectBasics, RectificationInput };

const path = (id: string, rest = '') => `/api/projects/${encodeURIComponent(id)}${rest}`;

export const listProjects = (query: { status?: ProjectStatus[]; q?: string; page?: number; pageSize?: number } = {}, signal?: AbortSignal) =>
  get<Page<ProjectSummary>>('/api/projects', { ...query, status: query.status }, signal);

export const fetchQueue = (stage: QueueStage, signal?: AbortSignal) =>
  get<Page<ProjectSummary> & { stage: QueueStage }>('/api/projects/queue', { stage, pageSize: 200 }, signal);

export const fetchProject = (id: string, signal?: AbortSignal) => api<Project>(path(id), { signal });

export const createProject = (body: ProjectBasics) => api<Project>('/api/projects', { method: 'POST', body });

export const updateProject = (id: string, etag: string | null, body: Partial<ProjectBasics>) =>
  api<Project>(path(id), { method: 'PATCH', ifMatch: etag, body });

export const addLine = (id: string, etag: string | null, line: LineInput) => api<Project>(path(id, '/lines'), { method: 'POST', ifMatch: etag, body: line });

export const updateLine = (id: string, etag: string | null, lineNo: number, line: LineInput) =>
  api<Project>(path(id, `/lines/${lineNo}`), { method: 'PUT', ifMatch: etag, body: line });

export const removeLine = (id: string, etag: string | null, lineNo: number) => api<Project>(path(id, `/lines/${lineNo}`), { method: 'DELETE', ifMatch: etag });

export const replaceInformationResources = (id: string, etag: string | null, items: InformationResourceInput[]) =>
  api<Project>(path(id, '/information-resources'), { method: 'PUT', ifMatch: etag, body: { items } });

export function uploadDocument(id: string, kind: DocumentKind, file: File) {
  const form = new FormData();
  form.set('kind', kind);
  form.set('file', file, file.name);
  return api<{ id: string; sm3: string }>(path(id, '/documents'), { method: 'POST', form });
}

export const documentUrl = (id: string, documentId: string) => path(id, `/documents/${documentId}`);

export const submitProject = (id: string, etag: string | null) => api<Project>(path(id, '/submit'), { method: 'POST', ifMatch: etag });

export interface ReviewInput {
  decision: 'APPROVE' | 'RETURN' | 'REJECT';
  dimensions: Record<ReviewDimension, { opinion: Opinion; comment: string }>;
  comment?: string;
}

export const reviewProject = (id: string, etag: string | null, body: ReviewInput) => api<Project>(path(id, '/review'), { method: 'POST', ifMatch: etag, body });

export interface BudgetReviewInput {
  decision: 'APPROVE' | 'RETURN';
  approvedAmount?: number;
  comment?: string;
}

export const budgetReview = (id: string, etag: string | null, body: BudgetReviewInput) =>
  api<Project>(path(id, '/budget-review'), { method: 'POST', ifMatch: etag, body });

export interface NoticeInput {
  startDate: string;
  endDate: string;
  title?: string;
  content?: string;
}

export const openNotice = (id: string, etag: string | null, body: NoticeInput) => api<Project>(path(id, '/notice'), { method: 'POST', ifMatch: etag, body });

export const establishProject = (id: string, etag: string | null, approvalNumber?: string) =>
  api<Project>(path(id, '/establish'), { method: 'POST', ifMatch: etag, body: approvalNumber ? { approvalNumber } : {} });

export const fileFiling = (id: string, body: FilingInput) => api<Project>(path(id, '/filings'), { method: 'POST', body });

export interface AcceptanceInput {
  acceptanceDate: string;
  evidence: { dataSharingConnected: boolean; informationResourcesProvided: boolean; onGovernmentCloud: boolean; secureControllableChecked: boolean };
  summary: string;
}

export const fileAcceptance = (id: string, etag: string | null, body: AcceptanceInput) =>
  api<Project>(path(id, '/acceptance'), { method: 'POST', ifMatch: etag, body });

/** Art. 15: the lines as they should be after the change, and why; the project goes back to GIA. */
export const requestChange = (id: string, etag: string | null, body: ChangeRequestInput) =>
  api<Project>(path(id, '/change-request'), { method: 'POST', ifMatch: etag, body });

/** GIA's decision on a change request: approval replaces the lines and the entitlement. */
export const reviewChange = (id: string, etag: string | null, body: ChangeReviewInput) =>
  api<Project>(path(id, '/change-review'), { method: 'POST', ifMatch: etag, body });

/** Art. 24: a rectification notice; the results are due within 10 working days. */
export const issueRectification = (id: string, etag: string | null, body: RectificationInput) =>
  api<Project>(path(id, '/rectification-notices'), { method: 'POST', ifMatch: etag, body });

/** Art. 23: suspend, resume or terminate (irreversible) a project, with the reason. */
export const governProject = (id: string, etag: string | null, action: GovernAction, reason: string) =>
  api<Project>(path(id, `/${action}`), { method: 'POST', ifMatch: etag, body: { reason } });
