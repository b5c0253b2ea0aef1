// Status sync (provisioners/status-sync.ts) against the real API server of the test control plane, replacing the
// hand-written imitation it was tested against before. The objects are created through the API as the platform's
// Pulumi program would; their status is written as KubeVirt and CloudNativePG would write it (no controller runs
// here: that is the one stand-in).
import { CoreV1Api, CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { NotFoundError } from '../../core/errors.js';
import {
  ClusterReadError,
  createClusterStatusReader,
  kubeConfigForToken,
  readDatabaseCredentials,
  readTenantStatus,
} from '../../provisioners/status-sync.js';
import type { K8sObject } from '../../provisioners/tenant-input.js';

const NS = 'zy-status-sync';
const kc = new KubeConfig();
kc.loadFromFile(inject('kubeconfig'));
const core = kc.makeApiClient(CoreV1Api);
const custom = kc.makeApiClient(CustomObjectsApi);
const VM = { group: 'kubevirt.io', version: 'v1', plural: 'virtualmachines' };
const PG = { group: 'postgresql.cnpg.io', version: 'v1', plural: 'clusters' };
const HARD = { 'requests.cpu': '8000m', 'requests.memory': '16Gi', 'count/virtualmachines.kubevirt.io': '8' };

// --- What the tenant should have (written here, independent of desired-state.ts).
const ns: K8sObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } };
const quota: K8sObject = { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'entitlement', namespace: NS }, spec: { hard: HARD } };
const vm = (name: string, runStrategy = 'Always'): K8sObject => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: { name, namespace: NS },
  spec: { runStrategy, template: { spec: { domain: { cpu: { cores: 1 }, devices: {}, memory: { guest: '1Gi' } } } } },
});
const pg = (name: string): K8sObject => ({
  apiVersion: 'postgresql.cnpg.io/v1',
  kind: 'Cluster',
  metadata: { name, namespace: NS },
  spec: { instances: 1, storage: { size: '1Gi' } },
});

/** creates a custom object, then writes its status as its controller would */
async function put(kind: typeof VM, obj: K8sObject, status?: Record<string, unknown>) {
  const { apiVersion: _a, kind: _k, ...rest } = obj;
  await custom.createNamespacedCustomObject({ ...kind, namespace: NS, body: { apiVersion: obj.apiVersion, kind: obj.kind, ...rest } });
  if (status) await custom.patchNamespacedCustomObjectStatus({ ...kind, namespace: NS, name: obj.metadata.name, body: [{ op: 'add', path: '/status', value: status }] });
}

const server = () => kc.getCurrentCluster()!.server;
const caData = () => kc.getCurrentCluster()!.caData;

beforeAll(async () => {
  await core.createNamespace({ body: { metadata: { name: NS } } });
  await core.createNamespacedResourceQuota({ namespace: NS, body: { metadata: { name: 'entitlement' }, spec: { hard: HARD } } });
  await put(VM, vm('vm-web'), { printableStatus: 'Running' });
  await put(VM, vm('vm-batch'), { printableStatus: 'Starting' });
  await put(VM, vm('vm-new'));
  await put(VM, vm('vm-stuck'), { printableStatus: 'ErrorUnschedulable' });
  await put(VM, vm('vm-spare', 'Halted'), { printableStatus: 'Stopped' });
  await put(PG, pg('pg-main'), { phase: 'Cluster in healthy state' });
  await put(PG, pg('pg-report'), { phase: 'Setting up primary' });
  await put(PG, pg('pg-old'), { phase: 'Not enough disk space', phaseReason: 'Insufficient disk space detected' });
});
afterAll(() => core.deleteNamespace({ name: NS }).catch(() => undefined));

