// status-sync against a local HTTP server that answers like the Kubernetes API for the paths client-node calls.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import nodePath from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError } from '../core/errors.js';
import type { K8sObject } from './tenant-input.js';
import {
  ClusterReadError,
  cnpgState,
  createClusterStatusReader,
  kubeConfigForToken,
  parseQuantity,
  readDatabaseCredentials,
  readTenantStatus,
  sameQuantity,
  vmState,
} from './status-sync.js';

const NS = 't-acme';
const TOKEN = 'zy-test-token-4f1c';

// --- A fake API server: a map from path to object; anything else is a 404 Status.
const objects = new Map<string, unknown>();
const requests: { method: string; path: string; authorization: string | undefined }[] = [];
let forbidden = new Set<string>();
let server: http.Server;
let kc: KubeConfig;

function status(code: number, reason: string, message: string) {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    requests.push({ method: req.method ?? '', path, authorization: req.headers.authorization });
    const answer = (code: number, body: unknown) => {
      res.writeHead(code, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return answer(401, status(401, 'Unauthorized', 'Unauthorized'));
    if (forbidden.has(path)) return answer(403, status(403, 'Forbidden', `cannot get ${path}`));
    const found = req.method === 'GET' ? objects.get(path) : undefined;
    if (found === undefined) return answer(404, status(404, 'NotFound', `${path} not found`));
    answer(200, found);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'local', server: `http://127.0.0.1:${port}`, skipTLSVerify: true }],
    users: [{ name: 'tester', token: TOKEN }],
    contexts: [{ name: 'local', cluster: 'local', user: 'tester' }],
    currentContext: 'local',
  });
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  objects.clear();
  requests.length = 0;
  forbidden = new Set();
});

// --- What the tenant should have (written here, independent of desired-state.ts).
const ns: K8sObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } };
const quota: K8sObject = {
  apiVersion: 'v1',
  kind: 'ResourceQuota',
  metadata: { name: 'entitlement', namespace: NS },
  spec: { hard: { 'requests.cpu': '8000m', 'requests.memory': '16Gi', 'count/virtualmachines.kubevirt.io': '4' } },
};
const vm = (name: string, runStrategy = 'Always'): K8sObject => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: { name, namespace: NS },
  spec: { runStrategy, template: { spec: { domain: { cpu: { cores: 2 } } } } },
});
const pg = (name: string): K8sObject => ({
  apiVersion: 'postgresql.cnpg.io/v1',
  kind: 'Cluster',
  metadata: { name, namespace: NS },
  spec: { instances: 1, storage: { size: '20Gi' } },
});

const vmPath = (name: string) => `/apis/kubevirt.io/v1/namespaces/${NS}/virtualmachines/${name}`;
const pgPath = (name: string) => `/apis/postgresql.cnpg.io/v1/namespaces/${NS}/clusters/${name}`;
const liveVm = (name: string, printableStatus: string | undefined, runStrategy = 'Always') => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: { name, namespace: NS },
  spec: { runStrategy },
  ...(printableStatus ? { status: { printableStatus } } : {}),
});
const livePg = (name: string, phase?: string, phaseReason?: string) => ({
  apiVersion: 'postgresql.cnpg.io/v1',
  kind: 'Cluster',
  metadata: { name, namespace: NS },
  status: { ...(phase ? { phase } : {}), ...(phaseReason ? { phaseReason } : {}) },
});
function putNamespaceAndQuota(hard: Record<string, string>) {
  objects.set(`/api/v1/namespaces/${NS}`, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS }, status: { phase: 'Active' } });
  objects.set(`/api/v1/namespaces/${NS}/resourcequotas/entitlement`, {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: { name: 'entitlement', namespace: NS },
    spec: { hard },
  });
}

