// Status sync: reads back from the cluster what runs for a tenant, compared with what should run.
// Read-only; talks to the Kubernetes API through @kubernetes/client-node. Database credentials read here are
// returned to the caller and never logged.
import { ApiException, CoreV1Api, CustomObjectsApi, KubeConfig, type V1Secret } from '@kubernetes/client-node';
import { AppError, NotFoundError } from '../core/errors.js';
import { driftReason, type DriftReason } from './drift-reasons.js';
import { obj, type Obj } from './json-fields.js';
import { workloadOf } from './kinds/index.js';
import type { StatusReader } from './status-reader.js';
import type { K8sObject } from './tenant-input.js';

export type ObjectState = 'READY' | 'PROVISIONING' | 'FAILED' | 'MISSING';

export interface ObjectStatus {
  kind: string;
  name: string;
  state: ObjectState;
  detail?: string;
}

export interface Drift extends DriftReason {
  kind: string;
  name: string;
}

export interface TenantStatus {
  objects: ObjectStatus[];
  drift: Drift[];
}

export interface DatabaseCredentials {
  username: string;
  password: string;
  host: string;
  port: number;
  dbname: string;
}

/** The cluster answered with something other than the object or a 404 (unreachable, 401/403, 5xx). */
export class ClusterReadError extends AppError {
  readonly status = 502;
  constructor(
    readonly what: string,
    readonly httpStatus: number | undefined,
    detail: string,
  ) {
    super('CLUSTER_READ_FAILED', { what });
    this.message = `Reading ${what} from the cluster failed${httpStatus ? ` (HTTP ${httpStatus})` : ''}: ${detail}`;
  }
}

// --- KubeConfig helpers.

/** The kubeconfig file of a target cluster (one per cluster, configured by path). */
export function kubeConfigFromFile(file: string, context?: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(file);
  if (context) kc.setCurrentContext(context);
  return kc;
}

/**
 * A kubeconfig for one API server and a bearer token (e.g. a service account of the platform). client-node
 * refuses a plain http:// server unless skipTLSVerify is set.
 */
export function kubeConfigForToken(server: string, token: string, opts: { caData?: string; skipTLSVerify?: boolean } = {}): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'target', server, caData: opts.caData, skipTLSVerify: opts.skipTLSVerify ?? false }],
    users: [{ name: 'zhengyun', token }],
    contexts: [{ name: 'target', cluster: 'target', user: 'zhengyun' }],
    currentContext: 'target',
  });
  return kc;
}

// --- Reading.

/** The object, or undefined on 404; anything else is a ClusterReadError. */
async function readOrMissing<T>(what: string, read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (err) {
    if (err instanceof ApiException && err.code === 404) return undefined;
    if (err instanceof ApiException) {
      throw new ClusterReadError(what, err.code, statusMessage(err.body) ?? `HTTP ${err.code}`);
    }
    throw new ClusterReadError(what, undefined, (err as Error)?.message ?? String(err));
  }
}

/** The `message` of a Kubernetes Status body (client-node hands it over as text or as an object). */
function statusMessage(body: unknown): string | undefined {
  let b = body;
  if (typeof b === 'string') {
    try {
      b = JSON.parse(b);
    } catch {
      return undefined;
    }
  }
  const m = (b as { message?: unknown } | null)?.message;
  return typeof m === 'string' ? m.slice(0, 300) : undefined;
}

function groupVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.lastIndexOf('/');
  return i < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}


// --- Quantities. The API server returns quantities in canonical form ("1000m" comes back as "1", "1024Mi" as
// "1Gi"), so quota limits are compared by value, not by spelling.

const SUFFIX: Record<string, [bigint, bigint]> = {
  // [numerator, denominator] of the multiplier
  n: [1n, 1_000_000_000n],
  u: [1n, 1_000_000n],
  m: [1n, 1000n],
  '': [1n, 1n],
  k: [1000n, 1n],
  M: [1000n ** 2n, 1n],
  G: [1000n ** 3n, 1n],
  T: [1000n ** 4n, 1n],
  P: [1000n ** 5n, 1n],
  E: [1000n ** 6n, 1n],
  Ki: [1024n, 1n],
  Mi: [1024n ** 2n, 1n],
  Gi: [1024n ** 3n, 1n],
  Ti: [1024n ** 4n, 1n],
  Pi: [1024n ** 5n, 1n],
  Ei: [1024n ** 6n, 1n],
};

/** A Kubernetes quantity as an exact fraction [numerator, denominator], or undefined if it is not one. */
export function parseQuantity(q: string): [bigint, bigint] | undefined {
  const m = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:([eE][+-]?\d+)|(n|u|m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?)$/.exec(q.trim());
  if (!m) return undefined;
  const [, sign, number = '0', exp, suffix = ''] = m;
  const [whole = '', frac = ''] = number.split('.');
  let num = BigInt((whole || '0') + frac) * (sign === '-' ? -1n : 1n);
  let den = 10n ** BigInt(frac.length);
  const [mul, div] = SUFFIX[suffix] ?? [1n, 1n];
  num *= mul;
  den *= div;
  if (exp) {
    const e = Number(exp.slice(1));
    if (e >= 0) num *= 10n ** BigInt(e);
    else den *= 10n ** BigInt(-e);
  }
  return [num, den];
}

export function sameQuantity(a: string, b: string): boolean {
  if (a === b) return true;
  const x = parseQuantity(a);
  const y = parseQuantity(b);
  return !!x && !!y && x[0] * y[1] === y[0] * x[1];
}

