// Recognising an organisation by the name people write in a spreadsheet (the city-wide migration survey, 摸底):
// its full name, its official short name (规范简称) or one of its aliases (曾用名, 俗称), as typed by an office.
//
// How names are compared (`normaliseOrgName`, then the variants of `keysOf`):
//  1. Unicode NFKC (full-width letters, digits and brackets become half-width), lower case;
//  2. whitespace and punctuation removed (spaces, 、 · - , 《》 quotes…): "运城市 教育局" ≡ "运城市教育局";
//  3. a name with a second nameplate in brackets (加挂牌子), 运城市审批服务管理局（市政务信息管理局）, is also known by
//     each of its two names alone;
//  4. the city's own organisations (jurisdiction CITY) are known with a leading 运城市, 运城 or 市, or with none:
//     运城市教育局 ≡ 市教育局 ≡ 教育局 (a county's organisations are not: 教育局 alone is never a county's);
//  5. a county (县、市、区) is also known without its suffix when two characters or more remain (临猗县 ≡ 临猗,
//     永济市 ≡ 永济; 夏县 stays 夏县), and a county's organisations with or without 运城市 and with the county's
//     short form (盐湖区财政局 ≡ 盐湖财政局 ≡ 运城市盐湖区财政局);
//  6. the organisation's code (EDU) is recognised too, in any case.
// A name leading to two organisations is ambiguous and never taken for either. A miss is answered with the closest
// names by Levenshtein similarity (1 − distance / longer length) on the normalised forms, with
// and without a city prefix.
import { distance } from 'fastest-levenshtein';
import { CITY } from './jurisdictions.js';

export interface NamedOrg {
  id: string;
  code: string;
  name: string;
  shortName: string | null;
  kind: string;
  jurisdiction: string;
  aliases: readonly string[];
}

export type NameSource = 'name' | 'shortName' | 'alias' | 'code';

export interface OrgRef {
  id: string;
  code: string;
  name: string;
}

export interface OrgSuggestion extends OrgRef {
  /** similarity 0–1 (1: the same once normalised) */
  score: number;
  /** the name, short name or alias that came closest */
  matched: string;
}

export type Recognition =
  | { status: 'recognised'; org: OrgRef; by: NameSource }
  | { status: 'ambiguous'; candidates: OrgRef[] }
  | { status: 'unknown'; suggestions: OrgSuggestion[] };

const CITY_PREFIXES = ['运城市', '运城', '市'];
const COUNTY_SUFFIX = /[县市区]$/;
/** suggestions under this similarity are not worth showing */
const MIN_SCORE = 0.34;
const MAX_SUGGESTIONS = 3;

