import { describe, expect, it } from 'vitest';
import {
  ACCEPTANCE_REPORT,
  CALENDAR_COVERAGE,
  CONTRACT_FILING,
  CalendarCoverageError,
  DEADLINE_RULES,
  RECTIFICATION_REPORT,
  addWorkingDays,
  computeDeadline,
  countWorkingDays,
  daysLeft,
  isEstimated,
  isLocalDate,
  isWorkingDay,
  parseLocalDate,
  toShanghaiDate,
  workingDaysBetween,
  type DeadlineRule,
  type DeadlineRuleCode,
  type LocalDate,
} from './working-days.js';
import schedule from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

// The State Council's 2026 schedule (国办发明电〔2025〕7号) as chinese-days 1.5.7 carries it:
//   元旦   Thu 01-01 … Sat 01-03 off; Sun 01-04 works
//   春节   Sun 02-15 … Mon 02-23 off (9 days); Sat 02-14 and Sat 02-28 work
//   清明   Sat 04-04 … Mon 04-06 off
//   劳动节 Fri 05-01 … Tue 05-05 off; Sat 05-09 works
//   端午   Fri 06-19 … Sun 06-21 off
//   中秋   Fri 09-25 … Sun 09-27 off
//   国庆   Thu 10-01 … Wed 10-07 off; Sun 09-20 and Sat 10-10 work

/** The WRONG count this product must not use: every Monday–Friday is a working day. For contrast only. */
function addMondayToFriday(start: LocalDate, n: number): LocalDate {
  const t = new Date(`${start}T00:00:00Z`);
  for (let left = n; left > 0; ) {
    t.setUTCDate(t.getUTCDate() + 1);
    const wd = t.getUTCDay();
    if (wd >= 1 && wd <= 5) left--;
  }
  return t.toISOString().slice(0, 10) as LocalDate;
}

const nextDay = (d: LocalDate): LocalDate => {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10) as LocalDate;
};

describe('the 2026 State Council schedule as the calendar sees it', () => {
  it.each<[LocalDate, boolean, string]>([
    ['2026-01-01', false, '元旦 (Thursday)'],
    ['2026-01-04', true, 'make-up Sunday after 元旦'],
    ['2026-02-13', true, 'Friday before Spring Festival'],
    ['2026-02-14', true, 'make-up Saturday before Spring Festival'],
    ['2026-02-15', false, 'first day of Spring Festival (Sunday)'],
    ['2026-02-16', false, 'Spring Festival Monday'],
    ['2026-02-20', false, 'Spring Festival Friday'],
    ['2026-02-23', false, 'last day of Spring Festival (Monday)'],
    ['2026-02-24', true, 'first working day after Spring Festival'],
    ['2026-02-28', true, 'make-up Saturday after Spring Festival'],
    ['2026-03-01', false, 'ordinary Sunday'],
    ['2026-04-06', false, '清明 Monday'],
    ['2026-05-05', false, '劳动节 Tuesday'],
    ['2026-05-09', true, 'make-up Saturday after 劳动节'],
    ['2026-06-19', false, '端午 Friday'],
    ['2026-09-20', true, 'make-up Sunday before Mid-Autumn/National Day'],
    ['2026-09-25', false, 'Mid-Autumn Friday'],
    ['2026-09-26', false, 'Mid-Autumn Saturday'],
    ['2026-09-28', true, 'Monday between Mid-Autumn and National Day'],
    ['2026-10-01', false, 'National Day (Thursday)'],
    ['2026-10-07', false, 'last day of National Day (Wednesday)'],
    ['2026-10-08', true, 'first working day after National Day'],
    ['2026-10-10', true, 'make-up Saturday after National Day'],
    ['2026-10-11', false, 'ordinary Sunday'],
    ['2026-12-31', true, 'ordinary Thursday'],
    // 2025 is covered too: Spring Festival 01-28 … 02-04, National Day 10-01 … 10-08, make-up 09-28 and 10-11
    ['2025-01-26', true, '2025 make-up Sunday before Spring Festival'],
    ['2025-02-04', false, '2025 Spring Festival Tuesday'],
    ['2025-09-28', true, '2025 make-up Sunday before National Day'],
    ['2025-10-08', false, '2025 National Day/Mid-Autumn Wednesday'],
    ['2025-10-11', true, '2025 make-up Saturday after National Day'],
  ])('%s is a working day: %s (%s)', (d, expected) => {
    expect(isWorkingDay(d)).toBe(expected);
  });

  it('counts 248 working days in 2026 and 248 in 2025', () => {
    expect(workingDaysBetween('2025-12-31', '2026-12-31')).toBe(248);
    expect(workingDaysBetween('2024-12-31', '2025-12-31')).toBe(248);
  });

  it('lists only Saturdays and Sundays as make-up working days', () => {
    for (const d of Object.keys(schedule.workdays)) {
      const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
      expect([0, 6], d).toContain(wd);
    }
  });
});

