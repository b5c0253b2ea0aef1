// The Pulumi driver's program: one component per tenant namespace creating every desired object with
// @pulumi/kubernetes. Typed classes for the core kinds, CustomResource for the provisioner kinds' own
// (KubeVirt, CDI, CloudNativePG).
// The objects come from desiredState (pure); this module only maps them onto Pulumi resources.
import * as pulumi from '@pulumi/pulumi';
import * as k8s from '@pulumi/kubernetes';
import { compareObjects } from '../desired-state.js';
import { PROVISIONER_REGISTRY } from '../kinds/index.js';
import type { K8sObject } from '../tenant-input.js';

export const TENANT_COMPONENT_TYPE = 'zhengyun:tenant:Tenant';

export interface TenantArgs {
  /** desiredState(...) output: exactly one Namespace, every other object inside it */
  objects: K8sObject[];
}

type Ctor = new (name: string, args: never, opts?: pulumi.CustomResourceOptions) => pulumi.CustomResource;

/** Core kinds with a typed @pulumi/kubernetes class; keyed by apiVersion/kind. */
const TYPED: Record<string, Ctor> = {
  'v1/Namespace': k8s.core.v1.Namespace as Ctor,
  'v1/ResourceQuota': k8s.core.v1.ResourceQuota as Ctor,
  'v1/LimitRange': k8s.core.v1.LimitRange as Ctor,
  'v1/Secret': k8s.core.v1.Secret as Ctor,
  'networking.k8s.io/v1/NetworkPolicy': k8s.networking.v1.NetworkPolicy as Ctor,
  'rbac.authorization.k8s.io/v1/Role': k8s.rbac.v1.Role as Ctor,
  'rbac.authorization.k8s.io/v1/RoleBinding': k8s.rbac.v1.RoleBinding as Ctor,
};

/** API groups created as CustomResource (their CRDs are installed by the platform, not by tenants): the kinds'. */
export const CUSTOM_RESOURCE_GROUPS = PROVISIONER_REGISTRY.flatMap((k) => k.customResourceGroups);

const apiGroup = (apiVersion: string): string => (apiVersion.includes('/') ? apiVersion.split('/')[0]! : '');

/** The Pulumi logical name: unique per stack, stable, readable. */
export function logicalName(obj: K8sObject): string {
  return obj.metadata.namespace ? `${obj.metadata.namespace}/${obj.kind.toLowerCase()}/${obj.metadata.name}` : `${obj.kind.toLowerCase()}/${obj.metadata.name}`;
}

/** Names of same-namespace objects this one should wait for (kind/name): its role, or what its kind says. */
function dependencies(obj: K8sObject): string[] {
  if (obj.kind === 'RoleBinding') {
    const ref = obj.roleRef as { kind?: string; name?: string } | undefined;
    return ref?.kind === 'Role' && ref.name ? [`Role/${ref.name}`] : [];
  }
  return PROVISIONER_REGISTRY.flatMap((k) => k.dependsOn?.(obj) ?? []);
}

/** Exactly one Namespace, every other object inside it, every kind mappable; returns the namespace name. */
function checkObjects(name: string, objects: K8sObject[]): string {
  const namespaces = objects.filter((o) => o.kind === 'Namespace');
  if (namespaces.length !== 1) throw new Error(`Tenant ${name}: expected exactly one Namespace among the objects, found ${namespaces.length}`);
  const nsName = namespaces[0]!.metadata.name;
  for (const obj of objects) {
    const key = `${obj.apiVersion}/${obj.kind}`;
    if (!TYPED[key] && !CUSTOM_RESOURCE_GROUPS.includes(apiGroup(obj.apiVersion))) {
      throw new Error(`Tenant ${name}: no mapping for ${key} (${obj.metadata.name})`);
    }
    if (obj.kind !== 'Namespace' && obj.metadata.namespace !== nsName) {
      throw new Error(`Tenant ${name}: ${obj.kind}/${obj.metadata.name} is not in namespace ${nsName}`);
    }
  }
  return nsName;
}

export interface TenantOptions extends pulumi.ComponentResourceOptions {
  /** the Kubernetes provider of the target cluster (e.g. from its kubeconfig); default: the ambient one */
  provider?: k8s.Provider;
}

