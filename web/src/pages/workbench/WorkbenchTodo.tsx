// The workbench's first card: the most urgent of what waits for me (the to-do centre's own rows), and the way to
// the whole list.
import { Card } from 'antd';
import { Link } from 'react-router-dom';
import { fetchTodo } from '../../api/todo';
import { EmptyState, PageState } from '../../components/PageState';
import { useApiData } from '../../hooks/useApiData';
import { useI18n } from '../../i18n';
import { useTodoCounts } from '../../layout/TodoCounts';
import { TodoTable } from '../todo/TodoTable';

const SHOWN = 5;

export function WorkbenchTodo() {
  const { t } = useI18n();
  const waiting = useTodoCounts()?.todo;
  const state = useApiData((signal) => fetchTodo({}, signal), [waiting]);
  return (
    <Card
      className="zy-card"
      title={t('workbench.todoTitle')}
      extra={
        <Link to="/todo" data-testid="workbench-todo-centre">
          {t('workbench.todoCentre')}
        </Link>
      }
      data-testid="workbench-todo"
    >
      <PageState state={state} isEmpty={(d) => d.items.length === 0} empty={<EmptyState description={t('todo.empty')} />}>
        {(d) => (
          <>
            <TodoTable items={d.items.slice(0, SHOWN)} compact />
            {d.total > SHOWN && (
              <Link to="/todo" style={{ display: 'inline-block', marginTop: 8 }}>
                {t('todo.more', { n: d.total - SHOWN })}
              </Link>
            )}
          </>
        )}
      </PageState>
    </Card>
  );
}
