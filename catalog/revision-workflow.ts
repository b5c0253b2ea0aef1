// The catalog revision state machine (Art. 28) as data: drafted by the sub-center, approved by both GIA and
// Finance, published by GIA. The runner (core/workflow/runner.ts) takes every change of a revision from it.
import { defineTable } from '../core/workflow/machine.js';

export const REVISION_STATES = ['DRAFT', 'SUBMITTED', 'APPROVED', 'PUBLISHED'] as const;
export type RevisionState = (typeof REVISION_STATES)[number];

/** Revisions not yet published: at most one at a time. */
export const OPEN_STATES = ['DRAFT', 'SUBMITTED', 'APPROVED'] as const satisfies readonly RevisionState[];

export const REVISION_MACHINE = defineTable({
  subject: 'CatalogRevision',
  states: REVISION_STATES,
  stateLabels: {
    DRAFT: { 'zh-CN': '草稿', en: 'Draft' },
    SUBMITTED: { 'zh-CN': '待审批', en: 'Submitted' },
    APPROVED: { 'zh-CN': '已批准待发布', en: 'Approved' },
    PUBLISHED: { 'zh-CN': '已发布', en: 'Published' },
  },
  stateColours: { DRAFT: 'default', SUBMITTED: 'processing', APPROVED: 'cyan', PUBLISHED: 'green' },
  actions: {
    // title and notes, offerings and plans
    update: { from: ['DRAFT'], to: [], ability: 'update', article: '第二十八条', label: { 'zh-CN': '编辑草稿', en: 'edit the draft' } },
    submit: { from: ['DRAFT'], to: ['SUBMITTED'], ability: 'submit', article: '第二十八条', label: { 'zh-CN': '提交审批', en: 'submit for approval' } },
    // leads to APPROVED once both GIA and Finance have approved this round
    approve: { from: ['SUBMITTED'], to: ['SUBMITTED', 'APPROVED'], ability: 'approve', decision: true, article: '第二十八条', label: { 'zh-CN': '批准', en: 'approve' } },
    return: { from: ['SUBMITTED'], to: ['DRAFT'], ability: 'return', decision: true, article: '第二十八条', label: { 'zh-CN': '退回修改', en: 'return' } },
    publish: { from: ['APPROVED'], to: ['PUBLISHED'], ability: 'publish', decision: true, article: '第二十八条', label: { 'zh-CN': '发布', en: 'publish' } },
    // a discarded draft is deleted; its audit record keeps what it was
    discard: { from: ['DRAFT'], to: [], deletes: true, ability: 'discard', article: '第二十八条', label: { 'zh-CN': '放弃草稿', en: 'discard' } },
  },
});

export type RevisionAction = keyof typeof REVISION_MACHINE.actions;
export type RevisionTransitionAction = Exclude<RevisionAction, 'update'>;

/** The two bodies whose approvals a revision needs before it can be published (Art. 28). */
export const APPROVING_BODIES = ['GIA', 'FINANCE'] as const;
export type ApprovingBody = (typeof APPROVING_BODIES)[number];

/** Approvals of the current round decide whether the revision is approved. */
export function isFullyApproved(approvedBodies: Iterable<string>): boolean {
  const set = new Set(approvedBodies);
  return APPROVING_BODIES.every((b) => set.has(b));
}

export const bodyOf = (role: string): ApprovingBody | null => (role === 'GIA_REVIEWER' ? 'GIA' : role === 'FINANCE_REVIEWER' ? 'FINANCE' : null);
