// Server-sent event streams that wait on the feed of committed changes (core/events/feed.ts) instead of polling:
// the stream subscribes before it first reads, so a change between the read and the wait is not missed; a comment
// line every 25 s keeps proxies from closing an idle stream; the stream ends when the client goes, or when the
// process stops.
import type { Request, Response } from 'express';
import type { Feed, FeedEvent } from '../core/events/feed.js';

const HEARTBEAT_MS = 25_000;

export interface EventStream {
  /** writes one event */
  send(event: string, data: unknown, id?: string): void;
  /** resolves when something `relevant` was heard since the last wait, or the stream closed (then `closed` is true) */
  next(): Promise<void>;
  readonly closed: boolean;
  end(): void;
}

/**
 * `stillValid`, when given, is asked at each heartbeat too: a stream whose session ended closes within a heartbeat
 * even when nothing changes.
 */
export function openEventStream(req: Request, res: Response, feed: Feed, relevant: (e: FeedEvent) => boolean, stillValid?: () => Promise<boolean>): EventStream {
  res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
  res.flushHeaders();
  let closed = false;
  let pending = false;
  let wake: (() => void) | null = null;
  const fire = () => {
    pending = true;
    wake?.();
  };
  const unsubscribe = feed.subscribe((e) => {
    if (e.kind === 'stopping') close();
    else if (e.kind === 'resync' || relevant(e)) fire();
  });
  const heartbeat = setInterval(() => {
    res.write(': keep-alive\n\n');
    void stillValid?.().then((valid) => valid || close());
  }, HEARTBEAT_MS);
  heartbeat.unref();
  function close() {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
    wake?.();
    res.end();
  }
  req.on('close', close);
  return {
    send(event, data, id) {
      if (!closed) res.write(`${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    async next() {
      if (!pending && !closed) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      pending = false;
    },
    get closed() {
      return closed;
    },
    end: close,
  };
}
