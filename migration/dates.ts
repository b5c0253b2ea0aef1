// Dates as offices fill them in: Excel date cells (read as the serial number the file stores, or a Date), ISO
// text, and Chinese text — 2021年3月5日, 2021年3月 (the 1st), 2021.3.5, 2021/3/5, 2021-3-5 — read as a calendar
// date YYYY-MM-DD. A day that does not exist (2021年2月30日) is refused, never moved to the next month.

/** Excel's day 0 of the 1900 date system (serial 60, the 29 February 1900 Excel believes in, lies before any date read here). */
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);
/** serials read as dates: 1954-10-03 to 2119-01-10 (a four-digit number below is a year, not a date) */
const SERIAL_MIN = 20_000;
const SERIAL_MAX = 80_000;

const pad = (n: number) => String(n).padStart(2, '0');

function calendarDate(y: number, m: number, d: number): string | undefined {
  if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1) return undefined;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d > days ? undefined : `${y}-${pad(m)}-${pad(d)}`;
}

/** An Excel serial day number (time of day dropped) as YYYY-MM-DD. */
export function excelSerialDate(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < SERIAL_MIN || serial >= SERIAL_MAX) return undefined;
  return new Date(EXCEL_EPOCH_UTC + Math.floor(serial) * 86_400_000).toISOString().slice(0, 10);
}

/** A date cell's text as YYYY-MM-DD; undefined when it is not a date. */
export function parseDateText(text: string): string | undefined {
  const s = text.normalize('NFKC').replace(/\s+/g, '');
  let m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return calendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
  if (/^\d+(\.\d+)?$/.test(s)) return excelSerialDate(Number(s));
  m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]?\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (m) return calendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})年(\d{1,2})月(?:(\d{1,2})[日号]?)?$/.exec(s);
  if (m) return calendarDate(Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : 1);
  m = /^(\d{4})[-/.](\d{1,2})$/.exec(s);
  if (m) return calendarDate(Number(m[1]), Number(m[2]), 1);
  return undefined;
}
