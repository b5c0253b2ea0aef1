// Declaring a route once: the zod schemas that validate its request are the ones its OpenAPI entry shows.
import type { Request, Response, Router } from 'express';
import { OpenAPIRegistry, extendZodWithOpenApi, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z, type ZodType } from 'zod';
import { InvalidInputError, UnauthenticatedError, type FieldIssue } from '../core/errors.js';
import type { RequestContext, SignedInContext } from './context.js';

extendZodWithOpenApi(z);

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface ResponseSpec {
  description: string;
  schema?: ZodType;
  contentType?: string;
}

export interface RouteSpec<P extends ZodType, Q extends ZodType, B extends ZodType, A extends boolean> {
  method: Method;
  path: string;
  summary: string;
  tags: string[];
  /** true: a signed-in user is required (401 otherwise) */
  auth: A;
  params?: P;
  query?: Q;
  body?: B;
  /** documents `If-Match` as required */
  ifMatch?: boolean;
  responses: Record<number, ResponseSpec>;
  handler: (
    input: { params: z.output<P>; query: z.output<Q>; body: z.output<B>; ctx: A extends true ? SignedInContext : RequestContext },
    req: Request,
    res: Response,
  ) => Promise<void> | void;
}

/** Turns zod's issues into the vocabulary's field issues (path, stable code, parameters). */
export function toFieldIssues(error: z.ZodError, prefix: string): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const issue of error.issues) {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: [...base, key].join('.'), code: 'field.unknown' });
      continue;
    }
    const path = base.join('.');
    if (issue.code === 'invalid_type') {
      const missing = (issue as { input?: unknown }).input === undefined;
      out.push(missing ? { path, code: 'field.required' } : { path, code: 'field.invalid_type', params: { expected: String(issue.expected) } });
    } else if (issue.code === 'too_small') {
      out.push({ path, code: 'field.too_small', params: { minimum: String(issue.minimum) } });
    } else if (issue.code === 'too_big') {
      out.push({ path, code: 'field.too_big', params: { maximum: String(issue.maximum) } });
    } else if (issue.code === 'invalid_value') {
      out.push({ path, code: 'field.invalid_value', params: { allowed: issue.values.map(String).join(', ') } });
    } else if (issue.code === 'invalid_format') {
      out.push({ path, code: 'field.invalid_format', params: { format: String(issue.format) } });
    } else {
      out.push({ path, code: 'field.invalid' });
    }
  }
  return out;
}

function parsePart<T extends ZodType>(schema: T | undefined, value: unknown, prefix: string): z.output<T> {
  if (!schema) return undefined as z.output<T>;
  const result = schema.safeParse(value);
  if (!result.success) throw new InvalidInputError(toFieldIssues(result.error, prefix));
  return result.data;
}

const toOpenApiPath = (p: string) => p.replace(/:(\w+)/g, '{$1}');

export interface RouteTable {
  router: Router;
  registry: OpenAPIRegistry;
}

export function route<P extends ZodType = ZodType, Q extends ZodType = ZodType, B extends ZodType = ZodType, A extends boolean = boolean>(
  table: RouteTable,
  spec: RouteSpec<P, Q, B, A>,
): void {
  const request: RouteConfig['request'] = {};
  if (spec.params) request.params = spec.params as never;
  if (spec.query) request.query = spec.query as never;
  if (spec.body) request.body = { content: { 'application/json': { schema: spec.body } }, required: true };
  if (spec.ifMatch) request.headers = z.object({ 'If-Match': z.string().describe('the ETag you read') }) as never;
  const responses: RouteConfig['responses'] = {};
  for (const [status, r] of Object.entries(spec.responses)) {
    responses[status] = r.schema
      ? { description: r.description, content: { [r.contentType ?? 'application/json']: { schema: r.schema } } }
      : { description: r.description };
  }
  table.registry.registerPath({
    method: spec.method,
    path: toOpenApiPath(spec.path),
    summary: spec.summary,
    tags: spec.tags,
    security: spec.auth ? [{ bearerAuth: [] }] : [],
    request,
    responses,
  });
  table.router[spec.method](spec.path, async (req: Request, res: Response) => {
    const ctx = req.ctx;
    if (spec.auth && !ctx.principal) throw new UnauthenticatedError(ctx.authError ?? 'UNAUTHENTICATED');
    if (spec.body && req.body === undefined && req.headers['content-length'] && req.headers['content-length'] !== '0') {
      throw new InvalidInputError([], 'UNSUPPORTED_MEDIA_TYPE', 415);
    }
    const params = parsePart(spec.params, req.params, 'params');
    const query = parsePart(spec.query, req.query, 'query');
    const body = parsePart(spec.body, req.body ?? (spec.body ? undefined : {}), '');
    await spec.handler({ params, query, body, ctx: ctx as never }, req, res);
  });
}
