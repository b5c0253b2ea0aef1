// The render driver: Kubernetes objects as YAML. `renderYaml` is pure; `renderToFolder` writes one file per
// object into a folder per namespace, atomically, and removes the files of objects that are gone, so the
// folder always mirrors the latest desired state (ready for `kubectl apply --prune` or a GitOps agent).
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { K8sObject } from './tenant-input.js';
import { isDnsLabel } from './names.js';
import { writeCanonicalYaml } from './yaml-writer.js';

export const TOP_LEVEL_FIRST = ['apiVersion', 'kind', 'metadata'];
export const METADATA_FIRST = ['name', 'namespace', 'labels', 'annotations'];

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortDeep((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

function ordered(obj: Record<string, unknown>, first: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of first) if (key in obj) out[key] = obj[key];
  for (const key of Object.keys(obj).sort()) if (!first.includes(key)) out[key] = obj[key];
  return out;
}

/**
 * A canonical form: apiVersion, kind, metadata (name, namespace, labels, annotations) first, every other key
 * sorted, undefined dropped. Two objects with equal content render byte-identically whatever the key order.
 */
export function canonical(obj: K8sObject): Record<string, unknown> {
  const sorted = sortDeep(JSON.parse(JSON.stringify(obj))) as Record<string, unknown>;
  const top = ordered(sorted, TOP_LEVEL_FIRST);
  if (top.metadata && typeof top.metadata === 'object') top.metadata = ordered(top.metadata as Record<string, unknown>, METADATA_FIRST);
  return top;
}

/**
 * One object as a YAML document, the reference rendering: the `yaml` library on the canonical form. YAML 1.1
 * output: kubectl and client-go parse YAML 1.1, where unquoted yes/no/on/off are booleans, so every such string
 * is quoted.
 */
export function renderObjectWithLibrary(obj: K8sObject): string {
  return new YAML.Document(canonical(obj), { version: '1.1' }).toString({ lineWidth: 0 });
}

/**
 * One object as a YAML document, byte-identical to renderObjectWithLibrary: the block layout written in one
 * walk, the scalars by the library (provisioners/yaml-writer.ts); input it does not cover goes to the library.
 */
export function renderObject(obj: K8sObject): string {
  return writeCanonicalYaml(obj, TOP_LEVEL_FIRST, METADATA_FIRST) ?? renderObjectWithLibrary(obj);
}

/** Objects as one multi-document YAML stream, in the order given. */
export function renderYaml(objects: K8sObject[]): string {
  return objects.map(renderObject).join('---\n');
}

/** `<kind>-<name>.yaml`, lowercase kind. */
export function objectFileName(obj: K8sObject): string {
  return `${obj.kind.toLowerCase()}-${obj.metadata.name}.yaml`;
}

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const TEMP_MARK = '.tmp-';

export interface RenderResult {
  folder: string;
  written: string[];
  unchanged: string[];
  removed: string[];
}

async function writeAtomically(file: string, content: string): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}${TEMP_MARK}${process.pid}-${randomBytes(4).toString('hex')}`);
  const handle = await fs.open(temp, 'wx', 0o644);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(temp, file);
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw err;
  }
}

/** A temporary file older than a minute belongs to a run that died (a live run renames within milliseconds). */
async function isAbandoned(file: string): Promise<boolean> {
  try {
    return Date.now() - (await fs.stat(file)).mtimeMs > 60_000;
  } catch {
    return false;
  }
}

async function readIfExists(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * The files of a namespace's rendered manifests: `<kind>-<name>.yaml` → its YAML, sorted by name. Every namespaced
 * object must belong to `namespace`; kinds, names and the namespace must be valid (they name the files).
 */
export function renderFiles(namespace: string, objects: K8sObject[]): Map<string, string> {
  if (!isDnsLabel(namespace)) throw new Error(`render: "${namespace}" is not a valid namespace name`);
  const files = new Map<string, string>();
  for (const obj of objects) {
    const { name, namespace: ns } = obj.metadata;
    if (!SUBDOMAIN.test(name) || name.length > 253 || !/^[A-Za-z][A-Za-z0-9]*$/.test(obj.kind)) {
      throw new Error(`render: ${obj.kind}/${name} has no valid kind and name`);
    }
    if (obj.kind === 'Namespace' ? name !== namespace : ns !== namespace) {
      throw new Error(`render: ${obj.kind}/${name} is not in namespace ${namespace}`);
    }
    const file = objectFileName(obj);
    if (files.has(file)) throw new Error(`render: two objects render to ${file}`);
    files.set(file, renderObject(obj));
  }
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Writes `objects` into `<dir>/<namespace>/`, one file each, and deletes the YAML files there that no object
 * produces any more (and temporary files abandoned by an interrupted run). Files whose content is unchanged are
 * not rewritten. (The render driver keeps its manifests in the file store, provisioners/rendered-manifests.ts;
 * this writes them into a folder, for a GitOps agent or `kubectl apply --prune`.)
 */
export async function renderToFolder(dir: string, namespace: string, objects: K8sObject[]): Promise<RenderResult> {
  const files = renderFiles(namespace, objects);
  const folder = path.join(dir, namespace);
  await fs.mkdir(folder, { recursive: true });
  const result: RenderResult = { folder, written: [], unchanged: [], removed: [] };
  for (const [file, content] of files) {
    const target = path.join(folder, file);
    if ((await readIfExists(target)) === content) {
      result.unchanged.push(file);
      continue;
    }
    await writeAtomically(target, content);
    result.written.push(file);
  }
  for (const entry of (await fs.readdir(folder)).sort()) {
    const stale = entry.endsWith('.yaml') && !files.has(entry);
    const leftover = entry.startsWith('.') && entry.includes(`.yaml${TEMP_MARK}`) && (await isAbandoned(path.join(folder, entry)));
    if (!stale && !leftover) continue;
    await fs.rm(path.join(folder, entry), { force: true });
    if (stale) result.removed.push(entry);
  }
  return result;
}

/** The name the provisioning service uses for renderYaml. */
export const objectsToYaml = renderYaml;
