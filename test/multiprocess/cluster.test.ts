// Several replicas on one PostgreSQL, as in Kubernetes: two API processes (api/server.ts, RUN_WORKERS=false,
// MIGRATE_ON_START=false) and two worker processes (provisioners/worker-main.ts, and a slow stand-in that can be
// killed mid-job), all real child processes. A load of provisioning requests is spread over both APIs, with
// reads alongside; one worker is SIGKILLed mid-job and one API is SIGTERMed under load.
// Every job ends exactly once, none is lost, every request an API accepted is answered, and the stopped API
// exits 0 within its grace period. The request id of each provisioning request follows it into its job's logs.
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalDate } from '../../core/calendar/working-days.js';
import { DEMO_PASSWORD, startTestPlatform, type TestPlatform } from '../support/platform.js';
import { REQUEST, buildBudgetApproved } from '../support/projects.js';
import { until as untilEvery } from '../support/wait.js';

/** polled every 50 ms: the kills below aim at moments inside a job */
const until = <T,>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 60_000) => untilEvery(what, probe, ms, 50);

const JOBS = 30;
const SHUTDOWN_TIMEOUT_SECONDS = 10;
/** what Kubernetes would allow the API: preStop (none here) + shutdown timeout + margin */
const GRACE_MS = (SHUTDOWN_TIMEOUT_SECONDS + 5) * 1000;
const ENV = { RUN_WORKERS: 'false', JOB_EXPIRE_SECONDS: '3', JOB_SUPERVISE_SECONDS: '1', JOB_RETRY_LIMIT: '3', WORKER_CONCURRENCY: '2' };
const REPO = path.resolve(import.meta.dirname, '../..');

interface LogLine {
  level: number;
  msg: string;
  reqId?: string;
  jobId?: string;
  url?: string;
  [k: string]: unknown;
}

interface Proc {
  name: string;
  child: ChildProcess;
  logs: LogLine[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  messages: { running?: string; ready?: boolean }[];
}

let t: TestPlatform;
let dataDir: string;
const procs: Proc[] = [];

function start(name: string, script: string, env: Record<string, string>): Proc {
  const child = fork(path.join(REPO, script), [], {
    execArgv: ['--import', 'tsx'],
    cwd: REPO,
    env: { ...process.env, ...ENV, DATABASE_URL: t.database.url, DATA_DIR: dataDir, LOG_LEVEL: 'info', DEMO_MODE: 'true', DEMO_PASSWORD, MIGRATE_ON_START: 'false', SHUTDOWN_TIMEOUT_SECONDS: String(SHUTDOWN_TIMEOUT_SECONDS), ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const p: Proc = {
    name,
    child,
    logs: [],
    messages: [],
    exited: new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() }))),
  };
  let buffer = '';
  child.stdout!.on('data', (d: Buffer) => {
    buffer += d.toString();
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      try {
        p.logs.push(JSON.parse(line) as LogLine);
      } catch {
        /* not a log line */
      }
    }
  });
  child.stderr!.on('data', (d: Buffer) => {
    const text = d.toString();
    if (!/DeprecationWarning|trace-deprecation/.test(text)) process.stderr.write(`[${name}] ${text}`);
  });
  child.on('message', (m: { running?: string; ready?: boolean }) => p.messages.push(m));
  procs.push(p);
  return p;
}

/** One HTTP exchange on a fresh connection (as an ingress controller's retry would see it). */
interface Attempt {
  api: number;
  requestId: string;
  method: string;
  path: string;
  status?: number;
  error?: string;
  body?: any;
  sentAt: number;
  doneAt?: number;
}

const attempts: Attempt[] = [];

