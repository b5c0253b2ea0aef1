// Loading a newly published State Council holiday schedule (国务院办公厅关于某年部分节假日安排的通知) before the
// chinese-days package carries it, and recomputing the provisional deadlines it settles.
//
// The calendar (core/calendar/working-days.ts) is pure and synchronous, so the stored years are handed to it in
// process: at start (api/platform.ts), after each load here, and — for the other replicas of a cluster — on a cheap
// version check (count and latest load time of holiday_schedule) once a minute, on a timer of the process
// (api/platform.ts), off the request path. A replica may thus count with the previous schedule for up to a minute after
// a load on another replica; the deadlines themselves are recomputed once, in the loading transaction.
import { assertCan } from '../core/access/abilities.js';
import type { Actor } from '../core/actor.js';
import { recordAudit } from '../core/audit/audit.js';
import { registerAuditActions } from '../core/audit/labels.js';
import {
  DEADLINE_RULES,
  PUBLISHED_YEARS,
  WorkingCalendar,
  computeDeadline,
  currentCalendar,
  setLoadedSchedules,
  toShanghaiDate,
  type LoadedYear,
  type LocalDate,
  type YearSource,
} from '../core/calendar/working-days.js';
import type { Database, Tx } from '../core/db/database.js';
import { InvalidInputError, RuleViolationError } from '../core/errors.js';
import { registerMessages, t, type Locale } from '../core/i18n.js';
import { parseSchedule, type ScheduleFormat, type ScheduleYear } from './schedule-format.js';

registerMessages({
  CALENDAR_NOTHING_NEW: {
    'zh-CN': '上传的节假日安排没有新内容：{years} 年已由系统内置或已加载且内容相同',
    en: 'Nothing new in this schedule: {years} is already built in or loaded with the same days',
  },
  CALENDAR_LINE_MALFORMED: { 'zh-CN': '第 {line} 行格式有误，应为「YYYY-MM-DD,休|班,名称」', en: 'Line {line} is malformed; expected "YYYY-MM-DD,休|班,name"' },
  CALENDAR_BAD_DATE: { 'zh-CN': '第 {line} 行日期「{value}」无效，应为真实日期 YYYY-MM-DD', en: 'Line {line}: "{value}" is not a real date (YYYY-MM-DD)' },
  CALENDAR_BAD_KIND: { 'zh-CN': '第 {line} 行类型「{value}」无效，应为「休」或「班」', en: 'Line {line}: "{value}" is neither 休 (day off) nor 班 (working day)' },
  CALENDAR_NAME_MISSING: { 'zh-CN': '第 {line} 行缺少节日名称', en: 'Line {line}: the holiday has no name' },
  CALENDAR_DUPLICATE_DATE: { 'zh-CN': '第 {line} 行日期 {date} 与第 {first} 行重复', en: 'Line {line}: {date} is already listed on line {first}' },
  CALENDAR_JSON_MALFORMED: { 'zh-CN': '第 {line} 行附近不是合法的 JSON', en: 'Not valid JSON near line {line}' },
  CALENDAR_JSON_SHAPE: {
    'zh-CN': '第 {line} 行：「{key}」不符合 chinese-days 格式（应为 holidays、workdays、inLieuDays 三个按日期索引的对象）',
    en: 'Line {line}: "{key}" does not fit the chinese-days format (holidays, workdays and inLieuDays, each keyed by date)',
  },
  CALENDAR_EMPTY: { 'zh-CN': '上传的内容中没有任何日期', en: 'The schedule lists no day' },
  CALENDAR_YEAR_WITHOUT_HOLIDAYS: { 'zh-CN': '第 {line} 行起的 {year} 年只有调休上班日，没有放假日期', en: 'From line {line}, {year} lists make-up working days but no day off' },
});
registerAuditActions({ 'calendar.schedule.load': { 'zh-CN': '加载国务院节假日安排', en: 'State Council holiday schedule loaded' } });

/** How often a replica checks whether another one loaded a schedule. */
const VERSION_CHECK_MS = 60_000;

