// The columns of the register spreadsheet (政务信息系统目录登记表), in Chinese first: the downloadable template,
// the import and the export all use this one list, so a file exported here can be read back.
import type { Locale } from '../core/i18n.js';
import type { HostingType, Level, Strategy, XinchuangStatus } from './vocabulary.js';
import type { MigrationState } from './workflow.js';
import { HOSTING_LABELS, LEVEL_LABELS, STATUS_LABELS, STRATEGY_LABELS, XINCHUANG_LABELS, type Labels } from './labels.js';
import { parseAmount, splitHeaderUnit, type AmountUnit } from './amounts.js';
import { parseDateText } from './dates.js';
import { HEADER_SYNONYMS } from './header-synonyms.js';
import { hostingOf, mlpsLevelOf, xinchuangOf, yesNoOf } from './value-synonyms.js';

const MLPS_LABELS: Record<Locale, string[]> = {
  'zh-CN': ['未定级', '第一级', '第二级', '第三级', '第四级'],
  en: ['Not graded', 'Level 1', 'Level 2', 'Level 3', 'Level 4'],
};
const YES_NO: Record<Locale, [string, string]> = { 'zh-CN': ['是', '否'], en: ['Yes', 'No'] };

/** What a cell's text becomes: the field's value, or why it cannot be read. */
export type Parsed = { value: unknown } | { error: string; params?: Record<string, string | number> };

/** One exported system, as the register service reads it. */
export interface RegisterRow {
  code: string;
  orgName: string;
  name: string;
  purpose: string;
  hosting: HostingType;
  location: string | null;
  mlpsLevel: number | null;
  mlpsFilingNo: string | null;
  classified: boolean;
  os: string | null;
  database: string | null;
  middleware: string | null;
  xinchuang: XinchuangStatus | null;
  dataVolumeGb: number | null;
  userCount: number | null;
  dependencies: string[];
  contacts: { name: string; phone: string; email?: string }[];
  annualOmCost: number | null;
  /** 上线日期, YYYY-MM-DD */
  launchedOn: string | null;
  status: MigrationState;
  strategy: Strategy | null;
  effort: Level | null;
  risk: Level | null;
  targetPlanCodes: string[];
  waveName: string | null;
  blockingIssues: string[];
  blockedReason: string | null;
  updatedAt: string;
}

export type CellValue = string | number | null;

export interface RegisterColumn {
  key: string;
  header: Record<Locale, string>;
  /** other headers offices write for it, recognised on import */
  synonyms?: string[];
  required?: boolean;
  /** false: exports only (the code, the assessment, the state); recognised and ignored on import */
  importable: boolean;
  width: number;
  /** the template's drop-down and the values an import accepts (besides codes and English labels) */
  choices?: Record<Locale, string[]>;
  /** how to fill it in (the template's instructions sheet) */
  hint?: Record<Locale, string>;
  /** an amount in 元: its header, a unit row or the cell may say 万元 instead (migration/amounts.ts) */
  amount?: boolean;
  parse?: (text: string, opts: { unit: AmountUnit }) => Parsed;
  cell: (row: RegisterRow, locale: Locale) => CellValue;
}

/** Lists in one cell: 、 ； ; , ， or line breaks between items. */
const LIST_SEPARATORS = /[、；;,，\n]+/;
export const splitList = (text: string) =>
  text
    .split(LIST_SEPARATORS)
    .map((s) => s.trim())
    .filter(Boolean);
const joinList = (items: readonly string[]) => items.join('；');

/** A parser for an enumeration: the code, either label, or any spelling of migration/value-synonyms.ts. */
function choice<K>(lookup: (text: string) => K | undefined): (text: string) => Parsed {
  return (text) => {
    if (!text) return { value: undefined };
    const code = lookup(text);
    return code !== undefined ? { value: code } : { error: 'import.invalid_choice', params: { value: text } };
  };
}

const labelsOf = <K extends string>(labels: Labels<K>): Record<Locale, string[]> => ({
  'zh-CN': Object.values<Record<Locale, string>>(labels).map((l) => l['zh-CN']),
  en: Object.values<Record<Locale, string>>(labels).map((l) => l.en),
});

