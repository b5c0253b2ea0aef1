// The provisioning job state machine (Art. 28) as data: the worker takes a queued job, runs it, and says how it
// ended; a failed attempt goes back to the queue until the retries are spent. The runner (core/workflow/runner.ts)
// takes every change of a job from it, as the worker's own actor (core/actor.ts, systemActor).
import { defineTable } from '../core/workflow/machine.js';

export const JOB_STATES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED'] as const;
export type JobState = (typeof JOB_STATES)[number];

export const JOB_MACHINE = defineTable({
  subject: 'ProvisioningJob',
  states: JOB_STATES,
  stateLabels: {
    QUEUED: { 'zh-CN': '排队中', en: 'Queued' },
    RUNNING: { 'zh-CN': '执行中', en: 'Running' },
    SUCCEEDED: { 'zh-CN': '成功', en: 'Succeeded' },
    FAILED: { 'zh-CN': '失败', en: 'Failed' },
  },
  stateColours: {
    QUEUED: 'default',
    RUNNING: 'processing',
    SUCCEEDED: 'success',
    FAILED: 'error',
  },
  actions: {
    start: { from: ['QUEUED'], to: ['RUNNING'], ability: 'run', article: '第二十八条', label: { 'zh-CN': '开始执行', en: 'start' } },
    // a job handed out again after its worker died mid-run: the next attempt, on the same stack
    restart: { from: ['RUNNING'], to: ['RUNNING'], ability: 'run', article: '第二十八条', label: { 'zh-CN': '重新执行', en: 'restart' } },
    succeed: { from: ['RUNNING'], to: ['SUCCEEDED'], ability: 'run', article: '第二十八条', label: { 'zh-CN': '执行成功', en: 'succeed' } },
    // an attempt failed and the queue will hand the job out again
    retry: { from: ['RUNNING'], to: ['QUEUED'], ability: 'run', article: '第二十八条', label: { 'zh-CN': '等待重试', en: 'retry' } },
    // its worker stopped beating (killed, its machine gone): back to the queue for the next attempt (heartbeat.ts)
    recover: { from: ['RUNNING'], to: ['QUEUED'], ability: 'run', article: '第二十八条', label: { 'zh-CN': '心跳中断，重新排队', en: 'requeue after a lost heartbeat' } },
    // the last attempt failed, or what it did could not be reported
    fail: { from: ['RUNNING'], to: ['FAILED'], ability: 'run', article: '第二十八条', label: { 'zh-CN': '执行失败', en: 'fail' } },
  },
});

export type JobAction = keyof typeof JOB_MACHINE.actions;
