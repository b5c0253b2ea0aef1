// The rules the project validator checks, their articles, and the messages it shows (zh-CN first, English available).
// Article numbers refer to 运政办发〔2021〕7号 (see /work/shared/docs/regulation-yuncheng-2021-7.zh.md).

import { registerMessages, t, type Locale } from '../core/i18n.js';

export type ValidationLocale = Locale;

export type ValidationCode =
  | 'NO_RESOURCE_LINES'
  | 'NOT_IN_CATALOG'
  | 'DUPLICATE_LINE'
  | 'QUANTITY_LIMIT'
  | 'INVALID_BUDGET'
  | 'OVER_BUDGET'
  | 'DUPLICATE_OF_SHARED_SERVICE'
  | 'OWN_CLOUD_FORBIDDEN'
  | 'MISSING_RESOURCE_CATALOG'
  | 'NO_DATA_SHARING'
  | 'PRIVATE_NETWORK_NEEDS_APPROVAL'
  | 'EMERGENCY_NEEDS_GOVERNMENT_CONSENT';

export interface RuleInfo {
  code: ValidationCode;
  /** the article the rule comes from, e.g. '第二十八条'; null when the rule is a catalog or arithmetic check */
  article: string | null;
  /** what the rule checks, for the web UI's help */
  zh: string;
  en: string;
}

export const ART = {
  6: '第六条',
  7: '第七条',
  8: '第八条',
  27: '第二十七条',
  28: '第二十八条',
  30: '第三十条',
} as const;

/** Every rule the validator checks, in the order the help page lists them. */
export const RULES: readonly RuleInfo[] = Object.freeze([
  {
    code: 'NO_RESOURCE_LINES',
    article: ART[28],
    zh: '资源清单不能为空：项目所需的云资源必须从政务云平台服务目录中申请。运维项目同样适用——系统运行在市级政务云上，目录单价按年计，每个运维年度都要申请所用的云资源。',
    en: 'The resource list may not be empty: a project asks for its cloud resources from the Government Cloud Service Catalog. This includes operations-and-maintenance projects: the system runs on the city cloud and catalog prices are annual, so each O&M year asks for the resources it uses.',
  },
  {
    code: 'NOT_IN_CATALOG',
    article: ART[28],
    zh: '每一行的服务规格必须在当前服务目录版本中存在且在用；已下架的规格或所属服务已下架的规格不能申请。',
    en: 'Every line must name a plan that exists in the catalog revision and is active; a retired plan, or a plan of a retired offering, cannot be requested.',
  },
  {
    code: 'DUPLICATE_LINE',
    article: null,
    zh: '同一服务规格只能出现在一行中，请合并数量。',
    en: 'A plan may appear on one line only; merge the quantities.',
  },
  {
    code: 'QUANTITY_LIMIT',
    article: ART[28],
    zh: '数量必须为正整数，且不超过服务目录为该规格规定的单个项目上限（同一规格多行合计也不得超过上限）。',
    en: "The quantity must be a positive whole number and not above the plan's per-project maximum in the catalog (also when the plan is spread over several lines).",
  },
  {
    code: 'INVALID_BUDGET',
    article: ART[6],
    zh: '项目总预算必须是大于 0 的金额。',
    en: 'The total budget must be an amount above zero.',
  },
  {
    code: 'OVER_BUDGET',
    article: ART[8],
    zh: '按服务目录单价计算的资源清单年度费用（数量 × 年单价之和）不得超过项目总预算。',
    en: 'The annual cost of the resource list at catalog prices (sum of quantity × annual unit price) may not exceed the total budget.',
  },
  {
    code: 'DUPLICATE_OF_SHARED_SERVICE',
    article: ART[28],
    zh: '不得重复建设：建设内容或项目描述中拟建设服务目录已作为共享服务提供的应用（统一身份认证、电子证照、电子印章、数据共享交换等）时，应改为接入共享服务。',
    en: 'No duplicate construction: when the components or the description propose to build something the catalog offers as a shared service (identity authentication, e-licences, e-seals, data exchange, …), connect to the shared service instead.',
  },
  {
    code: 'OWN_CLOUD_FORBIDDEN',
    article: ART[30],
    zh: '县（市、区）不得新建或扩建政务云平台（第三十条）；市直部门应使用市级政务云平台服务目录中的服务，不得自建云平台、机房、数据中心或自行采购服务器等基础设施（第二十八条）。',
    en: 'Counties may not build or extend a government cloud (Art. 30); city departments use the services of the city cloud catalog and may not build their own cloud, server room or data centre, nor buy servers of their own (Art. 28).',
  },
  {
    code: 'MISSING_RESOURCE_CATALOG',
    article: ART[27],
    zh: '申请材料必须包含信息资源需求目录和信息资源产生目录，每条资源写明名称、来源、格式、更新频率、共享属性和开放属性。',
    en: 'The application must include the information resources the project needs and the ones it produces, each with name, source, format, update frequency, sharing attribute and open attribute.',
  },
  {
    code: 'NO_DATA_SHARING',
    article: ART[8],
    zh: '既不提供可共享的信息资源（产生目录中没有无条件或有条件共享的资源）、也不使用共享资源（没有需求目录）的项目无法实现信息共享，不予批准。',
    en: 'A project that neither produces a shareable resource (no unconditionally or conditionally shared produced resource) nor consumes one (no needed resource) cannot share data and is not approved.',
  },
  {
    code: 'PRIVATE_NETWORK_NEEDS_APPROVAL',
    article: ART[8],
    zh: '新建业务专网须报市审批服务管理局（市政务信息管理局）另行审批，并填写审批文号。',
    en: 'A private business network needs a separate approval by the Government Information Administration; enter its reference.',
  },
  {
    code: 'EMERGENCY_NEEDS_GOVERNMENT_CONSENT',
    article: ART[7],
    zh: '预算未安排的紧急项目须经市人民政府同意，并填写同意文件的文号。',
    en: 'An emergency project outside the budget needs the consent of the municipal government; enter its reference.',
  },
]);

