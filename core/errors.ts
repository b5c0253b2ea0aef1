// The one error vocabulary. Services throw these; api/middleware/errors.ts maps them to HTTP.
import type { z } from 'zod';
import type { violationSchema } from './error-schema.js';

export interface FieldIssue {
  /** JSON path of the field at fault, e.g. "plans.0.unitPrice" */
  path: string;
  /** stable code, e.g. "field.required" */
  code: string;
  params?: Record<string, string | number>;
}

/** A rule broken: its code, message, article and where (core/error-schema.ts declares the shape). */
export type Violation = z.infer<typeof violationSchema>;

export abstract class AppError extends Error {
  abstract readonly status: number;
  constructor(
    readonly code: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = new.target.name;
  }
}

export class NotFoundError extends AppError {
  readonly status = 404;
  constructor(what: string, readonly id?: string) {
    super('NOT_FOUND', { what });
  }
}

export class UnauthenticatedError extends AppError {
  readonly status = 401;
  constructor(code: 'UNAUTHENTICATED' | 'SESSION_EXPIRED' | 'INVALID_CREDENTIALS' = 'UNAUTHENTICATED') {
    super(code);
  }
}

/** Too many failed sign-ins for this account or from this address: wait `retryAfterSeconds` (sent as Retry-After). */
export class SignInThrottledError extends AppError {
  readonly status = 429;
  constructor(readonly retryAfterSeconds: number) {
    super('SIGNIN_THROTTLED', { seconds: retryAfterSeconds });
  }
}

/** Too many of something at once (imports per user): try again after `retryAfterSeconds` (sent as Retry-After). */
export class TooManyRequestsError extends AppError {
  readonly status = 429;
  constructor(
    code: string,
    readonly retryAfterSeconds: number,
    params: Record<string, string | number> = {},
  ) {
    super(code, { seconds: retryAfterSeconds, ...params });
  }
}

/**
 * The server could not take the request on now (every database connection busy past the wait for a transaction):
 * nothing was done; try again after `retryAfterSeconds` (sent as Retry-After).
 */
export class ServiceBusyError extends AppError {
  readonly status = 503;
  constructor(readonly retryAfterSeconds: number) {
    super('SERVICE_BUSY', { seconds: retryAfterSeconds });
  }
}

export class ForbiddenError extends AppError {
  readonly status = 403;
  constructor(
    code: 'FORBIDDEN' | 'FORBIDDEN_FIELD' | 'ACCOUNT_DISABLED' | 'PASSWORD_SIGNIN_DISABLED' | 'OUTSIDE_JURISDICTION' | 'OWN_ORGANISATION_DECISION' = 'FORBIDDEN',
    params: Record<string, string | number> = {},
    readonly fields: string[] = [],
  ) {
    super(code, params);
  }
}

export class InvalidInputError extends AppError {
  readonly status: number;
  constructor(
    readonly issues: FieldIssue[],
    code = 'VALIDATION_FAILED',
    status = 400,
    params: Record<string, string | number> = {},
  ) {
    super(code, params);
    this.status = status;
  }
}

export class ConflictError extends AppError {
  readonly status = 409;
  constructor(code: string, params: Record<string, string | number> = {}) {
    super(code, params);
  }
}

export class BadRequestError extends AppError {
  readonly status = 400;
  constructor() {
    super('BAD_REQUEST');
  }
}

export class PreconditionError extends AppError {
  readonly status: number;
  constructor(code: 'PRECONDITION_REQUIRED' | 'STALE_VERSION') {
    super(code);
    this.status = code === 'PRECONDITION_REQUIRED' ? 428 : 412;
  }
}

export class RuleViolationError extends AppError {
  readonly status = 422;
  constructor(readonly violations: Violation[]) {
    super('RULE_VIOLATION');
  }
}

export class PayloadTooLargeError extends AppError {
  readonly status = 413;
  constructor(limit: string) {
    super('PAYLOAD_TOO_LARGE', { limit });
  }
}

/** A stored file's content is not in the file store, or no longer matches the hash it was stored under (core/files). */
export class StoredContentError extends AppError {
  readonly status = 409;
  constructor(code: 'FILE_CONTENT_MISSING' | 'FILE_CONTENT_CORRUPT', sha256: string) {
    super(code, { sha256 });
  }
}

/** Single sign-on refused or failed (accounts/oidc.ts): the callback shows it as a page, the API as JSON. */
export class SingleSignOnError extends AppError {
  constructor(
    readonly status: 400 | 403 | 404 | 502,
    code: 'OIDC_NOT_CONFIGURED' | 'OIDC_UNAVAILABLE' | 'OIDC_STATE_INVALID' | 'OIDC_PROVIDER_ERROR' | 'OIDC_EXCHANGE_FAILED' | 'OIDC_CLAIM_MISSING' | 'OIDC_UNKNOWN_USER' | 'OIDC_ORG_MISMATCH' | 'OIDC_TICKET_INVALID' | 'ACCOUNT_DISABLED',
    params: Record<string, string | number> = {},
  ) {
    super(code, params);
  }
}
