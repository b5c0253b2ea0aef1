// Crash recovery in seconds (provisioners/heartbeat.ts): a worker SIGKILLed mid-job leaves the job RUNNING and its
// tenant busy; the job's heartbeat stops, and a sweep — of a worker started afterwards (the restart of the only
// process) or of one that was running all along — takes the job back within the heartbeat timeout, not the queue's
// expiry (left at its 15 minutes here). The job runs again exactly once, succeeds, and the tenant takes the next
// operation (no 409 STACK_BUSY). Real child processes on the test's PostgreSQL; the time from the kill to the
// start of the retry is measured and printed.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { REQUEST, buildEstablished } from '../support/projects.js';
import { until } from '../support/wait.js';

const HEARTBEAT_SECONDS = 1;
const TIMEOUT_SECONDS = 4;
// the queue's own expiry stays far away: only the heartbeat can bring the job back within these tests
const ENV = { RUN_WORKERS: 'false', JOB_EXPIRE_SECONDS: '900', JOB_SUPERVISE_SECONDS: '1', JOB_RETRY_LIMIT: '2', JOB_HEARTBEAT_SECONDS: String(HEARTBEAT_SECONDS), JOB_HEARTBEAT_TIMEOUT_SECONDS: String(TIMEOUT_SECONDS) };

let t: TestPlatform;
const children: ChildProcess[] = [];

beforeAll(async () => {
  t = await startTestPlatform(ENV);
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await t?.stop();
});

/** A worker process (the composition of worker-main.ts); `hang`: every job it takes blocks inside, until it is killed. */
function startWorker(hang: boolean, env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = fork(path.resolve(import.meta.dirname, '../fixtures/hanging-worker.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...ENV, ...t.database.env, DATA_DIR: t.dataDir, LOG_LEVEL: 'warn', HANG_FIRST_ATTEMPT: hang ? '1' : '0', ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.on('message', (m: { ready?: boolean }) => m.ready && resolve(child));
    child.on('exit', (code) => reject(new Error(`worker exited early (${code})`)));
  });
}

async function kill(child: ChildProcess): Promise<number> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
  return Date.now();
}

/** A tenant with one approved request, its provisioning accepted (202): the job and where to ask about it. */
async function acceptedProvision() {
  const { id: projectId } = await buildEstablished(t);
  const req = await t.http.post(`/api/projects/${projectId}/resource-requests`).set(await t.as('dept')).send(REQUEST);
  expect(req.status, req.text).toBe(201);
  expect((await t.http.post(`/api/resource-requests/${req.body.id}/approve`).set(await t.as('bdc')).set('If-Match', '"v1"').send({})).status).toBe(200);
  const accepted = await t.http.post(`/api/resource-requests/${req.body.id}/provision`).set(await t.as('bdc'));
  expect(accepted.status, accepted.text).toBe(202);
  // a second request of the same tenant, approved: it waits for the first one's stack
  const second = await t.http.post(`/api/projects/${projectId}/resource-requests`).set(await t.as('dept')).send({ ...REQUEST, items: [{ planCode: 'vm-general-4c8g', quantity: 1 }] });
  expect(second.status, second.text).toBe(201);
  expect((await t.http.post(`/api/resource-requests/${second.body.id}/approve`).set(await t.as('bdc')).set('If-Match', '"v1"').send({})).status).toBe(200);
  return { projectId, requestId: req.body.id as string, jobId: accepted.body.jobId as string, secondId: second.body.id as string };
}

const job = (id: string) => t.platform.db.prisma.provisioningJob.findUniqueOrThrow({ where: { id } });
const startsOf = (jobId: string) => t.platform.db.prisma.jobEvent.findMany({ where: { jobId, code: 'job.log.started' }, orderBy: { seq: 'asc' } });
const provision = async (requestId: string) => t.http.post(`/api/resource-requests/${requestId}/provision`).set(await t.as('bdc'));

/**
 * Runs one crash: the job started in a hanging worker (the only one then), `before` runs, the hanging worker is
 * killed, and `after` brings the sweep that recovers it.
 */
async function crash(before: () => Promise<unknown>, after: () => Promise<unknown>) {
  const { projectId, requestId, jobId, secondId } = await acceptedProvision();
  const hanging = await startWorker(true);
  await until('the first attempt to run', async () => ((await startsOf(jobId)).length === 1 ? true : undefined));
  await until('a heartbeat after the start', async () => {
    const j = await job(jobId);
    return j.heartbeatAt && j.startedAt && j.heartbeatAt > j.startedAt ? true : undefined;
  });
  // while the job runs, the tenant is busy: that is what the crash must not prolong
  const busy = await provision(secondId);
  expect(busy.status).toBe(409);
  expect(busy.body.code).toBe('STACK_BUSY');

  await before();
  const killedAt = await kill(hanging);
  expect((await job(jobId)).state).toBe('RUNNING');
  await after();
  const second = await until('the retry to start', async () => (await startsOf(jobId))[1], 30_000);
  const done = await until('the job to end', async () => {
    const j = await job(jobId);
    return j.state === 'SUCCEEDED' || j.state === 'FAILED' ? j : undefined;
  });
  return { projectId, requestId, jobId, secondId, killedAt, retryAt: second.at.getTime(), done };
}

