// Where `npm run cluster` keeps things: everything under DATA_DIR/cluster (DATA_DIR defaults to ./data,
// as for the platform). Dependency-free so tests can import it to find the kubeconfig and the state.
import fs from 'node:fs';
import path from 'node:path';

export const COMPONENTS = ['etcd', 'kube-apiserver', 'kube-controller-manager'] as const;
export type Component = (typeof COMPONENTS)[number];

export interface ClusterLayout {
  root: string;
  pki: string;
  etcdData: string;
  logs: string;
  /** the admin kubeconfig (O=system:masters) */
  kubeconfig: string;
  controllerManagerKubeconfig: string;
  state: string;
  pidFile: (c: Component) => string;
  logFile: (c: Component) => string;
}

export function clusterLayout(dataDir = process.env.DATA_DIR || './data'): ClusterLayout {
  const root = path.resolve(dataDir, 'cluster');
  return {
    root,
    pki: path.join(root, 'pki'),
    etcdData: path.join(root, 'etcd'),
    logs: path.join(root, 'logs'),
    kubeconfig: path.join(root, 'kubeconfig'),
    controllerManagerKubeconfig: path.join(root, 'controller-manager.kubeconfig'),
    state: path.join(root, 'state.json'),
    pidFile: (c) => path.join(root, `${c}.pid`),
    logFile: (c) => path.join(root, 'logs', `${c}.log`),
  };
}

/** what `up` chose, kept for `status`, `down` and the next `up` */
export interface ClusterState {
  apiserverPort: number;
  etcdClientPort: number;
  etcdPeerPort: number;
  server: string;
  binDir: string;
  startedAt: string;
}

export function readState(layout: ClusterLayout): ClusterState | undefined {
  try {
    return JSON.parse(fs.readFileSync(layout.state, 'utf8')) as ClusterState;
  } catch {
    return undefined;
  }
}

export function writeState(layout: ClusterLayout, state: ClusterState): void {
  fs.writeFileSync(layout.state, `${JSON.stringify(state, null, 2)}\n`);
}
