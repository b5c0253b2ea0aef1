// Recovery from a Pulumi operation that was killed, for the file backend (used by pulumi-runner.ts before each
// operation).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Stack } from '@pulumi/pulumi/automation/index.js';
import { logLine, type LogLine } from '../job-log.js';
import type { EventLevel } from './driver.js';
import type { RunnerRequest } from './pulumi-driver.js';

//
// A Pulumi process that is killed (SIGKILL, OOM, a container stopped) leaves its stack locked and the resources it
// was changing as "pending operations" in the checkpoint; every later operation then fails with "the stack is
// currently locked". Pulumi's documented way out: remove the lock (`pulumi cancel`; for a self-managed backend the
// lock file under .pulumi/locks/), then export the stack and import it without its pending operations (`pulumi
// stack import` drops them). `up` reads what runs first (refresh), so what the killed run had half done is then
// read back and applied again. A lock is removed only when its holder is provably dead: written on this host by a
// pid that no longer runs (or now belongs to a younger process). A live operation's lock, here or in another
// process or on another machine, is never touched: Pulumi reports it and the driver maps it to StackBusyError —
// except one written on the host of a worker that our own record shows dead (its job's heartbeat stopped,
// provisioners/heartbeat.ts) before that worker's last heartbeat: the job's retry names that worker, and holds the
// stack's operation lock, so no live operation of ours can own such a lock.

/** A lock file of the self-managed backend: <backend>/.pulumi/locks/<org>/<project>/<stack>/<id>.json */
export interface StackLock {
  file: string;
  pid: number;
  username: string;
  hostname: string;
  timestamp: string;
}

/** The folder of a file:// backend URL; undefined for any other backend. */
export function fileBackendDir(backendUrl: string): string | undefined {
  if (!backendUrl.startsWith('file://')) return undefined;
  const dir = backendUrl.slice('file://'.length).split('?')[0] ?? '';
  return dir && !dir.startsWith('~') ? dir : undefined;
}

/** The locks currently held on a stack of a project-scoped file backend. */
export function stackLocks(backendDir: string, projectName: string, stack: string): StackLock[] {
  const root = path.join(backendDir, '.pulumi', 'locks');
  let orgs: string[];
  try {
    orgs = fs.readdirSync(root);
  } catch {
    return [];
  }
  const locks: StackLock[] = [];
  for (const org of orgs) {
    const dir = path.join(root, org, projectName, stack);
    let files: string[];
    try {
      files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
    } catch {
      continue;
    }
    for (const f of files) {
      const file = path.join(dir, f);
      try {
        const c = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<StackLock>;
        locks.push({ file, pid: Number(c.pid), username: String(c.username ?? ''), hostname: String(c.hostname ?? ''), timestamp: String(c.timestamp ?? '') });
      } catch {
        // unreadable or half-written: treat as held (Pulumi will say so), never as stale
        locks.push({ file, pid: NaN, username: '', hostname: '', timestamp: '' });
      }
    }
  }
  return locks;
}

/** Whether process `pid` of this host is gone: absent, a zombie, or a younger process that reuses the pid. */
export function processGone(pid: number, since?: Date): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' && fs.existsSync('/proc/self/stat')) return true;
    // no procfs (macOS): ask the kernel
    try {
      process.kill(pid, 0);
      return false;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === 'ESRCH';
    }
  }
  // pid (comm) state ppid … starttime (field 22); comm may hold spaces and parentheses
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  if (fields[0] === 'Z' || fields[0] === 'X') return true;
  if (since && !Number.isNaN(since.getTime())) {
    const btime = /^btime (\d+)$/m.exec(fs.readFileSync('/proc/stat', 'utf8'))?.[1];
    const startTicks = Number(fields[19]);
    if (btime && Number.isFinite(startTicks)) {
      const started = (Number(btime) + startTicks / 100) * 1000; // USER_HZ is 100 on Linux
      if (started > since.getTime() + 2000) return true; // the lock is older than this process
    }
  }
  return false;
}

