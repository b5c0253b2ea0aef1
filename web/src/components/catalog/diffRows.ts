// Flattens a diff entry's field changes into readable rows: nested spec/xinchuang objects become one row per
// changed key, prices become ¥ amounts, lists are joined.
import type { FieldChange } from '../../api/catalog';
import { formatYuan } from '../../format/money';
import type { MessageKey, Translate } from '../../i18n';

export interface DiffRow {
  label: string;
  from: string;
  to: string;
}

const FIELD_KEYS: Record<string, MessageKey> = {
  category: 'catalog.category',
  name: 'diff.field.name',
  nameEn: 'diff.field.nameEn',
  description: 'diff.field.description',
  provisioner: 'diff.field.provisioner',
  sharedService: 'catalog.sharedService',
  keywords: 'diff.field.keywords',
  unit: 'catalog.unit',
  unitPrice: 'catalog.price',
  maxQuantity: 'catalog.maxQuantity',
  spec: 'catalog.spec',
  xinchuang: 'catalog.xinchuang',
  status: 'diff.field.status',
};

function show(v: unknown, field: string, t: Translate): string {
  if (v === null || v === undefined || v === '') return '—';
  if (field === 'unitPrice' && typeof v === 'number') return formatYuan(v);
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (Array.isArray(v)) return v.map(String).join('、') || '—';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function diffRows(changes: FieldChange[] | undefined, t: Translate): DiffRow[] {
  const rows: DiffRow[] = [];
  for (const c of changes ?? []) {
    const label = FIELD_KEYS[c.field] ? t(FIELD_KEYS[c.field]!) : c.field;
    if (isObject(c.from) || isObject(c.to)) {
      const from: Record<string, unknown> = isObject(c.from) ? c.from : {};
      const to: Record<string, unknown> = isObject(c.to) ? c.to : {};
      for (const key of new Set([...Object.keys(from), ...Object.keys(to)])) {
        if (JSON.stringify(from[key]) === JSON.stringify(to[key])) continue;
        rows.push({ label: `${label} · ${t(`spec.${key}` as MessageKey) === `spec.${key}` ? key : t(`spec.${key}` as MessageKey)}`, from: show(from[key], key, t), to: show(to[key], key, t) });
      }
    } else {
      rows.push({ label, from: show(c.from, c.field, t), to: show(c.to, c.field, t) });
    }
  }
  return rows;
}
