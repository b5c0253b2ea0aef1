// The platform provisioning for real: PROVISIONING_DRIVER=pulumi against the test control plane (the Pulumi engine
// and Kubernetes provider built by `npm run engines`), driven through the API as the sub-center and a department
// would. No kubelet or KubeVirt/CloudNativePG controller runs here: where those would act (a VM's printableStatus,
// a database cluster's phase, its app Secret, a Backup's completion) this test writes what they would write, and
// says so. Everything else is the real API server answering.
import { CoreV1Api, CustomObjectsApi, KubeConfig, NetworkingV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { launchBrowser, newContext } from '../e2e/support/browser.js';
import { ensureWebBuilt } from '../e2e/support/ui-build.js';
import { signIn } from '../e2e/support/ui.js';
import { DEMO_PASSWORD, startTestPlatform, type TestPlatform } from '../support/platform.js';
import { REQUEST, buildEstablished } from '../support/projects.js';
import { until } from '../support/wait.js';

const kc = new KubeConfig();
kc.loadFromFile(inject('kubeconfig'));
const core = kc.makeApiClient(CoreV1Api);
const custom = kc.makeApiClient(CustomObjectsApi);
const net = kc.makeApiClient(NetworkingV1Api);
const VM = { group: 'kubevirt.io', version: 'v1', plural: 'virtualmachines' };
const CNPG = { group: 'postgresql.cnpg.io', version: 'v1', plural: 'clusters' };
const BACKUPS = { group: 'postgresql.cnpg.io', version: 'v1', plural: 'backups' };

let t: TestPlatform;
let projectId: string;
let requestId: string;
let requestCode: string;
let namespace: string;

beforeAll(async () => {
  t = await startTestPlatform({
    PROVISIONING_DRIVER: 'pulumi',
    KUBECONFIG: inject('kubeconfig'),
    PULUMI_CONFIG_PASSPHRASE: 'cluster-test-passphrase',
    DRIFT_CHECK_CRON: 'off',
    FINAL_BACKUP_TIMEOUT_SECONDS: '120',
  });
  projectId = (await buildEstablished(t)).id;
  const req = await t.http.post(`/api/projects/${projectId}/resource-requests`).set(await t.as('dept')).send(REQUEST);
  expect(req.status, req.text).toBe(201);
  ({ id: requestId, code: requestCode } = req.body);
  expect((await t.http.post(`/api/resource-requests/${requestId}/approve`).set(await t.as('bdc')).set('If-Match', '"v1"').send({})).status).toBe(200);
});
afterAll(() => t?.stop());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function job(id: string) {
  return (await t.http.get(`/api/jobs/${id}`).set(await t.as('bdc'))).body as { state: string; error: string | null; events: { seq: string; code: string; params: Record<string, unknown>; text: string; detail: string | null }[] };
}

async function finished(id: string) {
  const j = await until(
    `job ${id}`,
    async () => {
      const v = await job(id);
      return ['SUCCEEDED', 'FAILED'].includes(v.state) ? v : undefined;
    },
    150_000,
    300,
  );
  expect(j.state, `${j.error}\n${j.events.map((e) => `${e.text} ${e.detail ?? ''}`).join('\n')}`).toBe('SUCCEEDED');
  return j;
}

async function resources(user = 'bdc') {
  const res = await t.http.get(`/api/projects/${projectId}/resources`).set(await t.as(user));
  expect(res.status).toBe(200);
  return res.body as { state: string; namespace: string; drift: { kind: string; name: string; code: string; reason: string }[] | null; resources: { id: string; kind: string; name: string; state: string; detail: string | null }[] };
}

const names = (list: { items: { metadata?: { name?: string } }[] }) => list.items.map((i) => i.metadata!.name!).sort();

/** what a controller writes into an object's status subresource (the stand-in for KubeVirt / CloudNativePG) */
const writeStatus = (kind: typeof VM, name: string, status: Record<string, unknown>) =>
  custom.patchNamespacedCustomObjectStatus({ ...kind, namespace, name, body: [{ op: 'add', path: '/status', value: status }] });

describe('provisioning on a real API server through Pulumi', () => {
  it('provisions the tenant: its objects exist in the cluster; once the controllers report, the VMs run, the database is ready and the tenant is READY', async () => {
    const res = await t.http.post(`/api/resource-requests/${requestId}/provision`).set(await t.as('bdc'));
    expect(res.status).toBe(202);
    await finished(res.body.jobId);
    namespace = (await resources()).namespace;

    const ns = await core.readNamespace({ name: namespace });
    expect(ns.metadata?.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
    const vms = names((await custom.listNamespacedCustomObject({ ...VM, namespace })) as never);
    expect(vms).toHaveLength(2);
    const dbs = names((await custom.listNamespacedCustomObject({ ...CNPG, namespace })) as never);
    expect(dbs).toHaveLength(1);
    expect((await core.listNamespacedResourceQuota({ namespace })).items).toHaveLength(1);

    // nothing has reported yet: the tenant is still coming up
    let view = await resources('dept');
    expect(view.state).toBe('PROVISIONING');
    expect(view.resources.filter((r) => r.kind === 'VirtualMachine').map((r) => r.state)).toEqual(['PROVISIONING', 'PROVISIONING']);

    // stand-in for KubeVirt and CloudNativePG: the VMs start, the database cluster becomes healthy
    for (const vm of vms) await writeStatus(VM, vm, { printableStatus: 'Running', ready: true });
    await writeStatus(CNPG, dbs[0]!, { phase: 'Cluster in healthy state', instances: 2, readyInstances: 2 });

    view = await resources('dept');
    expect(view.resources.filter((r) => r.kind === 'VirtualMachine').map((r) => [r.state, r.detail])).toEqual([
      ['READY', 'Running'],
      ['READY', 'Running'],
    ]);
    expect(view.resources.find((r) => r.kind === 'Cluster')).toMatchObject({ state: 'READY', detail: 'Cluster in healthy state' });
    expect(view.state).toBe('READY');
    expect((await t.http.get(`/api/resource-requests/${requestId}`).set(await t.as('dept'))).body.status).toBe('PROVISIONED');
  });

  it('shows the same in the console: the operator sees the tenant and its VMs 就绪', async () => {
    await ensureWebBuilt();
    const server = t.platform.app.listen(0, '127.0.0.1');
    const browser = await launchBrowser();
    try {
      if (!server.listening) await new Promise((r) => server.once('listening', r));
      const { port } = server.address() as AddressInfo;
      const page = await (await newContext(browser, `http://127.0.0.1:${port}`)).newPage();
      await signIn(page, 'bdc', DEMO_PASSWORD);
      await page.goto(`/operator/requests/${requestId}`);
      await page.getByTestId('tenant-state').getByText('就绪').waitFor();
      const table = await page.getByTestId('project-resources').innerText();
      expect(table.match(/VirtualMachine[\s\S]*?就绪/g)).toHaveLength(2);
      expect(table).toContain('pulumi');
    } finally {
      await browser.close();
      server.close();
    }
  });

  it('reveals the database credentials from the real Secret, once, audited', async () => {
    const view = await resources('dept');
    const db = view.resources.find((r) => r.kind === 'Cluster')!;
    // stand-in for CloudNativePG, which writes <cluster>-app with the application user's credentials
    await core.createNamespacedSecret({
      namespace,
      body: { metadata: { name: `${db.name}-app` }, type: 'kubernetes.io/basic-auth', stringData: { username: 'app', password: 's3cret-from-cnpg', dbname: 'app', port: '5432' } },
    });
    expect((await t.http.post(`/api/resources/${db.id}/credentials`).set(await t.as('bdc'))).status).toBe(403);
    const first = await t.http.post(`/api/resources/${db.id}/credentials`).set(await t.as('dept'));
    expect(first.status).toBe(200);
    expect(first.headers['cache-control']).toBe('no-store');
    expect(first.body).toEqual({ username: 'app', password: 's3cret-from-cnpg', dbname: 'app', port: 5432, host: `${db.name}-rw.${namespace}.svc` });
    const again = await t.http.post(`/api/resources/${db.id}/credentials`).set(await t.as('dept'));
    expect([again.status, again.body.code]).toEqual([409, 'ALREADY_REVEALED']);
    const audit = await t.http.get('/api/audit/events').query({ action: 'resource.credentials.reveal', targetId: db.id }).set(await t.as('auditor'));
    expect(audit.body.items).toHaveLength(1);
    expect(JSON.stringify(audit.body.items[0])).not.toContain('s3cret-from-cnpg');
  });

  it('finds drift made behind its back (quota edited, an isolation policy deleted) and repairs it through Pulumi', async () => {
    const quota = (await core.listNamespacedResourceQuota({ namespace })).items[0]!;
    const hard = { ...quota.spec!.hard };
    // someone raises a limit by hand (a field the platform set: one it does not own, Pulumi's server-side apply leaves alone)
    const [key] = Object.keys(hard);
    await core.patchNamespacedResourceQuota({ name: quota.metadata!.name!, namespace, body: [{ op: 'replace', path: `/spec/hard/${key!.replaceAll('/', '~1')}`, value: '999' }] });
    const policies = (await net.listNamespacedNetworkPolicy({ namespace })).items.map((p) => p.metadata!.name!);
    const deleted = policies[0]!;
    await net.deleteNamespacedNetworkPolicy({ name: deleted, namespace });

    const check = await t.http.post(`/api/projects/${projectId}/drift-check`).set(await t.as('bdc'));
    expect(check.status).toBe(202);
    await finished(check.body.jobId);
    let view = await resources();
    expect(view.state).toBe('DRIFTED');
    expect(view.drift).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'ResourceQuota', name: quota.metadata!.name, code: 'drift.changed', reason: expect.stringContaining('被平台之外修改') }),
        expect.objectContaining({ kind: 'NetworkPolicy', name: deleted, code: 'drift.missing', reason: expect.stringContaining('缺失') }),
      ]),
    );

    const repair = await t.http.post(`/api/projects/${projectId}/repair`).set(await t.as('bdc'));
    expect(repair.status).toBe(202);
    await finished(repair.body.jobId);
    expect((await core.readNamespacedResourceQuota({ name: quota.metadata!.name!, namespace })).spec!.hard).toEqual(hard);
    expect((await net.listNamespacedNetworkPolicy({ namespace })).items.map((p) => p.metadata!.name!).sort()).toEqual([...policies].sort());

    const again = await t.http.post(`/api/projects/${projectId}/drift-check`).set(await t.as('bdc'));
    await finished(again.body.jobId);
    view = await resources();
    expect(view.drift).toEqual([]);
    expect(view.state).toBe('READY');
  });

  it('deprovisions: the database gets its final backup first, then its objects are removed', async () => {
    const db = (await resources()).resources.find((r) => r.kind === 'Cluster')!;
    const res = await t.http.post(`/api/resource-requests/${requestId}/deprovision`).set(await t.as('bdc')).send({ confirm: requestCode });
    expect(res.status).toBe(202);
    // the job asks CloudNativePG for a Backup and waits; nothing is removed meanwhile
    const backup = await until('the final backup to be asked for', async () => {
      const list = (await custom.listNamespacedCustomObject({ ...BACKUPS, namespace })) as { items: { metadata: { name: string }; spec: { cluster: { name: string } } }[] };
      return list.items.find((b) => b.spec.cluster.name === db.name);
    });
    await sleep(1000);
    expect(names((await custom.listNamespacedCustomObject({ ...CNPG, namespace })) as never)).toEqual([db.name]);
    // stand-in for CloudNativePG: the backup completes
    await writeStatus(BACKUPS as typeof VM, backup.metadata.name, { phase: 'completed' });
    const done = await finished(res.body.jobId);
    const messages = done.events.map((e) => `${e.code} ${JSON.stringify(e.params)} ${e.detail ?? ''}`);
    const backedUp = messages.findIndex((m) => m.startsWith('job.log.finalBackupCompleted'));
    expect(backedUp).toBeGreaterThan(-1);
    expect(messages.slice(0, backedUp).some((m) => /delete/i.test(m) && !m.includes('Backup'))).toBe(false);

    expect(names((await custom.listNamespacedCustomObject({ ...CNPG, namespace })) as never)).toEqual([]);
    expect(names((await custom.listNamespacedCustomObject({ ...VM, namespace })) as never)).toEqual([]);
    expect(names((await custom.listNamespacedCustomObject({ ...BACKUPS, namespace })) as never)).toEqual([backup.metadata.name]); // kept
    const view = await resources('dept');
    expect(view.resources.filter((r) => r.kind !== 'Namespace').every((r) => r.state === 'DEPROVISIONED')).toBe(true);
  });
});
