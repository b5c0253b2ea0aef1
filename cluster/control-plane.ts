// up / down / status of the local control plane: etcd, kube-apiserver and kube-controller-manager on loopback,
// built by `npm run engines`, with their state under DATA_DIR/cluster.
import fs from 'node:fs';
import path from 'node:path';
import { enginesBinDir } from '../engines/paths.js';
import { applyCrds, loadKubeConfig, waitForDefaultServiceAccount } from './apply.js';
import { apiserverArgs, controllerManagerArgs, etcdArgs, type Ports } from './components.js';
import { allCrds } from './crds.js';
import { apiserverReady, etcdHealth, waitFor } from './health.js';
import { writeKubeconfig } from './kubeconfig.js';
import { COMPONENTS, clusterLayout, readState, writeState, type ClusterLayout, type Component } from './layout.js';
import { ensurePki, pkiPaths } from './pki.js';
import { freePort, logTail, portFree, runningPid, startDetached, stopComponent } from './processes.js';

export interface UpOptions {
  dataDir?: string;
  apiserverPort?: number;
  etcdPort?: number;
  log?: (msg: string) => void;
}

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)}s`;

function binaries(): Record<Component, string> {
  const dir = enginesBinDir();
  const bins = Object.fromEntries(COMPONENTS.map((c) => [c, path.join(dir, c)])) as Record<Component, string>;
  const missing = COMPONENTS.filter((c) => !fs.existsSync(bins[c]));
  if (missing.length) throw new Error(`${missing.join(', ')} not built (looked in ${dir}): run \`npm run engines\` first`);
  return bins;
}

/** a requested port, else last run's port if still free, else any free port */
async function pickPort(requested: number | undefined, previous: number | undefined, taken: number[]): Promise<number> {
  if (requested) {
    if (!(await portFree(requested))) throw new Error(`port ${requested} on 127.0.0.1 is in use`);
    return requested;
  }
  if (previous && !taken.includes(previous) && (await portFree(previous))) return previous;
  for (;;) {
    const p = await freePort();
    if (!taken.includes(p)) return p;
  }
}

async function choosePorts(layout: ClusterLayout, opts: UpOptions): Promise<Ports> {
  const prev = readState(layout);
  const envPort = (v: string | undefined) => (v ? Number(v) : undefined);
  const apiserver = await pickPort(opts.apiserverPort ?? envPort(process.env.CLUSTER_APISERVER_PORT), prev?.apiserverPort, []);
  const etcdClient = await pickPort(opts.etcdPort ?? envPort(process.env.CLUSTER_ETCD_PORT), prev?.etcdClientPort, [apiserver]);
  const etcdPeer = await pickPort(undefined, prev?.etcdPeerPort, [apiserver, etcdClient]);
  return { apiserver, etcdClient, etcdPeer };
}

function running(layout: ClusterLayout): Partial<Record<Component, number>> {
  const out: Partial<Record<Component, number>> = {};
  for (const c of COMPONENTS) {
    const pid = runningPid(layout, c);
    if (pid !== undefined) out[c] = pid;
  }
  return out;
}

async function startAndWait(
  layout: ClusterLayout,
  component: Component,
  bin: string,
  args: string[],
  probe: () => Promise<{ ok: boolean; body: string }>,
  timeoutMs: number,
): Promise<number> {
  const pid = startDetached(layout, component, bin, args);
  const result = await waitFor(probe, () => runningPid(layout, component) !== undefined, timeoutMs);
  if (!result.ok) {
    const why = runningPid(layout, component) === undefined ? 'exited' : `not ready after ${timeoutMs / 1000}s (${result.body.slice(0, 300)})`;
    throw new Error(`${component} ${why}; log ${layout.logFile(component)}:\n${logTail(layout, component)}`);
  }
  return pid;
}

