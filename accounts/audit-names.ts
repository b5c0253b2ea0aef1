// The trail's names for what is recorded on accounts and organisations (core/audit/labels.ts; sign-ins are named there).
import { registerAuditActions } from '../core/audit/labels.js';
import { nameIn } from '../core/i18n.js';
import { uuidsIn, type TargetNamers } from '../core/audit/targets.js';

registerAuditActions({
  'accounts.seed.demo': { 'zh-CN': '创建演示账号', en: 'Demo accounts created' },
  'accounts.seed.bootstrap': { 'zh-CN': '创建初始管理员', en: 'First administrators created' },
  'user.create': { 'zh-CN': '创建账号', en: 'Account created' },
  'user.update': { 'zh-CN': '修改账号', en: 'Account changed' },
  'user.role.change': { 'zh-CN': '变更账号角色', en: 'Role changed' },
  'user.unlock': { 'zh-CN': '解锁账号', en: 'Account unlocked' },
  'user.password.reset': { 'zh-CN': '重置密码', en: 'Password reset' },
  'organisation.create': { 'zh-CN': '新增单位', en: 'Organisation added' },
  'organisation.update': { 'zh-CN': '修改单位', en: 'Organisation changed' },
  'organisation.alias.add': { 'zh-CN': '新增单位别名', en: 'Organisation alias added' },
  'organisation.alias.remove': { 'zh-CN': '删除单位别名', en: 'Organisation alias removed' },
});

export const accountTargets: TargetNamers = {
  User: async (db, ids) => {
    const rows = await db.user.findMany({ where: { id: { in: uuidsIn(ids) } }, select: { id: true, username: true, displayName: true } });
    return new Map(rows.map((u) => [u.id, `${u.displayName}（${u.username}）`]));
  },
  Organisation: async (db, ids, locale) => {
    const rows = await db.organisation.findMany({ where: { id: { in: uuidsIn(ids) } }, select: { id: true, name: true, nameEn: true } });
    return new Map(rows.map((o) => [o.id, nameIn(locale, o.name, o.nameEn)]));
  },
};
