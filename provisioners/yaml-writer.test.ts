// The fast YAML writer against the reference: for every object, the bytes written by writeCanonicalYaml (and so
// by renderObject) must equal what the `yaml` library writes for the canonical form, as render.ts did before.
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { tenantInputs } from '../bench/desired-state.js';
import { prng } from '../bench/in-process.js';
import { seedCatalogView } from '../catalog/seed-view.js';
import { desiredState } from './desired-state.js';
import { METADATA_FIRST, TOP_LEVEL_FIRST, renderObject, renderObjectWithLibrary, renderYaml } from './render.js';
import type { K8sObject, TenantInput } from './tenant-input.js';
import { writeCanonicalYaml, writeYamlDocument } from './yaml-writer.js';

const catalog = seedCatalogView();
const fast = (obj: K8sObject) => writeCanonicalYaml(obj, TOP_LEVEL_FIRST, METADATA_FIRST);

/** Compares the two writers on each object; returns the first difference (or null), counting the objects. */
function firstDifference(objects: K8sObject[]): { fast: string | null; library: string } | null {
  for (const obj of objects) {
    const library = renderObjectWithLibrary(obj);
    const written = fast(obj);
    if (written !== library) return { fast: written, library };
    if (renderObject(obj) !== library) return { fast: renderObject(obj), library };
  }
  return null;
}

const ODD = [
  'yes', 'No', 'on', 'OFF', 'y', 'n', '~', 'null', 'Null', 'true', 'False', '0x1F', '0o17', '017', '0b101', '1e3', '1_000', '1:20', '.inf', '-.Inf', '.NaN',
  '3.14', '-7', '+7', '2026-12-07', '2026-12-07T20:10:00Z', '-', '?', ':', '- x', '? x', 'a: b', 'a:b', 'a #b', 'a#b', '#x', '&anchor', '*alias', '!tag', '|', '>',
  "it's", 'say "hi"', `both ' and "`, '%x', '@x', '`x`', '[x]', '{x}', 'x,y', ' lead', 'trail ', '\tTab', 'a\tb', 'line1\nline2', 'line1\nline2\n', 'ends\n\n',
  '\nstarts', '  indented\nblock', 'x\n  more', 'spaced \nline', '---', '--- x', 'a\n---\nb', '...', 'a\n...', '', ' ', '\n', 'bell\u0007', 'nul\u0000', 'del\u007f', 'lone\ud800',
  'nbsp\u00a0x', 'ls\u2028x', '运城市教育局', '运维: 值班', '中文\n多行\n', 'emoji 🚀', 'ключ', 'é', '\\back\\slash', 'x'.repeat(200), 'word '.repeat(40),
];