/** The locks whose holder provably died: written on this host by a process that no longer runs. */
export function staleLocks(locks: StackLock[], hostname = os.hostname()): StackLock[] {
  return locks.filter((l) => l.hostname === hostname && processGone(l.pid, new Date(l.timestamp)));
}

/**
 * The locks the dead worker of a job's last attempt left on another host: written on `dead.host` (not this one:
 * here the pid tells) no later than a moment after its last heartbeat.
 */
export function deadWorkerLocks(locks: StackLock[], dead: RunnerRequest['deadWorker'], hostname = os.hostname()): StackLock[] {
  if (!dead || dead.host === hostname) return [];
  const until = new Date(dead.lastBeat).getTime() + DEAD_WORKER_SLACK_MS;
  if (Number.isNaN(until)) return [];
  return locks.filter((l) => l.hostname === dead.host && !Number.isNaN(new Date(l.timestamp).getTime()) && new Date(l.timestamp).getTime() <= until);
}

/** clocks of two hosts differ a little: a lock stamped this long after the dead worker's last heartbeat is still its own */
const DEAD_WORKER_SLACK_MS = 5000;

/** Whether the stack's checkpoint (<backend>/.pulumi/stacks/<project>/<stack>.json[.gz]) lists pending operations. */
export function checkpointHasPendingOperations(backendDir: string, projectName: string, stack: string): boolean {
  const base = path.join(backendDir, '.pulumi', 'stacks', projectName, stack);
  for (const [file, gz] of [
    [`${base}.json`, false],
    [`${base}.json.gz`, true],
  ] as const) {
    let raw: Buffer;
    try {
      raw = fs.readFileSync(file);
    } catch {
      continue;
    }
    try {
      const text = (gz ? zlib.gunzipSync(raw) : raw).toString('utf8');
      const pending = (JSON.parse(text) as { checkpoint?: { latest?: { pending_operations?: unknown[] } } }).checkpoint?.latest?.pending_operations;
      return Array.isArray(pending) && pending.length > 0;
    } catch {
      return true; // unreadable here: let `pulumi stack export` tell
    }
  }
  return false;
}

export async function recoverInterruptedOperation(
  stack: Stack,
  req: RunnerRequest,
  event: (level: EventLevel, line: LogLine) => void,
): Promise<void> {
  const dir = fileBackendDir(req.backendUrl);
  if (!dir) return;
  const locks = stackLocks(dir, req.projectName, req.stack);
  const stale = staleLocks(locks);
  const ofDeadWorker = deadWorkerLocks(locks, req.deadWorker);
  for (const l of stale) {
    fs.rmSync(l.file, { force: true });
    fs.rmSync(`${l.file}.attrs`, { force: true });
    event('warn', logLine('job.log.staleLockRemoved', { stack: req.stack, pid: l.pid, host: l.hostname, at: l.timestamp }, { data: { recovery: 'lock', pid: l.pid, lockedAt: l.timestamp } }));
  }
  for (const l of ofDeadWorker) {
    fs.rmSync(l.file, { force: true });
    fs.rmSync(`${l.file}.attrs`, { force: true });
    event('warn', logLine('job.log.deadWorkerLockRemoved', { stack: req.stack, pid: l.pid, host: l.hostname, at: l.timestamp }, { data: { recovery: 'lock', pid: l.pid, lockedAt: l.timestamp, deadWorker: req.deadWorker } }));
  }
  stale.push(...ofDeadWorker);
  // a live operation holds the stack: leave everything to it (Pulumi refuses this one as locked)
  if (locks.length > stale.length) return;
  if (!checkpointHasPendingOperations(dir, req.projectName, req.stack)) return;
  const exported = await stack.exportStack();
  const pending = (exported.deployment?.pending_operations ?? []) as { type?: string; resource?: { urn?: string } }[];
  if (!pending.length) return;
  const list = pending.map((p) => `${p.type ?? '?'} ${p.resource?.urn?.split('::').at(-1) ?? '?'}`);
  event('warn', logLine('job.log.pendingCleared', { stack: req.stack, count: pending.length, list }, { data: { recovery: 'pending-operations', pending: list } }));
  delete exported.deployment.pending_operations;
  await stack.importStack(exported);
}
