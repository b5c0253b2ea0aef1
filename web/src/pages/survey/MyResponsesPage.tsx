// 摸底填报: the survey campaigns that asked the reader's organisation, with its answer's status and the due date.
import { Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { listResponses, type SurveyResponseSummary } from '../../api/survey';
import { PageState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { formatDate, formatDateTime } from '../../format/dates';
import { useApiData } from '../../hooks/useApiData';
import { useI18n } from '../../i18n';
import { ResponseStateTag } from './CampaignPage';
import { CampaignStateTag } from './CampaignsPage';

export function MyResponsesPage() {
  const { t } = useI18n();
  const state = useApiData((signal) => listResponses(signal), []);
  return (
    <>
      <PageTitle title={t('survey.my.title')} subtitle={t('survey.my.subtitle')} />
      <PageState state={state}>
        {(data) => (
          <Table<SurveyResponseSummary>
            rowKey="id"
            dataSource={data.items}
            pagination={false}
            locale={{ emptyText: t('survey.my.empty') }}
            data-testid="survey-my-responses"
            columns={[
              { title: t('survey.my.campaign'), render: (_, r) => <Link to={`/survey/responses/${r.id}`}>{r.campaign.title}</Link> },
              { title: t('survey.org'), render: (_, r) => r.org.name },
              { title: t('survey.status'), render: (_, r) => <><CampaignStateTag status={r.campaign.status} /><ResponseStateTag status={r.status} />{r.late && <Tag color="error">{t('survey.late')}</Tag>}</> },
              { title: t('survey.dueDate'), render: (_, r) => formatDate(r.campaign.dueDate) },
              { title: t('survey.systemsConfirmed'), dataIndex: 'systemsConfirmed' },
              { title: t('survey.answeredAt'), dataIndex: 'submittedAt', render: (v: string | null) => formatDateTime(v) },
              { title: '', render: (_, r) => <Link to={`/survey/responses/${r.id}`}>{t('survey.my.answer')}</Link> },
            ]}
          />
        )}
      </PageState>
    </>
  );
}