export async function up(opts: UpOptions = {}): Promise<ClusterLayout> {
  const log = opts.log ?? ((m: string) => console.log(`[cluster] ${m}`));
  const layout = clusterLayout(opts.dataDir);
  const bins = binaries();
  const already = running(layout);
  if (COMPONENTS.every((c) => already[c] !== undefined)) {
    log(`already running (${COMPONENTS.map((c) => `${c} ${already[c]}`).join(', ')}); kubeconfig ${layout.kubeconfig}`);
    return layout;
  }
  if (Object.keys(already).length) {
    log(`partly running (${Object.keys(already).join(', ')}): stopping it first`);
    await down({ dataDir: opts.dataDir, log });
  }
  const started = Date.now();
  const crdObjects = allCrds(); // fails now, not after starting everything, if the schemas are missing
  fs.mkdirSync(layout.root, { recursive: true });
  const pki = ensurePki(layout.pki);
  const ports = await choosePorts(layout, opts);
  const server = `https://127.0.0.1:${ports.apiserver}`;
  writeKubeconfig(layout.kubeconfig, server, pki.caCert, pki.adminCert, pki.adminKey, 'zhengyun-admin');
  writeKubeconfig(layout.controllerManagerKubeconfig, server, pki.caCert, pki.controllerManagerCert, pki.controllerManagerKey, 'system:kube-controller-manager');
  try {
    log(`starting etcd on 127.0.0.1:${ports.etcdClient} (data ${layout.etcdData})`);
    await startAndWait(layout, 'etcd', bins.etcd, etcdArgs(layout, ports), () => etcdHealth(ports.etcdClient), 30_000);
    log(`starting kube-apiserver on ${server}`);
    await startAndWait(layout, 'kube-apiserver', bins['kube-apiserver'], apiserverArgs(layout, pki, ports), () => apiserverReady(ports.apiserver, pki), 120_000);
    writeState(layout, {
      apiserverPort: ports.apiserver,
      etcdClientPort: ports.etcdClient,
      etcdPeerPort: ports.etcdPeer,
      server,
      binDir: enginesBinDir(),
      startedAt: new Date().toISOString(),
    });
    const kc = loadKubeConfig(layout.kubeconfig);
    const crds = await applyCrds(kc, crdObjects);
    log(`CRDs established: ${crds.join(', ')}`);
    // after the CRDs: the quota controller discovers what it can count at start (and only every 30 s after), and
    // until it counts VirtualMachines and database Clusters, a quota naming them refuses every one ("status unknown")
    log('starting kube-controller-manager');
    startDetached(layout, 'kube-controller-manager', bins['kube-controller-manager'], controllerManagerArgs(layout, pki));
    await waitForDefaultServiceAccount(kc).catch((e: unknown) => {
      throw new Error(`${(e as Error).message}; kube-controller-manager log:\n${logTail(layout, 'kube-controller-manager')}`);
    });
  } catch (e) {
    log('start failed: stopping what was started');
    await down({ dataDir: opts.dataDir, log: () => {} });
    throw e;
  }
  log(`up in ${seconds(started)}; KUBECONFIG=${layout.kubeconfig}`);
  return layout;
}

export async function down(opts: { dataDir?: string; purge?: boolean; log?: (m: string) => void } = {}): Promise<void> {
  const log = opts.log ?? ((m: string) => console.log(`[cluster] ${m}`));
  const layout = clusterLayout(opts.dataDir);
  for (const c of [...COMPONENTS].reverse()) {
    if (await stopComponent(layout, c)) log(`stopped ${c}`);
  }
  if (opts.purge) {
    fs.rmSync(layout.root, { recursive: true, force: true });
    log(`removed ${layout.root}`);
  }
}

export interface ClusterStatus {
  running: boolean;
  pids: Partial<Record<Component, number>>;
  server?: string;
  ports?: { apiserver: number; etcd: number };
  kubeconfig: string;
  ready: boolean;
  readyz: string;
}

export async function status(opts: { dataDir?: string } = {}): Promise<ClusterStatus> {
  const layout = clusterLayout(opts.dataDir);
  const pids = running(layout);
  const state = readState(layout);
  const all = COMPONENTS.every((c) => pids[c] !== undefined);
  let ready = false;
  let readyz = 'not running';
  if (state && pids['kube-apiserver'] !== undefined) {
    const probe = await apiserverReady(state.apiserverPort, pkiPaths(layout.pki));
    ready = probe.ok;
    readyz = probe.status ? `HTTP ${probe.status} ${probe.body.slice(0, 200)}` : probe.body;
  }
  return {
    running: all,
    pids,
    ...(state ? { server: state.server, ports: { apiserver: state.apiserverPort, etcd: state.etcdClientPort } } : {}),
    kubeconfig: layout.kubeconfig,
    ready,
    readyz,
  };
}
