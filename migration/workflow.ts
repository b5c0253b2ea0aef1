// The migration state machine (Art. 30, 33): one table of transitions, who may take each, what each needs.
//
//   REGISTERED ─assess─► ASSESSED ─plan─► PLANNED ─start─► MIGRATING ─cut-over─► CUT_OVER ─verify─► MIGRATED
//                                           │ (strategy RETIRE)                                          │
//                                           └──────────────────────decommission──────────────────────────┴─► DECOMMISSIONED
//   any state before MIGRATED ─block─► BLOCKED ─unblock─► the state it was blocked in
import type { Action } from '../core/access/abilities.js';
import { ConflictError } from '../core/errors.js';

export const MIGRATION_STATES = ['REGISTERED', 'ASSESSED', 'PLANNED', 'MIGRATING', 'CUT_OVER', 'MIGRATED', 'DECOMMISSIONED', 'BLOCKED'] as const;
export type MigrationState = (typeof MIGRATION_STATES)[number];

export const MIGRATION_ACTIONS = ['assess', 'plan', 'start', 'cut-over', 'verify', 'decommission', 'block', 'unblock'] as const;
export type MigrationAction = (typeof MIGRATION_ACTIONS)[number];

export interface MigrationTransition {
  from: readonly MigrationState[];
  /** the state it leads to; RESUME: the state recorded when the system was blocked */
  to: MigrationState | 'RESUME';
  /** the ability action deciding who may take it (core/access/abilities.ts) */
  ability: Action;
  article: string;
  /** what it needs besides the state, checked by the service */
  requires: string;
  label: { 'zh-CN': string; en: string };
}

/** States in which a system still runs where it ran before (not yet on the city cloud, not switched off). */
export const NOT_YET_MOVED: readonly MigrationState[] = ['REGISTERED', 'ASSESSED', 'PLANNED', 'MIGRATING', 'CUT_OVER', 'BLOCKED'];

export const MIGRATION_TRANSITIONS: Record<MigrationAction, MigrationTransition> = {
  assess: {
    from: ['REGISTERED'],
    to: 'ASSESSED',
    ability: 'assess',
    article: '第三十条',
    requires: 'strategy, effort, risk; target plans active in the published catalog (a SaaS plan to repurchase); classified systems retain-exempt',
    label: { 'zh-CN': '迁移评估', en: 'assess' },
  },
  plan: {
    from: ['ASSESSED', 'PLANNED'],
    to: 'PLANNED',
    ability: 'plan',
    article: '第三十条',
    requires: 'a migration wave; not for exempt (classified or retain-exempt) systems',
    label: { 'zh-CN': '纳入迁移批次', en: 'plan into a wave' },
  },
  start: { from: ['PLANNED'], to: 'MIGRATING', ability: 'migrate', article: '第三十条', requires: 'a wave', label: { 'zh-CN': '开始迁移', en: 'start migrating' } },
  'cut-over': { from: ['MIGRATING'], to: 'CUT_OVER', ability: 'migrate', article: '第三十条', requires: '', label: { 'zh-CN': '业务割接', en: 'cut over' } },
  verify: {
    from: ['CUT_OVER'],
    to: 'MIGRATED',
    ability: 'migrate',
    article: '第三十三条',
    requires: 'an existing project with PROVISIONED resource requests, of the owning organisation (or co-built by it)',
    label: { 'zh-CN': '验证上云', en: 'verify on the city cloud' },
  },
  decommission: {
    from: ['MIGRATED', 'ASSESSED', 'PLANNED'],
    to: 'DECOMMISSIONED',
    ability: 'migrate',
    article: '第三十三条',
    requires: 'migrated; or, from ASSESSED or PLANNED, the strategy RETIRE',
    label: { 'zh-CN': '原系统下线', en: 'decommission the legacy system' },
  },
  block: {
    from: ['REGISTERED', 'ASSESSED', 'PLANNED', 'MIGRATING', 'CUT_OVER'],
    to: 'BLOCKED',
    ability: 'block',
    article: '第三十条',
    requires: 'a reason',
    label: { 'zh-CN': '挂起（受阻）', en: 'block' },
  },
  unblock: { from: ['BLOCKED'], to: 'RESUME', ability: 'block', article: '第三十条', requires: '', label: { 'zh-CN': '解除挂起', en: 'unblock' } },
};

/** The transition if the state allows it; 409 INVALID_TRANSITION otherwise. */
export function assertMigrationTransition(action: MigrationAction, current: MigrationState): MigrationTransition {
  const t = MIGRATION_TRANSITIONS[action];
  if (!t.from.includes(current)) throw new ConflictError('INVALID_TRANSITION', { action, from: current });
  return t;
}

/** Where a transition leads from `current` (RESUME resolves to the state the system was blocked in). */
export function targetState(action: MigrationAction, current: MigrationState, blockedFrom: MigrationState | null): MigrationState {
  const t = assertMigrationTransition(action, current);
  if (t.to !== 'RESUME') return t.to;
  return blockedFrom ?? 'REGISTERED';
}
