// Summarises a V8 CPU profile (.cpuprofile, written by `node --cpu-prof` when BENCH_PROFILE=1): where the
// server's non-idle time went, by area (package, node internals, this project) and by function (self time).
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './servers.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

function area(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const file = url.startsWith('file://') ? url.slice(7) : url;
  return file.startsWith(ROOT) ? path.relative(ROOT, file).split('/')[0] + '/' : url;
}

function frameKey(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url ? `${url.replace(`file://${ROOT}/`, '')}:${lineNumber + 1}` : '';
  return `${functionName || '(anonymous)'} ${where}`.trim();
}

export function summariseProfile(file: string, top = 15): string {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const areas = new Map<string, number>();
  const fns = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let busy = 0;
  for (const [id, us] of self) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url } = node.callFrame;
    if (functionName === '(idle)') continue;
    busy += us;
    const a = area(url, functionName);
    areas.set(a, (areas.get(a) ?? 0) + us);
    fns.set(frameKey(node), (fns.get(frameKey(node)) ?? 0) + us);
    // total time of the project's and packages' functions on this stack (each counted once per stack)
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur)!;
      const u = n.callFrame.url;
      if (!u || u.startsWith('node:')) continue;
      const key = frameKey(n);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + us);
    }
  }
  const pct = (us: number) => `${((us / busy) * 100).toFixed(1).padStart(5)}%`;
  const sorted = (m: Map<string, number>, n: number) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
  const label = path.basename(path.dirname(file));
  const lines = [`${label}: ${(busy / 1e6).toFixed(1)} s busy of ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s profiled (start-up and warm-up included)`];
  lines.push('  by area (self time):');
  for (const [k, us] of sorted(areas, 12)) lines.push(`    ${pct(us)}  ${k}`);
  lines.push('  top functions (self time):');
  for (const [k, us] of sorted(fns, top)) lines.push(`    ${pct(us)}  ${k}`);
  lines.push('  top project/package functions (total time, callees included):');
  for (const [k, us] of sorted(inclusive, top)) lines.push(`    ${pct(us)}  ${k}`);
  return lines.join('\n');
}

/** the profiles a child wrote into `dir` */
export function profilesIn(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir)
      // CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile: the main thread (0), not tsx's loader worker
      .filter((f) => /\.0\.\d+\.cpuprofile$/.test(f))
      .map((f) => path.join(dir, f));
  } catch {
    return [];
  }
}
