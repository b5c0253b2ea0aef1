// The project state machine (Art. 6–24) as data: the runner (core/workflow/runner.ts) takes every change of a
// project from it, the permissions read their state conditions from it, and docs/architecture.md draws it.
import { defineTable } from '../core/workflow/machine.js';
import type { FilingKind } from './inputs.js';

export const PROJECT_STATES = [
  'DRAFT',
  'GIA_REVIEW',
  'RETURNED',
  'REJECTED',
  'BUDGET_REVIEW',
  'BUDGET_APPROVED',
  'PUBLIC_NOTICE',
  'ESTABLISHED',
  'CHANGE_REVIEW',
  'ACCEPTED',
  'SUSPENDED',
  'TERMINATED',
] as const;
export type ProjectState = (typeof PROJECT_STATES)[number];

/** States in which a project's application may still be edited. */
export const EDITABLE_STATES = ['DRAFT', 'RETURNED'] as const satisfies readonly ProjectState[];
/** The states whose projects are entitled to resources (their entitlement is the provisioning ceiling). */
export const ENTITLED_STATES = ['ESTABLISHED', 'CHANGE_REVIEW', 'ACCEPTED'] as const satisfies readonly ProjectState[];
/** States in which an implementing unit files (contracts, reports, rectification results). */
export const FILING_STATES = ['ESTABLISHED', 'CHANGE_REVIEW', 'ACCEPTED', 'SUSPENDED'] as const satisfies readonly ProjectState[];
type FilingState = (typeof FILING_STATES)[number];
/** States in which GIA evaluates a project's effectiveness (Art. 24): built or accepted, in use. */
export const EVALUATED_STATES = ['ESTABLISHED', 'CHANGE_REVIEW', 'ACCEPTED'] as const satisfies readonly ProjectState[];

/**
 * The filings each state takes: while it is built, everything of Art. 13–17, 21 and 24; once accepted, no more
 * contracts or supervision; while funding is suspended (Art. 23), progress and rectification reports only.
 * Rectification reports answer an open rectification notice (Art. 24) in any of them.
 */
export const FILING_KINDS: Record<FilingState, readonly FilingKind[]> = {
  ESTABLISHED: ['CONTRACT', 'SUPERVISION', 'PROGRESS', 'SELF_EVALUATION', 'ACCEPTANCE_REPORT', 'RECTIFICATION_REPORT'],
  CHANGE_REVIEW: ['CONTRACT', 'SUPERVISION', 'PROGRESS', 'SELF_EVALUATION', 'ACCEPTANCE_REPORT', 'RECTIFICATION_REPORT'],
  ACCEPTED: ['ACCEPTANCE_REPORT', 'SELF_EVALUATION', 'PROGRESS', 'RECTIFICATION_REPORT'],
  SUSPENDED: ['PROGRESS', 'RECTIFICATION_REPORT'],
};

/** The names of the filings (and of the records the reviews file with the project), as the console and messages show them. */
export const FILING_KIND_LABELS = {
  CONTRACT: { 'zh-CN': '合同备案', en: 'Contract' },
  SUPERVISION: { 'zh-CN': '监理单位备案', en: 'Supervision unit' },
  PROGRESS: { 'zh-CN': '进度报告', en: 'Progress report' },
  ACCEPTANCE_REPORT: { 'zh-CN': '验收报告备案', en: 'Acceptance report' },
  ACCEPTANCE: { 'zh-CN': '竣工验收', en: 'Completion acceptance' },
  SELF_EVALUATION: { 'zh-CN': '年度自评', en: 'Self-evaluation' },
  CHANGE_REQUEST: { 'zh-CN': '变更申请', en: 'Change request' },
  RECTIFICATION_NOTICE: { 'zh-CN': '整改通知', en: 'Rectification notice' },
  RECTIFICATION_REPORT: { 'zh-CN': '整改报告', en: 'Rectification report' },
} as const satisfies Record<string, { 'zh-CN': string; en: string }>;

