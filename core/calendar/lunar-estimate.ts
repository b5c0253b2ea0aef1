// An estimate of the days off (放假) of a year whose State Council holiday notice is not yet published, pure and
// time-zone-proof like working-days.ts.
//
// The lunar calendar comes from the `chinese-days` package (the same one that carries the published schedules), but
// only through its two pure table look-ups `monthDays(year, month)` and `getYearLeapMonth(year)`: its date-returning
// helpers (getSolarDateFromLunar, getSolarTermDate) parse dates as UTC and format them in the process's local time
// zone, so on a host west of UTC they answer a day early (2027-02-07 instead of 2027-02-06 for Spring Festival under
// TZ=America/New_York). From the month lengths we count days ourselves from lunar 1900-01-01 = 1900-01-31.
//
// What is estimated, following the holiday law (全国年节及纪念日放假办法) and how the notices of recent years lay
// the days out:
//   元旦 Jan 1; 春节 New Year's Eve (除夕) through the 6th day of the first lunar month (7 days; recent notices give
//   7–9); 清明 the day of the solar term (Apr 4 or 5); 劳动节 May 1–5; 端午 lunar 5/5; 中秋 lunar 8/15; 国庆 Oct 1–7,
//   joined with Mid-Autumn into 8 days when the two meet (as in 2012, 2017, 2020, 2023, 2025).
// Make-up working days (调休上班) CANNOT be estimated: they depend on how the State Council bridges the weekends
// each year, so an estimated year has no weekend working days and single-day holidays are not stretched into
// three-day weekends. Counts over an estimated year are therefore slightly off; every deadline computed with it stays
// provisional and is recomputed when the year's schedule is loaded (calendar/schedules.ts).
import chineseDays from 'chinese-days';

const DAY_MS = 86_400_000;

function dayNumberOf(y: number, m: number, d: number): number {
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  return Math.round(t.getTime() / DAY_MS);
}

/** First and last solar year whose lunar new year the library's table knows (1900–2100). */
export const LUNAR_RANGE = Object.freeze({ first: 1901, last: 2099 });

/** Day number of lunar 1900-01-01 (1900-01-31), the base of the library's table. */
const LUNAR_BASE = dayNumberOf(1900, 1, 31);

function leapOf(lunarYear: number): { month: number; days: number } {
  const leap = chineseDays.getYearLeapMonth(lunarYear);
  return { month: leap.leapMonth ?? 0, days: leap.days };
}

function lunarYearLength(lunarYear: number): number {
  let days = leapOf(lunarYear).days;
  for (let m = 1; m <= 12; m++) days += chineseDays.monthDays(lunarYear, m);
  return days;
}

const newYearCache = new Map<number, number>();

/** Day number of the first day of the (non-leap) lunar year `lunarYear`. */
function lunarNewYear(lunarYear: number): number {
  const cached = newYearCache.get(lunarYear);
  if (cached !== undefined) return cached;
  let day = LUNAR_BASE;
  for (let y = 1900; y < lunarYear; y++) day += lunarYearLength(y);
  newYearCache.set(lunarYear, day);
  return day;
}

/** Day number of lunar month/day (not the leap month) of lunar year `lunarYear`. */
export function lunarToDayNumber(lunarYear: number, month: number, day: number): number {
  const leap = leapOf(lunarYear);
  let n = lunarNewYear(lunarYear);
  for (let m = 1; m < month; m++) {
    n += chineseDays.monthDays(lunarYear, m);
    if (m === leap.month) n += leap.days; // the leap month follows the month it repeats
  }
  return n + day - 1;
}

/**
 * Day of April of 清明 (the solar term "pure brightness") in a year of the 21st century, by the usual formula
 * [Y·0.2422 + C] − [Y/4] with C = 4.81 (the constant chinese-days itself uses; it lists no exception for this term).
 */
export function qingmingDay(year: number): number {
  const y = year % 100;
  return Math.floor(y * 0.2422 + 4.81) - Math.floor(y / 4);
}

export interface EstimatedHoliday {
  /** day number (days since 1970-01-01) */
  day: number;
  name: { 'zh-CN': string; en: string };
}

/** The estimated days off of solar year `year` (2001–2099), without make-up working days (see the header). */
export function estimateHolidays(year: number): EstimatedHoliday[] {
  if (year < 2001 || year > LUNAR_RANGE.last) return [];
  const out = new Map<number, EstimatedHoliday['name']>();
  const add = (from: number, count: number, zh: string, en: string) => {
    for (let i = 0; i < count; i++) if (!out.has(from + i)) out.set(from + i, { 'zh-CN': zh, en });
  };
  add(dayNumberOf(year, 1, 1), 1, '元旦', "New Year's Day");
  // Spring Festival of the lunar year that starts in this solar year: the eve and the first six days
  const spring = lunarToDayNumber(year, 1, 1);
  add(spring - 1, 7, '春节', 'Spring Festival');
  add(dayNumberOf(year, 4, qingmingDay(year)), 1, '清明节', 'Qingming Festival');
  add(dayNumberOf(year, 5, 1), 5, '劳动节', 'Labour Day');
  add(lunarToDayNumber(year, 5, 5), 1, '端午节', 'Dragon Boat Festival');
  const midAutumn = lunarToDayNumber(year, 8, 15);
  const national = dayNumberOf(year, 10, 1);
  if (midAutumn >= national - 2 && midAutumn <= national + 7) {
    // they meet: eight days from the earlier of the two (2012, 2017, 2020, 2023, 2025 were laid out so)
    add(Math.min(midAutumn, national), 8, '国庆节、中秋节', 'National Day and Mid-autumn Festival');
  } else {
    add(midAutumn, 1, '中秋节', 'Mid-autumn Festival');
    add(national, 7, '国庆节', 'National Day');
  }
  return [...out].map(([day, name]) => ({ day, name })).sort((a, b) => a.day - b.day);
}
