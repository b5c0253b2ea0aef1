// What waits and what is unread, live: GET /api/todo/stream as server-sent events (`counts` on connect and at every
// change; the server does not poll, nor does the console). The `eventsource` package carries the bearer token and
// reconnects by itself after a dropped connection; when the server refuses or fails the stream (a restart), it is
// opened again after a pause, except when the session is over (401) or the page closed it.
import { EventSource } from 'eventsource';
import { pathTo, sessionHeaders } from './client';

/** The `counts` event's data (the server's todoCountsSchema; an event stream's data is not in the API's types). */
export interface TodoCounts {
  /** the items of my to-do list */
  todo: number;
  /** my unread notifications */
  unread: number;
}

const RETRY_MS = 5_000;

/** Opens the stream; the returned function closes it for good. */
export function streamTodoCounts(onCounts: (counts: TodoCounts) => void): () => void {
  let source: EventSource | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  const open = () => {
    source = new EventSource(pathTo('/api/todo/stream', {}), {
      fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, ...sessionHeaders() } }),
    });
    source.addEventListener('counts', (e) => onCounts(JSON.parse(e.data) as TodoCounts));
    source.addEventListener('error', (e) => {
      const status = (e as { code?: number }).code;
      if (closed || source?.readyState !== EventSource.CLOSED || status === 401 || status === 403) return;
      timer = setTimeout(open, RETRY_MS);
    });
  };
  open();
  return () => {
    closed = true;
    clearTimeout(timer);
    source?.close();
  };
}
