// The counties side by side (Art. 40) as a spreadsheet, in the columns the console shows (zh-CN by default).
import { col, type ListExport } from '../core/export/list-columns.js';
import { registerMessages, t } from '../core/i18n.js';
import { stateKey } from '../core/workflow/machine.js';
import type { CountyRow } from './schemas.js';
import { GRADE_LABELS, type Grade } from './workflow.js';
import './audit-names.js';

registerMessages({
  'export.county.name': { 'zh-CN': '县（市、区）', en: 'County' },
  'export.county.migration': { 'zh-CN': '系统迁移上云（已上云/应迁移）', en: 'Systems migrated (migrated/total)' },
  'export.county.migrationRate': { 'zh-CN': '迁移完成率', en: 'Migration rate' },
  'export.county.deadlines': { 'zh-CN': '按期备案（按期/到期）', en: 'Filings on time (on time/due)' },
  'export.county.overdue': { 'zh-CN': '逾期未备案', en: 'Overdue filings' },
  'export.county.ownCloud': { 'zh-CN': '自建云被拒项目', en: 'Own-cloud refusals' },
  'export.county.rectifications': { 'zh-CN': '整改按期报送（按期/通知）', en: 'Rectifications on time (on time/notices)' },
  'export.county.manualTotal': { 'zh-CN': '人工评分', en: 'Manual score' },
  'export.county.grade': { 'zh-CN': '考核等次', en: 'Grade' },
  'export.county.status': { 'zh-CN': '状态', en: 'State' },
  'export.county.notStarted': { 'zh-CN': '未开始', en: 'Not started' },
  'file.counties': { 'zh-CN': '县区年度考核-{year}', en: 'county-assessments-{year}' },
  ...Object.fromEntries(Object.entries(GRADE_LABELS).map(([g, label]) => [`grade.${g}`, label])),
});

const ratio = (a: number, b: number) => `${a}/${b}`;

export const COUNTY_EXPORT: ListExport<CountyRow> = {
  file: 'county-assessments',
  title: 'file.counties',
  columns: [
    col.text('export.county.name', (r) => r.county.name, 12),
    col.text('export.county.migration', (r) => ratio(r.indicators.migration.migrated, r.indicators.migration.systems), 16),
    col.number('export.county.migrationRate', (r) => (r.indicators.migration.systems ? Math.round((r.indicators.migration.migrated / r.indicators.migration.systems) * 1000) / 10 : null), 12),
    col.text('export.county.deadlines', (r) => ratio(r.indicators.deadlines.metOnTime, r.indicators.deadlines.due), 16),
    col.number('export.county.overdue', (r) => r.indicators.deadlines.overdue, 12),
    col.number('export.county.ownCloud', (r) => r.indicators.ownCloudRefusals.projects, 12),
    col.text('export.county.rectifications', (r) => ratio(r.indicators.rectifications.metOnTime, r.indicators.rectifications.due), 18),
    col.number('export.county.manualTotal', (r) => r.assessment?.total ?? null, 10),
    col.text('export.county.grade', (r, l) => (r.assessment?.grade ? t(`grade.${r.assessment.grade as Grade}`, l) : ''), 10),
    col.text('export.county.status', (r, l) => (r.assessment ? t(stateKey('CountyAssessment', r.assessment.status), l) : t('export.county.notStarted', l)), 10),
  ],
};
