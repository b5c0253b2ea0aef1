// The published Government Cloud Service Catalog (public): search, category and 信创 filters, plan comparison,
// spreadsheet downloads, and a link to the revision history.
import { useMemo, useState } from 'react';
import { Affix, Button, Card, Checkbox, Flex, Input, Segmented, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { fetchCatalog } from '../../api/catalog';
import type { CategoryCode, PublishedCatalog } from '../../api/catalog';
import { EmptyState, PageState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { formatDate } from '../../format/dates';
import { useApiData } from '../../hooks/useApiData';
import { useI18n } from '../../i18n';
import { filterCatalog, type CatalogFilter } from './catalogFilter';
import { ExportButtons } from './ExportButtons';
import { OfferingCard } from './OfferingCard';
import { PlanComparison, type Picked } from './PlanComparison';

const MAX_COMPARE = 4;

export function CatalogPage() {
  const { t } = useI18n();
  const state = useApiData((signal) => fetchCatalog(signal), []);
  return (
    <>
      <PageState state={state}>{(catalog) => <CatalogBody catalog={catalog} />}</PageState>
    </>
  );
}

function CatalogBody({ catalog }: { catalog: PublishedCatalog }) {
  const { t } = useI18n();
  const [filter, setFilter] = useState<CatalogFilter>({ q: '', category: 'ALL', xinchuangOnly: false });
  const [selected, setSelected] = useState<string[]>([]);
  const [comparing, setComparing] = useState(false);
  const shown = useMemo(() => filterCatalog(catalog.offerings, filter), [catalog, filter]);
  const planCount = shown.reduce((n, s) => n + s.plans.length, 0);
  const picked: Picked[] = selected.flatMap((code) => {
    for (const o of catalog.offerings) {
      const plan = o.plans.find((p) => p.code === code);
      if (plan) return [{ offering: o, plan }];
    }
    return [];
  });
  const toggle = (code: string) => setSelected((s) => (s.includes(code) ? s.filter((c) => c !== code) : [...s, code]));

  return (
    <>
      <PageTitle
        title={t('catalog.title')}
        subtitle={
          <>
            {catalog.revision.title} · {t('catalog.revisionLabel', { n: catalog.revision.number })} · {t('catalog.publishedOn', { date: formatDate(catalog.revision.publishedAt) })} ·{' '}
            <Link to="/catalog/revisions">{t('catalog.historyLink')}</Link>
          </>
        }
        extra={<ExportButtons />}
      />
      <Card className="zy-card" size="small">
        <Flex gap={16} wrap align="center">
          <Input.Search
            allowClear
            style={{ maxWidth: 360 }}
            placeholder={t('catalog.searchPlaceholder')}
            aria-label={t('catalog.search')}
            value={filter.q}
            onChange={(e) => setFilter((f) => ({ ...f, q: e.target.value }))}
            data-testid="catalog-search"
          />
          <Segmented<CategoryCode | 'ALL'>
            aria-label={t('catalog.category')}
            value={filter.category}
            onChange={(category) => setFilter((f) => ({ ...f, category }))}
            options={[
              { label: t('catalog.allCategories'), value: 'ALL' },
              { label: t('catalog.cat.IaaS'), value: 'IaaS' },
              { label: t('catalog.cat.PaaS'), value: 'PaaS' },
              { label: t('catalog.cat.SaaS'), value: 'SaaS' },
            ]}
            data-testid="category-filter"
          />
          <Checkbox checked={filter.xinchuangOnly} onChange={(e) => setFilter((f) => ({ ...f, xinchuangOnly: e.target.checked }))} data-testid="xinchuang-filter">
            {t('catalog.xinchuangOnly')}
          </Checkbox>
          <Typography.Text type="secondary" data-testid="catalog-count" aria-live="polite">
            {t('catalog.count', { offerings: shown.length, plans: planCount })}
          </Typography.Text>
        </Flex>
      </Card>
      {selected.length > 0 && (
        <Affix offsetTop={8}>
          <Card size="small" className="zy-card" style={{ borderColor: '#1d4ed8' }}>
            <Flex justify="space-between" align="center" wrap gap={8}>
              <Typography.Text>{t('catalog.selectedForCompare', { n: selected.length, max: MAX_COMPARE })}</Typography.Text>
              <Space>
                <Button onClick={() => setSelected([])}>{t('catalog.clearSelection')}</Button>
                <Button type="primary" disabled={selected.length < 2} onClick={() => setComparing(true)} data-testid="compare-button">
                  {t('catalog.compareButton', { n: selected.length })}
                </Button>
              </Space>
            </Flex>
          </Card>
        </Affix>
      )}
      {shown.length === 0 ? (
        <Card>
          <EmptyState description={t('catalog.noMatch')} />
        </Card>
      ) : (
        shown.map(({ offering, plans }) => (
          <OfferingCard key={offering.code} offering={offering} plans={plans} selected={selected} onToggle={toggle} canSelectMore={selected.length < MAX_COMPARE} />
        ))
      )}
      <PlanComparison picked={picked} open={comparing && picked.length >= 2} onClose={() => setComparing(false)} />
    </>
  );
}
