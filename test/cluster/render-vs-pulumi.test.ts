// The render driver's YAML and the Pulumi program describe the same objects. The YAML that render.ts writes for a
// tenant is sent, document by document, to the real API server as a server-side dry run (dryRun=All, strict field
// validation: a field the server does not know is an error, not silently pruned) – what the server would create
// from it, defaults and conversions included – and compared with what Pulumi did create for the same tenant: the
// same set of kind/namespace/name, and the same content, server-set metadata and Pulumi's own annotations aside.
//
// The dry runs are sent as raw JSON (not through @kubernetes/client-node's typed models, which drop fields they
// do not know and would hide exactly the differences looked for). A namespaced object can only be dry-run created
// where its namespace exists and it does not, so: the Namespace is dry-run first, then Pulumi creates just the
// namespace, then every other document is dry-run, then Pulumi creates everything.
import { afterAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { renderYaml } from '../../provisioners/render.js';
import type { K8sObject } from '../../provisioners/tenant-input.js';
import { clients, namespaceOf, oneOf, pulumiDriver, rawApi, restPath, tenantInput, tenantObjects } from './support.js';

const { kc, core } = clients();
const d = pulumiDriver();
const objects = tenantObjects(tenantInput('RND', 'R-001'));
const stack = namespaceOf(objects);

afterAll(async () => {
  await core.deleteNamespace({ name: stack }).catch(() => undefined);
  d.remove();
});

/** Every kind desired state can emit, where to list it (a namespace holds other things too: only these count). */
const LISTED: { apiVersion: string; kind: string }[] = [
  { apiVersion: 'v1', kind: 'ResourceQuota' },
  { apiVersion: 'v1', kind: 'LimitRange' },
  { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role' },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding' },
  { apiVersion: 'v1', kind: 'Secret' },
  { apiVersion: 'cdi.kubevirt.io/v1beta1', kind: 'DataVolume' },
  { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine' },
  { apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster' },
  { apiVersion: 'postgresql.cnpg.io/v1', kind: 'ScheduledBackup' },
];

const ref = (o: { kind: string; metadata: { name?: string; namespace?: string } }) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/** Annotations and labels Pulumi adds for itself (tenant-program.ts: patchForce, waitFor; the provider's managed-by). */
const isPulumiAnnotation = (k: string) => k.startsWith('pulumi.com/') || k === 'kubectl.kubernetes.io/last-applied-configuration';
const isPulumiLabel = (k: string, v: string) => k === 'app.kubernetes.io/managed-by' && v === 'pulumi';

/** An object without what the server sets on its own (uid, versions, timestamps, managed fields, status). */
function comparable(obj: Record<string, any>): Record<string, unknown> {
  const { metadata, status: _status, ...rest } = obj;
  const labels = Object.fromEntries(Object.entries((metadata.labels ?? {}) as Record<string, string>).filter(([k, v]) => !isPulumiLabel(k, v)));
  const annotations = Object.fromEntries(Object.entries((metadata.annotations ?? {}) as Record<string, string>).filter(([k]) => !isPulumiAnnotation(k)));
  return {
    ...rest,
    metadata: {
      name: metadata.name,
      ...(metadata.namespace ? { namespace: metadata.namespace } : {}),
      labels,
      annotations,
      ...(metadata.ownerReferences ? { ownerReferences: metadata.ownerReferences } : {}),
      ...(metadata.finalizers ? { finalizers: metadata.finalizers } : {}),
    },
  };
}

async function dryRunCreate(doc: K8sObject): Promise<Record<string, any>> {
  const r = await rawApi(kc, 'POST', `${restPath(doc, false)}?dryRun=All&fieldValidation=Strict`, doc);
  expect(r.status, `${ref(doc)}: ${JSON.stringify(r.body).slice(0, 500)}`).toBe(201);
  return r.body;
}

describe('the render driver’s YAML and the Pulumi program describe the same objects', () => {
  it('applied with a server-side dry run, the YAML yields what Pulumi created: same objects, same content', async () => {
    // the YAML as an operator would apply it (kubectl reads YAML 1.1, which render.ts writes)
    const yaml = renderYaml(objects);
    const docs = YAML.parseAllDocuments(yaml, { version: '1.1' }).map((doc) => {
      expect(doc.errors).toEqual([]);
      return doc.toJS() as K8sObject;
    });
    expect(docs.map(ref)).toEqual(objects.map(ref));

    const dryRun = new Map<string, Record<string, any>>();
    const namespaceDoc = oneOf(docs, 'Namespace');
    dryRun.set(ref(namespaceDoc), await dryRunCreate(namespaceDoc));
    // the dry run left nothing behind
    expect((await rawApi(kc, 'GET', restPath(namespaceDoc))).status).toBe(404);

    await d.driver.up(stack, [oneOf(objects, 'Namespace')]);
    for (const doc of docs.filter((o) => o.kind !== 'Namespace')) dryRun.set(ref(doc), await dryRunCreate(doc));
    /** what the namespace holds of the kinds desired state emits (a list's items carry no apiVersion and kind: added) */
    const listed = async () => {
      const items = await Promise.all(
        LISTED.map(async (k) => {
          const r = await rawApi(kc, 'GET', restPath({ ...k, metadata: { namespace: stack } }, false));
          expect(r.status, k.kind).toBe(200);
          return (r.body.items as Record<string, any>[]).map((item): Record<string, any> => ({ ...item, apiVersion: k.apiVersion, kind: k.kind }));
        }),
      );
      return items.flat();
    };
    expect(await listed()).toEqual([]);

    const up = await d.driver.up(stack, objects);
    expect(up.changes.length).toBe(objects.length - 1);

    // the same set of kind/namespace/name …
    const namespace: Record<string, any> = (await rawApi(kc, 'GET', `/api/v1/namespaces/${stack}`)).body;
    const created = [namespace, ...(await listed())];
    expect(created.map((o) => ref({ kind: o.kind, metadata: o.metadata })).sort()).toEqual(docs.map(ref).sort());
    const liveByRef = new Map(created.map((o) => [ref({ kind: o.kind, metadata: o.metadata }), o] as const));

    // … with the same content
    for (const doc of docs) {
      const key = ref(doc);
      expect(comparable(liveByRef.get(key)!), key).toEqual(comparable(dryRun.get(key)!));
    }
    // what was set aside is Pulumi's own bookkeeping, not the tenant's content
    const setAside = [...liveByRef.values()].flatMap((o) => Object.keys(o.metadata.annotations ?? {}).filter(isPulumiAnnotation));
    expect([...new Set(setAside)].sort()).toEqual(['pulumi.com/patchForce', 'pulumi.com/waitFor']);
  });
});
