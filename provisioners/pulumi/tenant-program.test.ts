// The tenant program under Pulumi's mocks: no CLI, no cluster. Mocks are set before the program module is
// imported (dynamic import below), as Pulumi requires.
import { seedCatalogView } from '../../catalog/seed-view.js';
import fs from 'node:fs';
import * as pulumi from '@pulumi/pulumi';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SeedCatalog } from '../../catalog/seed-schema.js';
import type { CatalogView } from '../../catalog/view.js';
import { desiredState } from '../desired-state.js';
import type { K8sObject, TenantInput } from '../tenant-input.js';

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, any>;
  provider?: string;
}
const registered: Registered[] = [];

pulumi.runtime.setMocks(
  {
    newResource: (args: pulumi.runtime.MockResourceArgs) => {
      registered.push({ type: args.type, name: args.name, inputs: args.inputs, ...(args.provider ? { provider: args.provider } : {}) });
      return { id: `${args.name}-id`, state: args.inputs };
    },
    call: (args: pulumi.runtime.MockCallArgs) => args.inputs,
  },
  'zhengyun',
  'test',
  false,
);

type Program = typeof import('./tenant-program.js');
let program: Program;

const seedView = seedCatalogView;

const input: TenantInput = {
  project: { id: '5b1d7c2e-9a4f-4c3e-8d2a-1f0e9d8c7b6a', code: '2026-EDU-001', name: '运城市智慧教育云平台' },
  org: { id: '7f3e2d1c-0b9a-4877-9655-443322110000', code: 'EDU', name: '运城市教育局' },
  groups: ['edu-ops', 'edu-dev'],
  sshPublicKeys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOk3wz5cQ3J9m1YV4r2Qx8b0i9o7Kq1sX2mT6yN0pL3a ops@edu'],
  entitlement: [
    { planCode: 'vm-general-4c8g', quantity: 2 },
    { planCode: 'rds-postgresql-ha-4c16g', quantity: 1 },
    { planCode: 'tenant-namespace-small', quantity: 1 },
  ],
  items: [
    { requestId: 'a1b2c3d4-1111-4222-8333-444455556666', planCode: 'vm-general-4c8g', quantity: 2, environment: 'production', networkZone: 'egov-extranet' },
    { requestId: 'a1b2c3d4-1111-4222-8333-444455556666', planCode: 'rds-postgresql-ha-4c16g', quantity: 1, environment: 'production', networkZone: 'egov-extranet' },
  ],
};
const NS = 'zy-edu-2026-edu-001';
const objects: K8sObject[] = desiredState(input, seedView());

const TYPE_OF_KIND: Record<string, string> = {
  Namespace: 'kubernetes:core/v1:Namespace',
  ResourceQuota: 'kubernetes:core/v1:ResourceQuota',
  LimitRange: 'kubernetes:core/v1:LimitRange',
  Secret: 'kubernetes:core/v1:Secret',
  NetworkPolicy: 'kubernetes:networking.k8s.io/v1:NetworkPolicy',
  Role: 'kubernetes:rbac.authorization.k8s.io/v1:Role',
  RoleBinding: 'kubernetes:rbac.authorization.k8s.io/v1:RoleBinding',
  VirtualMachine: 'kubernetes:kubevirt.io/v1:VirtualMachine',
  Cluster: 'kubernetes:postgresql.cnpg.io/v1:Cluster',
  ScheduledBackup: 'kubernetes:postgresql.cnpg.io/v1:ScheduledBackup',
};

const resolve = <T>(output: pulumi.Output<T>): Promise<T> => new Promise((ok) => output.apply((v) => ok(v)));
/** Unwraps values Pulumi marks secret in mock inputs. */
const plain = (value: unknown): any => {
  if (value && typeof value === 'object' && '4dabf18193072939515e22adb298388d' in value) return (value as unknown as { value: unknown }).value;
  return value;
};

let outputs: Record<string, unknown>;
let childUrns: string[];
let componentUrn: string;

beforeAll(async () => {
  program = await import('./tenant-program.js');
  // run the inline program exactly as the Automation API would, then wait for every registration
  const tenant = new program.Tenant(NS, { objects });
  componentUrn = await resolve(tenant.urn);
  childUrns = await Promise.all(tenant.resources.map((r) => resolve(r.urn)));
  outputs = { namespace: await resolve(tenant.namespace), count: tenant.resources.length };
});

const ofType = (kind: string) => registered.filter((r) => r.type === TYPE_OF_KIND[kind]);

