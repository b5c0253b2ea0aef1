// Every city department for a year with its assessment's state, score and grade; GIA starts one from here.
import { useState } from 'react';
import { App, Button, Table, Tag } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { fetchDepartments, startDepartment, type OrgAssessmentList } from '../../api/assessments';
import { offers } from '../../api/actions';
import { errorMessage } from '../../components/ErrorAlert';
import { PageState } from '../../components/PageState';
import { useApiData } from '../../hooks/useApiData';
import { useI18n } from '../../i18n';
import { gradeLabel, stateLabel, STATE_COLOURS } from './labels';

type Row = OrgAssessmentList['items'][number];

export function DepartmentTab({ year }: { year: number }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const state = useApiData((signal) => fetchDepartments(year, signal), [year]);
  const [busy, setBusy] = useState<string | null>(null);

  async function start(row: Row) {
    setBusy(row.org.id);
    try {
      const res = await startDepartment(row.org.id, year);
      navigate(`/assessments/departments/${res.data.id}`);
    } catch (err) {
      message.error(errorMessage(err, t('common.unexpectedError')));
      setBusy(null);
    }
  }

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
              render: (_, r) =>
                r.assessment ? (
                  <Link to={`/assessments/departments/${r.assessment.id}`} data-testid={`assessment-open-${r.org.code}`}>{t('assess.open')}</Link>
                ) : offers(r, 'create') ? (
                  <Button size="small" loading={busy === r.org.id} onClick={() => void start(r)} data-testid={`assessment-start-${r.org.code}`}>
                    {t('assess.start')}
                  </Button>
                ) : null,
            },
          ]}
        />
      )}
    </PageState>
  );
}
