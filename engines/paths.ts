// Where the engines built by `npm run engines` live. Dependency-free (node: modules only) so that the build
// script, `npm run cluster`, the tests and the platform can all import it.
//
// The cache is outside the repository, keyed by what determines the binaries: the wrapper modules
// (go.mod, go.sum, *.go under engines/<module>/), the build recipe (engines/specs.ts) and the Go version.
//   ${ZHENGYUN_CACHE_DIR:-${XDG_CACHE_HOME:-~/.cache}/zhengyun}/engines/<key>/bin         the binaries
//   ${ZHENGYUN_CACHE_DIR:-${XDG_CACHE_HOME:-~/.cache}/zhengyun}/engines/<key>/pulumi-home PULUMI_HOME (plugins)
// ZHENGYUN_ENGINES_DIR overrides the <key> directory altogether (e.g. binaries copied onto a machine without Go).
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** engines/ in the repository (also found from a compiled copy under dist/) */
export const ENGINES_SRC_DIR = findEnginesSrcDir(path.dirname(fileURLToPath(import.meta.url)));

function findEnginesSrcDir(here: string): string {
  for (let dir = path.dirname(here); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'engines');
    if (fs.existsSync(path.join(candidate, 'kube', 'go.mod'))) return candidate;
    if (path.dirname(dir) === dir) return here;
  }
}

/** the wrapper Go modules, one folder each under engines/ */
export const WRAPPER_MODULES = ['etcd', 'kube', 'pulumi', 'pulumi-kubernetes'] as const;

/** every binary `npm run engines` puts in the bin dir */
export const ENGINE_BINARIES = [
  'etcd',
  'kube-apiserver',
  'kube-controller-manager',
  'pulumi',
  'pulumi-resource-kubernetes',
] as const;
export type EngineBinary = (typeof ENGINE_BINARIES)[number];

/** the go command: `go` on the PATH, else the default install location */
export function goCommand(): string {
  const onPath = (process.env.PATH ?? '')
    .split(path.delimiter)
    .map((d) => path.join(d, 'go'))
    .find((p) => fs.existsSync(p));
  return onPath ?? '/usr/local/go/bin/go';
}

let goVersionMemo: string | undefined;
/** `go env GOVERSION`, e.g. go1.26.8; throws a plain message when Go is missing */
export function goVersion(): string {
  if (goVersionMemo) return goVersionMemo;
  try {
    goVersionMemo = execFileSync(goCommand(), ['env', 'GOVERSION'], {
      encoding: 'utf8',
      env: { ...process.env, GOTOOLCHAIN: 'local' },
    }).trim();
  } catch (e) {
    throw new Error(`Go is not installed (tried ${goCommand()}): ${(e as Error).message}`);
  }
  return goVersionMemo;
}

function keyInputs(): string[] {
  const files = [path.join(ENGINES_SRC_DIR, 'specs.ts')];
  for (const m of WRAPPER_MODULES) {
    const dir = path.join(ENGINES_SRC_DIR, m);
    for (const f of fs.readdirSync(dir).sort()) {
      if (f === 'go.mod' || f === 'go.sum' || f.endsWith('.go')) files.push(path.join(dir, f));
    }
  }
  return files;
}

/** a short hash of the wrapper modules, the build recipe and the Go version */
export function enginesKey(): string {
  const h = createHash('sha256');
  h.update(goVersion());
  for (const f of keyInputs()) {
    h.update(`\0${path.relative(ENGINES_SRC_DIR, f)}\0`);
    h.update(fs.readFileSync(f));
  }
  return h.digest('hex').slice(0, 16);
}

/** the root of the project's cache outside the repository */
export function cacheRoot(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return process.env.ZHENGYUN_CACHE_DIR || path.join(base, 'zhengyun');
}

/** the directory of this version of the engines: bin/, pulumi-home/, build/, manifest.json */
export function enginesDir(): string {
  return process.env.ZHENGYUN_ENGINES_DIR || path.join(cacheRoot(), 'engines', enginesKey());
}

export function enginesBinDir(): string {
  return path.join(enginesDir(), 'bin');
}

/** PULUMI_HOME with the kubernetes provider installed as a plugin (no downloads) */
export function enginesPulumiHome(): string {
  return path.join(enginesDir(), 'pulumi-home');
}

export function enginePath(name: EngineBinary): string {
  return path.join(enginesBinDir(), name);
}

/** the binaries not (yet) built for the current key */
export function missingEngines(): EngineBinary[] {
  return ENGINE_BINARIES.filter((b) => !fs.existsSync(enginePath(b)));
}

/**
 * The environment a process running `pulumi` needs so that the CLI and the kubernetes provider are found
 * without downloads: the bin dir first on PATH, PULUMI_HOME in the cache, no update check.
 */
export function enginesEnv(base: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return {
    PATH: [enginesBinDir(), base.PATH ?? ''].filter(Boolean).join(path.delimiter),
    PULUMI_HOME: enginesPulumiHome(),
    PULUMI_SKIP_UPDATE_CHECK: 'true',
  };
}
