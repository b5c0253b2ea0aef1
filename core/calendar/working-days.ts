// The working-day calendar (工作日历), pure: no I/O, no clock, no dependence on the process time zone.
//
// Deadlines in this product are counted in Chinese working days (工作日) as the State Council's yearly holiday
// notice (国务院办公厅关于某年部分节假日安排的通知) defines them: public holidays are days off even on a weekday,
// and make-up working days (调休上班) are working days even on a Saturday or Sunday. A plain Monday–Friday count
// is wrong (DOMAIN.md, "After approval: filings and deadlines").
//
// Source of the schedule: the `chinese-days` npm package. We read its published data table
// `chinese-days/dist/chinese-days.json` ({ holidays, workdays, inLieuDays }, keyed by 'YYYY-MM-DD'; documented in
// its README) rather than calling its isWorkday()/findWorkday(): those build their tables and read weekdays in the
// *process's local time zone* while parsing 'YYYY-MM-DD' as UTC, so on a host west of UTC (e.g. TZ=America/New_York)
// they report 2026-02-14 (a make-up Saturday) as a day off. The JSON table is the same data (identical to
// isWorkday() under TZ=UTC for every day 2004–2026) without that hazard.
//
// Coverage: the library knows the years whose notice it carries (2004–2026 in chinese-days 1.5.7). For any date
// outside those years we THROW a CalendarCoverageError instead of silently counting Monday–Friday (which is what
// the library itself would do): a wrong deadline is worse than a loud failure. When the State Council publishes the
// next year's notice (usually in November), update the `chinese-days` package. `CALENDAR_COVERAGE` tells callers
// (health checks, UI) how far the calendar reaches. Caveat: a next-year notice occasionally also moves the last
// days of December of the covered year (e.g. the 2012 notice made Saturday 2011-12-31 a working day); such a change
// only shows up once the library ships that year.
import type { Locale } from '../i18n.js';
import schedule from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

/** A calendar date in Asia/Shanghai, 'YYYY-MM-DD' (e.g. '2026-02-14'). Not an instant: no time, no zone. */
export type LocalDate = `${number}-${number}-${number}`;

const DAY_MS = 86_400_000;
/** Asia/Shanghai has been UTC+8 all year (no daylight saving) since 1991. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const LOCAL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

// ---------------------------------------------------------------------------------------------------------------
// LocalDate <-> day number (days since 1970-01-01), computed in UTC so that no local time zone is involved.

function dayNumberOf(y: number, m: number, d: number): number {
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  return Math.round(t.getTime() / DAY_MS);
}

function formatDay(day: number): LocalDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10) as LocalDate;
}

/** Sunday = 0 … Saturday = 6; 1970-01-01 was a Thursday. */
function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Day number of a valid 'YYYY-MM-DD' string, or undefined when the string is not a real calendar date. */
function tryDayNumber(s: string): number | undefined {
  const m = LOCAL_DATE_RE.exec(s);
  if (!m) return undefined;
  const day = dayNumberOf(Number(m[1]), Number(m[2]), Number(m[3]));
  return formatDay(day) === s ? day : undefined; // rejects 2026-02-30, 2026-13-01, …
}

export function isLocalDate(s: unknown): s is LocalDate {
  return typeof s === 'string' && tryDayNumber(s) !== undefined;
}

/** Validates a string (e.g. from a request or the database) as a LocalDate; throws a RangeError otherwise. */
export function parseLocalDate(s: string): LocalDate {
  if (!isLocalDate(s)) throw new RangeError(`Invalid LocalDate ${JSON.stringify(s)}: expected a real date as YYYY-MM-DD`);
  return s;
}

function dayNumber(d: LocalDate): number {
  const day = typeof d === 'string' ? tryDayNumber(d) : undefined;
  if (day === undefined) throw new RangeError(`Invalid LocalDate ${JSON.stringify(d)}: expected a real date as YYYY-MM-DD`);
  return day;
}

