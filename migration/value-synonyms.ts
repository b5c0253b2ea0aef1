// How offices really write the register's fixed values: every accepted spelling of each hosting type, 等保 level,
// 信创 status, yes/no and migration strategy, zh-CN and English. The import reads these; the template's sheet
// 可接受的写法 lists them. Matching ignores spaces, case and full-width forms (NFKC); codes and the labels of
// migration/labels.ts are always accepted besides.
import type { Locale } from '../core/i18n.js';
import { HOSTING_LABELS, STRATEGY_LABELS, XINCHUANG_LABELS, type Labels } from './labels.js';
import type { HostingType, Strategy, XinchuangStatus } from './vocabulary.js';

/** Text of a fixed value as compared: NFKC, no spaces, lower case, no trailing full stop. */
export const normaliseValue = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[。.]$/, '')
    .toLowerCase();

/** Accepted spellings besides the code and the two labels, by value. */
export const HOSTING_SYNONYMS: Record<HostingType, string[]> = {
  OWN_ROOM: ['自有机房', '本单位机房', '单位机房', '自建', '本地机房', '本地部署', '自建服务器', '本单位服务器', '内部机房', 'on-premises', 'on premise', 'own room'],
  INDUSTRY_CLOUD: ['行业专有云', '部委云', '省级行业云', '上级部门云', '省直部门云', '垂直行业云', '国家部委云', 'industry'],
  COUNTY_CLOUD: ['县级政务云', '县政务云', '县区政务云', '区县政务云', '县（市、区）政务云', '县区云', 'county'],
  OTHER_PROVIDER: ['第三方服务商', '第三方', '第三方托管', '服务商托管', '运营商机房', '租用机房', '托管机房', '公有云', 'third party', 'provider'],
  CITY_CLOUD: ['市级政务云', '政务云', '市政务云平台', '运城市政务云', '已上云', 'city cloud', 'government cloud'],
};

export const XINCHUANG_SYNONYMS: Record<XinchuangStatus, string[]> = {
  NONE: ['否', '无', '未开展', '不适配', '未信创', 'no', 'none'],
  PARTIAL: ['部分', '部分信创', '部分完成', 'partial', 'partly'],
  FULL: ['已适配', '全部适配', '完全适配', '全栈', '全面适配', '是', 'full', 'yes'],
};

export const STRATEGY_SYNONYMS: Record<Strategy, string[]> = {
  REHOST: ['直接迁移', '平迁', '原样迁移', '整体迁移', '重新托管', '主机迁移', 'lift and shift', 'lift-and-shift', 're-host', 'rehosting'],
  REPLATFORM: ['平台迁移', '优化迁移', '改造迁移', '平台优化', 're-platform', 'replatforming', 'lift and reshape'],
  REFACTOR: ['重构', '重构迁移', '改造上云', '重新架构', 'rearchitect', 're-architect', 're-factor', 'refactoring'],
  REPURCHASE: ['改用SaaS', '改用SaaS服务', '采购服务', '重新采购', '购买服务', 'SaaS', 're-purchase', 'replace'],
  RETIRE: ['停用', '下线停用', '淘汰', '关停', '退役', '废弃', 'decommission', 'retirement'],
  RETAIN_EXEMPT: ['保留', '豁免', '暂缓迁移', '不迁移', '保持现状', 'retain', 'exempt', 'keep'],
};

/** 等保 levels 1–4: every prefix/suffix combination offices use (二级, 第二级, 2级, 等保二级, 二级等保, level 2 …). */
const LEVEL_DIGITS = ['一', '二', '三', '四'] as const;
export function mlpsSynonyms(level: 1 | 2 | 3 | 4): string[] {
  const zh = LEVEL_DIGITS[level - 1]!;
  const out: string[] = [];
  for (const d of [zh, String(level)]) out.push(`第${d}级`, `${d}级`, `等保${d}级`, `等保第${d}级`, `${d}级等保`, `等级保护${d}级`, `等级保护第${d}级`);
  out.push(String(level), `level ${level}`, `L${level}`, `MLPS ${level}`, `S${level}A${level}G${level}`);
  return out;
}
/** 未定级: a system not graded (stored as no level) */
export const MLPS_NOT_GRADED = ['未定级', '未定', '无', '未备案', '不定级', '/', '-', 'not graded', 'none', 'n/a'];

