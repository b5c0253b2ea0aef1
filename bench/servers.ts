// Servers under test, each in its own child process (the machine has 2 cores: the load generator runs here,
// the server there, so they never share an event loop): the platform on a scratch PostgreSQL database, the
// platform on its embedded database in a temporary DATA_DIR, and the bare Express baseline.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { BenchContext } from './harness.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** the demo password the benchmark platforms are seeded with (meets the password policy) */
export const BENCH_PASSWORD = 'Bench-Passw0rd!2026';
export const ADMIN_URL = process.env.BENCH_DATABASE_ADMIN_URL ?? process.env.TEST_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const PROFILE_DIR = path.join(os.tmpdir(), 'zhengyun-bench-profiles');

export interface ChildServer {
  label: string;
  url: string;
  pid: number;
  logPath: string;
  /** where the V8 CPU profile is written on exit (BENCH_PROFILE=1) */
  profileDir?: string;
  stop(): Promise<void>;
}

/** every child started in this run, in start order (bench/memory.ts reads the platforms' RSS at the end) */
export const startedServers: ChildServer[] = [];

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function tail(file: string, lines = 15): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function waitExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Spawns `node [--cpu-prof] --import tsx <script>` with stdout/stderr to a log file under the temp folder,
 * and waits until `readyPath` answers 200.
 */
