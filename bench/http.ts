// autocannon helpers shared by the HTTP benchmarks. `measure` warms up then measures one server; `compare`
// measures several servers in interleaved slices (A B C, C B A, …), so that the noise of a shared 2-core VM
// (throughput here swings ±30% from one 5-second run to the next) lands on every server alike and ratios
// between them mean something. Every response's latency is kept, so percentiles cover all slices exactly,
// and the CPU used by the server and by this load generator is reported, to tell which side was saturated.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import autocannon from 'autocannon';
import { Pool } from 'undici';
import type { Measurement, Settings } from './harness.js';

/**
 * What the console's browser sends with every request besides its token: it accepts compressed bodies, which the
 * server gzips when large (api/serialised.ts). The signed-in and board rows send it; the catalog-against-bare row
 * does not (the two servers compared there send the same plain bytes).
 */
export const BROWSER_HEADERS = { 'accept-encoding': 'gzip, deflate, br, zstd' } as const;

export interface LoadSpec {
  /** base URL of the server, e.g. http://127.0.0.1:4001 */
  url: string;
  path: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** a sequence of requests each connection cycles through (overrides path/method/body) */
  requests?: { path: string; method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string }[];
  connections?: number;
  /** the server's pid, to report its CPU use */
  serverPid?: number;
}

let clockTicks: number | undefined;
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** user+system CPU seconds of a process (all its threads), or null where /proc is not available */
export function processCpuSeconds(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // after "pid (comm) ": state is field 3 → index 0; utime is field 14 → index 11, stime index 12
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond();
  } catch {
    return null;
  }
}

/** busy CPU seconds of the whole machine, all cores (null where /proc is not available) */
export function machineCpuSeconds(): number | null {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
    const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
    return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / ticksPerSecond();
  } catch {
    return null;
  }
}

function ownCpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** What one or more autocannon runs against one server add up to. */
class Tally {
  latencies: number[] = [];
  requests = 0;
  errors = 0;
  timeouts = 0;
  non2xx = 0;
  seconds = 0;
  wall = 0;
  serverCpu: number | null = 0;
  loaderCpu = 0;
  otherCpu: number | null = 0;
  slices: number[] = [];

  constructor(readonly spec: LoadSpec) {}

  toMeasurement(): Measurement {
    const sorted = Float64Array.from(this.latencies).sort();
    const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]! : 0);
    const round = (n: number) => Math.round(n * 10) / 10;
    return {
      reqPerSec: this.seconds ? this.requests / this.seconds : 0,
      p50: round(at(0.5)),
      p90: round(at(0.9)),
      p99: round(at(0.99)),
      maxMs: round(sorted.length ? sorted[sorted.length - 1]! : 0),
      requests: this.requests,
      errors: this.errors,
      timeouts: this.timeouts,
      non2xx: this.non2xx,
      seconds: round(this.seconds),
      connections: this.spec.connections ?? 100,
      serverCpu: this.serverCpu === null || !this.wall ? null : (this.serverCpu / this.wall) * 100,
      serverCpuUsPerReq: this.serverCpu === null || !this.requests ? null : Math.round((this.serverCpu / this.requests) * 1e6),
      loaderCpu: this.wall ? (this.loaderCpu / this.wall) * 100 : 0,
      otherCpu: this.otherCpu === null || !this.wall ? null : Math.max(0, (this.otherCpu / this.wall) * 100),
      sliceReqPerSec: this.slices.map((s) => Math.round(s)),
    };
  }
}

function options(spec: LoadSpec, seconds: number): autocannon.Options {
  const opts: autocannon.Options = {
    url: spec.url + spec.path,
    connections: spec.connections ?? 100,
    duration: seconds,
    method: spec.method ?? 'GET',
    headers: spec.headers,
    body: spec.body,
    timeout: 10,
  };
  if (spec.requests) {
    opts.requests = spec.requests.map((r) => ({ path: r.path, method: r.method ?? 'GET', headers: r.headers, body: r.body }));
  }
  return opts;
}

