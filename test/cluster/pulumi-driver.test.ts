// The Pulumi driver through the Automation API, against the real API server of the test control plane and the
// real Pulumi engine and Kubernetes provider built by `npm run engines`: preview and up of a tenant, a no-op up,
// an entitlement that grows, a database removed, destroy; and the bad paths: a run killed mid-operation, the API
// server gone mid-operation, an object the API server refuses. Everything is read back from the API server as an
// operator would (raw JSON, so no client-side model hides a field). No KubeVirt controller runs here: where a test
// needs a VM to be running, it writes the VM's status itself, as KubeVirt would, and says so.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DriverFailedError, StackBusyError, type ObjectChange } from '../../provisioners/drivers/driver.js';
import { PULUMI_PROJECT_NAME } from '../../provisioners/drivers/pulumi-driver.js';
import { checkpointHasPendingOperations, stackLocks } from '../../provisioners/drivers/stale-lock.js';
import type { LogLine } from '../../provisioners/job-log.js';
import type { K8sObject } from '../../provisioners/tenant-input.js';
import {
  VM,
  alive,
  apiServerRelay,
  clients,
  descendants,
  namespaceOf,
  oneOf,
  pulumiDriver,
  rawApi,
  recorder,
  restPath,
  tenantInput,
  tenantObjects,
  until,
  type Seen,
  type TestDriver,
} from './support.js';

const { kc, core, custom } = clients();
const drivers: TestDriver[] = [];
const namespaces: string[] = [];
/** processes this file started that may outlive their parent (a killed runner's provider plugin) */
const strays: number[] = [];

afterAll(async () => {
  for (const pid of strays) if (alive(pid)) process.kill(pid, 'SIGKILL');
  await Promise.all(namespaces.map((name) => core.deleteNamespace({ name }).catch(() => undefined)));
  for (const d of drivers) d.remove();
});

function newDriver(...args: Parameters<typeof pulumiDriver>): TestDriver {
  const d = pulumiDriver(...args);
  drivers.push(d);
  return d;
}

const key = (o: { kind: string; name: string }) => `${o.kind}/${o.name}`;
const keysOfObjects = (objects: K8sObject[]) => objects.map((o) => key({ kind: o.kind, name: o.metadata.name })).sort();
const keysOfChanges = (changes: ObjectChange[]) => changes.map(key).sort();
/** Pulumi counts the stack and the tenant component besides the Kubernetes objects. */
const WRAPPERS = 2;

async function get(obj: K8sObject) {
  return rawApi(kc, 'GET', restPath(obj));
}
async function live(obj: K8sObject): Promise<Record<string, any>> {
  const r = await get(obj);
  expect(r.status, `${obj.kind}/${obj.metadata.name}: ${JSON.stringify(r.body).slice(0, 300)}`).toBe(200);
  return r.body;
}
async function absent(obj: K8sObject): Promise<boolean> {
  return (await get(obj)).status === 404;
}

/** When Pulumi's field managers last wrote the object (server-side apply records each manager's last write). */
function pulumiWrites(metadata: { managedFields?: { manager?: string; time?: string }[] }): string[] {
  return (metadata.managedFields ?? []).filter((m) => m.manager?.startsWith('pulumi-kubernetes')).map((m) => `${m.manager}@${m.time}`);
}

/** Index of the first driver event about `op` of kind/name in `phase` (the runner relays begin/end of each step). */
function at(seen: Seen[], phase: 'start' | 'done', op: string, kind: string, name?: string): number {
  return seen.findIndex((e) => e.data?.phase === phase && e.data?.op === op && e.data?.kind === kind && (name === undefined || e.data?.name === name));
}

/**
 * The desired object's content as the API server holds it: every desired field with its value (stringData turns
 * into base64 data); the server may add defaults of its own (a CRD's schema defaults, e.g. CloudNativePG's
 * smartShutdownTimeout), which desired state does not state.
 */
function expectLiveMatches(desired: K8sObject, got: Record<string, any>) {
  const what = `${desired.kind}/${desired.metadata.name}`;
  expect(got.metadata.labels, what).toMatchObject(desired.metadata.labels ?? {});
  expect(got.metadata.annotations ?? {}, what).toMatchObject(desired.metadata.annotations ?? {});
  for (const [field, value] of Object.entries(desired)) {
    if (field === 'apiVersion' || field === 'kind' || field === 'metadata') continue;
    if (field === 'stringData') {
      const decoded = Object.fromEntries(Object.entries(got.data ?? {}).map(([k, v]) => [k, Buffer.from(String(v), 'base64').toString('utf8')]));
      expect(decoded, `${what} data`).toEqual(value);
    } else if (desired.kind === 'Namespace' && field === 'spec') {
      continue;
    } else if (value !== null && typeof value === 'object') {
      expect(got[field], `${what} ${field}`).toMatchObject(value as object);
    } else {
      expect(got[field], `${what} ${field}`).toEqual(value);
    }
  }
}

