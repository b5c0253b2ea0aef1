// State Council holiday schedules to load in tests (test data: the 2027 notice is not published yet).
import type { LocalDate } from '../../core/calendar/working-days.js';

const dd = (n: number) => String(n).padStart(2, '0');

/**
 * 2027 as a table (`YYYY-MM-DD,休|班,名称`): Spring Festival off Fri 02-05 … Sat 02-13 (the estimate has Thu 02-04 …
 * Thu 02-11 as the eve through the 6th day, i.e. 02-05 … 02-11), make-up Saturday 02-20.
 */
export const TABLE_2027 = [
  '# 国务院办公厅关于2027年部分节假日安排的通知',
  '2027-01-01,休,元旦',
  '2027-01-02,休,元旦',
  '2027-01-03,休,元旦',
  ...[5, 6, 7, 8, 9, 10, 11, 12, 13].map((d) => `2027-02-${dd(d)},休,春节`),
  '2027-02-20,班,春节',
  '2027-04-03,休,清明节',
  '2027-04-04,休,清明节',
  '2027-04-05,休,清明节',
  ...[1, 2, 3, 4, 5].map((d) => `2027-05-${dd(d)},休,劳动节`),
  '2027-06-09,休,端午节',
  '2027-09-15,休,中秋节',
  ...[1, 2, 3, 4, 5, 6, 7].map((d) => `2027-10-${dd(d)},休,国庆节`),
  '2027-10-09,班,国庆节',
].join('\n');

/**
 * A rectification notice received Thu 2027-01-28 (10 working days, Art. 24): with the estimate due Thu 2027-02-18
 * (Jan 29, Feb 1–4, then Feb 12 and 15–18); with TABLE_2027 due Fri 2027-02-19 (Jan 29, Feb 1–4, Feb 15–19).
 */
export const RECTIFIED_ON: LocalDate = '2027-01-28';
export const DUE_ESTIMATED: LocalDate = '2027-02-18';
export const DUE_PUBLISHED: LocalDate = '2027-02-19';
