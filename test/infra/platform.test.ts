// The infra/ program under Pulumi's mocks (no CLI, no cluster), with the production stack's own config file
// and secrets given as config secrets: what it creates, how the pieces are wired, that no secret is ever a plain
// value in any resource input, and every object against the real Kubernetes and CloudNativePG schemas.
import { beforeAll, describe, expect, it } from 'vitest';
import { objectsOf, plainStrings, registered, resolve, settled, stackConfig, useConfig } from './pulumi-harness.js';
import { problems, type K8sObject } from '../support/k8s-schemas.js';

const SECRETS = {
  'zhengyun:metricsToken': 'metrics-TOKEN-0123456789abcdef',
  'zhengyun:bootstrapAdminPassword': 'Bootstrap-Admin-Passw0rd!',
  'zhengyun:backupAccessKeyId': 'AKIA-BACKUP-KEY-ID-77',
  'zhengyun:backupSecretAccessKey': 'backup/secret+access=key-99',
};

type Program = typeof import('../../infra/index.js');
let program: Program;
let objects: (K8sObject & { pulumiType: string; pulumiName: string })[];

const one = (kind: string, name: string) => {
  const found = objects.filter((o) => o.kind === kind && o.metadata.name === name);
  expect(found.map((o) => `${o.kind}/${o.metadata.name}`), `${kind}/${name}`).toHaveLength(1);
  return found[0] as any;
};
const container = (deployment: any) => deployment.spec.template.spec.containers[0];
const envOf = (c: any) => Object.fromEntries((c.env as any[]).map((e) => [e.name, e.value ?? e.valueFrom]));

beforeAll(async () => {
  useConfig(stackConfig('production'), SECRETS);
  program = await import('../../infra/index.js');
  expect(await resolve(program.namespace)).toBe('zhengyun');
  await resolve(program.migrationJob);
  await settled();
  objects = objectsOf('zhengyun-');
});

