// The built web console for the browser tests: built once per run when dist/web is missing or older than its
// sources (web/, and what it imports from the server's folders: the validator, the catalog view, the machine
// tables, the accounts' vocabulary). Test files run in parallel, so a lock
// directory makes one of them build while the others wait.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const INDEX = path.join(ROOT, 'dist', 'web', 'index.html');
const LOCK = path.join(ROOT, 'dist', '.web-build.lock');
const SOURCES = [path.join(ROOT, 'web'), path.join(ROOT, 'projects'), path.join(ROOT, 'catalog'), path.join(ROOT, 'migration'), path.join(ROOT, 'provisioners'), path.join(ROOT, 'accounts'), path.join(ROOT, 'security'), path.join(ROOT, 'core', 'workflow'), path.join(ROOT, 'package-lock.json')];

function newestMtime(p: string): number {
  const st = fs.statSync(p, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of fs.readdirSync(p)) {
    if (entry === 'node_modules' || entry.endsWith('.test.ts')) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

function isFresh(): boolean {
  const built = fs.statSync(INDEX, { throwIfNoEntry: false });
  return Boolean(built) && built!.mtimeMs >= Math.max(...SOURCES.map(newestMtime));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function ensureWebBuilt(): Promise<void> {
  if (isFresh()) return;
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch {
      const st = fs.statSync(LOCK, { throwIfNoEntry: false });
      if (st && Date.now() - st.mtimeMs > 300_000) fs.rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`waited too long for another process building the web UI (${LOCK})`);
      await sleep(500);
    }
  }
  try {
    if (isFresh()) return;
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', path.join(ROOT, 'web', 'vite.config.ts'), '--logLevel', 'warn'], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, NODE_ENV: 'production', ZY_WEB_KEEP_OLD_ASSETS: '1' },
    });
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}
