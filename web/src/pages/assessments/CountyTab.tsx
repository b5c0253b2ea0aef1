// Every county side by side for a year (Art. 40): the platform's indicators, the manual total, the grade and the
// state; exported as the table shows it. The city GIA starts a county's scorecard from here.
import { App, Button, Flex, Table, Tag } from 'antd';
import { fetchCounties, startCounty, type CountyTable } from '../../api/assessments';
import { offers } from '../../api/actions';
import { errorMessage } from '../../components/ErrorAlert';
import { useListExport } from '../../components/ListToolbar';
import { PageState } from '../../components/PageState';
import { useApiData } from '../../hooks/useApiData';
import { useI18n } from '../../i18n';
import { StartOrOpen, useStarter } from './AssessmentParts';
import { gradeLabel, stateLabel, STATE_COLOURS } from './labels';

type Row = CountyTable['items'][number];
const ratio = (a: number, b: number) => `${a}/${b}`;

export function CountyTab({ year }: { year: number }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const exportOf = useListExport();
  const state = useApiData((signal) => fetchCounties(year, signal), [year]);
  const exporting = exportOf('/api/assessments/counties/export', { year }, `county-assessments-${year}`);

  const starter = useStarter(async (key) => `/assessments/counties/${(await startCounty(key, year)).data.id}`);

  return (
    <>
      <Flex justify="flex-end" style={{ marginBottom: 12 }}>
        <Button onClick={() => exporting.download().catch((err: unknown) => message.error(errorMessage(err, exporting.failed)))} data-testid="counties-export">
          {exporting.label}
        </Button>
      </Flex>
      <PageState state={state}>
        {(d) => (
          <Table<Row>
            rowKey={(r) => r.county.code}
            size="small"
            pagination={false}
            scroll={{ x: true }}
            dataSource={d.items}
            data-testid="county-assessments"
            columns={[
              { title: t('assess.county'), key: 'county', render: (_, r) => r.county.name },
              { title: t('assess.col.migration'), key: 'migration', render: (_, r) => ratio(r.indicators.migration.migrated, r.indicators.migration.systems) },
              { title: t('assess.col.deadlines'), key: 'deadlines', render: (_, r) => ratio(r.indicators.deadlines.metOnTime, r.indicators.deadlines.due) },
              { title: t('assess.col.overdue'), key: 'overdue', align: 'right', render: (_, r) => r.indicators.deadlines.overdue },
              { title: t('assess.col.ownCloud'), key: 'ownCloud', align: 'right', render: (_, r) => r.indicators.ownCloudRefusals.projects },
              { title: t('assess.col.rectifications'), key: 'rect', render: (_, r) => ratio(r.indicators.rectifications.metOnTime, r.indicators.rectifications.due) },
              { title: t('assess.col.manual'), key: 'manual', align: 'right', render: (_, r) => (r.assessment ? `${r.assessment.total}/${r.assessment.maxTotal}` : '') },
              { title: t('assess.grade'), key: 'grade', render: (_, r) => (r.assessment?.grade ? t(gradeLabel(r.assessment.grade)) : '') },
              { title: t('assess.status'), key: 'status', render: (_, r) => (r.assessment ? <Tag color={STATE_COLOURS[r.assessment.status]}>{t(stateLabel(r.assessment.status))}</Tag> : <Tag>{t('assess.notStarted')}</Tag>) },
              {
                title: '',
                key: 'act',
                render: (_, r) => <StartOrOpen href={r.assessment ? `/assessments/counties/${r.assessment.id}` : null} canStart={offers(r, 'create')} busy={starter.busy === r.county.code} onStart={() => void starter.start(r.county.code)} testId={`county-${r.county.code}`} />,
              },
            ]}
          />
        )}
      </PageState>
    </>
  );
}