/** The filings a project in `state` takes (none outside the filing states). */
export const filingKindsIn = (state: ProjectState): readonly FilingKind[] => FILING_KINDS[state as FilingState] ?? [];

export const PROJECT_MACHINE = defineTable({
  subject: 'Project',
  states: PROJECT_STATES,
  stateLabels: {
    DRAFT: { 'zh-CN': '草稿', en: 'Draft' },
    GIA_REVIEW: { 'zh-CN': '政务信息管理局审核中', en: 'In GIA review' },
    RETURNED: { 'zh-CN': '已退回修改', en: 'Returned for revision' },
    REJECTED: { 'zh-CN': '不予批准', en: 'Rejected' },
    BUDGET_REVIEW: { 'zh-CN': '财政预算评审中', en: 'In budget review' },
    BUDGET_APPROVED: { 'zh-CN': '预算已核定', en: 'Budget approved' },
    PUBLIC_NOTICE: { 'zh-CN': '公示中', en: 'On public notice' },
    ESTABLISHED: { 'zh-CN': '已立项', en: 'Established' },
    CHANGE_REVIEW: { 'zh-CN': '变更审核中', en: 'Change in review' },
    ACCEPTED: { 'zh-CN': '已验收', en: 'Accepted' },
    SUSPENDED: { 'zh-CN': '已暂停', en: 'Suspended' },
    TERMINATED: { 'zh-CN': '已终止', en: 'Terminated' },
  },
  stateColours: {
    DRAFT: 'default',
    GIA_REVIEW: 'processing',
    RETURNED: 'warning',
    REJECTED: 'error',
    BUDGET_REVIEW: 'processing',
    BUDGET_APPROVED: 'cyan',
    PUBLIC_NOTICE: 'purple',
    ESTABLISHED: 'success',
    CHANGE_REVIEW: 'processing',
    ACCEPTED: 'green',
    SUSPENDED: 'orange',
    TERMINATED: 'default',
  },
  actions: {
    // the application while it is drafted or returned: basics, resource lines, information resources, documents
    update: { from: EDITABLE_STATES, to: [], ability: 'update', article: '第六条', label: { 'zh-CN': '修改申报材料', en: 'edit the application' } },
    submit: { from: EDITABLE_STATES, to: ['GIA_REVIEW'], ability: 'submit', article: '第六条', label: { 'zh-CN': '提交审核', en: 'submit for review' } },
    review: {
      from: ['GIA_REVIEW'],
      to: ['BUDGET_REVIEW', 'RETURNED', 'REJECTED'],
      ability: 'review',
      decision: true,
      article: '第八条',
      label: { 'zh-CN': '项目审核', en: 'GIA review' },
    },
    'budget-review': { from: ['BUDGET_REVIEW'], to: ['BUDGET_APPROVED', 'RETURNED'], ability: 'budgetReview', decision: true, article: '第九条', label: { 'zh-CN': '预算评审', en: 'budget review' } },
    notice: { from: ['BUDGET_APPROVED'], to: ['PUBLIC_NOTICE'], ability: 'notice', decision: true, article: '第十条', label: { 'zh-CN': '资金分配公示', en: 'public notice' } },
    'resolve-objection': { from: ['PUBLIC_NOTICE'], to: [], ability: 'establish', decision: true, article: '第十条', label: { 'zh-CN': '处理公示异议', en: 'resolve an objection' } },
    establish: { from: ['PUBLIC_NOTICE'], to: ['ESTABLISHED'], ability: 'establish', decision: true, article: '第十条', label: { 'zh-CN': '立项', en: 'establish' } },
    // contracts, supervision, progress, reports, self-evaluation, rectification results and their documents
    file: { from: FILING_STATES, to: [], ability: 'file', article: '第十三条', label: { 'zh-CN': '报送备案', en: 'file' } },
    // a cloud resource request drawing on the entitlement the establishment granted (provisioners/request-create.ts)
    request: { from: ENTITLED_STATES, to: [], ability: 'request', article: '第二十八条', label: { 'zh-CN': '申请云资源', en: 'request cloud resources' } },
    'change-request': { from: ['ESTABLISHED'], to: ['CHANGE_REVIEW'], ability: 'requestChange', article: '第十五条', label: { 'zh-CN': '提交调整申请', en: 'request a change' } },
    'change-review': { from: ['CHANGE_REVIEW'], to: ['ESTABLISHED'], ability: 'changeReview', decision: true, article: '第十五条', label: { 'zh-CN': '审核调整申请', en: 'review a change request' } },
    acceptance: { from: ['ESTABLISHED'], to: ['ACCEPTED'], ability: 'file', article: '第十七条', label: { 'zh-CN': '竣工验收备案', en: 'completion acceptance' } },
    // GIA's effectiveness evaluation (six dimensions), optionally with a rectification notice (evaluations/evaluations.ts)
    evaluate: { from: EVALUATED_STATES, to: [], ability: 'evaluate', decision: true, article: '第二十四条', label: { 'zh-CN': '绩效评价', en: 'evaluate effectiveness' } },
    rectify: { from: FILING_STATES, to: [], ability: 'rectify', decision: true, article: '第二十四条', label: { 'zh-CN': '下达整改通知', en: 'issue a rectification notice' } },
    suspend: { from: ['ESTABLISHED', 'CHANGE_REVIEW', 'ACCEPTED'], to: ['SUSPENDED'], ability: 'suspend', decision: true, article: '第二十三条', label: { 'zh-CN': '暂停拨付资金', en: 'suspend funding' } },
    // back to the state it was suspended in
    resume: { from: ['SUSPENDED'], to: ['ESTABLISHED', 'CHANGE_REVIEW', 'ACCEPTED'], ability: 'resume', decision: true, article: '第二十三条', label: { 'zh-CN': '恢复拨付资金', en: 'resume funding' } },
    terminate: {
      from: ['ESTABLISHED', 'CHANGE_REVIEW', 'ACCEPTED', 'SUSPENDED'],
      to: ['TERMINATED'],
      ability: 'terminate',
      decision: true,
      article: '第二十三条',
      label: { 'zh-CN': '终止项目', en: 'terminate' },
    },
  },
});

