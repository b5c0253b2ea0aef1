// Dates that make sense (issue 16): a date a user enters may not lie in the future (today in Asia/Shanghai, from
// the service's injected clock) nor before the event it follows (a contract before establishment, an acceptance
// before the contract). One comparison for every such date: it answers 422 with a stable code, the field at fault,
// and both dates and the event named in the reader's language (the `date.<name>` messages below).
import { InvalidInputError, type FieldIssue } from '../errors.js';
import { registerMessages } from '../i18n.js';
import { toShanghaiDate, type LocalDate } from './working-days.js';

/** What a date is named in messages: the field entered, and the event it follows. */
const DATE_NAMES = {
  today: { 'zh-CN': '今天', en: 'today' },
  establishedAt: { 'zh-CN': '立项日期', en: 'establishment date' },
  signedDate: { 'zh-CN': '合同签订日期', en: 'contract signing date' },
  chosenDate: { 'zh-CN': '监理单位确定日期', en: 'date the supervision unit was chosen' },
  acceptanceDate: { 'zh-CN': '竣工验收日期', en: 'acceptance date' },
  issuedDate: { 'zh-CN': '整改通知下达日期', en: 'date the rectification notice was issued' },
  year: { 'zh-CN': '自评价年度', en: 'self-evaluation year' },
  startDate: { 'zh-CN': '公示开始日期', en: 'notice start date' },
  endDate: { 'zh-CN': '公示结束日期', en: 'notice end date' },
} as const;
export type DateName = keyof typeof DATE_NAMES;

// the refusals' messages (DATE_IN_FUTURE, DATE_BEFORE_EVENT) are in core/i18n.ts
registerMessages(Object.fromEntries(Object.entries(DATE_NAMES).map(([k, v]) => [`date.${k}`, v])));

/** The event a date follows: its name and its date (a calendar date, or a year for yearly reports). */
export interface DateEvent {
  event: DateName;
  date: LocalDate | string;
}

export interface DateCheck {
  /** the request field, e.g. 'signedDate' */
  path: string;
  /** how the field is named in the message (its key in DATE_NAMES) */
  name: DateName;
  value: LocalDate | string;
  /** refuse a value after today (a year: after this year) */
  today?: LocalDate;
  /** refuse a value before these events (the ones without a date are skipped) */
  after?: (DateEvent | null | undefined)[];
}

/** A year compares with a year, a date with a date: '2026' against '2026-03-05' takes the date's year. */
const comparable = (value: string, other: string) => (value.length === 4 ? other.slice(0, 4) : other);

/** The first thing wrong with a date (in the future, or before an event it follows), or null. */
export function dateIssue(c: DateCheck): FieldIssue | null {
  const field = `date.${c.name}`;
  const value = String(c.value);
  if (c.today && value > comparable(value, c.today)) {
    return { path: c.path, code: 'DATE_IN_FUTURE', params: { field, date: value, event: 'date.today', eventDate: comparable(value, c.today) } };
  }
  for (const e of c.after ?? []) {
    if (e && value < comparable(value, String(e.date))) {
      return { path: c.path, code: 'DATE_BEFORE_EVENT', params: { field, date: value, event: `date.${e.event}`, eventDate: comparable(value, String(e.date)) } };
    }
  }
  return null;
}

/** Refuses (422) the dates that make no sense, each at its field; the first one's code is the answer's code. */
export function assertDates(...checks: DateCheck[]): void {
  const issues = checks.map(dateIssue).filter((i): i is FieldIssue => i !== null);
  if (issues.length) throw new InvalidInputError(issues, issues[0]!.code, 422, issues[0]!.params);
}

/**
 * When an event recorded now happened: now, unless the service's clock says another day (tests, a backdated
 * run), then the start of that day in Asia/Shanghai, so that the day later dates are compared with is the clock's.
 */
export function instantOn(today: LocalDate, now = new Date()): Date {
  return toShanghaiDate(now) === today ? now : new Date(`${today}T00:00:00+08:00`);
}

/** The day an instant (a stored timestamp such as establishedAt) falls on in Asia/Shanghai, as an event. */
export function eventOn(event: DateName, at: Date | null | undefined): DateEvent | null {
  return at ? { event, date: toShanghaiDate(at) } : null;
}
