// The provisioning job machine (provisioners/job-workflow.ts), walked through the worker with a driver that fails on
// demand: every change of a job and every report to its request goes through the runner as the worker's actor, with
// its audit record; a report the request refuses fails the job and leaves the request alone; no user takes them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineAbilitiesFor } from '../../core/access/abilities.js';
import { AppError } from '../../core/errors.js';
import { createRunner } from '../../core/workflow/runner.js';
import { startHeartbeatSweep, workerIdentity } from '../../provisioners/heartbeat.js';
import { jobMachine } from '../../provisioners/job-machine.js';
import { requestMachine } from '../../provisioners/request-machine.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { NO_WORKERS, auditOf, jobRig, jobRow, queuedDeprovision, queuedProvision, requestRow, type JobRig } from '../support/provisioning-factories.js';

let t: TestPlatform;
let rig: JobRig;
beforeAll(async () => {
  t = await startTestPlatform(NO_WORKERS);
  rig = jobRig(t, 1); // one retry: the second failed attempt is the last
});
afterAll(() => t?.stop());

const actionsOf = async (id: string) => (await auditOf(t, id)).map((e) => e.action);

describe('the provisioning job machine, through the worker', () => {
  it('starts a queued job and ends it: the request is provisioned in the same transaction, each change audited by the worker', async () => {
    const r = await queuedProvision(t);
    expect((await jobRow(t, r.jobId)).state).toBe('QUEUED');
    await rig.worker.handle({ jobId: r.jobId });
    const job = await jobRow(t, r.jobId);
    expect(job).toMatchObject({ state: 'SUCCEEDED', attempts: 1, error: null, version: 3 });
    expect(job.finishedAt).not.toBeNull();
    expect(await requestRow(t, r.requestId)).toMatchObject({ status: 'PROVISIONED' });
    const audit = await auditOf(t, r.jobId);
    expect(audit.map((e) => [e.action, e.actorName, e.outcome, (e.detail as { from: string }).from, (e.detail as { to: string }).to])).toEqual([
      ['job.start', 'worker', 'SUCCESS', 'QUEUED', 'RUNNING'],
      ['job.succeed', 'worker', 'SUCCESS', 'RUNNING', 'SUCCEEDED'],
    ]);
    expect(audit[0]!.detail).toMatchObject({ kind: 'PROVISION', stack: r.stack, requestId: r.requestId, attempt: 1 });
    const reports = (await auditOf(t, r.requestId)).filter((e) => e.action === 'resource-request.complete-provision');
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ actorName: 'worker', actorId: null, outcome: 'SUCCESS', detail: { from: 'PROVISIONING', to: 'PROVISIONED', jobId: r.jobId } });
    // the job's end and the request's report are one transaction: adjacent in the chain
    const succeed = audit[1]!;
    expect(succeed.seq).toBe(reports[0]!.seq + 1n);

    // and deprovisioning reports complete-deprovision the same way
    const jobId = await queuedDeprovision(t, r);
    await rig.worker.handle({ jobId });
    expect((await jobRow(t, jobId)).state).toBe('SUCCEEDED');
    expect(await requestRow(t, r.requestId)).toMatchObject({ status: 'DEPROVISIONED' });
    expect(await actionsOf(r.requestId)).toContain('resource-request.complete-deprovision');
  });

  it('hands a failed attempt back to the queue (retry), then succeeds on the next', async () => {
    const r = await queuedProvision(t);
    rig.failUp.set(r.stack, 1);
    await expect(rig.worker.handle({ jobId: r.jobId })).rejects.toThrow(/driver failed/);
    expect(await jobRow(t, r.jobId)).toMatchObject({ state: 'QUEUED', attempts: 1, error: expect.stringContaining('driver failed') });
    expect(await requestRow(t, r.requestId)).toMatchObject({ status: 'PROVISIONING' });
    await rig.worker.handle({ jobId: r.jobId });
    expect(await jobRow(t, r.jobId)).toMatchObject({ state: 'SUCCEEDED', attempts: 2 });
    expect(await requestRow(t, r.requestId)).toMatchObject({ status: 'PROVISIONED' });
    expect(await actionsOf(r.jobId)).toEqual(['job.start', 'job.retry', 'job.start', 'job.succeed']);
    const events = await t.platform.db.prisma.jobEvent.findMany({ where: { jobId: r.jobId }, orderBy: { seq: 'asc' } });
    expect(events.map((e) => ({ code: e.code, params: e.params, detail: e.detail }))).toEqual(
      expect.arrayContaining([
        { code: 'job.log.started', params: { attempt: 1 }, detail: null },
        { code: 'job.log.retrying', params: null, detail: expect.stringContaining('driver failed') },
        { code: 'job.log.started', params: { attempt: 2 }, detail: null },
        { code: 'job.log.succeeded', params: null, detail: null },
      ]),
    );
  });

  it('fails for good after the last retry: the request is FAILED through its machine, both audited as failures', async () => {
    const r = await queuedProvision(t);
    rig.failUp.set(r.stack, 2);
    await expect(rig.worker.handle({ jobId: r.jobId })).rejects.toThrow();
    await rig.worker.handle({ jobId: r.jobId }); // the last attempt: settled, nothing for the queue to retry
    expect(await jobRow(t, r.jobId)).toMatchObject({ state: 'FAILED', attempts: 2, error: expect.stringContaining('driver failed') });
    const request = await requestRow(t, r.requestId);
    expect(request.status).toBe('FAILED');
    const fail = (await auditOf(t, r.jobId)).at(-1)!;
    expect(fail).toMatchObject({ action: 'job.fail', outcome: 'FAILURE', actorName: 'worker', detail: { from: 'RUNNING', to: 'FAILED', kind: 'PROVISION', error: expect.stringContaining('driver failed') } });
    const report = (await auditOf(t, r.requestId)).at(-1)!;
    expect(report).toMatchObject({ action: 'resource-request.fail', outcome: 'FAILURE', actorName: 'worker', detail: { from: 'PROVISIONING', to: 'FAILED', jobId: r.jobId } });
    // the failed request can be provisioned again
    const again = await t.http.post(`/api/resource-requests/${r.requestId}/provision`).set(await t.as('bdc'));
    expect(again.status, again.text).toBe(202);
    await rig.worker.handle({ jobId: again.body.jobId });
    expect(await requestRow(t, r.requestId)).toMatchObject({ status: 'PROVISIONED' });
  });

  it('restarts a job a worker left running when it died, counting the attempt, and ends it once', async () => {
    const r = await queuedProvision(t);
    // a worker took the job and died before the driver returned
    expect(await rig.actions.begin({ id: r.jobId, state: 'QUEUED' })).toBe(1);
    expect(await jobRow(t, r.jobId)).toMatchObject({ state: 'RUNNING', attempts: 1 });
    // delivered again (the queue's expiry) while its heartbeat is fresh: the job is left to the worker that beats
    await rig.worker.handle({ jobId: r.jobId });
    expect(await jobRow(t, r.jobId)).toMatchObject({ state: 'RUNNING', attempts: 1 });
    // its worker stopped beating a minute ago: the next delivery runs it again
    await t.platform.db.prisma.provisioningJob.update({ where: { id: r.jobId }, data: { heartbeatAt: new Date(Date.now() - 60_000) } });
    await rig.worker.handle({ jobId: r.jobId });
    expect(await jobRow(t, r.jobId)).toMatchObject({ state: 'SUCCEEDED', attempts: 2 });
    const audit = await auditOf(t, r.jobId);
    expect(audit.map((e) => e.action)).toEqual(['job.start', 'job.restart', 'job.succeed']);
    expect(audit[1]!.detail).toMatchObject({ from: 'RUNNING', to: 'RUNNING', attempt: 2 });
    expect(await requestRow(t, r.requestId)).toMatchObject({ status: 'PROVISIONED' });
    // a duplicate delivery of the settled job does nothing
    await rig.worker.handle({ jobId: r.jobId });
    expect(await auditOf(t, r.jobId)).toHaveLength(3);
  });

  it('takes back a job whose worker stopped beating: queued once more, then failed when its retries are spent', async () => {
    const r = await queuedProvision(t);
    const silence = () => t.platform.db.prisma.provisioningJob.update({ where: { id: r.jobId }, data: { heartbeatAt: new Date(Date.now() - 60_000), workerId: 'worker-elsewhere:4242' } });
    const sweepOnce = async () => {
      const sweep = startHeartbeatSweep({ db: t.platform.db, jobs: rig.actions, settings: { intervalSeconds: 3600, timeoutSeconds: 30 }, retryLimit: 1, log: t.platform.log });
      sweep.stop();
      await sweep.sweep();
    };
    expect(await rig.actions.begin({ id: r.jobId, state: 'QUEUED' })).toBe(1);
    await sweepOnce(); // it beats: left alone
    expect(await jobRow(t, r.jobId)).toMatchObject({ state: 'RUNNING', attempts: 1 });
    await silence();
    await sweepOnce();
    expect(await jobRow(t, r.jobId)).toMatchObject({ state: 'QUEUED', attempts: 1, heartbeatAt: null, workerId: null });
    expect((await jobRow(t, r.jobId)).error).toMatch(/^执行该任务的工作进程 worker-elsewhere:4242 已 \d+ 秒无心跳.* \/ The worker running this job \(worker-elsewhere:4242\)/);
    // a new message for the next attempt, in the same transaction
    const { rows } = await t.platform.db.pool.query<{ state: string }>("SELECT state FROM pgboss.job WHERE name = 'provisioning' AND data->>'jobId' = $1 ORDER BY created_on", [r.jobId]);
    expect(rows.map((m) => m.state)).toEqual(['cancelled', 'created']);
    // the second attempt dies too: that was the last (one retry)
    expect(await rig.actions.begin({ id: r.jobId, state: 'QUEUED' })).toBe(2);
    await silence();
    await sweepOnce();
    expect(await jobRow(t, r.jobId)).toMatchObject({ state: 'FAILED', attempts: 2 });
    expect(await requestRow(t, r.requestId)).toMatchObject({ status: 'FAILED' });
    expect(await actionsOf(r.jobId)).toEqual(['job.start', 'job.recover', 'job.start', 'job.fail']);
    const recovered = (await auditOf(t, r.jobId))[1]!;
    expect(recovered).toMatchObject({ actorName: 'worker', outcome: 'SUCCESS', detail: { from: 'RUNNING', to: 'QUEUED', attempt: 1, worker: 'worker-elsewhere:4242' } });
  });

  it('takes back at once, without waiting out the timeout, a job its worker’s previous incarnation left (same host, same pid)', async () => {
    const r = await queuedProvision(t);
    expect(await rig.actions.begin({ id: r.jobId, state: 'QUEUED' })).toBe(1);
    // beating a moment ago, under this process's identity (a container restarted in its pod), but not running here
    await t.platform.db.prisma.provisioningJob.update({ where: { id: r.jobId }, data: { heartbeatAt: new Date(), workerId: workerIdentity() } });
    const sweep = startHeartbeatSweep({ db: t.platform.db, jobs: rig.actions, settings: { intervalSeconds: 3600, timeoutSeconds: 600 }, retryLimit: 1, log: t.platform.log, runningHere: new Set(['some-other-job']) });
    sweep.stop();
    await sweep.sweep();
    expect(await jobRow(t, r.jobId)).toMatchObject({ state: 'QUEUED', attempts: 1 });
    // while it runs here, the same sweep leaves it alone
    expect(await rig.actions.begin({ id: r.jobId, state: 'QUEUED' })).toBe(2);
    await t.platform.db.prisma.provisioningJob.update({ where: { id: r.jobId }, data: { workerId: workerIdentity() } });
    const mine = startHeartbeatSweep({ db: t.platform.db, jobs: rig.actions, settings: { intervalSeconds: 3600, timeoutSeconds: 600 }, retryLimit: 1, log: t.platform.log, runningHere: new Set([r.jobId]) });
    mine.stop();
    await mine.sweep();
    expect(await jobRow(t, r.jobId)).toMatchObject({ state: 'RUNNING', attempts: 2 });
    await rig.actions.succeed({ id: r.jobId, requestId: r.requestId }, { result: {}, summary: {} });
  });

  it('fails the job cleanly when the request refuses the report (it was changed meanwhile), leaving the request as it was made', async () => {
    const r = await queuedProvision(t);
    let changed = { status: '', version: 0 };
    rig.inside.set(r.jobId, async () => {
      // someone changes the request while the driver runs (by hand, in the database: no action allows it)
      changed = await t.platform.db.prisma.resourceRequest.update({ where: { id: r.requestId }, data: { status: 'DEPROVISIONED', version: { increment: 1 } } });
    });
    await rig.worker.handle({ jobId: r.jobId });
    const job = await jobRow(t, r.jobId);
    expect(job.state).toBe('FAILED');
    expect(job.error).toContain('changed meanwhile');
    expect(job.error).toContain('第二十八条');
    expect(await requestRow(t, r.requestId)).toMatchObject({ status: 'DEPROVISIONED', version: changed.version });
    expect(await actionsOf(r.jobId)).toEqual(['job.start', 'job.fail']);
    expect((await auditOf(t, r.jobId)).at(-1)).toMatchObject({ outcome: 'FAILURE' });
    const requestAudit = await actionsOf(r.requestId);
    expect(requestAudit).not.toContain('resource-request.complete-provision');
    expect(requestAudit).not.toContain('resource-request.fail');
    // what the driver did is still recorded as what runs
    expect(await t.platform.db.prisma.provisionedResource.count({ where: { projectId: r.projectId, kind: 'VirtualMachine' } })).toBe(2);
  });
});

