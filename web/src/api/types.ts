// The shapes the console reads, as the API documents them (GET /api/openapi.json). Catalog shapes are the
// server's own types, imported from catalog/view.ts and catalog/diff.ts.
import type { CatalogView, OfferingView, PlanView, RevisionSummary, CategoryCode } from '@catalog/view';
import type { CatalogDiff, DiffEntry, FieldChange } from '@catalog/diff';
import type { ChangeRequestInput, FilingInput, FilingService } from '@projects/filings';
import type { InformationResourceInput, ProjectType } from '@projects/validation-input';
import { FILING_STATES, REVIEW_DIMENSIONS, type ProjectState } from '@projects/workflow';
import type { AllowedAction } from './actions';
import type { SessionUser } from './session';

export type { CatalogView, OfferingView, PlanView, RevisionSummary, CategoryCode, CatalogDiff, DiffEntry, FieldChange, InformationResourceInput };

export interface LoginResponse {
  token: string;
  expiresAt: string;
  idleTimeoutMinutes: number;
  user: SessionUser;
}

export interface PublishedCatalog {
  revision: { number: number; title: string; publishedAt: string };
  offerings: OfferingView[];
}

export interface RevisionReview {
  body: string;
  decision: string;
  comment: string | null;
  round: number;
  reviewer: string;
  at: string;
}

export type RevisionDetail = CatalogView & { reviews: RevisionReview[] };

/** The server's own project states, project types and Art. 8 review dimensions. */
export type ProjectStatus = ProjectState;
export type { ProjectType };
export { REVIEW_DIMENSIONS };
export type ReviewDimension = (typeof REVIEW_DIMENSIONS)[number];
export type Opinion = 'PASS' | 'CONCERN' | 'FAIL';

/** The states in which a unit files: the filings and resources tabs are shown in them. */
export { FILING_STATES };

/** What the server's filing service takes after establishment (projects/filings.ts). */
export type { FilingInput, ChangeRequestInput };
export type ChangeReviewInput = Parameters<FilingService['reviewChange']>[3];
export type RectificationInput = Parameters<FilingService['issueRectification']>[2];
/** Art. 23: suspend, resume or terminate a project */
export type GovernAction = Parameters<FilingService['govern']>[3];
/** A calendar date in Asia/Shanghai, YYYY-MM-DD, as the server types it. */
export type LocalDate = NonNullable<RectificationInput['issuedDate']>;
/** The data of a CHANGE_REQUEST filing: the request and the catalog revision its lines were checked against. */
export type ChangeRequestData = ChangeRequestInput & { catalogRevision: number };

export interface ResourceLine {
  lineNo: number;
  planCode: string;
  quantity: number;
  purpose: string;
}

export interface ProjectDocument {
  id: string;
  kind: DocumentKind;
  filename: string;
  contentType: string;
  size: number;
  sm3: string;
  filingId: string | null;
  createdAt: string;
}

export type DocumentKind =
  | 'PROPOSAL'
  | 'FEASIBILITY'
  | 'PRELIMINARY_DESIGN'
  | 'INVESTMENT_ESTIMATE'
  | 'CONTRACT'
  | 'SUPERVISION'
  | 'PROGRESS'
  | 'CHANGE_REQUEST'
  | 'ACCEPTANCE'
  | 'ACCEPTANCE_REPORT'
  | 'SELF_EVALUATION'
  | 'RECTIFICATION_REPORT'
  | 'OTHER';

export interface ProjectReview {
  stage: string;
  decision: string;
  dimensions: Partial<Record<ReviewDimension, { opinion: Opinion; comment: string }>> | null;
  comment: string | null;
  approvedAmount: number | null;
  reviewerId: string;
  at: string;
}

export interface Objection {
  id: string;
  submitter: string;
  content: string;
  resolution: string | null;
  at: string;
}

export interface ProjectNotice {
  id: string;
  title: string;
  content: string;
  amount: number;
  startDate: string;
  endDate: string;
  closedAt: string | null;
  objections: Objection[];
}

