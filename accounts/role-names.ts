// The roles by name, for what the server writes for people (the audit export); registered as role.<ROLE>.
import type { Role } from '../core/db/generated/enums.js';
import { registerMessages } from '../core/i18n.js';

export const ROLE_NAMES: Record<Role, { 'zh-CN': string; en: string }> = {
  SYSADMIN: { 'zh-CN': '系统管理员', en: 'System administrator' },
  SECADMIN: { 'zh-CN': '安全管理员', en: 'Security administrator' },
  AUDITOR: { 'zh-CN': '审计管理员', en: 'Audit administrator' },
  GIA_REVIEWER: { 'zh-CN': '政务信息管理局审核员', en: 'GIA reviewer' },
  FINANCE_REVIEWER: { 'zh-CN': '财政局审核员', en: 'Finance reviewer' },
  BDC_OPERATOR: { 'zh-CN': '大数据分中心运维人员', en: 'Sub-center operator' },
  DEPT_USER: { 'zh-CN': '市直部门用户', en: 'City department user' },
  COUNTY_USER: { 'zh-CN': '县（市、区）用户', en: 'County user' },
};

registerMessages(Object.fromEntries(Object.entries(ROLE_NAMES).map(([role, name]) => [`role.${role}`, name])));
