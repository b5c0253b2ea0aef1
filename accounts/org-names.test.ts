import { describe, expect, it } from 'vitest';
import { createOrgMatcher, normaliseOrgName, type NamedOrg } from './org-names.js';

const org = (code: string, name: string, extra: Partial<NamedOrg> = {}): NamedOrg => ({
  id: code.toLowerCase(),
  code,
  name,
  shortName: null,
  kind: 'DEPARTMENT',
  jurisdiction: 'CITY',
  aliases: [],
  ...extra,
});

const ORGS: NamedOrg[] = [
  org('EDU', '运城市教育局', { shortName: '市教育局', aliases: ['运城市教委'] }),
  org('SAMR', '运城市市场监督管理局', { shortName: '市市场监管局' }),
  org('GIA', '运城市审批服务管理局（市政务信息管理局）', { kind: 'GIA', shortName: '市审批服务管理局' }),
  org('FIN', '运城市财政局', { kind: 'FINANCE' }),
  org('YANHU', '盐湖区', { kind: 'COUNTY', jurisdiction: 'YANHU' }),
  org('YONGJI', '永济市', { kind: 'COUNTY', jurisdiction: 'YONGJI' }),
  org('XIAXIAN', '夏县', { kind: 'COUNTY', jurisdiction: 'XIAXIAN' }),
  org('YANHU_FIN', '盐湖区财政局', { kind: 'FINANCE', jurisdiction: 'YANHU' }),
  org('YANHU_EDU', '盐湖区教育局', { jurisdiction: 'YANHU' }),
];
const m = createOrgMatcher(ORGS);
const codeOf = (text: string) => {
  const r = m.recognise(text);
  return r.status === 'recognised' ? r.org.code : r.status;
};

describe('normalising organisation names', () => {
  it('folds full-width characters, case, whitespace and punctuation', () => {
    expect(normaliseOrgName(' 运城市　教育局 ')).toBe('运城市教育局');
    expect(normaliseOrgName('运城市审批服务管理局（市政务信息管理局）')).toBe('运城市审批服务管理局市政务信息管理局');
    expect(normaliseOrgName('ＥＤＵ·Bureau')).toBe('edubureau');
  });
});

describe('recognising an organisation', () => {
  it.each([
    ['运城市教育局', 'EDU'],
    ['市教育局', 'EDU'],
    ['教育局', 'EDU'],
    ['运城教育局', 'EDU'],
    [' 运城市 教育局 ', 'EDU'],
    ['运城市教委', 'EDU'],
    ['edu', 'EDU'],
    ['运城市市场监督管理局', 'SAMR'],
    ['市场监督管理局', 'SAMR'],
    ['运城市场监督管理局', 'SAMR'],
    ['运城 市场监督管理局', 'SAMR'],
    ['市市场监管局', 'SAMR'],
    ['市场监管局', 'SAMR'],
    ['运城市审批服务管理局(市政务信息管理局)', 'GIA'],
    ['市政务信息管理局', 'GIA'],
    ['审批服务管理局', 'GIA'],
    ['财政局', 'FIN'],
    ['盐湖区', 'YANHU'],
    ['盐湖', 'YANHU'],
    ['运城市盐湖区', 'YANHU'],
    ['永济', 'YONGJI'],
    ['夏县', 'XIAXIAN'],
    ['盐湖区财政局', 'YANHU_FIN'],
    ['盐湖财政局', 'YANHU_FIN'],
    ['盐湖区教育局', 'YANHU_EDU'],
  ])('%s → %s', (text, code) => expect(codeOf(text)).toBe(code));

  it('says by which of its names an organisation was recognised', () => {
    expect(m.recognise('运城市教育局')).toMatchObject({ status: 'recognised', by: 'name' });
    expect(m.recognise('市教育局')).toMatchObject({ status: 'recognised', by: 'shortName' });
    expect(m.recognise('运城市教委')).toMatchObject({ status: 'recognised', by: 'alias' });
  });

  it('does not take a bare county-less form for a county, nor a one-character county stem', () => {
    expect(codeOf('夏')).toBe('unknown');
    expect(codeOf('教育')).toBe('unknown');
  });

  it('refuses a name standing for two organisations', () => {
    // 综合局 (A's alias) and 市综合局 (B's) are the same name for the city's organisations
    const both = createOrgMatcher([org('A', '运城市甲局', { aliases: ['综合局'] }), org('B', '运城市乙局', { aliases: ['市综合局'] })]);
    expect(both.recognise('运城市综合局')).toMatchObject({ status: 'ambiguous' });
    expect(both.recognise('甲局')).toMatchObject({ status: 'recognised', org: { code: 'A' } });
    expect(both.holdersOf('综合局').map((o) => o.code).sort()).toEqual(['A', 'B']);
  });

  it('suggests the closest names for a miss, best first, with a score', () => {
    const r = m.recognise('运城市教肓局');
    expect(r.status).toBe('unknown');
    if (r.status !== 'unknown') return;
    expect(r.suggestions[0]).toMatchObject({ code: 'EDU', name: '运城市教育局' });
    expect(r.suggestions[0]!.score).toBeGreaterThan(0.7);
    expect(r.suggestions[0]!.score).toBeLessThan(1);
    expect(r.suggestions.map((s) => s.score)).toEqual([...r.suggestions.map((s) => s.score)].sort((a, b) => b - a));
  });

  it('suggests nothing for a name like none of them', () => {
    expect(m.recognise('中国人民银行上海总部')).toEqual({ status: 'unknown', suggestions: [] });
    expect(m.recognise('  ')).toEqual({ status: 'unknown', suggestions: [] });
  });
});