/** Steps 1–2: the comparable form of any name (an alias is stored and kept unique in this form). */
export function normaliseOrgName(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** Step 3: the name, and for 甲（乙） also 甲 and 乙. */
function nameplates(text: string): string[] {
  const plain = text.normalize('NFKC');
  const m = /^(.+?)\((.+)\)\s*$/.exec(plain.trim());
  return m ? [plain, m[1]!, m[2]!] : [plain];
}

const stripOne = (s: string, prefixes: readonly string[]) => {
  const p = prefixes.find((x) => s.startsWith(x) && s.length > x.length);
  return p ? s.slice(p.length) : s;
};

/** A county's name without its 县/市/区 suffix, when two characters or more remain. */
function countyShort(name: string): string | null {
  return COUNTY_SUFFIX.test(name) && name.length >= 3 ? name.slice(0, -1) : null;
}

/** Steps 4–5: the normalised forms under which an organisation of this jurisdiction is known by `text`. */
function keysOf(text: string, org: Pick<NamedOrg, 'kind' | 'jurisdiction'>, countyNames: Map<string, string>): string[] {
  const keys = new Set<string>();
  for (const plate of nameplates(text)) {
    const n = normaliseOrgName(plate);
    if (!n) continue;
    keys.add(n);
    if (org.jurisdiction === CITY && org.kind !== 'COUNTY') {
      // 运城市X → X, 市X → X: the bare form is the city's
      const bare = stripOne(n, CITY_PREFIXES);
      if (bare.length >= 2) keys.add(bare);
      // 运城市市场监督管理局: X itself may start with 市 (市场…): keep the name with the prefix removed only once
      if (n.startsWith('运城市')) keys.add(n.slice(2));
      continue;
    }
    const bare = stripOne(n, ['运城市', '运城']);
    keys.add(bare);
    const county = countyNames.get(org.jurisdiction);
    const short = county ? countyShort(county) : null;
    if (county && short) {
      if (bare.startsWith(county)) keys.add(short + bare.slice(county.length));
      else if (bare.startsWith(short)) keys.add(county + bare.slice(short.length));
    }
  }
  return [...keys];
}

interface Entry {
  org: OrgRef;
  by: NameSource;
}

/**
 * A matcher over the given organisations (build it once per import: every lookup after that is a map access, and a
 * miss is scored against every known name).
 */
export function createOrgMatcher(orgs: readonly NamedOrg[]) {
  const countyNames = new Map(orgs.filter((o) => o.kind === 'COUNTY').map((o) => [o.code, normaliseOrgName(o.name)]));
  const byKey = new Map<string, Entry[]>();
  const byCode = new Map<string, OrgRef>();
  /** every written name (normalised), for suggestions */
  const known: { key: string; bare: string; text: string; org: OrgRef }[] = [];
  /** `verbatim`: the key is the name as written (not a variant of it), and says best by which name it was known */
  const add = (key: string, entry: Entry, verbatim: boolean) => {
    const list = byKey.get(key);
    if (!list) return void byKey.set(key, [entry]);
    const same = list.findIndex((e) => e.org.id === entry.org.id);
    if (same < 0) list.push(entry);
    else if (verbatim) list[same] = entry;
  };
  for (const o of orgs) {
    const org: OrgRef = { id: o.id, code: o.code, name: o.name };
    byCode.set(o.code.toUpperCase(), org);
    const sources: [string, NameSource][] = [[o.name, 'name'], ...(o.shortName ? [[o.shortName, 'shortName'] as [string, NameSource]] : []), ...o.aliases.map((a) => [a, 'alias'] as [string, NameSource])];
    for (const [text, by] of sources) {
      const written = normaliseOrgName(text);
      for (const key of keysOf(text, o, countyNames)) add(key, { org, by }, key === written);
      known.push({ key: written, bare: stripOne(written, CITY_PREFIXES), text, org });
    }
  }
  const cache = new Map<string, Recognition>();

  function lookup(key: string): Recognition | null {
    const found = byKey.get(key);
    if (!found) return null;
    if (found.length > 1) return { status: 'ambiguous', candidates: found.map((e) => e.org) };
    return { status: 'recognised', org: found[0]!.org, by: found[0]!.by };
  }

  function suggest(key: string): OrgSuggestion[] {
    const best = new Map<string, { score: number; k: (typeof known)[number] }>();
    // compared as written and without a leading 运城市/运城/市 on either side (市教肓局 and 运城市教育局), the closer counts
    const bare = stripOne(key, CITY_PREFIXES);
    for (const k of known) {
      const floor = Math.max(MIN_SCORE, best.get(k.org.id)?.score ?? 0);
      // the lengths alone bound the similarity: most names are passed over without computing a distance
      const score = Math.max(similarityAbove(key, k.key, floor), similarityAbove(bare, k.bare, floor));
      if (score > floor || (score === floor && !best.has(k.org.id))) best.set(k.org.id, { score, k });
    }
    return [...best.values()]
      .map(({ score, k }) => ({ ...k.org, score: Math.round(score * 100) / 100, matched: k.text }))
      .filter((s) => s.score >= MIN_SCORE)
      .sort((a, b) => b.score - a.score || a.code.localeCompare(b.code))
      .slice(0, MAX_SUGGESTIONS);
  }

  /** The organisation a written name stands for, or why not (ambiguous; unknown, with the closest names). */
  function recognise(text: string): Recognition {
    const cached = cache.get(text);
    if (cached) return cached;
    const result = recogniseUncached(text);
    cache.set(text, result);
    return result;
  }

  function recogniseUncached(text: string): Recognition {
    const byCodeHit = /^[A-Za-z0-9_]{2,32}$/.test(text.trim()) ? byCode.get(text.trim().toUpperCase()) : undefined;
    if (byCodeHit) return { status: 'recognised', org: byCodeHit, by: 'code' };
    const key = normaliseOrgName(text);
    if (!key) return { status: 'unknown', suggestions: [] };
    // as written, then with each city prefix it may start with removed: 运城市场监督管理局 is 运城 + 市场监督管理局
    // (not 运城市 + 场…), and 市场监督管理局 is itself a name of the city's
    for (const candidate of [key, ...CITY_PREFIXES.filter((p) => key.startsWith(p) && key.length > p.length).map((p) => key.slice(p.length))]) {
      const hit = lookup(candidate);
      if (hit) return hit;
    }
    return { status: 'unknown', suggestions: suggest(key) };
  }

  /** The organisations a name would be taken for (to keep a new alias from meaning two). */
  function holdersOf(text: string): OrgRef[] {
    const r = recognise(text);
    return r.status === 'recognised' ? [r.org] : r.status === 'ambiguous' ? r.candidates : [];
  }

  return { recognise, holdersOf, size: orgs.length };
}

export type OrgMatcher = ReturnType<typeof createOrgMatcher>;

/** 1 − Levenshtein distance / the longer length; 0 without computing it when the lengths alone keep it ≤ `floor`. */
function similarityAbove(a: string, b: string, floor: number): number {
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return 1;
  if (1 - Math.abs(a.length - b.length) / longer <= floor) return 0;
  return 1 - distance(a, b) / longer;
}
