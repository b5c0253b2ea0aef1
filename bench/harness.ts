// The benchmark contract and the run context shared by every benchmark under bench/.
//
// A benchmark is a module whose default export is a `Benchmark`; it is registered with one line in
// bench/run.ts. `prepare` (optional) starts what it needs — all selected benchmarks prepare concurrently,
// before anything is measured, so slow start-ups overlap — and `run` measures, one benchmark at a time,
// returning table rows. Expensive things (a platform child process, a scratch database, the bare baseline)
// are shared through `ctx.shared(key, factory)`, so two benchmarks that need the same server start it once;
// whatever is started registers its teardown with `ctx.defer`.

export interface Settings {
  /** measured seconds per row (BENCH_SECONDS, default 10) */
  seconds: number;
  /** warm-up seconds before each measurement, discarded (BENCH_WARMUP_SECONDS, default 1) */
  warmupSeconds: number;
  /** servers compared with one another are measured in this many interleaved slices (BENCH_ROUNDS, default 4) */
  rounds: number;
  /** connections for throughput rows (BENCH_CONNECTIONS, default 100) */
  connections: number;
  /** write a V8 CPU profile of each platform child and summarise it (BENCH_PROFILE=1) */
  profile: boolean;
}

export interface Measurement {
  reqPerSec: number;
  p50: number;
  p90: number;
  p99: number;
  maxMs: number;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  /** seconds actually measured */
  seconds: number;
  connections: number;
  /** CPU used by the server process during the measurement, in % of one core (null: unknown) */
  serverCpu: number | null;
  /**
   * server CPU time per request, in µs (null: unknown). Steadier than req/s on a noisy machine: when the
   * server is CPU-bound its throughput is about 1e6 / this, times the cores it gets.
   */
  serverCpuUsPerReq: number | null;
  /** CPU used by this (load-generating) process during the measurement, in % of one core */
  loaderCpu: number;
  /**
   * CPU used meanwhile by everything else on the machine (other processes, the kernel's share of loopback
   * networking, PostgreSQL), in % of one core; high values mean the numbers are not this code's alone
   */
  otherCpu: number | null;
  /** req/s of each slice, when measured in interleaved slices: shows how steady the machine was */
  sliceReqPerSec?: number[];
}

export interface Target {
  /** throughput at least this fraction of the baseline row's */
  minRatio?: number;
  /** p99 latency at most this many milliseconds */
  maxP99Ms?: number;
  /** throughput (req/s, or the row's operations per second) at least this, measured on its own */
  minPerSecond?: number;
}

export interface Row extends Measurement {
  name: string;
  /** the name of the row this one is compared with, if any */
  baseline?: string;
  /** reqPerSec / baseline's reqPerSec */
  ratio?: number;
  /**
   * baseline's CPU µs per request / this row's: the throughput ratio the two would have if each had a core to
   * itself. It hardly moves when other processes load the machine, unlike `ratio`.
   */
  cpuRatio?: number;
  target?: Target;
  /** true: target met; false: missed (or the run had errors); null: nothing to check */
  pass: boolean | null;
  /** why a row failed, or anything worth knowing next to the numbers */
  notes: string[];
}

export interface Benchmark {
  description: string;
  prepare?(ctx: BenchContext): Promise<void>;
  run(ctx: BenchContext): Promise<Row[]>;
}

export interface Registration {
  name: string;
  load: () => Promise<{ default: Benchmark }>;
}

export class BenchContext {
  private readonly resources = new Map<string, Promise<unknown>>();
  private readonly cleanups: { label: string; fn: () => Promise<void> | void }[] = [];
  private readonly emitted = new Set<string>();
  /** lines printed after the table (profiles, warnings) */
  readonly epilogue: string[] = [];
  /** folders where child processes write CPU profiles (BENCH_PROFILE=1), summarised once they have exited */
  readonly profileDirs: string[] = [];

  private readonly t0 = performance.now();

  constructor(readonly settings: Settings) {}