type Params = Record<string, string | number>;

/** Message templates by variant, registered with the server's one message catalog (core/i18n.ts) as `validation.<key>`. */
const MESSAGES: Record<string, { 'zh-CN': string; en: string }> = {
  NO_RESOURCE_LINES: {
    'zh-CN': '资源清单为空。项目所需的云资源（运维项目也包括系统运行所用的云资源）须从政务云平台服务目录中申请，请至少添加一行目录服务。',
    en: 'The resource list is empty. Cloud resources (for an O&M project: the ones the system runs on) are requested from the Government Cloud Service Catalog; add at least one catalog line.',
  },
  'NOT_IN_CATALOG.empty': {
    'zh-CN': '第{line}行未填写服务规格，请从服务目录第{rev}版中选择规格。',
    en: 'Line {line} has no plan; choose a plan from catalog revision {rev}.',
  },
  'NOT_IN_CATALOG.unknown': {
    'zh-CN': '第{line}行的服务规格“{plan}”不在服务目录第{rev}版中，请从当前目录中选择在用的规格。{hint}',
    en: 'Line {line}: plan "{plan}" is not in catalog revision {rev}; choose an active plan from the current catalog.{hint}',
  },
  'NOT_IN_CATALOG.hint': { 'zh-CN': '是否应为“{plan}”？', en: ' Did you mean "{plan}"?' },
  'NOT_IN_CATALOG.planRetired': {
    'zh-CN': '第{line}行的服务规格“{plan}”（{planName}）已在服务目录第{rev}版中下架，不能再申请，请改选在用规格。{alternatives}',
    en: 'Line {line}: plan "{plan}" ({planName}) was retired in catalog revision {rev} and can no longer be requested; choose an active plan.{alternatives}',
  },
  'NOT_IN_CATALOG.offeringRetired': {
    'zh-CN': '第{line}行的服务规格“{plan}”所属服务“{offering}”已在服务目录第{rev}版中下架，不能再申请，请改选其他在用服务。',
    en: 'Line {line}: the offering "{offering}" of plan "{plan}" was retired in catalog revision {rev} and can no longer be requested; choose another active offering.',
  },
  'NOT_IN_CATALOG.alternatives': { 'zh-CN': '可选：{plans}。', en: ' Active plans of this offering: {plans}.' },
  DUPLICATE_LINE: {
    'zh-CN': '第{line}行与第{first}行申请的是同一服务规格“{plan}”，请合并为一行（合计数量 {sum}）。',
    en: 'Line {line} asks for the same plan "{plan}" as line {first}; merge them into one line (total quantity {sum}).',
  },
  'QUANTITY_LIMIT.notPositiveInteger': {
    'zh-CN': '第{line}行的数量必须为正整数（当前为 {quantity}），请填写所需数量。',
    en: 'Line {line}: the quantity must be a positive whole number (it is {quantity}); enter the quantity needed.',
  },
  'QUANTITY_LIMIT.aboveMax': {
    'zh-CN': '第{line}行申请服务规格“{plan}”{quantity}（{unit}），超过单个项目上限 {max}（{unit}），请将数量调整为不超过 {max}。',
    en: 'Line {line}: {quantity} ({unit}) of plan "{plan}" is above the per-project maximum of {max} ({unit}); reduce it to {max} or less.',
  },
  'QUANTITY_LIMIT.combinedAboveMax': {
    'zh-CN': '服务规格“{plan}”在第{lines}行合计申请 {sum}（{unit}），超过单个项目上限 {max}（{unit}），请合并为一行并将数量调整为不超过 {max}。',
    en: 'Plan "{plan}" is requested {sum} ({unit}) in total on lines {lines}, above the per-project maximum of {max} ({unit}); merge the lines and reduce the quantity to {max} or less.',
  },
  INVALID_BUDGET: {
    'zh-CN': '项目总预算必须是大于 0 的金额（当前为 {budget}），请填写项目总预算。',
    en: 'The total budget must be an amount above zero (it is {budget}); enter the total budget.',
  },
  OVER_BUDGET: {
    'zh-CN': '按服务目录单价计算，资源清单年度费用合计 {cost} 元，超过项目总预算 {budget} 元（超出 {excess} 元）。请核减资源数量或规格，或调整项目预算。',
    en: 'At catalog prices the resource list costs {cost} yuan a year, more than the total budget of {budget} yuan (by {excess} yuan). Reduce the quantities or plans, or revise the budget.',
  },
  'DUPLICATE_OF_SHARED_SERVICE.component': {
    'zh-CN': '建设内容第{n}项“{text}”与服务目录中的共享服务“{offering}”重复（“{keyword}”）。不得重复建设，请删除该项，改为接入共享服务{plans}。',
    en: 'Component {n} "{text}" duplicates the shared service "{offering}" of the catalog ("{keyword}"). Duplicate construction is not allowed: drop it and connect to the shared service instead{plans}.',
  },
  'DUPLICATE_OF_SHARED_SERVICE.description': {
    'zh-CN': '项目描述中拟建设“{keyword}”，与服务目录中的共享服务“{offering}”重复。不得重复建设，请改为接入共享服务{plans}。',
    en: 'The description proposes to build "{keyword}", which duplicates the shared service "{offering}" of the catalog. Duplicate construction is not allowed: connect to the shared service instead{plans}.',
  },
  'DUPLICATE_OF_SHARED_SERVICE.plans': { 'zh-CN': '（在资源清单中申请：{plans}）', en: ' (request {plans} in the resource list)' },
  'OWN_CLOUD_FORBIDDEN.county.component': {
    'zh-CN': '建设内容第{n}项“{text}”涉及自建云资源（“{terms}”）。各县（市、区）不得新建或扩建政务云平台，请删除该项，改为从市级政务云平台服务目录申请云资源，已建系统迁移上云。',
    en: 'Component {n} "{text}" builds cloud infrastructure of its own ("{terms}"). Counties may not build or extend a government cloud: drop it, request cloud resources from the city cloud catalog and migrate existing systems onto the city cloud.',
  },
  'OWN_CLOUD_FORBIDDEN.county.description': {
    'zh-CN': '项目描述中拟自建云资源（“{terms}”）。各县（市、区）不得新建或扩建政务云平台，请改为从市级政务云平台服务目录申请云资源，已建系统迁移上云。',
    en: 'The description proposes cloud infrastructure of its own ("{terms}"). Counties may not build or extend a government cloud: request cloud resources from the city cloud catalog and migrate existing systems onto the city cloud.',
  },
  'OWN_CLOUD_FORBIDDEN.department.component': {
    'zh-CN': '建设内容第{n}项“{text}”涉及自建云资源（“{terms}”）。市直部门应使用市级政务云平台服务目录中的服务，不得自建云平台、机房、数据中心或自行采购服务器等基础设施（市级政务云平台是全市统一平台，见第三十条），请删除该项，改为在资源清单中申请目录服务。',
    en: 'Component {n} "{text}" builds cloud infrastructure of its own ("{terms}"). City departments use the services of the city cloud catalog and may not build their own cloud, server room or data centre, nor buy servers of their own (the city cloud is the one platform, Art. 30): drop it and request catalog services in the resource list.',
  },
  'OWN_CLOUD_FORBIDDEN.department.description': {
    'zh-CN': '项目描述中拟自建云资源（“{terms}”）。市直部门应使用市级政务云平台服务目录中的服务，不得自建云平台、机房、数据中心或自行采购服务器等基础设施（市级政务云平台是全市统一平台，见第三十条），请改为在资源清单中申请目录服务。',
    en: 'The description proposes cloud infrastructure of its own ("{terms}"). City departments use the services of the city cloud catalog and may not build their own cloud, server room or data centre, nor buy servers of their own (the city cloud is the one platform, Art. 30): request catalog services in the resource list instead.',
  },
  'MISSING_RESOURCE_CATALOG.none': {
    'zh-CN': '未提供信息资源目录。请填写信息资源需求目录（本项目需要使用的政务信息资源）和信息资源产生目录（本项目产生的政务信息资源），每条写明名称、来源、格式、更新频率、共享属性和开放属性。',
    en: 'No information resource catalog. Add the resources the project needs and the ones it produces, each with name, source, format, update frequency, sharing attribute and open attribute.',
  },
  'MISSING_RESOURCE_CATALOG.noProduced': {
    'zh-CN': '缺少信息资源产生目录。请列出本项目所建系统产生的政务信息资源，写明来源、格式、更新频率、共享属性和开放属性。',
    en: 'The catalog of resources the project produces is missing. List the resources the system produces, with source, format, update frequency, sharing and open attributes.',
  },
  'MISSING_RESOURCE_CATALOG.noNeeded': {
    'zh-CN': '缺少信息资源需求目录。请列出本项目需要使用的政务信息资源，写明来源、格式、更新频率、共享属性和开放属性。',
    en: 'The catalog of resources the project needs is missing. List the resources the project uses, with source, format, update frequency, sharing and open attributes.',
  },
  'MISSING_RESOURCE_CATALOG.emptyAttribute': {
    'zh-CN': '信息资源第{n}条（{resource}）未填写{attr}，请补充。',
    en: 'Information resource {n} ({resource}) has no {attr}; fill it in.',
  },
  'MISSING_RESOURCE_CATALOG.invalidAttribute': {
    'zh-CN': '信息资源第{n}条（{resource}）的{attr}取值无效（“{value}”），应为：{allowed}。',
    en: 'Information resource {n} ({resource}): "{value}" is not a valid {attr}; use one of: {allowed}.',
  },
  NO_DATA_SHARING: {
    'zh-CN': '本项目既不提供可共享的信息资源（产生目录中没有“无条件共享”或“有条件共享”的资源），也不使用共享的信息资源（没有需求目录），无法实现信息共享的项目不予批准。请将可共享的产生资源设为无条件或有条件共享，或列出需要使用的共享资源。',
    en: 'The project neither produces a shareable resource (no produced resource is unconditionally or conditionally shared) nor uses a shared one (no needed resources); a project that cannot share data is not approved. Mark the produced resources that can be shared as unconditionally or conditionally shared, or list the shared resources the project uses.',
  },
  PRIVATE_NETWORK_NEEDS_APPROVAL: {
    'zh-CN': '项目拟新建业务专网，须报市审批服务管理局（市政务信息管理局）另行审批。请填写专网审批文号，或改为使用电子政务外网。',
    en: 'The project plans a private business network, which needs a separate approval by the Government Information Administration. Enter the approval reference, or use the e-government extranet instead.',
  },
  EMERGENCY_NEEDS_GOVERNMENT_CONSENT: {
    'zh-CN': '紧急项目（预算未安排）须经市人民政府同意后，由市人民政府批转受理。请填写市人民政府同意的文号。',
    en: 'An emergency project outside the budget needs the consent of the municipal government, which forwards it for review. Enter the reference of that consent.',
  },
};

