// The step a deadline is due for on a day (notifications/reminder-sweep.ts reminderStep), counted in Chinese working
// days: only the nearest step ahead, the due date, overdue, and escalation after the configured working days.
import { describe, expect, it } from 'vitest';
import { reminderStep } from './reminder-sweep.js';

const defaults = { daysAhead: [3, 1], escalateAfter: 3 };

describe('reminderStep', () => {
  it('takes the nearest step ahead only, none before the first', () => {
    // due Mon 2026-11-16: 4 working days left on Tue 11-10, 3 on Wed 11-11, 2 on Thu, 1 on Fri 11-13
    expect(reminderStep('2026-11-16', '2026-11-10', defaults)).toBeNull();
    expect(reminderStep('2026-11-16', '2026-11-11', defaults)).toEqual({ step: 'BEFORE_3', days: 3 });
    expect(reminderStep('2026-11-16', '2026-11-12', defaults)).toEqual({ step: 'BEFORE_3', days: 2 });
    expect(reminderStep('2026-11-16', '2026-11-13', defaults)).toEqual({ step: 'BEFORE_1', days: 1 });
    expect(reminderStep('2026-11-16', '2026-11-13', { ...defaults, daysAhead: [5, 3, 2] })).toEqual({ step: 'BEFORE_2', days: 1 });
    expect(reminderStep('2026-11-16', '2026-11-09', { ...defaults, daysAhead: [5] })).toEqual({ step: 'BEFORE_5', days: 5 });
  });

  it('is due today on the due date, overdue after it, escalated after more than N working days overdue', () => {
    expect(reminderStep('2026-11-16', '2026-11-16', defaults)).toEqual({ step: 'DUE_TODAY', days: 0 });
    expect(reminderStep('2026-11-16', '2026-11-17', defaults)).toEqual({ step: 'OVERDUE', days: 1 });
    expect(reminderStep('2026-11-16', '2026-11-19', defaults)).toEqual({ step: 'OVERDUE', days: 3 });
    expect(reminderStep('2026-11-16', '2026-11-20', defaults)).toEqual({ step: 'ESCALATED', days: 4 });
    expect(reminderStep('2026-11-16', '2026-11-17', { ...defaults, escalateAfter: 0 })).toEqual({ step: 'ESCALATED', days: 1 });
  });

  it('counts the National Day 2026 holiday out and the make-up Saturday 10-10 in', () => {
    // due Mon 2026-10-12: on Wed 09-30 the working days left are 10-08, 10-09, 10-10, 10-12
    expect(reminderStep('2026-10-12', '2026-09-30', defaults)).toBeNull();
    expect(reminderStep('2026-10-12', '2026-10-08', defaults)).toEqual({ step: 'BEFORE_3', days: 3 });
    expect(reminderStep('2026-10-12', '2026-10-09', defaults)).toEqual({ step: 'BEFORE_3', days: 2 });
    expect(reminderStep('2026-10-12', '2026-10-10', defaults)).toEqual({ step: 'BEFORE_1', days: 1 });
  });
});
