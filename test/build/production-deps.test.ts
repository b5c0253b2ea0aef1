// What goes into the production install (the image's node_modules: `npm ci --omit=dev`, then
// tools/prune-production.mjs) is exactly what the server side imports: the web console is static files built by
// vite, so react, antd, echarts, vite ... stay in devDependencies, and no devDependency reaches the production
// tree through a production package's optional peer (the lockfile flags that as "devOptional", which the prune
// removes). Read from package.json, the lockfile and the sources; no install needed.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '../..');

interface Manifest {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}
interface LockEntry {
  dev?: boolean;
  devOptional?: boolean;
  optional?: boolean;
  dependencies?: Record<string, string>;
}

/** Production dependencies no server source file names in an import, each with the reason it is there. */
const ALLOWED_UNIMPORTED: Record<string, string> = {
  '@prisma/client': 'the generated client (core/db/generated, gitignored) imports @prisma/client/runtime/*',
};

/** Folders that are not the running platform: the web console (bundled), tests, bench, developer and ops tools
 * run with tsx from a full checkout (`npm run cluster`, `npm run api:client`, `npm run db:diff`, the infra Pulumi
 * program). */
const NOT_SERVER = new Set(['web', 'test', 'bench', 'tools', 'infra', 'cluster', 'docs', 'node_modules', 'dist', 'data', 'coverage', 'tmp', 'prisma/tools']);

const BARE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\(\s*)['"]([^'"./\s][^'"\s]*)['"]/g;
const packageOf = (specifier: string) => (specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);

/** Bare package names imported by the .ts/.tsx files under `dir` (test files left out), excluding node: builtins. */
function importsUnder(dir: string, skip: (rel: string) => boolean = () => false): Map<string, string> {
  const found = new Map<string, string>(); // package → first file importing it
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      const rel = path.relative(REPO, p);
      if (e.isDirectory()) {
        if (e.name === 'node_modules' || e.name === 'generated' || NOT_SERVER.has(rel) || skip(rel)) continue;
        walk(p);
      } else if (/\.(ts|tsx|mts)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) {
        for (const m of fs.readFileSync(p, 'utf8').matchAll(BARE_IMPORT)) {
          if (m[1]!.startsWith('node:')) continue;
          const name = packageOf(m[1]!);
          if (!found.has(name)) found.set(name, rel);
        }
      }
    }
  };
  walk(dir);
  return found;
}

function serverImports(): Map<string, string> {
  const all = new Map<string, string>();
  for (const e of fs.readdirSync(REPO, { withFileTypes: true })) {
    if (!e.isDirectory() || e.name.startsWith('.') || NOT_SERVER.has(e.name)) continue;
    for (const [name, file] of importsUnder(path.join(REPO, e.name))) if (!all.has(name)) all.set(name, file);
  }
  return all;
}

/** The web console's own imports, without its path aliases into server folders (web/vite.config.ts). */
function webImports(): Map<string, string> {
  const vite = fs.readFileSync(path.join(REPO, 'web/vite.config.ts'), 'utf8');
  const aliases = new Set([...vite.matchAll(/'(@[\w-]+)':\s*path\.join/g)].map((m) => m[1]!));
  const found = importsUnder(path.join(REPO, 'web'));
  for (const name of [...found.keys()]) if (aliases.has(name.split('/')[0]!) || name.includes('{')) found.delete(name);
  return found;
}

/** Names that a package of the production tree lists in its own (non-optional) dependencies. */
function requiredInProduction(lock: Record<string, LockEntry>): Set<string> {
  const names = new Set<string>();
  for (const [key, entry] of Object.entries(lock)) {
    if (key.startsWith('node_modules/') && !entry.dev && !entry.devOptional) for (const dep of Object.keys(entry.dependencies ?? {})) names.add(dep);
  }
  return names;
}

/** Everything wrong with a manifest + lockfile pair; empty when the production install holds only server needs. */
function productionProblems(pkg: Manifest, lock: Record<string, LockEntry>, server: Map<string, string>, web: Map<string, string>): string[] {
  const problems: string[] = [];
  for (const name of Object.keys(pkg.dependencies)) {
    if (!server.has(name) && !ALLOWED_UNIMPORTED[name]) problems.push(`${name}: a production dependency no server code imports`);
  }
  for (const [name, file] of server) {
    if (!pkg.dependencies[name]) problems.push(`${name}: imported by ${file} but not a production dependency`);
  }
  for (const [name, file] of web) {
    if (server.has(name)) continue; // shared with the server (zod ...): production for the server's sake
    if (pkg.dependencies[name]) problems.push(`${name}: only the web console imports it (${file}), yet it is a production dependency`);
    else if (!pkg.devDependencies[name]) problems.push(`${name}: imported by ${file} but not declared`);
    // in the production tree = installed by --omit=dev and not removed by the prune (which takes devOptional);
    // fine only when a production package needs it (dayjs: exceljs)
    const entry = lock[`node_modules/${name}`];
    if (entry && !entry.dev && !entry.devOptional && !requiredInProduction(lock).has(name)) {
      problems.push(`${name}: web-only, yet the lockfile puts it in the production install`);
    }
  }
  return problems;
}