/** The calendar date in Asia/Shanghai of an instant: 2026-01-01T17:00:00Z is 2026-01-02 01:00 in Shanghai. */
export function toShanghaiDate(instant: Date): LocalDate {
  const t = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (!Number.isFinite(t)) throw new RangeError('toShanghaiDate: not a valid Date');
  const s = new Date(t + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
  if (!LOCAL_DATE_RE.test(s)) throw new RangeError(`toShanghaiDate: year out of range (${s})`);
  return s as LocalDate;
}

// ---------------------------------------------------------------------------------------------------------------
// The schedule table, built once at load from the library's data.

interface ScheduleData {
  holidays: Readonly<Record<string, string>>;
  workdays: Readonly<Record<string, string>>;
}

/** Years whose State Council notice the library carries: those listing both Spring Festival and National Day. */
function coveredYears(data: ScheduleData): { first: number; last: number } {
  const seen = new Map<number, { spring: boolean; national: boolean }>();
  for (const [date, name] of Object.entries(data.holidays)) {
    const year = Number(date.slice(0, 4));
    const y = seen.get(year) ?? { spring: false, national: false };
    if (name.startsWith('Spring Festival')) y.spring = true;
    if (name.startsWith('National Day')) y.national = true;
    seen.set(year, y);
  }
  const complete = [...seen].filter(([, y]) => y.spring && y.national).map(([year]) => year);
  if (complete.length === 0) {
    throw new Error('chinese-days: no State Council holiday schedule found in chinese-days/dist/chinese-days.json');
  }
  const first = Math.min(...complete);
  const last = Math.max(...complete);
  for (let year = first; year <= last; year++) {
    if (!complete.includes(year)) throw new Error(`chinese-days: the holiday schedule for ${year} is missing`);
  }
  return { first, last };
}

function buildTable(data: ScheduleData) {
  const { first, last } = coveredYears(data);
  const firstDay = dayNumberOf(first, 1, 1);
  const lastDay = dayNumberOf(last, 12, 31);
  const size = lastDay - firstDay + 1;
  const working = new Uint8Array(size);
  for (let i = 0; i < size; i++) {
    const wd = weekdayOf(firstDay + i);
    working[i] = wd >= 1 && wd <= 5 ? 1 : 0;
  }
  const mark = (entries: Readonly<Record<string, string>>, value: 0 | 1) => {
    for (const date of Object.keys(entries)) {
      const day = tryDayNumber(date);
      if (day === undefined) throw new Error(`chinese-days: malformed date ${JSON.stringify(date)} in its schedule`);
      if (day >= firstDay && day <= lastDay) working[day - firstDay] = value;
    }
  };
  mark(data.holidays, 0); // 放假: a day off, even Monday–Friday
  mark(data.workdays, 1); // 调休上班: a working day, even Saturday or Sunday
  // prefix[i] = working days among the first i days of the table; so working days in (a, b] = prefix(b+1) − prefix(a+1)
  const prefix = new Int32Array(size + 1);
  for (let i = 0; i < size; i++) prefix[i + 1] = prefix[i]! + working[i]!;
  return { firstDay, lastDay, working, prefix };
}

const TABLE = buildTable(schedule as ScheduleData);

/** The dates the calendar can answer for (inclusive). Outside them every function throws CalendarCoverageError. */
export const CALENDAR_COVERAGE: Readonly<{ from: LocalDate; to: LocalDate }> = Object.freeze({
  from: formatDay(TABLE.firstDay),
  to: formatDay(TABLE.lastDay),
});

/** A date lies outside the years whose State Council holiday schedule the installed `chinese-days` carries. */
export class CalendarCoverageError extends RangeError {
  readonly code = 'CALENDAR_NOT_COVERED';
  readonly coveredFrom = CALENDAR_COVERAGE.from;
  readonly coveredTo = CALENDAR_COVERAGE.to;
  constructor(
    readonly date: LocalDate,
    detail?: string,
  ) {
    super(
      `No State Council holiday schedule for ${date}${detail ? ` (${detail})` : ''}: the working-day calendar covers ` +
        `${CALENDAR_COVERAGE.from} to ${CALENDAR_COVERAGE.to} (npm package chinese-days). Refusing to fall back to a ` +
        `Monday–Friday count; update chinese-days once that year's schedule is published.`,
    );
    this.name = 'CalendarCoverageError';
  }
}

/** Index of a date in the table, throwing CalendarCoverageError outside it. */
function indexOf(d: LocalDate, detail?: string): number {
  const day = dayNumber(d);
  if (day < TABLE.firstDay || day > TABLE.lastDay) throw new CalendarCoverageError(d, detail);
  return day - TABLE.firstDay;
}

/** Working days from the start of the table up to and including index i. */
function countThrough(i: number): number {
  return TABLE.prefix[i + 1]!;
}

// ---------------------------------------------------------------------------------------------------------------
// The working-day functions.

/** Whether d is a working day: Monday–Friday unless a public holiday, or a weekend make-up working day (调休上班). */
export function isWorkingDay(d: LocalDate): boolean {
  return TABLE.working[indexOf(d)] === 1;
}

/**
 * The Nth working day after `start`.
 *
 * Rule for "within N working days of X" (X 之日起 N 个工作日内): the deadline is the Nth working day AFTER X. X itself
 * is never counted, whether or not X is a working day; counting starts the next calendar day and the deadline is
 * always a working day (the filing is on time when made on the deadline itself).
 * Example (Art. 13, 5 working days): a contract signed on Thursday 2026-02-12, just before Spring Festival 2026
 * (days off Sun 02-15 … Mon 02-23; make-up working days Sat 02-14 and Sat 02-28), counts
 *   Fri 02-13 (1), Sat 02-14 (2, make-up day), Tue 02-24 (3), Wed 02-25 (4), Thu 02-26 (5)  →  due 2026-02-26,
 * where a Monday–Friday count would give Thu 2026-02-19, in the middle of the holiday.
 *
 * n must be a non-negative integer; n = 0 returns `start` unchanged. Throws CalendarCoverageError when `start` or
 * the deadline falls outside CALENDAR_COVERAGE.
 */
export function addWorkingDays(start: LocalDate, n: number): LocalDate {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`addWorkingDays: n must be a non-negative integer, got ${String(n)}`);
  }
  let i = indexOf(start);
  let left = n;
  while (left > 0) {
    i++;
    if (i >= TABLE.working.length) {
      throw new CalendarCoverageError(formatDay(TABLE.lastDay + 1), `${n} working days after ${start}`);
    }
    if (TABLE.working[i] === 1) left--;
  }
  return formatDay(TABLE.firstDay + i);
}

