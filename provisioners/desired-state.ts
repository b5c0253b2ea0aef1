// desiredState: an established project's entitlement and allocations -> the Kubernetes objects of its tenant
// namespace. Pure: no I/O, no clock, no randomness; the same input always yields deep-equal output, in the
// same order, whatever order the input lists its items in. The namespace and its guard rails are rendered here;
// what each allocation renders is its provisioner kind's to say (kinds/<kind>/index.ts).
import type { CatalogView } from '../catalog/view.js';
import { DEFAULT_CLUSTER_PROFILE, type ClusterProfile } from './cluster-profile.js';
import { DesiredStateError } from './desired-state-error.js';
import { PROVISIONER_REGISTRY, provisionerKind, type ProvisionerKind } from './kinds/index.js';
import { groupBindingName, labelValue, tenantNamespaceName } from './names.js';
import { quotaHard, quotaTotals, resolvePlan, type ResolvedPlan } from './quota.js';
import { ANNOTATIONS, cmp, LABELS, meta, networkPolicy, nsSelector, READ_VERBS, type RenderContext } from './tenant-objects.js';
import type { K8sObject, TenantInput, TenantItem } from './tenant-input.js';

export { DEFAULT_CLUSTER_PROFILE, type ClusterProfile } from './cluster-profile.js';
export { DesiredStateError } from './desired-state-error.js';
export { dailyBackupSchedule } from './kinds/database/objects.js';
export { LABELS } from './tenant-objects.js';

export const TENANT_ROLE_NAME = 'zhengyun-tenant';

/** Kinds in the order they are emitted (and applied): the namespace and its guard rails before workloads. */
export const KIND_ORDER: readonly string[] = [
  'Namespace',
  'ResourceQuota',
  'LimitRange',
  'NetworkPolicy',
  'Role',
  'RoleBinding',
  'Secret',
  ...PROVISIONER_REGISTRY.flatMap((k) => k.objectKinds),
];

// ───────────────────────── input checks ─────────────────────────

/** An allocation's plan and the kind that provisions it. */
interface ResolvedItem extends ResolvedPlan {
  kind: ProvisionerKind;
}

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
function checkDrawnWithinEntitlement(input: TenantInput, resolved: Map<TenantItem, ResolvedItem>): void {
  const entitled = new Map<string, number>();
  for (const e of input.entitlement) entitled.set(e.planCode, (entitled.get(e.planCode) ?? 0) + e.quantity);
  const drawn = new Map<string, number>();
  for (const item of input.items) {
    if (!resolved.get(item)?.kind.runsInTenant) continue;
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

function itemSortKey(item: TenantItem): string {
  return [item.requestId, item.planCode, item.environment, item.networkZone, item.systemId ?? ''].join('\u0000');
}

// ───────────────────────── the namespace and its guard rails ─────────────────────────

function namespaceObject(ctx: RenderContext): K8sObject {
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

function resourceQuota(ctx: RenderContext): K8sObject {
  return {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: meta(ctx, 'tenant-quota'),
    spec: { hard: quotaHard(quotaTotals(ctx.input.entitlement, ctx.catalog)) },
  };
}

function limitRange(ctx: RenderContext): K8sObject {
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

function networkPolicies(ctx: RenderContext, kinds: ReadonlySet<ProvisionerKind>): K8sObject[] {
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
  // what the kinds the tenant holds need besides
  for (const kind of PROVISIONER_REGISTRY) if (kinds.has(kind)) all.push(...(kind.networkPolicies?.(ctx) ?? []));
  return all;
}

const WRITE = [...READ_VERBS, 'create', 'update', 'patch', 'delete', 'deletecollection'];

/**
 * What the department's people may do in their namespace: run and inspect workloads, and what each kind allows
 * on its objects (operate their VMs, read their databases). Deliberately absent: roles, rolebindings (no
 * self-escalation), namespaces, resourcequotas/limitranges/networkpolicies writes (the guard rails),
 * serviceaccount tokens, and any "*".
 */
export const TENANT_RULES: { apiGroups: string[]; resources: string[]; verbs: string[] }[] = [
  { apiGroups: [''], resources: ['configmaps', 'persistentvolumeclaims', 'pods', 'secrets', 'services'], verbs: WRITE },
  { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] },
  { apiGroups: [''], resources: ['pods/attach', 'pods/exec', 'pods/portforward'], verbs: ['create', 'get'] },
  { apiGroups: [''], resources: ['endpoints', 'events', 'limitranges', 'resourcequotas', 'serviceaccounts'], verbs: READ_VERBS },
  { apiGroups: ['apps'], resources: ['deployments', 'replicasets', 'statefulsets'], verbs: WRITE },
  { apiGroups: ['apps'], resources: ['deployments/scale', 'statefulsets/scale'], verbs: ['get', 'patch', 'update'] },
  { apiGroups: ['batch'], resources: ['cronjobs', 'jobs'], verbs: WRITE },
  { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: WRITE },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: WRITE },
  { apiGroups: ['networking.k8s.io'], resources: ['ingresses'], verbs: WRITE },
  { apiGroups: ['networking.k8s.io'], resources: ['networkpolicies'], verbs: READ_VERBS },
  { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: READ_VERBS },
  { apiGroups: ['events.k8s.io'], resources: ['events'], verbs: READ_VERBS },
  ...PROVISIONER_REGISTRY.flatMap((k) => k.tenantRules),
];

function rbac(ctx: RenderContext): K8sObject[] {
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

// ───────────────────────── the whole ─────────────────────────

export function tenantNamespace(input: Pick<TenantInput, 'org' | 'project'>): string {
  return tenantNamespaceName(input.org.code, input.project.code);
}

function kindRank(kind: string): number {
  const i = KIND_ORDER.indexOf(kind);
  return i === -1 ? KIND_ORDER.length : i;
}

/** Kind order first, then name: a total, input-independent order. */
export function compareObjects(a: K8sObject, b: K8sObject): number {
  return kindRank(a.kind) - kindRank(b.kind) || cmp(a.kind, b.kind) || cmp(a.metadata.name, b.metadata.name);
}

export function desiredState(input: TenantInput, catalog: CatalogView, profile: ClusterProfile = DEFAULT_CLUSTER_PROFILE): K8sObject[] {
  checkInput(input);
  const namespace = tenantNamespace(input);
  const ctx: RenderContext = {
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
  const resolved = new Map<TenantItem, ResolvedItem>();
  for (const item of items) {
    const found = resolvePlan(catalog, item.planCode, `item ${item.requestId}`);
    resolved.set(item, { ...found, kind: provisionerKind(found.offering.provisioner) });
  }
  checkDrawnWithinEntitlement(input, resolved);

  const workloads: K8sObject[] = [];
  const held = new Set<ProvisionerKind>();
  for (const item of items) {
    const { kind, plan } = resolved.get(item)!;
    if (!kind.render) continue; // adds to the quota only, or no Kubernetes object at all
    workloads.push(...kind.render(ctx, item, plan));
    held.add(kind);
  }

  const objects = [namespaceObject(ctx), resourceQuota(ctx), limitRange(ctx), ...networkPolicies(ctx, held), ...rbac(ctx), ...workloads];
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
