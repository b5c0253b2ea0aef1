// The register's words for its fixed choices, zh-CN and English: the spreadsheet's columns and drop-downs and
// the web console's labels both use these, so a file and the screen never name a state differently.
import type { Locale } from '../core/i18n.js';
import type { HostingType, Level, Strategy, XinchuangStatus } from './vocabulary.js';
import { MIGRATION_MACHINE, type MigrationState } from './workflow.js';

export type Labels<K extends string> = Record<K, Record<Locale, string>>;

export const HOSTING_LABELS: Labels<HostingType> = {
  OWN_ROOM: { 'zh-CN': '自建机房', en: 'Own server room' },
  INDUSTRY_CLOUD: { 'zh-CN': '行业云', en: 'Industry cloud' },
  COUNTY_CLOUD: { 'zh-CN': '县级云', en: 'County cloud' },
  OTHER_PROVIDER: { 'zh-CN': '其他服务商', en: 'Other provider' },
  CITY_CLOUD: { 'zh-CN': '市政务云', en: 'City government cloud' },
};

export const XINCHUANG_LABELS: Labels<XinchuangStatus> = {
  NONE: { 'zh-CN': '未适配', en: 'Not adapted' },
  PARTIAL: { 'zh-CN': '部分适配', en: 'Partly adapted' },
  FULL: { 'zh-CN': '全栈信创', en: 'Full stack' },
};

export const STRATEGY_LABELS: Labels<Strategy> = {
  REHOST: { 'zh-CN': '直接迁移', en: 'Rehost' },
  REPLATFORM: { 'zh-CN': '平台优化迁移', en: 'Replatform' },
  REFACTOR: { 'zh-CN': '重构上云', en: 'Refactor' },
  REPURCHASE: { 'zh-CN': '改用目录SaaS服务', en: 'Repurchase (catalog SaaS)' },
  RETIRE: { 'zh-CN': '下线', en: 'Retire' },
  RETAIN_EXEMPT: { 'zh-CN': '保留（豁免）', en: 'Retain (exempt)' },
};

export const LEVEL_LABELS: Labels<Level> = {
  LOW: { 'zh-CN': '低', en: 'Low' },
  MEDIUM: { 'zh-CN': '中', en: 'Medium' },
  HIGH: { 'zh-CN': '高', en: 'High' },
};

/** the machine's own state names (migration/workflow.ts) */
export const STATUS_LABELS: Labels<MigrationState> = MIGRATION_MACHINE.stateLabels;
