// The project lists as spreadsheets, in the columns the console shows (zh-CN by default): a reviewer's queue, the
// project list, the deadlines, the open public notices.
import { col, type ListExport } from '../core/export/list-columns.js';
import { registerMessages, t } from '../core/i18n.js';
import { stateKey } from '../core/workflow/machine.js';
import type { DeadlineList, ProjectListItem, PublicNoticeView, QueuePage } from './project-schema.js';
import { NEXT_STEP, partyName, type PARTIES, STAGE_LINE, STAGE_OF, type ProjectState } from './workflow.js';

registerMessages({
  'export.project.code': { 'zh-CN': '项目编号', en: 'Number' },
  'export.project.name': { 'zh-CN': '项目名称', en: 'Project' },
  'export.project.org': { 'zh-CN': '建设单位', en: 'Organisation' },
  'export.project.type': { 'zh-CN': '项目类型', en: 'Type' },
  'export.project.status': { 'zh-CN': '状态', en: 'State' },
  'export.project.progress': { 'zh-CN': '进度', en: 'Progress' },
  'export.project.totalBudget': { 'zh-CN': '项目总预算（元）', en: 'Total budget (CNY)' },
  'export.project.approvedBudget': { 'zh-CN': '核定金额（元）', en: 'Approved (CNY)' },
  'export.project.submittedAt': { 'zh-CN': '提交时间', en: 'Submitted' },
  'export.project.updatedAt': { 'zh-CN': '更新时间', en: 'Updated' },
  'export.project.waiting': { 'zh-CN': '已等待（工作日）', en: 'Waiting (working days)' },
  'export.project.progressText': { 'zh-CN': '第 {n}/{total} 步', en: 'step {n} of {total}' },
  'export.project.waitingOn': { 'zh-CN': '待{party}办理', en: 'waiting for {party}' },
  'projectType.NEW': { 'zh-CN': '新建', en: 'New' },
  'projectType.UPGRADE': { 'zh-CN': '升级改造', en: 'Upgrade' },
  'projectType.OM': { 'zh-CN': '运维', en: 'Operations & maintenance' },
  'export.deadline.title': { 'zh-CN': '事项', en: 'Obligation' },
  'export.deadline.article': { 'zh-CN': '依据条款', en: 'Article' },
  'export.deadline.due': { 'zh-CN': '截止日期', en: 'Due' },
  'export.deadline.left': { 'zh-CN': '剩余', en: 'Left' },
  'export.deadline.leftDays': { 'zh-CN': '剩 {n} 个工作日', en: '{n} working days left' },
  'export.deadline.overdue': { 'zh-CN': '已逾期', en: 'Overdue' },
  'export.deadline.met': { 'zh-CN': '已完成', en: 'Met' },
  'export.deadline.reminders': { 'zh-CN': '催办', en: 'Reminders' },
  'export.deadline.remindedTimes': { 'zh-CN': '已催办 {n} 次（最近 {day}）', en: 'reminded {n}× (last {day})' },
  'export.notice.title': { 'zh-CN': '公示标题', en: 'Notice' },
  'export.notice.amount': { 'zh-CN': '拟安排资金（元）', en: 'Amount (CNY)' },
  'export.notice.start': { 'zh-CN': '公示开始', en: 'From' },
  'export.notice.end': { 'zh-CN': '公示截止', en: 'Until' },
  'export.notice.objections': { 'zh-CN': '异议数', en: 'Objections' },
  'file.notices': { 'zh-CN': '公示清单', en: 'notices' },
  'file.queue': { 'zh-CN': '审核队列-{stage}', en: 'queue-{stage}' },
  'file.projects': { 'zh-CN': '项目清单', en: 'projects' },
  'file.deadlines': { 'zh-CN': '期限清单', en: 'deadlines' },
});

type QueueItem = QueuePage['items'][number];
type DeadlineItem = DeadlineList['items'][number];

const head = {
  code: col.text<ProjectListItem>('export.project.code', (p) => p.code, 16),
  name: col.text<ProjectListItem>('export.project.name', (p) => p.name, 36),
  org: col.text<ProjectListItem>('export.project.org', (p) => p.orgName, 24),
  totalBudget: col.money<ProjectListItem>('export.project.totalBudget', (p) => p.totalBudget),
  approvedBudget: col.money<ProjectListItem>('export.project.approvedBudget', (p) => p.approvedBudget),
};

