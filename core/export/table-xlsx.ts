// A list as a spreadsheet, in the columns the console shows: one or more sheets, a bold frozen header, text cells
// that a spreadsheet program would run as formulas neutralised (CSV/formula injection). Every list export uses it.
import ExcelJS from 'exceljs';

/** Spreadsheet programs run cells that start with these as formulas. */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export interface TableColumn {
  header: string;
  /** in characters */
  width?: number;
  /** e.g. '#,##0.00' for amounts */
  numFmt?: string;
}

export type TableCell = string | number | Date | null | undefined;

export interface TableSheet {
  name: string;
  columns: TableColumn[];
  rows: TableCell[][];
}

/** An instant as people in Yuncheng read it in an export: Asia/Shanghai, to the second or to the minute. */
export function shanghaiTime(at: Date | string | null, precision: 'second' | 'minute' = 'second'): string {
  if (at === null) return '';
  const text = new Date(new Date(at).getTime() + 8 * 3600_000).toISOString().replace('T', ' ');
  return text.slice(0, precision === 'second' ? 19 : 16);
}

const cell = (v: TableCell) => (typeof v === 'string' ? neutraliseCell(v) : (v ?? ''));

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
const sheetName = (name: string) => name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);

export async function tableXlsx(sheets: TableSheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Zhengyun';
  for (const s of sheets) {
    const ws = wb.addWorksheet(sheetName(s.name));
    ws.addRow(s.columns.map((c) => c.header));
    ws.getRow(1).font = { bold: true };
    for (const row of s.rows) ws.addRow(row.map(cell));
    s.columns.forEach((c, i) => {
      const col = ws.getColumn(i + 1);
      col.width = c.width ?? 14;
      if (c.numFmt) col.numFmt = c.numFmt;
    });
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
