// `npm run cluster -- up | down | status`: a local Kubernetes control plane (etcd, kube-apiserver,
// kube-controller-manager) on loopback, with the KubeVirt, CDI and CloudNativePG CRDs and an admin kubeconfig
// at DATA_DIR/cluster/kubeconfig. Needs `npm run engines` first.
//   up     [--data-dir DIR] [--port N] [--etcd-port N]   starts it (detached) and returns; no-op if running
//   down   [--data-dir DIR] [--purge]                    stops it; --purge also deletes DATA_DIR/cluster
//   status [--data-dir DIR] [--json]                     pids, ports, kubeconfig, /readyz; exit 3 when not running
import { parseArgs } from 'node:util';
import { down, status, up } from './control-plane.js';

const USAGE = 'usage: npm run cluster -- up [--port N] [--etcd-port N] | down [--purge] | status [--json]   (all take --data-dir DIR)';

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      'etcd-port': { type: 'string' },
      purge: { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const dataDir = values['data-dir'];
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  switch (positionals[0]) {
    case 'up':
      await up({ dataDir, apiserverPort: num(values.port), etcdPort: num(values['etcd-port']) });
      return 0;
    case 'down':
      await down({ dataDir, purge: values.purge ?? false });
      return 0;
    case 'status': {
      const s = await status({ dataDir });
      if (values.json) console.log(JSON.stringify(s, null, 2));
      else {
        const pids = Object.entries(s.pids).map(([c, p]) => `${c} ${p}`).join(', ') || 'none';
        console.log(`running: ${s.running ? 'yes' : 'no'} (pids: ${pids})`);
        if (s.server) console.log(`server: ${s.server} (etcd 127.0.0.1:${s.ports?.etcd})`);
        console.log(`kubeconfig: ${s.kubeconfig}`);
        console.log(`readyz: ${s.readyz}`);
      }
      return s.running && s.ready ? 0 : 3;
    }
    default:
      console.error(USAGE);
      return 2;
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`[cluster] FAILED: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