export interface CalendarYear {
  year: number;
  source: YearSource;
  days: { date: LocalDate; off: boolean; name: string }[];
}

export interface CalendarOverview {
  /** the years the installed chinese-days package carries */
  published: { first: number; last: number };
  /** the years loaded by an administrator, who loaded them and when */
  loaded: { year: number; format: string; loadedByName: string; loadedAt: string }[];
  /** years from the first after the package through next year that have neither: counted with the estimate */
  estimated: number[];
  /** the last day of the unbroken run of published and loaded years */
  coveredTo: LocalDate;
  /** the days of the year asked for, if one was */
  year: CalendarYear | null;
}

export interface LoadResult {
  /** the years stored by this load (new, or replacing a different earlier load) */
  years: number[];
  /** years of the upload that were already known with the same days, left as they were */
  unchanged: number[];
  /** open provisional deadlines recomputed with the new schedule */
  recomputed: number;
  /** of those, the ones whose due date moved */
  changed: number;
  /** open provisional deadlines of a rule this platform cannot recompute (ruleCode not in DEADLINE_RULES) */
  skipped: number;
}

type StoredDays = { holidays: Record<string, string>; workdays: Record<string, string> };

const sameDays = (a: StoredDays, b: StoredDays) => JSON.stringify(sortedDays(a)) === JSON.stringify(sortedDays(b));
const sortedDays = (d: StoredDays) => ({ h: Object.entries(d.holidays).sort(), w: Object.entries(d.workdays).sort() });

