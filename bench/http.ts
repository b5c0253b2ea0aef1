// autocannon helpers shared by the HTTP benchmarks: a warm-up, then one measured run, summarised as a Measurement
// together with the CPU the server and this load generator used (to tell which side was the bottleneck).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import autocannon from 'autocannon';
import type { Measurement, Settings } from './harness.js';

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
  seconds?: number;
  warmupSeconds?: number;
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

function ownCpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

function cannon(spec: LoadSpec, seconds: number): Promise<autocannon.Result> {
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
  return autocannon(opts);
}

/** Warm up (discarded), then measure. */
export async function measure(spec: LoadSpec, settings: Settings): Promise<Measurement> {
  const warmup = spec.warmupSeconds ?? settings.warmupSeconds;
  if (warmup > 0) await cannon(spec, warmup);
  const seconds = spec.seconds ?? settings.seconds;
  const serverBefore = spec.serverPid ? processCpuSeconds(spec.serverPid) : null;
  const ownBefore = ownCpuSeconds();
  const wallBefore = performance.now();
  const r = await cannon(spec, seconds);
  const wall = (performance.now() - wallBefore) / 1000;
  const serverAfter = spec.serverPid ? processCpuSeconds(spec.serverPid) : null;
  const ownAfter = ownCpuSeconds();
  return {
    reqPerSec: r.requests.average,
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    maxMs: r.latency.max,
    requests: r.requests.total,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    seconds: r.duration,
    connections: r.connections,
    serverCpu: serverBefore !== null && serverAfter !== null ? ((serverAfter - serverBefore) / wall) * 100 : null,
    loaderCpu: ((ownAfter - ownBefore) / wall) * 100,
  };
}

/** One request outside the load run (checks, fetching the body to mirror). */
export async function fetchOk(url: string, init?: RequestInit): Promise<Response> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${res.status} ${await res.text()}`);
  return res;
}
