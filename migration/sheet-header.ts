// The header of a register sheet as offices lay it out: one row of column names, or two — a group row (基本信息,
// 迁移计划 …, often merged over several columns) above the names, with the columns outside a group named in the
// upper row and merged down. Each column's name is the lower row's cell, or, where that is blank, the upper row's
// when it names a column; group labels are passed over. Amount units come from the header or a unit line.
import type { Locale } from '../core/i18n.js';
import { unitDeclaredIn, type AmountUnit, type UnitSource } from './amounts.js';
import { IMPORT_COLUMNS, matchHeader, normaliseHeader, type RegisterColumn } from './columns.js';
import { IGNORED_HEADERS } from './header-synonyms.js';

const IGNORED = new Set(IGNORED_HEADERS.map(normaliseHeader));

export interface HeaderRow {
  number: number;
  cells: string[];
}

/** What one column of the sheet is read as: the preview shows these. */
export interface ColumnMapping {
  /** the sheet's column letter */
  cell: string;
  /** the header as the sheet has it */
  header: string;
  /** the register field it fills; null: not read (a column the import does not take, or an unknown one) */
  field: string | null;
  /** the field's name in the template */
  label: string | null;
  /** for an amount: the unit its cells are read in, and what said so */
  unit?: AmountUnit;
  unitSource?: UnitSource;
}

export interface SheetHeader {
  /** the header's rows (one or two) */
  rows: number[];
  /** the importable column under each cell (null: ignored) */
  columns: (RegisterColumn | null)[];
  mapping: ColumnMapping[];
  /** amount columns' units by cell index, once settled */
  units: Map<number, AmountUnit>;
}

export interface HeaderProblem {
  row: number;
  index?: number;
  column?: RegisterColumn;
  code: string;
  params?: Record<string, string | number>;
}

export const columnLetter = (index: number): string => {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
};

/** Whether a row names at least one register column. */
export const namesAColumn = (cells: string[]) => cells.some((c) => c.trim() !== '' && matchHeader(c) !== undefined);

/** The cell index of the 系统名称 column in a row, or -1. */
export const nameIndex = (cells: string[]) => cells.findIndex((c) => c.trim() !== '' && matchHeader(c)?.column.key === 'name');

/** A unit line (单位：万元) in a row, if any. */
export const unitOfRow = (cells: string[]): AmountUnit | undefined => {
  for (const c of cells) {
    const u = c.trim() ? unitDeclaredIn(c) : undefined;
    if (u) return u;
  }
  return undefined;
};

/**
 * Reads a header of one row (`upper` null) or two. Unknown names in the (lower) header row, repeated columns and
 * missing required ones are problems.
 */
export function readHeader(upper: HeaderRow | null, lower: HeaderRow, locale: Locale, report: (p: HeaderProblem) => void): SheetHeader {
  const width = Math.max(lower.cells.length, upper?.cells.length ?? 0);
  const columns: (RegisterColumn | null)[] = [];
  const mapping: ColumnMapping[] = [];
  const headerUnits = new Map<number, AmountUnit>();
  const seen = new Set<string>();
  for (let index = 0; index < width; index++) {
    const low = (lower.cells[index] ?? '').trim();
    const up = (upper?.cells[index] ?? '').trim();
    let text = low;
    let row = lower.number;
    let match = low ? matchHeader(low) : undefined;
    if (!low && up && upper) {
      match = matchHeader(up);
      if (match || IGNORED.has(normaliseHeader(up))) [text, row] = [up, upper.number];
    }
    if (!text) {
      columns.push(null);
      continue;
    }
    if (!match && IGNORED.has(normaliseHeader(text))) {
      columns.push(null);
      mapping.push({ cell: columnLetter(index), header: text, field: null, label: null });
      continue;
    }
    if (!match) {
      report({ row, index, code: 'import.header_unknown', params: { header: text } });
      columns.push(null);
      mapping.push({ cell: columnLetter(index), header: text, field: null, label: null });
      continue;
    }
    const { column, unit } = match;
    if (seen.has(column.key)) {
      report({ row, index, column, code: 'import.header_duplicate', params: { header: text } });
      columns.push(null);
      continue;
    }
    seen.add(column.key);
    columns.push(column.importable ? column : null);
    if (unit && column.amount) headerUnits.set(index, unit);
    mapping.push({ cell: columnLetter(index), header: text, field: column.importable ? column.key : null, label: column.header[locale] });
  }
  for (const c of IMPORT_COLUMNS) if (c.required && !seen.has(c.key)) report({ row: lower.number, column: c, code: 'import.header_missing' });
  return { rows: upper ? [upper.number, lower.number] : [lower.number], columns, mapping, units: headerUnits };
}

/** Settles each amount column's unit: its header's, else the unit line's, else 元 (the template's). */
export function settleUnits(header: SheetHeader, declared: AmountUnit | undefined): void {
  header.columns.forEach((column, index) => {
    if (!column?.amount) return;
    const fromHeader = header.units.get(index);
    const unit = fromHeader ?? declared ?? '元';
    header.units.set(index, unit);
    const entry = header.mapping.find((m) => m.cell === columnLetter(index));
    if (entry) Object.assign(entry, { unit, unitSource: fromHeader ? 'header' : declared ? 'unitRow' : 'default' });
  });
}
