// Downloading a list export through the API and reading it back as a person would open it: the first sheet's
// header row and its data rows (cell values), and the file name the browser would save it under.
import ExcelJS from 'exceljs';
import type { TestPlatform } from './platform.js';

export interface Sheet {
  status: number;
  fileName: string;
  sheetName: string;
  header: unknown[];
  rows: unknown[][];
}

/** GET `path` as `user` (null: the public, signed out) and read the XLSX it answers (status only when it is not 200). */
export async function downloadSheet(t: TestPlatform, user: string | null, path: string, query: Record<string, string | number | boolean> = {}): Promise<Sheet> {
  const res = await t.http
    .get(path)
    .query(query)
    .set(user ? await t.as(user) : {})
    .buffer(true)
    .parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
  if (res.status !== 200) return { status: res.status, fileName: '', sheetName: '', header: [], rows: [] };
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.body as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const values = (row: unknown) => ((row as unknown[] | undefined) ?? []).slice(1);
  const all = ws.getSheetValues();
  const disposition = String(res.headers['content-disposition'] ?? '');
  return {
    status: 200,
    fileName: decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1] ?? ''),
    sheetName: ws.name,
    header: values(all[1]),
    rows: all.slice(2).filter(Boolean).map(values),
  };
}
