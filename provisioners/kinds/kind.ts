// What a provisioner kind is to the platform: its words (vocabulary.ts) and everything it decides about the
// plans that name it: what they add to the tenant's quota, the objects they render, what the tenant's people
// may do with those objects, how the Pulumi program creates them, and how their state is read back.
import type { DriftReason } from '../drift-reasons.js';
import type { PlanView } from '../../catalog/view.js';
import type { RenderContext } from '../tenant-objects.js';
import type { K8sObject, TenantItem } from '../tenant-input.js';
import type { KindVocabulary, ProvisionerKindCode } from './vocabulary.js';

/** What one unit of a plan adds to its tenant's ResourceQuota. */
export interface QuotaUnit {
  milliCpu: number;
  memoryMiB: number;
  storageGiB: number;
  persistentVolumeClaims: number;
  /** objects counted under the quota keys the kind declares (`quotaCounts`) */
  counts?: Record<string, number>;
}

/** One rule of the tenant Role. */
export interface PolicyRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

export type ObservedState = 'READY' | 'PROVISIONING' | 'FAILED';

/** What the cluster says about one object, compared with what should run. */
export interface Observation {
  state: ObservedState;
  detail?: string;
  /** how it differs from the desired object, if it does */
  drift?: DriftReason;
}

/** How an operator takes a one-off backup of a workload: a custom object it completes or fails. */
export interface FinalBackupSpec {
  group: string;
  version: string;
  plural: string;
  kind: string;
  /** the backup object's spec for the workload `name` */
  spec(name: string): Record<string, unknown>;
  /** from the backup object's status: completed, failed (with the reason), or undefined while it runs */
  outcome(status: Record<string, unknown>): { completed: true } | { failed: string } | undefined;
}

/** An object people follow: one provisioned-resource row each, its state read from the cluster. */
export interface Workload {
  kind: string;
  group: string;
  plural: string;
  /** its state from the live object (`live`), given the desired one (`want`) */
  observe(want: K8sObject, live: Record<string, unknown>): Observation;
  /** it holds data: deprovisioning needs the request's code typed in, and takes this backup before removing it */
  finalBackup?: FinalBackupSpec;
}

export interface ProvisionerKind<C extends ProvisionerKindCode = ProvisionerKindCode> extends KindVocabulary {
  code: C;
  /**
   * false: its plans put nothing into the tenant (shared services, work done by hand). Nothing is rendered or
   * counted for them, allocations are not checked against the entitlement, and a retired plan still resolves.
   */
  runsInTenant: boolean;
  /** what one unit of a plan adds to the tenant's quota; null when nothing runs in the tenant */
  consumption(plan: PlanView): QuotaUnit | null;
  /** ResourceQuota keys counting its objects, e.g. count/virtualmachines.kubevirt.io (rendered even when 0) */
  quotaCounts: readonly string[];
  /** the objects an allocation renders: `item.quantity` sets, named by index */
  render?(ctx: RenderContext, item: TenantItem, plan: PlanView): K8sObject[];
  /** NetworkPolicies a tenant needs once it holds anything of this kind */
  networkPolicies?(ctx: RenderContext): K8sObject[];
  /** the Kubernetes kinds it renders, in apply order; they follow the namespace's own kinds */
  objectKinds: readonly string[];
  /** what the tenant's people may do with its objects: rules of the tenant Role */
  tenantRules: readonly PolicyRule[];
  /** API groups of its custom resources, which the Pulumi program creates as CustomResource */
  customResourceGroups: readonly string[];
  /** same-namespace objects (kind/name) that `obj`, one of its objects, waits for when applied */
  dependsOn?(obj: K8sObject): string[];
  workloads: readonly Workload[];
}
