// The scheduled drift check (pg-boss schedule, DRIFT_CHECK_CRON): without anyone asking, every provisioned tenant
// gets a REFRESH job, whose drift then shows with the project's resources. Cron fires at most once a minute, so
// this test waits up to about a minute and a half for the first tick.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { REQUEST, buildEstablished } from '../support/projects.js';
import { until } from '../support/wait.js';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform({ DRIFT_CHECK_CRON: '* * * * *', JOB_SUPERVISE_SECONDS: '1' });
});
afterAll(() => t?.stop());

describe('scheduled drift checks', () => {
  it('checks every provisioned tenant on schedule and shows the drift it finds', { timeout: 150_000 }, async () => {
    const { id: projectId } = await buildEstablished(t);
    const req = await t.http.post(`/api/projects/${projectId}/resource-requests`).set(await t.as('dept')).send(REQUEST);
    await t.http.post(`/api/resource-requests/${req.body.id}/approve`).set(await t.as('bdc')).set('If-Match', '"v1"').send({});
    const job = await t.http.post(`/api/resource-requests/${req.body.id}/provision`).set(await t.as('bdc'));
    const jobs = t.platform.db.prisma.provisioningJob;
    await until('provisioning', async () => ((await jobs.findUniqueOrThrow({ where: { id: job.body.jobId } })).state === 'SUCCEEDED' ? true : undefined), 60_000);
    const { namespace } = (await t.http.get(`/api/projects/${projectId}/resources`).set(await t.as('bdc'))).body;
    // changed behind the platform's back
    const { prisma } = t.platform.db;
    const quota = (await prisma.renderedManifest.findMany({ where: { namespace } })).find((f) => f.fileName.startsWith('resourcequota-'))!;
    await prisma.renderedManifest.delete({ where: { namespace_fileName: { namespace, fileName: quota.fileName } } });

    const check = await until(
      'a scheduled drift check',
      async () => (await jobs.findFirst({ where: { projectId, kind: 'REFRESH', state: 'SUCCEEDED' } })) ?? undefined,
      100_000,
    );
    expect(check.requestedById).toBeNull(); // nobody asked: the schedule did
    const res = await t.http.get(`/api/projects/${projectId}/resources`).set(await t.as('dept'));
    expect(res.body.driftCheckedAt).toBe(check.finishedAt!.toISOString());
    expect(res.body.drift).toEqual([expect.objectContaining({ kind: 'ResourceQuota', code: 'drift.missing', reason: '缺失（在平台之外被删除）' })]);
  });
});
