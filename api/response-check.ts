// In tests, every JSON answer a route sends is checked against the schema it documents for that status: the
// values must parse, and nothing may be sent that the schema does not name. So the OpenAPI document (and the
// console's client generated from it, web/src/api/schema.d.ts) cannot drift from what the server really sends.
import zlib from 'node:zlib';
import type { Response } from 'express';
import type { ZodType } from 'zod';

export const CHECK_RESPONSES = process.env.NODE_ENV === 'test';

/** The first path at which `sent` holds a key the parsed value lost (an undocumented field), or null. */
function undocumented(sent: unknown, parsed: unknown, path: string): string | null {
  if (Array.isArray(sent) && Array.isArray(parsed)) {
    for (let i = 0; i < sent.length; i++) {
      const found = undocumented(sent[i], parsed[i], `${path}[${i}]`);
      if (found) return found;
    }
  } else if (sent && typeof sent === 'object' && parsed && typeof parsed === 'object') {
    for (const [key, value] of Object.entries(sent)) {
      if (!(key in parsed)) return `${path}.${key}`;
      const found = undocumented(value, (parsed as Record<string, unknown>)[key], `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

/** What is wrong with a JSON body against its schema, or null. */
export function responseProblem(schema: ZodType, body: unknown): string | null {
  const result = schema.safeParse(body);
  if (!result.success) return result.error.issues.map((i) => `${['$', ...i.path].join('.')}: ${i.message}`).join('; ');
  const extra = undocumented(body, result.data, '$');
  return extra ? `${extra} is not in the schema` : null;
}

/**
 * Wraps `res.send` so that a JSON answer with a documented schema for its status is checked before it leaves; a
 * mismatch is a server error (and printed, since test logs are silent).
 */
export function checkResponses(res: Response, route: string, schemaFor: (status: number) => ZodType | undefined): void {
  const send = res.send.bind(res);
  res.send = (body?: unknown) => {
    const schema = schemaFor(res.statusCode);
    const json = /^application\/json\b/.test(String(res.getHeader('Content-Type') ?? ''));
    const gzipped = res.getHeader('Content-Encoding') === 'gzip';
    const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? (gzipped ? zlib.gunzipSync(body) : body).toString('utf8') : undefined;
    if (schema && json && text) {
      const problem = responseProblem(schema, JSON.parse(text));
      if (problem) {
        const message = `${route} answered ${res.statusCode} with a body its OpenAPI schema does not describe: ${problem}`;
        console.error(message);
        throw new Error(message);
      }
    }
    return send(body);
  };
}
