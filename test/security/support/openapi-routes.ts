// The routes the security sweeps walk, read from the OpenAPI document the platform serves (GET /api/openapi.json),
// so a route added tomorrow is swept tomorrow without anyone listing it here.
import type { TestPlatform } from '../../support/platform.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface SweptRoute {
  method: Method;
  /** the OpenAPI path, `{name}` for each path parameter */
  path: string;
  /** `METHOD path`, as the allow-lists and the printed tables name a route */
  key: string;
  pathParams: string[];
  tags: string[];
  /** true: the document says a signed-in user is required */
  auth: boolean;
  /** the JSON body's schema (undefined: no JSON body) */
  jsonBody?: JsonSchema;
  /** a multipart upload */
  multipart: boolean;
  /** the route reads If-Match */
  ifMatch: boolean;
  /** the route reads Idempotency-Key */
  idempotent: boolean;
}

export type JsonSchema = Record<string, any>;

export interface ApiDocument {
  paths: Record<string, Record<string, any>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export async function readDocument(t: TestPlatform): Promise<ApiDocument> {
  const res = await t.http.get('/api/openapi.json');
  if (res.status !== 200) throw new Error(`GET /api/openapi.json: ${res.status}`);
  return res.body as ApiDocument;
}

export function routesOf(doc: ApiDocument): SweptRoute[] {
  const out: SweptRoute[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(ops)) {
      const method = m.toUpperCase() as Method;
      if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) continue;
      const parameters = (op.parameters ?? []) as { in: string; name: string }[];
      const content = op.requestBody?.content ?? {};
      out.push({
        method,
        path,
        key: `${method} ${path}`,
        tags: (op.tags ?? []) as string[],
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        auth: Array.isArray(op.security) && op.security.length > 0,
        jsonBody: content['application/json']?.schema,
        multipart: 'multipart/form-data' in content,
        ifMatch: parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === 'if-match'),
        idempotent: parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key'),
      });
    }
  }
  return out;
}

/** The path with its parameters filled in (values are URL-encoded). */
export function fillPath(path: string, values: Record<string, string | number>): string {
  return path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`${path}: no value for {${name}}`);
    return encodeURIComponent(String(v));
  });
}
