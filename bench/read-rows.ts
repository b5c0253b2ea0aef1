// Rows shared by the signed-in read paths of issue 20 (catalog, reviewer queue, migration board, to-do list,
// project detail):
//   - openLoopRow: p99 at a fixed offered rate (target 2: 1,000 req/s, p99 ≤ 25 ms), measured open-loop
//     (bench/http.ts measureOpenLoop), so that the percentile is the path's latency below saturation rather
//     than the queueing of 50-100 closed-loop connections;
//   - versusAuthMe: the path against GET /api/auth/me with the same token on the same server, in interleaved
//     slices (target 1: ≥ 70%): what the path's own work costs on top of any signed-in request.
//
//   BENCH_OPEN_LOOP_RATE=1000   offered rate of the open-loop rows (the target is checked at 1,000 only)
import type { BenchContext, Row, Target } from './harness.js';
import { makeRow } from './harness.js';
import { compare, measureOpenLoop } from './http.js';
import type { ChildServer } from './servers.js';

export const OPEN_LOOP_RATE = 1000;
export const OPEN_LOOP_TARGET: Target = { maxP99Ms: 25 };
export const VERSUS_AUTH_ME_TARGET: Target = { minRatio: 0.7 };
export const AUTH_ME_PATH = '/api/auth/me';

function offeredRate(): number {
  const raw = Number(process.env.BENCH_OPEN_LOOP_RATE ?? OPEN_LOOP_RATE);
  if (!Number.isFinite(raw) || raw <= 0) throw new Error(`BENCH_OPEN_LOOP_RATE must be a positive number, got ${process.env.BENCH_OPEN_LOOP_RATE}`);
  return raw;
}

/**
 * `path` at the offered rate for ctx.settings.seconds. Besides p99, the row fails when fewer than 95% of the
 * offered requests were answered in the time (the server could not keep up: its latencies would understate it).
 */
export async function openLoopRow(ctx: BenchContext, server: ChildServer, label: string, path: string, headers: Record<string, string>, notes: string[] = [], shown = path): Promise<Row> {
  const rate = offeredRate();
  ctx.log(`measuring ${path} open-loop at ${rate} req/s (${label})`);
  const m = await measureOpenLoop({ url: server.url, path, headers, rate, serverPid: server.pid }, ctx.settings);
  const checked = rate === OPEN_LOOP_RATE;
  const target: Target | undefined = checked ? { ...OPEN_LOOP_TARGET, minReqPerSec: Math.floor(rate * 0.95) } : undefined;
  const all = [...notes, `open loop: ${rate} req/s offered on a fixed schedule, latency counted from when each request was due`];
  if (!checked) all.push(`the target is stated for ${OPEN_LOOP_RATE} req/s: not checked`);
  return makeRow(`GET ${shown} (${label}, open loop ${rate}/s)`, m, { target, notes: all });
}

/** `path` and GET /api/auth/me with the same headers, interleaved; the path's row carries the ratio and the ≥ 70% target. */
export async function versusAuthMe(ctx: BenchContext, server: ChildServer, label: string, path: string, headers: Record<string, string>, connections: number, notes: string[] = [], target: Target | undefined = VERSUS_AUTH_ME_TARGET, shown = path): Promise<Row[]> {
  ctx.log(`measuring ${path} (${label}) against ${AUTH_ME_PATH}, ${connections} connections, ${ctx.settings.rounds} interleaved rounds`);
  const [me, m] = await compare(
    [
      { url: server.url, path: AUTH_ME_PATH, headers, connections, serverPid: server.pid },
      { url: server.url, path, headers, connections, serverPid: server.pid },
    ],
    ctx.settings,
    (round) => ctx.log(`  round ${round + 1}/${ctx.settings.rounds}`),
  );
  const baseline = makeRow(`GET ${AUTH_ME_PATH} (${label}, ${connections} conn): the sign-in check alone`, me!, { notes: ['baseline: what any signed-in request costs before its handler'] });
  baseline.ratio = 1;
  baseline.cpuRatio = 1;
  return [baseline, makeRow(`GET ${shown} (${label}, ${connections} conn)`, m!, { baseline, target, notes })];
}
