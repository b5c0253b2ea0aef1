// Facts about the target cluster that desired state depends on: one profile per cluster, from configuration.
// Which image source VMs boot from, the StorageClass, the CloudNativePG operator and images, the API server
// range, container defaults and the Pod Security version.

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }[];
}

export interface NetworkPolicyPeer {
  ipBlock?: { cidr: string; except?: string[] };
  namespaceSelector?: LabelSelector;
  podSelector?: LabelSelector;
}

export type VmImageSource =
  /** a containerDisk image in a registry, e.g. docker://registry.example/vm-images/openeuler-22.03-lts:latest.
   *  pullMethod "node" lets the node's container runtime pull it: no importer egress, no scratch PVC. */
  | { kind: 'registry'; base: string; tag: string; pullMethod: 'node' | 'pod' }
  /** a disk image over HTTP, e.g. http://images.example/vm/openeuler-22.03-lts.qcow2; the CDI importer pod
   *  fetches it itself, so `egressTo` (the image server) is opened for importer pods. */
  | { kind: 'http'; base: string; extension: string; egressTo: NetworkPolicyPeer[]; egressPorts: number[] };

/** Facts about the target cluster; one per cluster, from configuration. */
export interface ClusterProfile {
  vmImages: VmImageSource;
  /** StorageClass for VM disks and database volumes; null: the cluster default */
  storageClass: string | null;
  vmDiskAccessModes: ('ReadWriteOnce' | 'ReadWriteMany')[];
  vmDiskVolumeMode: 'Filesystem' | 'Block' | null;
  /** namespace of the ingress controller allowed to reach tenant pods */
  ingressControllerNamespace: string;
  dns: { namespace: string; podLabels: Record<string, string> };
  cnpg: {
    operatorNamespace: string;
    operatorPodLabels: Record<string, string>;
    /** container image per database engine; `{version}` is replaced by the plan's engineVersion. An engine
     *  without an entry is not provisionable by CloudNativePG. */
    images: Record<string, string>;
    /** VolumeSnapshotClass for the daily backups; null: the driver's default class */
    volumeSnapshotClass: string | null;
  };
  /** Kubernetes API endpoints (address ranges and port) that CloudNativePG instance managers must reach.
   *  They are not selectable by label, so they come from configuration; empty: no such rule is rendered and
   *  database pods cannot reach the API server through the default-deny policy. */
  apiServer: { cidrs: string[]; port: number };
  /** LimitRange defaults for containers that do not state their own resources */
  containerDefaults: { request: { cpu: string; memory: string }; limit: { cpu: string; memory: string } };
  podSecurityVersion: string;
}

export const DEFAULT_CLUSTER_PROFILE: ClusterProfile = {
  vmImages: { kind: 'registry', base: 'registry.zhengyun.internal/vm-images', tag: 'latest', pullMethod: 'node' },
  storageClass: null,
  vmDiskAccessModes: ['ReadWriteOnce'],
  vmDiskVolumeMode: null,
  ingressControllerNamespace: 'ingress-nginx',
  dns: { namespace: 'kube-system', podLabels: { 'k8s-app': 'kube-dns' } },
  cnpg: {
    operatorNamespace: 'cnpg-system',
    operatorPodLabels: { 'app.kubernetes.io/name': 'cloudnative-pg' },
    images: { postgresql: 'ghcr.io/cloudnative-pg/postgresql:{version}' },
    volumeSnapshotClass: null,
  },
  apiServer: { cidrs: [], port: 6443 },
  containerDefaults: { request: { cpu: '100m', memory: '128Mi' }, limit: { cpu: '500m', memory: '512Mi' } },
  podSecurityVersion: 'latest',
};
