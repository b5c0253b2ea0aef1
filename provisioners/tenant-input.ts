// What desired state is computed from: an established project's entitlement and what has been drawn from it.
// Plain values only; the same input always yields the same Kubernetes objects.

export type Environment = 'production' | 'test';
/** 政务外网 (government extranet) or 互联网区 (internet zone) */
export type NetworkZone = 'egov-extranet' | 'internet';

export interface TenantItem {
  /** the resource request this allocation came from; names derive from it, so a retry converges */
  requestId: string;
  planCode: string;
  quantity: number;
  environment: Environment;
  networkZone: NetworkZone;
  /** the legacy system it serves (migration register), if any */
  systemId?: string | null;
}

export interface TenantInput {
  project: { id: string; code: string; name: string };
  org: { id: string; code: string; name: string };
  /** identity-provider groups of the department, bound to the tenant role */
  groups: string[];
  /** public keys put into every VM by cloud-init */
  sshPublicKeys: string[];
  /** the ceiling: the project's entitlement, per plan (drives the ResourceQuota) */
  entitlement: { planCode: string; quantity: number }[];
  /** everything that should run now: all provisioned and being-provisioned allocations */
  items: TenantItem[];
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [key: string]: unknown;
}
