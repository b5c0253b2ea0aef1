// The one place errors become HTTP answers. Bad input never yields a 500, and a 500 never leaks internals.
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { recordAuditAlone } from '../../core/audit/audit.js';
import type { Database } from '../../core/db/database.js';
import {
  AppError,
  BadRequestError,
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  PayloadTooLargeError,
  RuleViolationError,
  ServiceBusyError,
  SignInThrottledError,
  TooManyRequestsError,
} from '../../core/errors.js';
import { fieldLabel } from '../../core/field-labels.js';
import { listOf, t, type Locale } from '../../core/i18n.js';
import { refusalOf } from '../../core/workflow/runner.js';
import type { Attribution } from '../attribution.js';

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
}

/** Retry-After of a 503 SERVICE_BUSY: long enough for a queue of waiting transactions to drain. */
const BUSY_RETRY_AFTER_SECONDS = 2;

/** Errors from outside the vocabulary that are the client's fault, or the server's load rather than a fault. */
function normalise(err: unknown): unknown {
  const bp = err as BodyParserError;
  if (bp && typeof bp === 'object' && typeof bp.type === 'string') {
    if (bp.type === 'entity.parse.failed') return new InvalidInputError([], 'MALFORMED_JSON');
    // the JSON parser's verify hook (api/app.ts refuseInvalidUtf8)
    if (bp.type === 'entity.verify.failed') return new InvalidInputError([], 'INVALID_UTF8');
    if (bp.type === 'entity.too.large') return new PayloadTooLargeError(`${Math.round((bp.limit ?? 0) / 1024)} KiB`);
    if (bp.type === 'encoding.unsupported' || bp.type === 'charset.unsupported') {
      return new InvalidInputError([], 'UNSUPPORTED_MEDIA_TYPE', 415);
    }
  }
  const prismaCode = (err as { code?: string })?.code;
  if (prismaCode === 'P2002') return new ConflictError('ALREADY_EXISTS', { what: 'record' });
  if (prismaCode === 'P2025') return new NotFoundError('record');
  // Prisma's transaction API: no connection for a transaction within its wait, or a transaction that outlived its
  // timeout (rolled back). Overload, not a fault of the request: nothing was done, so 503 and try again.
  if (prismaCode === 'P2028') return new ServiceBusyError(BUSY_RETRY_AFTER_SECONDS);
  // express and its parsers mark client errors (e.g. a malformed percent-encoding in the path) with a 4xx status
  const status = (err as { status?: number; statusCode?: number })?.status ?? (err as { statusCode?: number })?.statusCode;
  if (err instanceof Error && !(err instanceof AppError) && typeof status === 'number' && status >= 400 && status < 500) return new BadRequestError();
  return err;
}

function bodyFor(err: AppError, locale: Locale) {
  // fields a role may not change are named as people call them, in the message too
  const params = err instanceof ForbiddenError && err.fields.length ? { ...err.params, fields: listOf(err.fields.map((f) => fieldLabel(f, locale)), locale) } : err.params;
  const body: Record<string, unknown> = { code: err.code, message: t(err.code, locale, params) };
  if (err instanceof InvalidInputError && err.issues.length) {
    body.fields = err.issues.map((i) => ({ path: i.path, label: fieldLabel(i.path, locale), code: i.code, message: t(i.code, locale, i.params ?? {}) }));
  }
  if (err instanceof ForbiddenError && err.fields.length) {
    body.fields = err.fields.map((path) => ({ path, label: fieldLabel(path, locale), code: 'FORBIDDEN_FIELD', message: t('FORBIDDEN_FIELD_ITEM', locale) }));
  }
  if (err instanceof RuleViolationError) body.violations = err.violations;
  if (typeof err.params.article === 'string') body.article = err.params.article;
  return body;
}

export function errorHandler(db: Database, log: Logger, attribution?: Attribution) {
  // express recognises error middleware by its four parameters
  return async (raw: unknown, req: Request, res: Response, _next: NextFunction) => {
    const err = normalise(raw);
    const locale = req.ctx?.locale ?? 'zh-CN';
    if (err instanceof AppError) {
      // 401s and 404s on objects are counted per address and minute (api/attribution.ts)
      attribution?.refused(req, err);
      // refused authorizations, and every refused state change (state, version, guards), leave a record
      const refusal = refusalOf(err);
      if ((err instanceof ForbiddenError || refusal) && req.ctx) {
        await recordAuditAlone(db, req.ctx.audit, {
          action: err instanceof ForbiddenError ? 'access.denied' : 'transition.refused',
          outcome: 'DENIED',
          // the object is named in the detail: a refusal is not part of the object's own trail
          detail: {
            method: req.method,
            path: req.originalUrl.split('?')[0],
            reason: err.code,
            ...err.params,
            ...(refusal ? { attempted: refusal.action, object: `${refusal.targetType}:${refusal.targetId}` } : {}),
            // the rules a refused change broke, so a refusal stays countable (assessments/evidence.ts: own-cloud refusals)
            ...(err instanceof RuleViolationError ? { violations: [...new Set(err.violations.map((v) => v.code))] } : {}),
          },
        }).catch((e: unknown) => log.error({ err: e }, 'could not audit a refusal'));
      }
      if (res.headersSent) return void res.end();
      if (err instanceof SignInThrottledError || err instanceof TooManyRequestsError || err instanceof ServiceBusyError) res.setHeader('Retry-After', String(err.retryAfterSeconds));
      res.status(err.status).json(bodyFor(err, locale));
      return;
    }
    const requestId = req.ctx?.requestId ?? '-';
    log.error({ err: raw, requestId }, 'unhandled error');
    if (res.headersSent) return void res.end();
    res.status(500).json({ code: 'INTERNAL', message: t('INTERNAL', locale, { requestId }) });
  };
}

export function notFoundHandler(req: Request, res: Response) {
  const locale = req.ctx?.locale ?? 'zh-CN';
  res.status(404).json({ code: 'ROUTE_NOT_FOUND', message: t('ROUTE_NOT_FOUND', locale, { method: req.method, path: req.path }) });
}