export interface Filing {
  id: string;
  kind: string;
  data: Record<string, unknown>;
  filedById: string;
  at: string;
}

export interface ProjectDeadline {
  id: string;
  ruleCode: string;
  title: string;
  article: string | null;
  workingDays: number;
  startDate: string;
  dueDate: string;
  provisional: boolean;
  metAt: string | null;
}

export interface Project {
  /** what the project offers its reader now (the server decides) */
  allowedActions: AllowedAction[];
  id: string;
  code: string;
  name: string;
  type: ProjectType;
  status: ProjectStatus;
  /** why GIA suspended or terminated it */
  statusReason: string | null;
  org: { id: string; code: string; name: string; kind: string };
  budgetYear: number;
  totalBudget: number;
  description: string;
  components: string[];
  performanceGoals: { indicator: string; target: string }[];
  emergency: boolean;
  emergencyConsentRef: string | null;
  privateNetwork: boolean;
  privateNetworkApprovalRef: string | null;
  catalogRevision: number;
  approvedBudget: number | null;
  approvalNumber: string | null;
  submittedAt: string | null;
  establishedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  lines: ResourceLine[];
  informationResources: InformationResourceInput[];
  documents: ProjectDocument[];
  reviews: ProjectReview[];
  notices: ProjectNotice[];
  filings: Filing[];
  deadlines: ProjectDeadline[];
  entitlements: { planCode: string; quantity: number; catalogRevision: number }[];
}

export interface ProjectSummary {
  id: string;
  code: string;
  name: string;
  type: ProjectType;
  status: ProjectStatus;
  orgId: string;
  orgName?: string;
  budgetYear: number;
  totalBudget: number;
  approvedBudget: number | null;
  submittedAt: string | null;
  establishedAt: string | null;
  updatedAt: string;
  version: number;
  waitingWorkingDays?: number;
}

export interface Page<T> {
  total: number;
  page: number;
  pageSize: number;
  items: T[];
}

export type QueueStage = 'GIA_REVIEW' | 'BUDGET_REVIEW' | 'BUDGET_APPROVED' | 'PUBLIC_NOTICE' | 'CHANGE_REVIEW';

/** A deadline as /api/deadlines lists it: the project's deadline, counted to today, with its project. */
export interface DeadlineItem extends ProjectDeadline {
  workingDaysLeft: number | null;
  overdue: boolean;
  project: { id: string; code: string; name: string; orgName: string };
}

export interface PublicNotice {
  id: string;
  title: string;
  content: string;
  amount: number;
  startDate: string;
  endDate: string;
  project: { code: string; name: string; orgName: string };
  objections: number;
}

export interface ProvisionedResource {
  id: string;
  kind: string;
  name: string;
  namespace: string;
  planCode: string | null;
  requestId: string | null;
  state: string;
  detail: string | null;
  credentialsRevealed: boolean;
  updatedAt: string;
}

export interface EntitlementUsage {
  planCode: string;
  entitled: number;
  used: number;
  left: number;
}

export interface ProjectResources {
  namespace: string;
  driver: string;
  clusterConnected: boolean;
  /** the tenant as a whole: NONE, FAILED, DRIFTED, PROVISIONING or READY */
  state: string;
  resources: ProvisionedResource[];
  entitlement: EntitlementUsage[];
  drift: { kind: string; name: string; reason: string }[] | null;
  /** when the last drift check (scheduled or asked for) finished */
  driftCheckedAt: string | null;
}

export interface ResourceRequestInput {
  items: { planCode: string; quantity: number }[];
  environment: 'production' | 'test';
  networkZone: 'egov-extranet' | 'internet';
  contacts: { name: string; phone: string; email?: string }[];
  sshPublicKeys: string[];
}

export interface ResourceRequest {
  /** what the request offers its reader now (the server decides) */
  allowedActions: AllowedAction[];
  id: string;
  code: string;
  status: string;
  version: number;
  createdAt?: string;
  items?: { planCode: string; quantity: number }[];
}
