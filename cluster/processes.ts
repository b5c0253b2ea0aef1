// Detached control-plane processes: started with their output in a log file and their pid in a file, so that
// `up` returns and `down`/`status` (other invocations) find them again.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { ClusterLayout, Component } from './layout.js';

/** Starts `bin` detached; returns its pid. */
export function startDetached(layout: ClusterLayout, component: Component, bin: string, args: string[]): number {
  fs.mkdirSync(layout.logs, { recursive: true });
  const log = fs.openSync(layout.logFile(component), 'a');
  fs.writeSync(log, `\n--- ${new Date().toISOString()} ${bin} ${args.join(' ')}\n`);
  const child = spawn(bin, args, { cwd: layout.root, detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  if (child.pid === undefined) throw new Error(`could not start ${bin}`);
  child.unref();
  fs.writeFileSync(layout.pidFile(component), `${child.pid}\n`);
  return child.pid;
}

/** the pid in the component's pid file if that process is alive and still runs the component's binary */
export function runningPid(layout: ClusterLayout, component: Component): number | undefined {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(layout.pidFile(component), 'utf8').trim());
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
  } catch {
    return undefined;
  }
  // a pid can be reused after a reboot or a crash: make sure it is still ours
  try {
    const argv0 = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '';
    if (path.basename(argv0) !== component) return undefined;
  } catch {
    // no /proc (not Linux): trust the pid file
  }
  return pid;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** SIGTERM, then SIGKILL after `graceMs`; removes the pid file. Returns whether a process was stopped. */
export async function stopComponent(layout: ClusterLayout, component: Component, graceMs = 10_000): Promise<boolean> {
  const pid = runningPid(layout, component);
  if (pid !== undefined) {
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + graceMs;
    while (runningPid(layout, component) !== undefined && Date.now() < deadline) await sleep(100);
    if (runningPid(layout, component) !== undefined) process.kill(pid, 'SIGKILL');
    while (runningPid(layout, component) !== undefined) await sleep(50);
  }
  fs.rmSync(layout.pidFile(component), { force: true });
  return pid !== undefined;
}

/** the last lines of a component's log, for error messages */
export function logTail(layout: ClusterLayout, component: Component, lines = 25): string {
  try {
    return fs.readFileSync(layout.logFile(component), 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** whether something already listens on 127.0.0.1:port */
export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** a port the kernel says is free right now */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
