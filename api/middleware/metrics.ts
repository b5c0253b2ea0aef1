// HTTP metrics: a latency histogram per express route pattern and status class, and the /metrics endpoint
// (Prometheus text format), guarded by a bearer token when METRICS_TOKEN is set.
import crypto from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { httpRequestDuration, registry, statusClass } from '../../core/metrics.js';

/** The route pattern that matched (`/api/projects/:id`); undefined when none did or it is a RegExp (the web console's fallback). */
export function routePattern(req: Request): string | undefined {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  // routes are declared with their full path on a root router; baseUrl is '' (or unset once an error left it)
  return typeof pattern === 'string' ? `${req.baseUrl ?? ''}${pattern}` : undefined;
}

/** The route pattern, or a fixed label when there is none (404s, static files, the console's pages). */
export function routeLabel(req: Request): string {
  return routePattern(req) ?? '<unmatched>';
}

/** One histogram child per (method, route, status class), looked up by a string key instead of prom-client hashing the label object per observation. */
const children = new Map<string, ReturnType<typeof httpRequestDuration.labels>>();
function observe(method: string, route: string, cls: string, seconds: number): void {
  const key = `${method} ${route} ${cls}`;
  let child = children.get(key);
  if (!child) children.set(key, (child = httpRequestDuration.labels({ method, route, status_class: cls })));
  child.observe(seconds);
}

export function httpMetrics(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const start = performance.now();
    let recorded = false;
    const record = () => {
      if (recorded) return;
      recorded = true;
      // a response that never finished (client went away) is counted with the status it had begun with
      observe(req.method, routeLabel(req), res.headersSent || res.writableFinished ? statusClass(res.statusCode) : 'aborted', (performance.now() - start) / 1000);
    };
    res.once('finish', record);
    res.once('close', record);
    next();
  };
}

function sameSecret(given: string, expected: string): boolean {
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

/** GET /metrics. With a token, only `Authorization: Bearer <token>` gets the figures; everyone else 401. */
export function metricsEndpoint(token?: string): RequestHandler {
  return async (req: Request, res: Response) => {
    if (token) {
      const header = req.headers.authorization ?? '';
      const given = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
      if (!given || !sameSecret(given, token)) {
        res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
        res.status(401).json({ code: 'UNAUTHENTICATED', message: 'metrics need the monitoring bearer token' });
        return;
      }
    }
    res.setHeader('Cache-Control', 'no-store');
    res.type(registry.contentType).send(await registry.metrics());
  };
}
