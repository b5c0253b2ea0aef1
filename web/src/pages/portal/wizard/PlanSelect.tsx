// Choosing a plan from the project's catalog revision: active plans only, grouped by offering, searchable by
// name or code.
import { useMemo } from 'react';
import { Select } from 'antd';
import type { CatalogView } from '../../../api/catalog';
import { formatYuan } from '../../../format/money';
import { useI18n } from '../../../i18n';

interface Props {
  id: string;
  view: CatalogView;
  value?: string;
  onChange(planCode: string): void;
  status?: 'error';
}

export function PlanSelect({ id, view, value, onChange, status }: Props) {
  const { t, locale } = useI18n();
  const options = useMemo(
    () =>
      view.offerings
        .filter((o) => o.status === 'ACTIVE' && o.plans.some((p) => p.status === 'ACTIVE'))
        .map((o) => ({
          label: `${o.category} · ${locale === 'en' ? (o.nameEn ?? o.name) : o.name}`,
          title: o.code,
          options: o.plans
            .filter((p) => p.status === 'ACTIVE')
            .map((p) => ({
              value: p.code,
              label: `${locale === 'en' ? (p.nameEn ?? p.name) : p.name}${t('punct.open')}${p.code}${t('punct.close')} ${formatYuan(p.unitPrice)}/${p.unit}`,
            })),
        })),
    [view, locale],
  );
  return (
    <Select
      id={id}
      showSearch={{ optionFilterProp: 'label' }}
      style={{ width: 420, maxWidth: '100%' }}
      placeholder={t('lines.choosePlan')}
      value={value}
      onChange={onChange}
      options={options}
      status={status}
      popupMatchSelectWidth={false}
    />
  );
}
