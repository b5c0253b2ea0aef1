// The Zhengyun platform on Kubernetes, one component: namespace, secrets, the database, the shared data volume,
// the migration Job, the API (Deployment, Service, PodDisruptionBudget, HorizontalPodAutoscaler, Ingress), the
// job workers, and the NetworkPolicies.
//
// Upgrade order, enforced by dependencies: database Ready → migration Job (new image) Complete → worker and API
// Deployments roll (their pod templates carry the Job's name, so they cannot start before it has finished).
// Replicas run with MIGRATE_ON_START=false: they check the schema and never migrate it themselves.
import crypto from 'node:crypto';
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { PlatformDatabase } from './database.js';
import { labelsFor, selectorFor, type Component } from './labels.js';
import { HTTP_PORT, networkPolicies } from './network.js';
import type { Resources, Settings } from './settings.js';

export const PLATFORM_COMPONENT_TYPE = 'zhengyun:platform:Platform';
const KUBECONFIG_DIR = '/etc/zhengyun/target-cluster';
const CONFIG_SECRET = 'zhengyun-config';

/** Node's heap limit from the container's memory limit (3/4 of it), so the process fails before the OOM killer. */
export function heapMiB(memoryLimit: string): number | null {
  const m = /^(\d+(?:\.\d+)?)(Mi|Gi)$/.exec(memoryLimit);
  if (!m) return null;
  const mib = Number(m[1]) * (m[2] === 'Gi' ? 1024 : 1);
  return Math.floor(mib * 0.75);
}

type EnvVar = k8s.types.input.core.v1.EnvVar;

export class ZhengyunPlatform extends pulumi.ComponentResource {
  readonly namespace: k8s.core.v1.Namespace;
  readonly database: PlatformDatabase;
  readonly migration: k8s.batch.v1.Job;
  readonly api: k8s.apps.v1.Deployment;
  readonly worker: k8s.apps.v1.Deployment;
  readonly service: k8s.core.v1.Service;
  readonly ingress: k8s.networking.v1.Ingress;
  readonly url: pulumi.Output<string>;

