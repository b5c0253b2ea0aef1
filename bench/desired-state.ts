// Desired state and its rendering, in this process: for 1,000 established projects (realistic TenantInputs: 2–6
// allocations each, VMs of the three VM offerings and PostgreSQL databases of the seed catalog, 1–3 groups, 1–2
// SSH keys), desiredState (provisioners/desired-state.ts) then renderYaml (provisioners/render.ts) per project,
// pass after pass over the 1,000 (at least one) for BENCH_SECONDS after a warm-up. Reported: projects/s (the req/s column),
// objects/s, and the split between the two steps. Issue target: ≥ 1,000 projects/s (DESIRED_STATE_TARGET).
//
// Then renderToFolder (what the render driver does on every job) for the same 1,000 projects into a temporary
// folder: once fresh (every file written and fsynced), once again unchanged (every file read and compared, none
// written). Reported in files/s; p50/p99 there are per namespace (one call).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedCatalogView } from '../catalog/seed-view.js';
import type { CatalogView } from '../catalog/view.js';
import { DEMO_ORGANISATIONS } from '../prisma/seed/accounts.js';
import { desiredState, tenantNamespace } from '../provisioners/desired-state.js';
import { renderToFolder, renderYaml } from '../provisioners/render.js';
import type { K8sObject, TenantInput, TenantItem } from '../provisioners/tenant-input.js';
import type { Benchmark, Row, Target } from './harness.js';
import { makeRow } from './harness.js';
import { CpuWindow, fakeUuid, fmt, inProcessMeasurement, prng } from './in-process.js';

const PROJECTS = 1000;
export const DESIRED_STATE_TARGET: Target = { minReqPerSec: 1000 };

const KEY_TYPES = [
  (b: string) => `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${b.slice(0, 43)}`,
  (b: string) => `ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQ${(b + b + b + b + b + b + b + b).slice(0, 540)}`,
];
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** 1,000 tenants, deterministic. */
export function tenantInputs(catalog: CatalogView, n = PROJECTS): TenantInput[] {
  const rand = prng(7_2026);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const vmPlans = catalog.offerings.filter((o) => o.provisioner === 'vm' && o.status === 'ACTIVE').flatMap((o) => o.plans.filter((p) => p.status === 'ACTIVE').map((p) => p.code));
  // CloudNativePG runs PostgreSQL only (DEFAULT_CLUSTER_PROFILE): the Dameng and Kingbase plans are not provisionable
  const dbPlans = catalog.offerings.filter((o) => o.provisioner === 'database' && o.code === 'rds-postgresql').flatMap((o) => o.plans.map((p) => p.code));
  const orgs = DEMO_ORGANISATIONS.filter((o) => o.kind === 'DEPARTMENT' || o.kind === 'COUNTY');
  const seqs = new Map<string, number>();
  const out: TenantInput[] = [];
  for (let i = 0; i < n; i++) {
    const org = orgs[i % orgs.length]!;
    const year = 2025 + (i % 2);
    const seq = (seqs.get(`${org.code}${year}`) ?? 0) + 1;
    seqs.set(`${org.code}${year}`, seq);
    const code = `${year}-${org.code}-${String(seq).padStart(3, '0')}`;
    const requests = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => fakeUuid(rand));
    const items: TenantItem[] = [];
    const count = 2 + Math.floor(rand() * 5); // 2–6
    const used = new Set<string>();
    while (items.length < count) {
      const isDb = rand() < 0.3;
      const planCode = isDb ? pick(dbPlans) : pick(vmPlans);
      const requestId = pick(requests);
      if (used.has(`${requestId}/${planCode}`)) continue; // a request holds each plan once
      used.add(`${requestId}/${planCode}`);
      items.push({
        requestId,
        planCode,
        quantity: isDb ? 1 : 1 + Math.floor(rand() * 3),
        environment: rand() < 0.7 ? 'production' : 'test',
        networkZone: rand() < 0.8 ? 'egov-extranet' : 'internet',
        systemId: rand() < 0.3 ? fakeUuid(rand) : null,
      });
    }
    // the entitlement covers what is drawn, with some headroom, plus plans that are not Kubernetes objects
    const entitled = new Map<string, number>();
    for (const it of items) entitled.set(it.planCode, (entitled.get(it.planCode) ?? 0) + it.quantity);
    const entitlement = [...entitled].map(([planCode, q]) => ({ planCode, quantity: q + (rand() < 0.5 ? 1 : 0) }));
    entitlement.push({ planCode: 'tenant-namespace-small', quantity: 1 }, { planCode: 'object-storage-standard', quantity: 500 + Math.floor(rand() * 5000) });
    const keyBody = Array.from({ length: 68 }, () => pick(B64.split(''))).join('');
    out.push({
      project: { id: fakeUuid(rand), code, name: `${org.name}${pick(['智慧', '数字', '一体化'])}${pick(['服务', '监管', '办公'])}平台项目` },
      org: { id: fakeUuid(rand), code: org.code, name: org.name },
      groups: Array.from({ length: 1 + Math.floor(rand() * 3) }, (_, g) => [`${org.code.toLowerCase()}-ops`, `${org.code.toLowerCase()}-dev`, `oidc:${org.name}/运维`][g]!),
      sshPublicKeys: Array.from({ length: 1 + Math.floor(rand() * 2) }, (_, k) => `${KEY_TYPES[k]!(keyBody)} ops${k}@${org.code.toLowerCase()}.yuncheng`),
      entitlement,
      items,
    });
  }
  return out;
}