function call(base: string, api: number, method: string, urlPath: string, requestId: string, headers: Record<string, string> = {}, body?: unknown): Promise<Attempt> {
  const a: Attempt = { api, requestId, method, path: urlPath, sentAt: Date.now() };
  attempts.push(a);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve) => {
    const req = http.request(
      `${base}${urlPath}`,
      { method, agent: false, headers: { 'X-Request-Id': requestId, ...(payload ? { 'Content-Type': 'application/json' } : {}), ...headers } },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => {
          a.status = res.statusCode;
          a.doneAt = Date.now();
          try {
            a.body = text ? JSON.parse(text) : undefined;
          } catch {
            a.body = text;
          }
          resolve(a);
        });
        res.on('error', (err: NodeJS.ErrnoException) => {
          a.error = err.code ?? err.message;
          a.doneAt = Date.now();
          resolve(a);
        });
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) => {
      a.error = err.code ?? err.message;
      a.doneAt = Date.now();
      resolve(a);
    });
    req.end(payload);
  });
}

const nextDay = (d: LocalDate): LocalDate => {
  const x = new Date(`${d}T00:00:00Z`);
  x.setUTCDate(x.getUTCDate() + 1);
  return x.toISOString().slice(0, 10) as LocalDate;
};

async function inBatches<T, R>(items: T[], size: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map((x, j) => fn(x, i + j)))));
  return out;
}

/** JOBS established projects, each with one approved resource request, prepared in-process on the same database. */
async function prepareRequests(): Promise<string[]> {
  const bdc = await t.as('bdc');
  const dept = await t.as('dept');
  const gia = await t.as('gia');
  const today = t.today();
  const end = nextDay(today);
  const projects = await inBatches([...Array(JOBS).keys()], 6, async () => {
    // drafts of one organisation created at once race for the next project number: the service retries a
    // few times, and so do we
    let p: Awaited<ReturnType<typeof buildBudgetApproved>> | undefined;
    for (let attempt = 0; !p; attempt++) {
      p = await buildBudgetApproved(t).catch((err: Error) => {
        if (attempt < 5 && /ALREADY_EXISTS/.test(err.message)) return undefined;
        throw err;
      });
    }
    const res = await t.http.post(`/api/projects/${p.id}/notice`).set(gia).set('If-Match', p.etag).send({ startDate: today, endDate: end });
    if (res.status !== 200) throw new Error(`notice: ${res.status} ${JSON.stringify(res.body)}`);
    return { id: p.id, etag: res.headers.etag as string };
  });
  t.setToday(nextDay(end));
  try {
    // one at a time: approval numbers are allocated by counting (two at once collide: 409 ALREADY_EXISTS)
    await inBatches(projects, 1, async (p) => {
      const res = await t.http.post(`/api/projects/${p.id}/establish`).set(gia).set('If-Match', p.etag).send({});
      if (res.status !== 200) throw new Error(`establish: ${res.status} ${JSON.stringify(res.body)}`);
    });
  } finally {
    t.setToday(null);
  }
  return inBatches(projects, 6, async (p) => {
    const req = await t.http.post(`/api/projects/${p.id}/resource-requests`).set(dept).send(REQUEST);
    if (req.status !== 201) throw new Error(`resource request: ${req.status} ${JSON.stringify(req.body)}`);
    const ok = await t.http.post(`/api/resource-requests/${req.body.id}/approve`).set(bdc).set('If-Match', '"v1"').send({});
    if (ok.status !== 200) throw new Error(`approve: ${ok.status} ${JSON.stringify(ok.body)}`);
    return req.body.id as string;
  });
}

const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'socket hang up']);

let requestIds: string[] = [];
let apis: Proc[] = [];
let workers: Proc[] = [];
let bases: string[] = [];
let sigtermAt = 0;
let killedRunning: string[] = [];
let provisioned: { requestId: string; jobId: string; answeredBy: number; httpRequestId: string }[] = [];

beforeAll(async () => {
  t = await startTestPlatform(ENV);
  dataDir = t.dataDir;
  requestIds = await prepareRequests();

  apis = [start('api-1', 'api/server.ts', { PORT: '0', HOST: '127.0.0.1' }), start('api-2', 'api/server.ts', { PORT: '0', HOST: '127.0.0.1' })];
  workers = [start('worker-1', 'provisioners/worker-main.ts', {}), start('worker-2', 'test/fixtures/slow-worker.ts', { JOB_DELAY_MS: '400' })];
  bases = await Promise.all(apis.map((p) => until(`${p.name} to listen`, () => p.logs.find((l) => l.msg === 'Zhengyun is listening')?.url, 60_000)));
  await until('worker-1 to start', () => (workers[0]!.logs.some((l) => l.msg === 'provisioning workers started') ? true : undefined), 60_000);
  await until('worker-2 to start', () => (workers[1]!.messages.some((m) => m.ready) ? true : undefined), 60_000);
}, 120_000);