describe('the production stack', () => {
  it('creates the platform: namespace, database and backup, migration Job, API, workers, Service, Ingress, policies', () => {
    const kinds = objects.map((o) => `${o.kind}/${o.metadata.name}`).sort();
    expect(kinds).toEqual(
      expect.arrayContaining([
        'Namespace/zhengyun',
        'Secret/zhengyun-config',
        'Secret/zhengyun-db-backup-s3',
        'Cluster/zhengyun-db',
        'ScheduledBackup/zhengyun-db-daily',
        'PersistentVolumeClaim/zhengyun-data',
        'ServiceAccount/zhengyun',
        'Deployment/zhengyun-api',
        'Deployment/zhengyun-worker',
        'PodDisruptionBudget/zhengyun-api',
        'PodDisruptionBudget/zhengyun-worker',
        'HorizontalPodAutoscaler/zhengyun-api',
        'Service/zhengyun-api',
        'Ingress/zhengyun',
        'NetworkPolicy/default-deny-all',
      ]),
    );
    expect(objects.filter((o) => o.kind === 'Job').map((o) => o.metadata.name)).toEqual([expect.stringMatching(/^zhengyun-migrate-[0-9a-f]{10}$/)]);
    for (const o of objects.filter((x) => x.kind !== 'Namespace')) expect(o.metadata.namespace, `${o.kind}/${o.metadata.name}`).toBe('zhengyun');
    expect(one('Namespace', 'zhengyun').metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
  });

  it('every object is valid against the real schemas', () => {
    const invalid = objects.map((o) => ({ ref: `${o.kind}/${o.metadata.name}`, problems: problems(o) })).filter((r) => r.problems.length > 0);
    expect(invalid).toEqual([]);
    expect(objects.length).toBeGreaterThan(20);
  });

  it('runs the API with at least two replicas, probes on /readyz and /healthz, limits, spread, and a graceful stop', () => {
    const api = one('Deployment', 'zhengyun-api');
    expect(api.spec.replicas).toBeGreaterThanOrEqual(2);
    expect(api.spec.replicas).toBe(3); // from Pulumi.production.yaml
    expect(api.spec.strategy.rollingUpdate).toEqual({ maxUnavailable: 0, maxSurge: 1 });
    const c = container(api);
    expect(c.args).toEqual(['api']);
    expect(c.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(c.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(c.resources).toEqual({ requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '2', memory: '1Gi' } });
    const env = envOf(c);
    expect(env).toMatchObject({ ZHENGYUN_ROLE: 'api', RUN_WORKERS: 'false', MIGRATE_ON_START: 'false', NODE_ENV: 'production', DEMO_MODE: 'false', TRUST_PROXY: 'true', NODE_OPTIONS: '--max-old-space-size=768' });
    const spread = api.spec.template.spec.topologySpreadConstraints as any[];
    expect(spread.map((t) => [t.topologyKey, t.whenUnsatisfiable])).toEqual([
      ['kubernetes.io/hostname', 'DoNotSchedule'],
      ['topology.kubernetes.io/zone', 'ScheduleAnyway'],
    ]);
    for (const t of spread) expect(t.labelSelector.matchLabels).toEqual(api.spec.selector.matchLabels);
    // SIGTERM after the preStop pause; the grace period covers the pause, the drain and the queue stop
    expect(c.lifecycle.preStop.exec.command).toEqual(['sleep', '5']);
    expect(api.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThan(5 + Number(env.SHUTDOWN_TIMEOUT_SECONDS));
  });

  it('runs every container non-root with a read-only root filesystem, /tmp on an emptyDir, requests and limits', () => {
    const pods = objects.filter((o) => o.kind === 'Deployment' || o.kind === 'Job').map((o) => [`${o.kind}/${o.metadata.name}`, (o as any).spec.template.spec] as const);
    expect(pods).toHaveLength(3);
    for (const [ref, pod] of pods) {
      expect(pod.securityContext, ref).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } });
      expect(pod.automountServiceAccountToken, ref).toBe(false);
      for (const c of pod.containers) {
        expect(c.securityContext, ref).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } });
        expect(Object.keys(c.resources.requests).sort(), ref).toEqual(['cpu', 'memory']);
        expect(Object.keys(c.resources.limits).sort(), ref).toEqual(['cpu', 'memory']);
        const tmp = c.volumeMounts.find((m: any) => m.mountPath === '/tmp');
        expect(pod.volumes.find((v: any) => v.name === tmp.name).emptyDir, ref).toBeDefined();
        expect(c.image, ref).toBe('registry.zhengyun.internal/zhengyun/zhengyun:0.1.0');
      }
    }
  });

  it('keeps a PodDisruptionBudget and a HorizontalPodAutoscaler on the API', () => {
    const api = one('Deployment', 'zhengyun-api');
    const pdb = one('PodDisruptionBudget', 'zhengyun-api');
    expect(pdb.spec.selector.matchLabels).toEqual(api.spec.selector.matchLabels);
    expect(pdb.spec.maxUnavailable).toBe(1);
    const hpa = one('HorizontalPodAutoscaler', 'zhengyun-api');
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'zhengyun-api' });
    expect(hpa.spec.minReplicas).toBe(api.spec.replicas);
    expect(hpa.spec.maxReplicas).toBe(8);
    expect(hpa.spec.metrics[0].resource).toEqual({ name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } });
  });

  it('runs dedicated workers that finish or hand back their jobs within the grace period', () => {
    const worker = one('Deployment', 'zhengyun-worker');
    expect(worker.spec.replicas).toBe(2);
    const c = container(worker);
    expect(c.args).toEqual(['worker']);
    const env = envOf(c);
    expect(env).toMatchObject({ ZHENGYUN_ROLE: 'worker', WORKER_CONCURRENCY: '2', SHUTDOWN_TIMEOUT_SECONDS: '300', MIGRATE_ON_START: 'false' });
    expect(worker.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThan(300);
    expect(c.livenessProbe.httpGet.path).toBe('/healthz');
    expect(one('PodDisruptionBudget', 'zhengyun-worker').spec.selector.matchLabels).toEqual(worker.spec.selector.matchLabels);
  });

  it('migrates once, by a Job named after the image, before any replica of that image starts', () => {
    const job = objects.find((o) => o.kind === 'Job') as any;
    const c = job.spec.template.spec.containers[0];
    expect(c.args).toEqual(['migrate']);
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
    expect(job.spec.backoffLimit).toBeGreaterThan(0);
    expect(envOf(c)).toMatchObject({ ZHENGYUN_ROLE: 'migrate', DATABASE_URL: { secretKeyRef: { name: 'zhengyun-db-app', key: 'uri' } } });
    // the Deployments' pod templates carry the Job's name: they are created only once the Job is done
    for (const name of ['zhengyun-api', 'zhengyun-worker']) {
      expect(one('Deployment', name).spec.template.metadata.annotations['zhengyun.gov.cn/migrated-by']).toBe(job.metadata.name);
    }
  });

  it('takes DATABASE_URL from the CloudNativePG app secret, and a daily backup of the cluster', () => {
    for (const d of ['zhengyun-api', 'zhengyun-worker']) {
      expect(envOf(container(one('Deployment', d))).DATABASE_URL).toEqual({ secretKeyRef: { name: 'zhengyun-db-app', key: 'uri' } });
    }
    const cluster = one('Cluster', 'zhengyun-db');
    expect(cluster.spec.instances).toBe(3);
    expect(cluster.spec.bootstrap.initdb).toEqual({ database: 'app', owner: 'app' });
    expect(cluster.spec.backup.barmanObjectStore.s3Credentials.secretAccessKey).toEqual({ name: 'zhengyun-db-backup-s3', key: 'ACCESS_SECRET_KEY' });
    expect(cluster.metadata.annotations['pulumi.com/waitFor']).toBe('condition=Ready');
    const backup = one('ScheduledBackup', 'zhengyun-db-daily');
    expect(backup.spec).toMatchObject({ cluster: { name: 'zhengyun-db' }, method: 'barmanObjectStore', schedule: '0 0 2 * * *' });
  });

  it('never passes a secret as a plain value: each one is marked secret in every resource input', () => {
    const values = Object.values(SECRETS);
    const leaks = registered.flatMap((r) => plainStrings(r.inputs).filter((s) => values.some((v) => s.value.includes(v))).map((s) => `${r.type} ${r.name}${s.path}`));
    expect(leaks).toEqual([]);
    // and they are there, as secrets
    const config = registered.find((r) => r.type === 'kubernetes:core/v1:Secret' && r.name === 'zhengyun-config-secret')!;
    const stringData = config.inputs.stringData;
    const wrapped = JSON.stringify(stringData);
    expect(wrapped).toContain(SECRETS['zhengyun:metricsToken']);
    expect(plainStrings(stringData)).toEqual([]);
    // the workloads read them by reference only
    const apiEnv = envOf(container(one('Deployment', 'zhengyun-api')));
    expect(apiEnv.METRICS_TOKEN).toEqual({ secretKeyRef: { name: 'zhengyun-config', key: 'METRICS_TOKEN' } });
    expect(apiEnv.BOOTSTRAP_ADMIN_PASSWORD).toEqual({ secretKeyRef: { name: 'zhengyun-config', key: 'BOOTSTRAP_ADMIN_PASSWORD' } });
  });

  it('exposes the API through a Service and an Ingress, and /metrics only with the monitoring token', () => {
    const svc = one('Service', 'zhengyun-api');
    expect(svc.spec.type).toBe('ClusterIP');
    expect(svc.spec.selector).toEqual(one('Deployment', 'zhengyun-api').spec.selector.matchLabels);
    const ing = one('Ingress', 'zhengyun');
    expect(ing.spec.rules[0].host).toBe('zhengyun.yuncheng.gov.cn');
    expect(ing.spec.tls).toEqual([{ hosts: ['zhengyun.yuncheng.gov.cn'], secretName: 'zhengyun-tls' }]);
    expect(ing.spec.rules[0].http.paths[0].backend.service).toEqual({ name: 'zhengyun-api', port: { name: 'http' } });
    // METRICS_TOKEN is always set on every process serving /metrics, so the public path answers 401
    for (const d of ['zhengyun-api', 'zhengyun-worker']) expect(envOf(container(one('Deployment', d))).METRICS_TOKEN).toBeDefined();
  });

  it('denies all traffic by default and allows only what the platform needs', () => {
    const np = (name: string) => one('NetworkPolicy', name).spec;
    expect(np('default-deny-all')).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    expect(np('allow-dns').egress[0].ports).toEqual([
      { protocol: 'UDP', port: 53 },
      { protocol: 'TCP', port: 53 },
    ]);
    const ingress = np('allow-ingress-to-api');
    expect(ingress.podSelector.matchLabels).toEqual(one('Deployment', 'zhengyun-api').spec.selector.matchLabels);
    expect(ingress.ingress[0].from[0].namespaceSelector.matchLabels).toEqual({ 'kubernetes.io/metadata.name': 'ingress-nginx' });
    expect(np('allow-app-to-database').egress[0]).toEqual({ to: [{ podSelector: { matchLabels: { 'cnpg.io/cluster': 'zhengyun-db' } } }], ports: [{ protocol: 'TCP', port: 5432 }] });
    const dbEgress = np('allow-database-egress').egress as any[];
    expect(dbEgress.map((e) => e.ports[0].port)).toEqual([5432, 6443, 443]);
    // no Kubernetes API access for the application without a target cluster
    expect(objects.some((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'allow-target-cluster-api')).toBe(false);
    // every label selector of the policies matches some pod template or the database
    const appLabels = ['zhengyun-api', 'zhengyun-worker'].map((d) => one('Deployment', d).spec.template.metadata.labels);
    expect(appLabels.every((l) => l['app.kubernetes.io/name'] === 'zhengyun')).toBe(true);
  });
});
