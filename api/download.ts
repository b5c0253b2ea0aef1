// Files the browser downloads: spreadsheets (the catalog, the register, any exported list) with a file name in the
// reader's language and an ASCII one for old clients, and how the API document describes them. A handler prepares
// the file (headers and body); the route sends it once its audit record is written (api/route.ts, api/attribution.ts).
import type { Response } from 'express';
import type { Readable } from 'node:stream';
import { markAttachmentTarget, type AttachmentTarget } from './attribution.js';
import { z } from '../core/zod-openapi.js';

export type SheetFormat = 'xlsx' | 'csv';

export const spreadsheetFormat = z.enum(['xlsx', 'csv']).default('xlsx');

/** The 200 response of an endpoint that sends a file. */
export const fileResponse = { 200: { description: 'the file', schema: z.string().openapi({ format: 'binary' }), contentType: 'application/octet-stream' } };

export function sendSpreadsheet(res: Response, body: Buffer, format: SheetFormat, ascii: string, name: string): void {
  res.setHeader('Content-Disposition', `attachment; filename="${ascii}.${format}"; filename*=UTF-8''${encodeURIComponent(name)}.${format}`);
  res.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  holdFile(res, { body });
}

type HeldFile = { body: Buffer } | { stream: Readable };
const HELD = 'heldFile';

function holdFile(res: Response, file: HeldFile): void {
  res.locals[HELD] = file;
}

/** The file a handler prepared, if any: sent now (after its audit record). */
export function deliverHeldFile(res: Response): void {
  const file = res.locals[HELD] as HeldFile | undefined;
  if (!file) return;
  delete res.locals[HELD];
  if ('body' in file) res.send(file.body);
  else file.stream.pipe(res);
}

/** A stored document, streamed with its SM3 checksum; its download is recorded against `target` (api/attribution.ts). */
export function sendDocument(res: Response, doc: { contentType: string; size: number; filename: string; sm3: string }, stream: Readable, target: AttachmentTarget): void {
  markAttachmentTarget(res, target);
  res.setHeader('Content-Type', doc.contentType);
  res.setHeader('Content-Length', String(doc.size));
  res.setHeader('Content-Disposition', `attachment; filename="document"; filename*=UTF-8''${encodeURIComponent(doc.filename)}`);
  res.setHeader('X-Content-SM3', doc.sm3);
  holdFile(res, { stream });
}
