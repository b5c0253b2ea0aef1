// Declaring a route once: the zod schemas that validate its request are the ones its OpenAPI entry shows.
import type { Request, RequestHandler, Response, Router } from 'express';
import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { ZodType } from 'zod';
import { ForbiddenError, InvalidInputError, UnauthenticatedError, type FieldIssue } from '../core/errors.js';
import { z } from '../core/zod-openapi.js';
import type { RequestContext, SignedInContext } from './context.js';
import { CHECK_RESPONSES, checkResponses } from './response-check.js';
import { IDEMPOTENCY_HEADER, withIdempotency, type IdempotencyStore } from './idempotency.js';
import type { Action, SubjectName } from '../core/access/abilities.js';
import type { Attribution } from './attribution.js';
import { deliverHeldFile } from './download.js';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** params and query are objects of fields (OpenAPI lists them one by one) */
type AnyObject = z.ZodObject<z.ZodRawShape>;

interface ResponseSpec {
  description: string;
  schema?: ZodType;
  contentType?: string;
}

export interface RouteSpec<P extends AnyObject, Q extends AnyObject, B extends ZodType, A extends boolean> {
  method: Method;
  path: string;
  summary: string;
  tags: string[];
  /** true: a signed-in user is required (401 otherwise) */
  auth: A;
  params?: P;
  query?: Q;
  body?: B;
  /** documents `If-Match`: required (true), or optional (a stale one is still refused) */
  ifMatch?: boolean | 'optional';
  /** a multipart/form-data upload: the file field's name and the parser that reads it (its other fields are `body`) */
  multipart?: { field: string; parser: RequestHandler };
  /** a POST that creates something: an `Idempotency-Key` header makes its retries safe (api/idempotency.ts); needs auth */
  idempotent?: boolean;
  /**
   * What the caller's role must be allowed at all (on any object of the kind) for this route to mean anything to
   * them: when the request's parameters, query or body fail validation, a signed-in caller without it is refused
   * 403 instead of a 400 listing the fields, so validation details never answer a caller without rights. A valid
   * request goes on to the services' object-level checks as before (404 for what one may not see, 403, 409…).
   */
  can?: readonly [Action, SubjectName];
  /** false: the handler records its own audit record for the file it sends (the audit export) */
  attribution?: false;
  responses: Record<number, ResponseSpec>;
  handler: (
    input: { params: z.output<P>; query: z.output<Q>; body: z.output<B>; ctx: A extends true ? SignedInContext : RequestContext },
    req: Request,
    res: Response,
  ) => Promise<void> | void;
}

/** Turns zod's issues into the vocabulary's field issues (path, stable code, parameters). */
export function toFieldIssues(error: z.ZodError, prefix: string, input?: unknown): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const issue of error.issues) {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: [...base, key].join('.'), code: 'field.unknown' });
      continue;
    }
    const path = base.join('.');
    const missing = valueAt(input, issue.path) === undefined;
    if (missing && (issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.code === 'invalid_union')) {
      out.push({ path, code: 'field.required' });
    } else if (issue.code === 'invalid_type') {
      out.push({ path, code: 'field.invalid_type', params: { expected: String(issue.expected) } });
    } else if (issue.code === 'too_small') {
      out.push({ path, code: issue.inclusive === false ? 'field.too_small_exclusive' : 'field.too_small', params: { minimum: String(issue.minimum) } });
    } else if (issue.code === 'too_big') {
      out.push({ path, code: issue.inclusive === false ? 'field.too_big_exclusive' : 'field.too_big', params: { maximum: String(issue.maximum) } });
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

/**
 * Finds the first string PostgreSQL cannot store (NUL) or that is not well-formed UTF-16 (a lone surrogate).
 * Iterative, so that a deeply nested body cannot exhaust the stack.
 */
function badString(value: unknown, prefix: string[]): string[] | null {
  // each entry points at its parent's, so a deep body costs linear time; the path is built only on a hit
  type Node = { key: string; parent: Node | null } | null;
  const stack: [unknown, Node][] = [[value, prefix.length ? { key: prefix.join('.'), parent: null } : null]];
  while (stack.length) {
    const [v, node] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000') || !v.isWellFormed()) {
        const path: string[] = [];
        for (let n = node; n; n = n.parent) path.unshift(n.key);
        return path;
      }
    } else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) stack.push([child, { key: k, parent: node }]);
    }
  }
  return null;
}

/** The value at a zod issue's path in the input, to tell a missing field from a wrong one. */
function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let v = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function parsePart<T extends ZodType>(schema: T | undefined, value: unknown, prefix: string): z.output<T> {
  if (!schema) return undefined as z.output<T>;
  const bad = badString(value, prefix ? [prefix] : []);
  if (bad) throw new InvalidInputError([{ path: bad.join('.'), code: 'field.invalid_characters' }]);
  const result = schema.safeParse(value, { reportInput: true });
  if (!result.success) throw new InvalidInputError(toFieldIssues(result.error, prefix, value));
  return result.data;
}