describe('the fast YAML writer is byte-identical to the yaml library', () => {
  it('on the desired state of 300 realistic projects (VMs, PostgreSQL clusters, namespaces, quotas, RBAC, cloud-init)', () => {
    const objects = tenantInputs(catalog, 300).flatMap((input) => desiredState(input, catalog));
    const kinds = new Set(objects.map((o) => o.kind));
    for (const kind of ['Namespace', 'ResourceQuota', 'LimitRange', 'NetworkPolicy', 'Role', 'RoleBinding', 'Secret', 'VirtualMachine', 'Cluster']) expect(kinds).toContain(kind);
    expect(objects.length).toBeGreaterThan(3000);
    expect(objects.every((o) => fast(o) !== null)).toBe(true); // no fallback: the fast path itself is compared
    expect(firstDifference(objects)).toBeNull();
  });

  it('on projects with odd names, groups and key comments (quotes, indicators, YAML 1.1 words, Chinese, emoji)', () => {
    const base = tenantInputs(catalog, ODD.length);
    const rendered: K8sObject[] = [];
    ODD.forEach((odd, i) => {
      const input: TenantInput = {
        ...base[i]!,
        project: { ...base[i]!.project, name: odd },
        org: { ...base[i]!.org, name: `${odd}局` },
        groups: [...base[i]!.groups, ...(odd.trim() && !/[\u0000-\u001f]/.test(odd) ? [odd] : [])],
        sshPublicKeys: base[i]!.sshPublicKeys.map((k) => `${k.split(' ').slice(0, 2).join(' ')} ${odd.replace(/\s/g, '') || 'x'}`),
      };
      try {
        rendered.push(...desiredState(input, catalog));
      } catch {
        rendered.push(...desiredState({ ...input, sshPublicKeys: base[i]!.sshPublicKeys }, catalog)); // a key comment it refuses
      }
    });
    expect(rendered.length).toBeGreaterThan(ODD.length * 10);
    expect(rendered.every((o) => fast(o) !== null)).toBe(true);
    expect(firstDifference(rendered)).toBeNull();
  });

  it('on a project with nothing drawn yet and on one with every seed plan kind entitled but none drawn', () => {
    const [input] = tenantInputs(catalog, 1);
    const empty = desiredState({ ...input!, items: [] }, catalog);
    expect(firstDifference(empty)).toBeNull();
    expect(renderYaml(empty)).toBe(empty.map(renderObjectWithLibrary).join('---\n'));
  });

  it('on hand-made objects: empty and nested collections, numbers, booleans, null, undefined, integer-like and quoted keys, block scalars', () => {
    const objects: K8sObject[] = [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } },
      { kind: 'ConfigMap', apiVersion: 'v1', metadata: { annotations: {}, labels: { b: '1', a: 'yes' }, namespace: 'ns', name: 'x', extra: [] } as K8sObject['metadata'], data: {} },
      {
        apiVersion: 'v1', kind: 'X', metadata: { name: 'n', namespace: undefined },
        spec: {
          empty: [], obj: {}, nested: [[], {}, [[1, 2], [{ x: 1, y: [3] }]], [null, true, false]], nums: [0, -0, 1.5, -2.25, 1e21, 1e-7, 123456789012345678901234, 0.1 + 0.2, Number.MAX_SAFE_INTEGER, NaN, Infinity],
          drop: undefined, fn: () => 1, arr: [undefined, () => 1, 'x'], '10': 'ten', '9': 'nine', '01': 'lead zero', '4294967295': 'not an index', b: 1, a: 2, 'x y': 3, 'y': 'n', 'yes': 'no',
          multi: 'line1\nline2\n', keep: 'a\n\n', strip: 'a\nb', lead: '  a\nb', doc: '---\na', inner: { deep: { deeper: '#cloud-config\nusers:\n  - name: ops\n' } }, seqOfBlocks: ['a\nb', 'c\n'],
          'multi\nline key': 1, 'a: b': 2, '#': 3, '': 4, '---': 5, '中文键': '中文值',
        },
        status: null, list: [{}, { a: {} }, { a: [] }],
      },
      { apiVersion: 'v1', kind: 'Y', metadata: { name: 'n' }, ['k'.repeat(1030)]: 'explicit key in the library' } as K8sObject,
    ];
    expect(objects.slice(0, 3).every((o) => fast(o) !== null)).toBe(true);
    expect(firstDifference(objects.slice(0, 3))).toBeNull();
    expect(fast(objects[3]!)).toBeNull(); // a key over 1,024 characters: the library's `? key` form, via the fallback
    expect(renderObject(objects[3]!)).toBe(renderObjectWithLibrary(objects[3]!));
  });

  it('leaves what is not plain data to the library: Dates, class instances, toJSON, __proto__ keys, array metadata', () => {
    const odd: K8sObject[] = [
      { apiVersion: 'v1', kind: 'X', metadata: { name: 'n' }, at: new Date(Date.UTC(2026, 11, 7)) },
      { apiVersion: 'v1', kind: 'X', metadata: { name: 'n' }, m: new Map([['a', 1]]) },
      { apiVersion: 'v1', kind: 'X', metadata: { name: 'n' }, j: { toJSON: () => 'as json' } },
      { apiVersion: 'v1', kind: 'X', metadata: { name: 'n' }, p: JSON.parse('{"__proto__": {"a": 1}}') },
      { apiVersion: 'v1', kind: 'X', metadata: ['a', 'b'] } as unknown as K8sObject,
    ];
    for (const obj of odd) {
      expect(fast(obj)).toBeNull();
      expect(renderObject(obj)).toBe(renderObjectWithLibrary(obj));
    }
  });

  it('on 3,000 random plain values built from tricky strings, numbers and nesting', () => {
    const rand = prng(20261207);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const str = (): string => {
      const parts = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => (rand() < 0.5 ? pick(ODD) : pick(['a', 'b-c', '1', ':', '#', ' ', '\n', "'", '"', '运', 'Z', '0', '.', '/', '-', '~', '\t'])));
      return parts.join(rand() < 0.7 ? '' : pick([' ', ': ', '\n', ' #', '-']));
    };
    const scalar = (): unknown => pick([str, str, str, () => Math.floor(rand() * 2000) - 1000, () => rand() * 100, () => rand() < 0.5, () => null, () => undefined, () => pick([0, -0, 1e300, 5e-324])])();
    const value = (depth: number): unknown => {
      const r = rand();
      if (depth > 3 || r < 0.5) return scalar();
      if (r < 0.75) return Array.from({ length: Math.floor(rand() * 4) }, () => value(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(rand() * 5) }, () => [rand() < 0.2 ? pick(ODD) : str(), value(depth + 1)]));
    };
    let compared = 0;
    for (let i = 0; i < 3000; i++) {
      const obj = { apiVersion: str(), kind: str(), metadata: { name: str(), labels: value(2) as Record<string, string>, [str()]: value(1) }, [str()]: value(0), spec: value(0) } as K8sObject;
      const library = renderObjectWithLibrary(obj);
      const written = fast(obj);
      if (written === null) continue; // a key written longer than 1,024 characters
      compared++;
      if (written !== library) expect({ obj: JSON.stringify(obj), written }).toEqual({ obj: JSON.stringify(obj), written: library });
    }
    expect(compared).toBeGreaterThan(2900);
  });

  it('on 3,000 random plain values in their own key order (writeYamlDocument)', () => {
    const rand = prng(20261208);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const scalar = (): unknown => pick([() => pick(ODD), () => pick(ODD) + pick(ODD), () => Math.floor(rand() * 2000) - 1000, () => rand() * 10, () => rand() < 0.5, () => null])();
    const value = (depth: number): unknown => {
      const r = rand();
      if (depth > 3 || r < 0.5) return scalar();
      if (r < 0.75) return Array.from({ length: Math.floor(rand() * 4) }, () => value(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(rand() * 5) }, () => [pick(ODD) + (rand() < 0.3 ? pick(['1', '', ' x']) : ''), value(depth + 1)]));
    };
    for (let i = 0; i < 3000; i++) {
      const config = Object.fromEntries(Array.from({ length: 1 + Math.floor(rand() * 4) }, () => [pick(ODD), value(0)]));
      const library = new YAML.Document(config, { version: '1.1' }).toString({ lineWidth: 0 });
      const written = writeYamlDocument(config);
      if (written !== library) expect({ config: JSON.stringify(config), written }).toEqual({ config: JSON.stringify(config), written: library });
    }
  });

  it('writes cloud-init user data as the library does, in the config’s own key order (odd hostnames and key comments)', () => {
    const library = (config: object) => new YAML.Document(config, { version: '1.1' }).toString({ lineWidth: 0 });
    for (const odd of ODD) {
      const config = { hostname: odd, ssh_pwauth: false, disable_root: true, ssh_authorized_keys: [`ssh-ed25519 AAAAC3Nza ${odd}`, odd] };
      expect(writeYamlDocument(config)).toBe(library(config));
    }
    // what the library would write with anchors, -0, NaN or undefined: written by the library itself
    const shared = ['a'];
    for (const config of [{ a: shared, b: shared }, { n: -0 }, { n: NaN }, { u: undefined, x: 1 }, { at: new Date(0) }]) expect(writeYamlDocument(config)).toBe(library(config));
    // and desiredState's Secrets hold exactly that
    for (const secret of desiredState(tenantInputs(catalog, 20)[3]!, catalog).filter((o) => o.kind === 'Secret')) {
      const userdata = (secret.stringData as { userdata: string }).userdata;
      expect(userdata.startsWith('#cloud-config\n')).toBe(true);
      expect(userdata).toBe(`#cloud-config\n${library(YAML.parse(userdata, { version: '1.1' }))}`);
    }
  });

  it('writes what the library parses back to the canonical object', () => {
    const [input] = tenantInputs(catalog, 1);
    for (const obj of desiredState(input!, catalog)) expect(YAML.parse(renderObject(obj), { version: '1.1' })).toEqual(JSON.parse(JSON.stringify(obj)));
  });
});
