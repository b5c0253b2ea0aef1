// The namespace kind: room for the department's own containers. It renders nothing of its own: its plans
// only raise the tenant's quota.
import { gibToMiB } from '../../quantities.js';
import type { ProvisionerKind } from '../kind.js';
import { namespaceVocabulary } from './vocabulary.js';

export const namespace: ProvisionerKind<'namespace'> = {
  ...namespaceVocabulary,
  runsInTenant: true,
  consumption: (plan) => ({
    milliCpu: (plan.spec.vcpu ?? 0) * 1000,
    memoryMiB: gibToMiB(plan.spec.memoryGiB ?? 0),
    storageGiB: plan.spec.storageGiB ?? 0,
    persistentVolumeClaims: plan.spec.pvcCount ?? 0,
  }),
  quotaCounts: [],
  objectKinds: [],
  tenantRules: [],
  customResourceGroups: [],
  workloads: [],
};
