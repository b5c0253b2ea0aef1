// Optimistic concurrency over HTTP: ETag out, If-Match in.
import type { Request, Response } from 'express';
import { PreconditionError } from '../core/errors.js';

export function etagOf(version: number): string {
  return `"v${version}"`;
}

export function setEtag(res: Response, version: number): void {
  res.setHeader('ETag', etagOf(version));
}

/** The version the client read, from If-Match; 428 when missing, 412 when unparseable (it cannot match). */
export function requireIfMatch(req: Request): number {
  const header = req.headers['if-match'];
  if (!header) throw new PreconditionError('PRECONDITION_REQUIRED');
  const m = /^(?:W\/)?"v(\d+)"$/.exec(header.trim());
  if (!m) throw new PreconditionError('STALE_VERSION');
  return Number(m[1]);
}
