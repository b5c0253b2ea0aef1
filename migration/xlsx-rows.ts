// An XLSX register sheet read with a purpose-made scanner (./xml-scanner.ts) over the parts the archive inspection
// inflated anyway (core/files/archive-inspection.ts counts every byte against the zip-bomb limits and keeps the
// workbook, its relationships, the shared strings and the sheets, so nothing is inflated twice): exceljs' streaming
// reader (saxes events, a Row and Cell object per cell) cost a third of a 5,000-row import.
//
// The sheet read, as offices send them: hidden sheets are passed over; the first visible one (in the workbook's tab
// order) named like the template's (信息系统登记表, System register), else the first visible one. Cells read as a
// person sees them: shared or inline strings (rich text as its runs' text, phonetic guides left out), numbers as
// ./spreadsheet.ts's cellText writes them (a date cell is the serial number the file stores: ./dates.ts reads it),
// TRUE/FALSE, an error as its text (#N/A), a formula as its cached value (its text =… when the file has none or
// the value is 0, empty or an error, as exceljs had it).
// Rows keep their number (missing cells are holes read as empty; a row's cells end at its last cell holding a
// value); merged cells read as their value in every cell they cover. A file whose XML is not well formed is
// unreadable (the caller answers 400); archive limits are refused as the inspection says (422).
import { DEFAULT_HARDENING, type ArchiveLimits } from '../core/config.js';
import { inspectAndKeep } from '../core/files/archive-inspection.js';
import { CLOSE, END, OPEN, TEXT, XmlScanner } from './xml-scanner.js';

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

const WORKBOOK = 'xl/workbook.xml';
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';
const SHARED_STRINGS = 'xl/sharedStrings.xml';
/** the parts kept from the archive: the workbook, its relationships, the shared strings, every worksheet */
const isWorkbookPart = (name: string) => name === WORKBOOK || name === WORKBOOK_RELS || name === SHARED_STRINGS || /^xl\/worksheets\/[^/]+\.xml$/.test(name);

/** A1:C3 → 0-based columns, 1-based rows */
function decodeRange(ref: string): { r1: number; c1: number; r2: number; c2: number } | undefined {
  const m = /^([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)$/.exec(ref);
  if (!m) return undefined;
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return { c1: col(m[1]!), r1: Number(m[2]), c2: col(m[3]!), r2: Number(m[4]) };
}

interface SheetEntry {
  name: string;
  visible: boolean;
  part: string;
}

/** The sheets in tab order, with the part each is stored in (a target relative to xl/, or absolute). */
function sheetsOf(parts: Map<string, Buffer>): SheetEntry[] {
  const workbook = parts.get(WORKBOOK);
  const rels = parts.get(WORKBOOK_RELS);
  if (workbook && rels) {
    const targets = new Map<string, string>();
    const r = new XmlScanner(rels.toString('utf8'));
    for (let k = r.next(); k !== END; k = r.next()) {
      if (k !== OPEN || r.name !== 'Relationship') continue;
      const id = r.attr('Id');
      const target = r.attr('Target');
      if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);
    }
    const sheets: SheetEntry[] = [];
    const w = new XmlScanner(workbook.toString('utf8'));
    for (let k = w.next(); k !== END; k = w.next()) {
      if (k !== OPEN || w.name !== 'sheet') continue;
      const part = targets.get(w.prefixedAttr('id') ?? '');
      const state = w.attr('state');
      if (part && parts.has(part)) sheets.push({ name: w.attr('name') ?? '', visible: !state || state === 'visible', part });
    }
    if (sheets.length) return sheets;
  }
  // no workbook part, or none of its sheets found: the worksheets as the archive holds them
  return [...parts.keys()].flatMap((part) => {
    const m = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(part);
    return m ? [{ name: `Sheet${m[1]}`, visible: true, part }] : [];
  });
}

/** The shared strings' text; a string with no text at all is null (a cell showing it holds nothing). */
function sharedStrings(xml: Buffer | undefined): (string | null)[] {
  const out: (string | null)[] = [];
  if (!xml) return out;
  const s = new XmlScanner(xml.toString('utf8'));
  let text: string | null = null;
  let inT = false;
  let phonetic = 0;
  for (let k = s.next(); k !== END; k = s.next()) {
    if (k === TEXT) {
      if (inT && !phonetic) text = text === null ? s.text : text + s.text;
    } else if (k === OPEN) {
      if (s.name === 'si') text = null;
      else if (s.name === 't' && !s.selfClosing) inT = true;
      else if (s.name === 'rPh' && !s.selfClosing) phonetic++;
    } else if (k === CLOSE) {
      if (s.name === 't') inT = false;
      else if (s.name === 'rPh') phonetic--;
      else if (s.name === 'si') out.push(text);
    }
  }
  return out;
}

/** The 0-based column of a cell reference (B12 → 1), or -1 when it names none. */
function columnOf(ref: string): number {
  let n = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + c - 64;
    else if (c >= 97 && c <= 122) n = n * 26 + c - 96;
    else break;
  }
  return i === 0 ? -1 : n - 1;
}

/** ECMA-376's escapes for characters XML cannot carry (_x000D_ is a carriage return; _x005F_ the underscore itself). */
const unescapeXstring = (s: string) => (s.includes('_x') ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : s);

