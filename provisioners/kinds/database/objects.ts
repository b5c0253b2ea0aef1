// The Kubernetes objects of a database allocation: per database, a CloudNativePG Cluster and its daily
// ScheduledBackup; and the NetworkPolicies its instance managers need.
import type { PlanView } from '../../../catalog/view.js';
import type { ClusterProfile, LabelSelector } from '../../cluster-profile.js';
import { DesiredStateError } from '../../desired-state-error.js';
import { databaseClusterName, scheduledBackupName, shortHash } from '../../names.js';
import { formatMiB } from '../../quantities.js';
import { ANNOTATIONS, cmp, itemLabels, meta, networkPolicy, nsSelector, perUnit, type RenderContext } from '../../tenant-objects.js';
import type { K8sObject, TenantItem } from '../../tenant-input.js';
import { databaseSizing, type DatabaseSizing } from './sizing.js';

function databaseImage(profile: ClusterProfile, planCode: string, db: DatabaseSizing): string {
  const template = profile.cnpg.images[db.engine];
  if (!template) {
    throw new DesiredStateError(
      'ENGINE_UNSUPPORTED',
      `plan "${planCode}": engine ${db.engine} ${db.engineVersion} cannot be run by CloudNativePG (no image configured for "${db.engine}")`,
    );
  }
  return template.replaceAll('{version}', db.engineVersion);
}

/** A daily schedule (CloudNativePG cron has a seconds field), spread over 01:00–03:59 by name so tenants do not all snapshot at once. */
export function dailyBackupSchedule(clusterName: string): string {
  const h = parseInt(shortHash(clusterName, 6), 16);
  return `0 ${h % 60} ${1 + (Math.floor(h / 60) % 3)} * * *`;
}

function databaseCluster(ctx: RenderContext, item: TenantItem, planCode: string, db: DatabaseSizing, name: string): K8sObject[] {
  const labels = itemLabels(item);
  const { profile } = ctx;
  const cpu = String(db.vcpu);
  const memory = formatMiB(db.memoryMiB);
  const cluster: K8sObject = {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Cluster',
    metadata: meta(ctx, name, labels),
    spec: {
      instances: db.instances,
      imageName: databaseImage(profile, planCode, db),
      primaryUpdateStrategy: 'unsupervised',
      enableSuperuserAccess: false,
      // the operator creates the owner's credentials in the Secret "<name>-app"
      bootstrap: { initdb: { database: 'app', owner: 'app' } },
      storage: { size: `${db.storageGiB}Gi`, ...(profile.storageClass ? { storageClass: profile.storageClass } : {}) },
      resources: { requests: { cpu, memory }, limits: { cpu, memory } },
      affinity: { enablePodAntiAffinity: true, topologyKey: 'kubernetes.io/hostname' },
      inheritedMetadata: { labels: { ...ctx.baseLabels, ...labels } },
      backup: { volumeSnapshot: { online: true, ...(profile.cnpg.volumeSnapshotClass ? { className: profile.cnpg.volumeSnapshotClass } : {}) } },
    },
  };
  const backup: K8sObject = {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'ScheduledBackup',
    metadata: meta(
      ctx,
      scheduledBackupName(name),
      labels,
      db.backupRetentionDays === null ? undefined : { [ANNOTATIONS.backupRetentionDays]: String(db.backupRetentionDays) },
    ),
    spec: {
      schedule: dailyBackupSchedule(name),
      cluster: { name },
      method: 'volumeSnapshot',
      backupOwnerReference: 'self',
      immediate: true,
    },
  };
  return [cluster, backup];
}

/** `item.quantity` databases of the plan, named by index. */
export function renderDatabases(ctx: RenderContext, item: TenantItem, plan: PlanView): K8sObject[] {
  const db = databaseSizing(plan);
  return perUnit(item, (i) => databaseCluster(ctx, item, item.planCode, db, databaseClusterName(item.requestId, item.planCode, i)));
}

const CNPG_PODS: LabelSelector = { matchExpressions: [{ key: 'cnpg.io/cluster', operator: 'Exists' }] };

/** The operator reaches the instance managers; they reach the API server when its addresses are configured. */
export function cnpgPolicies(ctx: RenderContext): K8sObject[] {
  const { profile } = ctx;
  const all: K8sObject[] = [
    // the operator polls each instance manager's status endpoint
    networkPolicy(ctx, 'allow-cnpg-operator', {
      podSelector: CNPG_PODS,
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [{ namespaceSelector: nsSelector(profile.cnpg.operatorNamespace), podSelector: { matchLabels: { ...profile.cnpg.operatorPodLabels } } }],
          ports: [{ protocol: 'TCP', port: 8000 }],
        },
      ],
    }),
  ];
  if (profile.apiServer.cidrs.length > 0) {
    all.push(
      networkPolicy(ctx, 'allow-cnpg-apiserver', {
        podSelector: CNPG_PODS,
        policyTypes: ['Egress'],
        egress: [{ to: [...profile.apiServer.cidrs].sort(cmp).map((cidr) => ({ ipBlock: { cidr } })), ports: [{ protocol: 'TCP', port: profile.apiServer.port }] }],
      }),
    );
  }
  return all;
}