function cannon(spec: LoadSpec, seconds: number, onLatency?: (ms: number) => void): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options(spec, seconds), (err: unknown, result: autocannon.Result) => (err ? reject(err) : resolve(result)));
    if (onLatency) instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => onLatency(ms));
  });
}

async function slice(t: Tally, seconds: number): Promise<void> {
  const serverBefore = t.spec.serverPid ? processCpuSeconds(t.spec.serverPid) : null;
  const machineBefore = machineCpuSeconds();
  const ownBefore = ownCpuSeconds();
  const wallBefore = performance.now();
  const r = await cannon(t.spec, seconds, (ms) => t.latencies.push(ms));
  const wall = (performance.now() - wallBefore) / 1000;
  const serverAfter = t.spec.serverPid ? processCpuSeconds(t.spec.serverPid) : null;
  const machineAfter = machineCpuSeconds();
  const own = ownCpuSeconds() - ownBefore;
  t.requests += r.requests.total;
  t.errors += r.errors;
  t.timeouts += r.timeouts;
  t.non2xx += r.non2xx;
  t.seconds += r.duration;
  t.wall += wall;
  t.slices.push(r.duration ? r.requests.total / r.duration : 0);
  t.loaderCpu += own;
  const server = serverBefore === null || serverAfter === null ? null : serverAfter - serverBefore;
  t.serverCpu = t.serverCpu === null || server === null ? null : t.serverCpu + server;
  t.otherCpu =
    t.otherCpu === null || server === null || machineBefore === null || machineAfter === null
      ? null
      : t.otherCpu + (machineAfter - machineBefore) - server - own;
}

/** Warm up (discarded), then measure one server for `settings.seconds`. */
export async function measure(spec: LoadSpec, settings: Settings): Promise<Measurement> {
  if (settings.warmupSeconds > 0) await cannon(spec, settings.warmupSeconds);
  const t = new Tally(spec);
  await slice(t, settings.seconds);
  return t.toMeasurement();
}

/**
 * Warm each server up, then measure them in `settings.rounds` interleaved rounds whose order alternates
 * (A B C, C B A, …); each server gets `settings.seconds` in all. Results in the order of `specs`.
 */
export async function compare(specs: LoadSpec[], settings: Settings, onRound?: (round: number) => void): Promise<Measurement[]> {
  if (settings.warmupSeconds > 0) for (const spec of specs) await cannon(spec, settings.warmupSeconds);
  const tallies = specs.map((s) => new Tally(s));
  const rounds = Math.max(1, Math.min(settings.rounds, Math.floor(settings.seconds)));
  const seconds = settings.seconds / rounds;
  for (let round = 0; round < rounds; round++) {
    onRound?.(round);
    const order = round % 2 === 0 ? tallies : [...tallies].reverse();
    for (const t of order) await slice(t, seconds);
  }
  return tallies.map((t) => t.toMeasurement());
}

/** What an open-loop run offers: `rate` requests a second, whatever the server's answers take. */
export interface OpenLoopSpec extends LoadSpec {
  /** requests per second, sent on a fixed schedule */
  rate: number;
}

/**
 * Sends requests at a fixed rate for `seconds` (open loop): request i leaves at start + i / rate, on any free
 * connection of a keep-alive pool (up to `connections`, default 256), whether or not earlier answers came back.
 * A latency is counted from the moment its request was due, not from when it left, so a server (or a loader)
 * that falls behind shows it in the percentiles instead of quietly sending fewer requests (coordinated
 * omission). autocannon's `overallRate` is not used: it sends each connection's share of a second back to back
 * at the start of the second and then waits, a burst of up to `rate` requests once a second rather than a rate.
 */
