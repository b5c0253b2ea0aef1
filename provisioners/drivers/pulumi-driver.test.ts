import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import zlib from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CommandError,
  ConcurrentUpdateError,
  PulumiCommand,
  StackNotFoundError as AutoStackNotFoundError,
} from '@pulumi/pulumi/automation/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, InvalidInputError, NotFoundError } from '../../core/errors.js';
import { recorder } from '../../test/support/log-recorder.js';
import type { K8sObject } from '../tenant-input.js';
import {
  DriverFailedError,
  DriverUnavailableError,
  StackBusyError,
  StackNotFoundError,
} from './driver.js';
import { PulumiDriver, checkPulumiCli, defaultBackendUrl, mapAutomationError } from './pulumi-driver.js';
import { checkpointHasPendingOperations, deadWorkerLocks, fileBackendDir, processGone, stackLocks, staleLocks } from './stale-lock.js';

const fakeRunner = { file: fileURLToPath(new URL('./fixtures/fake-runner.mjs', import.meta.url)), execArgv: [] };

const objects: K8sObject[] = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 't-demo' } },
  {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: { name: 'entitlement', namespace: 't-demo' },
    spec: { hard: { 'requests.cpu': '8' } },
  },
];

/** What the Automation API's internal CommandResult looks like (its constructor is not part of the typings). */
function commandResult(stderr: string, code = 255) {
  return { stdout: '', stderr, code, toString: () => `code: ${code}\n stdout: \n stderr: ${stderr}\n err?: \n` };
}


let dataDir: string;
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhengyun-driver-test-'));
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const cli = await checkPulumiCli();

describe('checkPulumiCli', () => {
  it.runIf(!cli.available)('says the pulumi CLI is not installed on this machine, and how to install it', () => {
    expect(cli.available).toBe(false);
    expect(cli.version).toBeUndefined();
    expect(cli.reason).toMatch(/pulumi CLI is not installed/);
    expect(cli.reason).toMatch(/get\.pulumi\.com/);
  });

  it('reports the version of a CLI that answers', async () => {
    const bin = path.join(dataDir, 'fake-pulumi');
    fs.writeFileSync(bin, '#!/bin/sh\necho v3.248.0\n', { mode: 0o755 });
    await expect(checkPulumiCli({ command: bin })).resolves.toEqual({ available: true, version: 'v3.248.0' });
  });

  it('reports a CLI that fails or hangs', async () => {
    const failing = path.join(dataDir, 'failing-pulumi');
    fs.writeFileSync(failing, '#!/bin/sh\necho "broken install" >&2\nexit 1\n', { mode: 0o755 });
    const r = await checkPulumiCli({ command: failing });
    expect(r.available).toBe(false);
    expect(r.reason).toMatch(/broken install/);

    const hanging = path.join(dataDir, 'hanging-pulumi');
    fs.writeFileSync(hanging, '#!/bin/sh\nexec sleep 5\n', { mode: 0o755 });
    const h = await checkPulumiCli({ command: hanging, timeoutMs: 200 });
    expect(h).toMatchObject({ available: false, reason: expect.stringMatching(/did not answer within 200 ms/) });
  });
});

describe.runIf(!cli.available)('PulumiDriver through the real runner (forked, Automation API, no CLI here)', () => {
  it('preview rejects with DriverUnavailableError naming the pulumi CLI', async () => {
    const driver = new PulumiDriver({ dataDir, passphrase: 'correct horse battery staple' });
    const { seen, onEvent } = recorder();
    const err = await driver.preview('t-demo', objects, onEvent).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DriverUnavailableError);
    const e = err as DriverUnavailableError;
    expect(e.message).toMatch(/The pulumi CLI is not installed/);
    expect(e.missing).toBe('pulumi CLI');
    expect(e.status).toBe(503);
    // the runner really started: it created the file backend's directory and reported its first step
    expect(fs.existsSync(path.join(dataDir, 'pulumi-state'))).toBe(true);
    expect(seen.map((s) => s.message)).toContain('Selecting or creating stack t-demo');
    expect(JSON.stringify(seen)).not.toContain('correct horse battery staple');
  });

  it('up rejects the same way', async () => {
    const driver = new PulumiDriver({ dataDir, passphrase: 'test-passphrase', kubeconfig: '/etc/zhengyun/cluster-a.kubeconfig' });
    await expect(driver.up('t-demo', objects)).rejects.toThrow(DriverUnavailableError);
    await expect(driver.up('t-demo', objects)).rejects.toThrow(/pulumi CLI/);
  });

  it('refresh of an existing stack needs the CLI too', async () => {
    const driver = new PulumiDriver({ dataDir, passphrase: 'test-passphrase' });
    await expect(driver.refresh('t-demo', objects)).rejects.toThrow(DriverUnavailableError);
  });
});

