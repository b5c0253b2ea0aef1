// What each project action takes as input (the API's zod schemas in api/routers/projects.ts produce these).
import type { LocalDate } from '../core/calendar/working-days.js';
import type { InformationResourceInput, LineInput, ProjectBasics } from './validation-input.js';
import type { REVIEW_DIMENSIONS } from './workflow.js';

export type Opinion = 'PASS' | 'CONCERN' | 'FAIL';
export type ReviewDimensions = Record<(typeof REVIEW_DIMENSIONS)[number], { opinion: Opinion; comment: string }>;

export interface ReviewInput {
  decision: 'APPROVE' | 'RETURN' | 'REJECT';
  dimensions: ReviewDimensions;
  comment?: string;
}

export interface BudgetReviewInput {
  decision: 'APPROVE' | 'RETURN';
  approvedAmount?: number;
  comment?: string;
}

export interface NoticeInput {
  startDate: LocalDate;
  endDate: LocalDate;
  title?: string;
  content?: string;
}

export type FilingKind = 'CONTRACT' | 'SUPERVISION' | 'PROGRESS' | 'ACCEPTANCE_REPORT' | 'SELF_EVALUATION' | 'RECTIFICATION_REPORT';

export type FilingInput =
  | { kind: 'CONTRACT'; signedDate: LocalDate; contractNo: string; contractor: string; amount: number }
  | { kind: 'SUPERVISION'; unit: string; chosenDate: LocalDate; contractNo?: string }
  | { kind: 'PROGRESS'; period: string; progressPercent: number; fundsUsed: number; summary: string }
  | { kind: 'ACCEPTANCE_REPORT'; summary: string }
  | { kind: 'SELF_EVALUATION'; year: number; summary: string; selfScore?: number }
  | { kind: 'RECTIFICATION_REPORT'; deadlineId: string; summary: string };

export interface AcceptanceInput {
  acceptanceDate: LocalDate;
  evidence: {
    dataSharingConnected: boolean;
    informationResourcesProvided: boolean;
    onGovernmentCloud: boolean;
    secureControllableChecked: boolean;
  };
  summary: string;
}

export interface ChangeRequestInput {
  reason: string;
  /** the resource lines as they should be after the change; a change of scope goes back to GIA */
  lines: { planCode: string; quantity: number; purpose: string }[];
}

/** A document already stored (core/files/store.ts), to be recorded with the project. */
export interface StoredDocument {
  kind: string;
  filename: string;
  contentType: string;
  size: number;
  sm3: string;
  storageKey: string;
}

/** The edits of an application while it is drafted or returned. */
export type DraftEdit =
  | { op: 'basics'; patch: Partial<ProjectBasics> }
  | { op: 'add-line'; line: LineInput }
  | { op: 'update-line'; lineNo: number; line: LineInput }
  | { op: 'remove-line'; lineNo: number }
  | { op: 'resources'; items: InformationResourceInput[] }
  | { op: 'document'; document: StoredDocument };

export type GovernInput = { reason: string };
