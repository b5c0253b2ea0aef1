// What a person is told of: each event's name, and its message in zh-CN and English. A message's parameters come
// from the notification (notify.ts): `name` is the object's name, a parameter ending in `Key` is a message key shown
// in the reader's language (a state or an action), `due` the deadline.
import { registerMessages, t, type Locale } from '../core/i18n.js';

export const NOTIFICATION_EVENTS = [
  'PROJECT_AT_STAGE',
  'PROJECT_RETURNED',
  'PROJECT_REJECTED',
  'PROJECT_APPROVED',
  'PROJECT_STATE_CHANGED',
  'NOTICE_OBJECTION',
  'RECTIFICATION_NOTICE',
  'DEADLINE_DUE_SOON',
  'DEADLINE_DUE_TODAY',
  'DEADLINE_OVERDUE',
  'DEADLINE_ESCALATED',
  'REQUEST_SUBMITTED',
  'REQUEST_DECIDED',
  'JOB_SUCCEEDED',
  'JOB_FAILED',
  'REVISION_AT_STAGE',
  'REVISION_PUBLISHED',
  'WAVE_STARTED',
  'WAVE_SLIPPED',
  'SURVEY_OPENED',
  'SURVEY_REMINDED',
  'SURVEY_RETURNED',
  'SURVEY_ANSWERED',
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

type Text = { 'zh-CN': string; en: string };

/** each event's name (preferences, filters) and its message */
export const EVENT_TEXTS: Record<NotificationEvent, { label: Text; message: Text }> = {
  PROJECT_AT_STAGE: {
    label: { 'zh-CN': '项目待我处理', en: 'A project reaches my stage' },
    message: { 'zh-CN': '项目「{name}」已进入「{stageKey}」，待您处理', en: 'Project "{name}" is at {stageKey} and waits for you' },
  },
  PROJECT_RETURNED: {
    label: { 'zh-CN': '项目被退回', en: 'A project is returned' },
    message: { 'zh-CN': '项目「{name}」被退回修改：{reason}', en: 'Project "{name}" was returned for changes: {reason}' },
  },
  PROJECT_REJECTED: {
    label: { 'zh-CN': '项目未通过', en: 'A project is rejected' },
    message: { 'zh-CN': '项目「{name}」审核未通过：{reason}', en: 'Project "{name}" was rejected: {reason}' },
  },
  PROJECT_APPROVED: {
    label: { 'zh-CN': '项目批复', en: 'A project is approved' },
    message: { 'zh-CN': '项目「{name}」已{actionKey}', en: 'Project "{name}": {actionKey}' },
  },
  PROJECT_STATE_CHANGED: {
    label: { 'zh-CN': '项目状态变更', en: 'A project changes state' },
    message: { 'zh-CN': '项目「{name}」已{actionKey}，当前状态「{stageKey}」', en: 'Project "{name}": {actionKey}; now {stageKey}' },
  },
  NOTICE_OBJECTION: {
    label: { 'zh-CN': '公示收到异议', en: 'A notice gets an objection' },
    message: { 'zh-CN': '项目「{name}」的公示收到异议，请在公示期内处理', en: 'The public notice of project "{name}" received an objection' },
  },
  RECTIFICATION_NOTICE: {
    label: { 'zh-CN': '整改通知', en: 'A rectification notice' },
    message: { 'zh-CN': '项目「{name}」收到整改通知，请于 {due} 前报送整改报告', en: 'Project "{name}" received a rectification notice; report by {due}' },
  },
  DEADLINE_DUE_SOON: {
    label: { 'zh-CN': '事项即将到期', en: 'An obligation is due soon' },
    message: { 'zh-CN': '「{title}」（{name}）将于 {due} 到期，还剩 {days} 个工作日', en: '"{title}" ({name}) is due on {due}, {days} working day(s) left' },
  },
  DEADLINE_DUE_TODAY: {
    label: { 'zh-CN': '事项今日到期', en: 'An obligation is due today' },
    message: { 'zh-CN': '「{title}」（{name}）今日（{due}）到期', en: '"{title}" ({name}) is due today ({due})' },
  },
  DEADLINE_OVERDUE: {
    label: { 'zh-CN': '事项已逾期', en: 'An obligation is overdue' },
    message: { 'zh-CN': '「{title}」（{name}）已于 {due} 到期，逾期 {days} 个工作日', en: '"{title}" ({name}) was due on {due}: {days} working day(s) overdue' },
  },
  DEADLINE_ESCALATED: {
    label: { 'zh-CN': '逾期事项报告督办', en: 'An overdue obligation is escalated' },
    message: { 'zh-CN': '{org}的「{title}」（{name}）已逾期 {days} 个工作日（应于 {due} 完成），请督办', en: '{org}: "{title}" ({name}) is {days} working day(s) overdue (due {due}); please follow it up' },
  },
  REQUEST_SUBMITTED: {
    label: { 'zh-CN': '资源申请待审核', en: 'A resource request waits' },
    message: { 'zh-CN': '资源申请「{name}」已提交，待审核开通', en: 'Resource request "{name}" was submitted and waits for review' },
  },
  REQUEST_DECIDED: {
    label: { 'zh-CN': '资源申请已处理', en: 'A resource request is decided' },
    message: { 'zh-CN': '资源申请「{name}」已{actionKey}', en: 'Resource request "{name}": {actionKey}' },
  },
  JOB_SUCCEEDED: {
    label: { 'zh-CN': '资源开通成功', en: 'Provisioning succeeded' },
    message: { 'zh-CN': '资源申请「{name}」的{kindKey}作业已成功', en: 'The {kindKey} job of resource request "{name}" succeeded' },
  },
  JOB_FAILED: {
    label: { 'zh-CN': '资源开通失败', en: 'Provisioning failed' },
    message: { 'zh-CN': '资源申请「{name}」的{kindKey}作业失败：{reason}', en: 'The {kindKey} job of resource request "{name}" failed: {reason}' },
  },
  REVISION_AT_STAGE: {
    label: { 'zh-CN': '目录修订待我处理', en: 'A catalog revision waits for me' },
    message: { 'zh-CN': '服务目录修订「{name}」已进入「{stageKey}」，待您处理', en: 'Catalog revision "{name}" is {stageKey} and waits for you' },
  },
  REVISION_PUBLISHED: {
    label: { 'zh-CN': '服务目录发布', en: 'A catalog revision is published' },
    message: { 'zh-CN': '服务目录修订「{name}」已发布', en: 'Catalog revision "{name}" was published' },
  },
  WAVE_STARTED: {
    label: { 'zh-CN': '迁移批次开始', en: 'A migration wave starts' },
    message: { 'zh-CN': '迁移批次「{name}」自 {start} 开始，计划于 {due} 完成', en: 'Migration wave "{name}" starts on {start}, to finish by {due}' },
  },
  WAVE_SLIPPED: {
    label: { 'zh-CN': '迁移批次延误', en: 'A migration wave slips' },
    message: { 'zh-CN': '迁移批次「{name}」计划于 {due} 完成，仍有 {count} 个系统未完成迁移', en: 'Migration wave "{name}" was due on {due}; {count} system(s) are not migrated yet' },
  },
  SURVEY_OPENED: {
    label: { 'zh-CN': '迁移摸底调查待填报', en: 'A migration survey asks my organisation' },
    message: { 'zh-CN': '迁移摸底调查「{name}」请于 {due} 前确认本单位的系统目录并报送', en: 'Migration survey "{name}": confirm your register of systems and submit by {due}' },
  },
  SURVEY_REMINDED: {
    label: { 'zh-CN': '迁移摸底调查催报', en: 'A migration survey reminder' },
    message: { 'zh-CN': '迁移摸底调查「{name}」截止日期 {due}，本单位尚未报送，请尽快填报', en: 'Migration survey "{name}" is due on {due} and your organisation has not answered yet' },
  },
  SURVEY_RETURNED: {
    label: { 'zh-CN': '迁移摸底填报被退回', en: 'A survey answer is sent back' },
    message: { 'zh-CN': '迁移摸底调查「{name}」的填报被退回：{reason}', en: 'Your answer to migration survey "{name}" was sent back: {reason}' },
  },
  SURVEY_ANSWERED: {
    label: { 'zh-CN': '单位已完成摸底填报', en: 'An organisation answers a survey' },
    message: { 'zh-CN': '{org}已完成迁移摸底调查「{name}」的填报（{stateKey}）', en: '{org} answered migration survey "{name}" ({stateKey})' },
  },
};

registerMessages({
  'jobKind.PROVISION': { 'zh-CN': '开通', en: 'provisioning' },
  'jobKind.DEPROVISION': { 'zh-CN': '释放', en: 'deprovisioning' },
  'jobKind.REPAIR': { 'zh-CN': '修复', en: 'repair' },
});
registerMessages(Object.fromEntries(NOTIFICATION_EVENTS.flatMap((e) => [[`event.${e}`, EVENT_TEXTS[e].label], [`notification.${e}`, EVENT_TEXTS[e].message]])));

/** The notification's text in `locale`. */
export function renderMessage(event: string, params: Record<string, unknown>, locale: Locale): string {
  const shown: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) {
    shown[k] = k.endsWith('Key') && typeof v === 'string' ? t(v, locale) : typeof v === 'number' ? v : String(v ?? '');
  }
  return t(`notification.${event}`, locale, shown);
}

export const eventLabel = (event: string, locale: Locale) => t(`event.${event}`, locale);
