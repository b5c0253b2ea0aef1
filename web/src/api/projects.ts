// Projects: drafting, lines, information resources, documents, submission, review, notice, establishment, filings,
// and after establishment: change requests and their review, rectification notices, suspension and termination.
import { saveBlob } from './download';
import { call, client, dataOf, formData, ifMatch, langQuery, type QueryOf, type RequestBody, type Schemas } from './client';

/** The server's state machine (which states allow which action), the states in which a unit files, and the
 * Art. 8 review dimensions: the server's own values. */
export { ENTITLED_STATES, FILING_STATES, REVIEW_DIMENSIONS } from '@projects/workflow';
import { PROJECT_MACHINE, type ProjectAction } from '@projects/workflow';

/** The project is in a state its machine lets `action` be taken from (by someone: who, is allowedActions). */
export const inStateFor = (action: ProjectAction, status: string): boolean => (PROJECT_MACHINE.actions[action].from as readonly string[]).includes(status);
/** Back with its unit for revision: editable again after it left the machine's first state (the draft). */
export const returnedForRevision = (status: string): boolean => status !== PROJECT_MACHINE.states[0] && inStateFor('update', status);
/** The project is in a state `action` leads to (e.g. 'suspend': suspended), as its machine says. */
export const inStateAfter = (action: ProjectAction, status: string): boolean => (PROJECT_MACHINE.actions[action].to as readonly string[]).includes(status);

export type Project = Schemas['Project'];
export type ProjectStatus = Schemas['ProjectStatus'];
export type ProjectType = Schemas['ProjectType'];
export type ProjectSummary = Schemas['ProjectListItem'];
export type QueueItem = Schemas['QueueItem'];
export type QueueStage = Schemas['QueueStage'];
export type ResourceLine = Schemas['ResourceLine'];
export type InformationResource = Schemas['InformationResource'];
export type ProjectDocument = Schemas['ProjectDocument'];
export type DocumentKind = Schemas['DocumentKind'];
export type ProjectReview = Schemas['ProjectReview'];
export type ReviewDimension = keyof Schemas['ReviewDimensions'];
export type Opinion = Schemas['ReviewOpinion']['opinion'];
export type ProjectNotice = Schemas['ProjectNotice'];
export type Objection = Schemas['Objection'];
export type Filing = Schemas['Filing'];
export type ProjectDeadline = Schemas['Deadline'];
/** The data of a CHANGE_REQUEST filing: the request and the catalog revision its lines were checked against. */
export type ChangeRequestData = Extract<Filing, { kind: 'CHANGE_REQUEST' }>['data'];

const project = (id: string) => ({ path: { id } });
const change = (id: string, etag: string | null) => ({ path: { id }, header: ifMatch(etag) });

export type ProjectBasics = RequestBody<'/api/projects', 'post'>;
export type LineInput = Schemas['LineInput'];
export type ReviewInput = RequestBody<'/api/projects/{id}/review', 'post'>;
export type BudgetReviewInput = RequestBody<'/api/projects/{id}/budget-review', 'post'>;
export type NoticeInput = RequestBody<'/api/projects/{id}/notice', 'post'>;
export type FilingInput = Schemas['FilingInput'];
export type AcceptanceInput = Schemas['AcceptanceInput'];
export type ChangeRequestInput = Schemas['ChangeRequestInput'];
export type ChangeReviewInput = RequestBody<'/api/projects/{id}/change-review', 'post'>;
export type RectificationInput = RequestBody<'/api/projects/{id}/rectification-notices', 'post'>;
/** Art. 23: suspend, resume or terminate a project */
export type GovernAction = 'suspend' | 'resume' | 'terminate';

export const listProjects = (query: QueryOf<'/api/projects'> | Record<string, string | number | string[]> = {}, signal?: AbortSignal) =>
  dataOf(client.GET('/api/projects', { params: { query: query as QueryOf<'/api/projects'> }, signal }));

/** The queues the reader decides in, with what waits in each (none for those who decide nothing). */
export const fetchQueues = (signal?: AbortSignal) => dataOf(client.GET('/api/projects/queues', { signal }));
/** A page of a queue, oldest submission first unless sorted; search, filters and sort as the list's (ProjectFilters). */
export const fetchQueue = (stage: QueueStage, signal?: AbortSignal, opts: Omit<QueryOf<'/api/projects/queue'>, 'stage'> | Record<string, string | number> = {}) =>
  dataOf(client.GET('/api/projects/queue', { params: { query: { page: 1, pageSize: 200, ...opts, stage } as QueryOf<'/api/projects/queue'> }, signal }));

/** The other submitted projects of the project's organisation, newest first, with how each fared. */
export type OrgHistory = Schemas['OrgHistory'];
export const fetchOrgHistory = (id: string, signal?: AbortSignal) => dataOf(client.GET('/api/projects/{id}/org-history', { params: project(id), signal }));