describe('a tenant through the Automation API: preview, up, no-op, a larger entitlement, a database removed', () => {
  const d = newDriver();
  const objects = tenantObjects(tenantInput('DRV', 'D-001'));
  const bigger = tenantObjects(tenantInput('DRV', 'D-001', { scale: 2 }));
  const withoutDatabase = tenantObjects(tenantInput('DRV', 'D-001', { scale: 2, database: false }));
  const stack = namespaceOf(objects);
  namespaces.push(stack);

  it('preview reports every object as a create and creates nothing; up creates them, and the API server holds them as desired', async () => {
    expect(keysOfObjects(objects)).toEqual(
      expect.arrayContaining(['Namespace/zy-drv-d-001', 'ResourceQuota/tenant-quota', 'LimitRange/tenant-defaults', 'Role/zhengyun-tenant', 'RoleBinding/tenant-drv-ops']),
    );
    for (const kind of ['NetworkPolicy', 'VirtualMachine', 'Cluster', 'ScheduledBackup', 'Secret']) expect(objects.some((o) => o.kind === kind), kind).toBe(true);

    const preview = await d.driver.preview(stack, objects);
    expect(preview.changes.map((c) => c.op)).toEqual(objects.map(() => 'create'));
    expect(keysOfChanges(preview.changes)).toEqual(keysOfObjects(objects));
    expect(preview.summary).toEqual({ create: objects.length + WRAPPERS });
    expect(await absent(oneOf(objects, 'Namespace'))).toBe(true);

    const up = await d.driver.up(stack, objects);
    expect(up.changes.map((c) => c.op)).toEqual(objects.map(() => 'create'));
    expect(keysOfChanges(up.changes)).toEqual(keysOfObjects(objects));
    expect(up.summary).toEqual({ create: objects.length + WRAPPERS });

    // every object, read back from the API server
    for (const desired of objects) expectLiveMatches(desired, await live(desired));
    // the operator's checks, spelled out
    const ns = await live(oneOf(objects, 'Namespace'));
    expect(ns.metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/enforce-version': 'latest',
      'zhengyun.gov.cn/tenant': stack,
      'kubernetes.io/metadata.name': stack,
    });
    expect(ns.status.phase).toBe('Active');
    const quota = await live(oneOf(objects, 'ResourceQuota'));
    expect(quota.spec.hard).toMatchObject({ 'count/virtualmachines.kubevirt.io': '1', 'count/clusters.postgresql.cnpg.io': '1', 'services.loadbalancers': '0' });
    expect(quota.status.hard).toEqual(quota.spec.hard); // counted by kube-controller-manager's quota controller
    const policies = await rawApi(kc, 'GET', `/apis/networking.k8s.io/v1/namespaces/${stack}/networkpolicies`);
    expect(policies.body.items.map((p: any) => p.metadata.name).sort()).toEqual(objects.filter((o) => o.kind === 'NetworkPolicy').map((o) => o.metadata.name).sort());
    const binding = await live(oneOf(objects, 'RoleBinding'));
    expect(binding.subjects).toEqual([{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'drv-ops' }]);
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'zhengyun-tenant' });
    const vm = await live(oneOf(objects, 'VirtualMachine'));
    expect(vm.spec.template.spec.domain.resources).toEqual({ requests: { cpu: '2', memory: '4Gi' }, limits: { cpu: '2', memory: '4Gi' } });
    const cluster = await live(oneOf(objects, 'Cluster'));
    expect([cluster.spec.instances, cluster.spec.storage.size]).toEqual([1, (oneOf(objects, 'Cluster').spec as any).storage.size]);
    const backup = await live(oneOf(objects, 'ScheduledBackup'));
    expect(backup.spec.cluster.name).toBe(cluster.metadata.name);
  });

  it('a second up with the same objects changes nothing: no create, update or delete, not one write to the API server', async () => {
    const before = await Promise.all(objects.map(async (o) => (await live(o)).metadata.resourceVersion as string));
    const up = await d.driver.up(stack, objects);
    expect(up.changes).toEqual([]);
    expect(up.summary).toEqual({ same: objects.length + WRAPPERS });
    const after = await Promise.all(objects.map(async (o) => (await live(o)).metadata.resourceVersion as string));
    expect(after).toEqual(before);
  });

  it('a larger entitlement updates the ResourceQuota in place: same object (uid), new spec.hard, an update and not a replace', async () => {
    // only the quota derives from the entitlement; what runs is unchanged
    const changed = bigger.filter((o, i) => JSON.stringify(o) !== JSON.stringify(objects[i]));
    expect(keysOfObjects(changed)).toEqual(['ResourceQuota/tenant-quota']);
    const quota = oneOf(bigger, 'ResourceQuota');
    const before = await live(quota);

    const preview = await d.driver.preview(stack, bigger);
    expect(preview.changes).toEqual([expect.objectContaining({ op: 'update', kind: 'ResourceQuota', name: 'tenant-quota', namespace: stack })]);
    const up = await d.driver.up(stack, bigger);
    expect(up.changes).toEqual([expect.objectContaining({ op: 'update', kind: 'ResourceQuota', name: 'tenant-quota', namespace: stack })]);
    expect(up.changes[0]!.fields).toEqual(expect.arrayContaining(['spec.hard["requests.cpu"]', 'spec.hard["count/virtualmachines.kubevirt.io"]']));
    expect(up.summary).toEqual({ update: 1, same: objects.length + WRAPPERS - 1 });

    const after = await live(quota);
    expect(after.metadata.uid).toBe(before.metadata.uid);
    expect(after.metadata.creationTimestamp).toBe(before.metadata.creationTimestamp);
    expect(after.spec.hard).toEqual((quota.spec as any).hard);
    expect(after.spec.hard).not.toEqual(before.spec.hard);
    expect(after.spec.hard['count/virtualmachines.kubevirt.io']).toBe('2');
    // and the quota controller enforces the new ceiling
    await until('the quota controller to take the new ceiling', async () => {
      const q = await live(quota);
      return JSON.stringify(q.status.hard) === JSON.stringify(q.spec.hard) ? true : undefined;
    });
  });

  it('removing the database deletes its ScheduledBackup before its Cluster, and its operator policy; nothing else is touched', async () => {
    const gone = bigger.filter((o) => !withoutDatabase.some((w) => w.kind === o.kind && w.metadata.name === o.metadata.name));
    expect(keysOfObjects(gone)).toEqual(['Cluster/' + oneOf(bigger, 'Cluster').metadata.name, 'NetworkPolicy/allow-cnpg-operator', 'ScheduledBackup/' + oneOf(bigger, 'ScheduledBackup').metadata.name]);
    const kept = await Promise.all(withoutDatabase.map(async (o) => [o, (await live(o)).metadata] as const));

    const { seen, onEvent } = recorder();
    const up = await d.driver.up(stack, withoutDatabase, onEvent);
    expect(up.changes.map((c) => c.op)).toEqual(gone.map(() => 'delete'));
    expect(keysOfChanges(up.changes)).toEqual(keysOfObjects(gone));
    expect(up.summary).toEqual({ delete: 3, same: withoutDatabase.length + WRAPPERS });

    // the ScheduledBackup depends on the Cluster, so Pulumi removes it first and only then the Cluster
    const backupDone = at(seen, 'done', 'delete', 'ScheduledBackup');
    const clusterStart = at(seen, 'start', 'delete', 'Cluster');
    expect(backupDone).toBeGreaterThan(-1);
    expect(clusterStart).toBeGreaterThan(backupDone);
    for (const o of gone) expect(await absent(o), `${o.kind}/${o.metadata.name}`).toBe(true);
    // the same objects, not written by Pulumi since (the quota controller does rewrite the quota's status: one
    // database cluster fewer is in use)
    for (const [o, meta] of kept) {
      const now = (await live(o)).metadata;
      expect([now.uid, pulumiWrites(now)], `${o.kind}/${o.metadata.name}`).toEqual([meta.uid, pulumiWrites(meta)]);
    }
  });
});

