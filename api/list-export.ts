// Every list the console shows can be downloaded as XLSX, in the columns the console shows and with the list's own
// search and filters: `exportRoute` serves `<list path>/export` with the same query as the list (less the paging)
// and a `lang`, in the columns the list declares (core/export/list-columns.ts).
import type { Response } from 'express';
import { t, type Locale } from '../core/i18n.js';
import { listXlsx, type ListExport } from '../core/export/list-columns.js';
import { z } from '../core/zod-openapi.js';
import type { SignedInContext } from './context.js';
import { fileResponse, sendSpreadsheet } from './download.js';
import { route, type RouteTable } from './route.js';
import { errors, localeQuery } from './schemas.js';

/** At most this many rows in one list export. */
export const LIST_EXPORT_MAX = 10_000;

export function sendListXlsx<T>(res: Response, spec: ListExport<T>, items: readonly T[], locale: Locale, titleParams?: Record<string, string>): Promise<void> {
  return listXlsx(spec, items, locale, titleParams).then((body) => sendSpreadsheet(res, body, 'xlsx', spec.file, t(spec.title, locale, titleParams)));
}

type Shape = z.ZodRawShape;

/**
 * `GET <path>/export`: the list's rows (at most LIST_EXPORT_MAX) with its query, as XLSX. `load` is the list's own
 * loader asked for one page of LIST_EXPORT_MAX rows, so the export sees exactly what the caller may read.
 */
export function exportRoute<S extends Shape, T>(
  table: RouteTable,
  opts: {
    path: string;
    summary: string;
    tags: string[];
    query: S;
    spec: ListExport<T>;
    load(ctx: SignedInContext, query: z.output<z.ZodObject<S>>, max: number): Promise<readonly T[]>;
    titleParams?(query: z.output<z.ZodObject<S>>, locale: Locale): Record<string, string>;
  },
): void {
  route(table, {
    method: 'get',
    path: `${opts.path}/export`,
    summary: `${opts.summary} as XLSX, in the columns the console shows (at most ${LIST_EXPORT_MAX.toLocaleString('en')} rows)`,
    tags: opts.tags,
    auth: true,
    query: z.strictObject({ ...opts.query, lang: localeQuery }),
    responses: { ...fileResponse, 400: errors[400], 401: errors[401], 403: errors[403] },
    handler: async ({ query, ctx }, _req, res) => {
      const q = query as z.output<z.ZodObject<S>>;
      const items = await opts.load(ctx, q, LIST_EXPORT_MAX);
      await sendListXlsx(res, opts.spec, items, ctx.locale, opts.titleParams?.(q, ctx.locale));
    },
  });
}
