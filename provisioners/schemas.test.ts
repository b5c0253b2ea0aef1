// Every object desiredState renders, validated against the real schemas: core kinds with kubernetes-models
// (the Kubernetes OpenAPI definitions), KubeVirt / CDI / CloudNativePG kinds with the upstream CRD schemas
// in ../shared/schemas/crds, through test/support/k8s-schemas.ts. No API server can run here; this is the substitute.
import { describe, expect, it } from 'vitest';
import { seedCatalogView } from '../catalog/seed-view.js';
import type { SeedCatalog } from '../catalog/seed-schema.js';
import type { CatalogView } from '../catalog/view.js';
import { dataVolumesOf, problems as schemaProblems, SCHEMA_KINDS } from '../test/support/k8s-schemas.js';
import { DEFAULT_CLUSTER_PROFILE, desiredState, type ClusterProfile } from './desired-state.js';
import type { K8sObject, TenantInput } from './tenant-input.js';

/** Tenant objects' names become DNS labels. */
const problems = (obj: K8sObject) => schemaProblems(obj, 'dns-label');

/** What a tenant consists of (DataVolumes come inside their VMs' templates). */
const TENANT_KINDS = [
  'v1/Namespace', 'v1/ResourceQuota', 'v1/LimitRange', 'v1/Secret', 'networking.k8s.io/v1/NetworkPolicy', 'rbac.authorization.k8s.io/v1/Role',
  'rbac.authorization.k8s.io/v1/RoleBinding', 'kubevirt.io/v1/VirtualMachine', 'postgresql.cnpg.io/v1/Cluster', 'postgresql.cnpg.io/v1/ScheduledBackup',
].sort();

// ───────────────────────── inputs ─────────────────────────

const seedView = seedCatalogView;
const catalog = seedView();

/** One of every VM plan, every PostgreSQL plan and every namespace plan of the seed catalog. */
function everything(): TenantInput {
  const plans = catalog.offerings
    .filter((o) => o.provisioner !== 'none' && !(o.provisioner === 'database' && o.plans.some((p) => p.spec.engine !== 'postgresql')))
    .flatMap((o) => o.plans.map((p) => p.code));
  return {
    project: { id: '0d6f5f3a-1c1b-4d8e-9a57-2b1f3c4d5e6f', code: '2026-HEALTH-007', name: '全民健康信息平台' },
    org: { id: '11111111-2222-4333-8444-555555555555', code: 'HEALTH', name: '运城市卫生健康委员会' },
    groups: ['health-ops', 'health-dev', 'oidc:卫健委/DBA'],
    sshPublicKeys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOk3wz5cQ3J9m1YV4r2Qx8b0i9o7Kq1sX2mT6yN0pL3a ops@health'],
    entitlement: plans.map((planCode) => ({ planCode, quantity: 2 })),
    items: plans.map((planCode, i) => ({
      requestId: `${(0x10000000 + i).toString(16)}-aaaa-4bbb-8ccc-dddddddddddd`,
      planCode,
      quantity: planCode.startsWith('tenant-namespace') ? 1 : 2,
      environment: i % 2 ? 'test' : 'production',
      networkZone: i % 3 ? 'egov-extranet' : 'internet',
      systemId: i % 4 ? null : '99999999-8888-4777-8666-555555555555',
    })),
  };
}

const CUSTOM_PROFILE: ClusterProfile = {
  ...DEFAULT_CLUSTER_PROFILE,
  vmImages: { kind: 'http', base: 'http://images.zhengyun.internal/vm/', extension: 'qcow2', egressTo: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'vm-images' } } }], egressPorts: [80, 443] },
  storageClass: 'ceph-rbd',
  vmDiskAccessModes: ['ReadWriteMany'],
  vmDiskVolumeMode: 'Block',
  cnpg: { ...DEFAULT_CLUSTER_PROFILE.cnpg, volumeSnapshotClass: 'ceph-rbd-snap', images: { postgresql: 'harbor.zhengyun.internal/cnpg/postgresql:{version}-standard-bookworm' } },
  apiServer: { cidrs: ['10.0.0.11/32', '10.0.0.12/32', '10.0.0.13/32'], port: 6443 },
};

// ───────────────────────── tests ─────────────────────────

