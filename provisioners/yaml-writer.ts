// The fast path of provisioners/render.ts: writes the canonical form of a Kubernetes object as YAML 1.1 in one
// walk, byte-identical to `new YAML.Document(canonical(obj), { version: '1.1' }).toString({ lineWidth: 0 })`
// (writeCanonicalYaml), and a plain document in its own key order, e.g. cloud-init user data (writeYamlDocument).
//
// The library spends its time building a node tree (a Scalar, Pair and YAMLMap per value), copying a context
// per pair and testing every string against the YAML 1.1 tags. Here the block layout of maps and sequences (the
// only layout the library picks for plain data: `key: value`, `- item`, `{}`/`[]` when empty) is written
// directly, and every scalar is still written by the library's own `stringifyString` (number, boolean and null
// via a one-pair document) in the context it would have, memoised: the quoting rules (numbers, booleans, null,
// timestamps, indicators, multi-line blocks) stay the library's. provisioners/yaml-writer.test.ts compares the
// bytes with the library's (a `yaml` upgrade that changed its layout would fail there).
// Input the layout does not cover (class instances, Dates, toJSON, `__proto__` keys, keys written longer than
// 1,024 characters) is rendered by the library itself.
import YAML from 'yaml';
import { stringifyString } from 'yaml/util';

const STEP = '  ';
const doc = new YAML.Document(null, { version: '1.1' });
// The options createStringifyContext builds (yaml 2.x defaults) with lineWidth 0, as renderObject passes.
const options = {
  blockQuote: true,
  commentString: (s: string) => s.replace(/^(?!$)(?: $)?/gm, '#'),
  defaultKeyType: null,
  defaultStringType: 'PLAIN',
  directives: null,
  doubleQuotedAsJSON: false,
  doubleQuotedMinMultiLineLength: 40,
  falseStr: 'false',
  flowCollectionPadding: true,
  indentSeq: true,
  lineWidth: 0,
  minContentWidth: 20,
  nullStr: 'null',
  simpleKeys: false,
  singleQuote: null,
  trailingComma: false,
  trueStr: 'true',
  verifyAliasOrder: true,
  ...doc.schema.toStringOptions,
};

class Unsupported extends Error {}

// Small enough that a run over many projects keeps only what they share (label keys, kinds, verbs, API groups):
// each project's own strings (names, ids, keys, cloud-init) go through the library when it is rendered, as they
// would in a worker rendering each project once; emptied when full.
const CACHE_LIMIT = 4096;
const keyCache = new Map<string, string>();
const valueCache = new Map<string, string>();
const otherCache = new Map<number | boolean | null, string>();

function remember<K>(cache: Map<K, string>, key: K, value: string): string {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;

/** The library's rendering of a string scalar at `indent` (the context's indent: the pair's or the item's). */
function libraryString(value: string, indent: string, implicitKey: boolean): string {
  const ctx = { actualString: true, anchors: new Set(), doc, flowCollectionPadding: ' ', indent, indentStep: STEP, inFlow: null, implicitKey, options };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return stringifyString(new YAML.Scalar(value) as any, ctx as any);
}

/**
 * A key's rendering depends on its indent only through the document-marker rule; a value's also when it spans
 * lines (block scalars are indented). Everything else is memoised by the string alone.
 */
function keyString(key: string, indent: string): string {
  const hit = keyCache.get(key);
  if (hit !== undefined) return hit;
  if (DOCUMENT_MARKER.test(key)) return libraryString(key, indent, true);
  return remember(keyCache, key, libraryString(key, indent, true));
}

function valueString(value: string, indent: string): string {
  const hit = valueCache.get(value);
  if (hit !== undefined) return hit;
  if (value.includes('\n') || DOCUMENT_MARKER.test(value)) return libraryString(value, indent, false);
  return remember(valueCache, value, libraryString(value, indent, false));
}

/** Numbers, booleans and null do not depend on their place: the library's rendering of `x: <value>`. */
function otherScalar(value: number | boolean | null): string {
  const hit = otherCache.get(value);
  if (hit !== undefined) return hit;
  const text = new YAML.Document({ x: value }, { version: '1.1' }).toString({ lineWidth: 0 });
  return remember(otherCache, value, text.slice(3, -1));
}

/**
 * How the walk reads its input. `canonical`: as JSON.stringify would (what canonical() does), keys sorted.
 * Otherwise as the library's createNode would, in the object's own key order; there only plain data without
 * undefined, non-finite numbers, -0 or shared objects is written here (the library would write anchors).
 */
let canonicalMode = true;
let seen: Set<object> | null = null;

/** The value as the walk writes it: undefined for what is dropped (canonical mode: non-finite numbers null). */
function jsonValue(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!canonicalMode && (!Number.isFinite(value) || Object.is(value, -0))) throw new Unsupported();
      return Number.isFinite(value) ? (value === 0 ? 0 : value) : null; // -0 becomes 0 through JSON
    case 'object': {
      if (value === null) return null;
      const proto = Object.getPrototypeOf(value);
      if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) throw new Unsupported();
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') throw new Unsupported();
      if (seen) {
        if (seen.has(value)) throw new Unsupported();
        seen.add(value);
      }
      return value;
    }
    case 'bigint':
      throw new Unsupported();
    default:
      if (!canonicalMode) throw new Unsupported();
      return undefined; // undefined, functions, symbols
  }
}

