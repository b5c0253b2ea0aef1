// desiredState: an established project's entitlement and allocations -> the Kubernetes objects of its tenant
// namespace. Pure: no I/O, no clock, no randomness; the same input always yields deep-equal output, in the
// same order, whatever order the input lists its items in.
import YAML from 'yaml';
import type { CatalogView } from '../catalog/view.js';
import type { K8sObject, TenantInput, TenantItem } from './tenant-input.js';
import {
  bootVolumeName,
  cloudInitSecretName,
  databaseClusterName,
  groupBindingName,
  labelValue,
  scheduledBackupName,
  shortHash,
  tenantNamespaceName,
  vmName,
} from './names.js';
import {
  DesiredStateError,
  databaseSizing,
  formatMiB,
  quotaHard,
  quotaTotals,
  resolvePlan,
  vmSizing,
  type DatabaseSizing,
  type ResolvedPlan,
  type VmSizing,
} from './quota.js';

export { DesiredStateError } from './quota.js';

// ───────────────────────── cluster profile ─────────────────────────

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

// ───────────────────────── labels ─────────────────────────

export const LABEL_PREFIX = 'zhengyun.gov.cn';
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

export const TENANT_ROLE_NAME = 'zhengyun-tenant';

/** Kinds in the order they are emitted (and applied): the namespace and its guard rails before workloads. */
export const KIND_ORDER = [
  'Namespace',
  'ResourceQuota',
  'LimitRange',
  'NetworkPolicy',
  'Role',
  'RoleBinding',
  'Secret',
  'DataVolume',
  'VirtualMachine',
  'Cluster',
  'ScheduledBackup',
] as const;

// ───────────────────────── input checks ─────────────────────────

const SSH_KEY = /^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com) [A-Za-z0-9+/]+={0,3}( [^\r\n\u0000-\u001f]*)?$/;

function checkInput(input: TenantInput): void {
  for (const [i, key] of input.sshPublicKeys.entries()) {
    if (!SSH_KEY.test(key.trim())) {
      throw new DesiredStateError('SSH_KEY_INVALID', `sshPublicKeys[${i}] is not a single-line OpenSSH public key`);
    }
  }
  for (const [i, g] of input.groups.entries()) {
    if (!g.trim() || /[\u0000-\u001f]/.test(g)) throw new DesiredStateError('GROUP_INVALID', `groups[${i}] is empty or holds control characters`);
  }
  for (const [i, item] of input.items.entries()) {
    if (!Number.isInteger(item.quantity) || item.quantity < 1) {
      throw new DesiredStateError('QUANTITY_INVALID', `items[${i}] (${item.planCode}): quantity must be a positive integer, got ${item.quantity}`);
    }
    if (!item.requestId.trim()) throw new DesiredStateError('REQUEST_ID_MISSING', `items[${i}] (${item.planCode}) has no requestId`);
  }
  // a request holds each plan once (ResourceRequestItem is unique on requestId + planCode); names rely on it
  const seen = new Map<string, number>();
  for (const [i, item] of input.items.entries()) {
    const key = `${item.requestId}\u0000${item.planCode}`;
    const first = seen.get(key);
    if (first !== undefined) {
      throw new DesiredStateError('ITEM_DUPLICATE', `items[${first}] and items[${i}] both allocate plan "${item.planCode}" for request ${item.requestId}`);
    }
    seen.set(key, i);
  }
}

/** Allocations can never exceed the approved entitlement, plan by plan. */
function checkDrawnWithinEntitlement(input: TenantInput, resolved: Map<TenantItem, ResolvedPlan>): void {
  const entitled = new Map<string, number>();
  for (const e of input.entitlement) entitled.set(e.planCode, (entitled.get(e.planCode) ?? 0) + e.quantity);
  const drawn = new Map<string, number>();
  for (const item of input.items) {
    if (resolved.get(item)?.offering.provisioner === 'none') continue;
    drawn.set(item.planCode, (drawn.get(item.planCode) ?? 0) + item.quantity);
  }
  for (const [planCode, n] of [...drawn].sort(([a], [b]) => cmp(a, b))) {
    const max = entitled.get(planCode) ?? 0;
    if (n > max) {
      throw new DesiredStateError('ENTITLEMENT_EXCEEDED', `items draw ${n} of plan "${planCode}" but the entitlement allows ${max}`);
    }
  }
}

// ───────────────────────── helpers ─────────────────────────

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function itemSortKey(item: TenantItem): string {
  return [item.requestId, item.planCode, item.environment, item.networkZone, item.systemId ?? ''].join('\u0000');
}

