// The none kind: shared services and what the sub-center delivers by hand. Nothing runs in the tenant.
import type { ProvisionerKind } from '../kind.js';
import { noneVocabulary } from './vocabulary.js';

export const none: ProvisionerKind<'none'> = {
  ...noneVocabulary,
  runsInTenant: false,
  consumption: () => null,
  quotaCounts: [],
  objectKinds: [],
  tenantRules: [],
  customResourceGroups: [],
  workloads: [],
};
