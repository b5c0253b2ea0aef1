// Run after `npm ci --omit=dev` in the image's prod-deps stage (plain Node, no dependency: it runs before any
// build tool exists). It removes what that install keeps although the running platform never loads it:
//
// 1. Packages the lockfile marks "devOptional": needed by a devDependency, and reachable from production only
//    through an *optional peer* edge. `--omit=dev` keeps them (npm omits a devOptional package only when dev AND
//    optional are both omitted, and `--omit=optional` would also drop @node-rs/argon2's native binary). The
//    chain today: @prisma/client peerOptional `prisma` (the CLI, with Prisma Studio: react, react-dom, effect,
//    mysql2 ...) and `typescript`; @pulumi/pulumi peerOptional `typescript`. About 250 MB.
// 2. Source maps and TypeScript declarations inside node_modules (*.map, *.d.ts, *.d.mts, *.d.cts): read by
//    editors and tsc, never by `node`. About 130 MB.
//
//   node tools/prune-production.mjs [dir]      dir: where package-lock.json and node_modules are (default: cwd)
// Prints what it removed. Checked by test/build/production-deps.test.ts and test/infra/dockerfile.test.ts.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(process.argv[2] ?? '.');
const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
const nodeModules = path.join(root, 'node_modules');
if (!fs.existsSync(nodeModules)) throw new Error(`no node_modules in ${root}: run npm ci --omit=dev first`);

const sizeOf = (p) => {
  const st = fs.lstatSync(p);
  if (!st.isDirectory()) return st.size;
  let n = 0;
  for (const e of fs.readdirSync(p)) n += sizeOf(path.join(p, e));
  return n;
};

let packages = 0;
let packageBytes = 0;
for (const [key, info] of Object.entries(lock.packages ?? {})) {
  if (!key.startsWith('node_modules/') || info.devOptional !== true) continue;
  const dir = path.join(root, key);
  if (!fs.existsSync(dir)) continue;
  packageBytes += sizeOf(dir);
  fs.rmSync(dir, { recursive: true, force: true });
  packages += 1;
}

let files = 0;
let fileBytes = 0;
let links = 0;
const declarationOrMap = /(\.map|\.d\.ts|\.d\.mts|\.d\.cts)$/;
const walk = (dir) => {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.isSymbolicLink()) {
      // .bin links to a removed package
      if (!fs.existsSync(p)) {
        fs.rmSync(p);
        links += 1;
      }
    } else if (e.isFile() && declarationOrMap.test(e.name)) {
      fileBytes += fs.statSync(p).size;
      fs.rmSync(p);
      files += 1;
    }
  }
};
walk(nodeModules);

const mb = (n) => `${(n / 1048576).toFixed(0)} MB`;
console.log(
  `pruned ${packages} devOptional packages (${mb(packageBytes)}), ${files} source maps and type declarations (${mb(fileBytes)}), ${links} dangling .bin links`,
);
