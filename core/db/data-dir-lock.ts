// One process per data folder. The embedded database is a single PostgreSQL instance inside this process: a second
// process opening the same folder would run a second instance over the same files and lose confirmed writes. So
// before the database is opened the process binds a Unix socket in Linux's abstract namespace, named after the
// folder's device and inode: the kernel grants that name to one process at a time and frees it the moment the
// process ends, however it ends (kill -9 included), so a lock left by a crash is never "held" and needs no
// timeout or clean-up to be taken over. Beside it, DATA_DIR/zhengyun.pid says who holds the folder (pid, host,
// since when), so a refusal can name the running holder and a takeover can say whose lock it replaced.
// Scope: processes on one host in one network namespace (two containers sharing a volume but not a network
// namespace do not see each other's lock; run the embedded default as a single replica). On other systems
// than Linux the socket is a file in DATA_DIR, whose stale copy is detected by a refused connection.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const HOLDER_FILE = 'zhengyun.pid';
const SOCKET_FILE = 'zhengyun.lock.sock';

export interface LockHolder {
  pid: number;
  hostname: string;
  since: string;
  /** what the holder is: "api", "worker", "backup", "restore" … */
  purpose: string;
}

export class DataDirLockedError extends Error {
  readonly code = 'DATA_DIR_LOCKED';
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder | null,
  ) {
    super(
      holder
        ? `DATA_DIR ${dataDir} is in use by another Zhengyun process (${holder.purpose}, pid ${holder.pid} on ${holder.hostname}, since ${holder.since}); ` +
            'stop it first, or give this process another DATA_DIR'
        : `DATA_DIR ${dataDir} is in use by another Zhengyun process; stop it first, or give this process another DATA_DIR`,
    );
  }
}

export interface DataDirLock {
  readonly dataDir: string;
  /** the holder whose lock this one replaced after it ended without releasing it (a crash), if any */
  readonly tookOverFrom: LockHolder | null;
  release(): Promise<void>;
}

export function readLockHolder(dataDir: string): LockHolder | null {
  try {
    const h = JSON.parse(fs.readFileSync(path.join(dataDir, HOLDER_FILE), 'utf8')) as LockHolder;
    return typeof h.pid === 'number' && typeof h.since === 'string' ? h : null;
  } catch {
    return null;
  }
}

function socketAddress(dataDir: string): string {
  if (process.platform === 'linux') {
    const st = fs.statSync(dataDir);
    return `\0zhengyun-data-dir:${st.dev}:${st.ino}`;
  }
  return path.join(dataDir, SOCKET_FILE);
}

function listen(server: net.Server, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen(address, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/** true when something accepts connections on a socket file (other systems than Linux) */
function socketAnswers(address: string): Promise<boolean> {
  return new Promise((resolve) => {
    const c = net.connect(address);
    c.once('connect', () => {
      c.destroy();
      resolve(true);
    });
    c.once('error', () => resolve(false));
  });
}

/** Takes DATA_DIR for this process, or throws DataDirLockedError naming the running holder. */
export async function acquireDataDirLock(dataDir: string, purpose: string): Promise<DataDirLock> {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const address = socketAddress(dataDir);
  const server = net.createServer((socket) => socket.destroy());
  try {
    await listen(server, address);
  } catch (err) {
    const inUse = (err as NodeJS.ErrnoException).code === 'EADDRINUSE';
    if (!inUse) throw err;
    if (address.startsWith('\0') || (await socketAnswers(address))) throw new DataDirLockedError(dataDir, readLockHolder(dataDir));
    fs.rmSync(address, { force: true }); // a socket file left by a crash (not Linux)
    await listen(server, address);
  }
  server.unref();
  const tookOverFrom = readLockHolder(dataDir);
  const holder: LockHolder = { pid: process.pid, hostname: os.hostname(), since: new Date().toISOString(), purpose };
  const holderPath = path.join(dataDir, HOLDER_FILE);
  fs.writeFileSync(`${holderPath}.tmp`, JSON.stringify(holder) + '\n', { mode: 0o600 });
  fs.renameSync(`${holderPath}.tmp`, holderPath);
  let released = false;
  return {
    dataDir,
    tookOverFrom,
    async release() {
      if (released) return;
      released = true;
      fs.rmSync(holderPath, { force: true });
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
