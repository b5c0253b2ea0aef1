// Two to four plans side by side: price, unit, limits, specification and 信创 attributes.
import { Modal, Table, Tag } from 'antd';
import type { OfferingView, PlanView } from '../../api/catalog';
import { formatYuan } from '../../format/money';
import { useI18n, type MessageKey } from '../../i18n';
import { SPEC_ROWS, specValue, xinchuangText } from './specText';

export interface Picked {
  offering: OfferingView;
  plan: PlanView;
}

interface Row {
  key: string;
  label: string;
  values: (string | React.ReactNode)[];
}

export function PlanComparison({ picked, open, onClose }: { picked: Picked[]; open: boolean; onClose(): void }) {
  const { t, locale } = useI18n();
  const name = (x: { name: string; nameEn: string | null }) => (locale === 'en' ? (x.nameEn ?? x.name) : x.name);
  const rows: Row[] = [
    { key: 'offering', label: t('catalog.offering'), values: picked.map((p) => name(p.offering)) },
    { key: 'category', label: t('catalog.category'), values: picked.map((p) => p.offering.category) },
    { key: 'code', label: t('catalog.planCode'), values: picked.map((p) => p.plan.code) },
    { key: 'price', label: t('catalog.price'), values: picked.map((p) => <strong className="zy-money">{formatYuan(p.plan.unitPrice)}</strong>) },
    { key: 'unit', label: t('catalog.unit'), values: picked.map((p) => p.plan.unit) },
    { key: 'max', label: t('catalog.maxQuantity'), values: picked.map((p) => (p.plan.maxQuantity === null ? t('catalog.noLimit') : String(p.plan.maxQuantity))) },
    ...SPEC_ROWS.map((k) => ({ key: k, label: t(`spec.${k}` as MessageKey), values: picked.map((p) => specValue(p.plan, k, t) ?? '—') })).filter((r) =>
      r.values.some((v) => v !== '—'),
    ),
    { key: 'xc', label: t('catalog.xinchuang'), values: picked.map((p) => (p.plan.xinchuang.certified ? <Tag color="red">{xinchuangText(p.plan, t)}</Tag> : xinchuangText(p.plan, t))) },
    { key: 'notes', label: t('spec.notes'), values: picked.map((p) => p.plan.spec.notes ?? '—') },
  ];
  return (
    <Modal open={open} onCancel={onClose} footer={null} width={Math.min(1200, 260 + picked.length * 240)} title={t('catalog.compareTitle', { n: picked.length })}>
      <Table<Row>
        data-testid="plan-comparison"
        size="small"
        bordered
        pagination={false}
        rowKey="key"
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('catalog.item'), dataIndex: 'label', fixed: 'left', width: 140, render: (v: string) => <strong>{v}</strong> },
          ...picked.map((p, i) => ({ title: name(p.plan), key: p.plan.code, width: 230, render: (_: unknown, r: Row) => r.values[i] })),
        ]}
      />
    </Modal>
  );
}
