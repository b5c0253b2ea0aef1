// Reading a plan's spec for a kind: the fields it cannot do without.
import type { PlanView } from '../../catalog/view.js';
import type { PlanSpec } from '../../catalog/seed-schema.js';
import { DesiredStateError } from '../desired-state-error.js';

export function requiredSpec<K extends keyof PlanSpec>(plan: PlanView, field: K): NonNullable<PlanSpec[K]> {
  const value = plan.spec[field];
  if (value === undefined) throw new DesiredStateError('PLAN_SPEC_INCOMPLETE', `plan "${plan.code}" has no spec.${field}`);
  return value as NonNullable<PlanSpec[K]>;
}
