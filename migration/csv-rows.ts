// A register CSV split into rows of text, in one pass over the decoded string: what exceljs' CSV reader (fast-csv
// into a whole Worksheet of Cell objects) made of it, at a fraction of its cost for a 5,000-row import (the rows are
// text for the importer anyway: no number or date guessing). Quoted fields as RFC 4180 has them ("" inside quotes is
// one quote, delimiters and line breaks inside quotes are text); blanks before an opening quote and after a closing
// one are passed over; rows end at \r\n, \n or \r; a line of white space only is no row, and the rows keep the number
// their line has in the file, as a spreadsheet program would show it. A quote left open, or text
// after a closing quote, is an unreadable file (the caller answers 400).
import type { TextRow } from './xlsx-rows.js';

const QUOTE = 34;
const CR = 13;
const LF = 10;
const WHITE = /\s/;

export class CsvSyntaxError extends Error {}

/** The rows of `text`, fields split at `delimiter` (',' or '\t'). */
export function csvRows(text: string, delimiter: string): TextRow[] {
  const sep = delimiter.charCodeAt(0);
  /** white space as JavaScript's \s has it (the ideographic space, a stray byte-order mark), never the delimiter */
  const isBlank = (c: number) => c !== sep && c !== CR && c !== LF && (c === 32 || c === 9 || c === 11 || c === 12 || (c > 127 && WHITE.test(String.fromCharCode(c))));
  const rows: TextRow[] = [];
  const n = text.length;
  // a byte-order mark left at the start (decoded from GB18030, or doubled) is not part of the first cell
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let number = 0;
  while (i < n) {
    number++;
    // a line of nothing but white space is no row
    let k = i;
    while (k < n && isBlank(text.charCodeAt(k))) k++;
    if (k === n || text.charCodeAt(k) === CR || text.charCodeAt(k) === LF) {
      i = k === n ? n : k + (text.charCodeAt(k) === CR && text.charCodeAt(k + 1) === LF ? 2 : 1);
      continue;
    }
    const cells: string[] = [];
    // one row: fields until a line break (outside quotes) or the end
    for (;;) {
      let start = i;
      // blanks before an opening quote belong to no field
      while (start < n && isBlank(text.charCodeAt(start))) start++;
      let value: string;
      if (start < n && text.charCodeAt(start) === QUOTE) {
        let j = start + 1;
        let parts = '';
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) throw new CsvSyntaxError(`unclosed quote in row ${number}`);
          if (text.charCodeAt(q + 1) === QUOTE) {
            parts += text.slice(j, q + 1);
            j = q + 2;
            continue;
          }
          value = parts + text.slice(j, q);
          i = q + 1;
          break;
        }
        while (i < n && isBlank(text.charCodeAt(i))) i++;
        if (i < n) {
          const c = text.charCodeAt(i);
          if (c !== sep && c !== CR && c !== LF) throw new CsvSyntaxError(`text after a closing quote in row ${number}`);
        }
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === sep || c === CR || c === LF) break;
          j++;
        }
        value = text.slice(i, j);
        // a row's first field of white space only reads as empty (as fast-csv, exceljs' reader, had it)
        if (!cells.length && start === j) value = '';
        i = j;
      }
      cells.push(value);
      if (i < n && text.charCodeAt(i) === sep) {
        i++;
        continue;
      }
      // end of the row
      const c = text.charCodeAt(i);
      if (c === CR) i += text.charCodeAt(i + 1) === LF ? 2 : 1;
      else if (c === LF) i++;
      break;
    }
    rows.push({ number, cells });
  }
  return rows;
}
