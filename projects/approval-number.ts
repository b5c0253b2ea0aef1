// Approval numbers (立项批复文号) as the approval authority gives them: 运审信〔2026〕007号, numbered afresh each year.
// The approver may type the number of a paper reply instead; a number of this form typed by hand moves the year's
// numbering past it, so the next number given out does not collide with it.
import type { LocalDate } from '../core/calendar/working-days.js';
import { numberTaken, takeNumbers } from '../core/db/counters.js';
import type { Tx } from '../core/db/database.js';

const FORM = /^运审信〔(\d{4})〕(\d+)号$/;
const numbering = (year: string) => `approval-number:${year}`;

export async function approvalNumberFor(tx: Tx, today: LocalDate, typed: string | undefined): Promise<string> {
  if (typed !== undefined) {
    const m = FORM.exec(typed);
    if (m) await numberTaken(tx, numbering(m[1]!), Number(m[2]));
    return typed;
  }
  const year = today.slice(0, 4);
  return `运审信〔${year}〕${String(await takeNumbers(tx, numbering(year))).padStart(3, '0')}号`;
}
