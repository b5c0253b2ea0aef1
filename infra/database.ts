// The platform's own PostgreSQL: a CloudNativePG Cluster (the operator creates the owner's credentials in the
// Secret "<cluster>-app", whose key `uri` is the DATABASE_URL of every Zhengyun process) and a daily
// ScheduledBackup, either to an S3-compatible object store with WAL archiving (point-in-time recovery: how a
// bad migration is undone) or as volume snapshots.
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import type { Settings } from './settings.js';
import { labelsFor } from './labels.js';

export interface PlatformDatabaseArgs {
  settings: Settings;
  namespace: pulumi.Input<string>;
}

export class PlatformDatabase extends pulumi.ComponentResource {
  readonly cluster: k8s.apiextensions.CustomResource;
  readonly backup: k8s.apiextensions.CustomResource;
  /** the Secret the operator writes: keys username, password, host, port, dbname, uri */
  readonly appSecretName: string;
  readonly clusterName: string;

  constructor(name: string, { settings, namespace }: PlatformDatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super('zhengyun:platform:Database', name, {}, opts);
    const db = settings.database;
    this.clusterName = db.clusterName;
    this.appSecretName = `${db.clusterName}-app`;
    const labels = labelsFor('database');

    let backupSpec: Record<string, unknown>;
    let credentials: k8s.core.v1.Secret | undefined;
    if (db.backup.method === 'barmanObjectStore') {
      const creds = settings.secrets.backup!;
      credentials = new k8s.core.v1.Secret(
        `${name}-backup-credentials`,
        {
          metadata: { name: `${db.clusterName}-backup-s3`, namespace, labels },
          type: 'Opaque',
          stringData: { ACCESS_KEY_ID: creds.accessKeyId, ACCESS_SECRET_KEY: creds.secretAccessKey },
        },
        { parent: this },
      );
      backupSpec = {
        retentionPolicy: db.backup.retentionPolicy,
        barmanObjectStore: {
          destinationPath: db.backup.destinationPath,
          endpointURL: db.backup.endpointURL,
          s3Credentials: {
            accessKeyId: { name: `${db.clusterName}-backup-s3`, key: 'ACCESS_KEY_ID' },
            secretAccessKey: { name: `${db.clusterName}-backup-s3`, key: 'ACCESS_SECRET_KEY' },
          },
          wal: { compression: 'gzip' },
          data: { compression: 'gzip' },
        },
      };
    } else {
      backupSpec = { volumeSnapshot: { online: true, ...(db.backup.volumeSnapshotClass ? { className: db.backup.volumeSnapshotClass } : {}) } };
    }

    this.cluster = new k8s.apiextensions.CustomResource(
      `${name}-cluster`,
      {
        apiVersion: 'postgresql.cnpg.io/v1',
        kind: 'Cluster',
        metadata: {
          name: db.clusterName,
          namespace,
          labels,
          // Pulumi waits until the operator reports the cluster Ready before the migration Job runs
          annotations: { 'pulumi.com/waitFor': 'condition=Ready' },
        },
        spec: {
          instances: db.instances,
          imageName: db.imageName,
          primaryUpdateStrategy: 'unsupervised',
          enableSuperuserAccess: false,
          bootstrap: { initdb: { database: 'app', owner: 'app' } },
          postgresql: { parameters: { max_connections: String(db.maxConnections) } },
          storage: { size: db.storageSize, ...(db.storageClass ? { storageClass: db.storageClass } : {}) },
          resources: db.resources,
          affinity: { enablePodAntiAffinity: true, topologyKey: 'kubernetes.io/hostname', podAntiAffinityType: 'required' },
          enablePDB: true,
          inheritedMetadata: { labels },
          backup: backupSpec,
        },
      },
      { parent: this, dependsOn: credentials ? [credentials] : [] },
    );

    this.backup = new k8s.apiextensions.CustomResource(
      `${name}-scheduled-backup`,
      {
        apiVersion: 'postgresql.cnpg.io/v1',
        kind: 'ScheduledBackup',
        metadata: { name: `${db.clusterName}-daily`, namespace, labels },
        spec: {
          schedule: db.backup.schedule,
          cluster: { name: db.clusterName },
          method: db.backup.method,
          backupOwnerReference: 'self',
          immediate: true,
        },
      },
      { parent: this, dependsOn: [this.cluster] },
    );
    this.registerOutputs({ clusterName: this.clusterName, appSecretName: this.appSecretName });
  }
}
