// Shared helpers for the driver-level tests in test/cluster: clients of the test control plane (started once per
// run by global-setup.ts), a PulumiDriver on a file backend in a temp folder using the engines built by
// `npm run engines`, a tenant's objects from desiredState for a small realistic project, a poll helper, raw JSON
// requests to the API server (no typed model in between), a relay in front of the API server that a test can cut,
// and what a test needs to find and judge processes (/proc).
import fs from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  AuthorizationV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObjectApi,
  NetworkingV1Api,
  RbacAuthorizationV1Api,
} from '@kubernetes/client-node';
import { inject } from 'vitest';
import YAML from 'yaml';
import { seedCatalogView } from '../../catalog/seed-view.js';
import { desiredState } from '../../provisioners/desired-state.js';
import { PulumiDriver, type PulumiDriverOptions } from '../../provisioners/drivers/pulumi-driver.js';
import type { K8sObject, TenantInput } from '../../provisioners/tenant-input.js';

export const PASSPHRASE = 'cluster-driver-test-passphrase';

export function kubeConfig(file = inject('kubeconfig')): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(file);
  return kc;
}

export function clients(kc = kubeConfig()) {
  return {
    kc,
    core: kc.makeApiClient(CoreV1Api),
    custom: kc.makeApiClient(CustomObjectsApi),
    net: kc.makeApiClient(NetworkingV1Api),
    rbac: kc.makeApiClient(RbacAuthorizationV1Api),
    authz: kc.makeApiClient(AuthorizationV1Api),
    objects: KubernetesObjectApi.makeApiClient(kc),
  };
}
export type Clients = ReturnType<typeof clients>;

/** The custom resources a tenant holds (group/version/plural for CustomObjectsApi). */
export const VM = { group: 'kubevirt.io', version: 'v1', plural: 'virtualmachines' };
export const CNPG_CLUSTER = { group: 'postgresql.cnpg.io', version: 'v1', plural: 'clusters' };
export const SCHEDULED_BACKUP = { group: 'postgresql.cnpg.io', version: 'v1', plural: 'scheduledbackups' };

export interface TestDriver {
  driver: PulumiDriver;
  /** the folder of the file backend (file://<dir>) */
  backendDir: string;
  backendUrl: string;
  remove(): void;
}

/** A PulumiDriver on a fresh file backend, talking to the test control plane through the built engines. */
export function pulumiDriver(opts: Partial<PulumiDriverOptions> = {}): TestDriver {
  const backendDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zy-cluster-pulumi-'));
  const backendUrl = `file://${backendDir}`;
  const driver = new PulumiDriver({
    backendUrl,
    passphrase: PASSPHRASE,
    kubeconfig: inject('kubeconfig'),
    env: inject('enginesEnv'),
    timeoutMs: 170_000,
    ...opts,
  });
  return { driver, backendDir, backendUrl, remove: () => fs.rmSync(backendDir, { recursive: true, force: true }) };
}

export const catalog = seedCatalogView();

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOk3wz5cQ3J9m1YV4r2Qx8b0i9o7Kq1sX2mT6yN0pL3a ops@test.zhengyun';

/**
 * A small project of a department: one general-purpose VM, one single-instance PostgreSQL and a small namespace
 * allowance, bound to one identity-provider group. `orgCode`/`projectCode` make the namespace (and stack) name,
 * so each test file picks its own. `scale` multiplies the entitlement (a larger quota), not what runs.
 */
export function tenantInput(orgCode: string, projectCode: string, opts: { scale?: number; database?: boolean; group?: string } = {}): TenantInput {
  const scale = opts.scale ?? 1;
  const database = opts.database ?? true;
  const req = '0a1b2c3d-1111-4222-8333-444455556666';
  return {
    project: { id: `p-${projectCode.toLowerCase()}`, code: projectCode, name: `测试项目 ${projectCode}` },
    org: { id: `o-${orgCode.toLowerCase()}`, code: orgCode, name: `测试单位 ${orgCode}` },
    groups: [opts.group ?? `${orgCode.toLowerCase()}-ops`],
    sshPublicKeys: [KEY],
    entitlement: [
      { planCode: 'vm-general-2c4g', quantity: 1 * scale },
      { planCode: 'rds-postgresql-single-2c4g', quantity: 1 * scale },
      { planCode: 'tenant-namespace-small', quantity: 1 * scale },
    ],
    items: [
      { requestId: req, planCode: 'vm-general-2c4g', quantity: 1, environment: 'test', networkZone: 'egov-extranet' },
      ...(database
        ? [{ requestId: req, planCode: 'rds-postgresql-single-2c4g', quantity: 1, environment: 'test' as const, networkZone: 'egov-extranet' as const }]
        : []),
      { requestId: req, planCode: 'tenant-namespace-small', quantity: 1, environment: 'test', networkZone: 'egov-extranet' },
    ],
  };
}

export function tenantObjects(input: TenantInput): K8sObject[] {
  return desiredState(input, catalog);
}