interface Context {
  input: TenantInput;
  catalog: CatalogView;
  profile: ClusterProfile;
  namespace: string;
  baseLabels: Record<string, string>;
}

function meta(ctx: Context, name: string, labels: Record<string, string> = {}, annotations?: Record<string, string>): K8sObject['metadata'] {
  return {
    name,
    namespace: ctx.namespace,
    labels: { ...ctx.baseLabels, ...labels },
    ...(annotations ? { annotations } : {}),
  };
}

function itemLabels(item: TenantItem): Record<string, string> {
  return {
    [LABELS.requestId]: labelValue(item.requestId),
    [LABELS.plan]: labelValue(item.planCode),
    [LABELS.environment]: item.environment,
    [LABELS.networkZone]: item.networkZone,
    ...(item.systemId ? { [LABELS.systemId]: labelValue(item.systemId) } : {}),
  };
}

// ───────────────────────── the namespace and its guard rails ─────────────────────────

function namespaceObject(ctx: Context): K8sObject {
  const { input, profile } = ctx;
  const pss: Record<string, string> = {};
  for (const mode of ['enforce', 'audit', 'warn']) {
    pss[`pod-security.kubernetes.io/${mode}`] = 'restricted';
    pss[`pod-security.kubernetes.io/${mode}-version`] = profile.podSecurityVersion;
  }
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: ctx.namespace,
      labels: { ...ctx.baseLabels, ...pss },
      annotations: {
        [ANNOTATIONS.projectName]: input.project.name,
        [ANNOTATIONS.orgName]: input.org.name,
        [ANNOTATIONS.catalogRevision]: String(ctx.catalog.revision.number),
      },
    },
  };
}

function resourceQuota(ctx: Context): K8sObject {
  return {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: meta(ctx, 'tenant-quota'),
    spec: { hard: quotaHard(quotaTotals(ctx.input.entitlement, ctx.catalog)) },
  };
}

function limitRange(ctx: Context): K8sObject {
  const d = ctx.profile.containerDefaults;
  return {
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: meta(ctx, 'tenant-defaults'),
    spec: {
      limits: [
        {
          type: 'Container',
          defaultRequest: { cpu: d.request.cpu, memory: d.request.memory },
          default: { cpu: d.limit.cpu, memory: d.limit.memory },
        },
      ],
    },
  };
}

const nsSelector = (name: string): LabelSelector => ({ matchLabels: { 'kubernetes.io/metadata.name': name } });
const CNPG_PODS: LabelSelector = { matchExpressions: [{ key: 'cnpg.io/cluster', operator: 'Exists' }] };

function networkPolicy(ctx: Context, name: string, spec: Record<string, unknown>): K8sObject {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta(ctx, name), spec };
}

function networkPolicies(ctx: Context, hasVms: boolean, hasDatabases: boolean): K8sObject[] {
  const { profile } = ctx;
  const all: K8sObject[] = [
    // nothing in, nothing out, unless a policy below allows it
    networkPolicy(ctx, 'default-deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    networkPolicy(ctx, 'allow-dns', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        {
          to: [{ namespaceSelector: nsSelector(profile.dns.namespace), podSelector: { matchLabels: { ...profile.dns.podLabels } } }],
          ports: [
            { protocol: 'UDP', port: 53 },
            { protocol: 'TCP', port: 53 },
          ],
        },
      ],
    }),
    networkPolicy(ctx, 'allow-same-namespace', {
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ podSelector: {} }] }],
      egress: [{ to: [{ podSelector: {} }] }],
    }),
    networkPolicy(ctx, 'allow-from-ingress-controller', {
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: nsSelector(profile.ingressControllerNamespace) }] }],
    }),
  ];
  if (hasDatabases) {
    // the operator polls each instance manager's status endpoint
    all.push(
      networkPolicy(ctx, 'allow-cnpg-operator', {
        podSelector: CNPG_PODS,
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [{ namespaceSelector: nsSelector(profile.cnpg.operatorNamespace), podSelector: { matchLabels: { ...profile.cnpg.operatorPodLabels } } }],
            ports: [{ protocol: 'TCP', port: 8000 }],
          },
        ],
      }),
    );
    if (profile.apiServer.cidrs.length > 0) {
      all.push(
        networkPolicy(ctx, 'allow-cnpg-apiserver', {
          podSelector: CNPG_PODS,
          policyTypes: ['Egress'],
          egress: [{ to: [...profile.apiServer.cidrs].sort(cmp).map((cidr) => ({ ipBlock: { cidr } })), ports: [{ protocol: 'TCP', port: profile.apiServer.port }] }],
        }),
      );
    }
  }
  if (hasVms && profile.vmImages.kind === 'http' && profile.vmImages.egressTo.length > 0) {
    all.push(
      networkPolicy(ctx, 'allow-image-import', {
        podSelector: { matchLabels: { 'cdi.kubevirt.io': 'importer' } },
        policyTypes: ['Egress'],
        egress: [{ to: structuredClone(profile.vmImages.egressTo), ports: profile.vmImages.egressPorts.map((port) => ({ protocol: 'TCP', port })) }],
      }),
    );
  }
  return all;
}