export type ProjectAction = keyof typeof PROJECT_MACHINE.actions;

/** The five dimensions of the GIA review (Art. 8). */
export const REVIEW_DIMENSIONS = ['need', 'intensiveness', 'feasibility', 'budget', 'performance'] as const;

/**
 * The dimensions of GIA's effectiveness evaluation (Art. 24): use of the system, fit of the computing, storage and
 * network resources, user satisfaction, gain in government efficiency, sustainability of the application, security
 * and reliability.
 */
export const EVALUATION_DIMENSIONS = ['usage', 'resourceFit', 'satisfaction', 'efficiency', 'sustainability', 'security'] as const;
export const EVALUATION_DIMENSION_LABELS = {
  usage: { 'zh-CN': '使用情况', en: 'Usage' },
  resourceFit: { 'zh-CN': '资源匹配度', en: 'Resource fit' },
  satisfaction: { 'zh-CN': '用户满意度', en: 'User satisfaction' },
  efficiency: { 'zh-CN': '效率提升', en: 'Efficiency gain' },
  sustainability: { 'zh-CN': '可持续性', en: 'Sustainability' },
  security: { 'zh-CN': '安全性', en: 'Security' },
} as const satisfies Record<(typeof EVALUATION_DIMENSIONS)[number], { 'zh-CN': string; en: string }>;
/** The overall grade of an evaluation (优 / 良 / 中 / 差). */
export const EVALUATION_GRADES = ['EXCELLENT', 'GOOD', 'FAIR', 'POOR'] as const;

/** The stages a project passes on its way, in order: the progress line the department follows. */
export const STAGE_LINE = ['DRAFT', 'GIA_REVIEW', 'BUDGET_REVIEW', 'BUDGET_APPROVED', 'PUBLIC_NOTICE', 'ESTABLISHED', 'ACCEPTED'] as const satisfies readonly ProjectState[];
export type Stage = (typeof STAGE_LINE)[number];

