// The 已办 tab: what I handled (my decisions), newest first, a page at a time.
import { Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { fetchDone, type DoneItem } from '../../api/todo';
import { EmptyState, PageState } from '../../components/PageState';
import { formatDateTime } from '../../format/dates';
import { useApiData } from '../../hooks/useApiData';
import { serverTable, useListParams } from '../../hooks/useListParams';
import { useI18n } from '../../i18n';

const PAGE_SIZE = 20;

export function DoneTab() {
  const { t } = useI18n();
  const list = useListParams([], ['tab']);
  const state = useApiData((signal) => fetchDone({ page: list.page, pageSize: PAGE_SIZE }, signal), [list.page]);
  return (
    <PageState state={state} isEmpty={(d) => d.total === 0} empty={<EmptyState description={t('done.empty')} />}>
      {(d) => (
        <Table<DoneItem>
          size="small"
          rowKey={(r) => `${r.at}-${r.objectId}-${r.action}`}
          dataSource={d.items}
          data-testid="done-table"
          {...serverTable(list, d.total, PAGE_SIZE)}
          columns={[
            { title: t('done.at'), key: 'at', width: 170, render: (_, r) => formatDateTime(r.at) },
            { title: t('done.action'), key: 'action', width: 200, render: (_, r) => <Tag>{r.actionLabel}</Tag> },
            { title: t('done.object'), key: 'object', render: (_, r) => (r.link ? <Link to={r.link}>{r.objectName}</Link> : r.objectName) },
          ]}
        />
      )}
    </PageState>
  );
}