describe('readTenantStatus on a real API server', () => {
  it('maps VM and database states to READY / PROVISIONING / FAILED / MISSING', async () => {
    const expected = [
      ns,
      quota,
      vm('vm-web'),
      vm('vm-batch'),
      vm('vm-new'),
      vm('vm-stuck'),
      vm('vm-spare', 'Halted'),
      vm('vm-gone'),
      pg('pg-main'),
      pg('pg-report'),
      pg('pg-old'),
      pg('pg-gone'),
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'not-read', namespace: NS } },
    ];
    const status = await readTenantStatus(kc, NS, expected);
    expect(status.objects).toEqual([
      { kind: 'Namespace', name: NS, state: 'READY', detail: 'Active' },
      { kind: 'ResourceQuota', name: 'entitlement', state: 'READY' },
      { kind: 'VirtualMachine', name: 'vm-web', state: 'READY', detail: 'Running' },
      { kind: 'VirtualMachine', name: 'vm-batch', state: 'PROVISIONING', detail: 'Starting' },
      { kind: 'VirtualMachine', name: 'vm-new', state: 'PROVISIONING' },
      { kind: 'VirtualMachine', name: 'vm-stuck', state: 'FAILED', detail: 'ErrorUnschedulable' },
      { kind: 'VirtualMachine', name: 'vm-spare', state: 'READY', detail: 'Stopped' },
      { kind: 'VirtualMachine', name: 'vm-gone', state: 'MISSING' },
      { kind: 'Cluster', name: 'pg-main', state: 'READY', detail: 'Cluster in healthy state' },
      { kind: 'Cluster', name: 'pg-report', state: 'PROVISIONING', detail: 'Setting up primary' },
      { kind: 'Cluster', name: 'pg-old', state: 'FAILED', detail: 'Not enough disk space: Insufficient disk space detected' },
      { kind: 'Cluster', name: 'pg-gone', state: 'MISSING' },
    ]);
    // the quota came back canonical (8000m → 8), and is still the same quantity: no drift for it
    expect((await core.readNamespacedResourceQuota({ name: 'entitlement', namespace: NS })).spec!.hard!['requests.cpu']).toBe('8');
    expect(status.drift).toEqual([
      { kind: 'VirtualMachine', name: 'vm-gone', code: 'drift.missingFromCluster', reason: 'missing from the cluster' },
      { kind: 'Cluster', name: 'pg-gone', code: 'drift.missingFromCluster', reason: 'missing from the cluster' },
    ]);
  });

  it('reports quota drift when spec.hard differs from the entitlement', async () => {
    const QUOTA_DIFF =
      'spec.hard differs: count/virtualmachines.kubevirt.io expected 8, absent; limits.cpu not expected, found 16; ' +
      'requests.memory expected 16Gi, found 32Gi';
    const other = 'entitlement-edited';
    await core.createNamespacedResourceQuota({
      namespace: NS,
      body: { metadata: { name: other }, spec: { hard: { 'requests.cpu': '8', 'requests.memory': '32Gi', 'limits.cpu': '16' } } },
    });
    const status = await readTenantStatus(kc, NS, [ns, { ...quota, metadata: { name: other, namespace: NS } }]);
    expect(status.objects.map((o) => o.state)).toEqual(['READY', 'READY']);
    expect(status.drift).toEqual([
      {
        kind: 'ResourceQuota',
        name: other,
        code: 'drift.quota',
        reason: QUOTA_DIFF,
        detail: QUOTA_DIFF,
      },
    ]);
  });

  it('a missing namespace and quota are MISSING and drift', async () => {
    const gone = 'zy-status-never-created';
    const status = await readTenantStatus(kc, gone, [
      { ...ns, metadata: { name: gone } },
      { ...quota, metadata: { name: 'entitlement', namespace: gone } },
    ]);
    expect(status.objects).toEqual([
      { kind: 'Namespace', name: gone, state: 'MISSING' },
      { kind: 'ResourceQuota', name: 'entitlement', state: 'MISSING' },
    ]);
    expect(status.drift.map((d) => d.kind)).toEqual(['Namespace', 'ResourceQuota']);
  });

  it('reports a VM someone halted out of band as drift', async () => {
    await put(VM, vm('vm-halted-by-hand', 'Halted'), { printableStatus: 'Stopped' });
    const status = await readTenantStatus(kc, NS, [vm('vm-halted-by-hand')]);
    expect(status.objects).toEqual([{ kind: 'VirtualMachine', name: 'vm-halted-by-hand', state: 'PROVISIONING', detail: 'Stopped' }]);
    expect(status.drift).toEqual([
      {
        kind: 'VirtualMachine',
        name: 'vm-halted-by-hand',
        code: 'drift.runState',
        params: { expected: 'drift.vm.running', actual: 'drift.vm.halted' },
        reason: 'expected running, the cluster has it halted',
      },
    ]);
  });

  it('a read the API server refuses (RBAC) is a ClusterReadError, not a missing object', async () => {
    // a service account with no rights, and a token the API server issues for it
    await core.createNamespacedServiceAccount({ namespace: NS, body: { metadata: { name: 'no-rights' } } });
    const { status } = await core.createNamespacedServiceAccountToken({ name: 'no-rights', namespace: NS, body: { spec: { audiences: [], expirationSeconds: 600 } } });
    const other = kubeConfigForToken(server(), status!.token, { caData: caData() });
    const err = await readTenantStatus(other, NS, [vm('vm-web')]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClusterReadError);
    expect((err as ClusterReadError).httpStatus).toBe(403);
    expect((err as ClusterReadError).message).toMatch(/VirtualMachine zy-status-sync\/vm-web.*HTTP 403.*forbidden/);
  });

  it('a wrong token is refused by the API server and surfaces as 401', async () => {
    const other = kubeConfigForToken(server(), 'not-a-token', { caData: caData() });
    const err = await readTenantStatus(other, NS, [ns]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClusterReadError);
    expect((err as ClusterReadError).httpStatus).toBe(401);
  });
});

describe('readDatabaseCredentials on a real API server', () => {
  const secret = (name: string, data: Record<string, string>) =>
    core.createNamespacedSecret({ namespace: NS, body: { metadata: { name }, type: 'kubernetes.io/basic-auth', stringData: data } });

  it('decodes the <cluster>-app Secret CloudNativePG generates', async () => {
    await secret('pg-main-app', { username: 'app', password: 'p@ss:wörd/with+symbols', dbname: 'app', host: 'pg-main-rw', port: '5432' });
    await expect(readDatabaseCredentials(kc, NS, 'pg-main')).resolves.toEqual({
      username: 'app',
      password: 'p@ss:wörd/with+symbols',
      host: `pg-main-rw.${NS}.svc`,
      port: 5432,
      dbname: 'app',
    });
  });

  it('defaults port and dbname when the Secret lacks them', async () => {
    await secret('pg-x-app', { username: 'owner', password: 's' });
    await expect(readDatabaseCredentials(kc, NS, 'pg-x')).resolves.toMatchObject({ port: 5432, dbname: 'app', username: 'owner' });
  });

  it('a Secret not (yet) generated is a NotFoundError', async () => {
    await expect(readDatabaseCredentials(kc, NS, 'pg-none')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('createClusterStatusReader', () => {
  it('reads through a kubeconfig file, as the services use it', async () => {
    const reader = createClusterStatusReader(inject('kubeconfig'));
    await expect(reader.read(NS, [ns, quota])).resolves.toEqual({
      objects: [
        { kind: 'Namespace', name: NS, state: 'READY', detail: 'Active' },
        { kind: 'ResourceQuota', name: 'entitlement', state: 'READY' },
      ],
      drift: [],
    });
    await expect(reader.credentials(NS, 'pg-none')).rejects.toBeInstanceOf(NotFoundError);
  });
});