async function expectRecovered(r: Awaited<ReturnType<typeof crash>>) {
  // exactly one more attempt, and it succeeded
  expect(r.done.state).toBe('SUCCEEDED');
  expect(r.done.attempts).toBe(2);
  const events = await t.platform.db.prisma.jobEvent.findMany({ where: { jobId: r.jobId }, orderBy: { seq: 'asc' } });
  expect(events.filter((e) => e.code === 'job.log.started').map((e) => e.params)).toEqual([{ attempt: 1 }, { attempt: 2 }]);
  expect(events.filter((e) => e.code === 'job.log.heartbeatLost')).toHaveLength(1);
  expect(events.filter((e) => e.code === 'job.log.succeeded')).toHaveLength(1);

  // the job's log says why, in the reader's language
  const zh = await t.http.get(`/api/jobs/${r.jobId}`).set(await t.as('bdc'));
  const en = await t.http.get(`/api/jobs/${r.jobId}`).set(await t.as('bdc')).set('Accept-Language', 'en');
  const lost = (body: { events: { code: string; text: string }[] }) => body.events.find((e) => e.code === 'job.log.heartbeatLost')?.text;
  expect(lost(zh.body)).toMatch(/^执行该任务的工作进程 .+ 已 \d+ 秒无心跳（最后一次 .+），判定已中断，重新排队$/);
  expect(lost(en.body)).toMatch(/^The worker running this job \(.+\) has not beaten for \d+ s \(last at .+\): taken as interrupted and queued again$/);

  // audited: the worker took the job back, naming the silent worker
  const audit = await t.http.get('/api/audit/events').set(await t.as('auditor')).query({ targetId: r.jobId, action: 'job.recover', limit: 5 });
  expect(audit.status, audit.text).toBe(200);
  expect(audit.body.items).toHaveLength(1);
  expect(audit.body.items[0]).toMatchObject({ outcome: 'SUCCESS', detail: expect.objectContaining({ from: 'RUNNING', to: 'QUEUED', attempt: 1 }) });

  // the queue agrees: the dead worker's message was cancelled, the retry's completed, nothing left to hand out
  const { rows } = await t.platform.db.pool.query<{ state: string; n: number }>(
    "SELECT state, count(*)::int AS n FROM pgboss.job WHERE name = 'provisioning' AND data->>'jobId' = $1 GROUP BY state ORDER BY state",
    [r.jobId],
  );
  expect(rows).toEqual([
    { state: 'completed', n: 1 },
    { state: 'cancelled', n: 1 },
  ]);
  const request = await t.http.get(`/api/resource-requests/${r.requestId}`).set(await t.as('dept'));
  expect(request.body.status).toBe('PROVISIONED');

  // and the tenant is free again: the request that met STACK_BUSY is accepted now and provisioned
  const next = await provision(r.secondId);
  expect(next.status, next.text).toBe(202);
  const provisioned = await until('the second provisioning to end', async () => {
    const j = await job(next.body.jobId);
    return j.state === 'SUCCEEDED' || j.state === 'FAILED' ? j : undefined;
  });
  expect(provisioned.state).toBe('SUCCEEDED');
  expect(provisioned.attempts).toBe(1);
}

describe('a worker SIGKILLed mid-job', () => {
  afterEach(async () => {
    // each case starts from no worker
    for (const c of children) if (c.exitCode === null && c.signalCode === null) await kill(c);
  });

  it('the only worker: a worker started afterwards takes the job back at its start and runs it once more', async () => {
    let readyAt = 0;
    const r = await crash(async () => undefined, async () => {
      // its timeout is long (a minute): the dead worker's pid no longer running on this host is proof enough
      await startWorker(false, { JOB_HEARTBEAT_TIMEOUT_SECONDS: '60' });
      readyAt = Date.now();
    });
    await expectRecovered(r);
    expect(r.retryAt - r.killedAt).toBeLessThan(60_000);
    expect(r.retryAt - readyAt).toBeLessThan(5_000);
    console.info(`[crash-recovery] only worker killed, a new one started at once: ready ${readyAt - r.killedAt} ms after the kill, retry started ${r.retryAt - r.killedAt} ms after the kill`);
  }, 120_000);

  it('another worker running all along notices the silent one within the heartbeat timeout', async () => {
    // the survivor starts once the job runs in the other: it takes no part until the sweep hands it the job
    const r = await crash(() => startWorker(false), async () => {
      // the dead worker as if it ran on another machine: only its silence (the heartbeat's age) can tell
      await t.platform.db.prisma.provisioningJob.updateMany({ where: { state: 'RUNNING' }, data: { workerId: 'worker-elsewhere:4242' } });
    });
    await expectRecovered(r);
    const waited = r.retryAt - r.killedAt;
    // the last beat was at most one interval before the kill; the sweep looks every interval
    expect(waited).toBeGreaterThanOrEqual((TIMEOUT_SECONDS - HEARTBEAT_SECONDS) * 1000 - 500);
    expect(waited).toBeLessThan((TIMEOUT_SECONDS + 2 * HEARTBEAT_SECONDS) * 1000 + 3000);
    console.info(`[crash-recovery] worker killed while another runs: retry started ${waited} ms after the kill (timeout ${TIMEOUT_SECONDS} s, heartbeat ${HEARTBEAT_SECONDS} s)`);
  }, 120_000);
});
