// Money as officials read it: ¥ with thousands separators; whole yuan without decimals, otherwise two.
const yuan = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 });
const yuan2 = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function formatYuan(amount: number | null | undefined): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return '—';
  const fmt = Number.isInteger(amount) ? yuan : yuan2;
  return (amount < 0 ? '-¥' : '¥') + fmt.format(Math.abs(amount));
}

/** For InputNumber: shows 1,234,567 while typing, parses back to a number. */
export const moneyInput = {
  formatter: (v: string | number | undefined) => (v === undefined || v === '' ? '' : String(v).replace(/\B(?=(\d{3})+(?!\d))/g, ',')),
  parser: (v: string | undefined) => Number((v ?? '').replace(/[¥,\s]/g, '')) as unknown as number,
};
