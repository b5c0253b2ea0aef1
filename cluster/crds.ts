// CustomResourceDefinitions for the kinds the platform creates (KubeVirt, CDI, CloudNativePG), built from the
// upstream schemas in ../shared/schemas/crds (datreeio/CRDs-catalog: each CRD's openAPIV3Schema as JSON Schema).
// The catalog adds `additionalProperties: false` to every object for strict JSON Schema validation; a CRD's
// structural schema must not say that (the API server prunes unknown fields instead), so it is taken out again.
// Names, scope and subresources follow the upstream CRDs. VirtualMachineInstance has no schema in the catalog:
// its spec is the VirtualMachine's spec.template.spec (the same Go type upstream) and its status is left open.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** the repository root: the nearest folder with a package.json (also from a compiled copy under dist/) */
function repoRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = here; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
  }
  return path.resolve(here, '..');
}
const REPO = repoRoot();
export const CRD_SCHEMAS_DIR = process.env.CRD_SCHEMAS_DIR || path.resolve(REPO, '../shared/schemas/crds');

type Schema = Record<string, unknown>;

interface CrdDef {
  group: string;
  version: string;
  kind: string;
  plural: string;
  shortNames?: string[];
  categories?: string[];
  scope: 'Namespaced' | 'Cluster';
  /** schema file under CRD_SCHEMAS_DIR, or a function deriving the schema from others */
  schema: string | (() => Schema);
  status?: boolean;
  scale?: { specReplicasPath: string; statusReplicasPath: string; labelSelectorPath?: string };
  columns?: { name: string; type: string; jsonPath: string }[];
}

const AGE = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' };
const PHASE = { name: 'Phase', type: 'string', jsonPath: '.status.phase' };

function readSchema(file: string): Schema {
  const full = path.join(CRD_SCHEMAS_DIR, file);
  if (!fs.existsSync(full)) {
    throw new Error(`CRD schema not found: ${full} (the shared/ folder beside the repository, or set CRD_SCHEMAS_DIR)`);
  }
  return JSON.parse(fs.readFileSync(full, 'utf8')) as Schema;
}

const obj = (v: unknown): Schema => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Schema) : {});

function vmiSchema(): Schema {
  const vm = readSchema('kubevirt.io/virtualmachine_v1.json');
  const vmiSpec = obj(obj(obj(obj(obj(obj(vm.properties).spec).properties).template).properties).spec);
  const top = obj(vm.properties);
  return {
    description: 'VirtualMachineInstance is *the* VirtualMachineInstance Definition.',
    type: 'object',
    required: ['spec'],
    properties: {
      apiVersion: top.apiVersion,
      kind: top.kind,
      metadata: { type: 'object' },
      spec: vmiSpec,
      status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    },
  };
}