export async function spawnServer(
  ctx: BenchContext,
  opts: { label: string; script: string; env: NodeJS.ProcessEnv; readyPath: string; port: number; timeoutMs?: number; profile?: boolean },
): Promise<ChildServer> {
  const logPath = path.join(os.tmpdir(), `zhengyun-bench-${opts.label}.log`);
  const log = fs.openSync(logPath, 'w');
  const profileDir = opts.profile ? path.join(PROFILE_DIR, opts.label) : undefined;
  if (profileDir) {
    fs.rmSync(profileDir, { recursive: true, force: true });
    fs.mkdirSync(profileDir, { recursive: true });
    ctx.profileDirs.push(profileDir);
  }
  const args = [...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), '--import', 'tsx', opts.script];
  const child = spawn(process.execPath, args, { cwd: ROOT, env: opts.env, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  let exited = false;
  child.once('exit', () => (exited = true));
  const url = `http://127.0.0.1:${opts.port}`;

  const stop = async () => {
    if (exited) return;
    child.kill('SIGTERM');
    if (!(await waitExit(child, 15_000))) {
      child.kill('SIGKILL');
      await waitExit(child, 5_000);
    }
  };
  ctx.defer(`stop ${opts.label}`, stop);

  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  for (;;) {
    if (exited) throw new Error(`${opts.label} exited during start-up (code ${child.exitCode}); log ${logPath}:\n${tail(logPath)}`);
    try {
      const res = await fetch(url + opts.readyPath, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${opts.label} not ready after ${opts.timeoutMs ?? 120_000} ms; log ${logPath}:\n${tail(logPath)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const server: ChildServer = { label: opts.label, url, pid: child.pid!, logPath, profileDir, stop };
  startedServers.push(server);
  return server;
}

/**
 * glibc's malloc arenas of every child, as the image sets them (Dockerfile: MALLOC_ARENA_MAX=2) unless this
 * environment says otherwise: the memory figures (bench/memory.ts) are then those of the production configuration
 */
export const CHILD_MALLOC_ARENA_MAX = process.env.MALLOC_ARENA_MAX || '2';

/** environment for a child: this one's, less anything that would point it at another database or quiet its logs */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of ['DATABASE_URL', 'DATA_DIR', 'DEMO_MODE', 'DEMO_PASSWORD', 'LOG_LEVEL', 'PORT', 'HOST', 'BOOTSTRAP_ADMIN_PASSWORD']) delete env[k];
  return { ...env, MALLOC_ARENA_MAX: CHILD_MALLOC_ARENA_MAX, ...extra };
}

/**
 * Diagnosis only: BENCH_PLATFORM_ENV="LOG_LEVEL=warn,DATABASE_POOL_MAX=20" is added to the platforms' environment,
 * to measure what a setting costs. The run is then not the default configuration, and the output says so.
 */
function platformOverrides(ctx: BenchContext): Record<string, string> {
  const raw = process.env.BENCH_PLATFORM_ENV?.trim();
  if (!raw) return {};
  const out: Record<string, string> = {};
  for (const pair of raw.split(',')) {
    const i = pair.indexOf('=');
    if (i <= 0) throw new Error(`BENCH_PLATFORM_ENV: expected KEY=VALUE[,KEY=VALUE], got ${JSON.stringify(pair)}`);
    out[pair.slice(0, i).trim()] = pair.slice(i + 1).trim();
  }
  if (ctx.once('note:platform-env')) ctx.note(`\nNOTE: platforms ran with BENCH_PLATFORM_ENV=${raw}: not the default configuration.`);
  return out;
}

/** A fresh, uniquely named database on the machine's PostgreSQL, dropped at the end. */
export async function scratchDatabase(ctx: BenchContext): Promise<string> {
  const name = `zy_bench_${crypto.randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  ctx.defer(`drop database ${name}`, async () => {
    const c = new pg.Client({ connectionString: ADMIN_URL });
    await c.connect();
    try {
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await c.end();
    }
  });
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The platform (api/server.ts, default LOG_LEVEL) in demo mode on a scratch PostgreSQL database; one per run. */
export function postgresPlatform(ctx: BenchContext): Promise<ChildServer> {
  return ctx.shared('platform:postgres', async () => {
    const databaseUrl = await scratchDatabase(ctx);
    const port = await freePort();
    return spawnServer(ctx, {
      label: 'platform-postgres',
      script: 'api/server.ts',
      env: childEnv({ DATABASE_URL: databaseUrl, DEMO_MODE: 'true', DEMO_PASSWORD: BENCH_PASSWORD, HOST: '127.0.0.1', PORT: String(port), ...platformOverrides(ctx) }),
      readyPath: '/readyz',
      port,
      profile: ctx.settings.profile,
    });
  });
}

/** The platform on its embedded database (no DATABASE_URL) with DATA_DIR in a temporary folder; one per run. */
export function embeddedPlatform(ctx: BenchContext): Promise<ChildServer> {
  return ctx.shared('platform:embedded', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhengyun-bench-data-'));
    ctx.defer(`remove ${dataDir}`, () => fs.rmSync(dataDir, { recursive: true, force: true }));
    const port = await freePort();
    return spawnServer(ctx, {
      label: 'platform-embedded',
      script: 'api/server.ts',
      env: childEnv({ DATA_DIR: dataDir, DEMO_PASSWORD: BENCH_PASSWORD, HOST: '127.0.0.1', PORT: String(port), ...platformOverrides(ctx) }),
      readyPath: '/readyz',
      port,
      profile: ctx.settings.profile,
    });
  });
}

/** A minimal Express 5 app (bench/bare-server.ts) serving `body` from memory at `routePath`; one per key. */
export function bareServer(ctx: BenchContext, key: string, routePath: string, body: string): Promise<ChildServer> {
  return ctx.shared(`bare:${key}`, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhengyun-bench-bare-'));
    ctx.defer(`remove ${dir}`, () => fs.rmSync(dir, { recursive: true, force: true }));
    const bodyFile = path.join(dir, 'body.json');
    fs.writeFileSync(bodyFile, body);
    const port = await freePort();
    return spawnServer(ctx, {
      label: `bare-${key}`,
      script: 'bench/bare-server.ts',
      env: childEnv({ BARE_BODY_FILE: bodyFile, BARE_PATH: routePath, PORT: String(port) }),
      readyPath: routePath,
      port,
      profile: ctx.settings.profile,
    });
  });
}

/**
 * The platform (api/server.ts, demo mode, default LOG_LEVEL) on a scratch PostgreSQL database of its own, for a
 * benchmark that seeds data the other benchmarks should not see; `databaseUrl` is that database, to write into it
 * directly. One per `key`; the child is labelled `platform-<key>`.
 */
export function dedicatedPostgresPlatform(ctx: BenchContext, key: string, env: Record<string, string> = {}): Promise<{ server: ChildServer; databaseUrl: string }> {
  return ctx.shared(`platform:dedicated:${key}`, async () => {
    const databaseUrl = await scratchDatabase(ctx);
    const port = await freePort();
    const server = await spawnServer(ctx, {
      label: `platform-${key}`,
      script: 'api/server.ts',
      env: childEnv({ DATABASE_URL: databaseUrl, DEMO_MODE: 'true', DEMO_PASSWORD: BENCH_PASSWORD, HOST: '127.0.0.1', PORT: String(port), ...env, ...platformOverrides(ctx) }),
      readyPath: '/readyz',
      port,
      profile: ctx.settings.profile,
    });
    return { server, databaseUrl };
  });
}
