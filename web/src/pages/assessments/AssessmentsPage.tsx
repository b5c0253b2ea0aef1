// GIA's yearly assessments (年度考核): a tab for the city departments (Art. 25) and one for the counties side by side
// (Art. 40), for a year chosen in the address (?tab=&year=). The auditor reads the same, without the buttons (the
// server sends no actions).
import { InputNumber, Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { PageTitle } from '../../components/PageTitle';
import { useI18n } from '../../i18n';
import { CountyTab } from './CountyTab';
import { DepartmentTab } from './DepartmentTab';

/** the year just ended is the one usually assessed */
const defaultYear = () => new Date().getFullYear() - (new Date().getMonth() < 11 ? 1 : 0);

export function AssessmentsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'counties' ? 'counties' : 'departments';
  const year = Number(params.get('year')) || defaultYear();
  const set = (next: { tab?: string; year?: number }) => setParams({ tab: next.tab ?? tab, year: String(next.year ?? year) }, { replace: true });
  return (
    <>
      <PageTitle
        title={t('assess.title')}
        subtitle={t('assess.subtitle')}
        extra={
          <span>
            {t('assess.year')}{' '}
            <InputNumber aria-label={t('assess.year')} min={2000} max={2100} value={year} onChange={(v) => v && set({ year: v })} data-testid="assessment-year" />
          </span>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => set({ tab: k })}
        items={[
          { key: 'departments', label: t('assess.tab.departments'), children: <DepartmentTab year={year} /> },
          { key: 'counties', label: t('assess.tab.counties'), children: <CountyTab year={year} /> },
        ]}
      />
    </>
  );
}
