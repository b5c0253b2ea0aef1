// Every city department for a year with its assessment's state, score and grade; GIA starts one from here.
import { Table, Tag } from 'antd';
import { fetchDepartments, startDepartment, type OrgAssessmentList } from '../../api/assessments';
import { offers } from '../../api/actions';
import { PageState } from '../../components/PageState';
import { useApiData } from '../../hooks/useApiData';
import { useI18n } from '../../i18n';
import { StartOrOpen, useStarter } from './AssessmentParts';
import { gradeLabel, stateLabel, STATE_COLOURS } from './labels';

type Row = OrgAssessmentList['items'][number];

export function DepartmentTab({ year }: { year: number }) {
  const { t } = useI18n();
  const state = useApiData((signal) => fetchDepartments(year, signal), [year]);

  const starter = useStarter(async (key) => `/assessments/departments/${(await startDepartment(key, year)).data.id}`);

  return (
    <PageState state={state}>
      {(d) => (
        <Table<Row>
          rowKey={(r) => r.org.id}
          size="small"
          pagination={false}
          dataSource={d.items}
          data-testid="department-assessments"
          columns={[
            { title: t('assess.org'), key: 'org', render: (_, r) => r.org.name },
            { title: t('assess.status'), key: 'status', width: 100, render: (_, r) => (r.assessment ? <Tag color={STATE_COLOURS[r.assessment.status]}>{t(stateLabel(r.assessment.status))}</Tag> : <Tag>{t('assess.notStarted')}</Tag>) },
            { title: t('assess.score'), key: 'score', width: 80, align: 'right', render: (_, r) => r.assessment?.score ?? '' },
            { title: t('assess.grade'), key: 'grade', width: 90, render: (_, r) => (r.assessment?.grade ? t(gradeLabel(r.assessment.grade)) : '') },
            {
              title: '',
              key: 'act',
              width: 120,
              render: (_, r) => <StartOrOpen href={r.assessment ? `/assessments/departments/${r.assessment.id}` : null} canStart={offers(r, 'create')} busy={starter.busy === r.org.id} onStart={() => void starter.start(r.org.id)} testId={`assessment-${r.org.code}`} />,
            },
          ]}
        />
      )}
    </PageState>
  );
}
