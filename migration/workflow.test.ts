import { describe, expect, it } from 'vitest';
import type { CatalogView } from '../catalog/view.js';
import { isExempt, validateAssessment } from './assessment.js';
import { MIGRATION_ACTIONS, MIGRATION_STATES, MIGRATION_TRANSITIONS, assertMigrationTransition, targetState, type MigrationState } from './workflow.js';

describe('the migration state machine', () => {
  it('moves a system along the happy path, one transition at a time', () => {
    let s: MigrationState = 'REGISTERED';
    for (const a of ['assess', 'plan', 'start', 'cut-over', 'verify', 'decommission'] as const) s = targetState(a, s, null);
    expect(s).toBe('DECOMMISSIONED');
  });

  it('blocks from any state before MIGRATED and returns to that state', () => {
    for (const from of ['REGISTERED', 'ASSESSED', 'PLANNED', 'MIGRATING', 'CUT_OVER'] as const) {
      expect(targetState('block', from, null)).toBe('BLOCKED');
      expect(targetState('unblock', 'BLOCKED', from)).toBe(from);
    }
    expect(() => assertMigrationTransition('block', 'MIGRATED')).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION', status: 409 }));
  });

  it('refuses every transition its table does not list, and DECOMMISSIONED is final', () => {
    for (const action of MIGRATION_ACTIONS) {
      for (const state of MIGRATION_STATES) {
        const allowed = MIGRATION_TRANSITIONS[action].from.includes(state);
        if (allowed) expect(() => assertMigrationTransition(action, state)).not.toThrow();
        else expect(() => assertMigrationTransition(action, state), `${action} from ${state}`).toThrow();
      }
    }
    expect(MIGRATION_ACTIONS.filter((a) => MIGRATION_TRANSITIONS[a].from.includes('DECOMMISSIONED'))).toEqual([]);
  });

  it('lets only the sub-center’s abilities take transitions', () => {
    expect(new Set(Object.values(MIGRATION_TRANSITIONS).map((t) => t.ability))).toEqual(new Set(['assess', 'plan', 'migrate', 'block']));
  });
});

const catalog: CatalogView = {
  revision: { number: 4, status: 'PUBLISHED', title: 't', notes: null, basedOnNumber: 3, submittedAt: null, approvedAt: null, publishedAt: null, version: 1 },
  offerings: [
    {
      code: 'vm-general', category: 'IaaS', name: '云主机', nameEn: null, description: '', provisioner: 'vm', sharedService: false, keywords: [], status: 'ACTIVE',
      plans: [
        { code: 'vm-general-4c8g', name: '4核8G', nameEn: null, unit: '台·年', unitPrice: 1, spec: {}, xinchuang: { certified: false }, maxQuantity: null, status: 'ACTIVE' },
        { code: 'vm-general-old', name: '旧', nameEn: null, unit: '台·年', unitPrice: 1, spec: {}, xinchuang: { certified: false }, maxQuantity: null, status: 'RETIRED' },
      ],
    },
    {
      code: 'saas-portal', category: 'SaaS', name: '门户', nameEn: null, description: '', provisioner: 'none', sharedService: true, keywords: [], status: 'ACTIVE',
      plans: [{ code: 'saas-portal-pc', name: 'PC', nameEn: null, unit: '套·年', unitPrice: 1, spec: {}, xinchuang: { certified: false }, maxQuantity: null, status: 'ACTIVE' }],
    },
  ],
};
const codes = (system: { classified: boolean }, strategy: Parameters<typeof validateAssessment>[1]['strategy'], targetPlanCodes: string[]) =>
  validateAssessment(system, { strategy, targetPlanCodes }, catalog, 'zh-CN').map((v) => `${v.code}@${v.field}`);

describe('assessing a system against the published catalog', () => {
  it('accepts a rehost onto active plans', () => {
    expect(codes({ classified: false }, 'REHOST', ['vm-general-4c8g'])).toEqual([]);
  });

  it('refuses plans the catalog does not offer (unknown or retired), naming each', () => {
    expect(codes({ classified: false }, 'REHOST', ['vm-general-4c8g', 'vm-gpu', 'vm-general-old'])).toEqual(['NOT_IN_CATALOG@targetPlanCodes.1', 'NOT_IN_CATALOG@targetPlanCodes.2']);
    const [v] = validateAssessment({ classified: false }, { strategy: 'REHOST', targetPlanCodes: ['vm-gpu'] }, catalog, 'zh-CN');
    expect(v).toMatchObject({ article: '第二十八条', message: 'vm-gpu 不是现行服务目录（第4版）中的在售规格' });
  });

  it('needs a target plan to move, a SaaS plan to repurchase, none to retire', () => {
    expect(codes({ classified: false }, 'REFACTOR', [])).toEqual(['NO_TARGET_PLAN@targetPlanCodes']);
    expect(codes({ classified: false }, 'REPURCHASE', ['vm-general-4c8g'])).toEqual(['REPURCHASE_NEEDS_SAAS@targetPlanCodes']);
    expect(codes({ classified: false }, 'REPURCHASE', ['saas-portal-pc'])).toEqual([]);
    expect(codes({ classified: false }, 'RETIRE', ['saas-portal-pc'])).toEqual(['TARGET_NOT_EXPECTED@targetPlanCodes']);
    expect(codes({ classified: false }, 'RETIRE', [])).toEqual([]);
  });

  it('keeps a classified system exempt (Art. 1)', () => {
    expect(codes({ classified: true }, 'REHOST', ['vm-general-4c8g'])).toEqual(['CLASSIFIED_EXEMPT@strategy']);
    expect(codes({ classified: true }, 'RETAIN_EXEMPT', [])).toEqual([]);
    expect(isExempt({ classified: true, strategy: null })).toBe(true);
    expect(isExempt({ classified: false, strategy: 'RETAIN_EXEMPT' })).toBe(true);
    expect(isExempt({ classified: false, strategy: 'REHOST' })).toBe(false);
  });
});
