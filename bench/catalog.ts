// GET /api/catalog on the platform (PostgreSQL), against a bare Express handler serving the same JSON from
// memory. Issue target: ≥ 60% of the bare handler's throughput and p99 ≤ 50 ms at 100 connections.
import type { BenchContext, Benchmark, Row, Target } from './harness.js';
import { makeRow } from './harness.js';
import { fetchOk, measure } from './http.js';
import { bareServer, postgresPlatform, type ChildServer } from './servers.js';

export const CATALOG_PATH = '/api/catalog';
export const CATALOG_TARGET: Target = { minRatio: 0.6, maxP99Ms: 50 };

/** The catalog body as the platform serves it. */
export async function catalogBody(server: ChildServer): Promise<string> {
  const res = await fetchOk(server.url + CATALOG_PATH);
  return res.text();
}

/**
 * The bare baseline, measured once per run (whichever catalog benchmark asks first, with the body its
 * platform serves). `row` is set only for the first caller, so the table shows the baseline once.
 */
export async function catalogBaseline(ctx: BenchContext, body: string): Promise<{ baseline: Row; body: string; row?: Row }> {
  const shared = await ctx.shared('baseline:catalog', async () => {
    const bare = await bareServer(ctx, 'catalog', CATALOG_PATH, body);
    const served = await catalogBody(bare);
    if (served !== body) throw new Error('the bare server does not serve the same body');
    ctx.log(`measuring bare express baseline (${Buffer.byteLength(body)} bytes body)`);
    const m = await measure({ url: bare.url, path: CATALOG_PATH, connections: ctx.settings.connections, serverPid: bare.pid }, ctx.settings);
    const baseline = makeRow('bare express (same JSON, memory)', m);
    baseline.ratio = 1;
    // the baseline has no use after it is measured: free its core for the rows that follow
    await bare.stop();
    return { baseline, body };
  });
  return ctx.once('row:baseline:catalog') ? { ...shared, row: shared.baseline } : shared;
}

/** Measures GET /api/catalog on `server` and compares it with the baseline. */
export async function catalogRows(ctx: BenchContext, server: ChildServer, name: string): Promise<Row[]> {
  const body = await catalogBody(server);
  const { baseline, body: baselineBody, row } = await catalogBaseline(ctx, body);
  const notes: string[] = [];
  if (Buffer.byteLength(body) !== Buffer.byteLength(baselineBody)) {
    notes.push(`body ${Buffer.byteLength(body)} bytes vs baseline ${Buffer.byteLength(baselineBody)}`);
  }
  ctx.log(`measuring ${name}`);
  const m = await measure({ url: server.url, path: CATALOG_PATH, connections: ctx.settings.connections, serverPid: server.pid }, ctx.settings);
  const target = ctx.settings.connections === 100 ? CATALOG_TARGET : undefined;
  if (!target) notes.push('target is stated for 100 connections: not checked');
  return [...(row ? [row] : []), makeRow(name, m, { baseline, target, notes })];
}

const benchmark: Benchmark = {
  description: 'GET /api/catalog on PostgreSQL vs a bare Express handler (target ≥ 60% throughput, p99 ≤ 50 ms)',
  async prepare(ctx) {
    await postgresPlatform(ctx);
  },
  async run(ctx) {
    return catalogRows(ctx, await postgresPlatform(ctx), 'GET /api/catalog (postgresql)');
  },
};
export default benchmark;
