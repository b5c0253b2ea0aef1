// Issue 20 target 7: the resident memory of each platform child (api/server.ts) once every selected benchmark
// has run, read before the servers are stopped. The target applies to the children on PostgreSQL (the production
// configuration); the embedded one is reported without a verdict, as PGlite's whole PostgreSQL (its WebAssembly
// memory) lives in that process. The figure is the platform's own Prometheus gauge
// process_resident_memory_bytes (prom-client's default metrics on GET /metrics, with METRICS_TOKEN when this
// environment sets one); /proc/<pid>/status adds the peak (VmHWM) on Linux, and stands in for the RSS if /metrics
// does not answer. The children run the TypeScript sources under tsx (its loader thread included), so the
// compiled production server uses a little less.
import fs from 'node:fs';
import { CHILD_MALLOC_ARENA_MAX, startedServers, type ChildServer } from './servers.js';

/** RSS of a platform child at the end of the run must stay below this (issue 20 target 7) */
export const MAX_RSS_MB = 300;

export interface MemoryReading {
  label: string;
  pid: number;
  rssMb: number | null;
  /** peak RSS over the child's life (VmHWM), Linux only */
  peakMb: number | null;
  source: 'metrics' | 'proc' | 'none';
  /** true for the child on the embedded database: PGlite's PostgreSQL runs inside it, so no target applies */
  embedded: boolean;
  pass: boolean | null;
}

const MB = 1024 * 1024;

function procStatusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

async function metricsRssBytes(server: ChildServer): Promise<number | null> {
  try {
    const token = process.env.METRICS_TOKEN;
    const res = await fetch(`${server.url}/metrics`, { headers: token ? { Authorization: `Bearer ${token}` } : {}, signal: AbortSignal.timeout(5_000) });
    if (res.status !== 200) return null;
    // prom-client puts the registry's default labels on every line: process_resident_memory_bytes{service="zhengyun"} 1.2e8
    const m = /^process_resident_memory_bytes(?:\{[^}]*\})?\s+([0-9.e+]+)$/m.exec(await res.text());
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** One reading per platform child still running. */
export async function readPlatformMemory(servers: ChildServer[] = startedServers): Promise<MemoryReading[]> {
  const out: MemoryReading[] = [];
  for (const s of servers.filter((x) => x.label.startsWith('platform-'))) {
    const fromMetrics = await metricsRssBytes(s);
    const procKb = procStatusKb(s.pid, 'VmRSS');
    const peakKb = procStatusKb(s.pid, 'VmHWM');
    const rssMb = fromMetrics !== null ? fromMetrics / MB : procKb !== null ? procKb / 1024 : null;
    const embedded = s.label === 'platform-embedded'; // bench/servers.ts embeddedPlatform
    out.push({
      label: s.label,
      pid: s.pid,
      rssMb,
      peakMb: peakKb === null ? null : peakKb / 1024,
      source: fromMetrics !== null ? 'metrics' : procKb !== null ? 'proc' : 'none',
      embedded,
      pass: rssMb === null || embedded ? null : rssMb < MAX_RSS_MB,
    });
  }
  return out;
}

/** The lines printed after the table. */
export function formatMemory(readings: MemoryReading[]): string {
  if (!readings.length) return '';
  const arenas = `children with MALLOC_ARENA_MAX=${CHILD_MALLOC_ARENA_MAX}${CHILD_MALLOC_ARENA_MAX === '2' ? ' as in the image' : ', the image sets 2'}`;
  const lines = [`memory: RSS of each platform child at the end of the run (target < ${MAX_RSS_MB} MB on PostgreSQL; the embedded child holds PGlite's PostgreSQL too; ${arenas})`];
  for (const r of readings) {
    const rss = r.rssMb === null ? 'unknown' : `${r.rssMb.toFixed(0)} MB`;
    const peak = r.peakMb === null ? '' : `, peak ${r.peakMb.toFixed(0)} MB`;
    const verdict = r.pass === null ? '—' : r.pass ? 'PASS' : 'FAIL';
    lines.push(`  ${r.label.padEnd(28)} ${rss.padStart(8)}${peak}  ${verdict}  (from ${r.source === 'metrics' ? '/metrics process_resident_memory_bytes' : r.source === 'proc' ? '/proc VmRSS' : 'nowhere'})`);
  }
  return lines.join('\n');
}
