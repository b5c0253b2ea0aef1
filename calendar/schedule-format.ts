// Reading a State Council holiday schedule an administrator uploads, in one of two formats:
//   chinese-days  the JSON of the chinese-days package: { holidays: { 'YYYY-MM-DD': 'Name,名称,days' },
//                 workdays: { 'YYYY-MM-DD': '…' }, inLieuDays: { … } } (inLieuDays, the days off that are made up,
//                 are among the holidays already and are not needed to count working days)
//   table         one day a line: `YYYY-MM-DD,休|班,名称` (休 a day off, 班 a make-up working day; the name is
//                 optional for 班); blank lines and lines starting with # are skipped; `,` `，` or a tab separate.
// Pure: returns the days grouped by year, or the first problems found, each with the line at fault (1-based).
import { isLocalDate } from '../core/calendar/working-days.js';

export const SCHEDULE_FORMATS = ['chinese-days', 'table'] as const;
export type ScheduleFormat = (typeof SCHEDULE_FORMATS)[number];

export interface ScheduleYear {
  year: number;
  holidays: Record<string, string>;
  workdays: Record<string, string>;
  /** the first line that names a day of this year */
  line: number;
}

export interface ScheduleProblem {
  /** stable code, e.g. CALENDAR_BAD_DATE */
  code: string;
  line: number;
  params?: Record<string, string | number>;
}

export type ParsedSchedule = { ok: true; years: ScheduleYear[] } | { ok: false; problems: ScheduleProblem[] };

/** At most this many problems are reported at once. */
const MAX_PROBLEMS = 20;

interface Day {
  date: string;
  off: boolean;
  name: string;
  line: number;
}

export function parseSchedule(text: string, format: ScheduleFormat): ParsedSchedule {
  const read = format === 'table' ? readTable(text) : readChineseDays(text);
  if (read.problems.length) return { ok: false, problems: read.problems.slice(0, MAX_PROBLEMS) };
  return groupByYear(read.days);
}

function readTable(text: string): { days: Day[]; problems: ScheduleProblem[] } {
  const days: Day[] = [];
  const problems: ScheduleProblem[] = [];
  text.split(/\r\n|\n|\r/).forEach((raw, i) => {
    const line = i + 1;
    const s = raw.trim();
    if (s === '' || s.startsWith('#')) return;
    const cells = s.split(/[,，\t]/).map((c) => c.trim());
    if (cells.length < 2 || cells.length > 3) return void problems.push({ code: 'CALENDAR_LINE_MALFORMED', line });
    const [date, kind, name = ''] = cells as [string, string, string?];
    if (!isLocalDate(date)) return void problems.push({ code: 'CALENDAR_BAD_DATE', line, params: { value: date } });
    if (kind !== '休' && kind !== '班') return void problems.push({ code: 'CALENDAR_BAD_KIND', line, params: { value: kind } });
    if (kind === '休' && name === '') return void problems.push({ code: 'CALENDAR_NAME_MISSING', line });
    days.push({ date, off: kind === '休', name, line });
  });
  return { days, problems };
}

/** The line of character `offset` of `text` (1-based). */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

function readChineseDays(text: string): { days: Day[]; problems: ScheduleProblem[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    // V8 says where: "… in JSON at position 42" (and, from Node 22, "(line 3 column 5)")
    const message = err instanceof Error ? err.message : '';
    const line = /\(line (\d+)/.exec(message)?.[1];
    const position = /position (\d+)/.exec(message)?.[1];
    const at = line !== undefined ? Number(line) : lineAt(text, position !== undefined ? Number(position) : text.length);
    return { days: [], problems: [{ code: 'CALENDAR_JSON_MALFORMED', line: at }] };
  }
  const problems: ScheduleProblem[] = [];
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { days: [], problems: [{ code: 'CALENDAR_JSON_SHAPE', line: 1, params: { key: 'holidays' } }] };
  }
  const record = data as Record<string, unknown>;
  // the line of a key: where `"key"` first occurs in the text (good enough to point at the entry at fault)
  const lineOfKey = (key: string) => {
    const at = text.indexOf(JSON.stringify(key));
    return at < 0 ? 1 : lineAt(text, at);
  };
  const days: Day[] = [];
  for (const key of ['holidays', 'workdays'] as const) {
    const entries = record[key];
    if (entries === undefined && key === 'workdays') continue;
    if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) {
      problems.push({ code: 'CALENDAR_JSON_SHAPE', line: entries === undefined ? 1 : lineOfKey(key), params: { key } });
      continue;
    }
    for (const [date, value] of Object.entries(entries as Record<string, unknown>)) {
      const line = lineOfKey(date);
      if (!isLocalDate(date)) problems.push({ code: 'CALENDAR_BAD_DATE', line, params: { value: date } });
      else if (typeof value !== 'string' || value.trim() === '') problems.push({ code: 'CALENDAR_NAME_MISSING', line });
      else days.push({ date, off: key === 'holidays', name: value.trim(), line });
    }
  }
  for (const key of Object.keys(record)) {
    if (!['holidays', 'workdays', 'inLieuDays'].includes(key)) problems.push({ code: 'CALENDAR_JSON_SHAPE', line: lineOfKey(key), params: { key } });
  }
  return { days, problems };
}

function groupByYear(days: Day[]): ParsedSchedule {
  const problems: ScheduleProblem[] = [];
  const seen = new Map<string, Day>();
  const years = new Map<number, ScheduleYear>();
  for (const d of days) {
    const first = seen.get(d.date);
    if (first) {
      problems.push({ code: 'CALENDAR_DUPLICATE_DATE', line: d.line, params: { date: d.date, first: first.line } });
      continue;
    }
    seen.set(d.date, d);
    const year = Number(d.date.slice(0, 4));
    const y = years.get(year) ?? { year, holidays: {}, workdays: {}, line: d.line };
    y.line = Math.min(y.line, d.line);
    (d.off ? y.holidays : y.workdays)[d.date] = d.name;
    years.set(year, y);
  }
  if (days.length === 0 && problems.length === 0) problems.push({ code: 'CALENDAR_EMPTY', line: 1 });
  // a year made only of make-up working days is not a schedule of that year (its notice gives days off)
  for (const y of years.values()) {
    if (Object.keys(y.holidays).length === 0) problems.push({ code: 'CALENDAR_YEAR_WITHOUT_HOLIDAYS', line: y.line, params: { year: y.year } });
  }
  if (problems.length) return { ok: false, problems: problems.sort((a, b) => a.line - b.line).slice(0, MAX_PROBLEMS) };
  return { ok: true, years: [...years.values()].sort((a, b) => a.year - b.year) };
}
