// Every object desiredState renders, validated against the real schemas: core kinds with kubernetes-models
// (the Kubernetes OpenAPI definitions), KubeVirt / CDI / CloudNativePG kinds with the upstream CRD schemas
// in ../shared/schemas/crds (beside the clone, as in CI). No API server can run here; this is the substitute.
import { seedCatalogView } from '../catalog/seed-view.js';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { LimitRange } from 'kubernetes-models/v1/LimitRange';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { ResourceQuota } from 'kubernetes-models/v1/ResourceQuota';
import { Secret } from 'kubernetes-models/v1/Secret';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { describe, expect, it } from 'vitest';
import type { SeedCatalog } from '../catalog/seed-schema.js';
import type { CatalogView } from '../catalog/view.js';
import { DEFAULT_CLUSTER_PROFILE, desiredState, type ClusterProfile } from './desired-state.js';
import { isDnsLabel } from './names.js';
import type { K8sObject, TenantInput } from './tenant-input.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CRD_DIR = path.resolve(repoRoot, '../shared/schemas/crds');
if (!fs.existsSync(CRD_DIR)) {
  throw new Error(`CRD schemas not found at ${CRD_DIR}: check out the shared/ folder beside the repository (shared/schemas/crds from datreeio/CRDs-catalog)`);
}

// ───────────────────────── validators ─────────────────────────

interface CoreModel {
  validate(): void;
}
const CORE: Record<string, new (data: never) => CoreModel> = {
  'v1/Namespace': Namespace as never,
  'v1/ResourceQuota': ResourceQuota as never,
  'v1/LimitRange': LimitRange as never,
  'v1/Secret': Secret as never,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy as never,
  'rbac.authorization.k8s.io/v1/Role': Role as never,
  'rbac.authorization.k8s.io/v1/RoleBinding': RoleBinding as never,
};

const CRD_FILES: Record<string, string> = {
  'kubevirt.io/v1/VirtualMachine': 'kubevirt.io/virtualmachine_v1.json',
  'cdi.kubevirt.io/v1beta1/DataVolume': 'cdi.kubevirt.io/datavolume_v1beta1.json',
  'postgresql.cnpg.io/v1/Cluster': 'postgresql.cnpg.io/cluster_v1.json',
  'postgresql.cnpg.io/v1/ScheduledBackup': 'postgresql.cnpg.io/scheduledbackup_v1.json',
};

// The schemas use OpenAPI formats; give the numeric ones their real meaning instead of ignoring them.
const ajv = new Ajv({
  strict: false,
  allErrors: true,
  formats: {
    int32: { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 },
    int64: { type: 'number', validate: (n: number) => Number.isInteger(n) },
    byte: /^[A-Za-z0-9+/]*={0,2}$/,
    'date-time': /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/,
  },
});
const crdValidators = new Map<string, ValidateFunction>();
function crdValidator(key: string): ValidateFunction {
  let v = crdValidators.get(key);
  if (!v) {
    const file = CRD_FILES[key];
    if (!file) throw new Error(`no CRD schema mapped for ${key}`);
    const full = path.join(CRD_DIR, file);
    if (!fs.existsSync(full)) throw new Error(`CRD schema ${full} is missing`);
    v = ajv.compile(JSON.parse(fs.readFileSync(full, 'utf8')) as object);
    crdValidators.set(key, v);
  }
  return v;
}

const describeErrors = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`).join('; ');

/** The embedded dataVolumeTemplates of a VM, as the DataVolumes KubeVirt will create from them. */
function dataVolumesOf(vm: K8sObject): K8sObject[] {
  const templates = ((vm.spec as Record<string, any>).dataVolumeTemplates ?? []) as { metadata: K8sObject['metadata']; spec: unknown }[];
  return templates.map((t) => ({ apiVersion: 'cdi.kubevirt.io/v1beta1', kind: 'DataVolume', metadata: { ...t.metadata, namespace: vm.metadata.namespace }, spec: t.spec }));
}

/** Validates one object; returns the problems (empty when valid). */
function problems(obj: K8sObject): string[] {
  const key = `${obj.apiVersion}/${obj.kind}`;
  const out: string[] = [];
  if (!isDnsLabel(obj.metadata.name)) out.push(`metadata.name ${obj.metadata.name} is not a DNS-1123 label`);
  const core = CORE[key];
  if (core) {
    try {
      new core(structuredClone(obj) as never).validate();
    } catch (err) {
      out.push((err as Error).message);
    }
    return out;
  }
  if (!CRD_FILES[key]) return [...out, `no schema known for ${key}`];
  const validate = crdValidator(key);
  if (!validate(structuredClone(obj))) out.push(describeErrors(validate.errors));
  if (obj.kind === 'VirtualMachine') for (const dv of dataVolumesOf(obj)) out.push(...problems(dv).map((p) => `dataVolumeTemplate ${dv.metadata.name}: ${p}`));
  return out;
}

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
    expect([...new Set(objects.map((o) => `${o.apiVersion}/${o.kind}`))].sort()).toEqual(
      [...Object.keys(CORE), ...Object.keys(CRD_FILES)].filter((k) => !k.endsWith('/DataVolume')).sort(),
    );
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
