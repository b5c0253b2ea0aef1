// `npm run bench [-- name ...]`: runs the registered benchmarks (all, or the named ones; `*` matches any
// characters, e.g. `catalog*`), prints one table, writes the rows as JSON, and exits 1 when a target is missed.
//
//   BENCH_SECONDS=10          measured seconds per row
//   BENCH_WARMUP_SECONDS=1    discarded warm-up before each server's measurement (0: none)
//   BENCH_ROUNDS=4            servers compared with each other are measured in this many interleaved slices
//   BENCH_CONNECTIONS=100     connections for the throughput rows
//   BENCH_SIGNIN_CONNECTIONS=10
//   BENCH_CATALOG_DATABASES=postgresql,embedded
//   BENCH_PLATFORM_ENV=K=V,…  diagnosis only: extra environment for the platform children (printed when used)
//   BENCH_PROFILE=1           CPU-profile the platform child processes and summarise where the time went
//   BENCH_JSON=/tmp/zhengyun-bench-latest.json
//
// To add a benchmark: write bench/<name>.ts whose default export is a `Benchmark` (see bench/harness.ts and
// bench/catalog.ts), and add one line to BENCHMARKS below.
import os from 'node:os';
import path from 'node:path';
import { BenchContext, settingsFromEnv, type Registration, type Row } from './harness.js';
import { formatMemory, readPlatformMemory, type MemoryReading } from './memory.js';
import { profilesIn, summariseProfile } from './profile.js';
import { formatTable, writeJson } from './report.js';

export const BENCHMARKS: Registration[] = [
  { name: 'catalog', load: () => import('./catalog.js') },
  { name: 'signin', load: () => import('./signin.js') },
  { name: 'migration', load: () => import('./migration.js') },
  { name: 'validation', load: () => import('./validation.js') },
  { name: 'review-queue', load: () => import('./review-queue.js') },
  { name: 'desired-state', load: () => import('./desired-state.js') },
  { name: 'job-queue', load: () => import('./job-queue.js') },
  { name: 'provisioning', load: () => import('./provisioning.js') },
  { name: 'reminder-sweep', load: () => import('./reminder-sweep.js') },
];

function select(args: string[]): Registration[] {
  if (!args.length) return BENCHMARKS;
  const unknown: string[] = [];
  const chosen = new Set<Registration>();
  for (const arg of args) {
    const re = new RegExp('^' + arg.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
    const matches = BENCHMARKS.filter((b) => re.test(b.name));
    if (!matches.length) unknown.push(arg);
    matches.forEach((m) => chosen.add(m));
  }
  if (unknown.length) {
    throw new Error(`unknown benchmark ${unknown.join(', ')}; registered: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
  }
  return BENCHMARKS.filter((b) => chosen.has(b)); // registration order
}

async function main(): Promise<number> {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  if (args.includes('--list') || args.includes('--help') || args.includes('-h')) {
    for (const b of BENCHMARKS) console.log(`${b.name.padEnd(20)} ${(await b.load()).default.description}`);
    console.log('\nusage: npm run bench [-- name|pattern ...]   (env: BENCH_SECONDS, BENCH_WARMUP_SECONDS, BENCH_CONNECTIONS, BENCH_PROFILE=1)');
    return 0;
  }
  const selected = select(args);
  const settings = settingsFromEnv();
  const jsonPath = process.env.BENCH_JSON ?? path.join(os.tmpdir(), 'zhengyun-bench-latest.json');
  const ctx = new BenchContext(settings);

  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) process.exit(130);
    interrupted = true;
    ctx.log(`${signal}: stopping servers and dropping scratch databases`);
    void ctx.cleanup().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const started = performance.now();
  const rows: Row[] = [];
  const failures: string[] = [];
  let memory: MemoryReading[] = [];
  try {
    const loaded = await Promise.all(selected.map(async (r) => ({ name: r.name, bench: (await r.load()).default })));
    ctx.log(`${loaded.map((b) => b.name).join(', ')}: ${settings.seconds} s per server after ${settings.warmupSeconds} s warm-up, ${settings.connections} connections`);
    ctx.log('starting servers');
    // start every server the selection needs at once: start-ups overlap, measurements do not
    const prepared = await Promise.allSettled(loaded.map((b) => b.bench.prepare?.(ctx)));
    for (const [i, b] of loaded.entries()) {
      const p = prepared[i]!;
      if (p.status === 'rejected') {
        failures.push(`${b.name}: ${p.reason instanceof Error ? p.reason.message : String(p.reason)}`);
        continue;
      }
      try {
        rows.push(...(await b.bench.run(ctx)));
      } catch (err) {
        failures.push(`${b.name}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    // target 7: the platforms' RSS after everything ran, before they stop
    memory = await readPlatformMemory();
  } finally {
    ctx.log('stopping servers');
    await ctx.cleanup();
  }

  console.log('');
  console.log(formatTable(rows));
  for (const f of failures) console.log(`\nERROR ${f}`);
  if (settings.profile) {
    console.log('\n(CPU profiling slows the servers: compare these rows only with other profiled runs)');
    for (const dir of ctx.profileDirs) for (const file of profilesIn(dir)) console.log('\n' + summariseProfile(file));
  }
  if (memory.length) console.log('\n' + formatMemory(memory));
  for (const line of ctx.epilogue) console.log(line);
  writeJson(jsonPath, { settings, rows, failures, memory });
  console.log(`\n${rows.length} rows in ${((performance.now() - started) / 1000).toFixed(0)} s; JSON: ${jsonPath}`);
  return failures.length || rows.some((r) => r.pass === false) || memory.some((m) => m.pass === false) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(2);
  },
);
