// What each project action takes as input (the API's zod schemas in api/routers/projects.ts produce these).
import type { z } from 'zod';
import type { LocalDate } from '../core/calendar/working-days.js';
import type { acceptanceInputSchema, changeRequestInputSchema, filingInputSchema } from './project-schema.js';
import type { InformationResourceInput, LineInput, ProjectBasics } from './validation-input.js';
import type { EVALUATION_DIMENSIONS, EVALUATION_GRADES, REVIEW_DIMENSIONS } from './workflow.js';

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

// declared once, as the API's zod schemas (projects/project-schema.ts)
export type FilingInput = z.infer<typeof filingInputSchema>;
export type FilingKind = FilingInput['kind'];
export type AcceptanceInput = z.infer<typeof acceptanceInputSchema>;
export type ChangeRequestInput = z.infer<typeof changeRequestInputSchema>;

/** A document already stored (core/files/store.ts), to be recorded with the project. */
export interface StoredDocument {
  kind: string;
  filename: string;
  contentType: string;
  size: number;
  sm3: string;
  /** its content in the file store */
  contentSha256: string;
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

/** GIA's effectiveness evaluation (Art. 24): each dimension scored 0–100 with a comment, a grade and a conclusion. */
export interface EvaluationInput {
  dimensions: Record<(typeof EVALUATION_DIMENSIONS)[number], { score: number; comment?: string }>;
  grade: (typeof EVALUATION_GRADES)[number];
  conclusion: string;
}
