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
// Coverage: the library knows the years whose notice it carries (2004–2026 in chinese-days 1.5.7). An administrator
// can load later years as the State Council publishes them (calendar/schedules.ts, table holiday_schedule); those
// are handed to this module with setLoadedSchedules and win over the package for their year. For a year that has
// neither, the calendar ESTIMATES the days off from the lunar calendar (lunar-estimate.ts): counts ("N working days
// left", queue waiting days) keep giving numbers, marked `estimated`, and deadlines computed through such a year are
// `provisional` and recomputed when its schedule is loaded. `addWorkingDays` stays strict (official schedules only)
// and throws a CalendarCoverageError instead of estimating; every function throws one before the first year.
// Caveat: a next-year notice occasionally also moves the last days of December of the previous year (e.g. the 2012
// notice made Saturday 2011-12-31 a working day); a loaded schedule only holds days of its own year.
import type { Locale } from '../i18n.js';
import schedule from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { estimateHolidays } from './lunar-estimate.js';

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
// The schedule: the package's table, the years an administrator loaded (calendar/schedules.ts), and the estimate.

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

/** Where a year's working days come from. */
export type YearSource = 'published' | 'loaded' | 'estimated';

/** One year of the calendar: working[i] = 1 when day firstDay + i is a working day; prefix sums for counting. */
interface YearTable {
  readonly source: YearSource;
  readonly firstDay: number;
  readonly working: Uint8Array;
  readonly prefix: Int32Array;
}

function yearTable(year: number, source: YearSource, isOff: (day: number) => boolean | undefined): YearTable {
  const firstDay = dayNumberOf(year, 1, 1);
  const size = dayNumberOf(year + 1, 1, 1) - firstDay;
  const working = new Uint8Array(size);
  const prefix = new Int32Array(size + 1);
  for (let i = 0; i < size; i++) {
    const wd = weekdayOf(firstDay + i);
    const off = isOff(firstDay + i); // true: a day off; false: a working day; undefined: by the weekday
    working[i] = off === undefined ? (wd >= 1 && wd <= 5 ? 1 : 0) : off ? 0 : 1;
    prefix[i + 1] = prefix[i]! + working[i]!;
  }
  return { source, firstDay, working, prefix };
}

/** The days of one year from an official schedule: 放假 days off (even Monday–Friday), 调休上班 working days. */
function scheduleLookup(data: ScheduleData): (day: number) => boolean | undefined {
  const days = new Map<number, boolean>();
  const mark = (entries: Readonly<Record<string, string>>, off: boolean) => {
    for (const date of Object.keys(entries)) {
      const day = tryDayNumber(date);
      if (day === undefined) throw new Error(`holiday schedule: malformed date ${JSON.stringify(date)}`);
      days.set(day, off);
    }
  };
  mark(data.holidays, true);
  mark(data.workdays, false);
  return (day) => days.get(day);
}

const PACKAGE_DATA = schedule as ScheduleData;
const PACKAGE_YEARS = coveredYears(PACKAGE_DATA);
const PACKAGE_LOOKUP = scheduleLookup(PACKAGE_DATA);

/** The years the installed `chinese-days` package carries (inclusive), e.g. { first: 2004, last: 2026 }. */
export const PUBLISHED_YEARS: Readonly<{ first: number; last: number }> = Object.freeze({ ...PACKAGE_YEARS });

/** The dates the installed package's official schedule covers (inclusive). Before them every function throws. */
export const CALENDAR_COVERAGE: Readonly<{ from: LocalDate; to: LocalDate }> = Object.freeze({
  from: formatDay(dayNumberOf(PACKAGE_YEARS.first, 1, 1)),
  to: formatDay(dayNumberOf(PACKAGE_YEARS.last, 12, 31)),
});

/** A year's schedule loaded by an administrator (table holiday_schedule): dates of that year only. */
export interface LoadedYear {
  year: number;
  /** 'YYYY-MM-DD' → name of the holiday */
  holidays: Readonly<Record<string, string>>;
  /** 'YYYY-MM-DD' → what the make-up working day makes up for */
  workdays: Readonly<Record<string, string>>;
}

/**
 * A working-day calendar: the package's years, overridden by loaded years, and estimated (lunar-estimate.ts) for
 * every later year that has neither. Immutable; the process's current one is replaced by setLoadedSchedules.
 */
export class WorkingCalendar {
  private readonly loaded: ReadonlyMap<number, LoadedYear>;
  private readonly years = new Map<number, YearTable>();

  constructor(loaded: readonly LoadedYear[] = []) {
    this.loaded = new Map(loaded.map((y) => [y.year, y]));
  }

  /** The years loaded into this calendar, ascending. */
  loadedYears(): number[] {
    return [...this.loaded.keys()].sort((a, b) => a - b);
  }