describe('PulumiDriver configuration', () => {
  it('refuses a self-managed backend without a passphrase, before forking anything', async () => {
    const driver = new PulumiDriver({ dataDir, runner: fakeRunner });
    const err = await driver.preview('relay', objects).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DriverUnavailableError);
    expect((err as DriverUnavailableError).missing).toBe('PULUMI_CONFIG_PASSPHRASE');
  });

  it('refuses a stack name Pulumi would not take', async () => {
    const driver = new PulumiDriver({ dataDir, passphrase: 'test-passphrase', runner: fakeRunner });
    await expect(driver.preview('../etc', objects)).rejects.toBeInstanceOf(InvalidInputError);
  });

  it('defaults to a file backend under DATA_DIR', () => {
    expect(new PulumiDriver({ dataDir: '/srv/zhengyun', passphrase: 'test-passphrase' }).backendUrl).toBe('file:///srv/zhengyun/pulumi-state');
    expect(defaultBackendUrl('/data')).toBe('file:///data/pulumi-state');
    expect(new PulumiDriver({ dataDir, backendUrl: 's3://bucket/state', passphrase: 'test-passphrase' }).backendUrl).toBe('s3://bucket/state');
  });
});

describe('mapAutomationError with the Automation API’s own errors', () => {
  it('ConcurrentUpdateError → StackBusyError (409)', () => {
    const e = mapAutomationError(
      new ConcurrentUpdateError(commandResult('error: [409] Conflict: Another update is currently in progress.') as never),
      { stack: 't-a', op: 'up' },
    );
    expect(e).toBeInstanceOf(StackBusyError);
    expect(e).toBeInstanceOf(ConflictError);
    expect(e.status).toBe(409);
    expect((e as StackBusyError).stackName).toBe('t-a');
    expect(e.stack).toMatch(/StackBusyError/); // the stack trace is still there
  });

  it('StackNotFoundError → StackNotFoundError (404)', () => {
    const e = mapAutomationError(new AutoStackNotFoundError(commandResult("error: no stack named 't-b' found") as never), {
      stack: 't-b',
    });
    expect(e).toBeInstanceOf(StackNotFoundError);
    expect(e).toBeInstanceOf(NotFoundError);
    expect(e.status).toBe(404);
  });

  it('a real "spawn pulumi ENOENT" from PulumiCommand → DriverUnavailableError', async () => {
    const real = await PulumiCommand.get({ root: path.join(dataDir, 'no-such-install') }).catch((x: unknown) => x);
    expect(real).toBeInstanceOf(CommandError);
    expect(String((real as Error).message)).toMatch(/ENOENT/);
    const e = mapAutomationError(real, { stack: 't-c' });
    expect(e).toBeInstanceOf(DriverUnavailableError);
    expect(e.message).toMatch(/^The pulumi CLI is not installed/);
  });

  it('secrets passphrase and plugin problems are misconfiguration, not failures', () => {
    const pass = mapAutomationError(
      new CommandError(commandResult('error: passphrase must be set with PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE') as never),
      { stack: 't-d' },
    );
    expect(pass).toBeInstanceOf(DriverUnavailableError);
    expect((pass as DriverUnavailableError).missing).toBe('PULUMI_CONFIG_PASSPHRASE');
    const plugin = mapAutomationError(
      new CommandError(commandResult("error: no resource plugin 'pulumi-resource-kubernetes' found in the workspace") as never),
      { stack: 't-d' },
    );
    expect((plugin as DriverUnavailableError).missing).toBe('pulumi-resource-kubernetes plugin');
  });

  it('anything else → DriverFailedError with the error line and the output tail', () => {
    const out = ['Updating (t-e):', '  + kubernetes:core/v1:Namespace t-e creating', 'error: configured Kubernetes cluster is unreachable'];
    const e = mapAutomationError(new CommandError(commandResult(out.join('\n')) as never), { stack: 't-e', op: 'up' });
    expect(e).toBeInstanceOf(DriverFailedError);
    expect(e.status).toBe(502);
    expect(e.message).toBe('pulumi up of stack t-e failed: error: configured Kubernetes cluster is unreachable');
    expect((e as DriverFailedError).outputTail).toContain('kubernetes:core/v1:Namespace t-e creating');
  });

  it('works on the JSON form that crosses the IPC channel', () => {
    expect(mapAutomationError({ name: 'StackNotFoundError', message: 'whatever' }, { stack: 'x' })).toBeInstanceOf(StackNotFoundError);
    expect(mapAutomationError({ name: 'Error', message: 'code: -2\n err?: Error: spawn pulumi ENOENT' }, { stack: 'x' })).toBeInstanceOf(
      DriverUnavailableError,
    );
  });
});