export const namespaceOf = (objects: K8sObject[]): string => objects.find((o) => o.kind === 'Namespace')!.metadata.name;
export const ofKind = (objects: K8sObject[], kind: string): K8sObject[] => objects.filter((o) => o.kind === kind);
export const oneOf = (objects: K8sObject[], kind: string): K8sObject => {
  const found = ofKind(objects, kind);
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}`);
  return found[0]!;
};

export { recorder, type Seen } from '../support/log-recorder.js';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns something other than undefined (errors count as "not yet"). */
export async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 60_000, every = 250): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
    await sleep(every);
  }
}

/** The HTTP status of a client-node ApiException (or undefined). */
export function statusOf(err: unknown): number | undefined {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'number' ? code : undefined;
}

/** The server's message in a client-node ApiException (its body is the Status object as JSON). */
export function serverMessage(err: unknown): string {
  const body = (err as { body?: unknown })?.body;
  if (typeof body === 'string') {
    try {
      return String((JSON.parse(body) as { message?: string }).message ?? body);
    } catch {
      return body;
    }
  }
  if (body && typeof body === 'object' && 'message' in body) return String((body as { message: unknown }).message);
  return (err as Error)?.message ?? String(err);
}

/** Every live descendant of `pid` (children first found through /proc/<pid>/stat's ppid field; Linux). */
export function descendants(pid: number): number[] {
  const parent = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …; comm may hold spaces and parentheses, so split after the last ')'
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parent.set(Number(entry), ppid);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [child, pp] of parent) if (pp === p) (out.push(child), walk(child));
  };
  walk(pid);
  return out;
}

/** Whether `pid` runs (a zombie, killed but not yet reaped by its parent, does not). */
export function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return false;
  }
}

/**
 * A TCP relay in front of the API server (TLS passes through: the server's certificate names 127.0.0.1, whatever
 * the port). `cut()` closes it and every connection through it, as a network failure would; `restore()` listens on
 * the same port again. `kubeconfig` is a copy of the admin kubeconfig that goes through it.
 */
export async function apiServerRelay(adminKubeconfig = inject('kubeconfig')) {
  const kc = kubeConfig(adminKubeconfig);
  const target = new URL(kc.getCurrentCluster()!.server);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream).pipe(client);
  });
  const listen = (port: number) => new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port));
  });
  const port = await listen(0);
  const doc = YAML.parse(fs.readFileSync(adminKubeconfig, 'utf8')) as { clusters: { cluster: { server: string } }[] };
  for (const c of doc.clusters) c.cluster.server = `https://127.0.0.1:${port}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zy-relay-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  fs.writeFileSync(kubeconfig, YAML.stringify(doc), { mode: 0o600 });
  return {
    port,
    kubeconfig,
    cut: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
        sockets.clear();
      }),
    restore: () => listen(port).then(() => undefined),
    remove: () => {
      server.close();
      for (const s of sockets) s.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface RawResponse<T = Record<string, any>> {
  status: number;
  body: T;
}

/**
 * A request to the API server with the raw JSON as sent and received: no typed (de)serializer in between, which
 * would drop fields it does not know (and with them what a test wants to see).
 */
export async function rawApi<T = Record<string, any>>(kc: KubeConfig, method: string, urlPath: string, body?: unknown): Promise<RawResponse<T>> {
  const server = new URL(kc.getCurrentCluster()!.server);
  const opts: https.RequestOptions = {
    method,
    hostname: server.hostname,
    port: server.port,
    path: urlPath,
    headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
  };
  await kc.applyToHTTPSOptions(opts);
  return new Promise((resolve, reject) => {
    const req = https.request(opts, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => (text += d));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, body: (text ? JSON.parse(text) : {}) as T });
        } catch (e) {
          reject(new Error(`${method} ${urlPath}: HTTP ${res.statusCode}, not JSON: ${text.slice(0, 300)} (${(e as Error).message})`));
        }
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.write(JSON.stringify(body));
    req.end();
  });
}

/** Resource (plural) per kind of what desiredState emits, for REST paths. */
export const PLURALS: Record<string, string> = {
  Namespace: 'namespaces',
  ResourceQuota: 'resourcequotas',
  LimitRange: 'limitranges',
  Secret: 'secrets',
  NetworkPolicy: 'networkpolicies',
  Role: 'roles',
  RoleBinding: 'rolebindings',
  DataVolume: 'datavolumes',
  VirtualMachine: 'virtualmachines',
  Cluster: 'clusters',
  ScheduledBackup: 'scheduledbackups',
};

/** The REST path of an object's collection (name omitted) or of the object itself. */
export function restPath(obj: { apiVersion: string; kind: string; metadata: { name?: string; namespace?: string } }, withName = true): string {
  const plural = PLURALS[obj.kind];
  if (!plural) throw new Error(`no REST resource known for kind ${obj.kind}`);
  const base = obj.apiVersion.includes('/') ? `/apis/${obj.apiVersion}` : `/api/${obj.apiVersion}`;
  const ns = obj.metadata.namespace ? `/namespaces/${obj.metadata.namespace}` : '';
  return `${base}${ns}/${plural}${withName && obj.metadata.name ? `/${obj.metadata.name}` : ''}`;
}
