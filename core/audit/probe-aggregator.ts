// Requests that a flood could repeat thousands of times (401s, 404s on objects, anonymous downloads) are still
// attributable, without a row per request: each is counted in memory under (action, address, account, minute) and
// one audit record per key and minute is written with the count once the minute is over (or on shutdown).
// A flood from many addresses cannot grow the memory without bound: past MAX_KEYS keys in a minute the rest is
// counted under one overflow key with no address. README "Hardening".
import type { Logger } from 'pino';
import type { Database } from '../db/database.js';
import type { AuditOutcome } from '../db/generated/enums.js';
import { recordAuditAlone, type AuditContext } from './audit.js';
import { registerAuditActions } from './labels.js';

export type ProbeAction = 'probe.unauthenticated' | 'probe.not_found' | 'data.export.anonymous';

registerAuditActions({
  'probe.unauthenticated': { 'zh-CN': '未登录或凭据无效的访问', en: 'Unauthenticated requests' },
  'probe.not_found': { 'zh-CN': '访问不存在或不可见的对象', en: 'Requests for objects not found or not visible' },
  'data.export.anonymous': { 'zh-CN': '匿名下载公开文件', en: 'Anonymous downloads of public files' },
});

export const PROBE_WINDOW_MS = 60_000;
/** distinct keys kept per minute; more are counted under one overflow key */
export const MAX_KEYS = 5_000;
/** at most this many distinct paths (and reasons) named in one record */
const MAX_SAMPLES = 10;

export interface ProbeNote {
  action: ProbeAction;
  audit: AuditContext;
  /** METHOD + path as requested (no query) */
  path: string;
  /** why: NO_TOKEN, INVALID_TOKEN, SESSION_EXPIRED, the object's kind… */
  reason: string;
}

interface Bucket {
  action: ProbeAction;
  windowStart: number;
  audit: AuditContext;
  count: number;
  first: Date;
  last: Date;
  paths: Set<string>;
  reasons: Map<string, number>;
  requestIds: string[];
  overflow: boolean;
}

const OUTCOME: Record<ProbeAction, AuditOutcome> = { 'probe.unauthenticated': 'DENIED', 'probe.not_found': 'DENIED', 'data.export.anonymous': 'SUCCESS' };

export function createProbeAggregator(db: Database, log: Logger, opts: { flushEveryMs?: number; now?: () => number } = {}) {
  const now = opts.now ?? Date.now;
  const buckets = new Map<string, Bucket>();
  const keysPerWindow = new Map<number, number>();
  let flushing: Promise<number> = Promise.resolve(0);

  function note(n: ProbeNote): void {
    const at = now();
    const windowStart = at - (at % PROBE_WINDOW_MS);
    let key = `${n.action}|${n.audit.ip ?? '-'}|${n.audit.actorId ?? '-'}|${windowStart}`;
    let overflow = false;
    if (!buckets.has(key) && (keysPerWindow.get(windowStart) ?? 0) >= MAX_KEYS) {
      key = `${n.action}|overflow|${windowStart}`;
      overflow = true;
    }
    let b = buckets.get(key);
    if (!b) {
      const audit: AuditContext = overflow ? { actorId: null, actorName: null, actorRole: null, ip: null, userAgent: null, requestId: null } : { ...n.audit, requestId: null };
      b = { action: n.action, windowStart, audit, count: 0, first: new Date(at), last: new Date(at), paths: new Set(), reasons: new Map(), requestIds: [], overflow };
      buckets.set(key, b);
      keysPerWindow.set(windowStart, (keysPerWindow.get(windowStart) ?? 0) + 1);
    }
    b.count += 1;
    b.last = new Date(at);
    if (b.paths.size < MAX_SAMPLES) b.paths.add(n.path);
    if (b.reasons.has(n.reason) || b.reasons.size < MAX_SAMPLES) b.reasons.set(n.reason, (b.reasons.get(n.reason) ?? 0) + 1);
    if (b.requestIds.length < 3 && n.audit.requestId) b.requestIds.push(n.audit.requestId);
  }

  /** Writes the buckets of minutes that are over (all of them with `all`); resolves with the records written. */
  function flush(all = false): Promise<number> {
    flushing = flushing.then(async () => {
      const current = now() - (now() % PROBE_WINDOW_MS);
      let written = 0;
      for (const [key, b] of [...buckets]) {
        if (!all && b.windowStart >= current) continue;
        buckets.delete(key);
        try {
          await recordAuditAlone(db, b.audit, {
            action: b.action,
            outcome: OUTCOME[b.action],
            detail: {
              aggregated: true,
              count: b.count,
              from: b.first.toISOString(),
              to: b.last.toISOString(),
              paths: [...b.paths],
              reasons: Object.fromEntries(b.reasons),
              requestIds: b.requestIds,
              ...(b.overflow ? { overflow: true } : {}),
            },
          });
          written += 1;
        } catch (err) {
          log.error({ err, action: b.action, count: b.count }, 'could not write an aggregated audit record');
        }
      }
      for (const w of [...keysPerWindow.keys()]) if (all || w < current) keysPerWindow.delete(w);
      return written;
    });
    return flushing;
  }

  const timer = setInterval(() => void flush(false), opts.flushEveryMs ?? 10_000);
  timer.unref();

  return {
    note,
    flush,
    /** counted and not yet written (tests, metrics) */
    pending: () => [...buckets.values()].reduce((n, b) => n + b.count, 0),
    /** stops the timer and writes everything counted */
    async stop(): Promise<void> {
      clearInterval(timer);
      await flush(true);
    },
  };
}

export type ProbeAggregator = ReturnType<typeof createProbeAggregator>;