async function fixedRate(spec: OpenLoopSpec, seconds: number, t?: Tally): Promise<void> {
  const pool = new Pool(spec.url, { connections: spec.connections ?? 256, pipelining: 1, keepAliveTimeout: 30_000 });
  const requests = spec.requests ?? [{ path: spec.path, method: spec.method, headers: spec.headers, body: spec.body }];
  const total = Math.round(spec.rate * seconds);
  const start = performance.now();
  const inFlight = new Set<Promise<void>>();
  let sent = 0;
  const send = (i: number) => {
    const due = start + (i * 1000) / spec.rate;
    const r = requests[i % requests.length]!;
    const p = pool
      .request({ path: r.path, method: r.method ?? 'GET', headers: r.headers, body: r.body, headersTimeout: 10_000, bodyTimeout: 10_000 })
      .then(async (res) => {
        await res.body.dump({ limit: Number.MAX_SAFE_INTEGER });
        if (!t) return;
        t.latencies.push(performance.now() - due);
        t.requests++;
        if (res.statusCode < 200 || res.statusCode >= 300) t.non2xx++;
      })
      .catch((err: unknown) => {
        if (!t) return;
        t.errors++;
        if (err instanceof Error && /timeout/i.test(err.name + err.message)) t.timeouts++;
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };
  // a server a whole second of requests behind cannot meet the rate: the run stops there and the requests not
  // sent count as errors, rather than piling up a backlog that would slow whatever is measured next
  const maxBehind = Math.max(1, Math.round(spec.rate));
  await new Promise<void>((resolve) => {
    const tick = () => {
      const dueNow = Math.min(total, Math.floor(((performance.now() - start) * spec.rate) / 1000) + 1);
      while (sent < dueNow && inFlight.size < maxBehind) send(sent++);
      if (sent < dueNow) {
        if (t) t.errors += total - sent;
        return resolve();
      }
      if (sent >= total) resolve();
      else setTimeout(tick, 1);
    };
    tick();
  });
  // answers still due 10 s after the last request left are not waited for: they count as timeouts (a server far
  // behind the offered rate would otherwise hold the run for as long as its backlog takes)
  const drained = Promise.all([...inFlight]);
  let timer: NodeJS.Timeout | undefined;
  const inTime = await Promise.race([drained.then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 10_000)))]);
  clearTimeout(timer);
  if (inTime) return void (await pool.close());
  if (t) t.timeouts += inFlight.size;
  await pool.destroy();
  await drained;
  // the server may still be working through what it was sent: wait until it answers again
  for (const until = performance.now() + 120_000; performance.now() < until; ) {
    const r = requests[0]!;
    const ok = await fetch(spec.url + r.path, { headers: r.headers, signal: AbortSignal.timeout(5_000) }).then((res) => res.arrayBuffer().then(() => res.ok), () => false);
    if (ok) break;
  }
}

/**
 * Warm up at the same rate (discarded), then offer `spec.rate` requests a second for `settings.seconds`
 * (open loop, see fixedRate). reqPerSec is the rate achieved: below the offered rate the server (or the loader)
 * could not keep up, and the latencies say by how much.
 */
export async function measureOpenLoop(spec: OpenLoopSpec, settings: Settings): Promise<Measurement> {
  if (settings.warmupSeconds > 0) await fixedRate(spec, settings.warmupSeconds);
  const t = new Tally({ ...spec, connections: spec.connections ?? 256 });
  const serverBefore = spec.serverPid ? processCpuSeconds(spec.serverPid) : null;
  const machineBefore = machineCpuSeconds();
  const ownBefore = ownCpuSeconds();
  const wallBefore = performance.now();
  await fixedRate(spec, settings.seconds, t);
  const wall = (performance.now() - wallBefore) / 1000;
  const serverAfter = spec.serverPid ? processCpuSeconds(spec.serverPid) : null;
  const machineAfter = machineCpuSeconds();
  const own = ownCpuSeconds() - ownBefore;
  t.seconds = wall;
  t.wall = wall;
  t.loaderCpu = own;
  const server = serverBefore === null || serverAfter === null ? null : serverAfter - serverBefore;
  t.serverCpu = server;
  t.otherCpu = server === null || machineBefore === null || machineAfter === null ? null : machineAfter - machineBefore - server - own;
  return t.toMeasurement();
}

/** One request outside the load run (checks, fetching the body to mirror). */
export async function fetchOk(url: string, init?: RequestInit): Promise<Response> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${res.status} ${await res.text()}`);
  return res;
}