const toOpenApiPath = (p: string) => p.replace(/:(\w+)/g, '{$1}');

export interface RouteTable {
  router: Router;
  registry: OpenAPIRegistry;
  /** where idempotent routes keep their keys (read when a request comes, not when routes are declared) */
  idempotency?: () => IdempotencyStore;
  /** where files sent are recorded (api/attribution.ts; read when a request comes) */
  attribution?: () => Attribution;
}

export function route<P extends AnyObject = AnyObject, Q extends AnyObject = AnyObject, B extends ZodType = ZodType, A extends boolean = boolean>(
  table: RouteTable,
  spec: RouteSpec<P, Q, B, A>,
): void {
  const request: RouteConfig['request'] = {};
  if (spec.params) request.params = spec.params;
  if (spec.query) request.query = spec.query;
  if (spec.multipart) {
    const form = z.object({ [spec.multipart.field]: z.string().openapi({ format: 'binary' }) });
    const schema = spec.body && spec.body instanceof z.ZodObject ? form.extend(spec.body.shape) : form;
    request.body = { content: { 'multipart/form-data': { schema } }, required: true };
  } else if (spec.body) {
    request.body = { content: { 'application/json': { schema: spec.body } }, required: true };
  }
  const headers: Record<string, ZodType> = {};
  if (spec.ifMatch) {
    const etag = z.string().describe('the ETag you read');
    headers['If-Match'] = spec.ifMatch === 'optional' ? etag.optional() : etag;
  }
  if (spec.idempotent) {
    if (!spec.auth) throw new Error(`${spec.path}: an idempotent route must require sign-in (a key is bound to its caller)`);
    headers[IDEMPOTENCY_HEADER] = z
      .string()
      .regex(/^[A-Za-z0-9._:-]{8,128}$/)
      .optional()
      .describe('a retry with the same key and the same request gets the first answer (Idempotent-Replayed: true); the same key with another request is 422 IDEMPOTENCY_KEY_REUSED');
  }
  if (Object.keys(headers).length) request.headers = z.object(headers);
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
    // the permission a role needs at all for this route (checked before its input is validated)
    ...(spec.can ? { 'x-permission': `${spec.can[0]} ${spec.can[1]}` } : {}),
  });
  // sign-in is checked before an upload is read, so strangers cannot make the server buffer files
  const signedIn: RequestHandler = (req, _res, next) => next(req.ctx.principal ? undefined : new UnauthenticatedError(req.ctx.authError ?? 'UNAUTHENTICATED'));
  const before: RequestHandler[] = [...(spec.auth ? [signedIn] : []), ...(spec.multipart ? [spec.multipart.parser] : [])];
  /** the role may do what the route does at all (`can`); without a declared permission, anyone signed in may */
  const permitted = (ctx: RequestContext) => !spec.can || !ctx.principal || ctx.ability.can(spec.can[0], spec.can[1]);
  const route = `${spec.method.toUpperCase()} ${spec.path}`;
  table.router[spec.method](spec.path, ...before, async (req: Request, res: Response) => {
    if (CHECK_RESPONSES) checkResponses(res, route, (status) => spec.responses[status]?.schema);
    const ctx = req.ctx;
    const length = req.headers['content-length'];
    const hasBody = req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
    if (spec.body && !spec.multipart && req.body === undefined && hasBody) throw new InvalidInputError([], 'UNSUPPORTED_MEDIA_TYPE', 415);
    // input that fails validation is explained only to a caller whose role may do this at all: others get the 403
    // they would get with a valid request, without the fields (permission before validation details)
    const validated = <T>(parse: () => T): T => {
      try {
        return parse();
      } catch (err) {
        if (err instanceof InvalidInputError && !permitted(ctx)) throw new ForbiddenError('FORBIDDEN', { action: spec.can![0] });
        throw err;
      }
    };
    const params = validated(() => parsePart(spec.params, req.params, 'params'));
    // `lang` chooses the language of messages on every route (read by the context middleware); routes that
    // declare it (exports) validate it themselves
    const { lang: _lang, ...rest } = req.query as Record<string, unknown>;
    const declaresLang = spec.query instanceof z.ZodObject && 'lang' in spec.query.shape;
    const query = validated(() => parsePart(spec.query, declaresLang ? req.query : rest, 'query'));
    const body = validated(() => parsePart(spec.body, req.body ?? (spec.body ? undefined : {}), ''));
    // auth: true routes never get here without a principal (the signedIn handler above)
    const run = () => spec.handler({ params, query, body, ctx: ctx as A extends true ? SignedInContext : RequestContext }, req, res);
    if (spec.idempotent && table.idempotency) await withIdempotency(table.idempotency(), ctx.principal!.id, req, res, run);
    else await run();
    // a file the handler prepared leaves only once its audit record is written (api/attribution.ts)
    if (spec.attribution !== false && table.attribution) await table.attribution().fileSent(req, res, route, { params, query });
    deliverHeldFile(res);
  });
}
