// Prometheus metrics (prom-client): one registry per process, served at GET /metrics by the API and by the
// worker's monitoring port. Counters are per process; Prometheus sums them over pods. Gauges that describe
// shared state (the queue depth) are the same in every process: query them with max(), not sum().
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export const registry = new Registry();
registry.setDefaultLabels({ service: 'zhengyun' });
collectDefaultMetrics({ register: registry });

/** HTTP latency by route pattern (never the raw URL: ids would explode the label set) and status class. */
export const httpRequestDuration = new Histogram({
  name: 'zhengyun_http_request_duration_seconds',
  help: 'HTTP request duration by method, express route pattern and status class (2xx, 4xx, ...)',
  labelNames: ['method', 'route', 'status_class'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});

/** Outcome of each provisioning job attempt: succeeded, failed (final) or retry (handed back to the queue). */
export const jobOutcomes = new Counter({
  name: 'zhengyun_jobs_total',
  help: 'Provisioning job attempts by kind and outcome (succeeded, failed, retry)',
  labelNames: ['kind', 'outcome'] as const,
  registers: [registry],
});

export const provisioningDuration = new Histogram({
  name: 'zhengyun_provisioning_duration_seconds',
  help: 'Duration of one provisioning job attempt (desired state and driver run), by kind, driver and outcome',
  labelNames: ['kind', 'driver', 'outcome'] as const,
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800],
  registers: [registry],
});

export const loginFailures = new Counter({
  name: 'zhengyun_login_failures_total',
  help: 'Failed sign-ins by reason (unknown user or bad password, account locked)',
  labelNames: ['reason'] as const,
  registers: [registry],
});

type DepthSource = () => Promise<number>;
const depthSources = new Map<string, DepthSource>();

/** Jobs waiting in each queue (created or retry, not yet active), read from the queue at scrape time. */
export const queueDepth = new Gauge({
  name: 'zhengyun_job_queue_depth',
  help: 'Jobs waiting in the queue (shared state: the same in every process, aggregate with max)',
  labelNames: ['queue'] as const,
  registers: [registry],
  async collect() {
    this.reset();
    for (const [queue, read] of depthSources) {
      try {
        this.set({ queue }, await read());
      } catch {
        // the database is away: leave the series out rather than fail the whole scrape
      }
    }
  },
});

/** Lets the running job queue answer the depth gauge; returns a function that removes the source again. */
export function registerQueueDepth(queue: string, read: DepthSource): () => void {
  depthSources.set(queue, read);
  return () => {
    if (depthSources.get(queue) === read) depthSources.delete(queue);
  };
}

/** 2xx, 3xx, 4xx, 5xx */
export const statusClass = (status: number) => `${Math.floor(status / 100)}xx`;
