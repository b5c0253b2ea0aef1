// What the worker does to a job, through the runner (core/workflow/runner.ts) as its own actor: start it (or start
// it again after a crash), end it, hand it back for a retry or fail it. A job's end and the resource request's report
// of it (its machine's complete-provision, complete-deprovision or fail) commit in one transaction, with what now
// runs and their audit records; a report the request refuses (it was changed meanwhile) fails the job instead and
// leaves the request as it is. The report comes first in that transaction: the request's row is locked before the
// audit chain's lock is taken, in the order of every API change of the request (taking the job's audit record first
// would hold the chain while waiting for a request an API transaction holds, waiting for the chain: a deadlock).
import { systemActor } from '../core/actor.js';
import type { Database } from '../core/db/database.js';
import { AppError } from '../core/errors.js';
import { t } from '../core/i18n.js';
import './job-log-view.js'; // the job log's lines by code, for the error text a lost heartbeat leaves
import { cancelMessages, type JobQueue } from '../core/jobs/queue.js';
import { createRunner } from '../core/workflow/runner.js';
import { isChanging } from './job-kinds.js';
import { JobAliveError, jobMachine, type JobEnv, type JobRow } from './job-machine.js';
import { PROVISIONING_QUEUE, type JobMessage } from './job-records.js';
import type { JobOutcome } from './job-runs.js';
import { requestMachine, type RequestEnv } from './request-machine.js';
import type { RequestReport } from './request-workflow.js';
import type { K8sObject } from './tenant-input.js';

const LOCALE = 'zh-CN';

/** The request refused the worker's report: it carries the refusal. */
class ReportRefused extends Error {
  constructor(readonly refusal: AppError) {
    super(refusal.message);
  }
}

export interface JobEnd {
  state: 'SUCCEEDED' | 'FAILED' | 'QUEUED';
  /** the error kept with the job, when it did not succeed */
  error?: string;
}

/** A running job whose worker stopped beating, as the sweep found it (heartbeat.ts). */
export interface SilentJob {
  id: string;
  workerId: string | null;
  heartbeatAt: Date | null;
}