/** The rows of one worksheet; reading stops after the first row numbered above `maxRows` (that row is returned). */
function sheetRows(xml: Buffer, strings: (string | null)[], cellText: (v: unknown) => string, maxRows: number): { rows: TextRow[]; merges: string[] } {
  const s = new XmlScanner(xml.toString('utf8'));
  const rows: TextRow[] = [];
  const merges: string[] = [];
  const typed = (t: string | undefined, v: string): string | undefined => {
    switch (t) {
      case 's': {
        const shared = strings[parseInt(v, 10)];
        return shared === null || shared === undefined ? undefined : unescapeXstring(shared);
      }
      case 'str':
      case 'inlineStr':
        return unescapeXstring(v);
      case 'e':
        return v;
      case 'd':
        // an ISO 8601 date (exceljs read its year as a number): ./dates.ts reads it
        return v.trim();
      case 'b':
        return cellText(parseInt(v, 10) !== 0);
      default:
        return cellText(parseFloat(v));
    }
  };
  let inData = false;
  let number = 0;
  let cells: (string | undefined)[] | null = null;
  let last = -1;
  let col = -1;
  let type: string | undefined;
  let v: string | null = null;
  let f: string | null = null;
  let inline: string | null = null;
  /** where text goes: 1 <v>, 2 <f>, 3 an inline string's <t> */
  let into = 0;
  let phonetic = 0;
  const endRow = (): boolean => {
    const out = new Array<string>(last + 1);
    for (let i = 0; i <= last; i++) out[i] = cells![i] ?? '';
    rows.push({ number, cells: out });
    cells = null;
    return number > maxRows;
  };
  for (let k = s.next(); k !== END; k = s.next()) {
    if (k === TEXT) {
      if (into === 1) v += s.text;
      else if (into === 2) f += s.text;
      else if (into === 3 && !phonetic) inline += s.text;
      continue;
    }
    const name = s.name;
    if (k === OPEN) {
      if (name === 'c') {
        if (!cells) continue;
        const ref = s.attr('r');
        const at = ref ? columnOf(ref) : -1;
        col = at >= 0 ? at : col + 1;
        type = s.attr('t');
        v = f = inline = null;
        into = 0;
      } else if (name === 'v') {
        if (!cells) continue;
        v = '';
        if (!s.selfClosing) into = 1;
      } else if (name === 'f') {
        if (!cells) continue;
        f = '';
        if (!s.selfClosing) into = 2;
      } else if (name === 'is') {
        if (cells) inline = '';
      } else if (name === 't') {
        if (inline !== null && !s.selfClosing) into = 3;
      } else if (name === 'rPh') {
        if (!s.selfClosing) phonetic++;
      } else if (name === 'row') {
        if (!inData) continue;
        const r = parseInt(s.attr('r') ?? '', 10);
        number = r > 0 ? r : number + 1;
        cells = [];
        last = col = -1;
        if (s.selfClosing && endRow()) break;
      } else if (name === 'sheetData') {
        inData = !s.selfClosing;
      } else if (name === 'mergeCell') {
        const ref = s.attr('ref');
        if (ref && decodeRange(ref)) merges.push(ref);
      }
      continue;
    }
    // CLOSE
    if (name === 'v' || name === 'f' || name === 't') into = 0;
    else if (name === 'rPh') phonetic--;
    else if (name === 'c') {
      if (!cells) continue;
      let text: string | undefined;
      if (f !== null) {
        // as exceljs read them: a cached 0, empty text, FALSE or error reads as the formula's text, TRUE as 1; the
        // cells of a shared formula after its first (no text of their own) as their cached value
        const result = v === null ? undefined : type === 'str' ? unescapeXstring(v) : parseFloat(v);
        if (f) text = result ? cellText(result) : `=${f}`;
        else text = result === undefined ? '=' : cellText(result);
      }
      else if (inline !== null) text = unescapeXstring(inline);
      else if (v !== null) text = typed(type, v);
      if (text !== undefined) {
        cells[col] = text;
        if (col > last) last = col;
      }
      v = f = inline = null;
    } else if (name === 'row') {
      if (cells && endRow()) break;
    } else if (name === 'sheetData') inData = false;
  }
  return { rows, merges };
}

/**
 * The chosen sheet's rows, numbers and booleans written by `cellText`. `maxRows`: reading stops after the first
 * row numbered above it (that row is returned, so the caller can refuse the file). The archive is inspected
 * against `limits` first (a refusal rejects with the inspection's 422).
 */
export async function readXlsxRows(file: Buffer, cellText: (v: unknown) => string, maxRows: number, info: SheetInfo = {}, limits: ArchiveLimits = DEFAULT_HARDENING.archive): Promise<TextRow[]> {
  const { kept: parts } = await inspectAndKeep(file, isWorkbookPart, limits);
  const sheets = sheetsOf(parts).filter((s) => s.visible);
  const chosen = sheets.find((s) => isTemplateSheet(s.name)) ?? sheets[0];
  if (!chosen) return [];
  const { rows, merges } = sheetRows(parts.get(chosen.part)!, sharedStrings(parts.get(SHARED_STRINGS)), cellText, maxRows);
  if (chosen.name) info.sheet = chosen.name;
  return fillMerges(rows, merges);
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
