// GIA's (and the auditor's) view of every department's deadlines: overdue first by default.
import { useState } from 'react';
import { Card } from 'antd';
import { fetchDeadlines, type DeadlineFilter } from '../../../api/deadlines';
import { useAuth } from '../../../auth/AuthContext';
import { DeadlineTable } from '../../../components/DeadlineTable';
import { EmptyState, PageState } from '../../../components/PageState';
import { PageTitle } from '../../../components/PageTitle';
import { useApiData } from '../../../hooks/useApiData';
import { useI18n } from '../../../i18n';
import { DeadlineFilterSwitch } from '../../portal/deadlines/MyDeadlinesPage';

export function OverduePage() {
  const { t } = useI18n();
  const { mayOpen } = useAuth();
  const [filter, setFilter] = useState<DeadlineFilter>('overdue');
  const state = useApiData((signal) => fetchDeadlines(filter, signal), [filter]);
  const link = (id: string) => (mayOpen('review', 'oversight') ? `/review/projects/${id}` : `/portal/projects/${id}`);
  return (
    <>
      <PageTitle title={t('overdue.title')} subtitle={state.data ? t('deadlines.today', { date: state.data.today }) : undefined} extra={<DeadlineFilterSwitch value={filter} onChange={setFilter} />} />
      <Card>
        <PageState state={state} isEmpty={(d) => d.items.length === 0} empty={<EmptyState description={filter === 'overdue' ? t('overdue.none') : t('deadlines.none')} />}>
          {(d) => <DeadlineTable items={d.items} projectLink={link} showOrg />}
        </PageState>
      </Card>
    </>
  );
}