  /** Where the days of `year` come from; throws CalendarCoverageError before the first published year. */
  sourceOf(year: number): YearSource {
    if (year < PACKAGE_YEARS.first) throw new CalendarCoverageError(formatDay(dayNumberOf(year, 12, 31)));
    if (this.loaded.has(year)) return 'loaded';
    return year <= PACKAGE_YEARS.last ? 'published' : 'estimated';
  }

  /** The last day of the unbroken run of published or loaded years from the first one. */
  coveredTo(): LocalDate {
    let year = PACKAGE_YEARS.last;
    while (this.loaded.has(year + 1)) year++;
    return formatDay(dayNumberOf(year, 12, 31));
  }

  table(year: number): YearTable {
    let t = this.years.get(year);
    if (!t) {
      const source = this.sourceOf(year);
      const loaded = this.loaded.get(year);
      if (loaded) t = yearTable(year, source, scheduleLookup(loaded));
      else if (source === 'published') t = yearTable(year, source, PACKAGE_LOOKUP);
      else {
        const off = new Set(estimateHolidays(year).map((h) => h.day));
        t = yearTable(year, source, (day) => (off.has(day) ? true : undefined));
      }
      this.years.set(year, t);
    }
    return t;
  }

  /** The days of `year` that differ from a plain Monday–Friday week's, or are named holidays, by date. */
  daysOf(year: number): { source: YearSource; days: ScheduleDay[] } {
    const source = this.sourceOf(year);
    if (source === 'estimated') {
      return { source, days: estimateHolidays(year).map((h) => ({ date: formatDay(h.day), off: true, name: h.name['zh-CN'] })) };
    }
    const data: ScheduleData = this.loaded.get(year) ?? PACKAGE_DATA;
    const prefix = `${year}-`;
    const days: ScheduleDay[] = [];
    for (const [entries, off] of [[data.holidays, true], [data.workdays, false]] as const) {
      for (const [date, name] of Object.entries(entries)) if (date.startsWith(prefix)) days.push({ date: date as LocalDate, off, name: chineseName(name) });
    }
    return { source, days: days.sort((a, b) => a.date.localeCompare(b.date)) };
  }

  isWorking(day: number): boolean {
    const t = this.table(yearOfDay(day));
    return t.working[day - t.firstDay] === 1;
  }

  /** Working days in (a, b] for a <= b, and whether any of them lies in an estimated year. */
  count(a: number, b: number): { days: number; estimated: boolean } {
    this.sourceOf(yearOfDay(a)); // throws before the first published year
    let days = 0;
    let estimated = false;
    for (let year = yearOfDay(a + 1), last = yearOfDay(b); a < b && year <= last; year++) {
      const t = this.table(year);
      const from = Math.max(a + 1, t.firstDay) - t.firstDay; // first index counted
      const to = Math.min(b, t.firstDay + t.working.length - 1) - t.firstDay; // last index counted
      days += t.prefix[to + 1]! - t.prefix[from]!;
      if (t.source === 'estimated') estimated = true;
    }
    return { days, estimated };
  }

  /** The nth working day after `start`; with `strict`, a CalendarCoverageError on reaching an estimated year. */
  add(start: LocalDate, n: number, strict: boolean): { due: number; estimated: boolean } {
    let day = dayNumber(start);
    if (this.sourceOf(yearOfDay(day)) === 'estimated' && strict) throw new CalendarCoverageError(start, undefined, this);
    let estimated = false;
    for (let left = n; left > 0; ) {
      day++;
      const t = this.table(yearOfDay(day));
      if (t.source === 'estimated') {
        if (strict) throw new CalendarCoverageError(formatDay(day), `${n} working days after ${start}`, this);
        estimated = true;
      }
      if (t.working[day - t.firstDay] === 1) left--;
    }
    return { due: day, estimated };
  }
}

/** A day of a schedule: a day off (放假) or a make-up working day (调休上班), and what for. */
export interface ScheduleDay {
  date: LocalDate;
  off: boolean;
  name: string;
}

/** chinese-days names a day 'Spring Festival,春节,8': its Chinese name is the second part. */
function chineseName(value: string): string {
  const parts = value.split(',');
  return parts.length >= 2 && parts[1] ? parts[1].trim() : value;
}