describe('a run killed mid-operation leaves its stack locked; the next operation recovers it as Pulumi documents', () => {
  const d = newDriver();
  const objects = tenantObjects(tenantInput('DRV', 'D-002'));
  const stack = namespaceOf(objects);
  namespaces.push(stack);
  const vm = oneOf(objects, 'VirtualMachine');
  /** the same objects, except that Pulumi waits for the VM to run: the up is held at the VM until the test kills it */
  const waitingForVm = objects.map((o) =>
    o === vm ? { ...o, metadata: { ...o.metadata, annotations: { ...o.metadata.annotations, 'pulumi.com/waitFor': 'jsonpath={.status.printableStatus}=Running' } } } : o,
  );

  it('SIGKILL of the runner mid-up: the lock stays with a dead holder and the VM as a pending create; the next up removes the lock, clears the pending operation and completes', async () => {
    let killed: { runner: number; tree: number[] } | undefined;
    // work folders of this stack left by runs before this one (a test run killed on this machine) are not ours
    const workFolders = () =>
      fs.readdirSync(os.tmpdir()).filter((e) => e.startsWith('zhengyun-pulumi-') && fs.existsSync(path.join(os.tmpdir(), e, `Pulumi.${stack}.yaml`)));
    const before = new Set(workFolders());
    const killWhenHeld = (_level: Seen['level'], { data }: LogLine) => {
      if (killed || !(data?.phase === 'start' && data.op === 'create' && data.kind === 'VirtualMachine')) return;
      const runner = descendants(process.pid).find((pid) => {
        try {
          return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('pulumi-runner');
        } catch {
          return false;
        }
      });
      if (!runner) throw new Error('no pulumi-runner child found');
      killed = { runner, tree: [] };
      // give the engine a moment to journal the pending create, then kill the runner as the OOM killer would
      setTimeout(() => {
        killed!.tree = descendants(runner);
        strays.push(...killed!.tree);
        process.kill(runner, 'SIGKILL');
      }, 1000);
    };
    const err = await d.driver.up(stack, waitingForVm, killWhenHeld).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DriverFailedError);
    expect((err as Error).message).toMatch(/runner for up of stack zy-drv-d-002 was killed by SIGKILL without an answer/);
    // the killed runner could not remove its work folder; the driver, which made it, did
    expect(workFolders().filter((e) => !before.has(e))).toEqual([]);
    expect(killed?.tree.length).toBeGreaterThan(0); // the pulumi CLI (and its provider plugin) ran under the runner

    // what the killed run left: its lock, whose holder (the pulumi CLI, which dies with the runner) is gone …
    const locks = stackLocks(d.backendDir, PULUMI_PROJECT_NAME, stack);
    expect(locks).toHaveLength(1);
    expect(locks[0]!.file).toContain(path.join('.pulumi', 'locks'));
    expect(locks[0]!.hostname).toBe(os.hostname());
    expect(killed!.tree).toContain(locks[0]!.pid);
    await until(`the lock holder (pid ${locks[0]!.pid}) to be gone`, () => (alive(locks[0]!.pid) ? undefined : true), 30_000);
    // … and the VM as a pending create in the checkpoint; the API server did receive it
    expect(checkpointHasPendingOperations(d.backendDir, PULUMI_PROJECT_NAME, stack)).toBe(true);
    expect((await live(vm)).metadata.name).toBe(vm.metadata.name);

    // stand-in for KubeVirt, which would have started the VM meanwhile
    await custom.patchNamespacedCustomObjectStatus({
      ...VM,
      namespace: stack,
      name: vm.metadata.name,
      body: [{ op: 'add', path: '/status', value: { printableStatus: 'Running', ready: true } }],
    });

    const { seen, onEvent } = recorder();
    const up = await d.driver.up(stack, objects, onEvent);
    const recovery = seen.filter((e) => e.data?.recovery);
    expect(recovery.map((e) => [e.level, e.data!.recovery])).toEqual([
      ['warn', 'lock'],
      ['warn', 'pending-operations'],
    ]);
    expect(recovery[0]!.message).toContain(`pid ${locks[0]!.pid}`);
    expect(recovery[1]!.message).toContain(`creating ${stack}/virtualmachine/${vm.metadata.name}`);
    expect(up.changes.every((c) => c.op === 'create')).toBe(true);
    expect(up.changes.map(key)).toContain(`VirtualMachine/${vm.metadata.name}`); // adopted: Pulumi never recorded it

    expect(stackLocks(d.backendDir, PULUMI_PROJECT_NAME, stack)).toEqual([]);
    expect(checkpointHasPendingOperations(d.backendDir, PULUMI_PROJECT_NAME, stack)).toBe(false);
    for (const o of objects) expect((await live(o)).metadata.name).toBe(o.metadata.name);
    // and the stack is whole again: nothing left to do
    expect((await d.driver.preview(stack, objects)).changes).toEqual([]);
  });

  it('never breaks a live lock: an operation running in this process, a live process on this host, a lock from another host', async () => {
    // in this process: the driver refuses a second operation while one runs
    const first = d.driver.up(stack, objects);
    await expect(d.driver.preview(stack, objects)).rejects.toBeInstanceOf(StackBusyError);
    await expect(first).resolves.toMatchObject({ changes: [] });

    // another process on this host holds the lock (a stand-in: a live process and a lock file naming it, where the
    // file backend keeps a project-scoped stack's locks: .pulumi/locks/<org, "organization" by default>/<project>/<stack>)
    const lockDir = path.join(d.backendDir, '.pulumi', 'locks', 'organization', PULUMI_PROJECT_NAME, stack);
    fs.mkdirSync(lockDir, { recursive: true });
    const holder = spawn('sleep', ['300'], { stdio: 'ignore' });
    strays.push(holder.pid!);
    const lockFile = path.join(lockDir, `${randomUUID()}.json`);
    fs.writeFileSync(lockFile, JSON.stringify({ pid: holder.pid, username: os.userInfo().username, hostname: os.hostname(), timestamp: new Date().toISOString() }));
    const busy = await d.driver.up(stack, objects).catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(StackBusyError);
    expect((busy as Error).message).toMatch(new RegExp(`locked by 1 lock.*Held by \\S+@${os.hostname()} \\(pid ${holder.pid}\\)`));
    expect(fs.existsSync(lockFile)).toBe(true);

    // once that process has died, its lock is stale and the next operation takes it over
    const exited = new Promise((r) => holder.once('exit', r));
    holder.kill('SIGKILL');
    await exited;
    const { seen, onEvent } = recorder();
    await expect(d.driver.up(stack, objects, onEvent)).resolves.toMatchObject({ changes: [] });
    expect(seen.filter((e) => e.data?.recovery).map((e) => e.data!.recovery)).toEqual(['lock']);
    expect(fs.existsSync(lockFile)).toBe(false);

    // a lock written on another machine is never judged from here, even with a pid that does not run here
    const foreign = path.join(lockDir, `${randomUUID()}.json`);
    fs.writeFileSync(foreign, JSON.stringify({ pid: 999_999, username: 'zhengyun', hostname: 'worker-2.zhengyun.internal', timestamp: new Date().toISOString() }));
    await expect(d.driver.up(stack, objects)).rejects.toBeInstanceOf(StackBusyError);
    expect(fs.existsSync(foreign)).toBe(true);
    // (a preview takes no lock in Pulumi: it runs beside an update)
    await expect(d.driver.preview(stack, objects)).resolves.toMatchObject({ changes: [] });
    fs.rmSync(foreign);
    await expect(d.driver.up(stack, objects)).resolves.toMatchObject({ changes: [] });
  });
});