/**
 * Signed count of working days after `from` up to and including `to`; negative when `to` is before `from`
 * (then minus the working days after `to` up to and including `from`). So workingDaysBetween(x, x) === 0,
 * workingDaysBetween(a, b) === -workingDaysBetween(b, a), and workingDaysBetween(x, addWorkingDays(x, n)) === n.
 */
export function workingDaysBetween(from: LocalDate, to: LocalDate): number {
  const a = indexOf(from);
  const b = indexOf(to);
  return countThrough(b) - countThrough(a) || 0; // `|| 0` turns −0 into 0
}

/**
 * How a deadline stands on `today`. workingDays: working days left until `due` (today not counted, `due` counted;
 * 0 on the due date itself; negative = working days elapsed since `due`). overdue: `today` is after `due`
 * (a filing made on the due date is on time). On a weekend right after a Friday deadline: { 0, overdue: true }.
 */
export function daysLeft(due: LocalDate, today: LocalDate): { workingDays: number; overdue: boolean } {
  const workingDays = workingDaysBetween(today, due);
  return { workingDays, overdue: dayNumber(today) > dayNumber(due) };
}

/** daysLeft, with workingDays null where the calendar does not cover the span (overdue is still known). */
export function daysLeftIfCovered(due: LocalDate, today: LocalDate): { workingDays: number | null; overdue: boolean } {
  try {
    return daysLeft(due, today);
  } catch {
    return { workingDays: null, overdue: today > due };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Deadline rules of 运城市市级政务信息化项目建设应用管理规定 (运政办发〔2021〕7号).

export type Label = Readonly<Record<Locale, string>>;

/** A deadline the regulation sets, in working days from an event (the event's date itself is not counted). */
export interface DeadlineRule {
  /** stable code, stored with every computed deadline */
  readonly code: string;
  readonly workingDays: number;
  /** the article that sets it, as the regulation writes it, e.g. '第十三条' */
  readonly article: string;
  /** what must be done by the deadline */
  readonly label: Label;
  /** the event the count starts from */
  readonly from: Label;
}

/** A computed deadline together with the rule that produced it, ready to store (plain JSON). */
export interface ComputedDeadline {
  due: LocalDate;
  rule: { code: string; workingDays: number; article: string };
  /**
   * true when the deadline falls past the last year whose State Council schedule is published: it is then an
   * estimate (see `estimateBeyondCoverage`) to be recomputed once `chinese-days` carries that year.
   */
  provisional: boolean;
}

/** Fixed-date statutory holidays (全国年节及纪念日放假办法): the only days off known before a year's notice. */
const FIXED_HOLIDAYS = new Set(['01-01', '05-01', '05-02', '10-01', '10-02', '10-03']);

/**
 * The Nth working day after `start` where the count runs past CALENDAR_COVERAGE: inside the coverage the official
 * schedule counts; beyond it Monday–Friday minus the fixed-date statutory holidays. Lunar holidays and make-up days
 * of an unpublished year cannot be known, so the result is marked provisional by computeDeadline.
 */
export function estimateBeyondCoverage(start: LocalDate, n: number): LocalDate {
  let day = dayNumber(start);
  let left = n;
  while (left > 0) {
    day++;
    const date = formatDay(day);
    const working =
      day <= TABLE.lastDay && day >= TABLE.firstDay
        ? TABLE.working[day - TABLE.firstDay] === 1
        : weekdayOf(day) >= 1 && weekdayOf(day) <= 5 && !FIXED_HOLIDAYS.has(date.slice(5));
    if (working) left--;
  }
  return formatDay(day);
}

/** Art. 13: file the formal contract text within 5 working days of signing it. */
export const CONTRACT_FILING = Object.freeze({
  code: 'CONTRACT_FILING',
  workingDays: 5,
  article: '第十三条',
  label: Object.freeze({ 'zh-CN': '合同文本备案', en: 'File the signed contract' }),
  from: Object.freeze({ 'zh-CN': '签订正式合同', en: 'signing of the formal contract' }),
} as const satisfies DeadlineRule);

/** Art. 20: submit the completion acceptance report for filing within 30 working days of completing acceptance. */
export const ACCEPTANCE_REPORT = Object.freeze({
  code: 'ACCEPTANCE_REPORT',
  workingDays: 30,
  article: '第二十条',
  label: Object.freeze({ 'zh-CN': '竣工验收报告备案', en: 'File the completion acceptance report' }),
  from: Object.freeze({ 'zh-CN': '完成项目竣工验收', en: 'completion acceptance of the project' }),
} as const satisfies DeadlineRule);

/** Art. 24: report the rectification results within 10 working days of receiving the rectification notice. */
export const RECTIFICATION_REPORT = Object.freeze({
  code: 'RECTIFICATION_REPORT',
  workingDays: 10,
  article: '第二十四条',
  label: Object.freeze({ 'zh-CN': '报送整改结果', en: 'Report the rectification results' }),
  from: Object.freeze({ 'zh-CN': '接到整改通知', en: 'receipt of the rectification notice' }),
} as const satisfies DeadlineRule);

/**
 * Art. 21: the annual self-evaluation, "after the budget year ends". A fixed date of the following year (configured,
 * ZY_SELF_EVALUATION_DUE, e.g. 03-31) rather than a count from an event; when that date is a day off the report is
 * due on the next working day. Expressed as a working-day rule so that it is recomputed like every other one: the
 * stored start is the day BEFORE the configured date (selfEvaluationStart), and the first working day after it is
 * the configured date itself, or the next working day when that is a day off. computeDeadline(SELF_EVALUATION,
 * startDate) is therefore the whole rule, with no configuration needed to recompute a stored deadline.
 */
export const SELF_EVALUATION = Object.freeze({
  code: 'SELF_EVALUATION',
  workingDays: 1,
  article: '第二十一条',
  label: Object.freeze({ 'zh-CN': '报送年度项目自评价报告', en: 'Submit the annual self-evaluation report' }),
  from: Object.freeze({ 'zh-CN': '预算年度结束后的报送日', en: 'the reporting date after the budget year' }),
} as const satisfies DeadlineRule);

/** A month and day, 'MM-DD' (e.g. '03-31'), valid in every year (so not 02-29). */
export type MonthDay = `${number}-${number}`;

/** The start stored for the self-evaluation of budget year `year`: the day before `monthDay` of year + 1. */
export function selfEvaluationStart(year: number, monthDay: MonthDay): LocalDate {
  return formatDay(dayNumber(`${year + 1}-${monthDay}` as LocalDate) - 1);
}

/** The regulation's deadline rules by code (e.g. to read back a stored deadline's rule). */
export const DEADLINE_RULES = Object.freeze({
  CONTRACT_FILING,
  ACCEPTANCE_REPORT,
  RECTIFICATION_REPORT,
  SELF_EVALUATION,
} as const satisfies Record<string, DeadlineRule>);

export type DeadlineRuleCode = keyof typeof DEADLINE_RULES;

/** The deadline `rule` sets for an event on `start`, with the rule's code, working days and article. */
export function computeDeadline(rule: DeadlineRule, start: LocalDate): ComputedDeadline {
  if (!Number.isSafeInteger(rule.workingDays) || rule.workingDays < 1) {
    throw new RangeError(`Deadline rule ${rule.code}: workingDays must be a positive integer, got ${String(rule.workingDays)}`);
  }
  const stored = { code: rule.code, workingDays: rule.workingDays, article: rule.article };
  // a start before the coverage is an error, never an estimate; one after it is estimated like the rest
  if (dayNumber(start) < TABLE.firstDay) throw new CalendarCoverageError(start);
  try {
    return { due: addWorkingDays(start, rule.workingDays), rule: stored, provisional: false };
  } catch (err) {
    if (!(err instanceof CalendarCoverageError)) throw err;
    return { due: estimateBeyondCoverage(start, rule.workingDays), rule: stored, provisional: true };
  }
}
