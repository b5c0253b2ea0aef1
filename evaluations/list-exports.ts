// A spot-check's sampled self-evaluations and their results as a spreadsheet, in the columns the console shows.
import { col, type ListExport } from '../core/export/list-columns.js';
import { registerMessages, t } from '../core/i18n.js';
import type { SpotCheckView } from './evaluation-schema.js';
import { SPOT_CHECK_RESULT_LABELS } from './spot-check-workflow.js';

registerMessages({
  'export.spotCheck.position': { 'zh-CN': '抽取顺序', en: 'Drawn' },
  'export.spotCheck.project': { 'zh-CN': '项目', en: 'Project' },
  'export.spotCheck.org': { 'zh-CN': '项目实施单位', en: 'Organisation' },
  'export.spotCheck.selfScore': { 'zh-CN': '自评分', en: 'Self score' },
  'export.spotCheck.result': { 'zh-CN': '抽查结果', en: 'Result' },
  'export.spotCheck.findings': { 'zh-CN': '抽查意见', en: 'Findings' },
  'export.spotCheck.recordedAt': { 'zh-CN': '登记时间', en: 'Recorded' },
  'export.spotCheck.pending': { 'zh-CN': '待登记', en: 'Pending' },
  'file.spotCheck': { 'zh-CN': '{year}年度自评价抽查结果', en: 'spot-check-{year}' },
  ...Object.fromEntries(Object.entries(SPOT_CHECK_RESULT_LABELS).map(([k, label]) => [`spotCheckResult.${k}`, label])),
});

type Item = SpotCheckView['items'][number];

export const SPOT_CHECK_EXPORT: ListExport<Item> = {
  file: 'spot-check',
  title: 'file.spotCheck',
  columns: [
    col.number<Item>('export.spotCheck.position', (i) => i.position + 1, 8),
    col.text<Item>('export.spotCheck.project', (i) => `${i.project.code} ${i.project.name}`, 40),
    col.text<Item>('export.spotCheck.org', (i) => i.project.orgName, 24),
    col.number<Item>('export.spotCheck.selfScore', (i) => i.selfScore, 10),
    col.text<Item>('export.spotCheck.result', (i, locale) => t(i.result ? `spotCheckResult.${i.result}` : 'export.spotCheck.pending', locale), 12),
    col.text<Item>('export.spotCheck.findings', (i) => i.findings, 50),
    col.text<Item>('export.spotCheck.recordedAt', (i) => i.recordedAt?.slice(0, 10), 12),
  ],
};