/** Where each state stands on the line (a returned project is back with its unit; a change or a suspension happens after establishment). */
export const STAGE_OF = {
  DRAFT: 'DRAFT',
  RETURNED: 'DRAFT',
  GIA_REVIEW: 'GIA_REVIEW',
  REJECTED: 'GIA_REVIEW',
  BUDGET_REVIEW: 'BUDGET_REVIEW',
  BUDGET_APPROVED: 'BUDGET_APPROVED',
  PUBLIC_NOTICE: 'PUBLIC_NOTICE',
  ESTABLISHED: 'ESTABLISHED',
  CHANGE_REVIEW: 'ESTABLISHED',
  SUSPENDED: 'ESTABLISHED',
  TERMINATED: 'ESTABLISHED',
  ACCEPTED: 'ACCEPTED',
} as const satisfies Record<ProjectState, Stage>;

/** Who acts on a project (the applying unit, or an authority that decides). */
export const PARTIES = {
  APPLICANT: { 'zh-CN': '申报单位', en: 'the applying unit' },
  GIA: { 'zh-CN': '市政务信息管理局', en: 'the city GIA' },
  FINANCE: { 'zh-CN': '市财政局', en: 'the city finance bureau' },
} as const;
export type Party = keyof typeof PARTIES;
/** The same parties for a county's project (Art. 39): the county's own bureaus decide it. */
export const COUNTY_PARTIES = {
  APPLICANT: PARTIES.APPLICANT,
  GIA: { 'zh-CN': '县（市、区）审批服务管理局', en: "the county's approval bureau" },
  FINANCE: { 'zh-CN': '县（市、区）财政局', en: "the county's finance bureau" },
} as const satisfies Record<Party, { 'zh-CN': string; en: string }>;

/** Who takes a step of a project of `jurisdiction` ('CITY' or a county's code), by name. */
export const partyName = (party: Party, jurisdiction: string, locale: 'zh-CN' | 'en') => (jurisdiction === 'CITY' ? PARTIES : COUNTY_PARTIES)[party][locale];

/**
 * The step each state waits for: the action that moves the project on and who takes it. States not listed wait
 * for nobody (decided, suspended pending rectification, or ended).
 */
export const NEXT_STEP = {
  DRAFT: { action: 'submit', party: 'APPLICANT' },
  RETURNED: { action: 'submit', party: 'APPLICANT' },
  GIA_REVIEW: { action: 'review', party: 'GIA' },
  BUDGET_REVIEW: { action: 'budget-review', party: 'FINANCE' },
  BUDGET_APPROVED: { action: 'notice', party: 'GIA' },
  PUBLIC_NOTICE: { action: 'establish', party: 'GIA' },
  CHANGE_REVIEW: { action: 'change-review', party: 'GIA' },
  ESTABLISHED: { action: 'acceptance', party: 'APPLICANT' },
} as const satisfies Partial<Record<ProjectState, { action: ProjectAction; party: Party }>>;

/**
 * The reviewers' queues: each stage a project waits in for an authority's decision, with the action that decides it
 * (whoever may take the action sees the queue), in the order the console lists them: the steps of NEXT_STEP an
 * authority takes.
 */
type AuthoritySteps = { [S in keyof typeof NEXT_STEP as (typeof NEXT_STEP)[S]['party'] extends 'APPLICANT' ? never : S]: (typeof NEXT_STEP)[S]['action'] };
export const QUEUES = Object.fromEntries(
  Object.entries(NEXT_STEP)
    .filter(([, step]) => step.party !== 'APPLICANT')
    .map(([state, step]) => [state, step.action]),
) as AuthoritySteps;
export type QueueStage = keyof typeof QUEUES;
export const QUEUE_STAGES = Object.keys(QUEUES) as QueueStage[];