const READ = ['get', 'list', 'watch'];
const WRITE = [...READ, 'create', 'update', 'patch', 'delete', 'deletecollection'];

/**
 * What the department's people may do in their namespace: run and inspect workloads, operate their VMs and
 * read their databases. Deliberately absent: roles, rolebindings (no self-escalation), namespaces,
 * resourcequotas/limitranges/networkpolicies writes (the guard rails), serviceaccount tokens, and any "*".
 */
export const TENANT_RULES: { apiGroups: string[]; resources: string[]; verbs: string[] }[] = [
  { apiGroups: [''], resources: ['configmaps', 'persistentvolumeclaims', 'pods', 'secrets', 'services'], verbs: WRITE },
  { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] },
  { apiGroups: [''], resources: ['pods/attach', 'pods/exec', 'pods/portforward'], verbs: ['create', 'get'] },
  { apiGroups: [''], resources: ['endpoints', 'events', 'limitranges', 'resourcequotas', 'serviceaccounts'], verbs: READ },
  { apiGroups: ['apps'], resources: ['deployments', 'replicasets', 'statefulsets'], verbs: WRITE },
  { apiGroups: ['apps'], resources: ['deployments/scale', 'statefulsets/scale'], verbs: ['get', 'patch', 'update'] },
  { apiGroups: ['batch'], resources: ['cronjobs', 'jobs'], verbs: WRITE },
  { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: WRITE },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: WRITE },
  { apiGroups: ['networking.k8s.io'], resources: ['ingresses'], verbs: WRITE },
  { apiGroups: ['networking.k8s.io'], resources: ['networkpolicies'], verbs: READ },
  { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: READ },
  { apiGroups: ['events.k8s.io'], resources: ['events'], verbs: READ },
  // VMs are declared by the platform (sizes come from the catalog); people restart and reach them
  { apiGroups: ['kubevirt.io'], resources: ['virtualmachineinstances', 'virtualmachines'], verbs: READ },
  { apiGroups: ['subresources.kubevirt.io'], resources: ['virtualmachines/restart'], verbs: ['update'] },
  {
    apiGroups: ['subresources.kubevirt.io'],
    resources: ['virtualmachineinstances/console', 'virtualmachineinstances/filesystemlist', 'virtualmachineinstances/guestosinfo', 'virtualmachineinstances/userlist', 'virtualmachineinstances/vnc'],
    verbs: ['get'],
  },
  { apiGroups: ['cdi.kubevirt.io'], resources: ['datavolumes'], verbs: READ },
  { apiGroups: ['postgresql.cnpg.io'], resources: ['backups', 'clusters', 'scheduledbackups'], verbs: READ },
  { apiGroups: ['postgresql.cnpg.io'], resources: ['backups'], verbs: ['create'] },
];

function rbac(ctx: Context): K8sObject[] {
  const role: K8sObject = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: meta(ctx, TENANT_ROLE_NAME),
    rules: TENANT_RULES.map((r) => ({ apiGroups: [...r.apiGroups], resources: [...r.resources], verbs: [...r.verbs] })),
  };
  const groups = [...new Set(ctx.input.groups.map((g) => g.trim()))].sort(cmp);
  const bindings = groups.map(
    (group): K8sObject => ({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: meta(ctx, groupBindingName(group), {}, { [ANNOTATIONS.group]: group }),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: TENANT_ROLE_NAME },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: group }],
    }),
  );
  return [role, ...bindings];
}

// ───────────────────────── virtual machines ─────────────────────────

function imageSource(profile: ClusterProfile, image: string): Record<string, unknown> {
  const src = profile.vmImages;
  if (src.kind === 'registry') {
    return { registry: { url: `docker://${src.base.replace(/\/+$/, '')}/${image}:${src.tag}`, pullMethod: src.pullMethod } };
  }
  return { http: { url: `${src.base.replace(/\/+$/, '')}/${image}.${src.extension}` } };
}

