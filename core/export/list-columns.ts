// A list as a spreadsheet, in the columns the console shows: each list declares its columns once in its domain
// (header, width, number format, value), and the API serves it (api/list-export.ts) with the list's own filters.
import { t, type Locale } from '../i18n.js';
import { shanghaiTime, tableXlsx, type TableCell } from './table-xlsx.js';

export interface ExportColumn<T> {
  /** message key of the header (core/i18n) */
  header: string;
  /** in characters */
  width?: number;
  numFmt?: string;
  value(item: T, locale: Locale): TableCell;
}

export interface ListExport<T> {
  /** the file's name in ASCII, for old clients */
  file: string;
  /** message key of the file's and the sheet's name in the reader's language */
  title: string;
  columns: ExportColumn<T>[];
}

/** Column makers for the kinds of cell lists share. */
export const col = {
  text: <T>(header: string, value: (item: T, locale: Locale) => string | null | undefined, width = 20): ExportColumn<T> => ({ header, width, value: (i, l) => value(i, l) ?? '' }),
  money: <T>(header: string, value: (item: T) => string | number | null | undefined, width = 16): ExportColumn<T> => ({
    header,
    width,
    numFmt: '#,##0.00',
    value: (i) => {
      const v = value(i);
      return v === null || v === undefined || v === '' ? '' : Number(v);
    },
  }),
  number: <T>(header: string, value: (item: T) => number | null | undefined, width = 12): ExportColumn<T> => ({ header, width, value: (i) => value(i) ?? '' }),
  time: <T>(header: string, value: (item: T) => Date | string | null | undefined, width = 18): ExportColumn<T> => ({ header, width, value: (i) => shanghaiTime(value(i) ?? null, 'minute') }),
  /** a calendar date (YYYY-MM-DD) as it is stored */
  date: <T>(header: string, value: (item: T) => string | null | undefined, width = 12): ExportColumn<T> => ({ header, width, value: (i) => value(i) ?? '' }),
};

export async function listXlsx<T>(spec: ListExport<T>, items: readonly T[], locale: Locale, titleParams?: Record<string, string>): Promise<Buffer> {
  return tableXlsx([
    {
      name: t(spec.title, locale, titleParams),
      columns: spec.columns.map((c) => ({ header: t(c.header, locale), width: c.width, numFmt: c.numFmt })),
      rows: items.map((item) => spec.columns.map((c) => c.value(item, locale))),
    },
  ]);
}