/**
 * How Pulumi should treat an object, as annotations the provider reads (not part of the desired state, so the
 * render driver's YAML stays free of them):
 *   pulumi.com/patchForce  the platform is the authority over its tenants' objects: a field someone changed by
 *                          hand is taken back on the next up (server-side apply with force) instead of failing
 *                          with a field conflict
 *   pulumi.com/waitFor     a ResourceQuota is ready once the quota controller has counted it (status.used)
 */
function withPulumiAnnotations(obj: K8sObject): K8sObject {
  const annotations: Record<string, string> = { ...obj.metadata.annotations, 'pulumi.com/patchForce': 'true' };
  if (obj.kind === 'ResourceQuota') annotations['pulumi.com/waitFor'] = 'jsonpath={.status.used}';
  return { ...obj, metadata: { ...obj.metadata, annotations } };
}

/** A tenant namespace and everything in it. */
export class Tenant extends pulumi.ComponentResource {
  readonly namespace: pulumi.Output<string>;
  /** every child, in apply order (kind order, then name) */
  readonly resources: pulumi.CustomResource[];

  constructor(name: string, args: TenantArgs, opts: TenantOptions = {}) {
    // check everything before registering anything: a refused input leaves no half-built tenant behind
    checkObjects(name, args.objects);
    super(TENANT_COMPONENT_TYPE, name, {}, opts);
    const childOpts = (dependsOn: pulumi.Resource[]): pulumi.CustomResourceOptions => ({
      parent: this,
      ...(opts.provider ? { provider: opts.provider } : {}),
      ...(dependsOn.length ? { dependsOn } : {}),
    });

    const byRef = new Map<string, pulumi.CustomResource>();
    const create = (desired: K8sObject, dependsOn: pulumi.Resource[]): pulumi.CustomResource => {
      const obj = withPulumiAnnotations(desired);
      const typed = TYPED[`${obj.apiVersion}/${obj.kind}`];
      let resource: pulumi.CustomResource;
      if (typed) {
        const { apiVersion: _v, kind: _k, ...rest } = obj;
        resource = new typed(logicalName(obj), rest as never, childOpts(dependsOn));
      } else {
        resource = new k8s.apiextensions.CustomResource(logicalName(obj), { ...obj, apiVersion: obj.apiVersion, kind: obj.kind }, childOpts(dependsOn));
      }
      byRef.set(`${obj.kind}/${obj.metadata.name}`, resource);
      return resource;
    };

    const ns = create(args.objects.find((o) => o.kind === 'Namespace')!, []);
    this.resources = [ns];
    // the quota first, counted: until the quota controller has counted a new quota, the API server refuses every
    // object the quota names ("status unknown for quota"), so everything else waits for it
    const quotaObj = args.objects.find((o) => o.kind === 'ResourceQuota');
    const quota = quotaObj ? create(quotaObj, [ns]) : undefined;
    if (quota) this.resources.push(quota);
    // kind order puts what an object refers to (Role, Secret, Cluster) before it
    for (const obj of [...args.objects].sort(compareObjects)) {
      if (obj.kind === 'Namespace' || obj === quotaObj) continue;
      const deps = dependencies(obj)
        .map((ref) => byRef.get(ref))
        .filter((r): r is pulumi.CustomResource => r !== undefined);
      this.resources.push(create(obj, [ns, ...(quota ? [quota] : []), ...deps]));
    }

    this.namespace = (ns as k8s.core.v1.Namespace).metadata.name;
    this.registerOutputs({ namespace: this.namespace, objectCount: this.resources.length });
  }
}

export interface TenantProgramOptions {
  /** kubeconfig of the target cluster; without it the ambient kubeconfig is used */
  kubeconfig?: pulumi.Input<string>;
  context?: string;
}

/**
 * An inline program for the Automation API (`LocalWorkspace.createOrSelectStack({ program, ... })`), one stack
 * per tenant namespace. Run each stack operation in its own child process (see docs/STACK.md).
 */
export function tenantProgram(objects: K8sObject[], options: TenantProgramOptions = {}): () => Promise<Record<string, unknown>> {
  return async () => {
    const ns = objects.find((o) => o.kind === 'Namespace');
    if (!ns) throw new Error('tenantProgram: the objects hold no Namespace');
    const provider = options.kubeconfig
      ? new k8s.Provider('target-cluster', {
          kubeconfig: options.kubeconfig,
          ...(options.context ? { context: options.context } : {}),
          enableServerSideApply: true,
        })
      : undefined;
    const tenant = new Tenant(ns.metadata.name, { objects }, provider ? { provider } : {});
    return { namespace: tenant.namespace, objectCount: tenant.resources.length };
  };
}