function cloudInitUserData(ctx: Context, hostname: string): string {
  const config = {
    hostname,
    ssh_pwauth: false,
    disable_root: true,
    ssh_authorized_keys: ctx.input.sshPublicKeys.map((k) => k.trim()),
  };
  // cloud-init reads YAML 1.1 (PyYAML): emit 1.1 so that no string can turn into a boolean or a number
  return `#cloud-config\n${new YAML.Document(config, { version: '1.1' }).toString({ lineWidth: 0 })}`;
}

function virtualMachine(ctx: Context, item: TenantItem, vm: VmSizing, name: string): K8sObject[] {
  const labels = itemLabels(item);
  const secretName = cloudInitSecretName(name);
  const disk = bootVolumeName(name);
  const { profile } = ctx;
  const cpu = String(vm.vcpu);
  const memory = formatMiB(vm.memoryMiB);
  const secret: K8sObject = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: meta(ctx, secretName, labels),
    type: 'Opaque',
    stringData: { userdata: cloudInitUserData(ctx, name) },
  };
  const machine: K8sObject = {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: meta(ctx, name, labels),
    spec: {
      runStrategy: 'Always',
      dataVolumeTemplates: [
        {
          metadata: { name: disk, labels: { ...ctx.baseLabels, ...labels } },
          spec: {
            source: imageSource(profile, vm.image),
            pvc: {
              accessModes: [...profile.vmDiskAccessModes],
              resources: { requests: { storage: `${vm.diskGiB}Gi` } },
              ...(profile.vmDiskVolumeMode ? { volumeMode: profile.vmDiskVolumeMode } : {}),
              ...(profile.storageClass ? { storageClassName: profile.storageClass } : {}),
            },
          },
        },
      ],
      template: {
        metadata: { labels: { ...ctx.baseLabels, ...labels, 'kubevirt.io/vm': name } },
        spec: {
          architecture: vm.architecture,
          domain: {
            cpu: { sockets: 1, cores: vm.vcpu, threads: 1 },
            // requests == limits: Guaranteed QoS, nothing overcommitted (and what quota.ts accounts for)
            resources: { requests: { cpu, memory }, limits: { cpu, memory } },
            ...(vm.architecture === 'arm64' ? { firmware: { bootloader: { efi: { secureBoot: false } } } } : {}),
            devices: {
              disks: [
                { name: 'rootdisk', bootOrder: 1, disk: { bus: 'virtio' } },
                { name: 'cloudinitdisk', disk: { bus: 'virtio' } },
              ],
              interfaces: [{ name: 'default', masquerade: {} }],
              rng: {},
            },
          },
          networks: [{ name: 'default', pod: {} }],
          terminationGracePeriodSeconds: 180,
          volumes: [
            { name: 'rootdisk', dataVolume: { name: disk } },
            { name: 'cloudinitdisk', cloudInitNoCloud: { secretRef: { name: secretName } } },
          ],
        },
      },
    },
  };
  return [secret, machine];
}

// ───────────────────────── databases ─────────────────────────

function databaseImage(profile: ClusterProfile, planCode: string, db: DatabaseSizing): string {
  const template = profile.cnpg.images[db.engine];
  if (!template) {
    throw new DesiredStateError(
      'ENGINE_UNSUPPORTED',
      `plan "${planCode}": engine ${db.engine} ${db.engineVersion} cannot be run by CloudNativePG (no image configured for "${db.engine}")`,
    );
  }
  return template.replaceAll('{version}', db.engineVersion);
}

/** A daily schedule (CloudNativePG cron has a seconds field), spread over 01:00–03:59 by name so tenants do not all snapshot at once. */
export function dailyBackupSchedule(clusterName: string): string {
  const h = parseInt(shortHash(clusterName, 6), 16);
  return `0 ${h % 60} ${1 + (Math.floor(h / 60) % 3)} * * *`;
}

