// A line of a provisioning job's log as the worker, the drivers and the Pulumi runner write it: a stable code and its
// parameters (rendered in the reader's language by the API, job-log-view.ts), the engine's own words as `detail`
// where the line relays Pulumi or the Kubernetes API server (kept as they said it, never translated), and the
// driver's structured data. Pure: the Pulumi runner's child process sends these over IPC.
import { JOB_LOG_MESSAGES, type JobLogCode } from './job-log-messages.js';

export type LogParams = Record<string, string | number | string[]>;

export interface LogLine {
  code: JobLogCode;
  params?: LogParams;
  /** what the engine said, verbatim */
  detail?: string;
  data?: Record<string, unknown>;
}

export function logLine(code: JobLogCode, params?: LogParams, more: { detail?: string; data?: Record<string, unknown> } = {}): LogLine {
  return { code, ...(params ? { params } : {}), ...(more.detail !== undefined ? { detail: more.detail } : {}), ...(more.data ? { data: more.data } : {}) };
}

/** A line of the engine's own output, kept verbatim. */
export const engineLine = (text: string, data?: Record<string, unknown>): LogLine => logLine('job.log.engineOutput', undefined, { detail: text, data });

/** An operation (preview, up, create, delete …) as a parameter the reader sees in their language, when it is one we name. */
export const opParam = (op: string): string => (`job.op.${op}` in JOB_LOG_MESSAGES ? `job.op.${op}` : op);

/** A job kind as a parameter named in the reader's language. */
export const kindParam = (kind: string): string => `job.kind.${kind}`;