describe('Tenant component', () => {
  it('registers the component and one resource per object, with the typed class or CustomResource of its kind', () => {
    expect(registered.filter((r) => r.type === program.TENANT_COMPONENT_TYPE).map((r) => r.name)).toEqual([NS]);
    const children = registered.filter((r) => r.type !== program.TENANT_COMPONENT_TYPE);
    expect(children).toHaveLength(objects.length);
    expect(outputs).toEqual({ namespace: NS, count: objects.length });
    for (const obj of objects) {
      const name = obj.kind === 'Namespace' ? `namespace/${NS}` : `${NS}/${obj.kind.toLowerCase()}/${obj.metadata.name}`;
      const match = children.filter((r) => r.name === name);
      expect(match.map((r) => r.type), name).toEqual([TYPE_OF_KIND[obj.kind]]);
      expect(match[0]!.inputs.metadata.name).toBe(obj.metadata.name); // explicit names: no Pulumi auto-naming suffix
    }
    expect(Object.keys(TYPE_OF_KIND).map((k) => [k, ofType(k).length > 0])).toEqual(Object.keys(TYPE_OF_KIND).map((k) => [k, true]));
  });

  it('parents every resource to the component', () => {
    expect(componentUrn).toBe(`urn:pulumi:test::zhengyun::${program.TENANT_COMPONENT_TYPE}::${NS}`);
    expect(childUrns).toHaveLength(objects.length);
    for (const urn of childUrns) expect(urn).toMatch(new RegExp(`^urn:pulumi:test::zhengyun::${program.TENANT_COMPONENT_TYPE}\\$kubernetes:`));
  });

  it('puts every namespaced object into the tenant namespace', () => {
    for (const r of registered.filter((r) => r.type.startsWith('kubernetes:') && r.type !== TYPE_OF_KIND.Namespace)) {
      expect(r.inputs.metadata.namespace, r.name).toBe(NS);
    }
    expect(ofType('Namespace')[0]!.inputs.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
  });

  it('passes the quota hard limits through', () => {
    const [quota] = ofType('ResourceQuota');
    // 2 × (4 vCPU + 0.1) + 3 × 4 (HA PostgreSQL) + 8 (namespace plan); 2 × (8 GiB + 520 MiB) + 3 × 16 GiB + 16 GiB
    expect(quota!.inputs.spec.hard).toMatchObject({
      'requests.cpu': '28200m',
      'limits.cpu': '28200m',
      'requests.memory': '82960Mi',
      'requests.storage': '1000Gi',
      persistentvolumeclaims: '15',
      'count/virtualmachines.kubevirt.io': '2',
      'count/clusters.postgresql.cnpg.io': '1',
    });
  });

  it('passes the VM spec and cloud-init secret through', () => {
    const vms = ofType('VirtualMachine');
    expect(vms).toHaveLength(2);
    for (const vm of vms) {
      expect(vm.inputs.apiVersion).toBe('kubevirt.io/v1');
      expect(vm.inputs.kind).toBe('VirtualMachine');
      expect(vm.inputs.spec.runStrategy).toBe('Always');
      expect(vm.inputs.spec.template.spec.domain.cpu.cores).toBe(4);
      expect(vm.inputs.spec.template.spec.domain.resources.limits).toEqual({ cpu: '4', memory: '8Gi' });
      const secretName = vm.inputs.spec.template.spec.volumes[1].cloudInitNoCloud.secretRef.name as string;
      const secret = ofType('Secret').find((s) => s.inputs.metadata.name === secretName);
      expect(plain(plain(secret!.inputs.stringData).userdata)).toContain(input.sshPublicKeys[0]);
    }
  });

  it('passes the CloudNativePG cluster and its backup through', () => {
    const [cluster] = ofType('Cluster');
    expect(cluster!.inputs.spec.instances).toBe(3);
    expect(cluster!.inputs.spec.storage).toEqual({ size: '200Gi' });
    expect(cluster!.inputs.spec.imageName).toBe('ghcr.io/cloudnative-pg/postgresql:16');
    const [backup] = ofType('ScheduledBackup');
    expect(backup!.inputs.spec.cluster).toEqual({ name: cluster!.inputs.metadata.name });
  });

  it('refuses objects outside the namespace and kinds it cannot map, registering nothing', async () => {
    const before = registered.length;
    const stray = objects.map((o) => (o.kind === 'Role' ? { ...o, metadata: { ...o.metadata, namespace: 'kube-system' } } : o));
    expect(() => new program.Tenant('stray', { objects: stray })).toThrow(/Role\/zhengyun-tenant is not in namespace zy-edu-2026-edu-001/);
    const unknown = [...objects, { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'd', namespace: NS } }];
    expect(() => new program.Tenant('unknown', { objects: unknown })).toThrow(/no mapping for apps\/v1\/DaemonSet/);
    expect(() => new program.Tenant('none', { objects: objects.slice(1) })).toThrow(/exactly one Namespace/);
    await new Promise((r) => setTimeout(r, 50));
    expect(registered.slice(before)).toEqual([]);
  });
});

describe('tenantProgram', () => {
  it('returns an inline program that builds the tenant on the target cluster’s provider', async () => {
    const before = registered.length;
    const other = desiredState({ ...input, project: { ...input.project, code: '2026-EDU-002' } }, seedView());
    const run = program.tenantProgram(other, { kubeconfig: 'apiVersion: v1\nkind: Config\n', context: 'yuncheng-prod' });
    const out = await run();
    expect(await resolve(out.namespace as pulumi.Output<string>)).toBe('zy-edu-2026-edu-002');
    expect(out.objectCount).toBe(other.length);
    // registrations are asynchronous: wait until the provider and every object have reached the mock monitor
    const mine = () => registered.slice(before).filter((r) => r.name.includes('zy-edu-2026-edu-002') || r.type === 'pulumi:providers:kubernetes');
    for (let waited = 0; mine().length < other.length + 2 && waited < 5000; waited += 10) await new Promise((r) => setTimeout(r, 10));
    const added = registered.slice(before);
    const provider = added.find((r) => r.type === 'pulumi:providers:kubernetes');
    expect(provider?.inputs).toMatchObject({ context: 'yuncheng-prod', enableServerSideApply: 'true' });
    const children = added.filter((r) => r.type.startsWith('kubernetes:') && r.name.includes('zy-edu-2026-edu-002'));
    expect(children).toHaveLength(other.length);
    for (const c of children) expect(c.provider, c.name).toMatch(/::target-cluster::target-cluster-id$/);
  });
});
