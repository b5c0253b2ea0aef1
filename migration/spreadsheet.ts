// The register as a spreadsheet: the Chinese template, the import (XLSX read as a stream, row by row; CSV in
// UTF-8 or GB18030 as Excel saves it in China) and the export (cells that would run as formulas neutralised).
//
// Reading is pure apart from decoding the file: `readSheetRows` yields the first worksheet's rows as text,
// `parseRegisterRows` turns them into register entries or problems, each with its row number, column and reason.
// Nothing is written here: the register service imports all entries in one transaction, or none.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { neutraliseCell } from '../core/export/table-xlsx.js';
import { InvalidInputError, type Violation } from '../core/errors.js';
import { listOf, t, type Locale } from '../core/i18n.js';
import { IMPORT_COLUMNS, REGISTER_COLUMNS, columnByKey, columnForHeader, templateHeader, type RegisterColumn, type RegisterRow } from './columns.js';
import { registerSchema, type RegisterInput } from './register-input.js';
import { ownedName, type RowOrgProblem, type RowOrgResolver } from './row-organisation.js';

export const MAX_IMPORT_BYTES = 16 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 10_000;
/** problems listed one by one; beyond this only their number is reported */
export const MAX_REPORTED_PROBLEMS = 200;
/** rows read at most, empty ones included: a file padded with millions of blank rows is refused, not read through */
const MAX_SHEET_ROWS = 5 * MAX_IMPORT_ROWS;
/** the header must be within this many rows from the top (a title row above it is allowed) */
const HEADER_SEARCH_ROWS = 10;

export type SheetFormat = 'xlsx' | 'csv';

export interface SheetRow {
  /** the row number the spreadsheet program shows (1-based) */
  number: number;
  cells: string[];
}

/** A problem in an imported file: where (row, column, cell) and why. */
export interface ImportProblem extends Violation {
  line: number;
  column?: string;
  cell?: string;
}

/** What the file is, from its content (never its name): XLSX, text (CSV), or neither. */
export function detectFormat(file: Buffer): SheetFormat | 'xls' | null {
  if (file.length >= 4 && file.readUInt32BE(0) === 0x504b0304) return 'xlsx';
  if (file.length >= 8 && file.readUInt32BE(0) === 0xd0cf11e0) return 'xls';
  if (file.subarray(0, 8192).includes(0)) return null;
  return 'csv';
}

/** CSV text: UTF-8 (with or without a byte-order mark), else GB18030 (what Excel writes on Chinese Windows). */
export function decodeCsv(file: Buffer): string {
  if (file[0] === 0xef && file[1] === 0xbb && file[2] === 0xbf) return file.subarray(3).toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(file);
  } catch {
    return new TextDecoder('gb18030').decode(file);
  }
}

/** The text of a cell as a person sees it typed. A formula is kept as its text (=…) and never evaluated. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const v = value as { richText?: { text: string }[]; formula?: string; sharedFormula?: string; text?: unknown; error?: string; result?: unknown };
  if (v.richText) return v.richText.map((r) => r.text).join('');
  if (v.formula !== undefined) return `=${v.formula}`;
  if (v.sharedFormula !== undefined) return cellText(v.result);
  if (v.text !== undefined) return cellText(v.text);
  if (v.error !== undefined) return v.error;
  return '';
}

/** The inverse of catalog/export.ts's neutraliseCell, so that a file exported here reads back as it was. */
function unneutralise(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

/**
 * The first worksheet's rows as text, one at a time. XLSX is read as a stream, never as a whole workbook. A file
 * the reader cannot make sense of (a damaged XLSX, a CSV with an unclosed quote) is the client's: 400.
 */
export async function* readSheetRows(file: Buffer, format: SheetFormat): AsyncGenerator<SheetRow> {
  try {
    yield* readRows(file, format);
  } catch {
    throw new InvalidInputError([{ path: 'file', code: 'import.unreadable' }], 'IMPORT_UNREADABLE');
  }
}

async function* readRows(file: Buffer, format: SheetFormat): AsyncGenerator<SheetRow> {
  if (format === 'xlsx') {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([file]), {
      worksheets: 'emit',
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'ignore',
      entries: 'ignore',
    });
    let first = true;
    for await (const sheet of reader) {
      for await (const row of sheet) {
        if (first) yield { number: row.number, cells: Array.from((row.values as unknown[]).slice(1), (v) => cellText(v)) };
      }
      first = false;
    }
    return;
  }
  const text = decodeCsv(file);
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const delimiter = (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? '\t' : ',';
  const wb = new ExcelJS.Workbook();
  // every datum as the text it is (no guessing of numbers or dates: 0012 stays 0012)
  const ws = await wb.csv.read(Readable.from([text]), { map: (d: unknown) => d, parserOptions: { delimiter } } as never);
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, number) => rows.push({ number, cells: Array.from((row.values as unknown[]).slice(1), (v) => cellText(v)) }));
  yield* rows;
}

