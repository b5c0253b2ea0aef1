// The malformed requests of the bad-input sweep, derived from a route's JSON schema: each is a name, the raw bytes
// and their Content-Type, and whether it is beyond doubt invalid for any route (a 2xx then fails the sweep).
import type { ApiDocument, JsonSchema, SweptRoute } from './openapi-routes.js';
import { sampleOf } from './sample-body.js';

export interface BadBody {
  name: string;
  contentType: string;
  body: string | Buffer;
  /** no route may accept it; false where a lenient schema could legitimately take it (nulls on nullable fields) */
  invalid: boolean;
  /** the only answers that are right, when they are known whatever the route (status and code) */
  exactly?: { status: number; code: string };
}

export const INVALID_UTF8 = 'invalid UTF-8 bytes in a text field';
/** what the platform answers a body that is not well-formed UTF-8, once it refuses one */
export const UTF8_REFUSED = { status: 400, code: 'INVALID_UTF8' };
const json = 'application/json';

/** Variants the body parser answers before any route runs: they apply to every write route. */
export function parserLevel(): BadBody[] {
  return [
    { name: 'malformed JSON', contentType: json, body: '{"name": "a", ', invalid: true, exactly: { status: 400, code: 'MALFORMED_JSON' } },
    { name: 'oversize body (300 KiB)', contentType: json, body: JSON.stringify({ pad: 'x'.repeat(300 * 1024) }), invalid: true, exactly: { status: 413, code: 'PAYLOAD_TOO_LARGE' } },
  ];
}

/** Variants aimed at a route's declared JSON body. */
export function bodyLevel(route: SweptRoute, doc: ApiDocument): BadBody[] {
  const schema = resolveTop(route.jsonBody!, doc);
  const sample = sampleOf(schema, doc) as Record<string, unknown>;
  const props = Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>);
  const out: BadBody[] = [];
  const add = (name: string, value: unknown, invalid = true) => out.push({ name, contentType: json, body: JSON.stringify(value), invalid });
  if (props.length) {
    add('wrong types in every field', Object.fromEntries(props.map(([k, s]) => [k, wrongType(resolveTop(s, doc))])));
    add('null in every field', Object.fromEntries(props.map(([k]) => [k, null])), false);
    const texts = props.filter(([, s]) => typeOf(resolveTop(s, doc)) === 'string').map(([k]) => k);
    if (texts.length) {
      add('huge strings (30 000 characters in every text field)', { ...sample, ...Object.fromEntries(texts.map((k) => [k, '政'.repeat(30_000)])) });
      add('NUL characters in every text field', { ...sample, ...Object.fromEntries(texts.map((k) => [k, 'a\u0000b'])) });
    }
  }
  add('an array instead of the object', [sample]);
  add('a string instead of the object', 'just a string');
  add('an unknown field', { ...sample, zzUnknownField: 1 });
  out.push({ name: '__proto__ key', contentType: json, body: `{${Object.entries(sample).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)},`).join('')}"__proto__":{"isAdmin":true,"role":"SYSADMIN"}}`, invalid: true });
  add('constructor.prototype key', { ...sample, constructor: { prototype: { isAdmin: true } } });
  out.push({ name: 'deep nesting (5 000 levels)', contentType: json, body: '{"a":'.repeat(5000) + '1' + '}'.repeat(5000), invalid: true });
  out.push({ name: 'text/plain instead of JSON', contentType: 'text/plain', body: JSON.stringify(sample), invalid: true });
  // the body parser refuses invalid UTF-8 before any route sees it (it used to be decoded to U+FFFD and stored)
  out.push({ name: INVALID_UTF8, contentType: 'application/json; charset=utf-8', body: withBadBytes(sample, props, doc), invalid: true, exactly: UTF8_REFUSED });
  return out;
}

function withBadBytes(sample: Record<string, unknown>, props: [string, JsonSchema][], doc: ApiDocument): Buffer {
  const field = props.find(([, s]) => typeOf(resolveTop(s, doc)) === 'string')?.[0] ?? 'zzText';
  return badUtf8Json({ ...sample, [field]: '@@BAD@@' });
}

/** The JSON of `value` with the string '@@BAD@@' replaced by bytes that are not UTF-8 (a lone 0xFF, an overlong and a surrogate encoding). */
export function badUtf8Json(value: unknown): Buffer {
  const text = JSON.stringify(value);
  const [before, after] = text.split('@@BAD@@');
  return Buffer.concat([Buffer.from(before!), Buffer.from([0x61, 0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0x62]), Buffer.from(after!)]);
}

function typeOf(s: JsonSchema): string | undefined {
  if (Array.isArray(s.enum)) return 'enum';
  if (Array.isArray(s.type)) return s.type.find((x: string) => x !== 'null');
  if (s.anyOf || s.oneOf) return typeOf((s.anyOf ?? s.oneOf).find((x: JsonSchema) => x.type !== 'null') ?? {});
  return s.type;
}

function wrongType(s: JsonSchema): unknown {
  switch (typeOf(s)) {
    case 'string':
      return 12345;
    case 'integer':
    case 'number':
      return '一二三';
    case 'boolean':
      return 'yes';
    case 'array':
      return { '0': 1 };
    case 'object':
      return 'not an object';
    case 'enum':
      return 'NOT_A_VALUE_OF_THE_ENUM';
    default:
      return [[[]]];
  }
}

function resolveTop(s: JsonSchema, doc: ApiDocument): JsonSchema {
  let cur = s;
  for (let i = 0; i < 5 && cur?.$ref; i++) cur = doc.components?.schemas?.[cur.$ref.replace('#/components/schemas/', '')] ?? {};
  return cur ?? {};
}
