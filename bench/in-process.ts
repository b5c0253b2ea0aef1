// Helpers for benchmarks that time code in this process (no server, no HTTP): the validator, desired state, the
// job queue. They produce the same `Measurement` the HTTP rows do, so the rows land in the common table:
//   req/s        operations per second (what an operation is, the row's name and notes say)
//   p50/p99      per operation, in ms
//   conn         1 (one thread), unless the benchmark says otherwise
//   server CPU   — (there is no server); this process's CPU is the "loader CPU" column
//   other CPU    everything else on the machine meanwhile (background noise)
import type { Measurement } from './harness.js';
import { machineCpuSeconds } from './http.js';

/** The q-quantile of ascending `sorted` (nearest rank), 0 when empty. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** CPU seconds (user + system) this process has used so far. */
export function ownCpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** What was going on while something ran: wall time, this process's CPU, the whole machine's busy CPU. */
export class CpuWindow {
  private readonly wall0 = performance.now();
  private readonly own0 = ownCpuSeconds();
  private readonly machine0 = machineCpuSeconds();

  /** seconds since the window opened, this process's CPU seconds, everyone else's CPU seconds (null: unknown) */
  close(): { wall: number; own: number; other: number | null } {
    const wall = (performance.now() - this.wall0) / 1000;
    const own = ownCpuSeconds() - this.own0;
    const machine1 = machineCpuSeconds();
    const other = this.machine0 === null || machine1 === null ? null : Math.max(0, machine1 - this.machine0 - own);
    return { wall, own, other };
  }
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

/**
 * A measurement from per-operation latencies (ms). `operations` defaults to the number of latencies and
 * `seconds` to the window's wall time; the rate is operations / seconds.
 */
export function inProcessMeasurement(
  latenciesMs: ArrayLike<number>,
  window: { wall: number; own: number; other: number | null },
  opts: { operations?: number; seconds?: number; connections?: number; countOtherCpu?: boolean } = {},
): Measurement {
  const sorted = Float64Array.from(latenciesMs).sort();
  const operations = opts.operations ?? sorted.length;
  const seconds = opts.seconds ?? window.wall;
  return {
    reqPerSec: seconds > 0 ? operations / seconds : 0,
    p50: round3(quantile(sorted, 0.5)),
    p90: round3(quantile(sorted, 0.9)),
    p99: round3(quantile(sorted, 0.99)),
    maxMs: round3(sorted.length ? sorted[sorted.length - 1]! : 0),
    requests: operations,
    errors: 0,
    timeouts: 0,
    non2xx: 0,
    seconds: Math.round(seconds * 100) / 100,
    connections: opts.connections ?? 1,
    serverCpu: null,
    serverCpuUsPerReq: null,
    loaderCpu: window.wall > 0 ? (window.own / window.wall) * 100 : 0,
    otherCpu: opts.countOtherCpu === false || window.other === null || window.wall <= 0 ? null : (window.other / window.wall) * 100,
  };
}

/**
 * Times a synchronous operation: `warmup` (discarded: runs for at least `warmupSeconds` and `minWarmup` calls), then
 * measured calls for at least `seconds` and `minIterations` calls. `op(i)` gets a running call number.
 */
export function timeSync(
  op: (i: number) => unknown,
  opts: { seconds: number; warmupSeconds: number; minIterations?: number; minWarmup?: number; maxIterations?: number },
): { latencies: Float64Array; iterations: number; window: { wall: number; own: number; other: number | null } } {
  let i = 0;
  const warmEnd = performance.now() + opts.warmupSeconds * 1000;
  for (let n = 0; n < (opts.minWarmup ?? 20) || performance.now() < warmEnd; n++) op(i++);
  const cap = opts.maxIterations ?? 10_000_000;
  const minIterations = Math.min(opts.minIterations ?? 100, cap);
  let latencies = new Float64Array(Math.min(cap, 65_536));
  let count = 0;
  const win = new CpuWindow();
  const end = performance.now() + opts.seconds * 1000;
  for (;;) {
    const t0 = performance.now();
    op(i++);
    const t1 = performance.now();
    if (count === latencies.length) {
      const bigger = new Float64Array(Math.min(cap, latencies.length * 2));
      bigger.set(latencies);
      latencies = bigger;
    }
    latencies[count++] = t1 - t0;
    if (count >= cap || (count >= minIterations && t1 >= end)) break;
  }
  return { latencies: latencies.subarray(0, count), iterations: count, window: win.close() };
}

/** A small deterministic PRNG (mulberry32), so generated fixtures are the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A deterministic UUID-shaped id (version 4 layout) from a PRNG. */
export function fakeUuid(rand: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[Math.floor(rand() * 4)]!;
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