export interface ImportContext {
  locale: Locale;
  /** whose system each row is, from its 所属单位 cell (./row-organisation.ts) */
  rowOrg: RowOrgResolver;
}

interface Header {
  row: number;
  /** the importable column under each cell of the header row (null: ignored) */
  columns: (RegisterColumn | null)[];
}

export interface ParsedRegister {
  entries: { row: number; input: RegisterInput; orgId: string }[];
  skippedEmptyRows: number;
  problems: ImportProblem[];
}

const columnLetter = (index: number): string => {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
};

/** zod's issues in the vocabulary's field codes (the same ones the API answers with). */
function reasonOf(issue: z.core.$ZodIssue): { code: string; params?: Record<string, string | number> } {
  const missing = 'input' in issue && (issue.input === undefined || issue.input === null);
  if (missing && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) return { code: 'field.required' };
  switch (issue.code) {
    case 'too_small':
      return { code: issue.inclusive === false ? 'field.too_small_exclusive' : 'field.too_small', params: { minimum: String(issue.minimum) } };
    case 'too_big':
      return { code: issue.inclusive === false ? 'field.too_big_exclusive' : 'field.too_big', params: { maximum: String(issue.maximum) } };
    case 'invalid_format':
      return { code: 'field.invalid_format', params: { format: String(issue.format) } };
    case 'invalid_value':
      return { code: 'field.invalid_value', params: { allowed: issue.values.map(String).join(', ') } };
    default:
      return { code: 'field.invalid' };
  }
}

/** Which spreadsheet column an issue at this path of a register entry belongs to. */
function columnKeyOf(path: PropertyKey[]): string {
  const [first, , sub] = path;
  if (first === 'contacts') return sub === 'phone' ? 'contactPhones' : sub === 'email' ? 'contactEmails' : 'contactNames';
  return String(first);
}

const BAD_TEXT = (s: string) => s.includes('\u0000') || !s.isWellFormed();

/**
 * Reads the register rows of a file: finds the header row, checks the headers, then turns each row into a
 * register entry or problems (row, column, reason). Empty rows are skipped. Names must be unique in the file.
 */
