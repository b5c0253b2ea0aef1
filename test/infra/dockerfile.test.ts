// The Dockerfile cannot be built here (no Docker engine). Instead: parse it, check what it copies exists (in the
// context, or as the build's output), and replay its final stage in a temporary directory: a clean
// `npm ci --omit=dev`, the compiled build, the copied data files; then start the image's entrypoint in each role
// and prove it serves, migrates, and stops cleanly on SIGTERM.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt } from '../e2e/support/ui-build.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/postgres.js';
import { parseDockerfile, type Stage } from './dockerfile.js';

const run = promisify(execFile);
const REPO = path.resolve(import.meta.dirname, '../..');
const dockerfile = parseDockerfile(fs.readFileSync(path.join(REPO, 'Dockerfile'), 'utf8'));
const ignored = fs
  .readFileSync(path.join(REPO, '.dockerignore'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));
const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
  engines: { node: string };
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

const stage = (name: string): Stage => {
  const s = dockerfile.stages.find((x) => x.name === name);
  if (!s) throw new Error(`no stage ${name} in the Dockerfile`);
  return s;
};
const final = dockerfile.stages.at(-1)!;
const copies = (s: Stage) => s.instructions.filter((i) => i.keyword === 'COPY' || i.keyword === 'ADD');
const runs = (s: Stage) => s.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);
const exec = (s: Stage, keyword: string) => s.instructions.filter((i) => i.keyword === keyword).at(-1);

/** Whether .dockerignore keeps `rel` out of the build context (the patterns used here: names and prefixes). */
function isIgnored(rel: string): boolean {
  return ignored.some((p) => {
    if (p.startsWith('**/')) {
      const re = new RegExp(`(^|/)${p.slice(3).replace(/[.]/g, '\\.').replace(/\*/g, '[^/]*')}$`);
      return re.test(rel);
    }
    const re = new RegExp(`^${p.replace(/[.]/g, '\\.').replace(/\*/g, '[^/]*')}(/|$)`);
    return re.test(rel);
  });
}

// ───────────────────────── static checks ─────────────────────────

