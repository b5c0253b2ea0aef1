// The database kind: PostgreSQL run by CloudNativePG, with daily snapshots and a final backup before removal.
import { READ_VERBS } from '../../tenant-objects.js';
import type { ProvisionerKind } from '../kind.js';
import { cnpgPolicies, renderDatabases } from './objects.js';
import { databaseSizing } from './sizing.js';
import { CNPG_FINAL_BACKUP, observeCluster } from './status.js';
import { databaseVocabulary } from './vocabulary.js';

const CLUSTERS = 'count/clusters.postgresql.cnpg.io';

export const database: ProvisionerKind<'database'> = {
  ...databaseVocabulary,
  runsInTenant: true,
  consumption(plan) {
    // A CloudNativePG cluster runs `instances` pods, each sized by spec.resources with its own PVC.
    const db = databaseSizing(plan);
    return {
      milliCpu: db.vcpu * 1000 * db.instances,
      memoryMiB: db.memoryMiB * db.instances,
      storageGiB: db.storageGiB * db.instances,
      persistentVolumeClaims: db.instances,
      counts: { [CLUSTERS]: 1 },
    };
  },
  quotaCounts: [CLUSTERS],
  render: renderDatabases,
  networkPolicies: cnpgPolicies,
  objectKinds: ['Cluster', 'ScheduledBackup'],
  tenantRules: [
    { apiGroups: ['postgresql.cnpg.io'], resources: ['backups', 'clusters', 'scheduledbackups'], verbs: READ_VERBS },
    { apiGroups: ['postgresql.cnpg.io'], resources: ['backups'], verbs: ['create'] },
  ],
  customResourceGroups: ['postgresql.cnpg.io'],
  dependsOn(obj) {
    // a ScheduledBackup waits for its Cluster
    const cluster = obj.kind === 'ScheduledBackup' ? (obj.spec as { cluster?: { name?: string } } | undefined)?.cluster?.name : undefined;
    return cluster ? [`Cluster/${cluster}`] : [];
  },
  workloads: [
    { kind: 'Cluster', group: 'postgresql.cnpg.io', plural: 'clusters', observe: (_want, live) => observeCluster(live), finalBackup: CNPG_FINAL_BACKUP },
  ],
};
