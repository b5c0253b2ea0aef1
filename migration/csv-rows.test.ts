// The CSV splitter of the import reads files as exceljs' reader (fast-csv) did before it: the same rows, with the
// same numbers, and the same files refused.
import { describe, expect, it } from 'vitest';
import { csvRows } from './csv-rows.js';
import { readSheetRows } from './spreadsheet.js';

const rows = (text: string, delimiter = ',') => csvRows(text, delimiter).map((r) => [r.number, ...r.cells]);

describe('csvRows', () => {
  it('splits quoted fields as RFC 4180 has them', () => {
    expect(rows('"A,1",b,"say ""hi"""\n"two\nlines",x')).toEqual([
      [1, 'A,1', 'b', 'say "hi"'],
      // a line break inside quotes is text; the next record is the next row
      [2, 'two\nlines', 'x'],
    ]);
    expect(rows('a,"b",\n"",""')).toEqual([
      [1, 'a', 'b', ''],
      [2, '', ''],
    ]);
  });

  it('ends rows at CRLF, LF or CR, and keeps the numbers of the lines it passes over', () => {
    expect(rows('a,b\r\nc\rd\n\n   \ne\r\n')).toEqual([
      [1, 'a', 'b'],
      [2, 'c'],
      [3, 'd'],
      // an empty line and one of white space only are no rows, but count
      [6, 'e'],
    ]);
    // a row of empty cells is a row (the importer counts it as an empty row skipped)
    expect(rows('a\n,,\nb')).toEqual([
      [1, 'a'],
      [2, '', '', ''],
      [3, 'b'],
    ]);
  });

  it('keeps blanks inside unquoted cells, passes over those around quotes and a leading byte-order mark', () => {
    expect(rows(' a , b ')).toEqual([[1, ' a ', ' b ']]);
    expect(rows('  "a"  , b')).toEqual([[1, 'a', ' b']]);
    expect(rows('\u3000"a",b')).toEqual([[1, 'a', 'b']]);
    expect(rows('\ufeffa,b')).toEqual([[1, 'a', 'b']]);
    expect(rows('a"b,c')).toEqual([[1, 'a"b', 'c']]);
  });

  it('splits at tabs when told so', () => {
    expect(rows('a,b\tc\t\n\t', '\t')).toEqual([
      [1, 'a,b', 'c', ''],
      [2, '', ''],
    ]);
  });

  it('refuses a quote left open or text after a closing quote', () => {
    expect(() => csvRows('a,"b\nc', ',')).toThrow();
    expect(() => csvRows('"a"b,c', ',')).toThrow();
  });

  it('makes such a file the client’s: 400 IMPORT_UNREADABLE', async () => {
    const read = async () => {
      for await (const _ of readSheetRows(Buffer.from('系统名称,业务用途\n"open,用途\n'), 'csv')) void _;
    };
    await expect(read()).rejects.toMatchObject({ code: 'IMPORT_UNREADABLE', status: 400 });
  });
});
