// The two yearly assessments as state machines (data): GIA's assessment of a city department (Art. 25) and the city
// GIA's scorecard of a county (Art. 40). Both are drafted, edited while DRAFT and confirmed once; a confirmed record
// is final and carries its evidence frozen. The runner (core/workflow/runner.ts) takes every change from these tables.
//
//   DRAFT ─update─► DRAFT ─confirm─► CONFIRMED
import { defineTable, type Label } from '../core/workflow/machine.js';

export const ASSESSMENT_STATES = ['DRAFT', 'CONFIRMED'] as const;
export type AssessmentState = (typeof ASSESSMENT_STATES)[number];

/** The grades, best first (the regulation leaves the wording to GIA's method; these are the usual four). */
export const GRADES = ['EXCELLENT', 'GOOD', 'PASS', 'FAIL'] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_LABELS: Record<Grade, Label> = {
  EXCELLENT: { 'zh-CN': '优秀', en: 'Excellent' },
  GOOD: { 'zh-CN': '良好', en: 'Good' },
  PASS: { 'zh-CN': '合格', en: 'Pass' },
  FAIL: { 'zh-CN': '不合格', en: 'Fail' },
};

const stateLabels = {
  DRAFT: { 'zh-CN': '草稿', en: 'Draft' },
  CONFIRMED: { 'zh-CN': '已确认', en: 'Confirmed' },
};
const stateColours = { DRAFT: 'default', CONFIRMED: 'success' };

export const ORG_ASSESSMENT_MACHINE = defineTable({
  subject: 'OrgAssessment',
  states: ASSESSMENT_STATES,
  stateLabels,
  stateColours,
  actions: {
    // score, grade and findings
    update: { from: ['DRAFT'], to: [], ability: 'update', article: '第二十五条', label: { 'zh-CN': '修改考核', en: 'edit the assessment' } },
    // freezes the evidence into the record
    confirm: { from: ['DRAFT'], to: ['CONFIRMED'], ability: 'confirm', decision: true, article: '第二十五条', label: { 'zh-CN': '确认考核结果', en: 'confirm the assessment' } },
  },
});

export const COUNTY_ASSESSMENT_MACHINE = defineTable({
  subject: 'CountyAssessment',
  states: ASSESSMENT_STATES,
  stateLabels,
  stateColours,
  actions: {
    // manual items, grade and findings
    update: { from: ['DRAFT'], to: [], ability: 'update', article: '第四十条', label: { 'zh-CN': '修改评分', en: 'edit the scorecard' } },
    // freezes the automatic indicators into the record
    confirm: { from: ['DRAFT'], to: ['CONFIRMED'], ability: 'confirm', decision: true, article: '第四十条', label: { 'zh-CN': '确认考核结果', en: 'confirm the scorecard' } },
  },
});

export type AssessmentAction = keyof typeof ORG_ASSESSMENT_MACHINE.actions;