export async function parseRegisterRows(rows: AsyncIterable<SheetRow>, ctx: ImportContext): Promise<ParsedRegister> {
  const { locale } = ctx;
  const problems: ImportProblem[] = [];
  let unreported = 0;
  const report = (p: { row: number; column?: RegisterColumn; index?: number; code: string; params?: Record<string, string | number>; suggestions?: RowOrgProblem['suggestions'] }) => {
    if (problems.length >= MAX_REPORTED_PROBLEMS) {
      unreported++;
      return;
    }
    const column = p.column ? p.column.header[locale] : undefined;
    const reason = t(p.code, locale, p.params ?? {});
    const where = column ? t('import.at_cell', locale, { row: p.row, column }) : t('import.at_row', locale, { row: p.row });
    problems.push({
      code: p.code,
      line: p.row,
      ...(p.column ? { field: p.column.key, column } : {}),
      ...(p.index !== undefined && p.index >= 0 ? { cell: `${columnLetter(p.index)}${p.row}` } : {}),
      message: `${where}${reason}`,
      ...(p.suggestions ? { suggestions: p.suggestions } : {}),
    });
  };

  let header: Header | null = null;
  const entries: ParsedRegister['entries'] = [];
  const firstRowOfName = new Map<string, number>();
  let skippedEmptyRows = 0;
  let dataRows = 0;
  let firstRow: SheetRow | null = null;

  /** Checks a header row: unknown, repeated and missing required columns. */
  const readHeader = (row: SheetRow): Header => {
    const found = row.cells.map((c) => (c.trim() ? (columnForHeader(c) ?? null) : null));
    const seen = new Set<string>();
    row.cells.forEach((text, index) => {
      if (!text.trim()) return;
      const column = found[index];
      if (!column) report({ row: row.number, index, code: 'import.header_unknown', params: { header: text.trim() } });
      else if (seen.has(column.key)) report({ row: row.number, index, column, code: 'import.header_duplicate', params: { header: text.trim() } });
      else seen.add(column.key);
    });
    for (const c of IMPORT_COLUMNS) if (c.required && !seen.has(c.key)) report({ row: row.number, column: c, code: 'import.header_missing' });
    return { row: row.number, columns: found.map((c) => (c?.importable ? c : null)) };
  };
  const wrongHeader = (): ParsedRegister => ({ entries: [], skippedEmptyRows: 0, problems });

  for await (const row of rows) {
    if (row.number > MAX_SHEET_ROWS) return { entries: [], skippedEmptyRows, problems: [tooMany(row.number, locale)] };
    if (!header) {
      if (!row.cells.some((c) => c.trim() !== '')) continue;
      firstRow ??= row;
      // the header is the first row naming the 系统名称 column; rows above it (a title) are passed over
      if (row.cells.some((c) => columnForHeader(c)?.key === 'name')) header = readHeader(row);
      else if (row.number - firstRow.number >= HEADER_SEARCH_ROWS - 1) header = readHeader(firstRow);
      if (problems.length) return wrongHeader();
      continue;
    }
    const cols = header.columns;

    const values: Record<string, unknown> = {};
    const texts: Record<string, string> = {};
    let blank = true;
    let rowOk = true;
    cols.forEach((column, index) => {
      if (!column) return;
      const raw = unneutralise((row.cells[index] ?? '').trim());
      if (raw) blank = false;
      texts[column.key] = raw;
      if (BAD_TEXT(raw)) {
        report({ row: row.number, index, column, code: 'field.invalid_characters' });
        rowOk = false;
        return;
      }
      const parsed = column.parse!(raw);
      if ('error' in parsed) {
        const params = { ...parsed.params, ...(column.choices ? { allowed: listOf(column.choices[locale], locale) } : {}) };
        report({ row: row.number, index, column, code: parsed.error, params });
        rowOk = false;
      } else {
        values[column.key] = parsed.value;
      }
    });
    if (blank) {
      skippedEmptyRows++;
      continue;
    }
    if (++dataRows > MAX_IMPORT_ROWS) {
      return { entries: [], skippedEmptyRows, problems: [...problems.slice(0, MAX_REPORTED_PROBLEMS - 1), tooMany(row.number, locale)] };
    }
    const indexOf = (key: string) => cols.findIndex((c) => c?.key === key);

    const owner = ctx.rowOrg(texts['org'] ?? '', locale);
    if ('problem' in owner) {
      report({ row: row.number, index: indexOf('org'), column: columnByKey('org'), ...owner.problem });
      rowOk = false;
    }
    const names = (values['contactNames'] as string[] | undefined) ?? [];
    const phones = (values['contactPhones'] as string[] | undefined) ?? [];
    const emails = (values['contactEmails'] as string[] | undefined) ?? [];
    if (names.length !== phones.length || (emails.length && emails.length !== names.length)) {
      const key = names.length !== phones.length ? 'contactPhones' : 'contactEmails';
      report({ row: row.number, index: indexOf(key), column: columnByKey(key), code: 'import.contacts_mismatch', params: { names: names.length } });
      rowOk = false;
    }
    if (!rowOk) continue;

    const candidate: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(values)) {
      if (v !== undefined && !['org', 'contactNames', 'contactPhones', 'contactEmails'].includes(k)) candidate[k] = v;
    }
    if (names.length) candidate['contacts'] = names.map((name, i) => ({ name, phone: phones[i], ...(emails[i] ? { email: emails[i] } : {}) }));
    const result = registerSchema.safeParse(candidate, { reportInput: true });
    if (!result.success) {
      const reported = new Set<string>();
      for (const issue of result.error.issues) {
        const key = columnKeyOf(issue.path);
        if (reported.has(key)) continue;
        reported.add(key);
        const { code, params } = reasonOf(issue);
        report({ row: row.number, index: indexOf(key), column: columnByKey(key), code, params });
      }
      continue;
    }
    if ('problem' in owner) continue;
    const earlier = firstRowOfName.get(ownedName(owner.orgId, result.data.name));
    if (earlier !== undefined) {
      report({ row: row.number, index: indexOf('name'), column: columnByKey('name'), code: 'import.duplicate_in_file', params: { name: result.data.name, first: earlier } });
      continue;
    }
    firstRowOfName.set(ownedName(owner.orgId, result.data.name), row.number);
    entries.push({ row: row.number, input: result.data, orgId: owner.orgId });
  }

  if (!header && firstRow) {
    header = readHeader(firstRow);
    if (problems.length) return wrongHeader();
  }
  if (!header) report({ row: 1, code: 'import.no_rows' });
  else if (!dataRows && !problems.length) report({ row: header.row + 1, code: 'import.no_rows' });
  if (unreported) problems.push({ code: 'import.more_problems', line: problems[problems.length - 1]?.line ?? 1, message: t('import.more_problems', locale, { count: unreported }) });
  return { entries: problems.length ? [] : entries, skippedEmptyRows, problems };
}

