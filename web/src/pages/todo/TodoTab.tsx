// The 待办 tab: what waits for me, filtered by kind and searched, read again whenever the stream says the count of
// what waits has changed (a department submitted, a deadline came due).
import { Select } from 'antd';
import { fetchTodo } from '../../api/todo';
import { ListToolbar } from '../../components/ListToolbar';
import { EmptyState, PageState } from '../../components/PageState';
import { useApiData } from '../../hooks/useApiData';
import { useListParams } from '../../hooks/useListParams';
import { useI18n } from '../../i18n';
import { useTodoCounts } from '../../layout/TodoCounts';
import { TodoTable } from './TodoTable';

const FILTERS = ['kind'] as const;

export function TodoTab() {
  const { t } = useI18n();
  const list = useListParams(FILTERS, ['tab']);
  const waiting = useTodoCounts()?.todo;
  const state = useApiData((signal) => fetchTodo(list.query, signal), [JSON.stringify(list.query), waiting]);
  const kinds = (state.data?.kinds ?? []).filter((k) => k.count > 0 || k.kind === list.filters.kind);
  return (
    <>
      <ListToolbar list={list} placeholder={t('todo.search')} testId="todo">
        <Select
          allowClear
          style={{ minWidth: 200 }}
          aria-label={t('todo.kindFilter')}
          placeholder={t('todo.kindAll')}
          value={list.filters.kind}
          onChange={(v) => list.setFilter('kind', v)}
          data-testid="todo-kind"
          options={kinds.map((k) => ({ value: k.kind, label: t('todo.kindCount', { label: k.label, n: k.count }) }))}
        />
      </ListToolbar>
      <PageState
        state={state}
        isEmpty={(d) => d.items.length === 0}
        empty={<EmptyState description={list.q || list.filters.kind ? t('todo.emptyFiltered') : t('todo.empty')} />}
      >
        {(d) => <TodoTable items={d.items} />}
      </PageState>
    </>
  );
}
