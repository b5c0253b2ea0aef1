// The register as a spreadsheet: the Chinese template, the import (XLSX by ./xlsx-rows.ts; CSV in
// UTF-8 or GB18030 as Excel saves it in China, split by ./csv-rows.ts) and the export (cells that would run as formulas neutralised).
//
// Reading is pure apart from decoding the file: `readSheetRows` yields the register sheet's rows as text,
// `parseRegisterRows` finds the header (one or two rows: ./sheet-header.ts) and turns the rows into register entries
// or problems, each with its row number, column and reason, and says how each column was read (the preview).
// Nothing is written here: the register service imports all entries in one transaction, or none.
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { neutraliseCell } from '../core/export/table-xlsx.js';
import type { ArchiveLimits } from '../core/config.js';
import { InvalidInputError, type Violation } from '../core/errors.js';
import { listOf, t, type Locale } from '../core/i18n.js';
import { IMPORT_COLUMNS, REGISTER_COLUMNS, columnByKey, templateHeader, type RegisterColumn, type RegisterRow } from './columns.js';
import type { AmountUnit } from './amounts.js';
import { columnLetter, nameIndex, namesAColumn, readHeader, settleUnits, unitOfRow, type ColumnMapping, type SheetHeader } from './sheet-header.js';
import { registerSchema, type RegisterInput } from './register-input.js';
import { acceptedValues } from './value-synonyms.js';
import { readXlsxRows, type SheetInfo } from './xlsx-rows.js';
import { csvRows } from './csv-rows.js';
import { ownedName, type RowOrgProblem, type RowOrgResolver } from './row-organisation.js';

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 50_000;
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

/** The text of a cell as a person sees it: a formula's cached value (its text =… when the file has none). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  // a typed 12.35 may be stored as 12.350000000000001: Excel shows 15 significant digits, and so do we
  if (typeof value === 'number') return !Number.isFinite(value) ? '' : Number.isInteger(value) ? value.toFixed(0) : String(Number(value.toPrecision(15)));
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const v = value as { richText?: { text: string }[]; formula?: string; sharedFormula?: string; text?: unknown; error?: string; result?: unknown };
  if (v.richText) return v.richText.map((r) => r.text).join('');
  // a formula reads as the value the file last computed for it (never evaluated here); without one, as its text
  if (v.formula !== undefined) return v.result !== undefined ? cellText(v.result) : `=${v.formula}`;
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
 * The register sheet's rows as text, one at a time (migration/xlsx-rows.ts: which sheet, merged cells); `info`
 * learns the sheet's name. An XLSX is a zip archive: what it inflates to is counted against `archiveLimits` before
 * a row of it is read (422 ARCHIVE_TOO_LARGE / ARCHIVE_SUSPICIOUS). A file the reader cannot make sense of (a
 * damaged XLSX, a CSV with an unclosed quote) is the client's: 400.
 */
export async function* readSheetRows(file: Buffer, format: SheetFormat, info: SheetInfo = {}, archiveLimits?: ArchiveLimits): AsyncGenerator<SheetRow> {
  try {
    yield* readRows(file, format, info, archiveLimits);
  } catch (err) {
    // the archive inspection's refusals as it words them; an archive it cannot open is a damaged workbook
    if (err instanceof InvalidInputError && err.params['reason'] !== 'unreadable') throw err;
    throw new InvalidInputError([{ path: 'file', code: 'import.unreadable' }], 'IMPORT_UNREADABLE');
  }
}