describe('the API server unreachable mid-operation', () => {
  it('the up fails with a retryable DriverFailedError, promptly; the stack is not left locked and the next up completes', async () => {
    const relay = await apiServerRelay();
    const d = newDriver({ kubeconfig: relay.kubeconfig });
    const objects = tenantObjects(tenantInput('DRV', 'D-003'));
    const stack = namespaceOf(objects);
    namespaces.push(stack);
    try {
      // the network goes once the namespace and its quota exist
      let cutAt = 0;
      const started = Date.now();
      const { seen, onEvent } = recorder();
      const err = await d.driver
        .up(stack, objects, (level, line) => {
          onEvent(level, line);
          const { data } = line;
          if (!cutAt && data?.phase === 'done' && data.kind === 'ResourceQuota') {
            cutAt = Date.now();
            void relay.cut();
          }
        })
        .catch((e: unknown) => e);
      const failedAfterCut = Date.now() - cutAt;
      expect(cutAt).toBeGreaterThan(0);
      expect(err).toBeInstanceOf(DriverFailedError);
      expect((err as DriverFailedError).status).toBe(502);
      expect((err as Error).message).toMatch(/^pulumi up of stack zy-drv-d-003 failed: .*connection refused/);
      expect(failedAfterCut).toBeLessThan(60_000); // it fails, it does not hang
      console.log(`[timing] the up failed ${failedAfterCut} ms after the API server went away (${cutAt - started} ms into the up)`);
      expect(seen.some((e) => e.level === 'error' && /create failed: \w+\/\S+: .*connection refused/.test(e.message))).toBe(true);

      expect(stackLocks(d.backendDir, PULUMI_PROJECT_NAME, stack)).toEqual([]);
      expect(checkpointHasPendingOperations(d.backendDir, PULUMI_PROJECT_NAME, stack)).toBe(false);
      // what was created before the cut is recorded; the rest is not
      expect((await live(oneOf(objects, 'Namespace'))).metadata.name).toBe(stack);
      expect(await absent(oneOf(objects, 'VirtualMachine'))).toBe(true);

      await relay.restore();
      const up = await d.driver.up(stack, objects);
      expect(up.changes.every((c) => c.op === 'create')).toBe(true);
      expect(up.changes.map(key)).not.toContain(`Namespace/${stack}`);
      for (const o of objects) expect((await live(o)).metadata.name).toBe(o.metadata.name);
    } finally {
      relay.remove();
    }
  });
});

