import { describe, expect, it } from 'vitest';
import { acceptedValues, hostingOf, mlpsLevelOf, strategyOf, xinchuangOf, yesNoOf } from './value-synonyms.js';

describe('fixed values as offices write them', () => {
  it('reads every common spelling of a 等保 level', () => {
    for (const s of ['二级', '第二级', '2级', '等保二级', '二级等保', '等保2级', 'level 2', 'Level2', 'L2', '２级', '2']) expect(mlpsLevelOf(s), s).toBe(2);
    expect(mlpsLevelOf('第三级')).toBe(3);
    expect(mlpsLevelOf('未定级')).toBeNull();
    expect(mlpsLevelOf('五级')).toBeUndefined();
  });

  it('reads hosting types by label, code and office names', () => {
    expect(hostingOf('自有机房')).toBe('OWN_ROOM');
    expect(hostingOf('OWN_ROOM')).toBe('OWN_ROOM');
    expect(hostingOf('县政务云')).toBe('COUNTY_CLOUD');
    expect(hostingOf('第三方托管')).toBe('OTHER_PROVIDER');
    expect(hostingOf('city cloud')).toBe('CITY_CLOUD');
    expect(hostingOf('云上')).toBeUndefined();
  });

  it('reads yes and no in their marks and words', () => {
    for (const s of ['是', '有', 'Y', 'yes', '√', '✓']) expect(yesNoOf(s), s).toBe(true);
    for (const s of ['否', '无', 'N', 'no', '×']) expect(yesNoOf(s), s).toBe(false);
    expect(yesNoOf('不确定')).toBeUndefined();
  });

  it('reads 信创 status and the 6R strategies in Chinese and English', () => {
    expect(xinchuangOf('部分')).toBe('PARTIAL');
    expect(xinchuangOf('已适配')).toBe('FULL');
    expect(strategyOf('Rehost')).toBe('REHOST');
    expect(strategyOf('lift and shift')).toBe('REHOST');
    expect(strategyOf('重构')).toBe('REFACTOR');
    expect(strategyOf('Re-platform')).toBe('REPLATFORM');
    expect(strategyOf('下线')).toBe('RETIRE');
    expect(strategyOf('豁免')).toBe('RETAIN_EXEMPT');
  });

  it('lists the accepted spellings of every fixed-value column, labelled in the chosen language', () => {
    const zh = acceptedValues('zh-CN');
    expect(Object.keys(zh)).toEqual(['hosting', 'mlpsLevel', 'classified', 'xinchuang']);
    expect(zh.mlpsLevel.find((v) => v.value === '第二级')!.spellings).toEqual(expect.arrayContaining(['二级', '2级', '等保二级', 'level 2']));
    expect(acceptedValues('en').hosting[0]).toMatchObject({ value: 'Own server room', spellings: expect.arrayContaining(['自建机房', '自有机房']) });
    // every spelling listed is read back as its value
    for (const v of zh.hosting) for (const s of v.spellings) expect(hostingOf(s), s).toBe(hostingOf(v.value));
  });
});
