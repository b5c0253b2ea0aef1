// `npm run engines`: builds etcd, kube-apiserver, kube-controller-manager, pulumi and pulumi-resource-kubernetes
// from their Go modules into the cache named by engines/paths.ts, and installs the provider as a Pulumi plugin
// there. Go's module and build caches stay where Go keeps them, so a rebuild after a key change is quick and a
// run with every binary present returns at once.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { explainFailure, goEnv, runGo } from './go.js';
import {
  ENGINES_SRC_DIR,
  enginePath,
  enginesBinDir,
  enginesDir,
  enginesKey,
  enginesPulumiHome,
  goCommand,
  goVersion,
  missingEngines,
} from './paths.js';
import { stageProviderModule } from './provider-schema.js';
import { acquireDataDirLock, DataDirLockedError } from '../core/db/data-dir-lock.js';
import { ENGINE_SPECS, PULUMI_KUBERNETES_VERSION, type EngineSpec } from './specs.js';

const log = (msg: string) => console.log(`[engines] ${msg}`);
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)}s`;

function ldflags(spec: EngineSpec): string {
  return ['-s', '-w', ...Object.entries(spec.stamps).map(([k, v]) => `-X ${k}=${v}`)].join(' ');
}

/** the wrapper module to build in: engines/<module>, or a staged copy with generated files */
async function buildDir(spec: EngineSpec): Promise<string> {
  const src = path.join(ENGINES_SRC_DIR, spec.module);
  if (!spec.staged) return src;
  const upstream = spec.upstream.split('@')[0] ?? '';
  // `go list -m` names the module's folder only once the module is in the module cache: fetch it first (a fresh
  // machine has nothing yet)
  const fetched = await runGo(['mod', 'download', upstream], src);
  if (fetched.code !== 0) throw new Error(explainFailure(spec.upstream, fetched.stderr));
  const r = await runGo(['list', '-m', '-f', '{{.Dir}}', upstream], src);
  if (r.code !== 0 || !r.stdout.trim()) throw new Error(explainFailure(spec.upstream, r.stderr || `go list -m ${upstream}: no module folder`));
  const stage = path.join(enginesDir(), 'build', spec.module);
  stageProviderModule(src, stage, path.join(r.stdout.trim(), 'cmd', spec.binary), PULUMI_KUBERNETES_VERSION);
  return stage;
}

async function build(spec: EngineSpec): Promise<void> {
  const started = Date.now();
  log(`building ${spec.binary} from ${spec.upstream} (wrapper engines/${spec.module}) …`);
  const dir = await buildDir(spec);
  const out = enginePath(spec.binary);
  const tmp = `${out}.partial`;
  const r = await runGo(['build', '-trimpath', `-ldflags=${ldflags(spec)}`, '-o', tmp, spec.pkg], dir);
  if (r.code !== 0) {
    fs.rmSync(tmp, { force: true });
    throw new Error(explainFailure(spec.upstream, r.stderr));
  }
  fs.renameSync(tmp, out);
  const mb = (fs.statSync(out).size / 1e6).toFixed(0);
  log(`built ${spec.binary} in ${seconds(started)} (${mb} MB)`);
}

/** `pulumi plugin install resource kubernetes <v> --file …` into our PULUMI_HOME, so no download is ever tried */
function installProviderPlugin(): void {
  const home = enginesPulumiHome();
  const dir = path.join(home, 'plugins', `resource-kubernetes-v${PULUMI_KUBERNETES_VERSION}`);
  if (fs.existsSync(path.join(dir, 'pulumi-resource-kubernetes'))) return;
  log(`installing pulumi-resource-kubernetes as plugin kubernetes v${PULUMI_KUBERNETES_VERSION} in ${home}`);
  const args = ['plugin', 'install', 'resource', 'kubernetes', `v${PULUMI_KUBERNETES_VERSION}`];
  execFileSync(enginePath('pulumi'), [...args, '--file', enginePath('pulumi-resource-kubernetes')], {
    env: { ...process.env, PULUMI_HOME: home, PULUMI_SKIP_UPDATE_CHECK: 'true' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

function writeManifest(): void {
  const manifest = {
    key: enginesKey(),
    go: goVersion(),
    binDir: enginesBinDir(),
    pulumiHome: enginesPulumiHome(),
    engines: Object.fromEntries(ENGINE_SPECS.map((s) => [s.binary, s.upstream])),
    pulumiKubernetesPluginVersion: PULUMI_KUBERNETES_VERSION,
  };
  fs.writeFileSync(path.join(enginesDir(), 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

async function main(): Promise<void> {
  const started = Date.now();
  log(`${goVersion()}, cache key ${enginesKey()}`);
  const missing = new Set(missingEngines());
  if (missing.size === 0) {
    installProviderPlugin();
    log(`all engines present in ${enginesBinDir()} (nothing to build, ${seconds(started)})`);
    printShellHint();
    return;
  }
  fs.mkdirSync(enginesBinDir(), { recursive: true });
  // one build per key at a time: a second `npm run engines` waits for the first instead of racing it
  const lock = await lockEngines();
  try {
    const still = new Set(missingEngines());
    if (still.size < missing.size) log(`another build finished ${missing.size - still.size} engine(s) meanwhile`);
    await buildMissing(still);
  } finally {
    await lock.release();
  }
  log(`done in ${seconds(started)}; binaries in ${enginesBinDir()}`);
  printShellHint();
}

async function lockEngines() {
  for (let waited = 0; ; waited++) {
    try {
      return await acquireDataDirLock(enginesDir(), 'npm run engines');
    } catch (e) {
      if (!(e instanceof DataDirLockedError)) throw e;
      if (waited % 30 === 0) log(`waiting for another build of the same engines (pid ${e.holder?.pid ?? '?'}) to finish`);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}

async function buildMissing(missing: Set<string>): Promise<void> {
  const [modCache, buildCache] = execFileSync(goCommand(), ['env', 'GOMODCACHE', 'GOCACHE'], { env: goEnv(), encoding: 'utf8' })
    .trim()
    .split('\n');
  log(`Go module cache ${modCache}, build cache ${buildCache}`);
  log(`to build: ${[...missing].join(', ')} (minutes each on a cold cache)`);
  for (const spec of ENGINE_SPECS) if (missing.has(spec.binary)) await build(spec);
  installProviderPlugin();
  writeManifest();
}

function printShellHint(): void {
  log(`in a shell: export PATH="${enginesBinDir()}:$PATH" PULUMI_HOME="${enginesPulumiHome()}"`);
}

main().catch((e: unknown) => {
  console.error(`[engines] FAILED: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
