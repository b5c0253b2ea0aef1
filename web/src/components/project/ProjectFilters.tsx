// The project lists' filters (projects/list-filter.ts on the server): jurisdiction, building organisation, budget year, amount
// range and "has an overdue obligation". Their values live in the address with the list's search and page.
import { Checkbox, Select } from 'antd';
import { fetchOrgs } from '../../api/admin';
import { useApiData } from '../../hooks/useApiData';
import { JurisdictionFilter } from '../JurisdictionFilter';
import type { ListParams } from '../../hooks/useListParams';
import { useI18n, type MessageKey } from '../../i18n';

export const PROJECT_FILTERS = ['orgId', 'jurisdiction', 'budgetYear', 'minBudget', 'maxBudget', 'overdue'] as const;
export type ProjectFilterKey = (typeof PROJECT_FILTERS)[number];

/** Amount ranges in 万元, as reviewers speak of budgets; the API takes yuan. */
const RANGES: { key: string; min?: number; max?: number }[] = [
  { key: 'lt10', max: 100_000 },
  { key: '10to50', min: 100_000, max: 500_000 },
  { key: '50to100', min: 500_000, max: 1_000_000 },
  { key: '100to500', min: 1_000_000, max: 5_000_000 },
  { key: 'gt500', min: 5_000_000 },
];

const YEARS = (() => {
  const now = new Date().getFullYear();
  return [now + 1, now, now - 1, now - 2, now - 3];
})();

export function ProjectFilters({ list, orgs = true }: { list: ListParams<ProjectFilterKey>; orgs?: boolean }) {
  const { t } = useI18n();
  const f = list.filters;
  const range = RANGES.find((r) => String(r.min ?? '') === (f.minBudget ?? '') && String(r.max ?? '') === (f.maxBudget ?? ''))?.key;
  return (
    <>
      {orgs && <JurisdictionFilter value={f.jurisdiction} onChange={(v) => list.setFilter('jurisdiction', v)} />}
      {orgs && <OrgFilter value={f.orgId} onChange={(v) => list.setFilter('orgId', v)} />}
      <Select
        allowClear
        style={{ width: 130 }}
        aria-label={t('list.filter.year')}
        placeholder={t('list.filter.allYears')}
        value={f.budgetYear}
        onChange={(v?: string) => list.setFilter('budgetYear', v)}
        options={YEARS.map((y) => ({ value: String(y), label: t('list.filter.yearValue', { year: y }) }))}
        data-testid="filter-year"
      />
      <Select
        allowClear
        style={{ width: 150 }}
        aria-label={t('list.filter.amount')}
        placeholder={t('list.filter.allAmounts')}
        value={range}
        onChange={(key?: string) => {
          const r = RANGES.find((x) => x.key === key);
          list.setFilters({ minBudget: r?.min === undefined ? undefined : String(r.min), maxBudget: r?.max === undefined ? undefined : String(r.max) });
        }}
        options={RANGES.map((r) => ({ value: r.key, label: t(`list.filter.amount.${r.key}` as MessageKey) }))}
        data-testid="filter-amount"
      />
      <Checkbox checked={f.overdue === 'true'} onChange={(e) => list.setFilter('overdue', e.target.checked ? 'true' : undefined)} data-testid="filter-overdue">
        {t('list.filter.overdue')}
      </Checkbox>
    </>
  );
}

function OrgFilter({ value, onChange }: { value?: string; onChange(v?: string): void }) {
  const { t } = useI18n();
  const orgs = useApiData((signal) => fetchOrgs(signal), []);
  return (
    <Select
      allowClear
      showSearch
      optionFilterProp="label"
      style={{ width: 220 }}
      aria-label={t('list.filter.org')}
      placeholder={t('list.filter.allOrgs')}
      loading={orgs.loading}
      value={value}
      onChange={onChange}
      options={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
      data-testid="filter-org"
    />
  );
}