export function createCalendarService({ db, today = () => toShanghaiDate(new Date()) }: { db: Database; today?: () => LocalDate }) {
  const { prisma } = db;
  let signature = '';
  let checkedAt = 0;

  async function storedYears(tx: Tx | typeof prisma): Promise<LoadedYear[]> {
    const rows = await tx.holidaySchedule.findMany({ orderBy: { year: 'asc' } });
    return rows.map((r) => ({ year: r.year, ...(r.days as StoredDays) }));
  }

  async function versionOf(): Promise<string> {
    const v = await prisma.holidaySchedule.aggregate({ _count: { year: true }, _max: { loadedAt: true } });
    return `${v._count.year}/${v._max.loadedAt?.toISOString() ?? '-'}`;
  }

  /** Hands the stored years to the calendar (at start, and when another replica loaded one). */
  async function refresh(): Promise<void> {
    const version = await versionOf();
    setLoadedSchedules(await storedYears(prisma));
    signature = version;
    checkedAt = Date.now();
  }

  /** The cheap check, at most once a minute: reloads the years only when the table changed. */
  async function refreshIfStale(): Promise<void> {
    if (Date.now() - checkedAt < VERSION_CHECK_MS) return;
    checkedAt = Date.now();
    if ((await versionOf()) !== signature) await refresh();
  }

  async function overview(actor: Actor, year?: number): Promise<CalendarOverview> {
    assertCan(actor.ability, 'read', 'HolidaySchedule');
    const rows = await prisma.holidaySchedule.findMany({ orderBy: { year: 'asc' }, select: { year: true, source: true, loadedByName: true, loadedAt: true } });
    const calendar = currentCalendar();
    const loadedYears = new Set(rows.map((r) => r.year));
    const horizon = Math.max(Number(today().slice(0, 4)) + 1, ...loadedYears);
    const estimated: number[] = [];
    for (let y = PUBLISHED_YEARS.last + 1; y <= horizon; y++) if (!loadedYears.has(y)) estimated.push(y);
    return {
      published: { ...PUBLISHED_YEARS },
      loaded: rows.map((r) => ({ year: r.year, format: r.source, loadedByName: r.loadedByName, loadedAt: r.loadedAt.toISOString() })),
      estimated,
      coveredTo: calendar.coveredTo(),
      year: year === undefined ? null : { year, ...calendar.daysOf(year) },
    };
  }

  /** Loads a schedule: stores its new years, recomputes the provisional deadlines they settle, one audit record. */
  async function load(actor: Actor, input: { text: string; format: ScheduleFormat }, locale: Locale): Promise<LoadResult> {
    assertCan(actor.ability, 'create', 'HolidaySchedule');
    const parsed = parseSchedule(input.text, input.format);
    if (!parsed.ok) {
      throw new RuleViolationError(
        parsed.problems.map((p) => ({ code: p.code, line: p.line, field: 'text', message: t(p.code, locale, { line: p.line, ...p.params }) })),
      );
    }
    const result = await prisma.$transaction(async (tx) => {
      const stored = new Map((await storedYears(tx)).map((y) => [y.year, y]));
      const fresh: ScheduleYear[] = [];
      const unchanged: number[] = [];
      for (const y of parsed.years) {
        const before = stored.get(y.year);
        const isNew = y.year > PUBLISHED_YEARS.last && (!before || !sameDays(before, y));
        if (isNew) fresh.push(y);
        else unchanged.push(y.year);
      }
      if (fresh.length === 0) {
        const years = unchanged.join('、');
        throw new InvalidInputError([{ path: 'text', code: 'CALENDAR_NOTHING_NEW', params: { years } }], 'CALENDAR_NOTHING_NEW', 422, { years });
      }
      for (const y of fresh) {
        const days = { holidays: y.holidays, workdays: y.workdays };
        const data = { source: input.format, days, loadedById: actor.principal!.id, loadedByName: actor.audit.actorName ?? '' };
        await tx.holidaySchedule.upsert({ where: { year: y.year }, create: { year: y.year, ...data }, update: { ...data, loadedAt: new Date() } });
        stored.set(y.year, { year: y.year, ...days });
      }
      const calendar = new WorkingCalendar([...stored.values()]);
      const counts = await recompute(tx, calendar, fresh.map((y) => y.year));
      const years = fresh.map((y) => y.year);
      await recordAudit(tx, actor.audit, {
        action: 'calendar.schedule.load',
        targetType: 'HolidaySchedule',
        targetId: years.join(','),
        detail: { years, unchanged, format: input.format, ...counts },
      });
      return { years, unchanged, ...counts, loaded: [...stored.values()] };
    });
    // the transaction is committed: count with the new schedule from now on
    setLoadedSchedules(result.loaded);
    signature = await versionOf();
    checkedAt = Date.now();
    const { loaded: _loaded, ...out } = result;
    return out;
  }

  return { refresh, refreshIfStale, overview, load };
}

/**
 * Recomputes, with `calendar`, every open provisional deadline whose count may pass through one of `years`: due in
 * or after the first of them and started before the end of the last. Keeps the previous due date when it moves.
 */
async function recompute(tx: Tx, calendar: WorkingCalendar, years: number[]): Promise<{ recomputed: number; changed: number; skipped: number }> {
  const rows = await tx.deadline.findMany({
    where: {
      metAt: null,
      provisional: true,
      dueDate: { gte: `${Math.min(...years)}-01-01` },
      startDate: { lte: `${Math.max(...years)}-12-31` },
    },
    select: { id: true, ruleCode: true, workingDays: true, article: true, startDate: true, dueDate: true },
  });
  let recomputed = 0;
  let changed = 0;
  let skipped = 0;
  const now = new Date();
  for (const d of rows) {
    if (!Object.hasOwn(DEADLINE_RULES, d.ruleCode)) {
      skipped++;
      continue;
    }
    const next = computeDeadline({ code: d.ruleCode, workingDays: d.workingDays, article: d.article }, d.startDate as LocalDate, calendar);
    recomputed++;
    const moved = next.due !== d.dueDate;
    if (moved) changed++;
    await tx.deadline.update({
      where: { id: d.id },
      data: { provisional: next.provisional, ...(moved ? { dueDate: next.due, previousDueDate: d.dueDate, recomputedAt: now } : {}) },
    });
  }
  return { recomputed, changed, skipped };
}

export type CalendarService = ReturnType<typeof createCalendarService>;
