// Pulumi mocks for the infra/ program: every resource registration is recorded (type, name, inputs as the
// engine would receive them, secrets still wrapped), and turned back into the Kubernetes object it describes.
// Import this module before any infra/ module: mocks must be in place before a resource is constructed.
import fs from 'node:fs';
import path from 'node:path';
import * as pulumi from '@pulumi/pulumi';
import YAML from 'yaml';
import type { K8sObject } from '../support/k8s-schemas.js';

export interface Registered {
  type: string;
  name: string;
  inputs: Record<string, any>;
}

export const registered: Registered[] = [];
export const PROJECT = 'zhengyun-platform';
export const INFRA = path.resolve(import.meta.dirname, '../../infra');

pulumi.runtime.setMocks(
  {
    newResource: (args: pulumi.runtime.MockResourceArgs) => {
      registered.push({ type: args.type, name: args.name, inputs: args.inputs });
      return { id: `${args.name}-id`, state: args.inputs };
    },
    call: (args: pulumi.runtime.MockCallArgs) => args.inputs,
  },
  PROJECT,
  'production',
  false,
);

/** The marker Pulumi puts on secret values in serialized inputs. */
export const SECRET_SIG = '4dabf18193072939515e22adb298388d';
export const isSecretValue = (v: unknown): v is { value: unknown } => !!v && typeof v === 'object' && (v as Record<string, unknown>)[SECRET_SIG] === '1b47061264138c4ac30d75fd1eb44270';

/** Replaces secret wrappers by their value (for schema validation only). */
export function unwrap(v: unknown): any {
  if (isSecretValue(v)) return unwrap(v.value);
  if (Array.isArray(v)) return v.map(unwrap);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unwrap(x)]));
  return v;
}

/** Every plain (not secret-wrapped) string inside `v`, with its path. */
export function plainStrings(v: unknown, at = ''): { path: string; value: string }[] {
  if (isSecretValue(v)) return [];
  if (typeof v === 'string') return [{ path: at, value: v }];
  if (Array.isArray(v)) return v.flatMap((x, i) => plainStrings(x, `${at}[${i}]`));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => plainStrings(x, `${at}.${k}`));
  return [];
}

/** The Kubernetes objects among the registrations whose logical name starts with `prefix`. */
export function objectsOf(prefix: string): (K8sObject & { pulumiType: string; pulumiName: string })[] {
  return registered
    .filter((r) => r.type.startsWith('kubernetes:') && r.name.startsWith(prefix))
    .map((r) => ({ ...(unwrap(r.inputs) as K8sObject), pulumiType: r.type, pulumiName: r.name }));
}

/** Stack config as Pulumi hands it to the program: `zhengyun:key` → string (objects as JSON). */
export function stackConfig(stack: string): Record<string, string> {
  const doc = YAML.parse(fs.readFileSync(path.join(INFRA, `Pulumi.${stack}.yaml`), 'utf8')) as { config: Record<string, unknown> };
  return Object.fromEntries(Object.entries(doc.config).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
}

/** Sets the stack's config; `secrets` are added as config secrets (as `pulumi config set --secret` would). */
export function useConfig(config: Record<string, string>, secrets: Record<string, string>, opts: { secretsAsPlain?: boolean } = {}) {
  const all = { ...config, ...secrets };
  pulumi.runtime.setAllConfig(all, opts.secretsAsPlain ? [] : Object.keys(secrets));
}

/** Waits until registrations stop arriving (they are asynchronous). */
export async function settled(quietMs = 150, maxMs = 10_000) {
  const end = Date.now() + maxMs;
  let count = -1;
  let since = Date.now();
  while (Date.now() < end) {
    if (registered.length !== count) {
      count = registered.length;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) {
      return;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const resolve = <T>(output: pulumi.Output<T>): Promise<T> => new Promise((ok) => output.apply((v) => ok(v)));
