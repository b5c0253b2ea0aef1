// The migration survey (摸底调查, Art. 5, 33) as two state machines, declared as data: the campaign the sub-center
// (or the city GIA) opens, extends, reminds and closes; and each asked organisation's response, confirmed system by
// system and submitted, or declared empty, and sent back by the sub-center when it does not hold. The runner
// (core/workflow/runner.ts) takes every action from these tables; the permissions read their states from them.
//
//   campaign:  OPEN ─close─► CLOSED        (extend, remind: while OPEN, the state stays)
//   response:  PENDING ─submit─► SUBMITTED            ─return─► PENDING
//              PENDING ─declare-none─► NOTHING_TO_DECLARE ─return─► PENDING   (confirm: while PENDING)
import { defineTable } from '../core/workflow/machine.js';

export const CAMPAIGN_STATES = ['OPEN', 'CLOSED'] as const;
export type CampaignState = (typeof CAMPAIGN_STATES)[number];

export const CAMPAIGN_MACHINE = defineTable({
  subject: 'SurveyCampaign',
  states: CAMPAIGN_STATES,
  stateLabels: {
    OPEN: { 'zh-CN': '填报中', en: 'Open' },
    CLOSED: { 'zh-CN': '已结束', en: 'Closed' },
  },
  stateColours: { OPEN: 'processing', CLOSED: 'default' },
  actions: {
    extend: { from: ['OPEN'], to: [], ability: 'update', article: '第五条', label: { 'zh-CN': '延长截止日期', en: 'extend the due date' } },
    remind: { from: ['OPEN'], to: [], ability: 'remind', article: '第五条', label: { 'zh-CN': '催报', en: 'remind the pending' } },
    close: { from: ['OPEN'], to: ['CLOSED'], ability: 'close', article: '第五条', label: { 'zh-CN': '结束摸底', en: 'close the campaign' } },
  },
});
export type CampaignAction = keyof typeof CAMPAIGN_MACHINE.actions;

export const RESPONSE_STATES = ['PENDING', 'SUBMITTED', 'NOTHING_TO_DECLARE'] as const;
export type ResponseState = (typeof RESPONSE_STATES)[number];

export const RESPONSE_MACHINE = defineTable({
  subject: 'SurveyResponse',
  states: RESPONSE_STATES,
  stateLabels: {
    PENDING: { 'zh-CN': '待填报', en: 'Pending' },
    SUBMITTED: { 'zh-CN': '已报送', en: 'Submitted' },
    NOTHING_TO_DECLARE: { 'zh-CN': '无系统可报', en: 'Nothing to declare' },
  },
  stateColours: { PENDING: 'warning', SUBMITTED: 'success', NOTHING_TO_DECLARE: 'default' },
  actions: {
    // the organisation's register entries it confirms as current: the set it sends replaces the one before
    confirm: { from: ['PENDING'], to: [], ability: 'confirm', article: '第五条', label: { 'zh-CN': '确认系统', en: 'confirm systems' } },
    submit: { from: ['PENDING'], to: ['SUBMITTED'], ability: 'submit', article: '第五条', label: { 'zh-CN': '报送', en: 'submit' } },
    'declare-none': { from: ['PENDING'], to: ['NOTHING_TO_DECLARE'], ability: 'submit', article: '第五条', label: { 'zh-CN': '报告无系统', en: 'declare nothing' } },
    return: { from: ['SUBMITTED', 'NOTHING_TO_DECLARE'], to: ['PENDING'], ability: 'return', decision: true, article: '第五条', label: { 'zh-CN': '退回重报', en: 'send back' } },
  },
});
export type ResponseAction = keyof typeof RESPONSE_MACHINE.actions;
