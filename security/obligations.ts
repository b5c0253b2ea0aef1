// The recurring security obligations and when they fall due (pure: no database). These count calendar months, not
// working days: the regulation's "定期" (Art. 36, 37) and the graded-protection rules set yearly or half-yearly
// cycles, so a due date is the same calendar day a year (or half a year) on.
import type { LocalDate } from '../core/calendar/working-days.js';

export interface RecurringRule {
  /** stored with the deadline (deadline.ruleCode) */
  code: string;
  article: string;
  label: { 'zh-CN': string; en: string };
}

/** Art. 37: drill the emergency plan regularly; the product asks for a drill at least once a year. */
export const EMERGENCY_DRILL: RecurringRule = { code: 'EMERGENCY_DRILL', article: '第三十七条', label: { 'zh-CN': '应急演练', en: 'Emergency drill' } };
/** Art. 36: graded protection assessed periodically (等级测评). */
export const MLPS_ASSESSMENT: RecurringRule = { code: 'MLPS_ASSESSMENT', article: '第三十六条', label: { 'zh-CN': '等级保护测评', en: 'MLPS assessment' } };

/** Months between emergency drills. */
export const DRILL_INTERVAL_MONTHS = 12;

/**
 * Months between graded-protection assessments (等级测评) by level. Levels 3 and 4 follow 《信息安全等级保护管理办法》
 * (公通字〔2007〕43号) 第十四条: level 3 at least once a year, level 4 at least every half year. Level 2 has no fixed
 * cycle there; every two years is the common practice and is used here. Level 1 systems are self-protected and have
 * no assessment cycle (no deadline). Change this table if the city sets other cycles.
 */
export const MLPS_ASSESSMENT_MONTHS: Readonly<Record<number, number | null>> = Object.freeze({ 1: null, 2: 24, 3: 12, 4: 6 });

/** The same calendar day `months` later (the last day of the month where that month is shorter: 02-29 + 12 → 02-28). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(d, last);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` as LocalDate;
}

/** When the next drill is due after one held (or, before the first, after the owner went into service) on `from`. */
export const nextDrillDue = (from: LocalDate): LocalDate => addMonths(from, DRILL_INTERVAL_MONTHS);

/** When the next graded-protection assessment is due after one on `lastAssessment`; null when the level has no cycle. */
export function nextMlpsAssessmentDue(level: number, lastAssessment: LocalDate): LocalDate | null {
  const months = MLPS_ASSESSMENT_MONTHS[level];
  return months ? addMonths(lastAssessment, months) : null;
}
