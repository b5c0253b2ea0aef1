// A reviewer's queue as a spreadsheet, in the columns the console shows (zh-CN by default).
import { shanghaiTime, tableXlsx } from '../core/export/table-xlsx.js';
import { registerMessages, t, type Locale } from '../core/i18n.js';
import { stateKey } from '../core/workflow/machine.js';
import type { QueuePage } from './project-schema.js';

registerMessages({
  'export.queue.code': { 'zh-CN': '项目编号', en: 'Number' },
  'export.queue.name': { 'zh-CN': '项目名称', en: 'Project' },
  'export.queue.org': { 'zh-CN': '建设单位', en: 'Organisation' },
  'export.queue.totalBudget': { 'zh-CN': '项目总预算（元）', en: 'Total budget (CNY)' },
  'export.queue.approvedBudget': { 'zh-CN': '核定金额（元）', en: 'Approved (CNY)' },
  'export.queue.submittedAt': { 'zh-CN': '提交时间', en: 'Submitted' },
  'export.queue.waiting': { 'zh-CN': '已等待（工作日）', en: 'Waiting (working days)' },
  'file.queue': { 'zh-CN': '审核队列-{stage}', en: 'queue-{stage}' },
});

export async function queueXlsx(page: QueuePage, locale: Locale): Promise<Buffer> {
  const h = (key: string, width: number, numFmt?: string) => ({ header: t(`export.queue.${key}`, locale), width, numFmt });
  return tableXlsx([
    {
      name: t(stateKey('Project', page.stage), locale),
      columns: [h('code', 16), h('name', 36), h('org', 24), h('totalBudget', 16, '#,##0.00'), h('approvedBudget', 16, '#,##0.00'), h('submittedAt', 18), h('waiting', 14)],
      rows: page.items.map((p) => [p.code, p.name, p.orgName, p.totalBudget, p.approvedBudget, shanghaiTime(p.submittedAt, 'minute'), p.waitingWorkingDays]),
    },
  ]);
}
