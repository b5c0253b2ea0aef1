// What every object of a tenant namespace shares, whichever kind renders it: the platform's labels and
// annotations, the render context, metadata, and the NetworkPolicy shape.
import type { CatalogView } from '../catalog/view.js';
import type { ClusterProfile, LabelSelector } from './cluster-profile.js';
import { labelValue } from './names.js';
import type { K8sObject, TenantInput, TenantItem } from './tenant-input.js';

const LABEL_PREFIX = 'zhengyun.gov.cn';
export const LABELS = {
  partOf: 'app.kubernetes.io/part-of',
  tenant: `${LABEL_PREFIX}/tenant`,
  projectId: `${LABEL_PREFIX}/project-id`,
  projectCode: `${LABEL_PREFIX}/project-code`,
  orgId: `${LABEL_PREFIX}/org-id`,
  orgCode: `${LABEL_PREFIX}/org-code`,
  requestId: `${LABEL_PREFIX}/request-id`,
  plan: `${LABEL_PREFIX}/plan`,
  environment: `${LABEL_PREFIX}/environment`,
  networkZone: `${LABEL_PREFIX}/network-zone`,
  systemId: `${LABEL_PREFIX}/system-id`,
} as const;
export const ANNOTATIONS = {
  projectName: `${LABEL_PREFIX}/project-name`,
  orgName: `${LABEL_PREFIX}/org-name`,
  catalogRevision: `${LABEL_PREFIX}/catalog-revision`,
  group: `${LABEL_PREFIX}/group`,
  backupRetentionDays: `${LABEL_PREFIX}/backup-retention-days`,
} as const;

/** What rendering a tenant's objects reads: the input, its catalog, the cluster, and the labels every object carries. */
export interface RenderContext {
  input: TenantInput;
  catalog: CatalogView;
  profile: ClusterProfile;
  namespace: string;
  baseLabels: Record<string, string>;
}

export const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function meta(ctx: RenderContext, name: string, labels: Record<string, string> = {}, annotations?: Record<string, string>): K8sObject['metadata'] {
  return {
    name,
    namespace: ctx.namespace,
    labels: { ...ctx.baseLabels, ...labels },
    ...(annotations ? { annotations } : {}),
  };
}

/** The labels of the objects an allocation renders: its request, plan, environment, network zone and system. */
export function itemLabels(item: TenantItem): Record<string, string> {
  return {
    [LABELS.requestId]: labelValue(item.requestId),
    [LABELS.plan]: labelValue(item.planCode),
    [LABELS.environment]: item.environment,
    [LABELS.networkZone]: item.networkZone,
    ...(item.systemId ? { [LABELS.systemId]: labelValue(item.systemId) } : {}),
  };
}

export const nsSelector = (name: string): LabelSelector => ({ matchLabels: { 'kubernetes.io/metadata.name': name } });

export function networkPolicy(ctx: RenderContext, name: string, spec: Record<string, unknown>): K8sObject {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta(ctx, name), spec };
}

/** The verbs of a rule that lets people look but not touch. */
export const READ_VERBS = ['get', 'list', 'watch'];

/** The objects of an allocation: those of each of its `quantity` units, unit `i` rendered by `unit(i)`. */
export function perUnit(item: TenantItem, unit: (index: number) => K8sObject[]): K8sObject[] {
  return Array.from({ length: item.quantity }, (_, i) => unit(i)).flat();
}
