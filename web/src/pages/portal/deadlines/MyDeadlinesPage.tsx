// Everything the organisation has due, met or overdue, in working days.
import { Card, Segmented } from 'antd';
import { useState } from 'react';
import { fetchDeadlines, type DeadlineFilter } from '../../../api/deadlines';
import { DeadlineTable } from '../../../components/DeadlineTable';
import { EmptyState, PageState } from '../../../components/PageState';
import { PageTitle } from '../../../components/PageTitle';
import { useApiData } from '../../../hooks/useApiData';
import { useI18n } from '../../../i18n';

export function MyDeadlinesPage() {
  const { t } = useI18n();
  const [filter, setFilter] = useState<DeadlineFilter>('open');
  const state = useApiData((signal) => fetchDeadlines(filter, signal), [filter]);
  return (
    <>
      <PageTitle
        title={t('deadlines.title')}
        subtitle={state.data ? t('deadlines.today', { date: state.data.today }) : undefined}
        extra={<DeadlineFilterSwitch value={filter} onChange={setFilter} />}
      />
      <Card>
        <PageState state={state} isEmpty={(d) => d.items.length === 0} empty={<EmptyState description={t('deadlines.none')} />}>
          {(d) => <DeadlineTable items={d.items} projectLink={(id) => `/portal/projects/${id}`} />}
        </PageState>
      </Card>
    </>
  );
}

export function DeadlineFilterSwitch({ value, onChange }: { value: DeadlineFilter; onChange(v: DeadlineFilter): void }) {
  const { t } = useI18n();
  return (
    <Segmented<DeadlineFilter>
      aria-label={t('deadlines.filter')}
      value={value}
      onChange={onChange}
      options={[
        { label: t('deadlines.filterOpen'), value: 'open' },
        { label: t('deadlines.filterOverdue'), value: 'overdue' },
        { label: t('deadlines.filterMet'), value: 'met' },
        { label: t('deadlines.filterAll'), value: 'all' },
      ]}
    />
  );
}