function quotaDrift(expected: Obj, live: Obj): DriftReason | undefined {
  const want = obj(expected);
  const have = obj(live);
  const diffs: string[] = [];
  for (const key of [...new Set([...Object.keys(want), ...Object.keys(have)])].sort()) {
    const w = want[key] === undefined ? undefined : String(want[key]);
    const h = have[key] === undefined ? undefined : String(have[key]);
    if (w === undefined) diffs.push(`${key} not expected, found ${h}`);
    else if (h === undefined) diffs.push(`${key} expected ${w}, absent`);
    else if (!sameQuantity(w, h)) diffs.push(`${key} expected ${w}, found ${h}`);
  }
  if (!diffs.length) return undefined;
  const detail = `spec.hard differs: ${diffs.join('; ')}`;
  return { ...driftReason('drift.quota', {}, detail), reason: detail };
}

/**
 * What runs in `namespace` compared with `expected` (the tenant's desired objects): the namespace, its
 * ResourceQuota, and every workload of the provisioner kinds (a KubeVirt VirtualMachine, a CloudNativePG
 * Cluster), read as its kind says. Other objects are not read.
 */
export async function readTenantStatus(kc: KubeConfig, namespace: string, expected: K8sObject[]): Promise<TenantStatus> {
  const core = kc.makeApiClient(CoreV1Api);
  const custom = kc.makeApiClient(CustomObjectsApi);
  const objects: ObjectStatus[] = [];
  const drift: Drift[] = [];
  const missing = (kind: string, name: string) => {
    objects.push({ kind, name, state: 'MISSING' });
    drift.push({ kind, name, ...driftReason('drift.missingFromCluster') });
  };

  const checks = expected.map(async (want): Promise<void> => {
    const { kind } = want;
    const name = want.metadata.name;
    const ns = want.metadata.namespace ?? namespace;
    switch (kind) {
      case 'Namespace': {
        const live = await readOrMissing(`Namespace ${name}`, () => core.readNamespace({ name }));
        if (!live) return missing(kind, name);
        const phase = live.status?.phase;
        objects.push(
          phase === 'Terminating' ? { kind, name, state: 'FAILED', detail: 'Terminating' } : { kind, name, state: 'READY', ...(phase ? { detail: phase } : {}) },
        );
        return;
      }
      case 'ResourceQuota': {
        const live = await readOrMissing(`ResourceQuota ${ns}/${name}`, () => core.readNamespacedResourceQuota({ name, namespace: ns }));
        if (!live) return missing(kind, name);
        objects.push({ kind, name, state: 'READY' });
        const why = quotaDrift(obj(obj(want.spec).hard), obj(live.spec?.hard));
        if (why) drift.push({ kind, name, ...why });
        return;
      }
      default: {
        const workload = workloadOf(want);
        if (!workload) return;
        const { group, version } = groupVersion(want.apiVersion);
        const live = await readOrMissing(`${kind} ${ns}/${name}`, () =>
          custom.getNamespacedCustomObject({ group, version, namespace: ns, plural: workload.plural, name }) as Promise<unknown>,
        );
        if (!live) return missing(kind, name);
        const seen = workload.observe(want, obj(live));
        objects.push({ kind, name, state: seen.state, ...(seen.detail ? { detail: seen.detail } : {}) });
        if (seen.drift) drift.push({ kind, name, ...seen.drift });
        return;
      }
    }
  });
  await Promise.all(checks);

  // reads run in parallel; answer in the order the objects were expected
  const order = new Map(expected.map((o, i) => [`${o.kind}/${o.metadata.name}`, i]));
  const byExpected = (a: { kind: string; name: string }, b: { kind: string; name: string }) =>
    (order.get(`${a.kind}/${a.name}`) ?? 0) - (order.get(`${b.kind}/${b.name}`) ?? 0);
  return { objects: objects.sort(byExpected), drift: drift.sort(byExpected) };
}

/**
 * The application credentials CloudNativePG generates for a cluster: the `<cluster>-app` Secret.
 * The host is the read-write service, qualified so it resolves from any namespace.
 */
export async function readDatabaseCredentials(kc: KubeConfig, namespace: string, clusterName: string): Promise<DatabaseCredentials> {
  const core = kc.makeApiClient(CoreV1Api);
  const name = `${clusterName}-app`;
  const secret: V1Secret | undefined = await readOrMissing(`Secret ${namespace}/${name}`, () =>
    core.readNamespacedSecret({ name, namespace }),
  );
  if (!secret) throw new NotFoundError('database credentials', `${namespace}/${name}`);
  const data = secret.data ?? {};
  const field = (key: string): string | undefined => {
    const v = data[key];
    return v === undefined ? undefined : Buffer.from(v, 'base64').toString('utf8');
  };
  const username = field('username');
  const password = field('password');
  if (!username || !password) throw new NotFoundError('database credentials', `${namespace}/${name}`);
  const port = Number(field('port') ?? 5432);
  return {
    username,
    password,
    host: `${clusterName}-rw.${namespace}.svc`,
    port: Number.isInteger(port) && port > 0 ? port : 5432,
    dbname: field('dbname') ?? 'app',
  };
}

/** The StatusReader the services use, over the cluster a kubeconfig file (or a loaded KubeConfig) points at. */
export function createClusterStatusReader(kubeconfig: string | KubeConfig): StatusReader {
  const kc = typeof kubeconfig === 'string' ? kubeConfigFromFile(kubeconfig) : kubeconfig;
  return {
    read: (namespace, expected) => readTenantStatus(kc, namespace, expected),
    credentials: (namespace, cluster) => readDatabaseCredentials(kc, namespace, cluster),
  };
}
