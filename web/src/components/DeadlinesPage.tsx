// A deadlines page's list: open / overdue / met / all, a search by obligation, project or unit, and the export of
// what is shown, all kept in the address. The organisation's page and GIA's oversight page differ only in their
// default view, the unit column and where a project opens.
import { Card, Segmented } from 'antd';
import type { ReactNode } from 'react';
import { fetchDeadlines, type DeadlineFilter, type DeadlineList as Deadlines } from '../api/deadlines';
import { useApiData } from '../hooks/useApiData';
import { useListParams } from '../hooks/useListParams';
import { useI18n } from '../i18n';
import { DeadlineTable } from './DeadlineTable';
import { JurisdictionFilter } from './JurisdictionFilter';
import { ListToolbar, useListExport } from './ListToolbar';
import { EmptyState, PageState } from './PageState';
import { PageTitle } from './PageTitle';

const FILTERS = ['status', 'jurisdiction'] as const;

export function DeadlinesPage({
  title,
  defaultStatus,
  showOrg,
  projectLink,
  empty,
  actions,
}: {
  title: string;
  defaultStatus: DeadlineFilter;
  showOrg?: boolean;
  projectLink(id: string): string;
  empty(status: DeadlineFilter): string;
  /** what may be done with the rows shown (GIA: remind the overdue) */
  actions?: (list: Deadlines, reload: () => void) => ReactNode;
}) {
  const { t } = useI18n();
  const exportOf = useListExport();
  const list = useListParams(FILTERS);
  const status = (list.filters.status as DeadlineFilter | undefined) ?? defaultStatus;
  const query = { ...list.query, status };
  const state = useApiData((signal) => fetchDeadlines(query, signal), [JSON.stringify(query)]);
  return (
    <>
      <PageTitle
        title={title}
        subtitle={state.data ? t('deadlines.today', { date: state.data.today }) : undefined}
        extra={
          <Segmented<DeadlineFilter>
            aria-label={t('deadlines.filter')}
            value={status}
            onChange={(v) => list.setFilter('status', v === defaultStatus ? undefined : v)}
            options={[
              { label: t('deadlines.filterOpen'), value: 'open' },
              { label: t('deadlines.filterOverdue'), value: 'overdue' },
              { label: t('deadlines.filterMet'), value: 'met' },
              { label: t('deadlines.filterAll'), value: 'all' },
            ]}
          />
        }
      />
      <Card>
        <ListToolbar
          list={list}
          placeholder={t('list.deadlineSearch')}
          testId="deadlines"
          exporting={exportOf('/api/deadlines/export', query, t('list.deadlinesFile'))}
        >
          {showOrg && <JurisdictionFilter value={list.filters.jurisdiction} onChange={(v) => list.setFilter('jurisdiction', v)} />}
          {state.data && actions?.(state.data, state.reload)}
        </ListToolbar>
        <PageState state={state} isEmpty={(d) => d.items.length === 0} empty={<EmptyState description={empty(status)} />}>
          {(d) => <DeadlineTable items={d.items} projectLink={projectLink} showOrg={showOrg} />}
        </PageState>
      </Card>
    </>
  );
}
