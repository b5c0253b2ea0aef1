// Where a project stands, as its unit asks it: the stage on the line, the step it waits for and who takes it, why
// it was returned, how many working days each open deadline leaves, and the obligations whose count has not begun
// yet (after establishment: "签订正式合同后 5 个工作日内完成合同文本备案", before any contract is signed).
import {
  ACCEPTANCE_REPORT,
  CONTRACT_FILING,
  daysLeft,
  type DeadlineRule,
  type LocalDate,
} from '../core/calendar/working-days.js';
import { registerMessages, t, type Locale } from '../core/i18n.js';
import { actionKey } from '../core/workflow/machine.js';
import type { ProjectRow } from './store.js';
import { NEXT_STEP, partyName, type PARTIES, STAGE_OF, type ProjectState, type Stage } from './workflow.js';

registerMessages({
  'standing.obligation': { 'zh-CN': '{from}后 {days} 个工作日内完成{what}', en: '{what} within {days} working days of the {from}' },
});

export interface Standing {
  stage: Stage;
  next: { action: string; label: string; party: string; partyLabel: string } | null;
  returnReason: string | null;
  deadlines: { id: string; workingDaysLeft: number | null; overdue: boolean }[];
  upcoming: { ruleCode: string; article: string; workingDays: number; text: string }[];
}

/** The obligations whose count starts with an event still to come, by what the project has filed so far. */
function upcomingRules(row: ProjectRow): DeadlineRule[] {
  const status = row.status as ProjectState;
  if (status !== 'ESTABLISHED' && status !== 'CHANGE_REVIEW') return [];
  const filed = new Set(row.filings.map((f) => f.kind));
  const opened = new Set(row.deadlines.map((d) => d.ruleCode));
  // a contract is filed within 5 working days of signing (Art. 13); the acceptance report within 30 of acceptance (Art. 20)
  if (!filed.has('CONTRACT') && !opened.has(CONTRACT_FILING.code)) return [CONTRACT_FILING];
  if (!opened.has(ACCEPTANCE_REPORT.code)) return [ACCEPTANCE_REPORT];
  return [];
}

export function standingOf(row: ProjectRow, today: LocalDate, locale: Locale): Standing {
  const status = row.status as ProjectState;
  const step = (NEXT_STEP as Partial<Record<ProjectState, { action: string; party: keyof typeof PARTIES }>>)[status];
  const returned = status === 'RETURNED' ? [...row.reviews].reverse().find((r) => r.decision === 'RETURN') : undefined;
  return {
    stage: STAGE_OF[status],
    next: step ? { action: step.action, label: t(actionKey('Project', step.action), locale), party: step.party, partyLabel: partyName(step.party, row.jurisdiction, locale) } : null,
    returnReason: returned?.comment ?? null,
    deadlines: row.deadlines
      .filter((d) => !d.metAt)
      .map((d) => {
        const left = daysLeft(d.dueDate as LocalDate, today);
        return { id: d.id, workingDaysLeft: left.workingDays, overdue: left.overdue };
      }),
    upcoming: upcomingRules(row).map((rule) => ({
      ruleCode: rule.code,
      article: rule.article,
      workingDays: rule.workingDays,
      text: t('standing.obligation', locale, { from: rule.from[locale], days: rule.workingDays, what: rule.label[locale] }),
    })),
  };
}
