// One process per data folder: a second platform on the same DATA_DIR is refused with the holder named; a lock
// left by a process killed with -9 is taken over by the next start; two started at the same instant give one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError, HOLDER_FILE, readLockHolder } from '../../core/db/data-dir-lock.js';
import { startServer, type ServerProcess } from '../support/server-process.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'zy-lock-'));
const running: ServerProcess[] = [];
const server = (dataDir: string) => {
  const s = startServer({ DATA_DIR: dataDir, DEMO_PASSWORD: 'Demo-Passw0rd!' });
  running.push(s);
  return s;
};

afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.kill()));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('the data folder lock', () => {
  it('refuses a second platform on the same DATA_DIR and names the running one', async () => {
    const dataDir = path.join(root, 'two');
    const first = server(dataDir);
    await first.listening;
    const second = server(dataDir);
    const exit = await second.exited;
    expect(exit.code).toBe(1);
    expect(second.output()).toMatch(new RegExp(`DATA_DIR ${dataDir} is in use by another Zhengyun process \\(api, pid ${first.child.pid} on .+, since \\d{4}-\\d\\d-\\d\\dT`));
    // the first is unharmed
    expect((await fetch(`${await first.listening}/readyz`)).status).toBe(200);
  });

  it('takes over a lock left by a process killed with -9', async () => {
    const dataDir = path.join(root, 'stale');
    const crashed = server(dataDir);
    await crashed.listening;
    await crashed.kill('SIGKILL');
    expect(readLockHolder(dataDir)?.pid).toBe(crashed.child.pid); // left behind
    const next = server(dataDir);
    await next.listening;
    expect(next.output()).toMatch(new RegExp(`"previousHolder":\\{"pid":${crashed.child.pid}.*taken over`));
    expect(readLockHolder(dataDir)?.pid).toBe(next.child.pid);
    await next.kill('SIGTERM');
    expect(fs.existsSync(path.join(dataDir, HOLDER_FILE))).toBe(false); // released on a clean stop
  });

  it('gives the folder to exactly one of two platforms started at the same instant', async () => {
    const dataDir = path.join(root, 'race');
    const a = server(dataDir);
    const b = server(dataDir);
    const outcome = async (s: ServerProcess) => Promise.race([s.listening.then(() => 'running'), s.exited.then(() => 'refused')]);
    expect((await Promise.all([outcome(a), outcome(b)])).sort()).toEqual(['refused', 'running']);
  });

  it('excludes within one process too, and frees the folder on release', async () => {
    const dataDir = path.join(root, 'in-process');
    const lock = await acquireDataDirLock(dataDir, 'backup');
    await expect(acquireDataDirLock(dataDir, 'api')).rejects.toBeInstanceOf(DataDirLockedError);
    await lock.release();
    const again = await acquireDataDirLock(dataDir, 'api');
    expect(again.tookOverFrom).toBeNull();
    await again.release();
  });
});
