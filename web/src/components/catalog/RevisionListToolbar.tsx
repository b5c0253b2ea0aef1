// Above a list of catalog revisions (the public history, the sub-center's and reviewers' list): the search by number
// or title and the export of the revisions shown; `children` are the list's filters.
import type { ReactNode } from 'react';
import type { QueryOf } from '../../api/client';
import type { ListParams } from '../../hooks/useListParams';
import { useI18n } from '../../i18n';
import { ListToolbar, useListExport } from '../ListToolbar';

export function RevisionListToolbar<F extends string>({ list, query, children }: { list: ListParams<F>; query: QueryOf<'/api/catalog/revisions'>; children?: ReactNode }) {
  const { t } = useI18n();
  const exportOf = useListExport();
  return (
    <ListToolbar
      list={list}
      placeholder={t('list.revisionSearch')}
      testId="revisions"
      exporting={exportOf('/api/catalog/revisions/export', query, t('list.revisionsFile'))}
    >
      {children}
    </ListToolbar>
  );
}