function databaseCluster(ctx: Context, item: TenantItem, planCode: string, db: DatabaseSizing, name: string): K8sObject[] {
  const labels = itemLabels(item);
  const { profile } = ctx;
  const cpu = String(db.vcpu);
  const memory = formatMiB(db.memoryMiB);
  const cluster: K8sObject = {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Cluster',
    metadata: meta(ctx, name, labels),
    spec: {
      instances: db.instances,
      imageName: databaseImage(profile, planCode, db),
      primaryUpdateStrategy: 'unsupervised',
      enableSuperuserAccess: false,
      // the operator creates the owner's credentials in the Secret "<name>-app"
      bootstrap: { initdb: { database: 'app', owner: 'app' } },
      storage: { size: `${db.storageGiB}Gi`, ...(profile.storageClass ? { storageClass: profile.storageClass } : {}) },
      resources: { requests: { cpu, memory }, limits: { cpu, memory } },
      affinity: { enablePodAntiAffinity: true, topologyKey: 'kubernetes.io/hostname' },
      inheritedMetadata: { labels: { ...ctx.baseLabels, ...labels } },
      backup: { volumeSnapshot: { online: true, ...(profile.cnpg.volumeSnapshotClass ? { className: profile.cnpg.volumeSnapshotClass } : {}) } },
    },
  };
  const backup: K8sObject = {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'ScheduledBackup',
    metadata: meta(
      ctx,
      scheduledBackupName(name),
      labels,
      db.backupRetentionDays === null ? undefined : { [ANNOTATIONS.backupRetentionDays]: String(db.backupRetentionDays) },
    ),
    spec: {
      schedule: dailyBackupSchedule(name),
      cluster: { name },
      method: 'volumeSnapshot',
      backupOwnerReference: 'self',
      immediate: true,
    },
  };
  return [cluster, backup];
}

// ───────────────────────── the whole ─────────────────────────

export function tenantNamespace(input: Pick<TenantInput, 'org' | 'project'>): string {
  return tenantNamespaceName(input.org.code, input.project.code);
}

function kindRank(kind: string): number {
  const i = (KIND_ORDER as readonly string[]).indexOf(kind);
  return i === -1 ? KIND_ORDER.length : i;
}

/** Kind order first, then name: a total, input-independent order. */
export function compareObjects(a: K8sObject, b: K8sObject): number {
  return kindRank(a.kind) - kindRank(b.kind) || cmp(a.kind, b.kind) || cmp(a.metadata.name, b.metadata.name);
}

export function desiredState(input: TenantInput, catalog: CatalogView, profile: ClusterProfile = DEFAULT_CLUSTER_PROFILE): K8sObject[] {
  checkInput(input);
  const namespace = tenantNamespace(input);
  const ctx: Context = {
    input,
    catalog,
    profile,
    namespace,
    baseLabels: {
      [LABELS.partOf]: 'zhengyun',
      [LABELS.tenant]: namespace,
      [LABELS.projectId]: labelValue(input.project.id),
      [LABELS.projectCode]: labelValue(input.project.code),
      [LABELS.orgId]: labelValue(input.org.id),
      [LABELS.orgCode]: labelValue(input.org.code),
    },
  };

  const items = [...input.items].sort((a, b) => cmp(itemSortKey(a), itemSortKey(b)));
  const resolved = new Map<TenantItem, ResolvedPlan>();
  for (const item of items) resolved.set(item, resolvePlan(catalog, item.planCode, `item ${item.requestId}`));
  checkDrawnWithinEntitlement(input, resolved);

  const workloads: K8sObject[] = [];
  let hasVms = false;
  let hasDatabases = false;
  for (const item of items) {
    const found = resolved.get(item)!;
    switch (found.offering.provisioner) {
      case 'vm': {
        const vm = vmSizing(found.plan);
        for (let i = 0; i < item.quantity; i++) workloads.push(...virtualMachine(ctx, item, vm, vmName(item.requestId, item.planCode, i)));
        hasVms = true;
        break;
      }
      case 'database': {
        const db = databaseSizing(found.plan);
        for (let i = 0; i < item.quantity; i++) {
          workloads.push(...databaseCluster(ctx, item, item.planCode, db, databaseClusterName(item.requestId, item.planCode, i)));
        }
        hasDatabases = true;
        break;
      }
      case 'namespace': // adds to the quota only
      case 'none': // not a Kubernetes object
        break;
    }
  }

  const objects = [namespaceObject(ctx), resourceQuota(ctx), limitRange(ctx), ...networkPolicies(ctx, hasVms, hasDatabases), ...rbac(ctx), ...workloads];
  const seen = new Set<string>();
  for (const o of objects) {
    const key = `${o.kind}/${o.metadata.name}`;
    if (seen.has(key)) {
      throw new DesiredStateError('NAME_COLLISION', `two objects would be named ${key}; check for duplicate items (same requestId and planCode)`);
    }
    seen.add(key);
  }
  return objects.sort(compareObjects);
}
