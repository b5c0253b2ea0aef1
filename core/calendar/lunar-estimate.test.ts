import { describe, expect, it } from 'vitest';
import schedule from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { estimateHolidays, lunarToDayNumber, qingmingDay } from './lunar-estimate.js';
import { isWorkingDay, type LocalDate } from './working-days.js';

const DAY_MS = 86_400_000;
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const isWeekday = (date: string) => [1, 2, 3, 4, 5].includes(new Date(`${date}T00:00:00Z`).getUTCDay());
const published = (schedule as { holidays: Record<string, string> }).holidays;
const publishedOf = (year: number) => Object.keys(published).filter((d) => d.startsWith(`${year}-`));
const estimated = (year: number) => estimateHolidays(year).map((h) => dateOf(h.day));
const nameOn = (date: string) => estimateHolidays(Number(date.slice(0, 4))).find((h) => dateOf(h.day) === date)?.name['zh-CN'];

describe('the lunar calendar from chinese-days’ month table', () => {
  it.each([
    [2027, 1, 1, '2027-02-06'], // 春节 2027
    [2026, 1, 1, '2026-02-17'],
    [2025, 1, 1, '2025-01-29'],
    [2025, 8, 15, '2025-10-06'], // after the leap sixth month of 2025
    [2027, 5, 5, '2027-06-09'],
    [2027, 8, 15, '2027-09-15'],
    [2028, 1, 1, '2028-01-26'],
  ])('lunar %i-%i-%i is %s', (y, m, d, solar) => {
    expect(dateOf(lunarToDayNumber(y, m, d))).toBe(solar);
  });

  it('does not depend on the process time zone', () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ['America/New_York', 'Pacific/Kiritimati', 'UTC']) {
        process.env.TZ = tz;
        expect(dateOf(lunarToDayNumber(2027, 1, 1)), tz).toBe('2027-02-06');
        expect(estimated(2027), tz).toContain('2027-02-06');
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('puts Qingming on the day chinese-days’ published schedules do, 2008–2026 (holidays since 2008)', () => {
    for (let year = 2008; year <= 2026; year++) {
      const day = `${year}-04-${String(qingmingDay(year)).padStart(2, '0')}`;
      expect(published[day], day).toMatch(/^Tomb-sweeping Day/);
    }
  });
});

describe('the estimate of an unpublished year', () => {
  it('2027: Spring Festival from the eve (Feb 5) through the 6th day (Feb 11), the lunar holidays on their days', () => {
    const days = estimated(2027);
    for (let d = 5; d <= 11; d++) expect(days).toContain(`2027-02-${String(d).padStart(2, '0')}`);
    expect(days).not.toContain('2027-02-04');
    expect(days).not.toContain('2027-02-12');
    expect(nameOn('2027-02-06')).toBe('春节');
    expect(nameOn('2027-04-05')).toBe('清明节');
    expect(nameOn('2027-06-09')).toBe('端午节');
    expect(nameOn('2027-09-15')).toBe('中秋节');
    expect(nameOn('2027-01-01')).toBe('元旦');
    expect(['2027-05-01', '2027-05-05', '2027-10-01', '2027-10-07'].every((d) => days.includes(d))).toBe(true);
    expect(days).not.toContain('2027-10-08');
  });

  it('joins National Day and Mid-Autumn into eight days when they meet (2025: Mid-Autumn on Oct 6)', () => {
    const days = estimated(2025);
    expect(days.filter((d) => d.startsWith('2025-10-'))).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((d) => `2025-10-0${d}`));
    expect(nameOn('2025-10-06')).toBe('国庆节、中秋节');
  });

  it('makes no weekday a day off that the State Council did not give, 2020–2026, bar a handful of May days', () => {
    // each notice lays out the days its own way, so the estimate misses bridge days (e.g. 2026-02-23) and guesses
    // a May 1–5 that some years shifted; what it does name as a weekday off is right almost always
    let named = 0;
    let right = 0;
    for (let year = 2020; year <= 2026; year++) {
      const off = new Set(publishedOf(year));
      for (const d of estimated(year).filter(isWeekday)) {
        named++;
        if (off.has(d)) right++;
      }
    }
    expect(right / named).toBeGreaterThan(0.95);
  });

  it('finds most weekdays off of the published schedules 2020–2026', () => {
    let off = 0;
    let found = 0;
    for (let year = 2020; year <= 2026; year++) {
      const days = new Set(estimated(year));
      for (const d of publishedOf(year).filter(isWeekday)) {
        off++;
        if (days.has(d)) found++;
      }
    }
    expect(found / off).toBeGreaterThan(0.8);
  });

  it('has Spring Festival’s first day, Dragon Boat and Mid-Autumn on a day off of the published schedule, every year 2008–2026 (holidays since 2008)', () => {
    for (let year = 2008; year <= 2026; year++) {
      for (const [m, d] of [
        [1, 1],
        [5, 5],
        [8, 15],
      ] as const) {
        const date = dateOf(lunarToDayNumber(year, m, d));
        expect(isWorkingDay(date as LocalDate), `${year} lunar ${m}/${d} = ${date}`).toBe(false);
      }
    }
  });
});
