// Amounts as offices fill them in: in 元 (the register's unit, stored to the 分 as NUMERIC(14,2)) or in 万元, said
// by the column's header (年运维费用（万元）, 金额(万元)), by a unit row or line near the header (单位：万元), or by
// the cell itself (12.5万). Conversion is done on the decimal digits, never in floating point: 0.35 万元 is 3500 元
// exactly, and an amount finer than 1 分 is refused rather than rounded.

export type AmountUnit = '元' | '万元';
export type UnitSource = 'header' | 'unitRow' | 'default';

/** The unit in a header's trailing brackets or suffix, and the name without it: 年运维费用（万元） → 年运维费用, 万元. */
export function splitHeaderUnit(header: string): { name: string; unit?: AmountUnit } {
  const s = header.normalize('NFKC').trim();
  const m = /^(.*?)[(\[]?\s*(?:单位[:：]?\s*)?(万元|元|人民币元|万)\s*[)\]]?$/.exec(s);
  if (!m || !m[1]!.trim()) return { name: s };
  return { name: m[1]!.trim(), unit: m[2] === '万元' || m[2] === '万' ? '万元' : '元' };
}

/** A unit line (单位：万元, （单位：元）, 金额单位：万元) anywhere in a cell; undefined if the text declares none. */
export function unitDeclaredIn(text: string): AmountUnit | undefined {
  const m = /单位\s*[:：]\s*(人民币)?(万元|元)/.exec(text.normalize('NFKC'));
  return m ? (m[2] as AmountUnit) : undefined;
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/**
 * An amount's text in `unit` as 元 (a number with at most two decimals: its shortest text is the exact decimal).
 * A cell saying its own unit (12.5万, 3000元) wins over the column's. Thousands separators are allowed.
 */
export function parseAmount(text: string, unit: AmountUnit): { yuan: number } | { error: 'import.not_a_number' | 'import.amount_too_precise' } {
  let s = text.normalize('NFKC').replace(/[,\s]/g, '').replace(/^(¥|￥|RMB)/i, '');
  let cellUnit = unit;
  const suffix = /(万元|万|元)$/.exec(s);
  if (suffix) {
    cellUnit = suffix[1] === '元' ? '元' : '万元';
    s = s.slice(0, -suffix[1]!.length);
  }
  // what Excel stores for a typed 12.35 can be 12.350000000000001: 15 significant digits are what it shows
  if (/e/i.test(s) || /\d{16,}|\.\d*\d{12,}/.test(s)) {
    const n = Number(s);
    if (!Number.isFinite(n)) return { error: 'import.not_a_number' };
    s = String(Number(n.toPrecision(15)));
    if (/e/i.test(s)) s = n.toFixed(6);
  }
  const m = DECIMAL.exec(s);
  if (!m || (!m[2] && !m[3])) return { error: 'import.not_a_number' };
  const [, sign, whole = '', frac = ''] = m;
  const shift = cellUnit === '万元' ? 4 : 0;
  // 元 to the 分: the digits moved `shift` places, then two decimals kept
  const integerDigits = (whole || '0').length + shift + 2;
  const digits = (whole || '0') + frac.padEnd(shift + 2, '0');
  const fen = digits.slice(0, integerDigits);
  const rest = digits.slice(fen.length);
  if (/[1-9]/.test(rest)) return { error: 'import.amount_too_precise' };
  const value = BigInt(fen || '0');
  const yuan = Number(value) / 100;
  return { yuan: sign === '-' && value !== 0n ? -yuan : yuan };
}
