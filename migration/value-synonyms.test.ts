import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { registerTemplate } from './spreadsheet.js';
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

  it('lists them in the template’s sheet 可接受的写法, in Chinese or in English', async () => {
    const rowsOf = async (locale: 'zh-CN' | 'en') => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await registerTemplate('xlsx', locale)) as never);
      const ws = wb.worksheets[2]!;
      const rows: string[][] = [];
      ws.eachRow((r) => rows.push((r.values as string[]).slice(1)));
      return { name: ws.name, rows };
    };
    const zh = await rowsOf('zh-CN');
    expect(zh.name).toBe('可接受的写法');
    expect(zh.rows[0]).toEqual(['列名', '取值', '可接受的写法']);
    const level2 = zh.rows.find((r) => r[0] === '等保级别' && r[1] === '第二级')!;
    expect(level2[2]).toContain('等保二级');
    expect(zh.rows.find((r) => r[0] === '是否涉密' && r[1] === '是')![2]).toContain('√');
    expect(zh.rows.some((r) => r[0] === '年运维费用（元）' && r[2]!.includes('万元'))).toBe(true);
    expect(zh.rows.some((r) => r[0] === '上线日期' && r[2]!.includes('2021年3月5日'))).toBe(true);
    const en = await rowsOf('en');
    expect(en.name).toBe('Accepted spellings');
    expect(en.rows.find((r) => r[0] === 'Current hosting' && r[1] === 'County cloud')![2]).toContain('县政务云');
  });
});
