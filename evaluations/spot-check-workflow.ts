// The spot-check state machine (Art. 22) as data: Finance records a result for each sampled self-evaluation while
// the spot-check is open, and closes it once every item has one. The runner (core/workflow/runner.ts) takes both.
import { defineTable } from '../core/workflow/machine.js';

export const SPOT_CHECK_STATES = ['OPEN', 'CLOSED'] as const;
export type SpotCheckState = (typeof SPOT_CHECK_STATES)[number];

export const SPOT_CHECK_MACHINE = defineTable({
  subject: 'SpotCheck',
  states: SPOT_CHECK_STATES,
  stateLabels: {
    OPEN: { 'zh-CN': '抽查中', en: 'Open' },
    CLOSED: { 'zh-CN': '已完成', en: 'Closed' },
  },
  stateColours: { OPEN: 'processing', CLOSED: 'success' },
  actions: {
    // a result (or a corrected one) for one sampled self-evaluation
    record: { from: ['OPEN'], to: [], ability: 'record', article: '第二十二条', label: { 'zh-CN': '登记抽查结果', en: 'record a result' } },
    close: { from: ['OPEN'], to: ['CLOSED'], ability: 'close', article: '第二十二条', label: { 'zh-CN': '完成抽查', en: 'close the spot-check' } },
  },
});

export type SpotCheckAction = keyof typeof SPOT_CHECK_MACHINE.actions;

/** What Finance finds of a sampled self-evaluation: 合格 / 基本合格 / 不合格. */
export const SPOT_CHECK_RESULTS = ['QUALIFIED', 'BASICALLY_QUALIFIED', 'UNQUALIFIED'] as const;
export type SpotCheckResult = (typeof SPOT_CHECK_RESULTS)[number];
export const SPOT_CHECK_RESULT_LABELS = {
  QUALIFIED: { 'zh-CN': '合格', en: 'Qualified' },
  BASICALLY_QUALIFIED: { 'zh-CN': '基本合格', en: 'Basically qualified' },
  UNQUALIFIED: { 'zh-CN': '不合格', en: 'Unqualified' },
} as const satisfies Record<SpotCheckResult, { 'zh-CN': string; en: string }>;
