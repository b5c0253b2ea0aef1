// Roles and which of them are separated administrator duties (三员分立).
import type { Role } from '../db/generated/enums.js';

export const ADMIN_ROLES = ['SYSADMIN', 'SECADMIN', 'AUDITOR'] as const satisfies readonly Role[];
export const BUSINESS_ROLES = [
  'GIA_REVIEWER',
  'FINANCE_REVIEWER',
  'BDC_OPERATOR',
  'DEPT_USER',
  'COUNTY_USER',
] as const satisfies readonly Role[];
export const ALL_ROLES = [...ADMIN_ROLES, ...BUSINESS_ROLES] as const;

export const ROLE_LABELS: Record<Role, { 'zh-CN': string; en: string }> = {
  SYSADMIN: { 'zh-CN': '系统管理员', en: 'System administrator' },
  SECADMIN: { 'zh-CN': '安全管理员', en: 'Security administrator' },
  AUDITOR: { 'zh-CN': '审计管理员', en: 'Audit administrator' },
  GIA_REVIEWER: { 'zh-CN': '政务信息管理局审核员', en: 'GIA reviewer' },
  FINANCE_REVIEWER: { 'zh-CN': '财政局审核员', en: 'Finance reviewer' },
  BDC_OPERATOR: { 'zh-CN': '大数据分中心运维人员', en: 'Big-data sub-center operator' },
  DEPT_USER: { 'zh-CN': '市直部门用户', en: 'City department user' },
  COUNTY_USER: { 'zh-CN': '县（市、区）用户', en: 'County user' },
};

export type { Role };
