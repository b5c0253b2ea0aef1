// The project validator: one pure function the API, the worker and the web UI all run. It returns every problem
// at once, each with a stable code, the resource line and field it concerns, the article, and a message that says
// what to do. No I/O, no clock. Per catalog view it precomputes a plan index and the shared-service keyword
// matcher once (WeakMap keyed by the view object: views of published revisions are immutable; build a new view
// object when a draft changes).
//
// Text heuristics (DUPLICATE_OF_SHARED_SERVICE, OWN_CLOUD_FORBIDDEN)
// ------------------------------------------------------------------
// Text is NFKC-normalised (full-width Latin/punctuation -> ASCII) and lower-cased, so Latin keywords match
// case-insensitively; a Latin keyword must stand as a word (`sso` does not match in `classo`), may take a plural
// s/es, and its spaces/hyphens may be written as space, hyphen or nothing (`single sign-on` ~ `single sign on`).
// A mention of a keyword is "building" when its context says so:
//  1. The clause before the mention (back to 。.;,!?()【】 or a line break, at most 20 characters, 64 in Latin
//     text; `、` and `：` do NOT end a clause, so 建设内容包括：A、B、C covers all three) is scanned for verbs; the
//     CLOSEST one decides:
//     - a build verb (建设 新建 自建 自有 开发 搭建 建立 部署 采购 购置 扩建 扩容 研发 构建 打造 建成 升级 …;
//       build, develop, deploy, set up, procure, own, in-house …) -> building, unless it is negated within a few
//       characters before it (不 无需 避免 禁止 严禁 杜绝 …; not, no, without, instead of …: 不再自建短信平台 is
//       not a proposal to build one), or the keyword sits in a 与/同/跟 … 对接 phrase (新建审批系统与电子证照库对接);
//     - a reuse verb (接入 对接 使用 复用 调用 依托 基于 利用 借助 通过 采用 集成 申请 迁移 部署在/于/到 …;
//       use, integrate, connect, call, via, through, based on, deploy on/to …) -> not building;
//     - a neutral verb (实现 支持 提供 满足 推进 完善 …; support, provide, with …) stands between the mention and
//       any build verb further back (开发审批系统实现电子证照核验 is undecided), but not a reuse verb further back
//       (integrate with SSO is reuse);
//     - undecided or no verb -> look after the mention (at most 12 characters, 48 in Latin text, same clause):
//       a nominal build verb (统一身份认证平台建设) -> building, a reuse verb (…对接) -> not building;
//     - still undecided -> the closest build/reuse verb of the earlier clauses of the same sentence (a comma does
//       not end what a verb governs): a reuse verb there -> not building (接入统一身份认证平台，实现单点登录),
//       else the default.
//  2. The default is "not building" for the description (ordinary prose mentions services all the time:
//     群众可通过短信接收结果, 实现数据共享) and "building" for a component, because a component is by
//     definition something the project builds. An explicit reuse verb still wins in a component (对接电子证照库
//     is integration work, not a duplicate).
//  3. A keyword followed by 机制/制度/规范/标准/流程/工作/目录/清单/需求 … (建立数据共享机制) is not a system, and one
//     followed by 接口/对接改造/适配/adapter/API … (开发统一身份认证接口) is integration: neither counts. Noun
//     tokens that contain a verb (开发区 as in 运城开发区, 建设单位) are skipped, not read as verbs.
// Own-cloud terms (政务云平台 政务云 私有云 专有云 行业云 机房 服务器机房 数据中心 云计算中心 超融合 虚拟化平台
// 灾备中心 …; private cloud, data center, server room, hyperconverged …) use the same context rule, plus:
//  - a term qualified as the city's or province's cloud, or as a destination (市级政务云平台, 全市, 迁移至/部署在/
//    上 政务云, "the city cloud") is the shared cloud and never counts; nor does 政务云(平台)服务目录 or 政务云资源;
//  - the names of the sub-center that runs the city cloud (山西省大数据中心运城分中心) are not a data centre, nor
//    is a 基础/主题数据中心 (a data collection, 人口基础数据中心);
//  - a bare 市 qualifies only when it is not the end of a place name (在市政务云上 is the city's; 河津市政务云平台
//    is a county-level city's own);
//  - the generic 云平台 / cloud platform (智慧教育云平台 is usually an application's name) only counts right after
//    an explicit build verb (自建云平台; 新建县级政务云平台 counts through 政务云平台 anyway), unless a county-level
//    place stands right before it (盐湖区云平台, 县级云平台, county cloud platform: that place's own cloud);
//  - hardware (服务器 物理服务器 存储设备 磁盘阵列; server, storage array) counts only with a procurement verb
//    (采购服务器10台, 服务器采购; not 云服务器 and not 部署应用服务器).
// The Big-Data Sub-Center (orgKind BDC) runs the city cloud and the shared services, so neither rule applies to it.
// Shared offerings that are RETIRED, or have no active plan, are no longer offered and are not matched.
//
// Rule decisions
// --------------
// - NO_RESOURCE_LINES applies to every project type, O&M included: every system runs on the city cloud (Art. 30,
//   33) and catalog prices are annual, so each O&M year asks for the cloud resources the system uses.
// - QUANTITY_LIMIT's maximum is checked per line and, when one plan is spread over several lines, for their sum
//   (reported once, on the second line, and only when no single line is already above it). Lines whose plan is
//   not usable (NOT_IN_CATALOG) get no maximum check; their quantity must still be a positive integer.
// - DUPLICATE_LINE is reported on every repeat of a plan (not on its first line) and gives the merged quantity.
// - Cost (OVER_BUDGET, catalogCost): unknown plans and non-positive quantities cost 0; a retired plan is priced
//   at its catalog price; amounts are summed in cents. INVALID_BUDGET (Art. 6) replaces OVER_BUDGET when the
//   total budget is not a positive amount.
// - NO_DATA_SHARING follows the rule literally: it also fires when the resource catalog is empty (next to
//   MISSING_RESOURCE_CATALOG), as such a project shares nothing either.
// - QUANTITY_LIMIT cites 第二十八条 (the catalog's per-project maximum), OVER_BUDGET 第八条 (预算合理性).
// - OWN_CLOUD_FORBIDDEN cites 第三十条 for a county and 第二十八条 for a city department (GIA and Finance count as
//   departments); the message of the latter points at Art. 30 too.
import { listOf, nameIn, t } from '../core/i18n.js';
import type { CatalogView, OfferingView, PlanView } from '../catalog/view.js';
import type { Violation } from '../core/errors.js';
import type { InformationResourceInput, ProjectForValidation, ResourceLineInput } from './validation-input.js';
import {
  ALLOWED_LABELS,
  ART,
  ATTRIBUTE_LABELS,
  formatYuan,
  message,
  unitLabel,
  type ValidationCode,
  type ValidationLocale,
} from './validation-rules.js';