export function createJobActions({ db, queue, driverName, worker }: { db: Database; queue: JobQueue; driverName: string; worker?: JobEnv['worker'] }) {
  const jobEnv: JobEnv = { driverName, ...(worker ? { worker } : {}) };
  const requestEnv: RequestEnv = { queue, driverName };
  const jobs = createRunner(jobMachine, { db, env: () => jobEnv });
  const requests = createRunner(requestMachine, { db, env: () => requestEnv });
  const actor = systemActor('worker');

  /** Takes the request's report in the caller's transaction; its refusal comes back as ReportRefused. */
  async function report(tx: Parameters<typeof requests.runIn>[0], requestId: string, action: RequestReport, jobId: string, error?: string) {
    try {
      await requests.runIn(tx, requestEnv, actor, action, requestId, { input: { jobId, error: error ?? '' }, locale: LOCALE });
    } catch (err) {
      if (err instanceof AppError) throw new ReportRefused(err);
      throw err;
    }
  }

  const refusalText = (refused: ReportRefused) =>
    `资源申请已变更，无法报告结果：${t(refused.refusal.code, 'zh-CN', refused.refusal.params)} / the resource request changed meanwhile, its result could not be reported: ${t(refused.refusal.code, 'en', refused.refusal.params)}`;

  /** Fails the job alone (its request refused the report). */
  async function failAlone(jobId: string, error: string, objects?: K8sObject[]): Promise<JobEnd> {
    await db.prisma.$transaction((tx) => jobs.runIn(tx, jobEnv, actor, 'fail', jobId, { input: { error, objects }, locale: LOCALE }));
    return { state: 'FAILED', error };
  }

  return {
    /**
     * Starts an attempt: `start` on a queued job, `restart` on one left running by a worker that died. Returns the
     * attempt's number, or null when the job has ended meanwhile (a duplicate delivery).
     */
    async begin(job: Pick<JobRow, 'id' | 'state'>): Promise<number | null> {
      try {
        const taken = await jobs.run(actor, job.state === 'RUNNING' ? 'restart' : 'start', job.id, { input: {}, locale: LOCALE });
        return taken.detail.attempt as number;
      } catch (err) {
        if (err instanceof AppError && err.code === 'INVALID_TRANSITION') return null;
        if (err instanceof JobAliveError) return null; // another worker runs it and beats
        throw err;
      }
    },

    /**
     * Takes back a job whose worker stopped beating for `timeoutSeconds` (checked again under the job's lock): the
     * next attempt is queued — its old queue message cancelled so the queue's own expiry does not hand it out a
     * second time — or, when that was its last attempt (attempts > retryLimit), it fails as a failed attempt does.
     * One transaction with the job's log line, its audit record and the new message. Returns what it did, or null
     * when the job beat again or ended meanwhile.
     */
    async recover(found: SilentJob, timeoutSeconds: number, retryLimit: number, dead: (job: SilentJob & { startedAt: Date | null }) => boolean): Promise<JobEnd | null> {
      const at = (d: Date | null) => d?.toISOString() ?? '-';
      try {
        return await db.prisma.$transaction(async (tx) => {
          await tx.$queryRaw`SELECT 1 FROM provisioning_job WHERE id = ${found.id}::uuid FOR UPDATE`;
          const rows = await tx.$queryRaw<{ id: string; attempts: number; requestId: string | null; kind: string; workerId: string | null; heartbeatAt: Date | null; startedAt: Date | null; silent: number }[]>`
            SELECT id, attempts, "requestId", kind, "workerId", "heartbeatAt", "startedAt",
                   floor(extract(epoch FROM now() - coalesce("heartbeatAt", "startedAt", "createdAt")))::int AS silent
            FROM provisioning_job WHERE id = ${found.id}::uuid AND state = 'RUNNING'`;
          const row = rows[0];
          if (!row) return null;
          if (row.silent < timeoutSeconds && !dead(row)) return null;
          const words = { worker: row.workerId ?? '-', seconds: row.silent, at: at(row.heartbeatAt) };
          if (row.attempts > retryLimit) {
            const error = `${t('job.log.heartbeatLostFinal', 'zh-CN', words)} / ${t('job.log.heartbeatLostFinal', 'en', words)}`;
            if (row.requestId && isChanging(row.kind)) await report(tx, row.requestId, 'fail', row.id, error);
            await jobs.runIn(tx, jobEnv, actor, 'fail', row.id, { input: { error }, locale: LOCALE });
            await cancelMessages(tx, PROVISIONING_QUEUE, 'jobId', row.id);
            return { state: 'FAILED' as const, error };
          }
          const error = `${t('job.log.heartbeatLost', 'zh-CN', words)} / ${t('job.log.heartbeatLost', 'en', words)}`;
          await jobs.runIn(tx, jobEnv, actor, 'recover', row.id, { input: { error, worker: row.workerId, lastBeat: row.heartbeatAt, silentSeconds: row.silent }, locale: LOCALE });
          await cancelMessages(tx, PROVISIONING_QUEUE, 'jobId', row.id);
          const deadWorker = row.workerId && row.heartbeatAt ? { deadWorker: { id: row.workerId, lastBeat: row.heartbeatAt.toISOString() } } : {};
          await queue.send<JobMessage>(PROVISIONING_QUEUE, { jobId: row.id, ...deadWorker }, { tx });
          return { state: 'QUEUED' as const, error };
        });
      } catch (err) {
        if (!(err instanceof ReportRefused)) throw err;
        const words = { worker: found.workerId ?? '-', seconds: timeoutSeconds, at: at(found.heartbeatAt) };
        return failAlone(found.id, `${t('job.log.heartbeatLostFinal', 'zh-CN', words)}\n${refusalText(err)}`);
      }
    },

    /** The job succeeded: it ends, what now runs is recorded and its request hears of it, at once. */
    async succeed(job: Pick<JobRow, 'id' | 'requestId'>, outcome: JobOutcome): Promise<JobEnd> {
      const input = { result: outcome.result, summary: outcome.summary, objects: outcome.objects };
      try {
        await db.prisma.$transaction(async (tx) => {
          if (job.requestId && outcome.report) await report(tx, job.requestId, outcome.report, job.id);
          await jobs.runIn(tx, jobEnv, actor, 'succeed', job.id, { input, locale: LOCALE });
        });
        return { state: 'SUCCEEDED' };
      } catch (err) {
        if (!(err instanceof ReportRefused)) throw err;
        return failAlone(job.id, refusalText(err), outcome.objects);
      }
    },

    /** An attempt failed: back to the queue, or, when it was the last, the job fails and so does its request's change. */
    async failAttempt(job: Pick<JobRow, 'id' | 'requestId' | 'kind'>, error: string, final: boolean): Promise<JobEnd> {
      if (!final) {
        await db.prisma.$transaction((tx) => jobs.runIn(tx, jobEnv, actor, 'retry', job.id, { input: { error }, locale: LOCALE }));
        return { state: 'QUEUED', error };
      }
      try {
        await db.prisma.$transaction(async (tx) => {
          // a request whose provisioning failed for good can be tried again; previews and checks leave it alone
          if (job.requestId && isChanging(job.kind)) await report(tx, job.requestId, 'fail', job.id, error);
          await jobs.runIn(tx, jobEnv, actor, 'fail', job.id, { input: { error }, locale: LOCALE });
        });
        return { state: 'FAILED', error };
      } catch (err) {
        if (!(err instanceof ReportRefused)) throw err;
        return failAlone(job.id, `${error}\n${refusalText(err)}`);
      }
    },
  };
}

export type JobActions = ReturnType<typeof createJobActions>;
