// GET /api/catalog on the platform — on PostgreSQL, and on the embedded default (no DATABASE_URL) as an extra
// row — against a bare Express handler serving the same JSON from memory, measured in interleaved slices.
// Issue 20 targets: ≥ 85% of the bare handler's throughput at 100 connections, and p99 ≤ 25 ms at a fixed
// offered rate of 1,000 req/s (one open-loop row per platform, bench/read-rows.ts).
//
//   BENCH_CATALOG_DATABASES=postgresql,embedded   which platforms to measure
import type { Benchmark, Row, Target } from './harness.js';
import { makeRow } from './harness.js';
import { compare, fetchOk } from './http.js';
import { openLoopRow } from './read-rows.js';
import { bareServer, embeddedPlatform, postgresPlatform, type ChildServer } from './servers.js';
import type { BenchContext } from './harness.js';

export const CATALOG_PATH = '/api/catalog';
export const CATALOG_TARGET: Target = { minRatio: 0.85 };

const PLATFORMS = {
  postgresql: postgresPlatform,
  embedded: embeddedPlatform,
} as const;
type Kind = keyof typeof PLATFORMS;

function kinds(): Kind[] {
  const raw = (process.env.BENCH_CATALOG_DATABASES ?? 'postgresql,embedded').split(',').map((s) => s.trim()).filter(Boolean);
  for (const k of raw) if (!(k in PLATFORMS)) throw new Error(`BENCH_CATALOG_DATABASES: unknown ${k} (postgresql, embedded)`);
  return raw as Kind[];
}

/** The catalog body as a server returns it. */
export async function catalogBody(server: ChildServer): Promise<string> {
  const res = await fetchOk(server.url + CATALOG_PATH);
  return res.text();
}

interface Setup {
  platforms: { kind: Kind; server: ChildServer; body: string }[];
  bare: ChildServer;
  body: string;
}

function setup(ctx: BenchContext): Promise<Setup> {
  return ctx.shared('catalog:setup', async () => {
    const platforms = await Promise.all(
      kinds().map(async (kind) => {
        const server = await PLATFORMS[kind](ctx);
        return { kind, server, body: await catalogBody(server) };
      }),
    );
    if (!platforms.length) throw new Error('BENCH_CATALOG_DATABASES is empty');
    const body = platforms[0]!.body; // the bare handler serves what the (first) platform serves
    const bare = await bareServer(ctx, 'catalog', CATALOG_PATH, body);
    if ((await catalogBody(bare)) !== body) throw new Error('the bare server does not serve the same body');
    return { platforms, bare, body };
  });
}

const benchmark: Benchmark = {
  description: 'GET /api/catalog (PostgreSQL, embedded) vs a bare Express handler with the same JSON (target ≥ 85% throughput; p99 ≤ 25 ms at 1,000 req/s open loop)',
  async prepare(ctx) {
    await setup(ctx);
  },
  async run(ctx) {
    const { platforms, bare, body } = await setup(ctx);
    const connections = ctx.settings.connections;
    const bytes = Buffer.byteLength(body);
    ctx.log(`measuring bare express vs ${platforms.map((p) => p.kind).join(', ')}: ${bytes} bytes body, ${ctx.settings.rounds} interleaved rounds`);
    const [bareM, ...platformM] = await compare(
      [bare, ...platforms.map((p) => p.server)].map((s) => ({ url: s.url, path: CATALOG_PATH, connections, serverPid: s.pid })),
      ctx.settings,
      (round) => ctx.log(`  round ${round + 1}/${ctx.settings.rounds}`),
    );
    const baseline = makeRow('bare express (same JSON, memory)', bareM!);
    baseline.ratio = 1;
    baseline.cpuRatio = 1;
    const target = connections === 100 ? CATALOG_TARGET : undefined;
    const rows: Row[] = [baseline];
    platforms.forEach((p, i) => {
      const notes: string[] = [];
      if (!target) notes.push('the target is stated for 100 connections: not checked');
      if (Buffer.byteLength(p.body) !== bytes) notes.push(`body ${Buffer.byteLength(p.body)} bytes, baseline's ${bytes}`);
      rows.push(makeRow(`GET ${CATALOG_PATH} (${p.kind})`, platformM[i]!, { baseline, target, notes }));
    });
    for (const p of platforms) rows.push(await openLoopRow(ctx, p.server, p.kind, CATALOG_PATH, {}));
    return rows;
  },
};
export default benchmark;
