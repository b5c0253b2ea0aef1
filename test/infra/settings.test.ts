// Stack configuration: the example stacks hold no secret, secrets are refused in plain config, wrong settings
// stop the deployment with a message naming the key; the staging stack and a stack with a target cluster
// render valid objects too.
import fs from 'node:fs';
import path from 'node:path';
import * as pulumi from '@pulumi/pulumi';
import { describe, expect, it } from 'vitest';
import { INFRA, objectsOf, plainStrings, registered, settled, stackConfig, useConfig } from './pulumi-harness.js';
import { problems } from '../support/k8s-schemas.js';
import { ZhengyunPlatform } from '../../infra/platform.js';
import { readSettings, SECRET_KEYS, SettingsError } from '../../infra/settings.js';

const BASE_SECRETS = { 'zhengyun:metricsToken': 'metrics-token-for-staging-0001', 'zhengyun:bootstrapAdminPassword': 'Staging-Admin-Passw0rd!' };
const PROD_SECRETS = { ...BASE_SECRETS, 'zhengyun:backupAccessKeyId': 'key-id-0002', 'zhengyun:backupSecretAccessKey': 'secret-key-0003' };

const settingsWith = (config: Record<string, string>, secrets: Record<string, string>, opts?: { secretsAsPlain?: boolean }) => {
  useConfig(config, secrets, opts);
  return readSettings(new pulumi.Config('zhengyun'));
};

describe('the example stack files', () => {
  const stacks = fs.readdirSync(INFRA).filter((f) => /^Pulumi\.[a-z]+\.yaml$/.test(f));

  it('exist for staging and production', () => {
    expect(stacks.sort()).toEqual(['Pulumi.production.yaml', 'Pulumi.staging.yaml']);
  });

  it.each(stacks)('%s holds no secret, encrypted or plain', (file) => {
    const text = fs.readFileSync(path.join(INFRA, file), 'utf8');
    expect(text).not.toMatch(/secure:/);
    const config = stackConfig(file.split('.')[1]!);
    for (const key of SECRET_KEYS) expect(Object.keys(config), key).not.toContain(`zhengyun:${key}`);
    expect(Object.keys(config).every((k) => k.startsWith('zhengyun:'))).toBe(true);
  });
});

describe('settings', () => {
  it('refuse a secret set in plain text', () => {
    expect(() => settingsWith(stackConfig('production'), PROD_SECRETS, { secretsAsPlain: true })).toThrow(SettingsError);
    expect(() => settingsWith(stackConfig('production'), PROD_SECRETS, { secretsAsPlain: true })).toThrow(/zhengyun:metricsToken is set in plain text: .*pulumi config set --secret/);
  });

  it('need the secrets: metrics token, bootstrap password, and object-store credentials for barman backups', () => {
    const { 'zhengyun:metricsToken': _m, ...noToken } = PROD_SECRETS;
    expect(() => settingsWith(stackConfig('production'), noToken)).toThrow(/zhengyun:metricsToken/);
    const { 'zhengyun:backupSecretAccessKey': _b, ...noBackup } = PROD_SECRETS;
    expect(() => settingsWith(stackConfig('production'), noBackup)).toThrow(/zhengyun:backupSecretAccessKey/);
    // volumeSnapshot backups need none
    expect(settingsWith(stackConfig('staging'), BASE_SECRETS).secrets.backup).toBeNull();
  });

  it('name the key at fault', () => {
    const prod = stackConfig('production');
    const withApi = (api: object) => ({ ...prod, 'zhengyun:api': JSON.stringify(api) });
    expect(() => settingsWith(withApi({ replicas: 1 }), PROD_SECRETS)).toThrow(/zhengyun:api\.replicas must be an integer from 2/);
    expect(() => settingsWith({ ...prod, 'zhengyun:image': 'registry.zhengyun.internal/zhengyun/zhengyun:latest' }, PROD_SECRETS)).toThrow(/zhengyun:image must name a fixed tag/);
    expect(() => settingsWith({ ...prod, 'zhengyun:image': 'registry.zhengyun.internal/zhengyun/zhengyun' }, PROD_SECRETS)).toThrow(/zhengyun:image/);
    expect(() => settingsWith(withApi({ resources: { limits: { memory: 'lots' } } }), PROD_SECRETS)).toThrow(/zhengyun:api\.resources: memory=lots/);
    const net = JSON.parse(prod['zhengyun:network']!);
    expect(() => settingsWith({ ...prod, 'zhengyun:network': JSON.stringify({ ...net, apiServerCidrs: [] }) }, PROD_SECRETS)).toThrow(/apiServerCidrs/);
    expect(() => settingsWith({ ...prod, 'zhengyun:provisioning': JSON.stringify({ driver: 'pulumi' }) }, PROD_SECRETS)).toThrow(/zhengyun:targetKubeconfig \(secret\) is required/);
    const db = JSON.parse(prod['zhengyun:database']!);
    expect(() => settingsWith({ ...prod, 'zhengyun:database': JSON.stringify({ ...db, backup: { ...db.backup, schedule: '0 2 * * *' } }) }, PROD_SECRETS)).toThrow(/six-field cron/);
  });
});

