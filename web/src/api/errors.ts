// What a failed API call becomes: the server's own message (already in the user's language), its stable code,
// and the details the UI shows next to fields (fields[]) or lines (violations[]). Never the raw body.
import { formatDateTime } from '../format/dates';
import type { components } from './schema';

/** A field at fault, and a rule broken (a project line's, a spreadsheet row's …), as the API documents them. */
export type FieldError = components['schemas']['FieldError'];
export type RuleViolation = components['schemas']['Violation'];
type ErrorBody = components['schemas']['Error'];

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
    readonly violations: RuleViolation[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** someone else changed the object since it was read (If-Match did not match) */
  get isStale(): boolean {
    return this.status === 412;
  }
}

/** Instants inside server messages (e.g. a lockout's end) read in Shanghai time, not as raw ISO UTC. */
function localiseInstants(message: string): string {
  return message.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z/g, (iso) => formatDateTime(iso));
}

/** Turns an error body into an ApiError; a body that is not ours gets a plain message for its status. */
export function toApiError(status: number, body: unknown, fallback: string): ApiError {
  if (body && typeof body === 'object' && typeof (body as { message?: unknown }).message === 'string') {
    const b = body as Partial<ErrorBody> & { message: string };
    return new ApiError(status, b.code ?? 'ERROR', localiseInstants(b.message), Array.isArray(b.fields) ? b.fields : [], Array.isArray(b.violations) ? b.violations : []);
  }
  return new ApiError(status, status === 0 ? 'NETWORK' : 'HTTP_' + status, fallback);
}