  constructor(name: string, settings: Settings, opts?: pulumi.ComponentResourceOptions) {
    super(PLATFORM_COMPONENT_TYPE, name, {}, opts);
    const parent = { parent: this };
    const s = settings;

    this.namespace = new k8s.core.v1.Namespace(
      `${name}-namespace`,
      {
        metadata: {
          name: s.namespace,
          labels: { 'app.kubernetes.io/part-of': 'zhengyun', 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': 'latest' },
        },
      },
      parent,
    );
    const ns = this.namespace.metadata.name;

    // ── secrets (from Pulumi config secrets only) ──
    const configSecret = new k8s.core.v1.Secret(
      `${name}-config-secret`,
      {
        metadata: { name: CONFIG_SECRET, namespace: ns, labels: labelsFor('config') },
        type: 'Opaque',
        stringData: {
          METRICS_TOKEN: s.secrets.metricsToken,
          BOOTSTRAP_ADMIN_PASSWORD: s.secrets.bootstrapAdminPassword,
          ...(s.secrets.pulumiConfigPassphrase ? { PULUMI_CONFIG_PASSPHRASE: s.secrets.pulumiConfigPassphrase } : {}),
        },
      },
      parent,
    );
    const kubeconfigSecret = s.secrets.targetKubeconfig
      ? new k8s.core.v1.Secret(
          `${name}-target-kubeconfig`,
          { metadata: { name: 'zhengyun-target-kubeconfig', namespace: ns, labels: labelsFor('config') }, type: 'Opaque', stringData: { kubeconfig: s.secrets.targetKubeconfig } },
          parent,
        )
      : undefined;

    this.database = new PlatformDatabase(`${name}-database`, { settings: s, namespace: ns }, parent);

    // ── shared files: uploaded documents and rendered manifests, read and written by every replica ──
    const data = new k8s.core.v1.PersistentVolumeClaim(
      `${name}-data`,
      {
        metadata: { name: 'zhengyun-data', namespace: ns, labels: labelsFor('data') },
        spec: {
          accessModes: ['ReadWriteMany'],
          resources: { requests: { storage: s.data.size } },
          ...(s.data.storageClass ? { storageClassName: s.data.storageClass } : {}),
        },
      },
      { ...parent, protect: true },
    );

    const serviceAccount = new k8s.core.v1.ServiceAccount(
      `${name}-service-account`,
      { metadata: { name: 'zhengyun', namespace: ns, labels: labelsFor('api') }, automountServiceAccountToken: false },
      parent,
    );

    // ── environment ──
    const secretEnv = (envName: string, secret: pulumi.Input<string>, key: string): EnvVar => ({ name: envName, valueFrom: { secretKeyRef: { name: secret, key } } });
    const commonEnv = (role: 'api' | 'worker' | 'migrate', resources: Resources): EnvVar[] => {
      const heap = heapMiB(resources.limits.memory);
      return [
        { name: 'ZHENGYUN_ROLE', value: role },
        { name: 'NODE_ENV', value: 'production' },
        { name: 'LOG_LEVEL', value: s.logLevel },
        { name: 'DEMO_MODE', value: 'false' },
        { name: 'DATA_DIR', value: '/data' },
        { name: 'MIGRATE_ON_START', value: 'false' },
        secretEnv('DATABASE_URL', this.database.appSecretName, 'uri'),
        secretEnv('METRICS_TOKEN', configSecret.metadata.name, 'METRICS_TOKEN'),
        { name: 'PROVISIONING_DRIVER', value: s.provisioning.driver },
        { name: 'JOB_RETRY_LIMIT', value: String(s.provisioning.jobRetryLimit) },
        { name: 'JOB_EXPIRE_SECONDS', value: String(s.provisioning.jobExpireSeconds) },
        ...(s.secrets.pulumiConfigPassphrase ? [secretEnv('PULUMI_CONFIG_PASSPHRASE', configSecret.metadata.name, 'PULUMI_CONFIG_PASSPHRASE'), { name: 'PULUMI_SKIP_UPDATE_CHECK', value: 'true' }] : []),
        ...(kubeconfigSecret && role !== 'migrate' ? [{ name: 'KUBECONFIG', value: `${KUBECONFIG_DIR}/kubeconfig` }] : []),
        ...(heap ? [{ name: 'NODE_OPTIONS', value: `--max-old-space-size=${heap}` }] : []),
      ];
    };

    const podSecurity = { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } };
    const containerSecurity = { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } };
    const volumes = (withData: boolean, withKubeconfig: boolean) => [
      { name: 'tmp', emptyDir: { sizeLimit: '256Mi' } },
      ...(withData ? [{ name: 'data', persistentVolumeClaim: { claimName: data.metadata.name } }] : []),
      ...(withKubeconfig && kubeconfigSecret ? [{ name: 'target-kubeconfig', secret: { secretName: kubeconfigSecret.metadata.name, defaultMode: 0o440 } }] : []),
    ];
    const mounts = (withData: boolean, withKubeconfig: boolean) => [
      { name: 'tmp', mountPath: '/tmp' },
      ...(withData ? [{ name: 'data', mountPath: '/data' }] : []),
      ...(withKubeconfig && kubeconfigSecret ? [{ name: 'target-kubeconfig', mountPath: KUBECONFIG_DIR, readOnly: true }] : []),
    ];
    const podBase = () => ({
      serviceAccountName: serviceAccount.metadata.name,
      automountServiceAccountToken: false,
      securityContext: podSecurity,
      ...(s.imagePullSecrets.length ? { imagePullSecrets: s.imagePullSecrets.map((n) => ({ name: n })) } : {}),
      enableServiceLinks: false,
    });
    const scrape = { 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(HTTP_PORT), 'prometheus.io/path': '/metrics' };

