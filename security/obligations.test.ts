import { describe, expect, it } from 'vitest';
import { addMonths, nextDrillDue, nextMlpsAssessmentDue } from './obligations.js';

describe('security obligations', () => {
  it('counts calendar months, keeping the day or taking the month’s last', () => {
    expect(addMonths('2026-03-15', 12)).toBe('2027-03-15');
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
  });

  it('wants a drill a year after the last one', () => {
    expect(nextDrillDue('2026-05-20')).toBe('2027-05-20');
  });

  it('re-assesses level 4 half-yearly, level 3 yearly, level 2 every two years, level 1 never', () => {
    expect(nextMlpsAssessmentDue(4, '2026-01-10')).toBe('2026-07-10');
    expect(nextMlpsAssessmentDue(3, '2026-01-10')).toBe('2027-01-10');
    expect(nextMlpsAssessmentDue(2, '2026-01-10')).toBe('2028-01-10');
    expect(nextMlpsAssessmentDue(1, '2026-01-10')).toBeNull();
  });
});
