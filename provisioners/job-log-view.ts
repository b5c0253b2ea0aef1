// A stored line of a job's log as the API sends it (GET /api/jobs/:id and its server-sent events alike): its code
// and parameters, the text in the reader's language, and the engine's words, marked as such. Lines written before
// lines had codes show their stored text.
import { hasMessage, listOf, registerMessages, t, type Locale } from '../core/i18n.js';
import type { JobEvent } from '../core/db/generated/client.js';
import { JOB_LOG_MESSAGES, LEGACY_LOG_CODE } from './job-log-messages.js';
import type { LogLine, LogParams } from './job-log.js';
import type { JobEventView } from './view-schema.js';
// the job kinds' names ({kind}), registered once with the trail's names
import './audit-names.js';

registerMessages(JOB_LOG_MESSAGES);

/** The parameters as the reader reads them: lists joined, our own keys (job.kind.*, job.op.*) named in their language. */
function readable(params: LogParams, locale: Locale): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? listOf(v, locale) : typeof v === 'string' && v.startsWith('job.') && hasMessage(v) ? t(v, locale) : v]),
  );
}

/** A line's text in the reader's language (the engine's words, if any, are not part of it). */
export const logLineText = (line: Pick<LogLine, 'code' | 'params'>, locale: Locale): string => t(line.code, locale, readable(line.params ?? {}, locale));

export function jobEventView(e: Pick<JobEvent, 'seq' | 'at' | 'level' | 'code' | 'params' | 'detail' | 'message' | 'data'>, locale: Locale): JobEventView {
  const base = { seq: e.seq.toString(), at: e.at.toISOString(), level: e.level as JobEventView['level'], data: (e.data as JobEventView['data']) ?? null };
  if (!e.code) return { ...base, code: LEGACY_LOG_CODE, params: {}, text: e.message ?? '', detail: null };
  const params = (e.params as LogParams | null) ?? {};
  return { ...base, code: e.code, params, text: logLineText({ code: e.code as LogLine['code'], params }, locale), detail: e.detail };
}