describe('who takes job actions', () => {
  it('no role a user can hold may run jobs or report their end', async () => {
    const users = await t.platform.db.prisma.user.findMany({ include: { org: { select: { jurisdiction: true } } } });
    expect(new Set(users.map((u) => u.role)).size).toBeGreaterThanOrEqual(8);
    for (const u of [null, ...users]) {
      const ability = defineAbilitiesFor(u && { id: u.id, username: u.username, role: u.role, orgId: u.orgId, jurisdiction: u.org.jurisdiction });
      expect(ability.can('run', 'ProvisioningJob'), u?.username).toBe(false);
      expect(ability.can('report', 'ResourceRequest'), u?.username).toBe(false);
    }
  });

  it('refuses the sub-center operator every job action and every report, through the runner; nothing changes', async () => {
    const r = await queuedProvision(t);
    const bdc = await t.platform.db.prisma.user.findFirstOrThrow({ where: { username: 'bdc' } });
    const principal = { id: bdc.id, username: bdc.username, role: bdc.role, orgId: bdc.orgId, jurisdiction: 'CITY' };
    const actor = { principal, ability: defineAbilitiesFor(principal), audit: { actorId: bdc.id, actorName: bdc.username, actorRole: bdc.role, ip: null, userAgent: null, requestId: null } };
    const db = t.platform.db;
    const jobs = createRunner(jobMachine, { db, env: () => ({ driverName: 'render' }) });
    const requests = createRunner(requestMachine, { db, env: () => ({ queue: t.platform.queue, driverName: 'render' }) });
    const before = [await jobRow(t, r.jobId), await requestRow(t, r.requestId)];
    for (const action of ['start', 'restart', 'succeed', 'retry', 'fail'] as const) {
      const err = await jobs.run(actor, action, r.jobId, { input: { result: {}, summary: {}, error: 'x' }, locale: 'en' }).catch((e: unknown) => e);
      expect(err, action).toBeInstanceOf(AppError);
      expect((err as AppError).status, action).toBe(403);
    }
    for (const action of ['complete-provision', 'complete-deprovision', 'fail'] as const) {
      const err = await requests.run(actor, action, r.requestId, { input: { jobId: r.jobId, error: 'x' }, locale: 'en' }).catch((e: unknown) => e);
      expect((err as AppError).status, action).toBe(403);
    }
    // nor are the reports routed by the API
    const posted = await t.http.post(`/api/resource-requests/${r.requestId}/complete-provision`).set(await t.as('bdc')).send({ jobId: r.jobId });
    expect(posted.status).toBe(404);
    expect([await jobRow(t, r.jobId), await requestRow(t, r.requestId)]).toEqual(before);
    // the request's view offers the operator none of the worker's actions
    const view = await t.http.get(`/api/resource-requests/${r.requestId}`).set(await t.as('bdc'));
    expect(view.status).toBe(200);
    expect((view.body.allowedActions as { action: string }[]).some((a) => ['complete-provision', 'complete-deprovision', 'fail'].includes(a.action))).toBe(false);
  });
});