describe('addWorkingDays: the Nth working day after X, X not counted', () => {
  it.each<[string, LocalDate, number, LocalDate, LocalDate]>([
    // Spring Festival 2026
    ['contract signed Thursday before Spring Festival', '2026-02-12', 5, '2026-02-26', '2026-02-19'],
    ['contract signed Friday before Spring Festival', '2026-02-13', 5, '2026-02-27', '2026-02-20'],
    ['signed on the make-up Saturday (not counted itself)', '2026-02-14', 5, '2026-02-28', '2026-02-20'],
    ['signed during the holiday', '2026-02-17', 5, '2026-02-28', '2026-02-24'],
    ['signed the first day back', '2026-02-24', 5, '2026-03-02', '2026-03-03'],
    ['rectification notice received the week before', '2026-02-06', 10, '2026-02-27', '2026-02-20'],
    // Mid-Autumn and National Day 2026
    ['contract signed Friday before the make-up Sunday', '2026-09-18', 5, '2026-09-24', '2026-09-25'],
    ['contract signed Wednesday before Mid-Autumn', '2026-09-23', 5, '2026-10-08', '2026-09-30'],
    ['contract signed Tuesday before National Day', '2026-09-29', 5, '2026-10-12', '2026-10-06'],
    ['contract signed the eve of National Day', '2026-09-30', 5, '2026-10-13', '2026-10-07'],
    ['acceptance completed mid-September', '2026-09-15', 30, '2026-11-02', '2026-10-27'],
    // New Year across the year boundary
    ['contract signed at the end of 2025', '2025-12-30', 5, '2026-01-07', '2026-01-06'],
  ])('%s: %s + %i working days = %s (Monday–Friday would say %s)', (_what, start, n, due, mondayToFriday) => {
    expect(addWorkingDays(start, n)).toBe(due);
    expect(addMondayToFriday(start, n)).toBe(mondayToFriday);
    expect(mondayToFriday).not.toBe(due);
  });

  it('returns the start itself for n = 0, working day or not', () => {
    expect(addWorkingDays('2026-02-16', 0)).toBe('2026-02-16');
    expect(addWorkingDays('2026-02-24', 0)).toBe('2026-02-24');
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects n = %s', (n) => {
    expect(() => addWorkingDays('2026-02-12', n)).toThrow(RangeError);
  });
});

describe('workingDaysBetween: signed count after `from` up to and including `to`', () => {
  it.each<[LocalDate, LocalDate, number]>([
    ['2026-02-12', '2026-02-26', 5],
    ['2026-02-26', '2026-02-12', -5],
    ['2026-02-12', '2026-02-12', 0],
    ['2026-02-14', '2026-02-23', 0], // the whole holiday holds no working day
    ['2026-02-13', '2026-02-14', 1], // the make-up Saturday counts
    ['2026-02-14', '2026-02-13', -1],
    ['2026-02-15', '2026-02-24', 1],
    ['2026-09-30', '2026-10-10', 3], // 10-08, 10-09, 10-10
    ['2026-09-19', '2026-09-20', 1], // make-up Sunday
    ['2026-03-06', '2026-03-08', 0], // an ordinary weekend
  ])('%s → %s = %i', (from, to, n) => {
    expect(workingDaysBetween(from, to)).toBe(n);
  });

  it('never returns -0', () => {
    expect(Object.is(workingDaysBetween('2026-03-08', '2026-03-06'), 0)).toBe(true);
  });
});

