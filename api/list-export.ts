// Every list the console shows can be downloaded as XLSX, in the columns the console shows and with the list's own
// search and filters: `exportRoute` serves `<list path>/export` with the same query as the list (less the paging)
// and a `lang`, in the columns the list declares (core/export/list-columns.ts).
import type { Response } from 'express';
import { t, type Locale } from '../core/i18n.js';
import { listXlsx, type ListExport } from '../core/export/list-columns.js';
import { z } from '../core/zod-openapi.js';
import type { RequestContext, SignedInContext } from './context.js';
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
 * `auth: false` for a public list (the public notices, the catalog's revisions): its export is as public as the list,
 * and the public reads in it what the list shows them.
 */
export function exportRoute<S extends Shape, T, A extends boolean = true>(
  table: RouteTable,
  opts: {
    path: string;
    summary: string;
    tags: string[];
    /** the list's own: false when anyone may read the list (default true) */
    auth?: A;
    query: S;
    spec: ListExport<T>;
    load(ctx: A extends true ? SignedInContext : RequestContext, query: z.output<z.ZodObject<S>>, max: number): Promise<readonly T[]>;
    titleParams?(query: z.output<z.ZodObject<S>>, locale: Locale): Record<string, string>;
  },
): void {
  route(table, {
    method: 'get',
    path: `${opts.path}/export`,
    summary: `${opts.summary} as XLSX, in the columns the console shows (at most ${LIST_EXPORT_MAX.toLocaleString('en')} rows)`,
    tags: opts.tags,
    auth: (opts.auth ?? true) as A,
    query: z.strictObject({ ...opts.query, lang: localeQuery }),
    responses: opts.auth === false ? { ...fileResponse, 400: errors[400] } : { ...fileResponse, 400: errors[400], 401: errors[401], 403: errors[403] },
    handler: async ({ query, ctx }, _req, res) => {
      const q = query as z.output<z.ZodObject<S>>;
      const items = await opts.load(ctx as A extends true ? SignedInContext : RequestContext, q, LIST_EXPORT_MAX);
      await sendListXlsx(res, opts.spec, items, ctx.locale, opts.titleParams?.(q, ctx.locale));
    },
  });
}