export const ATTRIBUTE_LABELS: Record<string, { 'zh-CN': string; en: string }> = {
  direction: { 'zh-CN': '目录类型（需求/产生）', en: 'direction (needed/produced)' },
  name: { 'zh-CN': '资源名称', en: 'name' },
  source: { 'zh-CN': '来源', en: 'source' },
  format: { 'zh-CN': '格式', en: 'format' },
  updateFrequency: { 'zh-CN': '更新频率', en: 'update frequency' },
  sharing: { 'zh-CN': '共享属性', en: 'sharing attribute' },
  openness: { 'zh-CN': '开放属性', en: 'open attribute' },
};

export const ALLOWED_LABELS: Record<string, { 'zh-CN': string; en: string }> = {
  direction: { 'zh-CN': '需求目录（NEEDED）或产生目录（PRODUCED）', en: 'NEEDED or PRODUCED' },
  sharing: {
    'zh-CN': '无条件共享（UNCONDITIONAL）、有条件共享（CONDITIONAL）或不予共享（NOT_SHAREABLE）',
    en: 'UNCONDITIONAL, CONDITIONAL or NOT_SHAREABLE',
  },
  openness: {
    'zh-CN': '无条件开放（OPEN）、有条件开放（CONDITIONAL）或不予开放（NOT_OPEN）',
    en: 'OPEN, CONDITIONAL or NOT_OPEN',
  },
};