const benchmark: Benchmark = {
  description: `desiredState + renderYaml for ${fmt(PROJECTS)} projects (objects/s, projects/s; target ≥ 1,000 projects/s), and renderToFolder into a temporary folder (files/s), in-process`,
  async run(ctx) {
    const catalog = seedCatalogView();
    const inputs = tenantInputs(catalog);
    const rows: Row[] = [];

    // warm-up: BENCH_WARMUP_SECONDS, and at least 200 projects
    const warmEnd = performance.now() + ctx.settings.warmupSeconds * 1000;
    for (let i = 0; i < 200 || performance.now() < warmEnd; i++) renderYaml(desiredState(inputs[i % inputs.length]!, catalog));

    ctx.log(`measuring desiredState + renderYaml over ${PROJECTS} projects, ${ctx.settings.seconds} s`);
    const latencies: number[] = [];
    let objects = 0;
    let bytes = 0;
    let dsMs = 0;
    let yamlMs = 0;
    let passes = 0;
    const win = new CpuWindow();
    const end = performance.now() + ctx.settings.seconds * 1000;
    do {
      for (const input of inputs) {
        const t0 = performance.now();
        const objs = desiredState(input, catalog);
        const t1 = performance.now();
        const yaml = renderYaml(objs);
        const t2 = performance.now();
        latencies.push(t2 - t0);
        dsMs += t1 - t0;
        yamlMs += t2 - t1;
        objects += objs.length;
        bytes += yaml.length;
      }
      passes++;
    } while (performance.now() < end);
    const w = win.close();
    const m = inProcessMeasurement(latencies, w);
    const items = inputs.reduce((n, i) => n + i.items.length, 0);
    rows.push(
      makeRow(`desiredState + renderYaml (${fmt(PROJECTS)} projects)`, m, {
        target: DESIRED_STATE_TARGET,
        notes: [
          `req/s = projects/s (in-process, one thread); ${fmt(objects / w.wall)} objects/s, ${fmt(bytes / w.wall / 1e6, 1)} MB/s of YAML; p50 ${m.p50.toFixed(3)} ms, p99 ${m.p99.toFixed(3)} ms, max ${m.maxMs.toFixed(2)} ms per project over ${passes} passes`,
          `per project: ${(objects / latencies.length).toFixed(1)} objects, ${fmt(bytes / latencies.length / 1024, 1)} KiB of YAML from ${(items / inputs.length).toFixed(1)} items; time split desiredState ${((dsMs / (dsMs + yamlMs)) * 100).toFixed(0)}% (${((dsMs / latencies.length) * 1000).toFixed(0)} µs), renderYaml ${((yamlMs / (dsMs + yamlMs)) * 100).toFixed(0)}% (${((yamlMs / latencies.length) * 1000).toFixed(0)} µs)`,
        ],
      }),
    );

    // renderToFolder: fresh, then unchanged
    const states: { namespace: string; objects: K8sObject[] }[] = inputs.map((input) => ({ namespace: tenantNamespace(input), objects: desiredState(input, catalog) }));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhengyun-bench-render-'));
    ctx.defer(`remove ${dir}`, () => fs.rmSync(dir, { recursive: true, force: true }));
    try {
      for (const phase of ['fresh', 'unchanged'] as const) {
        ctx.log(`measuring renderToFolder (${phase}) for ${PROJECTS} namespaces into ${dir}`);
        const perNs: number[] = [];
        let written = 0;
        let unchanged = 0;
        const pw = new CpuWindow();
        for (const s of states) {
          const t0 = performance.now();
          const r = await renderToFolder(dir, s.namespace, s.objects);
          perNs.push(performance.now() - t0);
          written += r.written.length;
          unchanged += r.unchanged.length;
          if (r.removed.length) throw new Error(`renderToFolder removed ${r.removed.join(', ')}`);
        }
        const pwin = pw.close();
        const files = written + unchanged;
        if (phase === 'fresh' ? unchanged !== 0 || written !== files : written !== 0) throw new Error(`renderToFolder ${phase}: ${written} written, ${unchanged} unchanged`);
        const pm = inProcessMeasurement(perNs, pwin, { operations: files });
        rows.push(
          makeRow(`renderToFolder, ${phase} (${fmt(PROJECTS)} namespaces, ${fmt(files)} files)`, pm, {
            notes: [
              `req/s = files/s (${phase === 'fresh' ? 'each written to a temporary file, fsynced, renamed' : 'each read and compared, none written'}); p50/p99 per namespace (${(files / PROJECTS).toFixed(1)} files); ${fmt(PROJECTS / pwin.wall)} namespaces/s; this process used ${pm.loaderCpu.toFixed(0)}% of a core (the rest is waiting for the disk); temp folder on ${os.tmpdir()}`,
            ],
          }),
        );
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return rows;
  },
};
export default benchmark;
