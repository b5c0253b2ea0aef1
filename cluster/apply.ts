// Talking to the running API server with @kubernetes/client-node: server-side apply of the CRDs, waiting for
// them to be Established, and waiting for the controller manager to have done its first work.
import { ApiextensionsV1Api, CoreV1Api, CustomObjectsApi, KubeConfig, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { allCrds, type CustomResourceDefinition } from './crds.js';

const FIELD_MANAGER = 'zhengyun-cluster';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function loadKubeConfig(file: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(file);
  return kc;
}

async function until<T>(what: string, timeoutMs: number, fn: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (e) {
      lastError = e instanceof Error ? e.message : String(e);
    }
    await sleep(250);
  }
  throw new Error(`timed out waiting for ${what}${lastError ? ` (last error: ${lastError})` : ''}`);
}

/**
 * Applies every CRD (server-side apply, so a second `up` updates them) and waits until each is Established.
 * Sent through CustomObjectsApi, whose body is untyped: KubernetesObjectApi and ApiextensionsV1Api pass a
 * CustomResourceDefinition through client-node's model serializer, which silently drops wire-format keys such as
 * `x-kubernetes-int-or-string` and `x-kubernetes-list-type` (it expects xKubernetesIntOrString, …).
 */
export async function applyCrds(kc: KubeConfig, crds: CustomResourceDefinition[] = allCrds(), timeoutMs = 60_000): Promise<string[]> {
  const custom = kc.makeApiClient(CustomObjectsApi);
  const ext = kc.makeApiClient(ApiextensionsV1Api);
  const apply = setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply);
  for (const crd of crds) {
    try {
      const target = { group: 'apiextensions.k8s.io', version: 'v1', plural: 'customresourcedefinitions', name: crd.metadata.name };
      await custom.patchClusterCustomObject({ ...target, body: crd, fieldManager: FIELD_MANAGER, force: true }, apply);
    } catch (e) {
      const body = (e as { body?: unknown }).body;
      throw new Error(`the API server refused CRD ${crd.metadata.name}: ${typeof body === 'string' ? body : (e as Error).message}`);
    }
  }
  for (const crd of crds) {
    await until(`CRD ${crd.metadata.name} to be Established`, timeoutMs, async () => {
      const c = await ext.readCustomResourceDefinition({ name: crd.metadata.name });
      return c.status?.conditions?.some((x) => x.type === 'Established' && x.status === 'True') ? true : undefined;
    });
  }
  return crds.map((c) => c.metadata.name);
}

/** the serviceaccount controller has created default/default: the controller manager is at work */
export async function waitForDefaultServiceAccount(kc: KubeConfig, timeoutMs = 60_000): Promise<void> {
  const core = kc.makeApiClient(CoreV1Api);
  await until('the controller manager to create ServiceAccount default/default', timeoutMs, async () => {
    await core.readNamespacedServiceAccount({ name: 'default', namespace: 'default' });
    return true;
  });
}
