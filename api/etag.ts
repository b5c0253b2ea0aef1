// Optimistic concurrency over HTTP: ETag out, If-Match in. Services decide what a missing or stale one means,
// after they have checked permissions (a refused caller learns nothing about versions).
import type { Request, Response } from 'express';

export function etagOf(version: number): string {
  return `"v${version}"`;
}

export function setEtag(res: Response, version: number): void {
  res.setHeader('ETag', etagOf(version));
}

/** Answers with a versioned object and its ETag. */
export function sendVersioned(res: Response, v: { version: number }, status = 200): void {
  setEtag(res, v.version);
  res.status(status).json(v);
}

/** The version the client read, from If-Match: undefined when absent, -1 when unparseable (it matches nothing). */
export function readIfMatch(req: Request): number | undefined {
  const header = req.headers['if-match'];
  if (!header) return undefined;
  const m = /^(?:W\/)?"v(\d{1,9})"$/.exec(header.trim());
  return m ? Number(m[1]) : -1;
}