describe('PulumiDriver with a fake runner (IPC relay, crashes, timeouts)', () => {
  it('relays progress lines in order, redacts the passphrase, and returns the result', async () => {
    const driver = new PulumiDriver({
      dataDir: '/srv/zy',
      passphrase: 's3cr3t-phrase',
      kubeconfig: (stack) => `/etc/zhengyun/clusters/${stack}.kubeconfig`,
      env: { ZHENGYUN_FAKE: 'extra' },
      runner: fakeRunner,
    });
    const { seen, onEvent } = recorder();
    const result = await driver.up('relay', objects, onEvent);
    // the engine's words come through verbatim as detail, the runner's own lines as codes; the passphrase nowhere
    expect(seen.map(({ level, line }) => ({ level, line }))).toEqual([
      { level: 'info', line: { code: 'job.log.engineOutput', detail: 'Updating (relay)' } },
      { level: 'debug', line: { code: 'job.log.stepBegin', params: { op: 'job.op.create', object: 'Namespace/t-relay' }, data: { op: 'create', kind: 'Namespace', name: 't-relay' } } },
      { level: 'info', line: { code: 'job.log.engineOutput', detail: 'passphrase is [redacted]' } },
    ]);
    expect(result.changes).toEqual([{ op: 'create', kind: 'Namespace', name: 't-relay' }]);
    expect(result.summary).toEqual({ create: 2 });
    expect(JSON.parse(result.raw ?? '{}')).toEqual({
      op: 'up',
      projectName: 'zhengyun-tenants',
      backendUrl: 'file:///srv/zy/pulumi-state',
      kubeconfig: '/etc/zhengyun/clusters/relay.kubeconfig',
      hasPassphrase: true,
      extraEnv: 'extra',
    });
  });

  it('a child that crashes → DriverFailedError carrying its output tail', async () => {
    const driver = new PulumiDriver({ dataDir, passphrase: 'test-passphrase', runner: fakeRunner });
    const err = await driver.preview('crash', objects).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DriverFailedError);
    const e = err as DriverFailedError;
    expect(e.message).toMatch(/preview of stack crash exited with code 3 without an answer/);
    expect(e.outputTail).toContain('Previewing update (crash)');
    expect(e.outputTail).toContain('panic: the runner fell over');
  });

  it('a locked stack reported by the child → StackBusyError', async () => {
    const driver = new PulumiDriver({ dataDir, passphrase: 'test-passphrase', runner: fakeRunner });
    await expect(driver.up('locked', objects)).rejects.toBeInstanceOf(StackBusyError);
  });

  it('refuses a second operation on a stack while one runs in this process', async () => {
    const driver = new PulumiDriver({ dataDir, passphrase: 'test-passphrase', runner: fakeRunner });
    const first = driver.up('relay', objects);
    await expect(driver.preview('relay', objects)).rejects.toBeInstanceOf(StackBusyError);
    await expect(first).resolves.toMatchObject({ summary: { create: 2 } });
    // and frees the stack afterwards
    await expect(driver.preview('relay', objects)).resolves.toMatchObject({ summary: { create: 2 } });
  });

  it('cancels an operation that outlives its timeout', async () => {
    // long enough for the child to start and install its SIGTERM handler on a loaded machine (300 ms was not)
    const driver = new PulumiDriver({ dataDir, passphrase: 'test-passphrase', runner: fakeRunner, timeoutMs: 3_000 });
    const { seen, onEvent } = recorder();
    const err = await driver.refresh('hang', objects, onEvent).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DriverFailedError);
    expect((err as DriverFailedError).message).toMatch(/timed out after 3000 ms/);
    expect((err as DriverFailedError).outputTail).toContain('cancelled by SIGTERM');
    expect(seen.some((s) => s.level === 'error' && /cancelling/.test(s.message))).toBe(true);
  });
});

