// The migration state machine (Art. 30, 33) as data: the runner (core/workflow/runner.ts) takes every transition
// from it, the permissions read their state conditions from it, and docs/architecture.md draws it.
//
//   REGISTERED ─assess─► ASSESSED ─plan─► PLANNED ─start─► MIGRATING ─cut-over─► CUT_OVER ─verify─► MIGRATED
//                           ▲◄──────unplan───┘ │ (strategy RETIRE)                                      │
//                           └───────────────────────────────decommission────────────────────────────────┴─► DECOMMISSIONED
//   any state before MIGRATED ─block─► BLOCKED ─unblock─► the state it was blocked in
import { defineTable } from '../core/workflow/machine.js';

export const MIGRATION_STATES = ['REGISTERED', 'ASSESSED', 'PLANNED', 'MIGRATING', 'CUT_OVER', 'MIGRATED', 'DECOMMISSIONED', 'BLOCKED'] as const;
export type MigrationState = (typeof MIGRATION_STATES)[number];

/** States in which a system still runs where it ran before (not yet on the city cloud, not switched off). */
export const NOT_YET_MOVED: readonly MigrationState[] = ['REGISTERED', 'ASSESSED', 'PLANNED', 'MIGRATING', 'CUT_OVER', 'BLOCKED'];
const BLOCKABLE: MigrationState[] = ['REGISTERED', 'ASSESSED', 'PLANNED', 'MIGRATING', 'CUT_OVER'];

export const MIGRATION_MACHINE = defineTable({
  subject: 'MigrationSystem',
  states: MIGRATION_STATES,
  stateLabels: {
    REGISTERED: { 'zh-CN': '已登记', en: 'Registered' },
    ASSESSED: { 'zh-CN': '已评估', en: 'Assessed' },
    PLANNED: { 'zh-CN': '已排期', en: 'Planned' },
    MIGRATING: { 'zh-CN': '迁移中', en: 'Migrating' },
    CUT_OVER: { 'zh-CN': '已割接', en: 'Cut over' },
    MIGRATED: { 'zh-CN': '已上云', en: 'Migrated' },
    DECOMMISSIONED: { 'zh-CN': '原系统已下线', en: 'Decommissioned' },
    BLOCKED: { 'zh-CN': '受阻挂起', en: 'Blocked' },
  },
  stateColours: {
    REGISTERED: 'default',
    ASSESSED: 'blue',
    PLANNED: 'geekblue',
    MIGRATING: 'processing',
    CUT_OVER: 'gold',
    MIGRATED: 'success',
    DECOMMISSIONED: 'default',
    BLOCKED: 'error',
  },
  actions: {
    // the owner's register fields, or the sub-center's assessment fields once assessed; a switched-off system's entry is final
    update: {
      from: ['REGISTERED', 'ASSESSED', 'PLANNED', 'MIGRATING', 'CUT_OVER', 'MIGRATED', 'BLOCKED'],
      to: [],
      ability: 'update',
      article: '第五条',
      label: { 'zh-CN': '修改登记信息', en: 'edit' },
    },
    withdraw: { from: ['REGISTERED'], to: [], deletes: true, ability: 'delete', article: '第五条', label: { 'zh-CN': '撤回登记', en: 'withdraw the registration' } },
    assess: { from: ['REGISTERED'], to: ['ASSESSED'], ability: 'assess', article: '第三十条', label: { 'zh-CN': '迁移评估', en: 'assess' } },
    plan: { from: ['ASSESSED', 'PLANNED'], to: ['PLANNED'], ability: 'plan', article: '第三十条', label: { 'zh-CN': '纳入迁移批次', en: 'plan into a wave' } },
    unplan: { from: ['PLANNED'], to: ['ASSESSED'], ability: 'plan', article: '第三十条', label: { 'zh-CN': '移出迁移批次', en: 'take out of its wave' } },
    start: { from: ['PLANNED'], to: ['MIGRATING'], ability: 'migrate', article: '第三十条', label: { 'zh-CN': '开始迁移', en: 'start migrating' } },
    'cut-over': { from: ['MIGRATING'], to: ['CUT_OVER'], ability: 'migrate', article: '第三十条', label: { 'zh-CN': '业务割接', en: 'cut over' } },
    verify: { from: ['CUT_OVER'], to: ['MIGRATED'], ability: 'migrate', article: '第三十三条', label: { 'zh-CN': '验证上云', en: 'verify on the city cloud' } },
    decommission: {
      from: ['MIGRATED', 'ASSESSED', 'PLANNED'],
      to: ['DECOMMISSIONED'],
      ability: 'migrate',
      article: '第三十三条',
      label: { 'zh-CN': '原系统下线', en: 'decommission the legacy system' },
    },
    block: { from: BLOCKABLE, to: ['BLOCKED'], ability: 'block', article: '第三十条', label: { 'zh-CN': '挂起（受阻）', en: 'block' } },
    // back to the state it was blocked in
    unblock: { from: ['BLOCKED'], to: BLOCKABLE, ability: 'block', article: '第三十条', label: { 'zh-CN': '解除挂起', en: 'unblock' } },
  },
});

export type MigrationAction = keyof typeof MIGRATION_MACHINE.actions;
/** The transitions the sub-center takes through POST /api/migration/systems/:id/<action>. */
export const MIGRATION_TRANSITION_ACTIONS = ['assess', 'plan', 'unplan', 'start', 'cut-over', 'verify', 'decommission', 'block', 'unblock'] as const satisfies readonly MigrationAction[];
export type MigrationTransitionAction = (typeof MIGRATION_TRANSITION_ACTIONS)[number];
