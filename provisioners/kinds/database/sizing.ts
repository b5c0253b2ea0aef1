// What a database plan asks of the cluster: a CloudNativePG cluster of `instances` pods, each this size.
import type { PlanView } from '../../../catalog/view.js';
import { gibToMiB } from '../../quantities.js';
import { requiredSpec } from '../spec.js';

export interface DatabaseSizing {
  vcpu: number;
  memoryMiB: number;
  storageGiB: number;
  instances: number;
  engine: string;
  engineVersion: string;
  backupRetentionDays: number | null;
}

export function databaseSizing(plan: PlanView): DatabaseSizing {
  return {
    vcpu: requiredSpec(plan, 'vcpu'),
    memoryMiB: gibToMiB(requiredSpec(plan, 'memoryGiB')),
    storageGiB: requiredSpec(plan, 'storageGiB'),
    instances: plan.spec.instances ?? 1,
    engine: requiredSpec(plan, 'engine'),
    engineVersion: requiredSpec(plan, 'engineVersion'),
    backupRetentionDays: plan.spec.backupRetentionDays ?? null,
  };
}
