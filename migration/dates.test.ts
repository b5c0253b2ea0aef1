import { describe, expect, it } from 'vitest';
import { excelSerialDate, parseDateText } from './dates.js';

describe('dates as offices write them', () => {
  it('reads ISO, Chinese and dotted or slashed dates', () => {
    expect(parseDateText('2021-03-05')).toBe('2021-03-05');
    expect(parseDateText('2021年3月5日')).toBe('2021-03-05');
    expect(parseDateText('2021 年 3 月 5 号')).toBe('2021-03-05');
    expect(parseDateText('2021.3.5')).toBe('2021-03-05');
    expect(parseDateText('2021/3/5')).toBe('2021-03-05');
    expect(parseDateText('２０２１／３／５')).toBe('2021-03-05');
    expect(parseDateText('20210305')).toBe('2021-03-05');
    expect(parseDateText('2021-03-05 14:30:00')).toBe('2021-03-05');
  });

  it('reads a month alone as its first day', () => {
    expect(parseDateText('2021年3月')).toBe('2021-03-01');
    expect(parseDateText('2021-3')).toBe('2021-03-01');
  });

  it('reads Excel serial day numbers (the time of day dropped)', () => {
    expect(excelSerialDate(44260)).toBe('2021-03-05');
    expect(parseDateText('44260')).toBe('2021-03-05');
    expect(parseDateText('44260.75')).toBe('2021-03-05');
    expect(parseDateText('36526')).toBe('2000-01-01');
  });

  it('refuses days that do not exist, bare years and other text', () => {
    expect(parseDateText('2021年2月30日')).toBeUndefined();
    expect(parseDateText('2021-13-01')).toBeUndefined();
    expect(parseDateText('2021')).toBeUndefined();
    expect(parseDateText('去年')).toBeUndefined();
  });
});