describe('the Dockerfile', () => {
  it('is multi-stage: deps → build → prod-deps → runtime, all on one current Node LTS base', () => {
    expect(dockerfile.stages.map((s) => s.name)).toEqual(['deps', 'build', 'prod-deps', 'runtime']);
    const nodeArg = dockerfile.args.NODE_VERSION;
    expect(nodeArg).toMatch(/^\d+$/);
    const major = Number(nodeArg);
    expect(major % 2, 'an even (LTS) Node major').toBe(0);
    expect(major).toBeGreaterThanOrEqual(22); // Node 20 left LTS in April 2026
    // the engines range of package.json admits it (">=20.19")
    const min = /^>=\s*(\d+)\.(\d+)/.exec(pkg.engines.node);
    expect(min, 'engines.node is a >= range').not.toBeNull();
    expect(major).toBeGreaterThanOrEqual(Number(min![1]));
    for (const s of dockerfile.stages) {
      expect(s.from === 'deps' || s.from === 'node:${NODE_VERSION}-bookworm-slim', `${s.name} FROM ${s.from}`).toBe(true);
    }
    expect(stage('build').from).toBe('deps');
  });

  it('installs with npm ci from the lockfile, production dependencies only in the final image', () => {
    expect(runs(stage('deps')).join('\n')).toMatch(/npm ci\b/);
    expect(runs(stage('prod-deps')).join('\n')).toMatch(/npm ci\b.*--omit=dev/);
    expect(runs(stage('build')).join('\n')).toMatch(/npm run build\b/);
    const fromStages = copies(final).map((c) => c.from).filter(Boolean);
    expect(new Set(fromStages)).toEqual(new Set(['prod-deps', 'build'])); // never node_modules from deps
    const nm = copies(final).find((c) => c.dest === './node_modules');
    expect(nm?.from).toBe('prod-deps');
    expect(runs(final).join('\n')).not.toMatch(/npm (ci|install)/);
  });

  it('copies only files that exist in the context and are not excluded by .dockerignore', () => {
    const missing: string[] = [];
    for (const s of dockerfile.stages) {
      for (const c of copies(s)) {
        if (c.from) continue;
        for (const src of c.sources) {
          const rel = path.normalize(src).replace(/\/$/, '');
          if (!fs.existsSync(path.join(REPO, rel))) missing.push(`${s.name}: ${src} (missing)`);
          else if (isIgnored(rel)) missing.push(`${s.name}: ${src} (excluded by .dockerignore)`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('gives the build stage every folder that the server build compiles and the web console needs', async () => {
    const tsconfig = JSON.parse(fs.readFileSync(path.join(REPO, 'tsconfig.json'), 'utf8')) as { include: string[] };
    const copied = copies(stage('build')).flatMap((c) => c.sources.map((src) => path.normalize(src).replace(/\/$/, '')));
    const isCopied = (rel: string) => copied.some((c) => rel === c || rel.startsWith(`${c}/`));
    for (const inc of tsconfig.include) {
      const top = inc.split('/')[0]!;
      expect(copied.some((c) => c === top || inc.startsWith(`${c}/`) || c === inc), `build stage copies ${inc}`).toBe(true);
    }
    // ... and every file tsc reaches through imports from there (a folder only imported, never included, too)
    const tsc = path.join(REPO, 'node_modules/typescript/bin/tsc');
    const { stdout } = await run(process.execPath, [tsc, '-p', 'tsconfig.json', '--listFilesOnly'], { cwd: REPO, maxBuffer: 1 << 26 });
    const compiled = stdout.split('\n').map((f) => path.relative(REPO, f.trim())).filter((f) => f && !f.startsWith('..') && !f.startsWith('node_modules/') && !f.startsWith('core/db/generated/'));
    expect(compiled.length).toBeGreaterThan(100);
    expect([...new Set(compiled.filter((f) => !isCopied(f)).map((f) => f.split('/')[0]!))], 'folders the build compiles but the build stage does not copy').toEqual([]);
    // the web console's path aliases (web/vite.config.ts) point into server folders: those must be there too
    const vite = fs.readFileSync(path.join(REPO, 'web/vite.config.ts'), 'utf8');
    const aliased = [...vite.matchAll(/'@[\w-]+':\s*path\.join\(repoRoot,\s*'([^']+)'\)/g)].map((m) => m[1]!);
    expect(aliased.length).toBeGreaterThan(3);
    expect(aliased.filter((a) => !isCopied(a)), 'folders the web build aliases but the build stage does not copy').toEqual([]);
    if (fs.existsSync(path.join(REPO, 'web'))) expect(copied).toContain('web');
    for (const f of ['tsconfig.json', 'prisma.config.ts']) expect(copied).toContain(f);
  }, 60_000);

  it('runs as a non-root user with a HEALTHCHECK on /healthz and one entrypoint for every role', () => {
    const user = exec(final, 'USER')?.args;
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    const health = exec(final, 'HEALTHCHECK')?.args ?? '';
    expect(health).toMatch(/\/healthz/);
    expect(health).toMatch(/CMD/);
    const entry = JSON.parse(exec(final, 'ENTRYPOINT')!.args) as string[];
    expect(entry.slice(-2)).toEqual(['node', 'dist/api/main.js']);
    const env = exec(final, 'ENV')?.args ?? '';
    expect(env).toMatch(/NODE_ENV=production/);
    expect(env).toMatch(/ZHENGYUN_ROLE=api/);
  });

  it('bakes in no secret', () => {
    const secretish = /(PASSWORD|PASSPHRASE|TOKEN|SECRET|DATABASE_URL|KUBECONFIG|PRIVATE)/i;
    for (const s of dockerfile.stages) {
      for (const i of s.instructions.filter((x) => x.keyword === 'ENV' || x.keyword === 'ARG' || x.keyword === 'LABEL')) {
        expect(i.args, `${s.name}: ${i.keyword} ${i.args}`).not.toMatch(secretish);
      }
    }
    for (const p of ['.env', 'data', 'node_modules', 'dist', '.git', 'core/db/generated']) expect(isIgnored(p), p).toBe(true);
  });
});

// ───────────────────────── the final stage, replayed ─────────────────────────

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zy-image-'));
// The prod-deps stage depends on nothing but package.json, the lockfile and the Node/npm versions, so (like
// Docker's layer cache) a finished clean install is kept under that key and reused; a change of any makes a new one.
// (the key: the files the stage copies and its RUN lines)
const prodKeyHash = crypto.createHash('sha256');
for (const c of copies(stage('prod-deps'))) for (const src of c.sources) prodKeyHash.update(fs.readFileSync(path.join(REPO, src)));
const prodKey = prodKeyHash.update(runs(stage('prod-deps')).join('\n')).update(process.version).digest('hex').slice(0, 16);
const PROD_CACHE = path.join(os.tmpdir(), 'zy-image-prod-deps');
/** Each stage's /app as a local folder: what COPY --from reads. */
const stageDirs: Record<string, string> = { build: path.join(tmp, 'build'), 'prod-deps': path.join(PROD_CACHE, prodKey) };
const appDir = path.join(tmp, 'app');
const children: ChildProcess[] = [];
let scratch: ScratchDatabase | undefined;

/** The files of the final stage, assembled exactly as its COPY lines say, relative to WORKDIR /app. */
function assembleRuntime() {
  const workdir = exec(final, 'WORKDIR')?.args;
  expect(workdir).toBe('/app');
  for (const c of copies(final)) {
    for (const src of c.sources) {
      const from = c.from ? path.join(stageDirs[c.from]!, path.relative('/app', src)) : path.join(REPO, src);
      expect(fs.existsSync(from), `COPY ${c.from ? `--from=${c.from} ` : ''}${src}`).toBe(true);
      const dest = c.dest.endsWith('/') && c.sources.length > 0 && fs.statSync(from).isFile() ? path.join(appDir, c.dest, path.basename(src)) : path.join(appDir, c.dest);
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      // node_modules (~800 MB) is linked, not copied: Node resolves the same tree either way
      if (c.from === 'prod-deps' && path.basename(src) === 'node_modules') fs.symlinkSync(from, dest, 'dir');
      else fs.cpSync(from, dest, { recursive: true, verbatimSymlinks: true });
    }
  }
}

function start(role: string | null, env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const entry = JSON.parse(exec(final, 'ENTRYPOINT')!.args) as string[];
  const nodeArgs = entry.slice(entry.indexOf('node') + 1);
  const child = spawn(process.execPath, [...nodeArgs, ...(role ? [role] : [])], {
    cwd: appDir,
    // the image's environment, not this test's: only PATH and HOME leak in
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), ...imageEnv(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

/** ENV of the final stage (KEY=value pairs). */
function imageEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const i of final.instructions.filter((x) => x.keyword === 'ENV')) {
    for (const m of i.args.matchAll(/([A-Z_][A-Z0-9_]*)=("[^"]*"|\S+)/g)) env[m[1]!] = m[2]!.replace(/^"|"$/g, '');
  }
  return env;
}

async function waitFor(what: string, probe: () => Promise<boolean>, ms: number) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function stopWithSigterm(p: ReturnType<typeof start>, withinMs: number) {
  const t0 = Date.now();
  p.child.kill('SIGTERM');
  const code = await Promise.race([p.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), withinMs))]);
  return { code, ms: Date.now() - t0 };
}

beforeAll(async () => {
  // build: the server as `npm run build` compiles it (the Prisma client must be generated, as `npm test` does)
  if (!fs.existsSync(path.join(REPO, 'core/db/generated/client.ts'))) await run('npm', ['run', 'db:generate'], { cwd: REPO });
  expect(pkg.scripts.build).toMatch(/tsc -p tsconfig\.json/);
  // ... and the web console into dist/web (`npm run build:web`, part of `npm run build`), shared with the browser tests
  expect(pkg.scripts.build).toMatch(/npm run build:web/);
  const webBuilt = ensureWebBuilt();
  fs.mkdirSync(stageDirs.build!, { recursive: true });
  const tsc = path.join(REPO, 'node_modules/typescript/bin/tsc');
  const building = run(process.execPath, [tsc, '-p', 'tsconfig.json', '--outDir', path.join(stageDirs.build!, 'dist')], { cwd: REPO, maxBuffer: 1 << 24 });
  // prod-deps: a clean install of production dependencies from the lockfile, as the stage runs it
  const prod = stageDirs['prod-deps']!;
  let installing: Promise<unknown> = Promise.resolve();
  if (!fs.existsSync(path.join(prod, '.complete'))) {
    fs.mkdirSync(PROD_CACHE, { recursive: true });
    for (const other of fs.readdirSync(PROD_CACHE)) if (!other.startsWith('.')) fs.rmSync(path.join(PROD_CACHE, other), { recursive: true, force: true });
    // installed beside, then renamed into place: a half-finished install is never taken for a cached one
    const staging = fs.mkdtempSync(path.join(PROD_CACHE, '.install-'));
    for (const c of copies(stage('prod-deps'))) {
      for (const src of c.sources) {
        const dest = c.dest.endsWith('/') ? path.join(staging, c.dest, path.basename(src)) : path.join(staging, c.dest);
        fs.mkdirSync(path.dirname(dest), { recursive: true });
        fs.copyFileSync(path.join(REPO, src), dest);
      }
    }
    // every command of the stage's RUN lines, in order: `npm ci ...` (offline-first here), then `node <script>`
    const commands = runs(stage('prod-deps')).flatMap((r) => r.split('&&').map((c) => c.trim().split(/\s+/)));
    expect(commands.map((c) => c[0])).toEqual(['npm', 'node']);
    installing = (async () => {
      for (const [cmd, ...args] of commands) {
        if (cmd === 'npm') await run('npm', [...args, '--prefer-offline'], { cwd: staging, maxBuffer: 1 << 24, env: { ...process.env, NODE_ENV: 'production' } });
        else await run(process.execPath, args, { cwd: staging, maxBuffer: 1 << 24 });
      }
      fs.writeFileSync(path.join(staging, '.complete'), new Date().toISOString());
      fs.rmSync(prod, { recursive: true, force: true });
      fs.renameSync(staging, prod);
    })();
  }
  await Promise.all([building, installing, webBuilt]);
  fs.cpSync(path.join(REPO, 'dist/web'), path.join(stageDirs.build!, 'dist/web'), { recursive: true });
  assembleRuntime();
  scratch = await createScratchDatabase('zy_image');
}, 300_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await scratch?.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('the image, replayed from its Dockerfile', () => {
  it('holds no dev-only package and nothing its code imports is missing from the production install', () => {
    const lock = JSON.parse(fs.readFileSync(path.join(REPO, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; devOptional?: boolean }> };
    const lockPackages = lock.packages;
    // dev, and devOptional (a devDependency reached from production only through an optional peer: the Prisma
    // CLI and Studio's react through @prisma/client, typescript), which tools/prune-production.mjs removes
    const devOnly = Object.entries(lockPackages).filter(([p, info]) => p.startsWith('node_modules/') && (info.dev === true || info.devOptional === true)).map(([p]) => p);
    expect(devOnly).toEqual(expect.arrayContaining(['node_modules/tsx', 'node_modules/vitest', 'node_modules/react', 'node_modules/prisma', 'node_modules/typescript']));
    expect(devOnly.filter((p) => fs.existsSync(path.join(appDir, p)))).toEqual([]);
    // every bare import in the built code resolves to a production dependency (or a node builtin)
    const specifiers = new Set<string>();
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (p !== path.join(appDir, 'dist/web')) walk(p); // the web console is bundled: it imports nothing at run time
        }
        else if (p.endsWith('.js')) {
          const src = fs.readFileSync(p, 'utf8');
          for (const m of src.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"./\s][^'"\s]*)['"]/g)) specifiers.add(m[1]!);
        }
      }
    };
    walk(path.join(appDir, 'dist'));
    const packages = [...specifiers].filter((s) => !s.startsWith('node:')).map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!));
    const notProd = [...new Set(packages)].filter((p) => !pkg.dependencies[p]);
    expect(notProd).toEqual([]);
    expect(packages).toContain('@prisma/adapter-pg');
  });

  it('forks the compiled Pulumi runner from dist (no tsx needed at run time)', async () => {
    const { stdout } = await run(
      process.execPath,
      ['--input-type=module', '-e', "const m = await import('./dist/provisioners/drivers/pulumi-driver.js'); console.log(JSON.stringify(m.defaultRunner()));"],
      { cwd: appDir },
    );
    const runner = JSON.parse(stdout) as { file: string; execArgv: string[] };
    expect(runner.execArgv).toEqual([]);
    expect(runner.file).toBe(path.join(appDir, 'dist/provisioners/drivers/pulumi-runner.js'));
    expect(fs.existsSync(runner.file)).toBe(true);
  });

  it('migrate role: a replica with MIGRATE_ON_START=false refuses an unmigrated database; the Job applies the migrations once, exit 0', async () => {
    const env = { DATABASE_URL: scratch!.url, LOG_LEVEL: 'warn', DATA_DIR: path.join(tmp, 'data-pg') };
    const refused = start(null, { ...env, PORT: String(await freePort()), MIGRATE_ON_START: 'false' });
    expect(await refused.exited, refused.output()).toBe(1);
    expect(refused.output()).toMatch(/MIGRATE_ON_START=false: run the migration Job/);

    const first = start('migrate', env);
    expect(await first.exited, first.output()).toBe(0);
    expect(first.output()).toMatch(/^applied: \d{14}_init/m);
    const second = start(null, { ...env, ZHENGYUN_ROLE: 'migrate' });
    expect(await second.exited, second.output()).toBe(0);
    expect(second.output()).toMatch(/^up to date \(\d+ migrations\)/m);
  }, 60_000);

  it('api role: serves the catalog from a clean production install, then stops on SIGTERM with exit 0', async () => {
    const port = await freePort();
    const api = start(null, {
      PORT: String(port),
      DATA_DIR: path.join(tmp, 'data-embedded'),
      DEMO_PASSWORD: 'Image-Test-Passw0rd!',
      METRICS_TOKEN: 'image-test-metrics-token',
      LOG_LEVEL: 'info',
    });
    const base = `http://127.0.0.1:${port}`;
    await waitFor('/readyz', async () => (await fetch(`${base}/readyz`)).status === 200, 60_000);
    const catalog = await fetch(`${base}/api/catalog`);
    expect(catalog.status).toBe(200);
    const body = (await catalog.json()) as { offerings: unknown[] };
    expect(body.offerings.length).toBeGreaterThan(10);
    // the web console, from dist/web: a client-side route gets index.html, its script is served
    const page = await fetch(`${base}/portal/projects`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/<div id="root">/);
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect((await fetch(`${base}${script}`)).status).toBe(200);
    // the HEALTHCHECK command itself, as Docker would run it
    const health = exec(final, 'HEALTHCHECK')!.args;
    const cmd = JSON.parse(health.slice(health.indexOf('CMD') + 3).trim()) as string[];
    await expect(run(process.execPath, cmd.slice(1), { env: { PORT: String(port) } })).resolves.toBeDefined();
    // metrics: refused without the token, Prometheus text with it
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    const metrics = await fetch(`${base}/metrics`, { headers: { Authorization: 'Bearer image-test-metrics-token' } });
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/zhengyun_http_request_duration_seconds_bucket\{[^}]*route="\/api\/catalog"/);

    const stopped = await stopWithSigterm(api, 20_000);
    expect(stopped.code, api.output().slice(-2000)).toBe(0);
    expect(stopped.ms).toBeLessThan(10_000);
    expect(api.output()).toMatch(/"msg":"shutting down"/);
  }, 90_000);

  it('worker role: answers /healthz and /metrics on PORT, then finishes on SIGTERM with exit 0', async () => {
    const port = await freePort();
    const worker = start('worker', { DATABASE_URL: scratch!.url, PORT: String(port), LOG_LEVEL: 'info', DATA_DIR: path.join(tmp, 'data-pg'), MIGRATE_ON_START: 'false' });
    await waitFor('the worker', async () => /provisioning workers started/.test(worker.output()), 30_000);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(text).toMatch(/zhengyun_job_queue_depth\{[^}]*queue="provisioning"[^}]*\} 0/);
    expect(text).toMatch(/process_cpu_seconds_total/);
    const stopped = await stopWithSigterm(worker, 30_000);
    expect(stopped.code, worker.output().slice(-2000)).toBe(0);
    expect(worker.output()).toMatch(/worker stopping/);
  }, 60_000);
});