export const CRD_DEFS: readonly CrdDef[] = [
  {
    group: 'kubevirt.io', version: 'v1', kind: 'VirtualMachine', plural: 'virtualmachines', shortNames: ['vm', 'vms'],
    categories: ['all'], scope: 'Namespaced', schema: 'kubevirt.io/virtualmachine_v1.json', status: true,
    columns: [AGE, { name: 'Status', type: 'string', jsonPath: '.status.printableStatus' }, { name: 'Ready', type: 'string', jsonPath: ".status.conditions[?(@.type=='Ready')].status" }],
  },
  {
    group: 'kubevirt.io', version: 'v1', kind: 'VirtualMachineInstance', plural: 'virtualmachineinstances', shortNames: ['vmi', 'vmis'],
    categories: ['all'], scope: 'Namespaced', schema: vmiSchema, columns: [AGE, PHASE],
  },
  {
    group: 'cdi.kubevirt.io', version: 'v1beta1', kind: 'DataVolume', plural: 'datavolumes', shortNames: ['dv', 'dvs'],
    categories: ['all'], scope: 'Namespaced', schema: 'cdi.kubevirt.io/datavolume_v1beta1.json', status: true,
    columns: [PHASE, { name: 'Progress', type: 'string', jsonPath: '.status.progress' }, AGE],
  },
  {
    group: 'instancetype.kubevirt.io', version: 'v1beta1', kind: 'VirtualMachineClusterInstancetype',
    plural: 'virtualmachineclusterinstancetypes', shortNames: ['vmclusterinstancetype', 'vmclusterinstancetypes', 'vmcf', 'vmcfs'],
    scope: 'Cluster', schema: 'instancetype.kubevirt.io/virtualmachineclusterinstancetype_v1beta1.json',
  },
  {
    group: 'instancetype.kubevirt.io', version: 'v1beta1', kind: 'VirtualMachineClusterPreference',
    plural: 'virtualmachineclusterpreferences', shortNames: ['vmcp', 'vmcps'],
    scope: 'Cluster', schema: 'instancetype.kubevirt.io/virtualmachineclusterpreference_v1beta1.json',
  },
  {
    group: 'postgresql.cnpg.io', version: 'v1', kind: 'Cluster', plural: 'clusters', scope: 'Namespaced',
    schema: 'postgresql.cnpg.io/cluster_v1.json', status: true,
    scale: { specReplicasPath: '.spec.instances', statusReplicasPath: '.status.instances', labelSelectorPath: '.status.selector' },
    columns: [AGE, { name: 'Instances', type: 'integer', jsonPath: '.status.instances' }, { name: 'Ready', type: 'integer', jsonPath: '.status.readyInstances' }, { name: 'Status', type: 'string', jsonPath: '.status.phase' }],
  },
  {
    group: 'postgresql.cnpg.io', version: 'v1', kind: 'Backup', plural: 'backups', scope: 'Namespaced',
    schema: 'postgresql.cnpg.io/backup_v1.json', status: true,
    columns: [AGE, { name: 'Cluster', type: 'string', jsonPath: '.spec.cluster.name' }, PHASE],
  },
  {
    group: 'postgresql.cnpg.io', version: 'v1', kind: 'ScheduledBackup', plural: 'scheduledbackups', scope: 'Namespaced',
    schema: 'postgresql.cnpg.io/scheduledbackup_v1.json', status: true,
    columns: [AGE, { name: 'Cluster', type: 'string', jsonPath: '.spec.cluster.name' }, { name: 'Last Backup', type: 'date', jsonPath: '.status.lastScheduleTime' }],
  },
  {
    group: 'postgresql.cnpg.io', version: 'v1', kind: 'Database', plural: 'databases', scope: 'Namespaced',
    schema: 'postgresql.cnpg.io/database_v1.json', status: true,
  },
];

/** JSON Schema (catalog) → structural schema: no `additionalProperties: false`, no `$schema`, metadata left to the server */
export function toStructural(schema: unknown, depth = 0): unknown {
  if (Array.isArray(schema)) return schema.map((s) => toStructural(s, depth + 1));
  if (!schema || typeof schema !== 'object') return schema;
  const out: Schema = {};
  for (const [k, v] of Object.entries(schema as Schema)) {
    if (k === '$schema' || (k === 'additionalProperties' && v === false)) continue;
    // `properties`, `default` and `example` hold data or names, not schema keywords: only recurse into their values
    if (k === 'properties' && v && typeof v === 'object') {
      out[k] = Object.fromEntries(Object.entries(v as Schema).map(([p, s]) => [p, toStructural(s, depth + 1)]));
    } else if (k === 'default' || k === 'example' || k === 'enum') {
      out[k] = v;
    } else {
      out[k] = toStructural(v, depth + 1);
    }
  }
  if (depth === 0) out.properties = { ...obj(out.properties), metadata: { type: 'object' } };
  return out;
}

export interface CustomResourceDefinition {
  apiVersion: 'apiextensions.k8s.io/v1';
  kind: 'CustomResourceDefinition';
  metadata: { name: string; labels: Record<string, string> };
  spec: Schema;
}

export function buildCrd(def: CrdDef): CustomResourceDefinition {
  const raw = typeof def.schema === 'string' ? readSchema(def.schema) : def.schema();
  const subresources: Schema = {};
  if (def.status) subresources.status = {};
  if (def.scale) subresources.scale = def.scale;
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${def.plural}.${def.group}`, labels: { 'app.kubernetes.io/managed-by': 'zhengyun-cluster' } },
    spec: {
      group: def.group,
      names: {
        kind: def.kind,
        listKind: `${def.kind}List`,
        plural: def.plural,
        singular: def.kind.toLowerCase(),
        ...(def.shortNames ? { shortNames: def.shortNames } : {}),
        ...(def.categories ? { categories: def.categories } : {}),
      },
      scope: def.scope,
      versions: [
        {
          name: def.version,
          served: true,
          storage: true,
          schema: { openAPIV3Schema: toStructural(raw) },
          ...(Object.keys(subresources).length ? { subresources } : {}),
          ...(def.columns ? { additionalPrinterColumns: def.columns } : {}),
        },
      ],
    },
  };
}

export function allCrds(): CustomResourceDefinition[] {
  return CRD_DEFS.map(buildCrd);
}