describe('round trips', () => {
  const starts: LocalDate[] = [];
  for (let d: LocalDate = '2025-01-01'; d <= '2026-10-31'; d = nextDay(d)) starts.push(d);

  it.each([0, 1, 5, 10, 30])('workingDaysBetween(x, addWorkingDays(x, %i)) === n for every x in 2025–Oct 2026', (n) => {
    for (const x of starts) {
      const due = addWorkingDays(x, n);
      expect(workingDaysBetween(x, due), `${x} + ${n}`).toBe(n);
      if (n > 0) expect(isWorkingDay(due), `${x} + ${n} = ${due}`).toBe(true);
    }
  });

  it('addWorkingDays(x, workingDaysBetween(x, y)) === y for every working day y after x', () => {
    for (const [x, y] of [
      ['2026-02-12', '2026-02-28'],
      ['2026-02-20', '2026-02-24'],
      ['2026-09-18', '2026-09-20'],
      ['2026-09-24', '2026-10-10'],
      ['2025-12-31', '2026-01-04'],
    ] as [LocalDate, LocalDate][]) {
      expect(isWorkingDay(y)).toBe(true);
      expect(addWorkingDays(x, workingDaysBetween(x, y))).toBe(y);
    }
  });
});

describe('daysLeft', () => {
  it.each<[LocalDate, LocalDate, number, boolean]>([
    ['2026-02-26', '2026-02-12', 5, false],
    ['2026-02-26', '2026-02-14', 3, false], // from the make-up Saturday: 02-24, 02-25, 02-26
    ['2026-02-26', '2026-02-18', 3, false], // during the holiday
    ['2026-02-26', '2026-02-26', 0, false], // due today: still on time
    ['2026-02-26', '2026-02-27', -1, true],
    ['2026-02-27', '2026-02-28', -1, true], // the make-up Saturday after a Friday deadline is a working day late
    ['2026-03-06', '2026-03-07', 0, true], // an ordinary Saturday after a Friday deadline: late, no working day lost
    ['2026-10-13', '2026-09-30', 5, false],
  ])('due %s, today %s → %i working days, overdue %s', (due, today, workingDays, overdue) => {
    const left = daysLeft(due, today);
    expect(left).toEqual({ workingDays, overdue, estimated: false });
    expect(Object.is(left.workingDays, workingDays)).toBe(true);
  });
});

describe('deadline rules', () => {
  it('names the regulation’s three working-day deadlines', () => {
    expect(CONTRACT_FILING).toMatchObject({ code: 'CONTRACT_FILING', workingDays: 5, article: '第十三条' });
    expect(ACCEPTANCE_REPORT).toMatchObject({ code: 'ACCEPTANCE_REPORT', workingDays: 30, article: '第二十条' });
    expect(RECTIFICATION_REPORT).toMatchObject({ code: 'RECTIFICATION_REPORT', workingDays: 10, article: '第二十四条' });
    for (const rule of Object.values(DEADLINE_RULES)) {
      expect(DEADLINE_RULES[rule.code]).toBe(rule);
      expect(rule.label['zh-CN']).toMatch(/\p{Script=Han}/u);
      expect(rule.label.en).toMatch(/^[A-Z][a-z]/);
      expect(rule.from['zh-CN']).toMatch(/\p{Script=Han}/u);
      expect(rule.from.en).not.toBe('');
      expect(Object.isFrozen(rule)).toBe(true);
    }
  });

  it.each<[DeadlineRuleCode, LocalDate, LocalDate]>([
    ['CONTRACT_FILING', '2026-02-12', '2026-02-26'],
    ['CONTRACT_FILING', '2026-09-29', '2026-10-12'],
    ['ACCEPTANCE_REPORT', '2026-09-15', '2026-11-02'],
    ['RECTIFICATION_REPORT', '2026-02-06', '2026-02-27'],
    ['RECTIFICATION_REPORT', '2026-09-20', '2026-10-10'], // from the make-up Sunday to the make-up Saturday
  ])('%s from %s is due %s and carries its rule', (code, start, due) => {
    const rule: DeadlineRule = DEADLINE_RULES[code];
    const deadline = computeDeadline(rule, start);
    expect(deadline).toStrictEqual({
      due,
      rule: { code: rule.code, workingDays: rule.workingDays, article: rule.article },
      provisional: false,
    });
    expect(JSON.parse(JSON.stringify(deadline))).toStrictEqual(deadline); // storable as plain JSON
  });

  it('rejects a rule without a positive whole number of working days', () => {
    expect(() => computeDeadline({ ...CONTRACT_FILING, workingDays: 0 }, '2026-02-12')).toThrow(RangeError);
    expect(() => computeDeadline({ ...CONTRACT_FILING, workingDays: 2.5 }, '2026-02-12')).toThrow(RangeError);
  });
});

