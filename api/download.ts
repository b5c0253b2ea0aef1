// Files the browser downloads: spreadsheets (the catalog, the register, any exported list) with a file name in the
// reader's language and an ASCII one for old clients, and how the API document describes them.
import type { Response } from 'express';
import { z } from '../core/zod-openapi.js';

export type SheetFormat = 'xlsx' | 'csv';

export const spreadsheetFormat = z.enum(['xlsx', 'csv']).default('xlsx');

/** The 200 response of an endpoint that sends a file. */
export const fileResponse = { 200: { description: 'the file', schema: z.string().openapi({ format: 'binary' }), contentType: 'application/octet-stream' } };

export function sendSpreadsheet(res: Response, body: Buffer, format: SheetFormat, ascii: string, name: string): void {
  res.setHeader('Content-Disposition', `attachment; filename="${ascii}.${format}"; filename*=UTF-8''${encodeURIComponent(name)}.${format}`);
  res.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  res.send(body);
}
