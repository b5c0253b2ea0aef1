// The cloud resource request state machine (Art. 28) as data: a department draws on its project's entitlement,
// the sub-center reviews, provisions and deprovisions through jobs; the worker reports how a job ended. The runner
// (core/workflow/runner.ts) takes every change of a request from it.
import { defineTable } from '../core/workflow/machine.js';

export const REQUEST_STATES = ['SUBMITTED', 'APPROVED', 'RETURNED', 'PROVISIONING', 'PROVISIONED', 'FAILED', 'DEPROVISIONING', 'DEPROVISIONED'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

export const REQUEST_MACHINE = defineTable({
  subject: 'ResourceRequest',
  states: REQUEST_STATES,
  stateLabels: {
    SUBMITTED: { 'zh-CN': '待审核', en: 'Submitted' },
    APPROVED: { 'zh-CN': '已批准待开通', en: 'Approved' },
    RETURNED: { 'zh-CN': '已退回', en: 'Returned' },
    PROVISIONING: { 'zh-CN': '开通中', en: 'Provisioning' },
    PROVISIONED: { 'zh-CN': '已开通', en: 'Provisioned' },
    FAILED: { 'zh-CN': '开通失败', en: 'Failed' },
    DEPROVISIONING: { 'zh-CN': '回收中', en: 'Deprovisioning' },
    DEPROVISIONED: { 'zh-CN': '已回收', en: 'Deprovisioned' },
  },
  stateColours: {
    SUBMITTED: 'processing',
    APPROVED: 'cyan',
    RETURNED: 'warning',
    PROVISIONING: 'processing',
    PROVISIONED: 'success',
    FAILED: 'error',
    DEPROVISIONING: 'processing',
    DEPROVISIONED: 'default',
  },
  actions: {
    approve: { from: ['SUBMITTED'], to: ['APPROVED'], ability: 'approve', decision: true, article: '第二十八条', label: { 'zh-CN': '审核通过', en: 'approve' } },
    return: { from: ['SUBMITTED'], to: ['RETURNED'], ability: 'return', decision: true, article: '第二十八条', label: { 'zh-CN': '退回', en: 'return' } },
    // what provisioning would change, computed by a job; changes nothing
    preview: { from: ['SUBMITTED', 'APPROVED', 'FAILED', 'PROVISIONED'], to: [], ability: 'preview', article: '第二十八条', label: { 'zh-CN': '预览变更', en: 'preview' } },
    provision: { from: ['APPROVED', 'FAILED'], to: ['PROVISIONING'], ability: 'provision', article: '第二十八条', label: { 'zh-CN': '开通资源', en: 'provision' } },
    deprovision: { from: ['PROVISIONED', 'FAILED'], to: ['DEPROVISIONING'], ability: 'deprovision', article: '第二十八条', label: { 'zh-CN': '回收资源', en: 'deprovision' } },
    // how the worker reports a job's end (provisioners/job-actions.ts), in the transaction that ends the job
    'complete-provision': { from: ['PROVISIONING'], to: ['PROVISIONED'], ability: 'report', article: '第二十八条', label: { 'zh-CN': '开通完成', en: 'complete provisioning' } },
    'complete-deprovision': { from: ['DEPROVISIONING'], to: ['DEPROVISIONED'], ability: 'report', article: '第二十八条', label: { 'zh-CN': '回收完成', en: 'complete deprovisioning' } },
    fail: { from: ['PROVISIONING', 'DEPROVISIONING'], to: ['FAILED'], ability: 'report', article: '第二十八条', label: { 'zh-CN': '开通或回收失败', en: 'fail' } },
  },
});

export type RequestAction = keyof typeof REQUEST_MACHINE.actions;

/** The actions only the worker takes, reporting how a job ended: never offered to a user, never routed by the API. */
export const REQUEST_REPORTS = ['complete-provision', 'complete-deprovision', 'fail'] as const satisfies readonly RequestAction[];
export type RequestReport = (typeof REQUEST_REPORTS)[number];