describe('rendered objects against the real schemas', () => {
  const cases: [string, K8sObject[]][] = [
    ['every seed plan, default cluster profile', desiredState(everything(), catalog)],
    ['every seed plan, a configured cluster profile', desiredState(everything(), catalog, CUSTOM_PROFILE)],
    ['a project with nothing drawn', desiredState({ ...everything(), items: [] }, catalog)],
  ];

  it.each(cases)('%s: every object is valid', (_label, objects) => {
    const kinds = new Set(objects.map((o) => o.kind));
    expect(objects.length).toBeGreaterThan(10);
    const invalid = objects.map((o) => ({ ref: `${o.kind}/${o.metadata.name}`, problems: problems(o) })).filter((r) => r.problems.length > 0);
    expect(invalid).toEqual([]);
    expect(kinds.has('Namespace') && kinds.has('ResourceQuota') && kinds.has('NetworkPolicy')).toBe(true);
  });

  it('covered every kind desiredState produces, each DataVolume template included', () => {
    const objects = desiredState(everything(), catalog, CUSTOM_PROFILE);
    const kinds = [...new Set(objects.map((o) => `${o.apiVersion}/${o.kind}`))].sort();
    expect(kinds).toEqual(TENANT_KINDS);
    expect(kinds.filter((k) => !SCHEMA_KINDS.includes(k))).toEqual([]);
    const vms = objects.filter((o) => o.kind === 'VirtualMachine');
    expect(vms).toHaveLength(2 * 13); // 13 VM plans in the seed, two of each
    expect(vms.flatMap(dataVolumesOf)).toHaveLength(vms.length);
    expect(objects.filter((o) => o.kind === 'Cluster')).toHaveLength(2 * 4); // 4 PostgreSQL plans
  });
});

describe('the validation catches broken objects', () => {
  const objects = desiredState(everything(), catalog);
  const vm = objects.find((o) => o.kind === 'VirtualMachine')!;
  const cluster = objects.find((o) => o.kind === 'Cluster')!;

  it('rejects a VirtualMachine with spec.running: "yes"', () => {
    const broken = structuredClone(vm) as K8sObject & { spec: Record<string, unknown> };
    broken.spec.running = 'yes';
    const found = problems(broken);
    expect(found.join('\n')).toMatch(/\/spec\/running must be boolean/);
  });

  it('rejects unknown fields and wrong types deep inside a VM and its disk template', () => {
    const typo = structuredClone(vm) as K8sObject & { spec: Record<string, any> };
    typo.spec.template.spec.domain.cpus = { cores: 2 };
    expect(problems(typo).join('\n')).toMatch(/\/spec\/template\/spec\/domain must NOT have additional properties \(cpus\)/);
    const disk = structuredClone(vm) as K8sObject & { spec: Record<string, any> };
    disk.spec.dataVolumeTemplates[0].spec.source.registry.pullMethod = 7;
    expect(problems(disk).join('\n')).toMatch(/source\/registry\/pullMethod must be string/);
  });

  it('rejects a CloudNativePG Cluster with instances as a string and a bad backup method', () => {
    const broken = structuredClone(cluster) as K8sObject & { spec: Record<string, unknown> };
    broken.spec.instances = '3';
    expect(problems(broken).join('\n')).toMatch(/\/spec\/instances must be integer/);
    const backup = structuredClone(objects.find((o) => o.kind === 'ScheduledBackup')!) as K8sObject & { spec: Record<string, unknown> };
    backup.spec.method = 'pg_dump';
    expect(problems(backup).join('\n')).toMatch(/\/spec\/method must be equal to one of the allowed values/);
  });

  it('rejects core objects of the wrong shape', () => {
    const np = structuredClone(objects.find((o) => o.kind === 'NetworkPolicy')!) as K8sObject & { spec: Record<string, unknown> };
    np.spec.policyTypes = 'Ingress';
    expect(problems(np).join('\n')).toMatch(/policyTypes must be array/);
    const rb = structuredClone(objects.find((o) => o.kind === 'RoleBinding')!) as K8sObject & { roleRef?: unknown };
    delete rb.roleRef;
    expect(problems(rb).join('\n')).toMatch(/must have required property '?roleRef/);
    expect(problems({ ...np, metadata: { ...np.metadata, name: 'Not_A_Name' } }).join('\n')).toMatch(/not a DNS-1123 label/);
  });

  it('refuses a kind it has no schema for', () => {
    expect(problems({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'x' } })).toEqual(['no schema known for example.com/v1/Widget']);
  });
});