export const QUEUE_EXPORT: ListExport<QueueItem> = {
  file: 'queue',
  title: 'file.queue',
  columns: [
    head.code,
    head.name,
    head.org,
    head.totalBudget,
    head.approvedBudget,
    col.time<QueueItem>('export.project.submittedAt', (p) => p.submittedAt),
    col.number<QueueItem>('export.project.waiting', (p) => p.waitingWorkingDays, 14),
  ],
};

/** Where a project stands on the line of stages, as the list's progress column says it. */
function progressText(status: string, jurisdiction: string, locale: 'zh-CN' | 'en'): string {
  const state = status as ProjectState;
  const step = t('export.project.progressText', locale, { n: STAGE_LINE.indexOf(STAGE_OF[state]) + 1, total: STAGE_LINE.length });
  const next = (NEXT_STEP as Partial<Record<ProjectState, { party: keyof typeof PARTIES }>>)[state];
  return next ? `${step} · ${t('export.project.waitingOn', locale, { party: partyName(next.party, jurisdiction, locale) })}` : step;
}

export const PROJECT_LIST_EXPORT: ListExport<ProjectListItem> = {
  file: 'projects',
  title: 'file.projects',
  columns: [
    head.code,
    head.name,
    head.org,
    col.text<ProjectListItem>('export.project.type', (p, l) => t(`projectType.${p.type}`, l), 12),
    col.text<ProjectListItem>('export.project.status', (p, l) => t(stateKey('Project', p.status), l), 14),
    col.text<ProjectListItem>('export.project.progress', (p, l) => progressText(p.status, p.jurisdiction, l), 24),
    head.totalBudget,
    head.approvedBudget,
    col.time<ProjectListItem>('export.project.updatedAt', (p) => p.updatedAt),
  ],
};

/** Whose obligation a deadline is: its project, or its migrated system. */
const ownerOf = (d: DeadlineItem) => (d.project ?? d.system)!;

export const DEADLINE_EXPORT: ListExport<DeadlineItem> = {
  file: 'deadlines',
  title: 'file.deadlines',
  columns: [
    col.text<DeadlineItem>('export.deadline.title', (d) => d.title, 36),
    col.text<DeadlineItem>('export.deadline.article', (d) => d.article, 12),
    col.text<DeadlineItem>('export.project.code', (d) => ownerOf(d).code, 16),
    col.text<DeadlineItem>('export.project.name', (d) => ownerOf(d).name, 30),
    col.text<DeadlineItem>('export.project.org', (d) => ownerOf(d).orgName, 24),
    col.date<DeadlineItem>('export.deadline.due', (d) => d.dueDate),
    col.text<DeadlineItem>('export.deadline.left', (d, l) =>
      d.metAt ? t('export.deadline.met', l) : d.overdue ? t('export.deadline.overdue', l) : t('export.deadline.leftDays', l, { n: d.workingDaysLeft ?? 0 }),
    14),
    col.text<DeadlineItem>('export.deadline.reminders', (d, l) => (d.reminders.count ? t('export.deadline.remindedTimes', l, { n: d.reminders.count, day: d.reminders.lastDay ?? '' }) : ''), 24),
  ],
};

export const NOTICE_EXPORT: ListExport<PublicNoticeView> = {
  file: 'notices',
  title: 'file.notices',
  columns: [
    col.text<PublicNoticeView>('export.notice.title', (n) => n.title, 36),
    col.text<PublicNoticeView>('export.project.code', (n) => n.project.code, 16),
    col.text<PublicNoticeView>('export.project.name', (n) => n.project.name, 30),
    col.text<PublicNoticeView>('export.project.org', (n) => n.project.orgName, 24),
    col.money<PublicNoticeView>('export.notice.amount', (n) => n.amount),
    col.date<PublicNoticeView>('export.notice.start', (n) => n.startDate),
    col.date<PublicNoticeView>('export.notice.end', (n) => n.endDate),
    col.number<PublicNoticeView>('export.notice.objections', (n) => n.objections, 8),
  ],
};