describe('the error line an operator reads', () => {
  const urn = (kind: string, name: string) => `urn:pulumi:t-f::zhengyun-tenants::zhengyun:tenant:Tenant$kubernetes:${kind}::t-f/${name}`;
  const server = 'NetworkPolicy.networking.k8s.io "allow-dns" is invalid: spec.egress[0].to[0].ipBlock.cidr: Invalid value: "10.0.0.0/99": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';
  const diagnostics = [
    'Diagnostics:',
    '  kubernetes:networking.k8s.io/v1:NetworkPolicy (t-f/networkpolicy/allow-dns):',
    `    error: resource "${urn('networking.k8s.io/v1:NetworkPolicy', 'networkpolicy/allow-dns')}" was not successfully created by the Kubernetes API server: ${server}`,
    '',
    '  pulumi:pulumi:Stack (zhengyun-tenants-t-f):',
    '    error: update failed',
    'Resources:',
    '    2 errored',
  ];

  it("names the object that failed and keeps the API server's whole message, whatever order Pulumi lists its diagnostics in", () => {
    const e = mapAutomationError(new CommandError(commandResult(diagnostics.join('\n')) as never), { stack: 't-f', op: 'up' });
    expect(e).toBeInstanceOf(DriverFailedError);
    expect(e.message).toBe(`pulumi up of stack t-f failed: error: resource "t-f/networkpolicy/allow-dns" was not successfully created by the Kubernetes API server: ${server}`);
    // only the stack's own line: that is what is said
    const only = mapAutomationError(new CommandError(commandResult('Diagnostics:\n    error: update failed') as never), { stack: 't-f', op: 'up' });
    expect(only.message).toBe('pulumi up of stack t-f failed: error: update failed');
  });

  it('a locked stack says who holds the lock', () => {
    const locked = [
      'error: the stack is currently locked by 1 lock(s). Either wait for the other process(es) to end or delete the lock file with `pulumi cancel`.',
      '  file:///srv/zy/pulumi-state/.pulumi/locks/organization/zhengyun-tenants/t-g/6b1c.json: created by zhengyun@worker-1 (pid 4242) at 2026-01-05T03:04:05Z',
    ].join('\n');
    const e = mapAutomationError(new ConcurrentUpdateError(commandResult(locked) as never), { stack: 't-g', op: 'up' });
    expect(e).toBeInstanceOf(StackBusyError);
    expect(e.message).toMatch(/^Stack t-g is being updated by another operation: error: the stack is currently locked by 1 lock\(s\)\./);
    expect(e.message).toMatch(/Held by zhengyun@worker-1 \(pid 4242\) at 2026-01-05T03:04:05Z\.$/);
  });
});

