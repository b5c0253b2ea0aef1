// A department's own confirmed yearly assessments (Art. 25), newest year first, each opening its record.
import { Table } from 'antd';
import { Link } from 'react-router-dom';
import { fetchDepartments, type OrgAssessmentList } from '../../api/assessments';
import { EmptyState, PageState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { useApiData } from '../../hooks/useApiData';
import { useI18n } from '../../i18n';
import { gradeLabel } from './labels';

type Row = OrgAssessmentList['items'][number];

export function MyAssessmentsPage() {
  const { t } = useI18n();
  const state = useApiData((signal) => fetchDepartments(undefined, signal), []);
  return (
    <>
      <PageTitle title={t('assess.myTitle')} subtitle={t('assess.mySubtitle')} />
      <PageState state={state} isEmpty={(d) => d.items.length === 0} empty={<EmptyState description={t('assess.none')} />}>
        {(d) => (
          <Table<Row>
            rowKey={(r) => `${r.org.id}-${r.year}`}
            size="small"
            pagination={false}
            dataSource={d.items}
            data-testid="my-assessments"
            columns={[
              { title: t('assess.year'), dataIndex: 'year', width: 100 },
              { title: t('assess.score'), key: 'score', width: 100, render: (_, r) => r.assessment?.score ?? '' },
              { title: t('assess.grade'), key: 'grade', width: 100, render: (_, r) => (r.assessment?.grade ? t(gradeLabel(r.assessment.grade)) : '') },
              { title: '', key: 'open', render: (_, r) => r.assessment && <Link to={`/assessments/departments/${r.assessment.id}`}>{t('assess.open')}</Link> },
            ]}
          />
        )}
      </PageState>
    </>
  );
}
