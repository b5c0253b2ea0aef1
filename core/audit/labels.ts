// What each audit action is called, in the reader's language: the trail shows "提交" and "登录", not project.submit
// and auth.login (the codes stay in the API and the export). The state machines' actions are named by the runner
// from their tables; every other action is named beside the code that records it, with registerAuditActions.
// Outside production, recording an action that has no name is an error, so a new action cannot reach the trail
// unnamed (core/audit/audit.ts).
import { hasMessage, registerMessages, t, type Locale } from '../i18n.js';

type Label = { 'zh-CN': string; en: string };

const keyOf = (action: string) => `audit.${action}`;

export function registerAuditActions(labels: Record<string, Label>): void {
  registerMessages(Object.fromEntries(Object.entries(labels).map(([action, label]) => [keyOf(action), label])));
}

export const isAuditActionNamed = (action: string): boolean => hasMessage(keyOf(action));

/** The action's name in `locale`; its code when it has none (records written before it was named). */
export const auditActionLabel = (action: string, locale: Locale): string => (isAuditActionNamed(action) ? t(keyOf(action), locale) : action);

registerAuditActions({
  'auth.login': { 'zh-CN': '登录', en: 'Sign-in' },
  'auth.logout': { 'zh-CN': '退出登录', en: 'Sign-out' },
  'auth.password.change': { 'zh-CN': '修改密码', en: 'Password change' },
  'access.denied': { 'zh-CN': '越权访问被拒绝', en: 'Access refused' },
  'transition.refused': { 'zh-CN': '操作被拒绝', en: 'Action refused' },
  'audit.verify': { 'zh-CN': '校验审计链', en: 'Audit chain check' },
  'audit.export': { 'zh-CN': '导出审计记录', en: 'Audit export' },
  'audit.checkpoint': { 'zh-CN': '签署审计链检查点', en: 'Audit chain checkpoint' },
});