  /** one instance per key for the whole run, created on first use */
  shared<T>(key: string, factory: () => Promise<T>): Promise<T> {
    let p = this.resources.get(key) as Promise<T> | undefined;
    if (!p) {
      p = factory();
      p.catch(() => undefined); // reported by whoever awaits it
      this.resources.set(key, p);
    }
    return p;
  }

  /** teardown, run in reverse order at the end (or on Ctrl-C) */
  defer(label: string, fn: () => Promise<void> | void): void {
    this.cleanups.push({ label, fn });
  }

  /** true the first time it is called with `key`: for rows that several benchmarks share (e.g. a baseline) */
  once(key: string): boolean {
    if (this.emitted.has(key)) return false;
    this.emitted.add(key);
    return true;
  }

  note(line: string): void {
    this.epilogue.push(line);
  }

  log(message: string): void {
    process.stderr.write(`[bench +${((performance.now() - this.t0) / 1000).toFixed(1)}s] ${message}\n`);
  }

  async cleanup(): Promise<void> {
    while (this.cleanups.length) {
      const { label, fn } = this.cleanups.pop()!;
      try {
        await fn();
      } catch (err) {
        this.log(`cleanup ${label} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
}

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got ${JSON.stringify(raw)}`);
  return n;
}

export function settingsFromEnv(): Settings {
  return {
    seconds: envNumber('BENCH_SECONDS', 10),
    warmupSeconds: process.env.BENCH_WARMUP_SECONDS === '0' ? 0 : envNumber('BENCH_WARMUP_SECONDS', 1),
    rounds: Math.round(envNumber('BENCH_ROUNDS', 4)),
    connections: Math.round(envNumber('BENCH_CONNECTIONS', 100)),
    profile: ['1', 'true', 'yes'].includes(process.env.BENCH_PROFILE ?? ''),
  };
}

/** % of one core used by others during a measurement above which a row says it was noisy */
export const OTHER_CPU_WARNING = 35;

/** A row from a measurement: checks the target against the baseline and flags errors or non-2xx responses. */
export function makeRow(name: string, m: Measurement, opts: { baseline?: Row; target?: Target; notes?: string[] } = {}): Row {
  const notes = [...(opts.notes ?? [])];
  const row: Row = { name, ...m, pass: null, notes };
  if (opts.baseline) {
    row.baseline = opts.baseline.name;
    row.ratio = opts.baseline.reqPerSec > 0 ? m.reqPerSec / opts.baseline.reqPerSec : 0;
    if (opts.baseline.serverCpuUsPerReq && m.serverCpuUsPerReq) row.cpuRatio = opts.baseline.serverCpuUsPerReq / m.serverCpuUsPerReq;
  }
  if (opts.target) {
    row.target = opts.target;
    let ok = true;
    if (opts.target.minRatio !== undefined) {
      if (row.ratio === undefined) {
        ok = false;
        notes.push('no baseline to compare with');
      } else if (row.ratio < opts.target.minRatio) {
        ok = false;
        notes.push(`throughput ${(row.ratio * 100).toFixed(0)}% of ${row.baseline} < ${(opts.target.minRatio * 100).toFixed(0)}%`);
      }
    }
    if (opts.target.minPerSecond !== undefined && m.reqPerSec < opts.target.minPerSecond) {
      ok = false;
      notes.push(`${Math.round(m.reqPerSec)}/s < ${opts.target.minPerSecond}/s`);
    }
    if (opts.target.maxP99Ms !== undefined && m.p99 > opts.target.maxP99Ms) {
      ok = false;
      notes.push(`p99 ${m.p99} ms > ${opts.target.maxP99Ms} ms`);
    }
    row.pass = ok;
  }
  if (m.otherCpu !== null && m.otherCpu > OTHER_CPU_WARNING) {
    notes.push(`other processes used ${m.otherCpu.toFixed(0)}% of a core meanwhile: a noisy measurement, run again on a quiet machine`);
  }
  if (m.errors || m.non2xx) {
    row.pass = false;
    notes.push(`${m.errors} errors (${m.timeouts} timeouts), ${m.non2xx} non-2xx responses`);
  }
  return row;
}
