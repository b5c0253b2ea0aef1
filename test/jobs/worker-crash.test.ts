// A worker killed mid-job (a real child process, SIGKILL) leaves the job to be picked up again: it ends exactly
// once, converged, and never ran twice at the same time.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { REQUEST, buildEstablished } from '../support/projects.js';
import { until } from '../support/wait.js';

let t: TestPlatform;
const children: ChildProcess[] = [];
const ENV = { RUN_WORKERS: 'false', JOB_EXPIRE_SECONDS: '3', JOB_SUPERVISE_SECONDS: '1', JOB_RETRY_LIMIT: '3' };

beforeAll(async () => {
  t = await startTestPlatform(ENV);
});
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await t?.stop();
});

function startWorker(hang: boolean): Promise<ChildProcess> {
  const child = fork(path.resolve(import.meta.dirname, '../fixtures/hanging-worker.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...ENV, ...t.database.env, LOG_LEVEL: 'warn', HANG_FIRST_ATTEMPT: hang ? '1' : '0' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.on('message', (m: { ready?: boolean }) => m.ready && resolve(child));
    child.on('exit', (code) => reject(new Error(`worker exited early (${code})`)));
  });
}

describe('a worker killed mid-job', () => {
  it('is replaced by another that finishes the job exactly once', async () => {
    const { id: projectId } = await buildEstablished(t);
    const req = await t.http.post(`/api/projects/${projectId}/resource-requests`).set(await t.as('dept')).send(REQUEST);
    await t.http.post(`/api/resource-requests/${req.body.id}/approve`).set(await t.as('bdc')).set('If-Match', '"v1"').send({});
    const accepted = await t.http.post(`/api/resource-requests/${req.body.id}/provision`).set(await t.as('bdc'));
    expect(accepted.status).toBe(202);
    const jobId = accepted.body.jobId as string;
    const jobs = t.platform.db.prisma.provisioningJob;

    const first = await startWorker(true);
    // inside the job: marked running and its start logged (the worker then hangs in the driver hook)
    const started = () => t.platform.db.prisma.jobEvent.count({ where: { jobId, code: 'job.log.started' } });
    await until('the first attempt to run', async () => ((await started()) === 1 ? true : undefined));
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    expect((await jobs.findUniqueOrThrow({ where: { id: jobId } })).state).toBe('RUNNING'); // not lost, not finished

    await startWorker(false);
    const done = await until('the job to end', async () => {
      const j = await jobs.findUniqueOrThrow({ where: { id: jobId } });
      return j.state === 'SUCCEEDED' || j.state === 'FAILED' ? j : undefined;
    });
    expect(done.state).toBe('SUCCEEDED');
    expect(done.attempts).toBe(2);

    const events = await t.platform.db.prisma.jobEvent.findMany({ where: { jobId }, orderBy: { seq: 'asc' } });
    const starts = events.filter((e) => e.code === 'job.log.started');
    expect(starts.map((e) => e.params)).toEqual([{ attempt: 1 }, { attempt: 2 }]);
    expect(events.filter((e) => e.code === 'job.log.succeeded')).toHaveLength(1);

    const request = await t.http.get(`/api/resource-requests/${req.body.id}`).set(await t.as('dept'));
    expect(request.body.status).toBe('PROVISIONED');
    const ns = (await t.http.get(`/api/projects/${projectId}/resources`).set(await t.as('dept'))).body.namespace;
    const files = await t.platform.db.prisma.renderedManifest.findMany({ where: { namespace: ns } });
    expect(files.filter((f) => f.fileName.startsWith('virtualmachine-'))).toHaveLength(2);
  }, 120_000);
});
