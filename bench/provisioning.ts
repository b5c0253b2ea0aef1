// Provisioning for real: the platform (in this process, on a scratch PostgreSQL database, PROVISIONING_DRIVER=pulumi)
// against a local control plane started for the run (`npm run engines` must have built the engines). Rows, no target:
//   - one tenant `up`, cold (a new stack: namespace, quota, policies, 2 VMs, a database cluster), and no-op (the
//     same objects again, as a REPAIR job): the job's whole time, POST → SUCCEEDED as a client sees it, and the
//     driver's share (Pulumi: a runner process, the engine, the provider, the API server);
//   - the platform's own time around the driver: queue pickup, desired state, bookkeeping, audit (job − driver);
//   - 50 tenants provisioned one after another, each a new project: time per tenant, and how it grows (the first
//     ten against the last ten).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { down, up } from '../cluster/control-plane.js';
import { missingEngines } from '../engines/paths.js';
import type { ProvisioningDriver } from '../provisioners/drivers/driver.js';
import { startTestPlatform, type TestPlatform } from '../test/support/platform.js';
import { REQUEST, buildEstablished } from '../test/support/projects.js';
import type { Benchmark, Row } from './harness.js';
import { makeRow } from './harness.js';
import { CpuWindow, fmt, inProcessMeasurement } from './in-process.js';

const TENANTS = Number(process.env.BENCH_TENANTS ?? 50);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Timed {
  /** POST → SUCCEEDED, ms */
  total: number;
  /** inside driver.up, ms */
  driver: number;
}

/** Times every driver.up the platform makes (the last one's duration is read after each job). */
function timingDriver(inner: ProvisioningDriver, record: (ms: number) => void): ProvisioningDriver {
  return {
    name: inner.name,
    preview: (...a) => inner.preview(...a),
    refresh: (...a) => inner.refresh(...a),
    async up(...a) {
      const t0 = performance.now();
      try {
        return await inner.up(...a);
      } finally {
        record(performance.now() - t0);
      }
    },
  };
}

const benchmark: Benchmark = {
  description: `provisioning through Pulumi on a local control plane: one tenant up cold and no-op, the platform's own time around the driver, ${TENANTS} tenants one after another; no target`,
  async run(ctx) {
    const missing = missingEngines();
    if (missing.length) throw new Error(`provisioning: the engines ${missing.join(', ')} are not built; run \`npm run engines\` first`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zy-bench-cluster-'));
    process.env.CLUSTER_ETCD_NO_FSYNC = 'true';
    const layout = await up({ dataDir: dir, log: (m) => ctx.log(`provisioning: ${m}`) });
    ctx.defer('stop the control plane', async () => {
      await down({ dataDir: dir, purge: true, log: () => {} });
      fs.rmSync(dir, { recursive: true, force: true });
    });
    let lastDriverMs = 0;
    const t: TestPlatform = await startTestPlatform(
      { PROVISIONING_DRIVER: 'pulumi', KUBECONFIG: layout.kubeconfig, PULUMI_CONFIG_PASSPHRASE: 'bench-passphrase', DRIFT_CHECK_CRON: 'off', WORKER_CONCURRENCY: '1' },
      {},
      { instrumentDriver: (d) => timingDriver(d, (ms) => (lastDriverMs = ms)) },
    );
    ctx.defer('stop the platform', () => t.stop());

    async function waitJob(jobId: string, t0: number): Promise<Timed> {
      for (;;) {
        const j = await t.platform.db.prisma.provisioningJob.findUniqueOrThrow({ where: { id: jobId }, select: { state: true, error: true } });
        if (j.state === 'SUCCEEDED') return { total: performance.now() - t0, driver: lastDriverMs };
        if (j.state === 'FAILED') throw new Error(`provisioning job ${jobId} failed: ${j.error}`);
        await sleep(20);
      }
    }

    /** a new established project with an approved request, provisioned; returns its timing */
    async function newTenant(): Promise<Timed & { projectId: string }> {
      const { id: projectId } = await buildEstablished(t);
      const req = await t.http.post(`/api/projects/${projectId}/resource-requests`).set(await t.as('dept')).send(REQUEST);
      await t.http.post(`/api/resource-requests/${req.body.id}/approve`).set(await t.as('bdc')).set('If-Match', '"v1"').send({});
      const t0 = performance.now();
      const res = await t.http.post(`/api/resource-requests/${req.body.id}/provision`).set(await t.as('bdc'));
      if (res.status !== 202) throw new Error(`provision: ${res.status} ${res.text}`);
      return { projectId, ...(await waitJob(res.body.jobId, t0)) };
    }

    async function noop(projectId: string): Promise<Timed> {
      const t0 = performance.now();
      const res = await t.http.post(`/api/projects/${projectId}/repair`).set(await t.as('bdc'));
      if (res.status !== 202) throw new Error(`repair: ${res.status} ${res.text}`);
      return waitJob(res.body.jobId, t0);
    }

    const rows: Row[] = [];
    const win = new CpuWindow();
    const first = await newTenant();
    const again = await noop(first.projectId);
    const w = win.close();
    for (const [name, m] of [
      ['tenant up, cold (new stack, 16 objects)', first],
      ['tenant up, no-op (same objects, REPAIR job)', again],
    ] as const) {
      rows.push(
        makeRow(`provisioning: ${name}`, inProcessMeasurement([m.total], w, { operations: 1, seconds: m.total / 1000, countOtherCpu: false }), {
          notes: [`POST → SUCCEEDED ${fmt(m.total, 0)} ms, of which the driver (Pulumi runner, engine, provider, API server) ${fmt(m.driver, 0)} ms; the platform's own time ${fmt(m.total - m.driver, 0)} ms`],
        }),
      );
    }

    ctx.log(`provisioning: ${TENANTS} tenants one after another`);
    const series: Timed[] = [];
    const swin = new CpuWindow();
    for (let i = 0; i < TENANTS; i++) series.push(await newTenant());
    const sw = swin.close();
    const totals = series.map((s) => s.total);
    const own = series.map((s) => s.total - s.driver);
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    const k = Math.min(10, Math.floor(TENANTS / 2));
    rows.push(
      makeRow(`provisioning: ${TENANTS} tenants one after another`, inProcessMeasurement(totals, sw, { operations: TENANTS, seconds: totals.reduce((a, b) => a + b, 0) / 1000, countOtherCpu: false }), {
        notes: [
          `per tenant (POST → SUCCEEDED): p50 ${fmt(inProcessMeasurement(totals, sw).p50, 0)} ms; first ${k} avg ${fmt(avg(totals.slice(0, k)), 0)} ms, last ${k} avg ${fmt(avg(totals.slice(-k)), 0)} ms (growth ×${(avg(totals.slice(-k)) / avg(totals.slice(0, k))).toFixed(2)})`,
          `the platform's own time per job (job − driver): p50 ${fmt(inProcessMeasurement(own, sw).p50, 0)} ms, max ${fmt(Math.max(...own), 0)} ms; req/s = tenants per second of provisioning (project set-up through the API excluded)`,
        ],
      }),
    );
    return rows;
  },
};

export default benchmark;
