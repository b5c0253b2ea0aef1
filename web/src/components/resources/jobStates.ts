// A provisioning job's states, named and coloured in this one place: the job machine's table (JOB_MACHINE) will
// hold them once it exists, and then the console reads them from there like the other machines' states.
import type { Labels } from '@migration/labels';
import type { JobState } from '../../api/operator';

export const JOB_STATE_LABELS: Labels<JobState> = {
  QUEUED: { 'zh-CN': '排队中', en: 'QUEUED' },
  RUNNING: { 'zh-CN': '执行中', en: 'RUNNING' },
  SUCCEEDED: { 'zh-CN': '成功', en: 'SUCCEEDED' },
  FAILED: { 'zh-CN': '失败', en: 'FAILED' },
};

export const JOB_STATE_COLOURS: Record<JobState, string> = { QUEUED: 'default', RUNNING: 'processing', SUCCEEDED: 'success', FAILED: 'error' };
