// Deadlines counted in Chinese working days (core/calendar/working-days.ts), opened by filings, acceptance and
// rectification notices, and met by the filings that answer them.
import { CalendarCoverageError, computeDeadline, type DeadlineRule, type LocalDate } from '../core/calendar/working-days.js';
import type { Tx } from '../core/db/database.js';
import { InvalidInputError } from '../core/errors.js';

/** Opens a deadline of `rule` from `start`; a start outside the holiday calendar is the field's fault (`field`). */
export async function addDeadline(
  tx: Tx,
  project: { id: string; orgId: string },
  rule: DeadlineRule,
  start: LocalDate,
  title: string,
  field: string,
  met?: { filingId: string },
) {
  let d;
  try {
    d = computeDeadline(rule, start);
  } catch (err) {
    if (!(err instanceof CalendarCoverageError)) throw err;
    throw new InvalidInputError([{ path: field, code: 'CALENDAR_NOT_COVERED', params: { date: start, from: err.coveredFrom, to: err.coveredTo } }]);
  }
  return tx.deadline.create({
    data: {
      projectId: project.id,
      orgId: project.orgId,
      ruleCode: d.rule.code,
      workingDays: d.rule.workingDays,
      article: d.rule.article,
      startDate: start,
      dueDate: d.due,
      provisional: d.provisional,
      title,
      metAt: met ? new Date() : null,
      metByFilingId: met?.filingId ?? null,
    },
  });
}