const INDEX = /^(?:0|[1-9]\d*)$/;

/** Object keys in the order a freshly built object would iterate them: array indices first, ascending. */
function iterationOrder(keys: string[]): string[] {
  let indices: string[] | null = null;
  for (const k of keys) {
    const c = k.charCodeAt(0);
    if (c >= 48 && c <= 57 && INDEX.test(k) && Number(k) < 4294967295) (indices ??= []).push(k);
  }
  if (!indices) return keys;
  indices.sort((a, b) => Number(a) - Number(b));
  return [...indices, ...keys.filter((k) => !indices.includes(k))];
}

function sortedKeys(obj: Record<string, unknown>, first?: readonly string[]): string[] {
  const keys = Object.keys(obj);
  if (!canonicalMode) return keys;
  // one pass: most maps hold no dropped value and no index-like key, and many are already in order
  let inOrder = true;
  let dropped = false;
  let digit = false;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (key === '__proto__') throw new Unsupported();
    const v = obj[key];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') dropped = true;
    if (i > 0 && keys[i - 1]! > key) inOrder = false;
    const c = key.charCodeAt(0);
    if (c >= 48 && c <= 57) digit = true;
  }
  const present = dropped ? keys.filter((k) => jsonValue(obj[k]) !== undefined) : keys;
  if (!inOrder) present.sort();
  if (!first) return digit ? iterationOrder(present) : present;
  const head = first.filter((k) => present.includes(k));
  const ordered = head.length ? [...head, ...present.filter((k) => !head.includes(k))] : present;
  return digit ? iterationOrder(ordered) : ordered;
}

function writeMap(obj: Record<string, unknown>, indent: string, first?: readonly string[], nested?: { key: string; first: readonly string[] }): string {
  const keys = sortedKeys(obj, first);
  if (keys.length === 0) return '{}';
  const pairIndent = indent + STEP;
  let out = '';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const k = keyString(key, pairIndent);
    if (k.length > 1024) throw new Unsupported(); // the library writes an explicit `? key`
    if (i > 0) out += '\n' + indent;
    const value = jsonValue(obj[key]);
    let childFirst: readonly string[] | undefined;
    if (nested && nested.key === key && value !== null && typeof value === 'object') {
      if (Array.isArray(value)) throw new Unsupported(); // canonical() would turn it into a map of indices
      childFirst = nested.first;
    }
    out += k + ':' + writePairValue(value, pairIndent, childFirst);
  }
  return out;
}

function writeSeq(items: unknown[], indent: string): string {
  if (items.length === 0) return '[]';
  const itemIndent = indent + STEP;
  let out = '';
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out += '\n' + indent;
    const item = jsonValue(items[i]);
    out += '- ' + writeNode(item === undefined ? null : item, itemIndent);
  }
  return out;
}

function writeNode(value: unknown, indent: string, first?: readonly string[]): string {
  if (typeof value === 'string') return valueString(value, indent);
  if (value === null || typeof value !== 'object') return otherScalar(value as number | boolean | null);
  return Array.isArray(value) ? writeSeq(value, indent) : writeMap(value as Record<string, unknown>, indent, first);
}

/** After `key:` — a space before scalars and empty collections, a new line before block collections. */
function writePairValue(value: unknown, indent: string, first?: readonly string[]): string {
  const text = writeNode(value, indent, first);
  if (value !== null && typeof value === 'object' && text !== '{}' && text !== '[]') return '\n' + indent + text;
  return ' ' + text;
}

/**
 * The YAML document of a Kubernetes object in canonical order (`topFirst` keys first, `metadata`'s keys in
 * `metadataFirst` order first, everything else sorted), or null when the input needs the library.
 */
export function writeCanonicalYaml(obj: object, topFirst: readonly string[], metadataFirst: readonly string[]): string | null {
  canonicalMode = true;
  seen = null;
  try {
    if (jsonValue(obj) === null || Array.isArray(obj)) return null;
    return writeMap(obj as Record<string, unknown>, '', topFirst, { key: 'metadata', first: metadataFirst }) + '\n';
  } catch (err) {
    if (err instanceof Unsupported) return null;
    throw err;
  }
}

/**
 * `new YAML.Document(obj, { version: '1.1' }).toString({ lineWidth: 0 })` for a plain map of plain data, in
 * its own key order, written the same way (the library itself for anything else).
 */
export function writeYamlDocument(obj: Record<string, unknown>): string {
  canonicalMode = false;
  seen = new Set();
  try {
    if (obj !== null && typeof obj === 'object' && !Array.isArray(obj) && jsonValue(obj) === obj) return writeMap(obj, '') + '\n';
  } catch (err) {
    if (!(err instanceof Unsupported)) throw err;
  } finally {
    canonicalMode = true;
    seen = null;
  }
  return new YAML.Document(obj, { version: '1.1' }).toString({ lineWidth: 0 });
}
