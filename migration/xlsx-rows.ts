// An XLSX register sheet read as a stream (exceljs' WorkbookReader: never the whole workbook in memory), as offices
// send them: hidden sheets are passed over; the sheet read is the first visible one named like the template's
// (信息系统登记表, System register), else the first visible one; merged cells read as their value in every cell they
// cover (a merge is only known at the end of its sheet, so the chosen sheet's rows are kept as text until then).
import { Readable, type Readable as ReadableStream } from 'node:stream';
import ExcelJS from 'exceljs';

export interface TextRow {
  number: number;
  cells: string[];
}

/** What was read: the sheet's name. */
export interface SheetInfo {
  sheet?: string;
}

export const TEMPLATE_SHEET_NAMES = ['信息系统登记表', 'System register'];

const normaliseName = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
const isTemplateSheet = (name: string | undefined) => !!name && TEMPLATE_SHEET_NAMES.some((n) => normaliseName(n) === normaliseName(name));

interface SheetReader extends AsyncIterable<{ number: number; values: unknown }> {
  name?: string;
  state?: string;
  iterator: AsyncIterable<Buffer | string> & { destroy?: () => void; on?: (event: string, listener: () => void) => void };
}

/** A1:C3 → 0-based corners */
function decodeRange(ref: string): { r1: number; c1: number; r2: number; c2: number } | undefined {
  const m = /^([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)$/.exec(ref);
  if (!m) return undefined;
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return { c1: col(m[1]!), r1: Number(m[2]), c2: col(m[3]!), r2: Number(m[4]) };
}

/** Passes the sheet's XML through to the reader, noting every <mergeCell ref="…"/> on the way. */
async function* tapMerges(source: AsyncIterable<Buffer | string>, merges: string[]): AsyncGenerator<Buffer | string> {
  let tail = '';
  const re = /<mergeCell\s+ref="([A-Z]+\d+:[A-Z]+\d+)"/g;
  for await (const chunk of source) {
    const text = tail + (typeof chunk === 'string' ? chunk : chunk.toString('latin1'));
    let last = 0;
    for (const m of text.matchAll(re)) {
      merges.push(m[1]!);
      last = m.index! + m[0].length;
    }
    tail = text.slice(Math.max(last, text.length - 64));
    yield chunk;
  }
}

/**
 * The chosen sheet's rows, with `cellText` applied to each cell. `maxRows`: reading stops after the first row
 * numbered above it (that row is returned, so the caller can refuse the file).
 */
export async function readXlsxRows(file: Buffer, cellText: (v: unknown) => string, maxRows: number, info: SheetInfo = {}): Promise<TextRow[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([file]) as ReadableStream, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  let chosen: { rows: TextRow[]; merges: string[]; name?: string; template: boolean } | null = null;
  for await (const sheet of reader as unknown as AsyncIterable<SheetReader>) {
    const visible = !sheet.state || sheet.state === 'visible';
    const wanted = visible && (!chosen || (!chosen.template && isTemplateSheet(sheet.name)));
    if (!wanted) {
      // a sheet waiting in a temporary file is closed unread (its file is removed right after, hence the listener)
      sheet.iterator.on?.('error', () => {});
      sheet.iterator.destroy?.();
      continue;
    }
    const merges: string[] = [];
    sheet.iterator = tapMerges(sheet.iterator, merges);
    const rows: TextRow[] = [];
    for await (const row of sheet) {
      rows.push({ number: row.number, cells: Array.from((row.values as unknown[]).slice(1), (v) => cellText(v)) });
      if (row.number > maxRows) break;
    }
    chosen = { rows, merges, ...(sheet.name ? { name: sheet.name } : {}), template: isTemplateSheet(sheet.name) };
  }
  if (!chosen) return [];
  if (chosen.name) info.sheet = chosen.name;
  return fillMerges(chosen.rows, chosen.merges);
}

/** Every cell a merge covers takes the value of its top-left cell (rows that hold no cell at all stay as they are). */
export function fillMerges(rows: TextRow[], merges: string[]): TextRow[] {
  if (!merges.length) return rows;
  const byNumber = new Map(rows.map((r) => [r.number, r]));
  for (const ref of merges) {
    const range = decodeRange(ref);
    if (!range) continue;
    const value = byNumber.get(range.r1)?.cells[range.c1] ?? '';
    if (!value) continue;
    for (let r = range.r1; r <= range.r2; r++) {
      const row = byNumber.get(r);
      if (!row) continue;
      for (let c = range.c1; c <= range.c2; c++) if (c !== range.c1 || r !== range.r1) row.cells[c] = value;
    }
  }
  // holes left by a merge over short rows read as empty cells
  for (const row of rows) for (let c = 0; c < row.cells.length; c++) row.cells[c] ??= '';
  return rows;
}