    // ── the migration Job: once per image, before any replica of that image starts ──
    const imageHash = crypto.createHash('sha256').update(s.image).digest('hex').slice(0, 10);
    this.migration = new k8s.batch.v1.Job(
      `${name}-migrate`,
      {
        metadata: { name: `zhengyun-migrate-${imageHash}`, namespace: ns, labels: labelsFor('migrate'), annotations: { 'zhengyun.gov.cn/image': s.image } },
        spec: {
          backoffLimit: 3,
          activeDeadlineSeconds: s.migration.activeDeadlineSeconds,
          template: {
            metadata: { labels: labelsFor('migrate') },
            spec: {
              ...podBase(),
              restartPolicy: 'Never',
              containers: [
                {
                  name: 'migrate',
                  image: s.image,
                  args: ['migrate'],
                  env: commonEnv('migrate', s.migration.resources),
                  resources: s.migration.resources,
                  securityContext: containerSecurity,
                  volumeMounts: mounts(false, false),
                },
              ],
              volumes: volumes(false, false),
            },
          },
        },
      },
      { ...parent, dependsOn: [this.database], deleteBeforeReplace: true },
    );
    // pod templates name the Job: a data dependency, so no replica of this image starts before it completed
    const migratedBy = { 'zhengyun.gov.cn/migrated-by': this.migration.metadata.name };

