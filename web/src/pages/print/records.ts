// Which official records a project has, where each prints, and the parts of the project each is drawn from. The
// buttons on the review page and the department's project detail, and the print routes, read this one list.
import type { Filing, Project, ProjectNotice, ProjectReview } from '../../api/projects';
import type { MessageKey } from '../../i18n';

export const PROJECT_RECORDS = ['review-opinion', 'budget-opinion', 'notice', 'acceptance'] as const;
export type ProjectRecord = (typeof PROJECT_RECORDS)[number];

const latest = <T,>(items: T[]): T | undefined => items[items.length - 1];

/** The latest review of a stage (the reviews come oldest first). */
export const latestReview = (p: Project, stage: ProjectReview['stage']) => latest(p.reviews.filter((r) => r.stage === stage));
export const latestNotice = (p: Project): ProjectNotice | undefined => latest(p.notices);
export const acceptanceOf = (p: Project) => latest(p.filings.filter((f): f is Extract<Filing, { kind: 'ACCEPTANCE' }> => f.kind === 'ACCEPTANCE'));
/** GIA, who reviews under Art. 8, posts the notice and receives the acceptance filing: named by its latest review. */
export const giaOf = (p: Project): string => latestReview(p, 'GIA_REVIEW')?.reviewer.orgName ?? '—';

const EXISTS: Record<ProjectRecord, (p: Project) => boolean> = {
  'review-opinion': (p) => latestReview(p, 'GIA_REVIEW') !== undefined,
  'budget-opinion': (p) => latestReview(p, 'BUDGET_REVIEW') !== undefined,
  notice: (p) => latestNotice(p) !== undefined,
  acceptance: (p) => acceptanceOf(p) !== undefined,
};

export const RECORD_NAMES: Record<ProjectRecord | 'handover', MessageKey> = {
  'review-opinion': 'print.reviewOpinion.menu',
  'budget-opinion': 'print.budgetOpinion.menu',
  notice: 'print.notice.menu',
  acceptance: 'print.acceptance.menu',
  handover: 'print.handover.menu',
};

/** The records the project has, in the order they are made. */
export const recordsOf = (p: Project): ProjectRecord[] => PROJECT_RECORDS.filter((r) => EXISTS[r](p));

export const projectRecordPath = (projectId: string, record: ProjectRecord) => `/print/projects/${projectId}/${record}`;
export const handoverPath = (requestId: string) => `/print/requests/${requestId}/handover`;