const asText = (text: string): Parsed => ({ value: text === '' ? undefined : text });

function asNumber(text: string, integer = false): Parsed {
  if (!text) return { value: undefined };
  const cleaned = text.normalize('NFKC').replace(/[,\s]/g, '');
  const n = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(cleaned) ? Number(cleaned) : NaN;
  if (!Number.isFinite(n)) return { error: 'import.not_a_number', params: { value: text } };
  if (integer && !Number.isInteger(n)) return { error: 'import.not_an_integer', params: { value: text } };
  return { value: integer ? n : Math.round(n * 100) / 100 };
}

const asMlpsLevel = choice(mlpsLevelOf);
const asYesNo = choice(yesNoOf);

function asAmount(text: string, unit: AmountUnit): Parsed {
  if (!text) return { value: undefined };
  const r = parseAmount(text, unit);
  return 'error' in r ? { error: r.error, params: { value: text } } : { value: r.yuan };
}

function asDate(text: string): Parsed {
  if (!text) return { value: undefined };
  const date = parseDateText(text);
  return date ? { value: date } : { error: 'import.not_a_date', params: { value: text } };
}

const asList = (text: string): Parsed => ({ value: text ? splitList(text) : undefined });

const label = <K extends string>(labels: Labels<K>, code: K | null, locale: Locale) => (code ? labels[code][locale] : null);

