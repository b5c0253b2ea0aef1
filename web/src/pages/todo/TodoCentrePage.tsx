// 待办中心: what waits for me (待办) and what I handled (已办), the tab kept in the address.
import { Card, Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { PageTitle } from '../../components/PageTitle';
import { useI18n } from '../../i18n';
import { useTodoCounts } from '../../layout/TodoCounts';
import { DoneTab } from './DoneTab';
import { TodoTab } from './TodoTab';

export function TodoCentrePage() {
  const { t } = useI18n();
  const [search, setSearch] = useSearchParams();
  const counts = useTodoCounts();
  const tab = search.get('tab') === 'done' ? 'done' : 'todo';
  return (
    <>
      <PageTitle title={t('todo.title')} subtitle={t('todo.subtitle')} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setSearch(key === 'done' ? { tab: 'done' } : {}, { replace: true })}
          destroyOnHidden
          items={[
            { key: 'todo', label: counts ? t('todo.tabTodoCount', { n: counts.todo }) : t('todo.tabTodo'), children: <TodoTab /> },
            { key: 'done', label: t('todo.tabDone'), children: <DoneTab /> },
          ]}
        />
      </Card>
    </>
  );
}