function tooMany(row: number, locale: Locale): ImportProblem {
  return { code: 'import.too_many_rows', line: row, message: t('import.too_many_rows', locale, { max: MAX_IMPORT_ROWS }) };
}

// ───────────────────────── writing: the template and the export ─────────────────────────

const SHEET_NAME: Record<Locale, string> = { 'zh-CN': '信息系统登记表', en: 'System register' };
const HINTS_SHEET: Record<Locale, string> = { 'zh-CN': '填写说明', en: 'How to fill it in' };

async function fileOf(wb: ExcelJS.Workbook, format: SheetFormat): Promise<Buffer> {
  if (format === 'xlsx') return Buffer.from(await wb.xlsx.writeBuffer());
  const csv = Buffer.from(await wb.csv.writeBuffer({ sheetId: wb.worksheets[0]!.id } as never));
  // a byte-order mark so that Excel opens the UTF-8 Chinese text correctly
  return Buffer.concat([Buffer.from('\uFEFF', 'utf8'), csv]);
}

/** The empty template: the import columns (required ones marked *), drop-downs, and an instructions sheet. */
export async function registerTemplate(format: SheetFormat, locale: Locale): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Zhengyun';
  const ws = wb.addWorksheet(SHEET_NAME[locale]);
  ws.addRow(IMPORT_COLUMNS.map((c) => templateHeader(c, locale)));
  if (format === 'csv') return fileOf(wb, format);
  ws.getRow(1).font = { bold: true };
  IMPORT_COLUMNS.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.width;
    if (c.required) ws.getRow(1).getCell(i + 1).font = { bold: true, color: { argb: 'FFC00000' } };
    if (c.choices) {
      const letter = columnLetter(i);
      (ws as unknown as { dataValidations: { add(range: string, v: object): void } }).dataValidations.add(`${letter}2:${letter}${MAX_IMPORT_ROWS + 1}`, {
        type: 'list',
        allowBlank: !c.required,
        formulae: [`"${c.choices[locale].join(',')}"`],
        showErrorMessage: true,
      });
    }
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const hints = wb.addWorksheet(HINTS_SHEET[locale]);
  hints.addRow(['column', 'required', 'allowed', 'notes'].map((w) => t(`export.hints.${w}`, locale)));
  hints.getRow(1).font = { bold: true };
  for (const c of IMPORT_COLUMNS) hints.addRow([c.header[locale], c.required ? t('export.hints.requiredMark', locale) : '', c.choices ? listOf(c.choices[locale], locale) : '', c.hint?.[locale] ?? '']);
  hints.columns.forEach((col, i) => (col.width = [20, 10, 40, 60][i] ?? 12));
  return fileOf(wb, format);
}

/** The register as XLSX or CSV: the import columns, then the code, the assessment and the state. */
export async function registerExport(rows: RegisterRow[], format: SheetFormat, locale: Locale): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Zhengyun';
  const ws = wb.addWorksheet(SHEET_NAME[locale]);
  ws.addRow(REGISTER_COLUMNS.map((c) => c.header[locale]));
  for (const r of rows) {
    ws.addRow(
      REGISTER_COLUMNS.map((c) => {
        const v = c.cell(r, locale);
        return typeof v === 'string' ? neutraliseCell(v) : v;
      }),
    );
  }
  if (format === 'xlsx') {
    ws.getRow(1).font = { bold: true };
    REGISTER_COLUMNS.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return fileOf(wb, format);
}
