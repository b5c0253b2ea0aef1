import { ownOrganisation } from './row-organisation.js';
import { describe, expect, it } from 'vitest';
import { matchHeader } from './columns.js';
import { parseRegisterRows, type SheetRow } from './spreadsheet.js';

const ctx = { locale: 'zh-CN' as const, rowOrg: ownOrganisation({ id: 'edu', code: 'EDU', name: '运城市教育局' }) };
async function* rowsOf(rows: (string[] | null)[]): AsyncGenerator<SheetRow> {
  let n = 0;
  for (const cells of rows) {
    n++;
    if (cells) yield { number: n, cells };
  }
}
const parse = (rows: (string[] | null)[]) => parseRegisterRows(rowsOf(rows), ctx);

describe('header names offices use', () => {
  it('knows each column by its common names, and an amount’s unit by its header', () => {
    expect(matchHeader('信息系统名称')?.column.key).toBe('name');
    expect(matchHeader('部署方式')?.column.key).toBe('hosting');
    expect(matchHeader('等保等级')?.column.key).toBe('mlpsLevel');
    expect(matchHeader('上线时间')?.column.key).toBe('launchedOn');
    expect(matchHeader('年运维费用（万元）')).toMatchObject({ column: { key: 'annualOmCost' }, unit: '万元' });
    expect(matchHeader('金额(万元)')).toMatchObject({ column: { key: 'annualOmCost' }, unit: '万元' });
    expect(matchHeader('年运维费用（元）')).toMatchObject({ column: { key: 'annualOmCost' }, unit: '元' });
    expect(matchHeader('数据量（GB）')?.column.key).toBe('dataVolumeGb');
    expect(matchHeader('名称')).toBeUndefined();
  });
});

describe('one- and two-row headers', () => {
  it('reads a group row above the names, with the ungrouped names merged down from the upper row', async () => {
    // as Excel gives a merge: the value in its top-left cell only
    const r = await parse([
      ['2026年运城市政务信息系统迁移摸底表'],
      ['序号', '系统名称', '基本信息', '', '', '安全情况', '', '费用', '上线日期'],
      ['', '', '主要功能', '部署方式', '部署地点', '等保等级', '是否涉密', '年运维费用（万元）', ''],
      ['1', '学籍系统', '学籍管理', '自有机房', '三楼机房', '二级', '否', '12.5', '2021年3月5日'],
    ]);
    expect(r.problems).toEqual([]);
    expect(r.headerRows).toEqual([2, 3]);
    expect(r.mapping.map((m) => [m.cell, m.header, m.field])).toEqual([
      ['A', '序号', null],
      ['B', '系统名称', 'name'],
      ['C', '主要功能', 'purpose'],
      ['D', '部署方式', 'hosting'],
      ['E', '部署地点', 'location'],
      ['F', '等保等级', 'mlpsLevel'],
      ['G', '是否涉密', 'classified'],
      ['H', '年运维费用（万元）', 'annualOmCost'],
      ['I', '上线日期', 'launchedOn'],
    ]);
    expect(r.mapping[7]).toMatchObject({ unit: '万元', unitSource: 'header' });
    expect(r.entries[0]).toEqual({
      row: 4,
      orgId: 'edu',
      input: { name: '学籍系统', purpose: '学籍管理', hosting: 'OWN_ROOM', location: '三楼机房', mlpsLevel: 2, classified: false, annualOmCost: 125000, launchedOn: '2021-03-05' },
    });
  });

  it('reads a two-row header whose merged cells repeat their value (as merges read from an XLSX)', async () => {
    const r = await parse([
      ['系统名称', '基本信息', '基本信息', '费用'],
      ['系统名称', '业务用途', '当前部署方式', '运维费用'],
      ['A', '用途', '县政务云', '1000'],
    ]);
    expect(r.problems).toEqual([]);
    expect(r.headerRows).toEqual([1, 2]);
    expect(r.entries[0]!.input).toMatchObject({ name: 'A', hosting: 'COUNTY_CLOUD', annualOmCost: 1000 });
    expect(r.mapping[3]).toMatchObject({ unit: '元', unitSource: 'default' });
  });

  it('reads amounts in 万元 when a unit line above or below the header says so, and says so', async () => {
    const header = ['系统名称', '业务用途', '当前部署方式', '年运维费用'];
    const above = await parse([['迁移摸底表', '', '', '单位：万元'], null, header, ['A', 'x', '自建机房', '0.35']]);
    expect(above.problems).toEqual([]);
    expect(above.entries[0]!.input.annualOmCost).toBe(3500);
    expect(above.mapping[3]).toMatchObject({ field: 'annualOmCost', unit: '万元', unitSource: 'unitRow' });
    const below = await parse([header, ['', '', '', '（单位：万元）'], ['A', 'x', '自建机房', '2']]);
    expect(below.problems).toEqual([]);
    expect(below.rowsRead).toBe(1);
    expect(below.entries[0]).toMatchObject({ row: 3, input: { annualOmCost: 20000 } });
    // the header's own unit wins over a unit line
    const both = await parse([['单位：万元'], ['系统名称', '业务用途', '当前部署方式', '年运维费用（元）'], ['A', 'x', '自建机房', '800']]);
    expect(both.entries[0]!.input.annualOmCost).toBe(800);
  });

  it('reports a bad date or an amount finer than a 分 on its cell', async () => {
    const r = await parse([
      ['系统名称', '业务用途', '当前部署方式', '年运维费用（万元）', '上线日期'],
      ['A', 'x', '自建机房', '1.2345678', '2021年2月30日'],
    ]);
    expect(r.problems.map((p) => [p.cell, p.code])).toEqual([
      ['D2', 'import.amount_too_precise'],
      ['E2', 'import.not_a_date'],
    ]);
    expect(r.problems[1]!.message).toBe('第2行「上线日期」：「2021年2月30日」不是日期，请填写如 2021-03-05、2021年3月5日 或 2021/3/5');
  });
});