export { RULES, formatYuan } from './validation-rules.js';
export type { RuleInfo, ValidationCode, ValidationLocale } from './validation-rules.js';

// ---------------------------------------------------------------------------------------------------------------
// Per-catalog precomputation

interface PlanEntry {
  offering: OfferingView;
  plan: PlanView;
}

interface SharedOffering {
  code: string;
  name: string;
  nameEn: string;
  /** the active plans to request instead of building */
  planCodes: string[];
}

interface SharedMatcher {
  re: RegExp;
  /** per capture group (0-based): the keyword as the catalog spells it, and the offerings that list it */
  groups: { keyword: string; offerings: SharedOffering[] }[];
}

interface CompiledCatalog {
  plans: Map<string, PlanEntry>;
  /** trimmed, lower-cased code -> the real code, for "did you mean" */
  looseCodes: Map<string, string>;
  /** active plan codes by offering code */
  activePlans: Map<string, string[]>;
  shared: SharedMatcher | null;
}

const compiled = new WeakMap<CatalogView, CompiledCatalog>();

function compile(view: CatalogView): CompiledCatalog {
  const hit = compiled.get(view);
  if (hit) return hit;
  const plans = new Map<string, PlanEntry>();
  const looseCodes = new Map<string, string>();
  const activePlans = new Map<string, string[]>();
  const keywordOwners = new Map<string, { keyword: string; offerings: SharedOffering[] }>();
  for (const offering of view.offerings) {
    const active: string[] = [];
    for (const plan of offering.plans) {
      // first occurrence wins, as in findPlan()
      if (!plans.has(plan.code)) plans.set(plan.code, { offering, plan });
      const loose = plan.code.trim().toLowerCase();
      if (!looseCodes.has(loose)) looseCodes.set(loose, plan.code);
      if (plan.status === 'ACTIVE') active.push(plan.code);
    }
    activePlans.set(offering.code, active);
    if (!offering.sharedService || offering.status !== 'ACTIVE' || active.length === 0) continue;
    const shared: SharedOffering = {
      code: offering.code,
      name: offering.name,
      nameEn: offering.nameEn ?? offering.name,
      planCodes: active,
    };
    for (const raw of offering.keywords) {
      const kw = normalize(raw).trim();
      if (!/[\p{L}\p{N}]/u.test(kw)) continue; // a keyword of punctuation only would match everywhere
      const owner = keywordOwners.get(kw);
      if (!owner) keywordOwners.set(kw, { keyword: raw.trim(), offerings: [shared] });
      else if (!owner.offerings.includes(shared)) owner.offerings.push(shared);
    }
  }
  let shared: SharedMatcher | null = null;
  if (keywordOwners.size) {
    // longest first: at one position the regex takes the first alternative that matches
    const keys = [...keywordOwners.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    shared = {
      re: new RegExp(keys.map((k) => `(${wordPattern(k, '[a-z0-9]', true)})`).join('|'), 'g'),
      groups: keys.map((k) => keywordOwners.get(k)!),
    };
  }
  const result: CompiledCatalog = { plans, looseCodes, activePlans, shared };
  compiled.set(view, result);
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// Text helpers

function normalize(s: string): string {
  return s.normalize('NFKC').toLowerCase();
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

const LATIN_END = /[a-z0-9]/;

/** A pattern for one term: Latin ends must be word boundaries; spaces/hyphens are loose; optional plural. */
function wordPattern(term: string, wordChar: string, plural: boolean): string {
  const body = term
    .split(/[\s\-_]+/)
    .map(escapeRe)
    .join('[\\s\\-_]*');
  const start = LATIN_END.test(term.charAt(0)) ? `(?<!${wordChar})` : '';
  const end = LATIN_END.test(term.charAt(term.length - 1)) ? `${plural ? '(?:e?s)?' : ''}(?!${wordChar})` : '';
  return start + body + end;
}

type TokenClass = 'build' | 'reuse' | 'neutral' | 'skip';

const TOKENS: Record<TokenClass, string[]> = {
  build: [
    '建设', '新建', '自建', '自有', '自行', '开发', '搭建', '建立', '部署', '采购', '购置', '购买', '扩建', '改扩建',
    '扩容', '研发', '构建', '打造', '建成', '组建', '升级', '引入', '定制',
    'build', 'builds', 'building', 'built', 'develop', 'develops', 'developing', 'developed', 'development of',
    'construct', 'constructs', 'constructing', 'construction of', 'set up', 'sets up', 'setting up', 'establish',
    'establishes', 'establishing', 'deploy', 'deploys', 'deploying', 'deployed', 'procure', 'procures', 'procuring',
    'procurement of', 'purchase', 'purchases', 'purchasing', 'create', 'creates', 'creating', 'expand', 'expands',
    'expanding', 'self-built', 'self-developed', 'in-house', 'own',
  ],
  reuse: [
    '接入', '对接', '使用', '复用', '调用', '依托', '基于', '利用', '借助', '通过', '采用', '共用', '迁移', '迁入',
    '迁至', '上云', '部署在', '部署于', '部署到', '部署至', '运行在', '运行于', '纳入', '融入', '申请', '集成',
    '联通', '打通', '连通', '互通', '衔接', '接口', '沿用', '共享使用', '订阅',
    'use', 'uses', 'using', 'used', 'reuse', 'reuses', 'reusing', 'integrate', 'integrates', 'integrating',
    'integrated', 'integration with', 'connect', 'connects', 'connecting', 'connected', 'call', 'calls', 'calling',
    'via', 'through', 'leverage', 'leverages', 'leveraging', 'rely on', 'relies on', 'relying on', 'based on',
    'adopt', 'adopts', 'adopting', 'deploy on', 'deploy onto', 'deploy to', 'deployed on', 'deployed onto',
    'deployed to', 'deploying on', 'deploying to', 'hosted on', 'run on', 'runs on', 'migrate', 'migrates',
    'migrating', 'migrated', 'interface with', 'interfaces with', 'apply for', 'subscribe to', 'subscribes to',
  ],
  neutral: [
    '实现', '支持', '提供', '满足', '推进', '推动', '配合', '兼容', '适配', '具备', '完善', '优化', '加强', '提升',
    '开展', '落实', '按照', '根据', '参照', '遵循', '符合',
    'support', 'supports', 'supporting', 'provide', 'provides', 'providing', 'enable', 'enables', 'with',
    'according to', 'comply with', 'complies with',
  ],
  // nouns that contain a verb: read past them
  skip: ['开发区', '开发商', '建设单位', '承建单位', '建设期', 'building code'],
};

const NEGATIONS = [
  '不', '无需', '无须', '毋需', '避免', '禁止', '严禁', '杜绝', '勿', '停止', '取消',
  'not', 'no', 'without', 'avoid', 'avoids', 'avoiding', 'instead of', 'rather than', 'never', 'no longer',
  "don't", 'don’t', "doesn't", 'doesn’t', "won't", 'won’t', 'cannot',
];

const TOKEN_CLASS = new Map<string, TokenClass>();
for (const cls of Object.keys(TOKENS) as TokenClass[]) {
  for (const t of TOKENS[cls]) TOKEN_CLASS.set(t, cls);
}

/** Longest first: at one position the regex takes the first alternative that matches. */
function alternation(terms: Iterable<string>, wordChar: string, plural: boolean): string {
  return [...terms]
    .sort((a, b) => b.length - a.length)
    .map((t) => wordPattern(t, wordChar, plural))
    .join('|');
}

const TOKEN_RE = new RegExp(alternation(TOKEN_CLASS.keys(), '[a-z]', false), 'g');
const NEGATION_RE = new RegExp(alternation(NEGATIONS, '[a-z]', false));

/** Ends a clause: context never crosses these. `、` (enumeration) and `：` (建设内容包括：A、B) do not end one. */
function isBreak(ch: string): boolean {
  return '。.;!?,()[]【】「」\n\r\t'.includes(ch) && ch !== '';
}

/** Not a system: 建立数据共享机制, 证照目录, data sharing mechanism. */
const NOT_A_SYSTEM_RE =
  /^(?:机制|制度|规范|标准|流程|工作|办法|协议|目录|清单|需求|要求|责任|考核|培训|意识|理念|率|情况|水平|\s*(?:mechanisms?|polic(?:y|ies)|standards?|requirements?|rules?|catalog(?:ue)?s?|rates?)(?![a-z]))/;

/** Integration with the service, not the service: 统一身份认证接口, 电子证照对接改造, SSO adapter. */
const INTEGRATION_SUFFIX_RE =
  /^(?:平台|系统|服务|库)?(?:接口|(?:对接|接入)(?:模块|改造|功能|开发|组件)|适配|\s*(?:integration|interfaces?|connectors?|adapters?|apis?|sdks?|plug-?ins?)(?![a-z]))/;

const CJK_RE = /[\u3400-\u9fff]/;

interface TextContext {
  text: string;
  cjk: boolean;
}

function textContext(raw: string): TextContext {
  const text = normalize(raw);
  return { text, cjk: CJK_RE.test(text) };
}

interface Token {
  cls: TokenClass;
  text: string;
  start: number;
  end: number;
}

function tokensIn(text: string, from: number, to: number): Token[] {
  const out: Token[] = [];
  if (to <= from) return out;
  const slice = text.slice(from, to);
  for (const m of slice.matchAll(TOKEN_RE)) {
    const cls = TOKEN_CLASS.get(m[0]);
    if (!cls || cls === 'skip') continue;
    out.push({ cls, text: m[0], start: from + m.index, end: from + m.index + m[0].length });
  }
  return out;
}

/** The first build or reuse verb after a mention, in the same clause. */
function verbTokenAfter(ctx: TextContext, end: number): Token | undefined {
  const limit = Math.min(ctx.text.length, end + (ctx.cjk ? 12 : 48));
  let to = end;
  while (to < limit && !isBreak(ctx.text.charAt(to))) to++;
  return tokensIn(ctx.text, end, to).find((t) => t.cls === 'build' || t.cls === 'reuse');
}

function verbAfter(ctx: TextContext, end: number): TokenClass | undefined {
  return verbTokenAfter(ctx, end)?.cls;
}

/**
 * Does the mention at [start, end) propose to build the thing? See the heading comment.
 * `defaultBuild`: the answer when the context has no decisive verb (true for components).
 */
function isBuildingContext(ctx: TextContext, start: number, end: number, defaultBuild: boolean): boolean {
  const { text, cjk } = ctx;
  const next = text.slice(end, end + 16);
  if (NOT_A_SYSTEM_RE.test(next) || INTEGRATION_SUFFIX_RE.test(next)) return false;
  const min = Math.max(0, start - (cjk ? 20 : 64));
  let from = start;
  while (from > min && !isBreak(text.charAt(from - 1))) from--;
  const before = tokensIn(text, from, start);
  // the closest verb decides; a neutral verb in between blocks a build verb but not a reuse verb
  // (开发审批系统实现电子证照核验: undecided; integrate with SSO: reuse)
  let blocked = false;
  for (let k = before.length - 1; k >= 0; k--) {
    const t = before[k]!;
    if (t.cls === 'reuse') return false;
    if (t.cls === 'neutral') {
      blocked = true;
      continue;
    }
    if (blocked) break;
    const negFrom = Math.max(from, t.start - (cjk ? 5 : 24));
    if (NEGATION_RE.test(text.slice(negFrom, t.start))) return false;
    // 新建审批系统与电子证照库对接: the mention is the partner of a reuse verb, not the object of the build verb
    if (/[与同跟]/.test(text.slice(t.end, start)) && verbAfter(ctx, end) === 'reuse') return false;
    return true;
  }
  const after = verbAfter(ctx, end);
  if (after === 'build') return true;
  if (after === 'reuse') return false;
  // the sentence goes on after a comma: 接入统一身份认证平台，实现单点登录 is still about the service it connects to
  if (earlierClauseVerb(ctx, from) === 'reuse') return false;
  return defaultBuild;
}

/** Ends a sentence: a clause's verb carries over a comma, not over these. */
function isSentenceEnd(ch: string): boolean {
  return '。.;；!?\n\r'.includes(ch) && ch !== '';
}

/** The closest build or reuse verb in the earlier clauses of the sentence that `clauseStart` is in. */
function earlierClauseVerb(ctx: TextContext, clauseStart: number): TokenClass | undefined {
  const min = Math.max(0, clauseStart - (ctx.cjk ? 60 : 200));
  let from = clauseStart;
  while (from > min && !isSentenceEnd(ctx.text.charAt(from - 1))) from--;
  const decisive = tokensIn(ctx.text, from, clauseStart).filter((t) => t.cls === 'build' || t.cls === 'reuse');
  return decisive[decisive.length - 1]?.cls;
}

// Own-cloud terms. Generic ones need an explicit build verb even in a component.
const OWN_CLOUD_TERMS = [
  '政务云平台', '政务云', '云平台', '私有云', '专有云', '行业云', '云计算中心', '云数据中心', '数据中心', '服务器机房',
  '数据机房', '机房', '超融合', '虚拟化平台', '云管平台', '灾备中心', '容灾中心',
  'private cloud', 'government cloud', 'cloud platform', 'data center', 'data centre', 'datacenter', 'datacentre',
  'server room', 'machine room', 'hyper-converged', 'hyperconverged', 'virtualization platform',
  'disaster recovery center', 'disaster recovery centre',
];
const GENERIC_CLOUD_TERMS = new Set(['云平台', 'cloud platform']);
/** A county-level place (盐湖区, 闻喜县, 县级) right before a term makes it that place's own. */
const COUNTY_PREFIX_RE = /(?:[县区]级|县|(?<![社园校景营厂])区|county|district)\s*$/;
/** Buying hardware is building one's own infrastructure; these count only after a procurement verb. */
const HARDWARE_TERMS = ['服务器', '物理服务器', '存储设备', '存储阵列', '磁盘阵列', 'server', 'physical server', 'storage array'];
const PROCUREMENT_VERBS = new Set(['采购', '购置', '购买', 'procure', 'procures', 'procuring', 'procurement of', 'purchase', 'purchases', 'purchasing']);
const HARDWARE = new Set(HARDWARE_TERMS);
const ALL_CLOUD_TERMS = new Set([...OWN_CLOUD_TERMS, ...HARDWARE_TERMS]);

/** The listed term a match stands for ('Data  Centres' -> 'data centre'). */
function canonicalTerm(matched: string): string {
  const t = matched.replace(/[\s\-_]+/g, ' ');
  for (const c of [t, t.replace(/s$/, ''), t.replace(/es$/, '')]) {
    if (ALL_CLOUD_TERMS.has(c)) return c;
    const hyphenated = c.replace(/ /g, '-');
    if (ALL_CLOUD_TERMS.has(hyphenated)) return hyphenated;
  }
  return t;
}
const OWN_CLOUD_RE = new RegExp(alternation([...OWN_CLOUD_TERMS, ...HARDWARE_TERMS], '[a-z0-9]', true), 'g');
/** The shared city (or provincial) cloud, or a destination: 市级政务云平台, 迁移至政务云, 部署在政务云上, "the city cloud". */
const SHARED_CLOUD_QUALIFIER_RE =
  /(?:市级|全市|运城市|(?<![\u3400-\u9fff])市|(?<=[在于至到入上用托接向及和与])市|省级|省|上|入|至|到|在|于)(?:统一的?|的)?$|(?:city|city's|municipal|provincial|onto|on|to|into|in)\s+(?:the\s+)?(?:unified\s+)?$/;
const SHARED_CLOUD_SUFFIX_RE = /^(?:服务目录|目录|资源(?!池)|\s*(?:service\s+)?catalog(?:ue)?|\s*resources?(?![a-z]))/;
/** The sub-center that runs the city cloud is not a data centre someone builds. */
const OPERATOR_NAME_RE = /山西省大数据中心(?:运城分中心)?|大数据中心运城分中心|省大数据中心|shanxi big data cent(?:er|re)|big data sub-?cent(?:er|re)/g;

function ownCloudTerms(ctx: TextContext, defaultBuild: boolean): string[] {
  const found: string[] = [];
  const { text } = ctx;
  let excluded: [number, number][] | undefined;
  for (const m of text.matchAll(OPERATOR_NAME_RE)) (excluded ??= []).push([m.index, m.index + m[0].length]);
  for (const m of text.matchAll(OWN_CLOUD_RE)) {
    const start = m.index;
    const end = start + m[0].length;
    if (excluded?.some(([a, b]) => start < b && end > a)) continue;
    if (SHARED_CLOUD_QUALIFIER_RE.test(text.slice(Math.max(0, start - 24), start))) continue;
    if (SHARED_CLOUD_SUFFIX_RE.test(text.slice(end, end + 16))) continue;
    const term = canonicalTerm(m[0]);
    if (term.endsWith('数据中心') && /(?:基础|主题)$/.test(text.slice(Math.max(0, start - 2), start))) continue; // 人口基础数据中心: data, not a building
    if (HARDWARE.has(term)) {
      // 采购服务器10台; not 云服务器 (cloud VMs)
      if (text.charAt(start - 1) === '云') continue;
      const before = verbBefore(ctx, start);
      const procured = before && before.cls !== 'neutral' ? PROCUREMENT_VERBS.has(before.text) : PROCUREMENT_VERBS.has(verbTokenAfter(ctx, end)?.text ?? '');
      if (!procured || !isBuildingContext(ctx, start, end, false)) continue;
    } else {
      // 盐湖区云平台, 县级云平台: a county's cloud platform, not an application's name
      const generic = GENERIC_CLOUD_TERMS.has(term) && !COUNTY_PREFIX_RE.test(text.slice(Math.max(0, start - 10), start));
      if (!isBuildingContext(ctx, start, end, generic ? false : defaultBuild)) continue;
      if (generic && verbBefore(ctx, start)?.cls !== 'build') continue;
    }
    if (!found.includes(term)) found.push(term);
  }
  return found;
}

/** The closest verb before a mention, in the same clause. */
function verbBefore(ctx: TextContext, start: number): Token | undefined {
  const min = Math.max(0, start - (ctx.cjk ? 20 : 64));
  let from = start;
  while (from > min && !isBreak(ctx.text.charAt(from - 1))) from--;
  const before = tokensIn(ctx.text, from, start);
  return before[before.length - 1];
}

interface SharedHit {
  offering: SharedOffering;
  keyword: string;
}

function sharedServiceHits(ctx: TextContext, matcher: SharedMatcher, defaultBuild: boolean): SharedHit[] {
  const hits: SharedHit[] = [];
  for (const m of ctx.text.matchAll(matcher.re)) {
    let g = 1;
    while (g < m.length && m[g] === undefined) g++;
    const group = matcher.groups[g - 1];
    if (!group) continue;
    if (group.offerings.every((o) => hits.some((h) => h.offering === o))) continue;
    if (!isBuildingContext(ctx, m.index, m.index + m[0].length, defaultBuild)) continue;
    for (const offering of group.offerings) {
      if (!hits.some((h) => h.offering === offering)) hits.push({ offering, keyword: group.keyword });
    }
  }
  return hits;
}

// ---------------------------------------------------------------------------------------------------------------
// Cost

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function lineAmount(line: ResourceLineInput, entry: PlanEntry | undefined): number {
  const q = line.quantity;
  if (!entry || typeof q !== 'number' || !Number.isFinite(q) || q <= 0) return 0;
  return round2(q * entry.plan.unitPrice);
}

/**
 * The annual catalog cost of the resource lines: Σ quantity × annual unit price. A line whose plan is not in the
 * catalog, or whose quantity is not a positive number, costs 0 (it is reported by the validator); a retired plan
 * is priced at its last catalog price.
 */
export function catalogCost(
  lines: readonly ResourceLineInput[],
  catalog: CatalogView,
): { total: number; perLine: { lineNo: number; amount: number }[] } {
  const { plans } = compile(catalog);
  let cents = 0;
  const perLine = lines.map((line) => {
    const amount = lineAmount(line, plans.get(line.planCode));
    cents += Math.round(amount * 100);
    return { lineNo: line.lineNo, amount };
  });
  return { total: cents / 100, perLine };
}

// ---------------------------------------------------------------------------------------------------------------
// The validator

function filled(v: unknown): boolean {
  return typeof v === 'string' && v.trim() !== '';
}

function clip(s: string, max = 40): string {
  const t = s.trim().replace(/\s+/g, ' ');
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
}

const SHARING = new Set(['UNCONDITIONAL', 'CONDITIONAL', 'NOT_SHAREABLE']);
const OPENNESS = new Set(['OPEN', 'CONDITIONAL', 'NOT_OPEN']);
const TEXT_ATTRIBUTES = ['name', 'source', 'format', 'updateFrequency'] as const;

function compareField(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  const n = Math.min(pa.length, pb.length);
  for (let i = 0; i < n; i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x === y) continue;
    const nx = /^\d+$/.test(x) ? Number(x) : NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : NaN;
    if (!Number.isNaN(nx) && !Number.isNaN(ny)) return nx - ny;
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

function compareLine(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return compareField(String(a), String(b));
}

/** By line (project-level ones, without a line, first), then code, then field. Stable otherwise. */
function compareViolations(a: Violation, b: Violation): number {
  if (a.line === undefined || b.line === undefined) {
    if (a.line !== b.line) return a.line === undefined ? -1 : 1;
  } else if (a.line !== b.line) {
    const c = compareLine(a.line, b.line);
    if (c) return c;
  }
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  return compareField(a.field ?? '', b.field ?? '');
}

type MessageParams = Record<string, string | number>;

/** Why a line's plan cannot be requested (NOT_IN_CATALOG): its message key and parameters; null when it can. */
function planRefusal(
  cat: CompiledCatalog,
  rev: number,
  code: string,
  entry: PlanEntry | undefined,
  lineNo: number,
  loc: ValidationLocale,
): { key: string; params: MessageParams; retired: boolean } | null {
  if (!code.trim()) return { key: 'NOT_IN_CATALOG.empty', params: { line: lineNo, rev }, retired: false };
  if (!entry) {
    const guess = cat.looseCodes.get(code.trim().toLowerCase());
    const hint = guess && guess !== code ? message('NOT_IN_CATALOG.hint', loc, { plan: guess }) : '';
    return { key: 'NOT_IN_CATALOG.unknown', params: { line: lineNo, plan: code, rev, hint }, retired: false };
  }
  if (entry.offering.status === 'RETIRED') {
    const offering = nameIn(loc, entry.offering.name, entry.offering.nameEn);
    return { key: 'NOT_IN_CATALOG.offeringRetired', params: { line: lineNo, plan: code, offering, rev }, retired: true };
  }
  if (entry.plan.status === 'RETIRED') {
    const planName = nameIn(loc, entry.plan.name, entry.plan.nameEn);
    const active = cat.activePlans.get(entry.offering.code) ?? [];
    const alternatives = active.length ? message('NOT_IN_CATALOG.alternatives', loc, { plans: listOf(active.slice(0, 5), loc) }) : '';
    return { key: 'NOT_IN_CATALOG.planRetired', params: { line: lineNo, plan: code, planName, rev, alternatives }, retired: true };
  }
  return null;
}

/**
 * A line that asks for a retired plan (or a plan of a retired offering), refused when it is added or changed, not
 * only when the project is validated: the violation the validator reports for it, at `field`. Null otherwise
 * (unknown plans are left to the validator, which suggests the right code).
 */
export function retiredPlanViolation(
  line: { planCode: string },
  lineNo: number,
  field: string,
  catalog: CatalogView,
  locale: ValidationLocale = 'zh-CN',
): Violation | null {
  const cat = compile(catalog);
  const refusal = planRefusal(cat, catalog.revision.number, line.planCode, cat.plans.get(line.planCode), lineNo, locale);
  if (!refusal?.retired) return null;
  return { code: 'NOT_IN_CATALOG', message: message(refusal.key, locale, refusal.params), article: ART[28], line: lineNo, field };
}

/**
 * Validates a project against a catalog revision. Pure and synchronous; returns [] when the project is valid,
 * otherwise every problem, sorted by line (project-level first), then code.
 */
export function validateProject(
  project: ProjectForValidation,
  catalog: CatalogView,
  locale: 'zh-CN' | 'en' = 'zh-CN',
): Violation[] {
  const loc = locale;
  const cat = compile(catalog);
  const rev = catalog.revision.number;
  const out: Violation[] = [];
  const add = (
    code: ValidationCode,
    key: string,
    params: Record<string, string | number>,
    where: { article?: string | null; line?: number; field?: string },
  ): void => {
    const v: Violation = { code, message: message(key, loc, params) };
    if (where.article) v.article = where.article;
    if (where.line !== undefined) v.line = where.line;
    if (where.field !== undefined) v.field = where.field;
    out.push(v);
  };
  const list = (items: (string | number)[]) => listOf(items, loc);

  // --- resource lines ------------------------------------------------------------------------------------------
  const lines = project.lines ?? [];
  if (lines.length === 0) add('NO_RESOURCE_LINES', 'NO_RESOURCE_LINES', {}, { article: ART[28], field: 'lines' });

  interface PlanGroup {
    entry: PlanEntry | undefined;
    usable: boolean;
    first: { lineNo: number; index: number };
    repeats: { lineNo: number; index: number }[];
    sum: number;
    anyAboveMax: boolean;
  }
  const groups = new Map<string, PlanGroup>();
  let costCents = 0;

  lines.forEach((l, i) => {
    const lineNo = l.lineNo;
    const code = typeof l.planCode === 'string' ? l.planCode : '';
    const entry = code ? cat.plans.get(code) : undefined;
    const planField = `lines.${i}.planCode`;
    const qtyField = `lines.${i}.quantity`;
    const notInCatalog = { article: ART[28], line: lineNo, field: planField };
    costCents += Math.round(lineAmount(l, entry) * 100);

    // NOT_IN_CATALOG
    const refusal = planRefusal(cat, rev, code, entry, lineNo, loc);
    if (refusal) add('NOT_IN_CATALOG', refusal.key, refusal.params, notInCatalog);
    const usable = !refusal;

    // QUANTITY_LIMIT
    const q = l.quantity;
    const qValid = typeof q === 'number' && Number.isInteger(q) && q > 0;
    const max = usable && entry ? entry.plan.maxQuantity : null;
    let aboveMax = false;
    if (!qValid) {
      add('QUANTITY_LIMIT', 'QUANTITY_LIMIT.notPositiveInteger', { line: lineNo, quantity: String(q) }, { article: ART[28], line: lineNo, field: qtyField });
    } else if (max !== null && q > max) {
      aboveMax = true;
      const unit = unitLabel(entry!.plan.unit, loc);
      add('QUANTITY_LIMIT', 'QUANTITY_LIMIT.aboveMax', { line: lineNo, plan: code, quantity: q, max, unit }, { article: ART[28], line: lineNo, field: qtyField });
    }

    // DUPLICATE_LINE: reported after the loop, with the merged quantity
    if (!code.trim()) return;
    const g = groups.get(code);
    if (!g) {
      groups.set(code, { entry, usable, first: { lineNo, index: i }, repeats: [], sum: qValid ? q : 0, anyAboveMax: aboveMax });
    } else {
      g.repeats.push({ lineNo, index: i });
      if (qValid) g.sum += q;
      g.anyAboveMax ||= aboveMax;
    }
  });

  for (const [code, g] of groups) {
    const second = g.repeats[0];
    if (!second) continue;
    for (const r of g.repeats) {
      const params = { line: r.lineNo, first: g.first.lineNo, plan: code, sum: g.sum };
      add('DUPLICATE_LINE', 'DUPLICATE_LINE', params, { line: r.lineNo, field: `lines.${r.index}.planCode` });
    }
    // a plan spread over several lines may not exceed its maximum either
    const max = g.usable && g.entry ? g.entry.plan.maxQuantity : null;
    if (max !== null && !g.anyAboveMax && g.sum > max) {
      add(
        'QUANTITY_LIMIT',
        'QUANTITY_LIMIT.combinedAboveMax',
        { plan: code, lines: list([g.first.lineNo, ...g.repeats.map((r) => r.lineNo)]), sum: g.sum, max, unit: unitLabel(g.entry!.plan.unit, loc) },
        { article: ART[28], line: second.lineNo, field: `lines.${second.index}.quantity` },
      );
    }
  }

  // --- budget --------------------------------------------------------------------------------------------------
  const budget = project.totalBudget;
  if (!(typeof budget === 'number' && Number.isFinite(budget) && budget > 0)) {
    add('INVALID_BUDGET', 'INVALID_BUDGET', { budget: String(budget) }, { article: ART[6], field: 'totalBudget' });
  } else if (costCents > Math.round(budget * 100)) {
    const cost = costCents / 100;
    add(
      'OVER_BUDGET',
      'OVER_BUDGET',
      { cost: formatYuan(cost), budget: formatYuan(budget), excess: formatYuan(cost - budget) },
      { article: ART[8], field: 'totalBudget' },
    );
  }

  // --- what the project builds ------------------------------------------------------------------------------------
  if (project.orgKind !== 'BDC') {
    const county = project.orgKind === 'COUNTY';
    const cloudArticle = county ? ART[30] : ART[28];
    const who = county ? 'county' : 'department';
    const offeringName = (o: SharedOffering) => nameIn(loc, o.name, o.nameEn);
    const planHint = (o: SharedOffering) => message('DUPLICATE_OF_SHARED_SERVICE.plans', loc, { plans: list(o.planCodes) });

    const components = project.components ?? [];
    components.forEach((raw, i) => {
      if (typeof raw !== 'string' || !raw.trim()) return;
      const ctx = textContext(raw);
      const field = `components.${i}`;
      const text = clip(raw);
      if (cat.shared) {
        for (const hit of sharedServiceHits(ctx, cat.shared, true)) {
          add(
            'DUPLICATE_OF_SHARED_SERVICE',
            'DUPLICATE_OF_SHARED_SERVICE.component',
            { n: i + 1, text, offering: offeringName(hit.offering), keyword: hit.keyword, plans: planHint(hit.offering) },
            { article: ART[28], field },
          );
        }
      }
      const terms = ownCloudTerms(ctx, true);
      if (terms.length) {
        add('OWN_CLOUD_FORBIDDEN', `OWN_CLOUD_FORBIDDEN.${who}.component`, { n: i + 1, text, terms: list(terms) }, { article: cloudArticle, field });
      }
    });

    if (filled(project.description)) {
      const ctx = textContext(project.description);
      if (cat.shared) {
        for (const hit of sharedServiceHits(ctx, cat.shared, false)) {
          add(
            'DUPLICATE_OF_SHARED_SERVICE',
            'DUPLICATE_OF_SHARED_SERVICE.description',
            { offering: offeringName(hit.offering), keyword: hit.keyword, plans: planHint(hit.offering) },
            { article: ART[28], field: 'description' },
          );
        }
      }
      const terms = ownCloudTerms(ctx, false);
      if (terms.length) {
        add('OWN_CLOUD_FORBIDDEN', `OWN_CLOUD_FORBIDDEN.${who}.description`, { terms: list(terms) }, { article: cloudArticle, field: 'description' });
      }
    }
  }

  // --- information resource catalog (Art. 27) and data sharing (Art. 8) ------------------------------------------
  const resources: InformationResourceInput[] = project.informationResources ?? [];
  let produced = 0;
  let needed = 0;
  let shareable = 0;
  resources.forEach((r, i) => {
    const n = i + 1;
    const resource = filled(r.name) ? clip(r.name, 30) : t('word.unnamed', loc);
    const attrLabel = (a: string) => ATTRIBUTE_LABELS[a]?.[loc] ?? a;
    const empty = (attr: string) =>
      add(
        'MISSING_RESOURCE_CATALOG',
        'MISSING_RESOURCE_CATALOG.emptyAttribute',
        { n, resource, attr: attrLabel(attr) },
        { article: ART[27], field: `informationResources.${i}.${attr}` },
      );
    const invalid = (attr: string, value: unknown) =>
      add(
        'MISSING_RESOURCE_CATALOG',
        'MISSING_RESOURCE_CATALOG.invalidAttribute',
        { n, resource, attr: attrLabel(attr), value: String(value), allowed: ALLOWED_LABELS[attr]?.[loc] ?? '' },
        { article: ART[27], field: `informationResources.${i}.${attr}` },
      );

    if (r.direction === 'NEEDED') needed++;
    else if (r.direction === 'PRODUCED') {
      produced++;
      if (r.sharing === 'UNCONDITIONAL' || r.sharing === 'CONDITIONAL') shareable++;
    } else if (!filled(r.direction)) empty('direction');
    else invalid('direction', r.direction);

    for (const attr of TEXT_ATTRIBUTES) if (!filled(r[attr])) empty(attr);
    if (!filled(r.sharing)) empty('sharing');
    else if (!SHARING.has(r.sharing)) invalid('sharing', r.sharing);
    if (!filled(r.openness)) empty('openness');
    else if (!OPENNESS.has(r.openness)) invalid('openness', r.openness);
  });
  const catalogField = { article: ART[27], field: 'informationResources' };
  if (resources.length === 0) {
    add('MISSING_RESOURCE_CATALOG', 'MISSING_RESOURCE_CATALOG.none', {}, catalogField);
  } else {
    if (produced === 0) add('MISSING_RESOURCE_CATALOG', 'MISSING_RESOURCE_CATALOG.noProduced', {}, catalogField);
    if (needed === 0) add('MISSING_RESOURCE_CATALOG', 'MISSING_RESOURCE_CATALOG.noNeeded', {}, catalogField);
  }
  if (shareable === 0 && needed === 0) {
    add('NO_DATA_SHARING', 'NO_DATA_SHARING', {}, { article: ART[8], field: 'informationResources' });
  }

  // --- separate approvals ----------------------------------------------------------------------------------------
  if (project.privateNetwork === true && !filled(project.privateNetworkApprovalRef)) {
    add('PRIVATE_NETWORK_NEEDS_APPROVAL', 'PRIVATE_NETWORK_NEEDS_APPROVAL', {}, { article: ART[8], field: 'privateNetworkApprovalRef' });
  }
  if (project.emergency === true && !filled(project.emergencyConsentRef)) {
    add('EMERGENCY_NEEDS_GOVERNMENT_CONSENT', 'EMERGENCY_NEEDS_GOVERNMENT_CONSENT', {}, { article: ART[7], field: 'emergencyConsentRef' });
  }

  return out.sort(compareViolations);
}
