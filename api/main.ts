// The container's one entry (`node dist/api/main.js [api|worker|migrate]`): the first argument, else
// ZHENGYUN_ROLE, chooses what this process is.
//   api      the HTTP API and web console (server.ts); provisioning workers in-process unless RUN_WORKERS=false
//   worker   a dedicated provisioning worker (provisioners/worker-main.ts), with /healthz and /metrics on PORT
//   migrate  applies pending migrations and exits (the Kubernetes migration Job; `npm run db:migrate` built)
import express from 'express';
import { loadConfigOrExit } from '../core/config.js';
import { metricsEndpoint } from './middleware/metrics.js';

const ROLES = ['api', 'worker', 'migrate'] as const;

async function main() {
  const arg = process.argv[2];
  if (arg !== undefined) {
    if (!(ROLES as readonly string[]).includes(arg)) {
      console.error(`Unknown role "${arg}": expected one of ${ROLES.join(', ')}`);
      process.exit(2);
    }
    process.env.ZHENGYUN_ROLE = arg;
  }
  const config = loadConfigOrExit();
  switch (config.role) {
    case 'api':
      await import('./server.js');
      return;
    case 'migrate':
      await import('../core/db/migrate-cli.js');
      return;
    case 'worker': {
      // the worker serves no API; this small listener answers the liveness probe and Prometheus
      const monitor = express();
      monitor.disable('x-powered-by');
      monitor.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
      monitor.get('/metrics', metricsEndpoint(config.metricsToken));
      await new Promise<void>((resolve, reject) => {
        const server = monitor.listen(config.port, config.host, (err?: Error) => (err ? reject(err) : resolve()));
        server.unref(); // the worker decides when the process ends
      });
      await import('../provisioners/worker-main.js');
      return;
    }
  }
}

main().catch((err: unknown) => {
  console.error('Zhengyun failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
