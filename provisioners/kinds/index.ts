// The provisioner kinds the platform knows. Adding one (object storage, Redis, …) is a folder <kind>/ with its
// vocabulary.ts (code, labels, spec fields; free of node-only imports, the console reads it) and index.ts (the
// ProvisionerKind), its vocabulary in the list in vocabulary.ts, and its kind in the table below, which the
// compiler holds to the vocabulary's codes. Nothing outside this folder names a kind.
import type { K8sObject } from '../tenant-input.js';
import { database } from './database/index.js';
import type { ProvisionerKind, Workload } from './kind.js';
import { namespace } from './namespace/index.js';
import { none } from './none/index.js';
import { PROVISIONER_KINDS, type ProvisionerKindCode } from './vocabulary.js';
import { vm } from './vm/index.js';

export { PROVISIONER_KINDS } from './vocabulary.js';
export type { FinalBackupSpec, ProvisionerKind, QuotaUnit } from './kind.js';

const BY_CODE: { [C in ProvisionerKindCode]: ProvisionerKind<C> } = { namespace, vm, database, none };

/** Every kind, in the vocabulary's order. */
export const PROVISIONER_REGISTRY: readonly ProvisionerKind[] = PROVISIONER_KINDS.map((code) => BY_CODE[code]);

/** The kind an offering names; an unknown code is a programming error (the API and the seed only take known ones). */
export function provisionerKind(code: string): ProvisionerKind {
  if (!Object.hasOwn(BY_CODE, code)) throw new Error(`unknown provisioner kind "${code}"`);
  return BY_CODE[code as ProvisionerKindCode];
}

const apiGroup = (apiVersion: string): string => (apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '');

/** Every workload (the objects people follow), of every kind. */
export const WORKLOADS: readonly Workload[] = PROVISIONER_REGISTRY.flatMap((k) => k.workloads);

/** The workload an object is, if it is one. */
export function workloadOf(obj: Pick<K8sObject, 'apiVersion' | 'kind'>): Workload | undefined {
  const group = apiGroup(obj.apiVersion);
  return WORKLOADS.find((w) => w.kind === obj.kind && w.group === group);
}

/** Whether the kind's objects hold data: removing them needs a confirmation and a final backup first. */
export const isDataBearing = (code: string): boolean => provisionerKind(code).workloads.some((w) => w.finalBackup);
