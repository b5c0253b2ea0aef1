// A plausible request body from a route's JSON schema (OpenAPI 3.1, as zod-to-openapi writes it): the required
// fields with values of the right type, so that a request reaches the permission check instead of stopping at
// validation. It need not be accepted by the service; it only has to be well-formed.
import crypto from 'node:crypto';
import type { ApiDocument, JsonSchema } from './openapi-routes.js';

const MAX_DEPTH = 8;

export function sampleOf(schema: JsonSchema | undefined, doc: ApiDocument, depth = 0): unknown {
  if (!schema || depth > MAX_DEPTH) return {};
  if (schema.$ref) return sampleOf(resolve(schema.$ref, doc), doc, depth + 1);
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum.find((v: unknown) => v !== null) ?? schema.enum[0];
  if ('default' in schema && schema.default !== undefined) return schema.default;
  for (const key of ['oneOf', 'anyOf'] as const) {
    if (Array.isArray(schema[key])) {
      const choice = schema[key].find((s: JsonSchema) => s.type !== 'null') ?? schema[key][0];
      return sampleOf(choice, doc, depth + 1);
    }
  }
  if (Array.isArray(schema.allOf)) {
    return Object.assign({}, ...schema.allOf.map((s: JsonSchema) => sampleOf(s, doc, depth + 1) as object));
  }
  const type = Array.isArray(schema.type) ? (schema.type.find((t: string) => t !== 'null') ?? 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const name of (schema.required ?? []) as string[]) out[name] = sampleOf(schema.properties?.[name], doc, depth + 1);
      return out;
    }
    case 'array': {
      const n = Math.max(1, schema.minItems ?? 1);
      return Array.from({ length: n }, () => sampleOf(schema.items, doc, depth + 1));
    }
    case 'string':
      return sampleString(schema);
    case 'integer':
    case 'number': {
      if (typeof schema.minimum === 'number') return schema.minimum;
      if (typeof schema.exclusiveMinimum === 'number') return type === 'integer' ? schema.exclusiveMinimum + 1 : schema.exclusiveMinimum + 1;
      return 1;
    }
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return {};
  }
}

function sampleString(schema: JsonSchema): string {
  switch (schema.format) {
    case 'uuid':
      return crypto.randomUUID();
    case 'date':
      return '2026-11-02';
    case 'date-time':
      return '2026-11-02T08:00:00.000Z';
    case 'email':
      return 'sweep@example.com';
    case 'uri':
    case 'url':
      return 'https://203.0.113.10/sweep';
  }
  if (typeof schema.pattern === 'string' && /date|\\d\{4\}-/.test(schema.pattern)) return '2026-11-02';
  const min = typeof schema.minLength === 'number' ? schema.minLength : 1;
  return '安全测试'.padEnd(Math.max(min, 4), '测');
}

function resolve(ref: string, doc: ApiDocument): JsonSchema {
  const name = ref.replace('#/components/schemas/', '');
  const found = doc.components?.schemas?.[name];
  if (!found) throw new Error(`unresolved $ref ${ref}`);
  return found;
}