afterAll(async () => {
  for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  await Promise.all(procs.map((p) => p.exited));
  await t?.stop();
});

describe('two APIs and two workers on one PostgreSQL', () => {
  it('under load, with a worker SIGKILLed mid-job and an API SIGTERMed: every job once, every accepted request answered', async () => {
    const bdc = { Authorization: `Bearer ${await t.token('bdc')}` };
    const dept = { Authorization: `Bearer ${await t.token('dept')}` };

    // SIGKILL the slow worker as soon as it is inside a job
    const killing = until(
      'worker-2 to be mid-job',
      () => (workers[1]!.messages.some((m) => m.running) ? true : undefined),
      60_000,
    ).then(async () => {
      workers[1]!.child.kill('SIGKILL');
      await workers[1]!.exited;
      killedRunning = workers[1]!.messages.filter((m) => m.running).map((m) => m.running!);
    });

    // reads alongside (three clients), on both APIs, until the provisioning load is done
    let loadDone = false;
    let reads = 0;
    const reading = Promise.all([0, 1, 2].map(async () => {
      while (!loadDone) {
        await Promise.all(
          [0, 1].map(async (api) => {
            const n = reads++;
            const r = await call(bases[api]!, api, 'GET', n % 2 ? '/api/catalog' : `/api/resource-requests/${requestIds[n % JOBS]}`, `mp-read-${n}`, dept);
            if (r.error && CONNECTION_ERRORS.has(r.error)) {
              // not accepted: a load balancer sends it to the replica that is still there
              await call(bases[0]!, 0, r.method, r.path, `mp-read-${n}-retry`, dept);
            }
          }),
        );
      }
    }));

    // the provisioning requests, spread over both APIs, six at a time. A third of the way in, API 2 gets SIGTERM
    // while it is inside one of them for sure: the test holds that tenant stack's lock, so the request waits in
    // its transaction until the lock is let go, a moment after the signal.
    const HELD = Math.floor(JOBS / 3);
    provisioned = await inBatches(requestIds, 6, async (id, i) => {
      let release: (() => Promise<void>) | undefined;
      if (i === HELD) {
        const project = await t.platform.db.prisma.resourceRequest.findUniqueOrThrow({ where: { id }, select: { projectId: true } });
        const { namespace } = (await t.http.get(`/api/projects/${project.projectId}/resources`).set(dept)).body as { namespace: string };
        const lock = await t.platform.db.pool.connect();
        await lock.query('SELECT pg_advisory_lock(hashtext($1))', [`stack:${namespace}`]);
        release = async () => {
          await lock.query('SELECT pg_advisory_unlock(hashtext($1))', [`stack:${namespace}`]);
          lock.release();
        };
        void until('API 2 to wait on the stack lock', async () => {
          const { rows } = await t.platform.db.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted");
          return rows[0]!.n > 0 ? true : undefined;
        }).then(async () => {
          sigtermAt = Date.now();
          apis[1]!.child.kill('SIGTERM');
          await new Promise((r) => setTimeout(r, 300));
          await release!();
        });
      }
      for (let attempt = 0; attempt < 5; attempt++) {
        const api = i === HELD ? 1 : attempt === 0 ? i % 2 : 0;
        const httpRequestId = `mp-prov-${i}-a${attempt}`;
        const r = await call(bases[api]!, api, 'POST', `/api/resource-requests/${id}/provision`, httpRequestId, { ...bdc, 'Idempotency-Key': `multiprocess-${i}` });
        if (i === HELD) {
          // accepted before SIGTERM, finished after it: answered
          expect(r.status, `${r.error}`).toBe(202);
          expect(r.sentAt).toBeLessThan(sigtermAt);
          expect(r.doneAt! - sigtermAt).toBeGreaterThanOrEqual(250);
        }
        if (r.status === 202) return { requestId: id, jobId: r.body.jobId as string, answeredBy: api, httpRequestId };
        if (r.status !== undefined) throw new Error(`provision ${i}: ${r.status} ${JSON.stringify(r.body)}`);
        if (!CONNECTION_ERRORS.has(r.error!)) throw new Error(`provision ${i}: ${r.error}`);
      }
      throw new Error(`provision ${i}: no API answered`);
    });
    loadDone = true;
    await reading;
    await killing;

    // ── the SIGTERMed API: exited 0, within its grace period ──
    const stopped = await apis[1]!.exited;
    expect(stopped.code).toBe(0);
    expect(stopped.at - sigtermAt).toBeLessThan(GRACE_MS);
    expect(apis[1]!.logs.some((l) => l.msg === 'shutting down')).toBe(true);

    // ── every job ends, exactly once ──
    const jobs = t.platform.db.prisma.provisioningJob;
    const ended = await until(
      'every job to end',
      async () => {
        const all = await jobs.findMany({ where: { id: { in: provisioned.map((p) => p.jobId) } } });
        return all.length === JOBS && all.every((j) => j.state === 'SUCCEEDED' || j.state === 'FAILED') ? all : undefined;
      },
      90_000,
    );
    expect(new Set(provisioned.map((p) => p.jobId)).size).toBe(JOBS); // one job per request, retried POSTs included
    expect(await jobs.count()).toBe(JOBS);
    expect(ended.map((j) => j.state)).toEqual(Array(JOBS).fill('SUCCEEDED'));
    const events = await t.platform.db.prisma.jobEvent.findMany({ where: { jobId: { in: ended.map((j) => j.id) } }, orderBy: { seq: 'asc' } });
    for (const j of ended) {
      const mine = events.filter((e) => e.jobId === j.id);
      expect(mine.filter((e) => e.code === 'job.log.succeeded'), j.id).toHaveLength(1);
      // a start event per attempt, except an attempt killed between counting itself and writing its event
      const starts = mine.filter((e) => e.code === 'job.log.started').length;
      expect(starts, j.id).toBeGreaterThanOrEqual(1);
      expect(starts, j.id).toBeLessThanOrEqual(j.attempts);
    }
    // the jobs the killed worker was inside (at most its concurrency) were run again, by the survivor; no other
    // job ran twice
    const interrupted = ended.filter((j) => j.attempts > 1).map((j) => j.id);
    expect(killedRunning.length).toBeGreaterThanOrEqual(1);
    expect(interrupted).toEqual(expect.arrayContaining(killedRunning));
    expect(interrupted.length).toBeLessThanOrEqual(Number(ENV.WORKER_CONCURRENCY));
    for (const j of ended) expect(j.attempts, j.id).toBe(interrupted.includes(j.id) ? 2 : 1);
    const successLogs = workers.flatMap((w) => w.logs).filter((l) => l.msg === 'job succeeded');
    expect(successLogs.map((l) => l.jobId).sort()).toEqual(ended.map((j) => j.id).sort());
    const requests = await t.platform.db.prisma.resourceRequest.findMany({ where: { id: { in: requestIds } } });
    expect(requests.map((r) => r.status)).toEqual(Array(JOBS).fill('PROVISIONED'));
    // and the queue agrees: nothing left to hand out; one message per job, plus one for each job taken back from the
    // killed worker (its heartbeat stopped: the old message cancelled, or dropped when the queue's expiry handed it
    // out while the job still looked alive)
    const { rows } = await t.platform.db.pool.query<{ state: string; n: number }>("SELECT state, count(*)::int AS n FROM pgboss.job WHERE name = 'provisioning' GROUP BY state");
    const messages = Object.fromEntries(rows.map((r) => [r.state, r.n]));
    expect(Object.keys(messages).filter((s) => s !== 'completed' && s !== 'cancelled')).toEqual([]);
    expect((messages.completed ?? 0) + (messages.cancelled ?? 0)).toBeGreaterThanOrEqual(JOBS);
    expect((messages.completed ?? 0) + (messages.cancelled ?? 0)).toBeLessThanOrEqual(JOBS + interrupted.length);

    // ── HTTP: nothing an API accepted went unanswered ──
    const failed = attempts.filter((a) => a.status === undefined);
    expect(failed.filter((a) => !CONNECTION_ERRORS.has(a.error!))).toEqual([]);
    expect(attempts.filter((a) => a.status !== undefined && a.status >= 500)).toEqual([]);
    // the access log has a line for every request the application took: 'request' when answered, 'request aborted'
    // when its connection closed first
    const seenBy = (api: number) => new Set(apis[api]!.logs.filter((l) => l.msg === 'request' || l.msg === 'request aborted').map((l) => l.reqId));
    expect(seenBy(0).size).toBeGreaterThan(JOBS);
    expect(seenBy(1).size).toBeGreaterThan(5);
    expect([0, 1].flatMap((api) => apis[api]!.logs.filter((l) => l.msg === 'request aborted'))).toEqual([]);
    for (const api of [0, 1]) {
      const seen = seenBy(api);
      // a request the API's application saw was answered; one that failed at the connection never reached it
      expect(failed.filter((a) => a.api === api && seen.has(a.requestId)).map((a) => `${a.requestId}: ${a.error}`)).toEqual([]);
      const answered = new Set(attempts.filter((a) => a.api === api && a.status !== undefined).map((a) => a.requestId));
      expect([...seen].filter((id) => String(id).startsWith('mp-') && !answered.has(String(id)))).toEqual([]);
      expect(answered.size).toBeGreaterThan(0);
      for (const id of answered) if (id.startsWith('mp-')) expect(seen.has(id), `${id} answered by API ${api + 1} but not in its access log`).toBe(true);
    }
    // API 2 took requests until SIGTERM; only then did connections fail, and only to it (refused, or reset while
    // still waiting to be accepted: never seen by the application, as checked above)
    expect(attempts.some((a) => a.api === 1 && a.status !== undefined && a.sentAt < sigtermAt)).toBe(true);
    expect(failed.filter((a) => a.api !== 1 || a.doneAt! < sigtermAt).map((a) => `${a.api} ${a.requestId} ${a.error}`)).toEqual([]);
    expect(apis[0]!.child.exitCode).toBeNull(); // the other API served on

    // ── the request id follows the request into its job, across processes ──
    const jobRows = new Map(ended.map((j) => [j.id, j]));
    const workerLogs = workers.flatMap((w) => w.logs);
    for (const p of provisioned) {
      const job = jobRows.get(p.jobId)!;
      const created = attempts.find((a) => a.status === 202 && a.body?.jobId === p.jobId && a.requestId === job.requestIdHttp);
      expect(created, p.jobId).toBeDefined();
      expect(workerLogs.some((l) => l.jobId === p.jobId && l.reqId === job.requestIdHttp && l.msg === 'job succeeded'), p.jobId).toBe(true);
      expect(apis.flatMap((a) => a.logs).some((l) => l.msg === 'request' && l.reqId === job.requestIdHttp && l.status === 202), p.jobId).toBe(true);
    }

    // requests API 2 had accepted when SIGTERM came were answered (they are among the answered ones above)
    const inFlightAtSigterm = attempts.filter((a) => a.api === 1 && a.sentAt <= sigtermAt && a.status !== undefined && a.doneAt! >= sigtermAt).length;
    expect(inFlightAtSigterm).toBeGreaterThanOrEqual(1);
    console.info(
      `[cluster] ${attempts.length} HTTP exchanges (${reads} reads); ${failed.length} refused at connect after SIGTERM ` +
        `(${[...new Set(failed.map((a) => a.error))].join(', ') || '-'}); ${inFlightAtSigterm} answered by API 2 after its SIGTERM; ` +
        `API 2 exited ${stopped.code} after ${stopped.at - sigtermAt} ms; worker 2 killed inside ${killedRunning.join(', ')}; re-run: ${interrupted.length}`,
    );

    // ── the surviving worker stops cleanly too ──
    workers[0]!.child.kill('SIGTERM');
    expect((await workers[0]!.exited).code).toBe(0);
  }, 150_000);
});
