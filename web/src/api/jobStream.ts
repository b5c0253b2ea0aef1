// A provisioning job's log, live: GET /api/jobs/:id/events as server-sent events. The browser's own EventSource
// cannot send the bearer token, so the `eventsource` package (the WHATWG EventSource over fetch) carries it;
// it reconnects by itself after a dropped connection and resumes with Last-Event-ID, so no line is shown twice.
import { EventSource } from 'eventsource';
import { pathTo, sessionHeaders, type Schemas } from './client';
import type { JobState } from './operator';

/** A line of the log: the job's event as GET /api/jobs/:id lists it, in the reader's language. */
export type JobLogLine = Pick<Schemas['JobEvent'], 'seq' | 'at' | 'level' | 'code' | 'text' | 'detail'>;

export interface JobStreamHandlers {
  onLine(line: JobLogLine): void;
  /** the job has ended: the stream closes */
  onEnd(state: JobState): void;
  /** the connection failed; `retrying` is false when the server refused (e.g. 404) and the stream is closed */
  onError(retrying: boolean, status?: number): void;
}

/** Opens the stream; the returned function closes it. */
export function streamJobLog(jobId: string, handlers: JobStreamHandlers): () => void {
  const source = new EventSource(pathTo('/api/jobs/{id}/events', { id: jobId }), {
    fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, ...sessionHeaders() } }),
  });
  source.addEventListener('log', (e) => {
    const data = JSON.parse(e.data) as Omit<JobLogLine, 'seq'>;
    handlers.onLine({ seq: e.lastEventId, at: data.at, level: data.level, code: data.code, text: data.text, detail: data.detail });
  });
  source.addEventListener('end', (e) => {
    source.close();
    handlers.onEnd((JSON.parse(e.data) as { state: JobState }).state);
  });
  source.addEventListener('error', (e) => {
    handlers.onError(source.readyState !== EventSource.CLOSED, (e as { code?: number }).code);
  });
  return () => source.close();
}
