// Validates Kubernetes objects against the real schemas, as provisioners/schemas.test.ts does: core kinds with
// kubernetes-models (the Kubernetes OpenAPI definitions), CloudNativePG kinds with the upstream CRD schemas in
// ../shared/schemas/crds (beside the clone, as in CI).
import fs from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
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
export const CORE: Record<string, new (data: never) => CoreModel> = {
  'v1/Namespace': Namespace as never,
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
};

export const CRD_FILES: Record<string, string> = {
  'postgresql.cnpg.io/v1/Cluster': 'postgresql.cnpg.io/cluster_v1.json',
  'postgresql.cnpg.io/v1/ScheduledBackup': 'postgresql.cnpg.io/scheduledbackup_v1.json',
};

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
const validators = new Map<string, ValidateFunction>();
function crdValidator(key: string): ValidateFunction {
  let v = validators.get(key);
  if (!v) {
    const full = path.join(CRD_DIR, CRD_FILES[key]!);
    v = ajv.compile(JSON.parse(fs.readFileSync(full, 'utf8')) as object);
    validators.set(key, v);
  }
  return v;
}

const describeErrors = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`).join('; ');

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/** The problems of one object against its kind's schema; empty when valid. */
export function problems(obj: K8sObject): string[] {
  const key = `${obj.apiVersion}/${obj.kind}`;
  const out: string[] = [];
  if (!DNS_SUBDOMAIN.test(obj.metadata.name)) out.push(`metadata.name ${obj.metadata.name} is not a DNS-1123 name`);
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
  return out;
}