export const REGISTER_COLUMNS: RegisterColumn[] = [
  {
    key: 'name',
    header: { 'zh-CN': '系统名称', en: 'System name' },
    required: true,
    importable: true,
    width: 28,
    hint: { 'zh-CN': '本单位内不得重名', en: 'unique within your organisation' },
    parse: asText,
    cell: (r) => r.name,
  },
  {
    key: 'org',
    header: { 'zh-CN': '所属单位', en: 'Organisation' },
    synonyms: ['单位名称', '填报单位'],
    importable: true,
    width: 24,
    hint: {
      'zh-CN': '本单位导入可不填，填写时须为本单位；分中心全市汇总导入时必填，可填全称、规范简称或别名',
      en: 'optional in your own import (then your own organisation); required in the sub-center’s city-wide import: full name, short name or alias',
    },
    parse: asText,
    cell: (r) => r.orgName,
  },
  {
    key: 'purpose',
    header: { 'zh-CN': '业务用途', en: 'Business purpose' },
    required: true,
    importable: true,
    width: 36,
    parse: asText,
    cell: (r) => r.purpose,
  },
  {
    key: 'hosting',
    header: { 'zh-CN': '当前部署方式', en: 'Current hosting' },
    required: true,
    importable: true,
    width: 14,
    choices: labelsOf(HOSTING_LABELS),
    parse: choice(hostingOf),
    cell: (r, l) => label(HOSTING_LABELS, r.hosting, l),
  },
  {
    key: 'location',
    header: { 'zh-CN': '部署位置', en: 'Location' },
    importable: true,
    width: 24,
    hint: { 'zh-CN': '机房地址，或行业云、服务商名称', en: 'server room address, or the industry cloud or provider' },
    parse: asText,
    cell: (r) => r.location,
  },
  {
    key: 'mlpsLevel',
    header: { 'zh-CN': '等保级别', en: 'MLPS level' },
    importable: true,
    width: 10,
    choices: MLPS_LABELS,
    parse: asMlpsLevel,
    cell: (r, l) => MLPS_LABELS[l][r.mlpsLevel ?? 0] ?? null,
  },
  { key: 'mlpsFilingNo', header: { 'zh-CN': '等保备案号', en: 'MLPS filing number' }, importable: true, width: 20, parse: asText, cell: (r) => r.mlpsFilingNo },
  {
    key: 'classified',
    header: { 'zh-CN': '是否涉密', en: 'Classified' },
    importable: true,
    width: 10,
    choices: { 'zh-CN': [...YES_NO['zh-CN']], en: [...YES_NO.en] },
    hint: { 'zh-CN': '涉密系统登记备案，不纳入迁移（第一条）；不填视为“否”', en: 'classified systems are recorded, exempt from migration (Art. 1); blank means No' },
    parse: asYesNo,
    cell: (r, l) => YES_NO[l][r.classified ? 0 : 1],
  },
  { key: 'os', header: { 'zh-CN': '操作系统', en: 'Operating system' }, importable: true, width: 16, parse: asText, cell: (r) => r.os },
  { key: 'database', header: { 'zh-CN': '数据库', en: 'Database' }, importable: true, width: 16, parse: asText, cell: (r) => r.database },
  { key: 'middleware', header: { 'zh-CN': '中间件', en: 'Middleware' }, importable: true, width: 16, parse: asText, cell: (r) => r.middleware },
  {
    key: 'xinchuang',
    header: { 'zh-CN': '信创适配情况', en: 'Xinchuang adaptation' },
    importable: true,
    width: 12,
    choices: labelsOf(XINCHUANG_LABELS),
    parse: choice(xinchuangOf),
    cell: (r, l) => label(XINCHUANG_LABELS, r.xinchuang, l),
  },
  { key: 'dataVolumeGb', header: { 'zh-CN': '数据量（GB）', en: 'Data volume (GB)' }, importable: true, width: 12, parse: (s) => asNumber(s), cell: (r) => r.dataVolumeGb },
  { key: 'userCount', header: { 'zh-CN': '用户数', en: 'Users' }, importable: true, width: 10, parse: (s) => asNumber(s, true), cell: (r) => r.userCount },
  {
    key: 'dependencies',
    header: { 'zh-CN': '依赖系统', en: 'Depends on' },
    importable: true,
    width: 24,
    hint: { 'zh-CN': '多个系统用“；”或“、”分隔', en: 'separate several with ; or 、' },
    parse: asList,
    cell: (r) => joinList(r.dependencies),
  },
  {
    key: 'contactNames',
    header: { 'zh-CN': '联系人', en: 'Contacts' },
    importable: true,
    width: 14,
    hint: { 'zh-CN': '多人用“；”分隔，与联系电话一一对应', en: 'separate several with ;, in the same order as the phones' },
    parse: asList,
    cell: (r) => joinList(r.contacts.map((c) => c.name)),
  },
  {
    key: 'contactPhones',
    header: { 'zh-CN': '联系电话', en: 'Contact phones' },
    importable: true,
    width: 16,
    parse: asList,
    cell: (r) => joinList(r.contacts.map((c) => c.phone)),
  },
  {
    key: 'contactEmails',
    header: { 'zh-CN': '联系邮箱', en: 'Contact e-mails' },
    importable: true,
    width: 20,
    hint: { 'zh-CN': '可不填；填写时与联系人一一对应', en: 'optional; if given, one per contact' },
    parse: asList,
    cell: (r) => (r.contacts.some((c) => c.email) ? joinList(r.contacts.map((c) => c.email ?? '')) : null),
  },
  {
    key: 'annualOmCost',
    header: { 'zh-CN': '年运维费用（元）', en: 'Annual O&M cost (CNY)' },
    importable: true,
    width: 14,
    amount: true,
    hint: { 'zh-CN': '单位为元；列名写作“年运维费用（万元）”或表头下注明“单位：万元”时按万元读取', en: 'in CNY; read as 10,000 CNY (万元) when the header says （万元） or a line says 单位：万元' },
    parse: (s, { unit }) => asAmount(s, unit),
    cell: (r) => r.annualOmCost,
  },
  {
    key: 'launchedOn',
    header: { 'zh-CN': '上线日期', en: 'Launched on' },
    importable: true,
    width: 12,
    hint: { 'zh-CN': '如 2021-03-05、2021年3月5日、2021/3/5 或 Excel 日期；只填年月时按当月1日', en: 'e.g. 2021-03-05, 2021/3/5 or an Excel date; a month alone means its 1st' },
    parse: asDate,
    cell: (r) => r.launchedOn,
  },
  // what the sub-center and the workflow add: exported, never imported
  { key: 'code', header: { 'zh-CN': '系统编号', en: 'System code' }, importable: false, width: 18, cell: (r) => r.code },
  { key: 'status', header: { 'zh-CN': '迁移状态', en: 'Status' }, importable: false, width: 12, cell: (r, l) => STATUS_LABELS[r.status][l] },
  { key: 'strategy', header: { 'zh-CN': '迁移策略', en: 'Strategy' }, importable: false, width: 16, cell: (r, l) => label(STRATEGY_LABELS, r.strategy, l) },
  { key: 'effort', header: { 'zh-CN': '工作量', en: 'Effort' }, importable: false, width: 8, cell: (r, l) => label(LEVEL_LABELS, r.effort, l) },
  { key: 'risk', header: { 'zh-CN': '风险', en: 'Risk' }, importable: false, width: 8, cell: (r, l) => label(LEVEL_LABELS, r.risk, l) },
  { key: 'targetPlanCodes', header: { 'zh-CN': '目标服务规格', en: 'Target plans' }, importable: false, width: 28, cell: (r) => joinList(r.targetPlanCodes) },
  { key: 'wave', header: { 'zh-CN': '迁移批次', en: 'Wave' }, importable: false, width: 16, cell: (r) => r.waveName },
  { key: 'blockingIssues', header: { 'zh-CN': '阻塞问题', en: 'Blocking issues' }, importable: false, width: 28, cell: (r) => joinList(r.blockingIssues) },
  { key: 'blockedReason', header: { 'zh-CN': '挂起原因', en: 'Blocked because' }, importable: false, width: 24, cell: (r) => r.blockedReason },
  { key: 'updatedAt', header: { 'zh-CN': '更新时间', en: 'Updated' }, importable: false, width: 20, cell: (r) => r.updatedAt },
];

