// Deterministic Kubernetes names. Every name is a function of stable identifiers only (org code, project
// code, request id, plan code, index), so a retried or repeated provisioning job computes the same names and
// converges on the objects it created before instead of creating new ones.
import { createHash } from 'node:crypto';

/** RFC 1123 label: what namespaces, services and most object names must be. */
export const DNS1123_LABEL_MAX = 63;
/** CloudNativePG rejects Cluster names longer than this (its pods, jobs and services append suffixes). */
export const CNPG_CLUSTER_NAME_MAX = 50;

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

export function isDnsLabel(value: string, max = DNS1123_LABEL_MAX): boolean {
  return value.length > 0 && value.length <= max && DNS1123_LABEL.test(value);
}

/** First `length` hex characters of the SHA-256 of `input`. */
export function shortHash(input: string, length = 8): string {
  return createHash('sha256').update(input, 'utf8').digest('hex').slice(0, length);
}

/** Lowercases and replaces every run of characters outside [a-z0-9] with one '-'; trims '-' at both ends. */
export function slugify(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * A DNS-1123 label built from `parts`. When the readable form is too long, or slugifying lost information
 * (anything other than lowercasing), a stable 8-hex hash of the original parts is appended so that distinct
 * inputs never share a name.
 */
export function dnsLabel(parts: string[], max = DNS1123_LABEL_MAX): string {
  const slugs = parts.map(slugify).filter((s) => s.length > 0);
  const readable = slugs.join('-');
  const lossy = parts.some((p) => slugify(p) !== p.toLowerCase());
  if (!lossy && readable.length > 0 && readable.length <= max) return readable;
  const suffix = shortHash(parts.join('\n'));
  const room = max - suffix.length - 1;
  const head = readable.slice(0, room).replace(/-+$/g, '');
  return head ? `${head}-${suffix}` : `x-${suffix}`;
}

/** The tenant namespace of a project: `zy-<org code>-<project code>`, e.g. `zy-edu-2026-edu-001`. */
export function tenantNamespaceName(orgCode: string, projectCode: string): string {
  return dnsLabel(['zy', orgCode, projectCode]);
}

/**
 * The first 8 hex digits of a request id (the first group of a UUID). Ids that do not start with 8 hex
 * digits are hashed instead, so the result is always 8 lowercase hex characters.
 */
export function requestKey(requestId: string): string {
  const m = /^[0-9a-f]{8}/i.exec(requestId.trim());
  return m ? m[0].toLowerCase() : shortHash(requestId);
}

/**
 * A request may hold several plans (ResourceRequestItem is unique on requestId + planCode). A short hash of
 * the plan code keeps each plan's objects' names independent of the request's other lines: changing the
 * quantity of one line never renames, and so never replaces, the machines of another.
 */
export function planKey(planCode: string): string {
  return shortHash(planCode, 4);
}

function indexed(prefix: string, requestId: string, planCode: string, index: number): string {
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`index must be a non-negative integer, got ${index}`);
  return `${prefix}-${requestKey(requestId)}-${planKey(planCode)}-${index}`;
}

/** `vm-<first 8 hex of requestId>-<4 hex of planCode>-<i>`, i counting from 0 within the item's quantity. */
export function vmName(requestId: string, planCode: string, index: number): string {
  return indexed('vm', requestId, planCode, index);
}

/** `pg-<first 8 hex of requestId>-<4 hex of planCode>-<i>` (at most 50 characters, CloudNativePG's limit). */
export function databaseClusterName(requestId: string, planCode: string, index: number): string {
  const name = indexed('pg', requestId, planCode, index);
  if (name.length > CNPG_CLUSTER_NAME_MAX) throw new RangeError(`cluster name ${name} exceeds ${CNPG_CLUSTER_NAME_MAX} characters`);
  return name;
}

export const bootVolumeName = (vm: string): string => `${vm}-boot`;
export const cloudInitSecretName = (vm: string): string => `${vm}-cloud-init`;
export const scheduledBackupName = (cluster: string): string => `${cluster}-daily`;
/** One RoleBinding per identity-provider group; group names may hold any characters, so they are hashed when needed. */
export const groupBindingName = (group: string): string => dnsLabel(['tenant', group]);

/** A valid label value for `raw`: itself when valid, otherwise a sanitised form with a hash suffix. */
export function labelValue(raw: string): string {
  if (raw.length <= DNS1123_LABEL_MAX && LABEL_VALUE.test(raw)) return raw;
  return dnsLabel([raw]);
}