    // ── workers ──
    const workerGrace = s.worker.shutdownTimeoutSeconds + 15;
    this.worker = new k8s.apps.v1.Deployment(
      `${name}-worker`,
      {
        metadata: { name: 'zhengyun-worker', namespace: ns, labels: labelsFor('worker') },
        spec: {
          replicas: s.worker.replicas,
          selector: { matchLabels: selectorFor('worker') },
          strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } },
          template: {
            metadata: { labels: labelsFor('worker'), annotations: { ...scrape, ...migratedBy } },
            spec: {
              ...podBase(),
              terminationGracePeriodSeconds: workerGrace,
              topologySpreadConstraints: [spread('worker', 'kubernetes.io/hostname', 'ScheduleAnyway')],
              containers: [
                {
                  name: 'worker',
                  image: s.image,
                  args: ['worker'],
                  ports: [{ name: 'http', containerPort: HTTP_PORT }],
                  env: [
                    ...commonEnv('worker', s.worker.resources),
                    { name: 'PORT', value: String(HTTP_PORT) },
                    { name: 'WORKER_CONCURRENCY', value: String(s.worker.concurrency) },
                    { name: 'DATABASE_POOL_MAX', value: String(s.worker.databasePoolMax) },
                    { name: 'SHUTDOWN_TIMEOUT_SECONDS', value: String(s.worker.shutdownTimeoutSeconds) },
                  ],
                  resources: s.worker.resources,
                  securityContext: containerSecurity,
                  livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 },
                  readinessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 10, timeoutSeconds: 3 },
                  volumeMounts: mounts(true, true),
                },
              ],
              volumes: volumes(true, true),
            },
          },
        },
      },
      { ...parent, dependsOn: [this.migration] },
    );
    new k8s.policy.v1.PodDisruptionBudget(
      `${name}-worker-pdb`,
      { metadata: { name: 'zhengyun-worker', namespace: ns, labels: labelsFor('worker') }, spec: { maxUnavailable: 1, selector: { matchLabels: selectorFor('worker') } } },
      parent,
    );

    // ── API ──
    const apiGrace = s.api.preStopSeconds + s.api.shutdownTimeoutSeconds + 15;
    this.api = new k8s.apps.v1.Deployment(
      `${name}-api`,
      {
        metadata: { name: 'zhengyun-api', namespace: ns, labels: labelsFor('api') },
        spec: {
          replicas: s.api.replicas,
          selector: { matchLabels: selectorFor('api') },
          strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
          minReadySeconds: 5,
          template: {
            metadata: { labels: labelsFor('api'), annotations: { ...scrape, ...migratedBy } },
            spec: {
              ...podBase(),
              terminationGracePeriodSeconds: apiGrace,
              topologySpreadConstraints: [spread('api', 'kubernetes.io/hostname', s.spreadPolicy), spread('api', 'topology.kubernetes.io/zone', 'ScheduleAnyway')],
              containers: [
                {
                  name: 'api',
                  image: s.image,
                  args: ['api'],
                  ports: [{ name: 'http', containerPort: HTTP_PORT }],
                  env: [
                    ...commonEnv('api', s.api.resources),
                    { name: 'PORT', value: String(HTTP_PORT) },
                    { name: 'RUN_WORKERS', value: 'false' },
                    { name: 'TRUST_PROXY', value: 'true' },
                    { name: 'DATABASE_POOL_MAX', value: String(s.api.databasePoolMax) },
                    { name: 'SHUTDOWN_TIMEOUT_SECONDS', value: String(s.api.shutdownTimeoutSeconds) },
                    secretEnv('BOOTSTRAP_ADMIN_PASSWORD', configSecret.metadata.name, 'BOOTSTRAP_ADMIN_PASSWORD'),
                  ],
                  resources: s.api.resources,
                  securityContext: containerSecurity,
                  startupProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 2, failureThreshold: 60 },
                  readinessProbe: { httpGet: { path: '/readyz', port: 'http' }, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 2 },
                  livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 },
                  // keep serving while the endpoint removal reaches the ingress controller, then SIGTERM
                  ...(s.api.preStopSeconds > 0 ? { lifecycle: { preStop: { exec: { command: ['sleep', String(s.api.preStopSeconds)] } } } } : {}),
                  volumeMounts: mounts(true, true),
                },
              ],
              volumes: volumes(true, true),
            },
          },
        },
      },
      // the HorizontalPodAutoscaler owns the replica count once running; Pulumi sets it only on creation
      { ...parent, dependsOn: [this.migration], ignoreChanges: ['spec.replicas'] },
    );
    new k8s.policy.v1.PodDisruptionBudget(
      `${name}-api-pdb`,
      { metadata: { name: 'zhengyun-api', namespace: ns, labels: labelsFor('api') }, spec: { maxUnavailable: 1, selector: { matchLabels: selectorFor('api') } } },
      parent,
    );
    new k8s.autoscaling.v2.HorizontalPodAutoscaler(
      `${name}-api-hpa`,
      {
        metadata: { name: 'zhengyun-api', namespace: ns, labels: labelsFor('api') },
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: this.api.metadata.name },
          minReplicas: s.api.replicas,
          maxReplicas: s.api.maxReplicas,
          metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: s.api.targetCpuPercent } } }],
          behavior: { scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } },
        },
      },
      parent,
    );
    this.service = new k8s.core.v1.Service(
      `${name}-api-service`,
      {
        metadata: { name: 'zhengyun-api', namespace: ns, labels: labelsFor('api') },
        spec: { type: 'ClusterIP', selector: selectorFor('api'), ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] },
      },
      parent,
    );
    this.ingress = new k8s.networking.v1.Ingress(
      `${name}-ingress`,
      {
        metadata: {
          name: 'zhengyun',
          namespace: ns,
          labels: labelsFor('api'),
          annotations: {
            // uploads are up to 20 MiB; job event streams stay open
            'nginx.ingress.kubernetes.io/proxy-body-size': '25m',
            'nginx.ingress.kubernetes.io/proxy-read-timeout': '3600',
            'nginx.ingress.kubernetes.io/proxy-buffering': 'off',
            ...s.ingress.annotations,
          },
        },
        spec: {
          ingressClassName: s.ingress.className,
          ...(s.ingress.tlsSecretName ? { tls: [{ hosts: [s.ingress.host], secretName: s.ingress.tlsSecretName }] } : {}),
          rules: [
            {
              host: s.ingress.host,
              http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: this.service.metadata.name, port: { name: 'http' } } } }] },
            },
          ],
        },
      },
      parent,
    );

    networkPolicies(name, s, ns, this);

    this.url = pulumi.output(`${s.ingress.tlsSecretName ? 'https' : 'http'}://${s.ingress.host}`);
    this.registerOutputs({ namespace: ns, url: this.url, migrationJob: this.migration.metadata.name, databaseCluster: this.database.clusterName });
  }
}

function spread(component: Component, topologyKey: string, whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway') {
  return { maxSkew: 1, topologyKey, whenUnsatisfiable, labelSelector: { matchLabels: selectorFor(component) } };
}