const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as Manifest & { scripts: Record<string, string> };
const lock = (JSON.parse(fs.readFileSync(path.join(REPO, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> }).packages;
const server = serverImports();
const web = webImports();

describe('production dependencies', () => {
  it('are exactly what the server side imports; the web console’s packages are devDependencies', () => {
    expect(server.size).toBeGreaterThan(15);
    expect(web.has('react') && web.has('antd') && web.has('echarts'), 'the scan sees the web console').toBe(true);
    expect(productionProblems(pkg, lock, server, web)).toEqual([]);
  });

  it('would notice a web package moved back into dependencies, or a server import missing from them', () => {
    const moved: Manifest = { dependencies: { ...pkg.dependencies, antd: pkg.devDependencies.antd! }, devDependencies: { ...pkg.devDependencies } };
    delete moved.devDependencies.antd;
    const movedLock = { ...lock, 'node_modules/antd': { ...lock['node_modules/antd'], dev: false, devOptional: false } };
    const problems = productionProblems(moved, movedLock, server, web);
    expect(problems).toContain(`antd: a production dependency no server code imports`);
    expect(problems.some((p) => p.startsWith('antd: only the web console imports it'))).toBe(true);
    expect(problems).toContain('antd: web-only, yet the lockfile puts it in the production install');

    const missing: Manifest = { dependencies: { ...pkg.dependencies }, devDependencies: { ...pkg.devDependencies, pino: pkg.dependencies.pino! } };
    delete missing.dependencies.pino;
    expect(productionProblems(missing, lock, server, web).some((p) => p.startsWith('pino: imported by '))).toBe(true);
  });

  it('runs compiled JavaScript in production: no tsx, vite or typescript needed to start any role', () => {
    for (const script of ['start', 'worker']) expect(pkg.scripts[script], script).toMatch(/^node dist\//);
    const dockerfile = fs.readFileSync(path.join(REPO, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/ENTRYPOINT \[[^\]]*"node", "dist\/api\/main\.js"\]/);
    for (const tool of ['tsx', 'vite', 'typescript', 'prisma', 'vitest']) {
      expect(pkg.dependencies[tool], tool).toBeUndefined();
      const entry = lock[`node_modules/${tool}`];
      expect(entry?.dev === true || entry?.devOptional === true, `${tool} left out of the production install`).toBe(true);
    }
  });

  it('keeps the packages the prune removes out of reach of every production package but through optional peers', () => {
    // tools/prune-production.mjs removes every devOptional entry: each must be a devDependency's own tree, so
    // nothing installed for production may *require* it (a non-optional dependency edge into a removed package)
    const removed = new Set(Object.entries(lock).filter(([k, v]) => k.startsWith('node_modules/') && v.devOptional).map(([k]) => k));
    expect(removed.has('node_modules/react-dom')).toBe(true); // via @prisma/client → prisma → @prisma/studio-core
    const kept = Object.entries(lock).filter(([k, v]) => k.startsWith('node_modules/') && !v.dev && !v.devOptional);
    const requiredRemoved: string[] = [];
    for (const [key, entry] of kept) {
      for (const dep of Object.keys(entry.dependencies ?? {})) {
        // node's resolution: the nearest node_modules/<dep> up from the requiring package
        let dir = key;
        let target: string | undefined;
        while (dir) {
          const candidate = `${dir}/node_modules/${dep}`;
          if (lock[candidate]) {
            target = candidate;
            break;
          }
          const up = dir.lastIndexOf('/node_modules/');
          dir = up >= 0 ? dir.slice(0, up) : '';
        }
        target ??= lock[`node_modules/${dep}`] ? `node_modules/${dep}` : undefined;
        if (target && removed.has(target)) requiredRemoved.push(`${key} → ${target}`);
      }
    }
    expect(requiredRemoved).toEqual([]);
  });
});
