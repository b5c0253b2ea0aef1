// The render driver (embedded default, and for air-gapped operation): writes exactly the objects the Pulumi
// driver would create, as YAML, one file per object and tenant namespace, into the file store every replica shares
// (provisioners/rendered-manifests.ts), for an operator to review and apply (GET /api/projects/:id/manifests).
import { parse } from 'yaml';
import { logLine } from '../job-log.js';
import { objectFileName, renderFiles, renderObject } from '../render.js';
import type { RenderedManifests } from '../rendered-manifests.js';
import type { K8sObject } from '../tenant-input.js';
import { driftOf, type DriverPreview, type DriverRefresh, type DriverResult, type ObjectChange, type OnEvent, type ProvisioningDriver } from './driver.js';

function describe(file: string, content: string): { kind: string; name: string; namespace?: string } {
  const doc = parse(content) as K8sObject | null;
  return { kind: doc?.kind ?? 'Unknown', name: doc?.metadata?.name ?? file, namespace: doc?.metadata?.namespace };
}

/** `manifests` is asked for when a job first needs it (the driver is made before the database is opened). */
export function createRenderDriver(manifests: () => RenderedManifests): ProvisioningDriver {
  async function changes(stack: string, objects: K8sObject[]): Promise<ObjectChange[]> {
    const current = await manifests().read(stack);
    const out: ObjectChange[] = [];
    const wanted = new Set<string>();
    for (const o of objects) {
      const file = objectFileName(o);
      wanted.add(file);
      const before = current.get(file);
      if (before === undefined) out.push({ op: 'create', kind: o.kind, name: o.metadata.name, namespace: o.metadata.namespace });
      else if (before !== renderObject(o)) out.push({ op: 'update', kind: o.kind, name: o.metadata.name, namespace: o.metadata.namespace });
    }
    for (const [file, content] of current) if (!wanted.has(file)) out.push({ op: 'delete', ...describe(file, content) });
    return out;
  }

  const count = (c: ObjectChange[]) => c.reduce<Record<string, number>>((acc, x) => ({ ...acc, [x.op]: (acc[x.op] ?? 0) + 1 }), {});

  return {
    name: 'render',
    async preview(stack, objects): Promise<DriverPreview> {
      const c = await changes(stack, objects);
      return { changes: c, summary: count(c) };
    },
    async up(stack, objects, onEvent?: OnEvent): Promise<DriverResult> {
      const c = await changes(stack, objects);
      const r = await manifests().replace(stack, renderFiles(stack, objects));
      onEvent?.('info', logLine('job.log.rendered', { written: r.written.length, unchanged: r.unchanged.length, removed: r.removed.length }, { data: { namespace: stack } }));
      return { changes: c, summary: { ...count(c), same: r.unchanged.length } };
    },
    async refresh(stack, objects): Promise<DriverRefresh> {
      // nothing runs that this driver could read back: the manifests are what runs, compared with what should
      const c = await changes(stack, objects);
      return { drift: c.map(driftOf), summary: count(c) };
    },
  };
}
