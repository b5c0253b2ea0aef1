import { describe, expect, it } from 'vitest';
import { parseAmount, splitHeaderUnit, unitDeclaredIn } from './amounts.js';

describe('amounts in 元 and 万元', () => {
  it('converts 万元 to 元 on the digits, without floating-point drift', () => {
    expect(parseAmount('12.5', '万元')).toEqual({ yuan: 125000 });
    expect(parseAmount('0.35', '万元')).toEqual({ yuan: 3500 });
    expect(parseAmount('0.0001', '万元')).toEqual({ yuan: 1 });
    expect(parseAmount('1.234567', '万元')).toEqual({ yuan: 12345.67 });
    expect(parseAmount('1,234.56', '元')).toEqual({ yuan: 1234.56 });
    // 0.1 + 0.2 in floating point would be 3000.0000000000005 元
    expect(parseAmount(String(0.1 + 0.2), '万元')).toEqual({ yuan: 3000 });
  });

  it('lets a cell say its own unit, over the column’s', () => {
    expect(parseAmount('12.5万', '元')).toEqual({ yuan: 125000 });
    expect(parseAmount('3000元', '万元')).toEqual({ yuan: 3000 });
    expect(parseAmount('￥8,000.00', '元')).toEqual({ yuan: 8000 });
  });

  it('refuses what is not an amount, and amounts finer than one 分 rather than rounding them', () => {
    expect(parseAmount('十二万', '元')).toEqual({ error: 'import.not_a_number' });
    expect(parseAmount('.', '元')).toEqual({ error: 'import.not_a_number' });
    expect(parseAmount('1.2345678', '万元')).toEqual({ error: 'import.amount_too_precise' });
    expect(parseAmount('0.001', '元')).toEqual({ error: 'import.amount_too_precise' });
  });

  it('reads the unit from a header and from a unit line', () => {
    expect(splitHeaderUnit('年运维费用（万元）')).toEqual({ name: '年运维费用', unit: '万元' });
    expect(splitHeaderUnit('金额(万元)')).toEqual({ name: '金额', unit: '万元' });
    expect(splitHeaderUnit('年运维费用（元）')).toEqual({ name: '年运维费用', unit: '元' });
    expect(splitHeaderUnit('运维费用（单位：万元）')).toEqual({ name: '运维费用', unit: '万元' });
    expect(splitHeaderUnit('数据量（GB）')).toEqual({ name: '数据量(GB)' });
    expect(unitDeclaredIn('单位：万元')).toBe('万元');
    expect(unitDeclaredIn('（金额单位: 元）')).toBe('元');
    expect(unitDeclaredIn('填报单位：运城市教育局')).toBeUndefined();
  });
});