describe('an object the API server refuses', () => {
  it("the failure names the object and carries the API server's own message; the object is not recorded as provisioned", async () => {
    const d = newDriver();
    const objects = tenantObjects(tenantInput('DRV', 'D-004'));
    const stack = namespaceOf(objects);
    namespaces.push(stack);
    const policy = objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'allow-dns')!;
    const refused: K8sObject = { ...policy, spec: { ...(policy.spec as object), egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/99' } }] }] } };
    const crafted = objects.map((o) => (o === policy ? refused : o));

    const { seen, onEvent } = recorder();
    const err = await d.driver.up(stack, crafted, onEvent).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DriverFailedError);

    // what the API server itself says of that object (asked directly, without persisting anything)
    const answer = await rawApi(kc, 'POST', `${restPath(refused, false)}?dryRun=All`, refused);
    expect(answer.status).toBe(422);
    const serverMessage = String(answer.body.message);
    expect(serverMessage).toMatch(/NetworkPolicy.networking.k8s.io "allow-dns" is invalid: .*ipBlock.cidr/);

    const message = (err as Error).message;
    expect(message).toContain(`${stack}/networkpolicy/allow-dns`);
    expect(message).toContain(serverMessage);
    expect(message).not.toContain('urn:pulumi:');
    const errors = seen.filter((e) => e.level === 'error');
    expect(errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining(`create failed: NetworkPolicy/allow-dns: `),
        data: expect.objectContaining({ op: 'create', kind: 'NetworkPolicy', name: 'allow-dns', namespace: stack, reason: expect.stringContaining(serverMessage) }),
      }),
    ]);

    // what the events report as created exists; the refused object does not, and Pulumi's record agrees: a preview
    // would still create exactly the refused object and what the failure stopped Pulumi from starting
    const created = objects.filter((o) => at(seen, 'done', 'create', o.kind, o.metadata.name) > -1);
    const notCreated = objects.filter((o) => !created.includes(o));
    expect(keysOfObjects(created)).toEqual(expect.arrayContaining(['Namespace/zy-drv-d-004', 'ResourceQuota/tenant-quota']));
    expect(keysOfObjects(notCreated)).toContain('NetworkPolicy/allow-dns');
    for (const o of created) expect((await live(o)).metadata.name).toBe(o.metadata.name);
    for (const o of notCreated) expect(await absent(o), `${o.kind}/${o.metadata.name}`).toBe(true);
    expect(stackLocks(d.backendDir, PULUMI_PROJECT_NAME, stack)).toEqual([]);
    const preview = await d.driver.preview(stack, objects);
    expect(preview.changes.map((c) => c.op)).toEqual(notCreated.map(() => 'create'));
    expect(keysOfChanges(preview.changes)).toEqual(keysOfObjects(notCreated));

    // now that its namespace exists, a preview already meets the refusal (the provider asks the API server for a
    // dry run), with the same words
    const refusedPreview = await d.driver.preview(stack, crafted).catch((e: unknown) => e);
    expect(refusedPreview).toBeInstanceOf(DriverFailedError);
    expect((refusedPreview as Error).message).toMatch(new RegExp(`^pulumi preview of stack ${stack} failed: .*${stack}/networkpolicy/allow-dns`));
    expect((refusedPreview as Error).message).toContain(serverMessage);

    // corrected, the next up creates just those
    const up = await d.driver.up(stack, objects);
    expect(keysOfChanges(up.changes)).toEqual(keysOfObjects(notCreated));
    expectLiveMatches(policy, await live(policy));
  });
});