describe('recovering a stack left by a killed run (file backend)', () => {
  const deadPid = (): number => {
    const r = spawnSync('sh', ['-c', 'echo $$']);
    return Number(String(r.stdout).trim());
  };
  const writeLock = (backend: string, stack: string, lock: Record<string, unknown>) => {
    const dir = path.join(backend, '.pulumi', 'locks', 'organization', 'zhengyun-tenants', stack);
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${Math.random().toString(16).slice(2)}.json`);
    fs.writeFileSync(file, JSON.stringify(lock));
    return file;
  };

  it('finds the file backend folder of a file:// URL only', () => {
    expect(fileBackendDir('file:///srv/zy/pulumi-state')).toBe('/srv/zy/pulumi-state');
    expect(fileBackendDir('file:///srv/zy/pulumi-state?no_tmp_dir=true')).toBe('/srv/zy/pulumi-state');
    expect(fileBackendDir('s3://bucket/state')).toBeUndefined();
    expect(fileBackendDir('https://api.pulumi.com')).toBeUndefined();
  });

  it('judges a lock stale only when it was written on this host by a process that no longer runs', () => {
    const backend = fs.mkdtempSync(path.join(dataDir, 'locks-'));
    const now = new Date().toISOString();
    const host = os.hostname();
    const dead = writeLock(backend, 't-h', { pid: deadPid(), username: 'zy', hostname: host, timestamp: now });
    const live = writeLock(backend, 't-h', { pid: process.pid, username: 'zy', hostname: host, timestamp: now });
    const elsewhere = writeLock(backend, 't-h', { pid: deadPid(), username: 'zy', hostname: 'worker-2.zhengyun.internal', timestamp: now });
    // this process started long after that lock was written: its pid was reused, the lock's holder is dead
    const reused = writeLock(backend, 't-h', { pid: process.pid, username: 'zy', hostname: host, timestamp: '2020-01-01T00:00:00Z' });
    fs.mkdirSync(path.join(backend, '.pulumi', 'locks', 'organization', 'zhengyun-tenants', 't-other'), { recursive: true });

    const locks = stackLocks(backend, 'zhengyun-tenants', 't-h');
    expect(locks.map((l) => l.file).sort()).toEqual([dead, live, elsewhere, reused].sort());
    expect(staleLocks(locks).map((l) => l.file).sort()).toEqual([dead, reused].sort());
    expect(stackLocks(backend, 'zhengyun-tenants', 't-none')).toEqual([]);
    expect(stackLocks(path.join(backend, 'no-such-backend'), 'zhengyun-tenants', 't-h')).toEqual([]);
  });

  it('removes a lock on another host only when the job’s dead worker ran there, written before its last heartbeat', () => {
    const backend = fs.mkdtempSync(path.join(dataDir, 'dead-worker-'));
    const other = 'worker-2.zhengyun.internal';
    const lastBeat = '2026-12-08T10:00:00.000Z';
    const left = writeLock(backend, 't-d', { pid: 77, username: 'zy', hostname: other, timestamp: '2026-12-08T09:59:40Z' });
    // written after the dead worker went silent: some other operation's
    const later = writeLock(backend, 't-d', { pid: 78, username: 'zy', hostname: other, timestamp: '2026-12-08T10:05:00Z' });
    const third = writeLock(backend, 't-d', { pid: 79, username: 'zy', hostname: 'worker-3.zhengyun.internal', timestamp: '2026-12-08T09:59:40Z' });
    const here = writeLock(backend, 't-d', { pid: process.pid, username: 'zy', hostname: os.hostname(), timestamp: '2026-12-08T09:59:40Z' });
    const locks = stackLocks(backend, 'zhengyun-tenants', 't-d');
    expect(locks).toHaveLength(4);
    expect(deadWorkerLocks(locks, { host: other, lastBeat }).map((l) => l.file)).toEqual([left]);
    expect(deadWorkerLocks(locks, undefined)).toEqual([]);
    // on this host the pid decides (staleLocks), never the heartbeat
    expect(deadWorkerLocks(locks, { host: os.hostname(), lastBeat })).toEqual([]);
    expect([later, third, here].every((f) => fs.existsSync(f))).toBe(true);
  });

  it('treats a pid it cannot judge as alive', () => {
    expect(processGone(Number.NaN)).toBe(false);
    expect(processGone(0)).toBe(false);
    expect(processGone(process.pid)).toBe(false);
    expect(processGone(deadPid())).toBe(true);
  });

  it('reads pending operations from the checkpoint, plain or gzipped', () => {
    const backend = fs.mkdtempSync(path.join(dataDir, 'checkpoints-'));
    const dir = path.join(backend, '.pulumi', 'stacks', 'zhengyun-tenants');
    fs.mkdirSync(dir, { recursive: true });
    const checkpoint = (pending: unknown[]) => JSON.stringify({ version: 3, checkpoint: { latest: { resources: [], pending_operations: pending } } });
    fs.writeFileSync(path.join(dir, 't-i.json'), checkpoint([{ type: 'creating', resource: { urn: 'urn:pulumi:t-i::p::kubernetes:kubevirt.io/v1:VirtualMachine::vm' } }]));
    fs.writeFileSync(path.join(dir, 't-j.json'), checkpoint([]));
    fs.writeFileSync(path.join(dir, 't-k.json.gz'), zlib.gzipSync(checkpoint([{ type: 'updating', resource: { urn: 'u' } }])));
    expect(checkpointHasPendingOperations(backend, 'zhengyun-tenants', 't-i')).toBe(true);
    expect(checkpointHasPendingOperations(backend, 'zhengyun-tenants', 't-j')).toBe(false);
    expect(checkpointHasPendingOperations(backend, 'zhengyun-tenants', 't-k')).toBe(true);
    expect(checkpointHasPendingOperations(backend, 'zhengyun-tenants', 't-new')).toBe(false);
  });
});
