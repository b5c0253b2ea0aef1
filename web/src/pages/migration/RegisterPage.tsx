// The register of legacy systems (政务信息系统目录, Art. 5). Departments and counties: "我的信息系统", their own
// organisation's systems, registered one by one or imported from the template, changed and withdrawn. GIA, the
// auditor and the sub-center: "迁移登记", every organisation's systems; the sub-center assesses them, plans them into
// waves and moves them through the migration (in the drawer). Everyone may export what they see.
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button, Card } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { fetchWaves, listSystems, type SystemFilter } from '../../api/migration';
import { useAuth } from '../../auth/AuthContext';
import { EmptyState, PageState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { useApiData } from '../../hooks/useApiData';
import { useI18n } from '../../i18n';
import { NewWaveButton } from './actions/NewWaveButton';
import { ExportButtons } from './ExportButtons';
import { ImportPanel } from './ImportPanel';
import { SystemDrawer } from './SystemDrawer';
import { SystemFilters } from './SystemFilters';
import { SystemForm } from './SystemForm';
import { SystemTable } from './SystemTable';

const PAGE_SIZE = 20;

export function RegisterPage() {
  const { t } = useI18n();
  const { mayOpen } = useAuth();
  // an organisation's own register; the sub-center plans the waves
  const mayChange = mayOpen('migrationOwn');
  const operator = mayOpen('migrationPlanning');
  const [filter, setFilter] = useState<SystemFilter>({});
  const [page, setPage] = useState(1);
  const state = useApiData((signal) => listSystems({ ...filter, page, pageSize: PAGE_SIZE }, signal), [JSON.stringify(filter), page]);
  const waves = useApiData((signal) => fetchWaves(signal), []);
  // ?open=<id>: a link to one system (the deadlines lists link a system's security obligations here)
  const [params] = useSearchParams();
  const [openId, setOpenId] = useState<string | null>(params.get('open'));
  const [creating, setCreating] = useState(false);
  const filtered = Object.values(filter).some((v) => v !== undefined);

  return (
    <>
      <PageTitle
        title={t(mayChange ? 'register.myTitle' : 'register.allTitle')}
        subtitle={t(mayChange ? 'register.myHint' : operator ? 'register.operatorHint' : 'register.allHint')}
        extra={
          <>
            {mayChange && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="system-new">
                {t('register.new')}
              </Button>
            )}
            {operator && <NewWaveButton onCreated={waves.reload} />}
            <ExportButtons filter={filter} />
          </>
        }
      />
      {mayChange && <ImportPanel onImported={state.reload} />}
      {!mayChange && operator && <ImportPanel cityWide onImported={state.reload} />}
      <Card className="zy-card">
        <SystemFilters
          filter={filter}
          waves={waves.data?.items ?? []}
          onChange={(f) => {
            setPage(1);
            setFilter(f);
          }}
        />
        <PageState
          state={state}
          isEmpty={(d) => d.items.length === 0}
          empty={<EmptyState description={t(filtered ? 'register.noMatch' : mayChange ? 'register.emptyMine' : 'register.emptyAll')} />}
        >
          {(d) => <SystemTable page={d} showOrg={!mayChange} onOpen={(s) => setOpenId(s.id)} onPage={setPage} />}
        </PageState>
      </Card>
      {openId && <SystemDrawer id={openId} mayChange={mayChange} operator={operator} onClose={() => setOpenId(null)} onChanged={state.reload} />}
      {creating && (
        <SystemForm
          target="new"
          onClose={() => setCreating(false)}
          onSaved={(s) => {
            setCreating(false);
            state.reload();
            setOpenId(s.id);
          }}
          onStale={() => setCreating(false)}
        />
      )}
    </>
  );
}