registerMessages(Object.fromEntries(Object.entries(MESSAGES).map(([key, entry]) => [`validation.${key}`, entry])));

/** A validator message in the reader's language: `{name}` is replaced by the parameter of that name. */
export const message = (key: string, locale: Locale, params: Params = {}): string => t(`validation.${key}`, locale, params);

/** 1234567.5 -> "1,234,567.50"; whole amounts without decimals. */
export function formatYuan(amount: number): string {
  if (!Number.isFinite(amount)) return String(amount);
  const negative = amount < 0;
  const cents = Math.round(Math.abs(amount) * 100);
  const whole = Math.floor(cents / 100);
  const frac = cents % 100;
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (negative ? '-' : '') + grouped + (frac ? '.' + String(frac).padStart(2, '0') : '');
}

const UNIT_EN: Record<string, string> = {
  台: 'machine',
  个: 'unit',
  套: 'set',
  实例: 'instance',
  应用: 'application',
  节点: 'node',
  张: 'certificate',
  枚: 'seal',
  条: 'message',
  万条: '10,000 messages',
  域名: 'domain',
  证照类型: 'licence type',
};

/** The catalog's unit in the message language: '台·年' -> 'machine/year' in English. Unknown units stay as they are. */
export function unitLabel(unit: string, locale: ValidationLocale): string {
  if (locale !== 'en') return unit;
  const m = /^(.*?)\s*[·/]\s*年$/.exec(unit);
  const base = m ? m[1]! : unit;
  const en = /^[\x20-\x7e]*$/.test(base) ? base : UNIT_EN[base];
  if (en === undefined) return unit;
  return m ? `${en}/year` : en;
}