describe('readTenantStatus', () => {
  it('maps VM and database states to READY / PROVISIONING / FAILED / MISSING, and sends the bearer token', async () => {
    // the API server answers quantities canonically: 8000m comes back as 8
    putNamespaceAndQuota({ 'requests.cpu': '8', 'requests.memory': '16Gi', 'count/virtualmachines.kubevirt.io': '4' });
    objects.set(vmPath('vm-web'), liveVm('vm-web', 'Running'));
    objects.set(vmPath('vm-batch'), liveVm('vm-batch', 'Starting'));
    objects.set(vmPath('vm-new'), liveVm('vm-new', undefined));
    objects.set(vmPath('vm-stuck'), liveVm('vm-stuck', 'ErrorUnschedulable'));
    objects.set(vmPath('vm-spare'), liveVm('vm-spare', 'Stopped', 'Halted'));
    objects.set(pgPath('pg-main'), livePg('pg-main', 'Cluster in healthy state'));
    objects.set(pgPath('pg-report'), livePg('pg-report', 'Setting up primary'));
    objects.set(pgPath('pg-old'), livePg('pg-old', 'Not enough disk space', 'Insufficient disk space detected'));

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
    expect(status.drift).toEqual([
      { kind: 'VirtualMachine', name: 'vm-gone', reason: 'missing from the cluster' },
      { kind: 'Cluster', name: 'pg-gone', reason: 'missing from the cluster' },
    ]);

    // the paths client-node called, each with the bearer token, and nothing for the ConfigMap
    expect(requests.map((r) => r.path).sort()).toEqual(
      [
        `/api/v1/namespaces/${NS}`,
        `/api/v1/namespaces/${NS}/resourcequotas/entitlement`,
        ...['vm-web', 'vm-batch', 'vm-new', 'vm-stuck', 'vm-spare', 'vm-gone'].map(vmPath),
        ...['pg-main', 'pg-report', 'pg-old', 'pg-gone'].map(pgPath),
      ].sort(),
    );
    expect(requests.every((r) => r.method === 'GET' && r.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it('reports quota drift when spec.hard differs from the entitlement', async () => {
    putNamespaceAndQuota({ 'requests.cpu': '8', 'requests.memory': '32Gi', 'limits.cpu': '16' });
    const status = await readTenantStatus(kc, NS, [ns, quota]);
    expect(status.objects.map((o) => o.state)).toEqual(['READY', 'READY']);
    expect(status.drift).toEqual([
      {
        kind: 'ResourceQuota',
        name: 'entitlement',
        reason:
          'spec.hard differs: count/virtualmachines.kubevirt.io expected 4, absent; limits.cpu not expected, found 16; ' +
          'requests.memory expected 16Gi, found 32Gi',
      },
    ]);
  });

  it('a missing namespace and quota are MISSING and drift', async () => {
    const status = await readTenantStatus(kc, NS, [ns, quota]);
    expect(status.objects).toEqual([
      { kind: 'Namespace', name: NS, state: 'MISSING' },
      { kind: 'ResourceQuota', name: 'entitlement', state: 'MISSING' },
    ]);
    expect(status.drift.map((d) => d.kind)).toEqual(['Namespace', 'ResourceQuota']);
  });

  it('reports a VM someone halted out of band as drift', async () => {
    putNamespaceAndQuota({ 'requests.cpu': '8', 'requests.memory': '16Gi', 'count/virtualmachines.kubevirt.io': '4' });
    objects.set(vmPath('vm-web'), liveVm('vm-web', 'Stopped', 'Halted'));
    const status = await readTenantStatus(kc, NS, [vm('vm-web')]);
    expect(status.objects).toEqual([{ kind: 'VirtualMachine', name: 'vm-web', state: 'PROVISIONING', detail: 'Stopped' }]);
    expect(status.drift).toEqual([
      { kind: 'VirtualMachine', name: 'vm-web', reason: 'expected running, the cluster has it halted' },
    ]);
  });

  it('a refused read is a ClusterReadError, not a missing object', async () => {
    putNamespaceAndQuota({});
    forbidden.add(vmPath('vm-web'));
    const err = await readTenantStatus(kc, NS, [vm('vm-web')]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClusterReadError);
    expect((err as ClusterReadError).httpStatus).toBe(403);
    expect((err as ClusterReadError).message).toMatch(/VirtualMachine t-acme\/vm-web.*HTTP 403.*cannot get/);
  });

  it('a wrong token is refused by the server and surfaces as 401', async () => {
    const { port } = server.address() as AddressInfo;
    const other = kubeConfigForToken(`http://127.0.0.1:${port}`, 'wrong-token', { skipTLSVerify: true });
    const err = await readTenantStatus(other, NS, [ns]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClusterReadError);
    expect((err as ClusterReadError).httpStatus).toBe(401);
    expect(requests.at(-1)?.authorization).toBe('Bearer wrong-token');
  });
});

describe('readDatabaseCredentials', () => {
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

  it('decodes the CNPG-generated <cluster>-app Secret', async () => {
    objects.set(`/api/v1/namespaces/${NS}/secrets/pg-main-app`, {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'pg-main-app', namespace: NS },
      type: 'kubernetes.io/basic-auth',
      data: {
        username: b64('app'),
        password: b64('p@ss:wörd/with+symbols'),
        dbname: b64('app'),
        host: b64('pg-main-rw'),
        port: b64('5432'),
        uri: b64('postgresql://app:p%40ss@pg-main-rw.t-acme:5432/app'),
      },
    });
    await expect(readDatabaseCredentials(kc, NS, 'pg-main')).resolves.toEqual({
      username: 'app',
      password: 'p@ss:wörd/with+symbols',
      host: 'pg-main-rw.t-acme.svc',
      port: 5432,
      dbname: 'app',
    });
    expect(requests).toEqual([
      { method: 'GET', path: `/api/v1/namespaces/${NS}/secrets/pg-main-app`, authorization: `Bearer ${TOKEN}` },
    ]);
  });

  it('defaults port and dbname when the Secret lacks them', async () => {
    objects.set(`/api/v1/namespaces/${NS}/secrets/pg-x-app`, {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'pg-x-app', namespace: NS },
      data: { username: b64('owner'), password: b64('s') },
    });
    await expect(readDatabaseCredentials(kc, NS, 'pg-x')).resolves.toMatchObject({ port: 5432, dbname: 'app', username: 'owner' });
  });

  it('a Secret not (yet) generated is a NotFoundError', async () => {
    await expect(readDatabaseCredentials(kc, NS, 'pg-none')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('createClusterStatusReader', () => {
  it('reads through a kubeconfig file (loadFromFile), as the services use it', async () => {
    const { port } = server.address() as AddressInfo;
    const dir = fs.mkdtempSync(nodePath.join(os.tmpdir(), 'zhengyun-kubeconfig-'));
    const file = nodePath.join(dir, 'cluster-a.yaml');
    fs.writeFileSync(
      file,
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters:',
        `- name: cluster-a\n  cluster:\n    server: http://127.0.0.1:${port}\n    insecure-skip-tls-verify: true`,
        'users:',
        `- name: platform\n  user:\n    token: ${TOKEN}`,
        'contexts:',
        '- name: cluster-a\n  context:\n    cluster: cluster-a\n    user: platform',
        'current-context: cluster-a',
        '',
      ].join('\n'),
    );
    try {
      putNamespaceAndQuota({ 'requests.cpu': '8', 'requests.memory': '16Gi', 'count/virtualmachines.kubevirt.io': '4' });
      const reader = createClusterStatusReader(file);
      await expect(reader.read(NS, [ns, quota])).resolves.toEqual({
        objects: [
          { kind: 'Namespace', name: NS, state: 'READY', detail: 'Active' },
          { kind: 'ResourceQuota', name: 'entitlement', state: 'READY' },
        ],
        drift: [],
      });
      await expect(reader.credentials(NS, 'pg-none')).rejects.toBeInstanceOf(NotFoundError);
      expect(requests.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('state and quantity rules', () => {
  it('maps KubeVirt printable statuses', () => {
    expect(vmState('Running')).toBe('READY');
    for (const s of ['Provisioning', 'Starting', 'WaitingForVolumeBinding']) expect(vmState(s)).toBe('PROVISIONING');
    for (const s of ['ErrorUnschedulable', 'CrashLoopBackOff', 'DataVolumeError', 'ErrImagePull', 'ErrorPvcNotFound', 'Unknown']) {
      expect(vmState(s)).toBe('FAILED');
    }
    expect(vmState('Stopped', true)).toBe('READY');
  });

  it('maps CloudNativePG phases', () => {
    expect(cnpgState('Cluster in healthy state')).toBe('READY');
    expect(cnpgState('Setting up primary')).toBe('PROVISIONING');
    expect(cnpgState('Creating a new replica')).toBe('PROVISIONING');
    expect(cnpgState('Failing over')).toBe('FAILED');
    expect(cnpgState(undefined)).toBe('PROVISIONING');
  });

  it('compares quantities by value', () => {
    expect(sameQuantity('8', '8000m')).toBe(true);
    expect(sameQuantity('1Gi', '1024Mi')).toBe(true);
    expect(sameQuantity('1G', '1Gi')).toBe(false);
    expect(sameQuantity('1.5', '1500m')).toBe(true);
    expect(sameQuantity('1e3', '1k')).toBe(true);
    expect(sameQuantity('abc', 'abc')).toBe(true);
    expect(sameQuantity('abc', 'abd')).toBe(false);
    expect(parseQuantity('not a quantity')).toBeUndefined();
  });
});
