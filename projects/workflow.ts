// The project state machine (Art. 6–24): one table of transitions, who may take each, what each needs.
import type { Action } from '../core/access/abilities.js';
import { ConflictError } from '../core/errors.js';

export type ProjectState =
  | 'DRAFT'
  | 'GIA_REVIEW'
  | 'RETURNED'
  | 'REJECTED'
  | 'BUDGET_REVIEW'
  | 'BUDGET_APPROVED'
  | 'PUBLIC_NOTICE'
  | 'ESTABLISHED'
  | 'CHANGE_REVIEW'
  | 'ACCEPTED'
  | 'SUSPENDED'
  | 'TERMINATED';

export type ProjectAction =
  | 'submit'
  | 'review'
  | 'budget-review'
  | 'notice'
  | 'establish'
  | 'change-request'
  | 'change-review'
  | 'acceptance'
  | 'suspend'
  | 'resume'
  | 'terminate';

export interface ProjectTransition {
  from: readonly ProjectState[];
  /** the states it may lead to (decisions choose among them) */
  to: readonly ProjectState[] | 'RESUME';
  /** the ability action deciding who may take it (core/access/abilities.ts) */
  ability: Action;
  article: string;
  label: { 'zh-CN': string; en: string };
}

export const PROJECT_TRANSITIONS: Record<ProjectAction, ProjectTransition> = {
  submit: { from: ['DRAFT', 'RETURNED'], to: ['GIA_REVIEW'], ability: 'submit', article: '第六条', label: { 'zh-CN': '提交审核', en: 'submit for review' } },
  review: {
    from: ['GIA_REVIEW'],
    to: ['BUDGET_REVIEW', 'RETURNED', 'REJECTED'],
    ability: 'review',
    article: '第八条',
    label: { 'zh-CN': '项目审核', en: 'GIA review' },
  },
  'budget-review': {
    from: ['BUDGET_REVIEW'],
    to: ['BUDGET_APPROVED', 'RETURNED'],
    ability: 'budgetReview',
    article: '第九条',
    label: { 'zh-CN': '预算评审', en: 'budget review' },
  },
  notice: { from: ['BUDGET_APPROVED'], to: ['PUBLIC_NOTICE'], ability: 'notice', article: '第十条', label: { 'zh-CN': '资金分配公示', en: 'public notice' } },
  establish: { from: ['PUBLIC_NOTICE'], to: ['ESTABLISHED'], ability: 'establish', article: '第十条', label: { 'zh-CN': '立项', en: 'establish' } },
  'change-request': {
    from: ['ESTABLISHED'],
    to: ['CHANGE_REVIEW'],
    ability: 'requestChange',
    article: '第十五条',
    label: { 'zh-CN': '提交调整申请', en: 'request a change' },
  },
  'change-review': {
    from: ['CHANGE_REVIEW'],
    to: ['ESTABLISHED'],
    ability: 'changeReview',
    article: '第十五条',
    label: { 'zh-CN': '审核调整申请', en: 'review a change request' },
  },
  acceptance: { from: ['ESTABLISHED'], to: ['ACCEPTED'], ability: 'file', article: '第十七条', label: { 'zh-CN': '竣工验收备案', en: 'completion acceptance' } },
  suspend: {
    from: ['ESTABLISHED', 'CHANGE_REVIEW', 'ACCEPTED'],
    to: ['SUSPENDED'],
    ability: 'suspend',
    article: '第二十三条',
    label: { 'zh-CN': '暂停拨付资金', en: 'suspend funding' },
  },
  resume: { from: ['SUSPENDED'], to: 'RESUME', ability: 'resume', article: '第二十三条', label: { 'zh-CN': '恢复拨付资金', en: 'resume funding' } },
  terminate: {
    from: ['ESTABLISHED', 'CHANGE_REVIEW', 'ACCEPTED', 'SUSPENDED'],
    to: ['TERMINATED'],
    ability: 'terminate',
    article: '第二十三条',
    label: { 'zh-CN': '终止项目', en: 'terminate' },
  },
};

export function assertProjectTransition(action: ProjectAction, current: ProjectState): ProjectTransition {
  const t = PROJECT_TRANSITIONS[action];
  if (!t.from.includes(current)) throw new ConflictError('INVALID_TRANSITION', { action, from: current });
  return t;
}

/** The states whose projects are entitled to resources (their entitlement is the provisioning ceiling). */
export const ENTITLED_STATES: readonly ProjectState[] = ['ESTABLISHED', 'CHANGE_REVIEW', 'ACCEPTED'];
/** States in which an implementing unit files (contracts, reports, rectification results). */
export const FILING_STATES: readonly ProjectState[] = ['ESTABLISHED', 'CHANGE_REVIEW', 'ACCEPTED', 'SUSPENDED'];
/** States in which a project's application may still be edited. */
export const EDITABLE_STATES: readonly ProjectState[] = ['DRAFT', 'RETURNED'];

/** The five dimensions of the GIA review (Art. 8). */
export const REVIEW_DIMENSIONS = ['need', 'intensiveness', 'feasibility', 'budget', 'performance'] as const;
