// The organisations and the accounts as spreadsheets, in the columns the console shows (zh-CN by default). An
// account's row is its view as the reader may read it (users.ts applies the field rules of core/access): a field the
// reader may not see is an empty cell, and no secret (password hash, second factor) is ever in the view.
import { col, type ListExport } from '../core/export/list-columns.js';
import { registerMessages, t } from '../core/i18n.js';
import type { OrganisationView, UserView } from './account-schema.js';
import { ORG_KIND_NAMES } from './vocabulary.js';
import './role-names.js';

registerMessages({
  ...Object.fromEntries(Object.entries(ORG_KIND_NAMES).map(([kind, name]) => [`orgKind.${kind}`, name])),
  'export.org.code': { 'zh-CN': '单位代码', en: 'Code' },
  'export.org.name': { 'zh-CN': '单位名称', en: 'Name' },
  'export.org.nameEn': { 'zh-CN': '英文名称', en: 'English name' },
  'export.org.kind': { 'zh-CN': '类型', en: 'Kind' },
  'export.org.active': { 'zh-CN': '状态', en: 'State' },
  'export.org.activeOn': { 'zh-CN': '启用', en: 'Active' },
  'export.org.activeOff': { 'zh-CN': '停用', en: 'Inactive' },
  'export.user.username': { 'zh-CN': '用户名', en: 'Username' },
  'export.user.displayName': { 'zh-CN': '姓名', en: 'Name' },
  'export.user.org': { 'zh-CN': '所属单位', en: 'Organisation' },
  'export.user.role': { 'zh-CN': '角色', en: 'Role' },
  'export.user.state': { 'zh-CN': '账号状态', en: 'State' },
  'export.user.disabled': { 'zh-CN': '已停用', en: 'Disabled' },
  'export.user.locked': { 'zh-CN': '已锁定', en: 'Locked' },
  'export.user.normal': { 'zh-CN': '正常', en: 'Normal' },
  'export.user.lastLogin': { 'zh-CN': '最近登录', en: 'Last sign-in' },
  'file.orgs': { 'zh-CN': '单位清单', en: 'organisations' },
  'file.users': { 'zh-CN': '账号清单', en: 'accounts' },
});

export const ORG_EXPORT: ListExport<OrganisationView> = {
  file: 'organisations',
  title: 'file.orgs',
  columns: [
    col.text<OrganisationView>('export.org.code', (o) => o.code, 16),
    col.text<OrganisationView>('export.org.name', (o) => o.name, 36),
    col.text<OrganisationView>('export.org.nameEn', (o) => o.nameEn, 36),
    col.text<OrganisationView>('export.org.kind', (o, l) => t(`orgKind.${o.kind}`, l), 16),
    col.text<OrganisationView>('export.org.active', (o, l) => t(o.active ? 'export.org.activeOn' : 'export.org.activeOff', l), 8),
  ],
};

/** The state the console shows: disabled, locked (when the reader may see the lock), or normal. */
function userState(u: UserView, now: Date): 'disabled' | 'locked' | 'normal' {
  if (u.disabled) return 'disabled';
  return u.lockedUntil && new Date(u.lockedUntil) > now ? 'locked' : 'normal';
}

export const USER_EXPORT: ListExport<UserView> = {
  file: 'accounts',
  title: 'file.users',
  columns: [
    col.text<UserView>('export.user.username', (u) => u.username, 16),
    col.text<UserView>('export.user.displayName', (u) => u.displayName, 16),
    col.text<UserView>('export.user.org', (u) => u.org.name, 30),
    col.text<UserView>('export.user.role', (u, l) => t(`role.${u.role}`, l), 20),
    col.text<UserView>('export.user.state', (u, l) => t(`export.user.${userState(u, new Date())}`, l), 10),
    col.time<UserView>('export.user.lastLogin', (u) => u.lastLoginAt),
  ],
};
