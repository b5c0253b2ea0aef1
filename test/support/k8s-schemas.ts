// Kubernetes objects validated against the real schemas — the substitute for an API server, which cannot run here:
// core kinds with kubernetes-models (the Kubernetes OpenAPI definitions), KubeVirt / CDI / CloudNativePG kinds
// with the upstream CRD schemas in ../shared/schemas/crds (beside the clone, as in CI). Used for the tenants the
// provisioners render (provisioners/schemas.test.ts) and for the platform's own deployment (test/infra/).
import fs from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { LimitRange } from 'kubernetes-models/v1/LimitRange';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { ResourceQuota } from 'kubernetes-models/v1/ResourceQuota';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';

const REPO = path.resolve(import.meta.dirname, '../..');
const CRD_DIR = path.resolve(REPO, '../shared/schemas/crds');
if (!fs.existsSync(CRD_DIR)) {
  throw new Error(`CRD schemas not found at ${CRD_DIR}: check out the shared/ folder beside the repository (shared/schemas/crds from datreeio/CRDs-catalog)`);
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [key: string]: unknown;
}

interface CoreModel {
  validate(): void;
}
const CORE: Record<string, new (data: never) => CoreModel> = {
  'v1/Namespace': Namespace as never,
  'v1/ResourceQuota': ResourceQuota as never,
  'v1/LimitRange': LimitRange as never,
  'v1/Secret': Secret as never,
  'v1/Service': Service as never,
  'v1/ServiceAccount': ServiceAccount as never,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim as never,
  'apps/v1/Deployment': Deployment as never,
  'batch/v1/Job': Job as never,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget as never,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler as never,
  'networking.k8s.io/v1/Ingress': Ingress as never,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy as never,
  'rbac.authorization.k8s.io/v1/Role': Role as never,
  'rbac.authorization.k8s.io/v1/RoleBinding': RoleBinding as never,
};

const CRD_FILES: Record<string, string> = {
  'kubevirt.io/v1/VirtualMachine': 'kubevirt.io/virtualmachine_v1.json',
  'cdi.kubevirt.io/v1beta1/DataVolume': 'cdi.kubevirt.io/datavolume_v1beta1.json',
  'postgresql.cnpg.io/v1/Cluster': 'postgresql.cnpg.io/cluster_v1.json',
  'postgresql.cnpg.io/v1/ScheduledBackup': 'postgresql.cnpg.io/scheduledbackup_v1.json',
};

// The schemas use OpenAPI formats; give the numeric ones their real meaning instead of ignoring them.
const ajv = new Ajv({
  strict: false,
  allErrors: true,
  formats: {
    int32: { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 },
    int64: { type: 'number', validate: (n: number) => Number.isInteger(n) },
    byte: /^[A-Za-z0-9+/]*={0,2}$/,
    'date-time': /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/,
  },
});
const crdValidators = new Map<string, ValidateFunction>();
function crdValidator(key: string): ValidateFunction {
  let v = crdValidators.get(key);
  if (!v) {
    const full = path.join(CRD_DIR, CRD_FILES[key]!);
    if (!fs.existsSync(full)) throw new Error(`CRD schema ${full} is missing`);
    v = ajv.compile(JSON.parse(fs.readFileSync(full, 'utf8')) as object);
    crdValidators.set(key, v);
  }
  return v;
}

const describeErrors = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`).join('; ');

/** Every apiVersion/kind with a schema here. */
export const SCHEMA_KINDS: readonly string[] = [...Object.keys(CORE), ...Object.keys(CRD_FILES)];

/** What names must be: a DNS-1123 label (tenant objects, whose names become DNS labels) or subdomain (the default). */
const NAME_RULES = {
  'dns-label': { pattern: /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, what: 'a DNS-1123 label' },
  'dns-subdomain': { pattern: /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/, what: 'a DNS-1123 name' },
} as const;

/** The embedded dataVolumeTemplates of a VM, as the DataVolumes KubeVirt will create from them. */
export function dataVolumesOf(vm: K8sObject): K8sObject[] {
  const templates = ((vm.spec as { dataVolumeTemplates?: { metadata: K8sObject['metadata']; spec: unknown }[] }).dataVolumeTemplates ?? []);
  return templates.map((t) => ({ apiVersion: 'cdi.kubevirt.io/v1beta1', kind: 'DataVolume', metadata: { ...t.metadata, namespace: vm.metadata.namespace }, spec: t.spec }));
}

/** The problems of one object against its kind's schema (a VM's data volume templates included); empty when valid. */
export function problems(obj: K8sObject, names: keyof typeof NAME_RULES = 'dns-subdomain'): string[] {
  const key = `${obj.apiVersion}/${obj.kind}`;
  const out: string[] = [];
  const rule = NAME_RULES[names];
  if (!rule.pattern.test(obj.metadata.name)) out.push(`metadata.name ${obj.metadata.name} is not ${rule.what}`);
  const core = CORE[key];
  if (core) {
    try {
      new core(structuredClone(obj) as never).validate();
    } catch (err) {
      out.push((err as Error).message);
    }
    return out;
  }
  if (!CRD_FILES[key]) return [...out, `no schema known for ${key}`];
  const validate = crdValidator(key);
  if (!validate(structuredClone(obj))) out.push(describeErrors(validate.errors));
  if (obj.kind === 'VirtualMachine') for (const dv of dataVolumesOf(obj)) out.push(...problems(dv, names).map((p) => `dataVolumeTemplate ${dv.metadata.name}: ${p}`));
  return out;
}
