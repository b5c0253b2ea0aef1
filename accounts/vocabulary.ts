// The words of accounts, declared once: the roles (and which are separated administrator duties, 三员分立) and the
// kinds of organisation. Pure data with type-only imports, so the server, the seed and the console all read them.
import type { OrgKind, Role } from '../core/db/generated/enums.js';

export const ADMIN_ROLES = ['SYSADMIN', 'SECADMIN', 'AUDITOR'] as const satisfies readonly Role[];
export const BUSINESS_ROLES = [
  'GIA_REVIEWER',
  'FINANCE_REVIEWER',
  'BDC_OPERATOR',
  'DEPT_USER',
  'COUNTY_USER',
] as const satisfies readonly Role[];
export const ALL_ROLES = [...ADMIN_ROLES, ...BUSINESS_ROLES] as const satisfies readonly Role[];

export const ORG_KINDS = ['GIA', 'FINANCE', 'BDC', 'DEPARTMENT', 'COUNTY'] as const satisfies readonly OrgKind[];

/** The roles by name, for people (the console, the audit export). */
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

/** The kinds of organisation by name, for people (the organisations' export). */
export const ORG_KIND_NAMES: Record<OrgKind, { 'zh-CN': string; en: string }> = {
  GIA: { 'zh-CN': '政务信息管理局', en: 'Government Information Administration' },
  FINANCE: { 'zh-CN': '财政局', en: 'Finance Bureau' },
  BDC: { 'zh-CN': '大数据分中心', en: 'Big Data sub-center' },
  DEPARTMENT: { 'zh-CN': '市直部门', en: 'Municipal department' },
  COUNTY: { 'zh-CN': '县（市、区）', en: 'County' },
};

export type { OrgKind, Role };
