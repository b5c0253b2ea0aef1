// A campaign's coverage as a spreadsheet, in the columns the console shows.
import { col, type ListExport } from '../core/export/list-columns.js';
import { registerMessages, t } from '../core/i18n.js';
import { stateKey } from '../core/workflow/machine.js';
import type { CoverageRow } from './schema.js';

registerMessages({
  'export.survey.orgCode': { 'zh-CN': '单位编码', en: 'Code' },
  'export.survey.org': { 'zh-CN': '单位', en: 'Organisation' },
  'export.survey.status': { 'zh-CN': '填报状态', en: 'Status' },
  'export.survey.systems': { 'zh-CN': '确认系统数', en: 'Systems confirmed' },
  'export.survey.submittedAt': { 'zh-CN': '报送时间', en: 'Answered' },
  'export.survey.late': { 'zh-CN': '逾期（工作日）', en: 'Late (working days)' },
  'export.survey.note': { 'zh-CN': '说明', en: 'Note' },
  'file.surveyCoverage': { 'zh-CN': '{title}填报情况', en: 'survey-coverage' },
});

export const SURVEY_COVERAGE_EXPORT: ListExport<CoverageRow> = {
  file: 'survey-coverage',
  title: 'file.surveyCoverage',
  columns: [
    col.text<CoverageRow>('export.survey.orgCode', (r) => r.org.code, 14),
    col.text<CoverageRow>('export.survey.org', (r) => r.org.name, 28),
    col.text<CoverageRow>('export.survey.status', (r, locale) => t(stateKey('SurveyResponse', r.status), locale), 14),
    col.number<CoverageRow>('export.survey.systems', (r) => r.systemsConfirmed, 12),
    col.text<CoverageRow>('export.survey.submittedAt', (r) => r.submittedAt?.slice(0, 10), 12),
    col.number<CoverageRow>('export.survey.late', (r) => (r.late ? r.workingDaysOverdue : null), 12),
    col.text<CoverageRow>('export.survey.note', (r) => r.declaredReason ?? r.returnReason, 40),
  ],
};