describe('toShanghaiDate', () => {
  it.each<[string, LocalDate]>([
    ['2026-01-01T17:00:00Z', '2026-01-02'],
    ['2026-01-01T15:59:59.999Z', '2026-01-01'],
    ['2026-01-01T16:00:00Z', '2026-01-02'],
    ['2026-02-13T23:30:00+08:00', '2026-02-13'],
    ['2025-12-31T16:00:00Z', '2026-01-01'],
  ])('%s is %s in Shanghai', (iso, expected) => {
    expect(toShanghaiDate(new Date(iso))).toBe(expected);
  });

  it('rejects an invalid Date', () => {
    expect(() => toShanghaiDate(new Date('nonsense'))).toThrow(RangeError);
  });
});

describe('independence from the process time zone', () => {
  it('gives the same answers under TZ=America/New_York and TZ=Pacific/Kiritimati', () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ['America/New_York', 'Pacific/Kiritimati']) {
        process.env.TZ = tz;
        expect(toShanghaiDate(new Date('2026-01-01T17:00:00Z'))).toBe('2026-01-02');
        expect(isWorkingDay('2026-02-14')).toBe(true);
        expect(isWorkingDay('2026-02-15')).toBe(false);
        expect(addWorkingDays('2026-02-12', 5)).toBe('2026-02-26');
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('LocalDate validation', () => {
  it.each(['2026-02-30', '2026-2-3', '2026-13-01', '20260214', '2026-02-14T00:00:00Z', ''])(
    'rejects %j',
    (s) => {
      expect(isLocalDate(s)).toBe(false);
      expect(() => parseLocalDate(s)).toThrow(RangeError);
      expect(() => isWorkingDay(s as LocalDate)).toThrow(RangeError);
      expect(() => isWorkingDay(s as LocalDate)).not.toThrow(CalendarCoverageError);
    },
  );

  it('accepts real dates', () => {
    expect(parseLocalDate('2024-02-29')).toBe('2024-02-29');
    expect(isLocalDate('2026-10-10')).toBe(true);
  });
});

describe('dates before the library’s data throw; strict counts past it throw; counts past it are estimated', () => {
  const lastYear = Number(CALENDAR_COVERAGE.to.slice(0, 4));
  const firstYear = Number(CALENDAR_COVERAGE.from.slice(0, 4));
  const after = `${lastYear + 1}-01-04` as LocalDate; // a Monday in 2027
  const before = `${firstYear - 1}-12-31` as LocalDate;

  it('covers whole years from 2004 through at least 2026', () => {
    expect(CALENDAR_COVERAGE.from).toBe('2004-01-01');
    expect(CALENDAR_COVERAGE.to.endsWith('-12-31')).toBe(true);
    expect(lastYear).toBeGreaterThanOrEqual(2026);
  });

  it.each<[string, () => unknown]>([
    ['isWorkingDay before the first year', () => isWorkingDay(before)],
    ['addWorkingDays from an uncovered start', () => addWorkingDays(after, 1)],
    ['addWorkingDays whose deadline falls past the data', () => addWorkingDays(`${lastYear}-12-01` as LocalDate, 40)],
    ['workingDaysBetween from before the first year', () => workingDaysBetween(before, `${firstYear}-01-05` as LocalDate)],
    ['computeDeadline from a start before the data', () => computeDeadline(ACCEPTANCE_REPORT, '2003-12-31' as LocalDate)],
  ])('%s throws CalendarCoverageError', (_what, call) => {
    expect(call).toThrow(CalendarCoverageError);
    expect(call).toThrow(/No State Council holiday schedule for \d{4}-\d{2}-\d{2}/);
    expect(call).toThrow(new RegExp(`covers ${CALENDAR_COVERAGE.from} to ${CALENDAR_COVERAGE.to}`));
  });

  it('says which date and range, with a stable code', () => {
    let caught: unknown;
    try {
      addWorkingDays(after, 1);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CalendarCoverageError);
    expect(caught).toBeInstanceOf(RangeError);
    expect(caught).toMatchObject({
      name: 'CalendarCoverageError',
      code: 'CALENDAR_NOT_COVERED',
      date: after,
      coveredFrom: CALENDAR_COVERAGE.from,
      coveredTo: CALENDAR_COVERAGE.to,
    });
  });

  it('still answers up to the last covered day (2026-12-31 is the 5th working day after 2026-12-24)', () => {
    expect(addWorkingDays('2026-12-24', 5)).toBe('2026-12-31');
    // while 2027 is unknown, one more working day than December 2026 holds cannot be counted officially
    if (lastYear === 2026) expect(() => addWorkingDays('2026-12-28', 5)).toThrow(CalendarCoverageError);
  });

  it('counts working days into an unpublished year with the estimate, and says so (chinese-days 1.5.7 stops at 2026)', () => {
    expect(lastYear).toBe(2026);
    const span = countWorkingDays(`${lastYear}-12-30` as LocalDate, after);
    expect(span.estimated).toBe(true);
    // official Thursday 2026-12-31, then the estimate: 1 January off, the weekend off, Monday 4 January works
    expect(span.workingDays).toBe(2);
    expect(isWorkingDay(after)).toBe(true);
    expect(daysLeft(`${lastYear}-12-31` as LocalDate, after)).toMatchObject({ overdue: true, estimated: true });
    expect(countWorkingDays('2026-02-12', '2026-02-26')).toEqual({ workingDays: 5, estimated: false });
  });

  it('estimates the lunar holidays of 2027: Spring Festival week and Mid-Autumn are days off, Monday–Friday or not', () => {
    expect(isEstimated('2027-02-08')).toBe(true);
    for (const d of ['2027-01-01', '2027-02-05', '2027-02-08', '2027-02-11', '2027-04-05', '2027-05-03', '2027-06-09', '2027-09-15', '2027-10-07'] as const) {
      expect(isWorkingDay(d), d).toBe(false);
    }
    expect(isWorkingDay('2027-02-12')).toBe(true); // Friday after the estimated week
    expect(workingDaysBetween('2027-02-04', '2027-02-12')).toBe(1);
  });
});

describe('deadlines past the published schedule', () => {
  const lastYear = Number(CALENDAR_COVERAGE.to.slice(0, 4));

  it('are estimated (the lunar estimate beyond the data) and marked provisional', () => {
    const d = computeDeadline(ACCEPTANCE_REPORT, `${lastYear}-12-01` as LocalDate);
    expect(d.provisional).toBe(true);
    // working days inside the published year are counted from the official schedule
    const inside = workingDaysBetween(`${lastYear}-12-01` as LocalDate, CALENDAR_COVERAGE.to);
    expect(inside).toBeGreaterThan(0);
    expect(d.due > CALENDAR_COVERAGE.to).toBe(true);
  });

  it('skip New Year’s Day of the unpublished year', () => {
    // from the last published day, one working day later can never be 1 January
    const d = computeDeadline({ ...CONTRACT_FILING, workingDays: 1 }, CALENDAR_COVERAGE.to);
    expect(d.due.endsWith('-01-01')).toBe(false);
    expect(d.provisional).toBe(true);
  });

  it('start after the data too: estimated and provisional, never an error', () => {
    const start = `${lastYear + 1}-01-05` as LocalDate;
    const d = computeDeadline(CONTRACT_FILING, start);
    expect(d.provisional).toBe(true);
    expect(d.due > start).toBe(true);
  });

  it('are exact and not provisional when they fall inside the data', () => {
    expect(computeDeadline(CONTRACT_FILING, `${lastYear}-02-12` as LocalDate).provisional).toBe(false);
  });
});