describe('the staging stack and a stack with a target cluster', () => {
  it('render valid objects: staging with volume-snapshot backups, ScheduleAnyway spread, no object-store secret', async () => {
    new ZhengyunPlatform('staging', settingsWith(stackConfig('staging'), BASE_SECRETS));
    await settled();
    const objects = objectsOf('staging-');
    expect(objects.map((o) => ({ ref: `${o.kind}/${o.metadata.name}`, problems: problems(o) })).filter((r) => r.problems.length)).toEqual([]);
    expect(objects.every((o) => o.kind === 'Namespace' || o.metadata.namespace === 'zhengyun-staging')).toBe(true);
    const cluster = objects.find((o) => o.kind === 'Cluster') as any;
    expect(cluster.spec.backup).toEqual({ volumeSnapshot: { online: true, className: 'ceph-rbd-snap' } });
    expect((objects.find((o) => o.kind === 'ScheduledBackup') as any).spec.method).toBe('volumeSnapshot');
    expect(objects.some((o) => o.kind === 'Secret' && o.metadata.name.endsWith('backup-s3'))).toBe(false);
    const api = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'zhengyun-api') as any;
    expect(api.spec.replicas).toBe(2);
    expect(api.spec.template.spec.topologySpreadConstraints[0].whenUnsatisfiable).toBe('ScheduleAnyway');
  });

  it('with a target cluster: the kubeconfig is a mounted secret, and the API and workers may reach that API only', async () => {
    const kubeconfig = 'apiVersion: v1\nkind: Config\nusers: [{name: zy, user: {token: TARGET-CLUSTER-TOKEN-123}}]\n';
    const config = { ...stackConfig('staging'), 'zhengyun:provisioning': JSON.stringify({ driver: 'pulumi', targetApiCidrs: ['10.99.0.1/32'], targetApiPort: 443 }) };
    const secrets = { ...BASE_SECRETS, 'zhengyun:targetKubeconfig': kubeconfig, 'zhengyun:pulumiConfigPassphrase': 'pulumi-passphrase-777' };
    const before = registered.length;
    new ZhengyunPlatform('target', settingsWith(config, secrets));
    await settled();
    const objects = objectsOf('target-');
    expect(objects.map((o) => ({ ref: `${o.kind}/${o.metadata.name}`, problems: problems(o) })).filter((r) => r.problems.length)).toEqual([]);
    const np = objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'allow-target-cluster-api') as any;
    expect(np.spec.egress).toEqual([{ to: [{ ipBlock: { cidr: '10.99.0.1/32' } }], ports: [{ protocol: 'TCP', port: 443 }] }]);
    const worker = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'zhengyun-worker') as any;
    const c = worker.spec.template.spec.containers[0];
    expect(c.env).toEqual(expect.arrayContaining([{ name: 'KUBECONFIG', value: '/etc/zhengyun/target-cluster/kubeconfig' }, { name: 'PROVISIONING_DRIVER', value: 'pulumi' }]));
    expect(c.volumeMounts).toEqual(expect.arrayContaining([{ name: 'target-kubeconfig', mountPath: '/etc/zhengyun/target-cluster', readOnly: true }]));
    const job = objects.find((o) => o.kind === 'Job') as any;
    expect(job.spec.template.spec.volumes.map((v: any) => v.name)).toEqual(['tmp']); // the migration needs no cluster access
    const leaks = registered.slice(before).flatMap((r) => plainStrings(r.inputs).filter((s) => Object.values(secrets).some((v) => s.value.includes(v))));
    expect(leaks).toEqual([]);
  });
});

describe('the schema check itself', () => {
  it('catches broken objects', async () => {
    const objects = objectsOf('staging-');
    const api = structuredClone(objects.find((o) => o.kind === 'Deployment')!) as any;
    api.spec.replicas = 'two';
    expect(problems(api).join('\n')).toMatch(/replicas/);
    const cluster = structuredClone(objects.find((o) => o.kind === 'Cluster')!) as any;
    cluster.spec.instances = '3';
    expect(problems(cluster).join('\n')).toMatch(/\/spec\/instances must be integer/);
    const np = structuredClone(objects.find((o) => o.kind === 'NetworkPolicy')!) as any;
    np.spec.policyTypes = 'Ingress';
    expect(problems(np).join('\n')).toMatch(/policyTypes must be array/);
    expect(problems({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } })).toEqual(['no schema known for example.com/v1/Widget']);
  });
});