/** The reviewer's own draft of GIA's review and of Finance's budget review, saved as they type. */
export type GiaReviewDraft = Schemas['GiaReviewDraft'];
export type BudgetReviewDraft = Schemas['BudgetReviewDraft'];
export const fetchReviewDraft = (id: string, signal?: AbortSignal) => dataOf(client.GET('/api/projects/{id}/review/draft', { params: project(id), signal }));
export const saveReviewDraft = (id: string, body: GiaReviewDraft) => dataOf(client.PUT('/api/projects/{id}/review/draft', { params: project(id), body }));
export const fetchBudgetReviewDraft = (id: string, signal?: AbortSignal) => dataOf(client.GET('/api/projects/{id}/budget-review/draft', { params: project(id), signal }));
export const saveBudgetReviewDraft = (id: string, body: BudgetReviewDraft) => dataOf(client.PUT('/api/projects/{id}/budget-review/draft', { params: project(id), body }));

export const fetchProject = (id: string, signal?: AbortSignal) => call(client.GET('/api/projects/{id}', { params: project(id), signal }));

export const createProject = (body: ProjectBasics) => call(client.POST('/api/projects', { body }));

export const updateProject = (id: string, etag: string | null, body: RequestBody<'/api/projects/{id}', 'patch'>) =>
  call(client.PATCH('/api/projects/{id}', { params: change(id, etag), body }));

export const addLine = (id: string, etag: string | null, line: LineInput) => call(client.POST('/api/projects/{id}/lines', { params: change(id, etag), body: line }));

export const updateLine = (id: string, etag: string | null, lineNo: number, line: LineInput) =>
  call(client.PUT('/api/projects/{id}/lines/{lineNo}', { params: { path: { id, lineNo }, header: ifMatch(etag) }, body: line }));

export const removeLine = (id: string, etag: string | null, lineNo: number) =>
  call(client.DELETE('/api/projects/{id}/lines/{lineNo}', { params: { path: { id, lineNo }, header: ifMatch(etag) } }));

export const replaceInformationResources = (id: string, etag: string | null, items: InformationResource[]) =>
  call(client.PUT('/api/projects/{id}/information-resources', { params: change(id, etag), body: { items } }));

export const uploadDocument = (id: string, kind: DocumentKind, file: File) =>
  call(client.POST('/api/projects/{id}/documents', { params: project(id), body: { kind, file }, bodySerializer: formData }));

/** A document's content, with the token (for the browser to save). */
export const downloadDocument = (id: string, documentId: string, fallbackMessage: string) =>
  dataOf(client.GET('/api/projects/{id}/documents/{documentId}', { params: { path: { id, documentId } }, parseAs: 'blob' }), { fallbackMessage });

export const submitProject = (id: string, etag: string | null) => call(client.POST('/api/projects/{id}/submit', { params: change(id, etag) }));

export const reviewProject = (id: string, etag: string | null, body: ReviewInput) => call(client.POST('/api/projects/{id}/review', { params: change(id, etag), body }));

export const budgetReview = (id: string, etag: string | null, body: BudgetReviewInput) =>
  call(client.POST('/api/projects/{id}/budget-review', { params: change(id, etag), body }));

export const openNotice = (id: string, etag: string | null, body: NoticeInput) => call(client.POST('/api/projects/{id}/notice', { params: change(id, etag), body }));

export const establishProject = (id: string, etag: string | null, approvalNumber?: string) =>
  call(client.POST('/api/projects/{id}/establish', { params: change(id, etag), body: approvalNumber ? { approvalNumber } : {} }));

export const fileFiling = (id: string, body: FilingInput) => call(client.POST('/api/projects/{id}/filings', { params: project(id), body }));

export const fileAcceptance = (id: string, etag: string | null, body: AcceptanceInput) =>
  call(client.POST('/api/projects/{id}/acceptance', { params: change(id, etag), body }));

/** Art. 15: the lines as they should be after the change, and why; the project goes back to GIA. */
export const requestChange = (id: string, etag: string | null, body: ChangeRequestInput) =>
  call(client.POST('/api/projects/{id}/change-request', { params: change(id, etag), body }));

/** GIA's decision on a change request: approval replaces the lines and the entitlement. */
export const reviewChange = (id: string, etag: string | null, body: ChangeReviewInput) =>
  call(client.POST('/api/projects/{id}/change-review', { params: change(id, etag), body }));

/** Art. 24: a rectification notice; the results are due within 10 working days. */
export const issueRectification = (id: string, etag: string | null, body: RectificationInput) =>
  call(client.POST('/api/projects/{id}/rectification-notices', { params: change(id, etag), body }));

/** Art. 23: suspend, resume or terminate (irreversible) a project, with the reason. */
export const governProject = (id: string, etag: string | null, action: GovernAction, reason: string) =>
  call(client.POST(`/api/projects/{id}/${action}`, { params: change(id, etag), body: { reason } }));