export const YES_SYNONYMS = ['是', '有', '涉密', 'Y', 'yes', 'true', '1', '√', '✓', '✔', '对'];
export const NO_SYNONYMS = ['否', '无', '非涉密', '不涉密', 'N', 'no', 'false', '0', '×', '✗', '✘', '/', '-'];

/** A lookup from normalised spelling to value: codes, both labels, then the synonyms. */
export function lookupOf<K extends string>(labels: Labels<K>, synonyms: Record<K, string[]>): Map<string, K> {
  const m = new Map<string, K>();
  for (const [code, l] of Object.entries(labels) as [K, Record<Locale, string>][]) {
    for (const s of [code, l['zh-CN'], l.en, ...synonyms[code]]) if (!m.has(normaliseValue(s))) m.set(normaliseValue(s), code);
  }
  return m;
}

const HOSTING = lookupOf(HOSTING_LABELS, HOSTING_SYNONYMS);
const XINCHUANG = lookupOf(XINCHUANG_LABELS, XINCHUANG_SYNONYMS);
const STRATEGY = lookupOf(STRATEGY_LABELS, STRATEGY_SYNONYMS);
const MLPS = new Map<string, number | null>([
  ...MLPS_NOT_GRADED.map((s) => [normaliseValue(s), null] as [string, null]),
  ...([1, 2, 3, 4] as const).flatMap((n) => mlpsSynonyms(n).map((s) => [normaliseValue(s), n] as [string, number])),
]);
const YES_NO = new Map<string, boolean>([...YES_SYNONYMS.map((s) => [normaliseValue(s), true] as [string, boolean]), ...NO_SYNONYMS.map((s) => [normaliseValue(s), false] as [string, boolean])]);

/** The value each spelling stands for; undefined: not an accepted spelling. */
export const hostingOf = (text: string) => HOSTING.get(normaliseValue(text));
export const xinchuangOf = (text: string) => XINCHUANG.get(normaliseValue(text));
export const strategyOf = (text: string) => STRATEGY.get(normaliseValue(text));
/** a level 1–4, null for 未定级, undefined: not a level */
export const mlpsLevelOf = (text: string) => MLPS.get(normaliseValue(text));
export const yesNoOf = (text: string) => YES_NO.get(normaliseValue(text));

/** Every accepted spelling of one value, for the template's sheet 可接受的写法 (labels first). */
export interface AcceptedValue {
  value: string;
  spellings: string[];
}
const withLabels = <K extends string>(labels: Labels<K>, synonyms: Record<K, string[]>, locale: Locale): AcceptedValue[] =>
  (Object.keys(labels) as K[]).map((k) => ({ value: labels[k][locale], spellings: [...new Set([labels[k]['zh-CN'], labels[k].en, ...synonyms[k]])] }));

/** The accepted spellings of each fixed-value import column, by column key. */
export function acceptedValues(locale: Locale): Record<'hosting' | 'mlpsLevel' | 'classified' | 'xinchuang', AcceptedValue[]> {
  const levelName = (n: number) => (locale === 'en' ? `Level ${n}` : `第${LEVEL_DIGITS[n - 1]}级`);
  return {
    hosting: withLabels(HOSTING_LABELS, HOSTING_SYNONYMS, locale),
    mlpsLevel: [
      { value: locale === 'en' ? 'Not graded' : '未定级', spellings: MLPS_NOT_GRADED },
      ...([1, 2, 3, 4] as const).map((n) => ({ value: levelName(n), spellings: mlpsSynonyms(n) })),
    ],
    classified: [
      { value: locale === 'en' ? 'Yes' : '是', spellings: YES_SYNONYMS },
      { value: locale === 'en' ? 'No' : '否', spellings: NO_SYNONYMS },
    ],
    xinchuang: withLabels(XINCHUANG_LABELS, XINCHUANG_SYNONYMS, locale),
  };
}