function yearOfDay(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

let current = new WorkingCalendar();

/** The calendar the process counts with now. */
export function currentCalendar(): WorkingCalendar {
  return current;
}

/**
 * Replaces the loaded years the process counts with (at startup and after each load, calendar/schedules.ts).
 * Returns the new calendar.
 */
export function setLoadedSchedules(years: readonly LoadedYear[]): WorkingCalendar {
  current = new WorkingCalendar(years);
  return current;
}

/** A date lies before the first year whose State Council schedule the platform knows, or (strict counts) in a year
 * whose schedule is only estimated. */
export class CalendarCoverageError extends RangeError {
  readonly code = 'CALENDAR_NOT_COVERED';
  readonly coveredFrom: LocalDate;
  readonly coveredTo: LocalDate;
  constructor(
    readonly date: LocalDate,
    detail?: string,
    calendar: WorkingCalendar = current,
  ) {
    const from = CALENDAR_COVERAGE.from;
    const to = calendar.coveredTo();
    super(
      `No State Council holiday schedule for ${date}${detail ? ` (${detail})` : ''}: the working-day calendar covers ` +
        `${from} to ${to} (npm package chinese-days and the schedules loaded by an administrator).`,
    );
    this.name = 'CalendarCoverageError';
    this.coveredFrom = from;
    this.coveredTo = to;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The working-day functions.

/**
 * Whether d is a working day: Monday–Friday unless a public holiday, or a weekend make-up working day (调休上班).
 * In a year without a published or loaded schedule, the estimate (lunar-estimate.ts) answers.
 */
export function isWorkingDay(d: LocalDate): boolean {
  return current.isWorking(dayNumber(d));
}

/** Whether d lies in a year whose schedule is estimated (neither in the package nor loaded). */
export function isEstimated(d: LocalDate): boolean {
  return current.sourceOf(Number(parseLocalDate(d).slice(0, 4))) === 'estimated';
}

/**
 * The Nth working day after `start`, by official schedules only.
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
 * the count reaches a year without a published or loaded schedule (computeDeadline estimates those instead).
 */
export function addWorkingDays(start: LocalDate, n: number): LocalDate {
  assertCount(n, 'addWorkingDays');
  return formatDay(current.add(start, n, true).due);
}

function assertCount(n: number, what: string) {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what}: n must be a non-negative integer, got ${String(n)}`);
}

/**
 * Signed count of working days after `from` up to and including `to`; negative when `to` is before `from`
 * (then minus the working days after `to` up to and including `from`). So workingDaysBetween(x, x) === 0,
 * workingDaysBetween(a, b) === -workingDaysBetween(b, a), and workingDaysBetween(x, addWorkingDays(x, n)) === n.
 * `estimated`: part of the span lies in a year whose schedule is only estimated.
 */
export function countWorkingDays(from: LocalDate, to: LocalDate): { workingDays: number; estimated: boolean } {
  const a = dayNumber(from);
  const b = dayNumber(to);
  const c = a <= b ? current.count(a, b) : current.count(b, a);
  return { workingDays: a <= b ? c.days : -c.days || 0, estimated: c.estimated }; // `|| 0` turns −0 into 0
}

/** countWorkingDays, the count alone (estimated past the published years). */
export function workingDaysBetween(from: LocalDate, to: LocalDate): number {
  return countWorkingDays(from, to).workingDays;
}

/**
 * How a deadline stands on `today`. workingDays: working days left until `due` (today not counted, `due` counted;
 * 0 on the due date itself; negative = working days elapsed since `due`). overdue: `today` is after `due`
 * (a filing made on the due date is on time). On a weekend right after a Friday deadline: { 0, overdue: true }.
 * estimated: the count passes through a year whose schedule is only estimated.
 */
export function daysLeft(due: LocalDate, today: LocalDate): { workingDays: number; overdue: boolean; estimated: boolean } {
  const c = countWorkingDays(today, due);
  return { workingDays: c.workingDays, overdue: dayNumber(today) > dayNumber(due), estimated: c.estimated };
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
   * true when the count passes through a year whose State Council schedule is neither published nor loaded: it is
   * then an estimate (see `estimateBeyondCoverage`), recomputed when an administrator loads that year's schedule.
   */
  provisional: boolean;
}

/**
 * The Nth working day after `start` where the count may run past the published and loaded years: there the
 * estimate counts (lunar-estimate.ts: fixed and lunar holidays, no make-up working days), so the result is
 * provisional (computeDeadline marks it so).
 */
export function estimateBeyondCoverage(start: LocalDate, n: number, calendar: WorkingCalendar = current): LocalDate {
  assertCount(n, 'estimateBeyondCoverage');
  return formatDay(calendar.add(start, n, false).due);
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

/**
 * The deadline `rule` sets for an event on `start`, with the rule's code, working days and article: provisional when
 * the count passes through a year whose schedule is only estimated. `calendar`: the process's current one unless a
 * load is recomputing with the calendar it is about to install.
 */
export function computeDeadline(
  rule: Pick<DeadlineRule, 'code' | 'workingDays' | 'article'>,
  start: LocalDate,
  calendar: WorkingCalendar = current,
): ComputedDeadline {
  if (!Number.isSafeInteger(rule.workingDays) || rule.workingDays < 1) {
    throw new RangeError(`Deadline rule ${rule.code}: workingDays must be a positive integer, got ${String(rule.workingDays)}`);
  }
  const stored = { code: rule.code, workingDays: rule.workingDays, article: rule.article };
  // a start before the first published year is an error (sourceOf throws), never an estimate
  const { due, estimated } = calendar.add(start, rule.workingDays, false);
  return { due: formatDay(due), rule: stored, provisional: estimated };
}