async function* readRows(file: Buffer, format: SheetFormat, info: SheetInfo, archiveLimits?: ArchiveLimits): AsyncGenerator<SheetRow> {
  if (format === 'xlsx') {
    yield* await readXlsxRows(file, cellText, MAX_SHEET_ROWS, info, archiveLimits);
    return;
  }
  const text = decodeCsv(file);
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const delimiter = (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? '\t' : ',';
  // every datum as the text it is (no guessing of numbers or dates: 0012 stays 0012)
  yield* csvRows(text, delimiter);
}

export interface ImportContext {
  locale: Locale;
  /** whose system each row is, from its 所属单位 cell (./row-organisation.ts) */
  rowOrg: RowOrgResolver;
}

export interface ParsedRegister {
  entries: { row: number; input: RegisterInput; orgId: string }[];
  skippedEmptyRows: number;
  problems: ImportProblem[];
  /** the header's rows (one or two) and what each column is read as; none when no header was found */
  headerRows: number[];
  mapping: ColumnMapping[];
  /** rows holding a system (good or not) */
  rowsRead: number;
  /** every row read well, even when other rows have problems (the preview checks their names against the register) */
  goodRows: { row: number; input: RegisterInput; orgId: string }[];
}

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

  let header: SheetHeader | null = null;
  const entries: ParsedRegister['entries'] = [];
  const firstRowOfName = new Map<string, number>();
  let skippedEmptyRows = 0;
  let dataRows = 0;
  let firstRow: SheetRow | null = null;
  /** the non-empty row just above the current one (a group row above the names, or a title) */
  let above: SheetRow | null = null;
  /** the row naming 系统名称, waiting for the next row to tell a one-row header from a two-row one */
  let pending: { upper: SheetRow | null; row: SheetRow } | null = null;
  /** a unit line (单位：万元) above the header or just below it */
  let declaredUnit: AmountUnit | undefined;
  let unitsSettled = false;

  const result = (): ParsedRegister => ({
    entries: problems.length ? [] : entries,
    skippedEmptyRows,
    problems,
    headerRows: header?.rows ?? [],
    mapping: header?.mapping ?? [],
    rowsRead: dataRows,
    goodRows: entries,
  });

  for await (const row of rows) {
    if (row.number > MAX_SHEET_ROWS) return { ...result(), entries: [], problems: [tooMany(row.number, locale)] };
    const empty = !row.cells.some((c) => c.trim() !== '');
    if (!header && pending) {
      // the row right below the names: the second header row when it names columns and has no system name
      const { upper, row: named } = pending;
      pending = null;
      const ni = nameIndex(named.cells);
      const under = (row.cells[ni] ?? '').trim();
      // under 系统名称: blank, or the name again where a merged cell spans both rows
      if (!empty && row.number === named.number + 1 && namesAColumn(row.cells) && (!under || nameIndex([under]) === 0)) {
        header = readHeader(named, row, locale, report);
        if (problems.length) return result();
        continue;
      }
      header = readHeader(upper, named, locale, report);
      if (problems.length) return result();
    }
    if (!header) {
      if (empty) {
        above = null;
        continue;
      }
      firstRow ??= row;
      declaredUnit = unitOfRow(row.cells) ?? declaredUnit;
      // the header is the first row naming the 系统名称 column; rows above it (a title, a group row) are passed over
      if (nameIndex(row.cells) >= 0) pending = { upper: above?.number === row.number - 1 ? above : null, row };
      else if (row.number - firstRow.number >= HEADER_SEARCH_ROWS - 1) {
        header = readHeader(null, firstRow, locale, report);
        if (problems.length) return result();
      }
      above = row;
      continue;
    }
    if (!unitsSettled) {
      // a unit line right below the header (单位：万元) is not a system
      const nameAt = header.columns.findIndex((c) => c?.key === 'name');
      const isUnitRow = !empty && unitOfRow(row.cells) !== undefined && !(row.cells[nameAt] ?? '').trim();
      if (isUnitRow) declaredUnit = unitOfRow(row.cells);
      settleUnits(header, declaredUnit);
      unitsSettled = true;
      if (isUnitRow) continue;
    }
    const cols = header.columns;
    const units = header.units;

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
      const parsed = column.parse!(raw, { unit: units.get(index) ?? '元' });
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
      return { ...result(), entries: [], problems: [...problems.slice(0, MAX_REPORTED_PROBLEMS - 1), tooMany(row.number, locale)] };
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
    const checked = registerSchema.safeParse(candidate, { reportInput: true });
    if (!checked.success) {
      const reported = new Set<string>();
      for (const issue of checked.error.issues) {
        const key = columnKeyOf(issue.path);
        if (reported.has(key)) continue;
        reported.add(key);
        const { code, params } = reasonOf(issue);
        report({ row: row.number, index: indexOf(key), column: columnByKey(key), code, params });
      }
      continue;
    }
    if ('problem' in owner) continue;
    const earlier = firstRowOfName.get(ownedName(owner.orgId, checked.data.name));
    if (earlier !== undefined) {
      report({ row: row.number, index: indexOf('name'), column: columnByKey('name'), code: 'import.duplicate_in_file', params: { name: checked.data.name, first: earlier } });
      continue;
    }
    firstRowOfName.set(ownedName(owner.orgId, checked.data.name), row.number);
    entries.push({ row: row.number, input: checked.data, orgId: owner.orgId });
  }

  if (!header && pending) header = readHeader(pending.upper, pending.row, locale, report);
  else if (!header && firstRow) header = readHeader(null, firstRow, locale, report);
  const found: SheetHeader | null = header;
  if (found && !unitsSettled) settleUnits(found, declaredUnit);
  if (!found) report({ row: 1, code: 'import.no_rows' });
  else if (!dataRows && !problems.length) report({ row: found.rows[found.rows.length - 1]! + 1, code: 'import.no_rows' });
  if (unreported) problems.push({ code: 'import.more_problems', line: problems[problems.length - 1]?.line ?? 1, message: t('import.more_problems', locale, { count: unreported }) });
  return result();
}

function tooMany(row: number, locale: Locale): ImportProblem {
  return { code: 'import.too_many_rows', line: row, message: t('import.too_many_rows', locale, { max: MAX_IMPORT_ROWS }) };
}

// ───────────────────────── writing: the template and the export ─────────────────────────

const SHEET_NAME: Record<Locale, string> = { 'zh-CN': '信息系统登记表', en: 'System register' };
const HINTS_SHEET: Record<Locale, string> = { 'zh-CN': '填写说明', en: 'How to fill it in' };
const ACCEPTED_SHEET: Record<Locale, string> = { 'zh-CN': '可接受的写法', en: 'Accepted spellings' };

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
  addAcceptedSheet(wb, locale);
  return fileOf(wb, format);
}

/** The sheet 可接受的写法: every spelling the import accepts for each fixed-value column, amounts' units and dates. */
function addAcceptedSheet(wb: ExcelJS.Workbook, locale: Locale) {
  const ws = wb.addWorksheet(ACCEPTED_SHEET[locale]);
  ws.addRow([t('export.hints.column', locale), t('export.accepted.value', locale), t('export.accepted.spellings', locale)]);
  ws.getRow(1).font = { bold: true };
  const separator = locale === 'en' ? ', ' : '、';
  for (const [key, values] of Object.entries(acceptedValues(locale))) {
    const header = columnByKey(key).header[locale];
    for (const v of values) ws.addRow([header, v.value, v.spellings.join(separator)]);
  }
  for (const c of IMPORT_COLUMNS.filter((x) => x.amount)) ws.addRow([c.header[locale], t('export.accepted.amounts', locale), t('export.accepted.amountsHow', locale)]);
  ws.addRow([columnByKey('launchedOn').header[locale], t('export.accepted.dates', locale), t('export.accepted.datesHow', locale)]);
  ws.columns.forEach((col, i) => (col.width = [20, 16, 90][i] ?? 12));
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
