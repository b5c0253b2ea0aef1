// Dispatch by path prefix. An express Router tries its layers one after another, matching each route's
// regular expression against the path, so a request for a route declared late (the migration board, a
// project) paid for ~150 failed matches first. The API's routes all begin with a fixed segment
// (`/api/<resource>/…`, `/healthz`), and a URL can only match routes of its own segment; so the routes are
// split into one Router per segment, in their declared order, and a request goes straight to its segment's.
// Same matching, same order within a segment, same req.route / req.params / req.baseUrl as one Router.
import { Router, type RequestHandler } from 'express';

interface Layer {
  route?: { path?: unknown };
}

/** `api/<segment>` or `<segment>` of a route pattern, lower-cased; null when the segment is not fixed text. */
export function patternKey(pattern: string): string | null {
  // fixed text only: a parameter, wildcard or optional group in the key segment could match other segments
  const lower = pattern.toLowerCase();
  const m = lower.startsWith('/api/') ? /^\/(api\/[a-z0-9._~-]+)(?=\/|$)/.exec(lower) : /^\/([a-z0-9._~-]+)(?=\/|$)/.exec(lower);
  return m ? m[1]! : null;
}

/** The same key for a request path (express matches paths case-insensitively). */
export function pathKey(path: string): string {
  const lower = path.toLowerCase();
  const end = lower.indexOf('/', lower.startsWith('/api/') ? 5 : 1);
  return lower.slice(1, end === -1 ? undefined : end);
}

/**
 * One handler doing what `router` does, dispatching to per-segment routers. Every layer must be a route whose
 * first segment is fixed text (not a `use`, a RegExp, a parameter): anything else is refused at start-up.
 */
export function dispatchByPrefix(router: Router): RequestHandler {
  const stack = (router as unknown as { stack: Layer[] }).stack;
  const keyed: [string, Layer][] = [];
  for (const layer of stack) {
    const key = typeof layer.route?.path === 'string' ? patternKey(layer.route.path) : null;
    if (!key) throw new Error(`dispatchByPrefix: ${String(layer.route?.path ?? 'a middleware')} does not begin with a fixed segment`);
    keyed.push([key, layer]);
  }
  const groups = new Map<string, Router>();
  for (const [key, layer] of keyed) {
    let group = groups.get(key);
    if (!group) groups.set(key, (group = Router()));
    (group as unknown as { stack: Layer[] }).stack.push(layer);
  }
  return (req, res, next) => {
    const group = groups.get(pathKey(req.path));
    if (!group) return next();
    group(req, res, next);
  };
}
