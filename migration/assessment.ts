// The sub-center's assessment of a legacy system, checked against the published catalog: one pure function, no I/O.
import { findPlan } from '../catalog/view.js';
import type { CatalogView } from '../catalog/view.js';
import type { Violation } from '../core/errors.js';
import { t, type Locale } from '../core/i18n.js';
import type { Strategy } from './register-input.js';

export interface AssessmentToCheck {
  strategy: Strategy;
  targetPlanCodes: readonly string[];
}

/** Strategies that move the system onto the city cloud and so need at least one target plan. */
const MOVING: readonly Strategy[] = ['REHOST', 'REPLATFORM', 'REFACTOR', 'REPURCHASE'];

/** Every problem with an assessment at once, each with its code, field, article and message. */
export function validateAssessment(system: { classified: boolean }, a: AssessmentToCheck, catalog: CatalogView, locale: Locale): Violation[] {
  const out: Violation[] = [];
  const add = (code: string, field: string, article: string, params: Record<string, string | number> = {}) =>
    out.push({ code, field, article, message: t(`migration.${code}`, locale, params) });

  if (system.classified && a.strategy !== 'RETAIN_EXEMPT') add('CLASSIFIED_EXEMPT', 'strategy', '第一条');
  const plans = a.targetPlanCodes.map((code, i) => ({ code, i, found: findPlan(catalog, code) }));
  for (const p of plans) {
    if (!p.found || p.found.plan.status !== 'ACTIVE' || p.found.offering.status !== 'ACTIVE') {
      add('NOT_IN_CATALOG', `targetPlanCodes.${p.i}`, '第二十八条', { plan: p.code, revision: catalog.revision.number });
    }
  }
  if (MOVING.includes(a.strategy) && !a.targetPlanCodes.length) add('NO_TARGET_PLAN', 'targetPlanCodes', '第三十条');
  if (!MOVING.includes(a.strategy) && a.targetPlanCodes.length) add('TARGET_NOT_EXPECTED', 'targetPlanCodes', '第三十条');
  if (a.strategy === 'REPURCHASE' && a.targetPlanCodes.length && !plans.some((p) => p.found?.offering.category === 'SaaS')) {
    add('REPURCHASE_NEEDS_SAAS', 'targetPlanCodes', '第二十八条');
  }
  return out;
}

/** Exempt from migration: classified (Art. 1), or assessed as retain-exempt. */
export function isExempt(s: { classified: boolean; strategy: Strategy | null }): boolean {
  return s.classified || s.strategy === 'RETAIN_EXEMPT';
}
