// The real control plane for the tests in test/cluster: etcd, kube-apiserver and kube-controller-manager built by
// `npm run engines`, started once per test run in a scratch folder, stopped afterwards. Without the engines the
// run fails here, naming the command that builds them: nothing is skipped.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { down, up } from '../../cluster/control-plane.js';
import { enginesEnv, missingEngines } from '../../engines/paths.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** the admin kubeconfig of the test control plane */
    kubeconfig: string;
    /** PATH, PULUMI_HOME … so that pulumi and the Kubernetes provider built by `npm run engines` are found */
    enginesEnv: Record<string, string>;
  }
}

export default async function setup(project: TestProject) {
  const missing = missingEngines();
  if (missing.length) throw new Error(`the engines ${missing.join(', ')} are not built: run \`npm run engines\` first (.ci/run does)`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zy-cluster-'));
  process.env.CLUSTER_ETCD_NO_FSYNC = 'true'; // a scratch etcd: durability is not what these tests are about
  const layout = await up({ dataDir, log: (m) => console.log(`[test cluster] ${m}`) });
  project.provide('kubeconfig', layout.kubeconfig);
  project.provide('enginesEnv', { ...enginesEnv(), PULUMI_IGNORE_AMBIENT_PLUGINS: 'true' });
  return async () => {
    await down({ dataDir, purge: true, log: () => {} });
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