export const IMPORT_COLUMNS = REGISTER_COLUMNS.filter((c) => c.importable);

/** Header text as people type it: no spaces or asterisks, full-width brackets as ASCII, any case. */
export function normaliseHeader(text: string): string {
  return text.normalize('NFKC').replace(/[\s*]/g, '').toLowerCase();
}

const BY_HEADER = new Map<string, RegisterColumn>(
  REGISTER_COLUMNS.flatMap((c) => [
    [normaliseHeader(c.header['zh-CN']), c],
    [normaliseHeader(c.header.en), c],
    ...(c.synonyms ?? []).map((h): [string, RegisterColumn] => [normaliseHeader(h), c]),
  ]),
);
for (const [key, names] of Object.entries(HEADER_SYNONYMS)) {
  const c = REGISTER_COLUMNS.find((x) => x.key === key);
  if (!c) throw new Error(`header synonyms for unknown column ${key}`);
  for (const n of names) if (!BY_HEADER.has(normaliseHeader(n))) BY_HEADER.set(normaliseHeader(n), c);
}

/** The column a header names, and for an amount the unit the header gives (年运维费用（万元） → 万元). */
export function matchHeader(text: string): { column: RegisterColumn; unit?: AmountUnit } | undefined {
  const whole = BY_HEADER.get(normaliseHeader(text));
  const split = splitHeaderUnit(text.replace(/[\s*]/g, ''));
  if (whole && !whole.amount) return { column: whole };
  const named = split.unit ? BY_HEADER.get(normaliseHeader(split.name)) : undefined;
  if (named?.amount) return { column: named, unit: split.unit };
  if (whole) return { column: whole, ...(split.unit ? { unit: split.unit } : {}) };
  return undefined;
}

export function columnByKey(key: string): RegisterColumn {
  const c = REGISTER_COLUMNS.find((x) => x.key === key);
  if (!c) throw new Error(`no register column ${key}`);
  return c;
}

export function columnForHeader(text: string): RegisterColumn | undefined {
  return matchHeader(text)?.column;
}

/** The header as the template shows it: required columns marked with an asterisk. */
export function templateHeader(c: RegisterColumn, locale: Locale): string {
  return c.required ? `${c.header[locale]}*` : c.header[locale];
}
