import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors.js';
import { t } from '../i18n.js';
import { assertDates, dateIssue, eventOn, instantOn } from './date-order.js';

describe('dateIssue', () => {
  it('takes a date from the event it follows up to today, both included', () => {
    const check = (value: string) => dateIssue({ path: 'signedDate', name: 'signedDate', value, today: '2026-11-20', after: [{ event: 'establishedAt', date: '2026-11-02' }] });
    expect(check('2026-11-02')).toBeNull();
    expect(check('2026-11-20')).toBeNull();
    expect(check('2026-11-21')).toMatchObject({ path: 'signedDate', code: 'DATE_IN_FUTURE', params: { date: '2026-11-21', eventDate: '2026-11-20' } });
    expect(check('2026-11-01')).toMatchObject({ path: 'signedDate', code: 'DATE_BEFORE_EVENT', params: { event: 'date.establishedAt', eventDate: '2026-11-02' } });
  });

  it('names the first event (in the order given) the date comes before, skipping events that have not happened', () => {
    const issue = dateIssue({
      path: 'acceptanceDate',
      name: 'acceptanceDate',
      value: '2026-11-10',
      after: [null, { event: 'establishedAt', date: '2026-11-02' }, { event: 'signedDate', date: '2026-11-18' }],
    });
    expect(t(issue!.code, 'zh-CN', issue!.params)).toBe('竣工验收日期 2026-11-10 早于合同签订日期 2026-11-18');
    expect(t(issue!.code, 'en', issue!.params)).toBe('The acceptance date 2026-11-10 is before the contract signing date 2026-11-18');
  });

  it('compares a year with the year of today', () => {
    expect(dateIssue({ path: 'year', name: 'year', value: '2026', today: '2026-11-02' })).toBeNull();
    const issue = dateIssue({ path: 'year', name: 'year', value: '2027', today: '2026-11-02' });
    expect(t(issue!.code, 'zh-CN', issue!.params)).toBe('自评价年度 2027 晚于今天（2026），不能填写将来的日期');
  });
});

describe('assertDates', () => {
  it('refuses with 422, every date at fault at its field, the first one giving the code', () => {
    try {
      assertDates(
        { path: 'startDate', name: 'startDate', value: '2026-11-01', after: [{ event: 'today', date: '2026-11-02' }] },
        { path: 'endDate', name: 'endDate', value: '2026-10-30', after: [{ event: 'startDate', date: '2026-11-01' }] },
      );
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidInputError);
      const e = err as InvalidInputError;
      expect({ status: e.status, code: e.code, paths: e.issues.map((i) => i.path) }).toEqual({ status: 422, code: 'DATE_BEFORE_EVENT', paths: ['startDate', 'endDate'] });
    }
  });
});

describe('the day of an event', () => {
  it('is the Asia/Shanghai day of the instant', () => {
    expect(eventOn('establishedAt', new Date('2026-11-01T16:30:00Z'))).toEqual({ event: 'establishedAt', date: '2026-11-02' });
    expect(eventOn('establishedAt', null)).toBeNull();
  });

  it('is now when the clock says today, else the start of the clock’s day', () => {
    const now = new Date('2026-12-07T02:00:00Z');
    expect(instantOn('2026-12-07', now)).toBe(now);
    expect(instantOn('2026-11-02', now).toISOString()).toBe('2026-11-01T16:00:00.000Z');
  });
});
