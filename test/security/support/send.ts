// Sends one swept request: the method and path of an OpenAPI route, as a caller (or anonymously), with a body built
// from the route's schema (or a given one), and answers status and code. A request that gets no answer within the
// time given is reported as status 0, so one hanging route cannot stall the sweep.
import type { Test } from 'supertest';
import type { TestPlatform } from '../../support/platform.js';
import { PDF } from '../../support/documents.js';
import type { ApiDocument, SweptRoute } from './openapi-routes.js';
import { sampleOf } from './sample-body.js';

export interface Sent {
  status: number;
  code?: string;
  text: string;
}

export interface SendOptions {
  /** demo user; anonymous when undefined */
  as?: string;
  /** the raw body and its Content-Type, instead of a sample of the schema */
  raw?: { contentType: string; body: string | Buffer };
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export async function send(t: TestPlatform, doc: ApiDocument, route: SweptRoute, path: string, opts: SendOptions = {}): Promise<Sent> {
  let req: Test = (t.http as any)[route.method.toLowerCase()](path);
  if (opts.as) req = req.set(await t.as(opts.as));
  if (route.ifMatch) req = req.set('If-Match', '"v0"');
  for (const [k, v] of Object.entries(opts.headers ?? {})) req = req.set(k, v);
  req = req.timeout({ response: opts.timeoutMs ?? 10_000 });
  // raw bytes go as they are (superagent would otherwise write a Buffer as the JSON of its fields)
  if (opts.raw) req = req.set('Content-Type', opts.raw.contentType).serialize((x: unknown) => x as string).send(opts.raw.body as any);
  else if (route.multipart) {
    const fields = sampleOf(route.jsonBody ?? multipartSchema(doc, route), doc) as Record<string, unknown>;
    for (const [k, v] of Object.entries(fields)) if (k !== 'file' && typeof v !== 'object') req = req.field(k, String(v));
    req = req.attach('file', PDF, 'sweep.pdf');
  } else if (route.jsonBody) req = req.send(sampleOf(route.jsonBody, doc) as object);
  try {
    const res = await req;
    const body = res.body as { code?: unknown } | undefined;
    return { status: res.status, code: res.status >= 400 && typeof body?.code === 'string' ? body.code : undefined, text: typeof res.text === 'string' ? res.text.slice(0, 300) : '' };
  } catch (err) {
    const e = err as { timeout?: number; code?: string; message?: string };
    if (e.timeout || e.code === 'ECONNABORTED') return { status: 0, code: 'NO_ANSWER', text: `no answer within ${opts.timeoutMs ?? 10_000} ms` };
    throw err;
  }
}

function multipartSchema(doc: ApiDocument, route: SweptRoute) {
  return doc.paths[route.path]?.[route.method.toLowerCase()]?.requestBody?.content?.['multipart/form-data']?.schema;
}
