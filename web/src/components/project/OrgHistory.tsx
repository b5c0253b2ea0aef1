// The department's previous projects, for judging this one (GET /api/projects/:id/org-history): how many of its
// other submitted projects were established, returned or rejected, and each of them newest first, linked to its
// review page when the reader may open it.
import { Alert, Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import * as projectsApi from '../../api/projects';
import type { OrgHistory as History } from '../../api/projects';
import { formatYuan } from '../../format/money';
import { useApiData } from '../../hooks/useApiData';
import { useI18n } from '../../i18n';
import { EmptyState, PageState } from '../PageState';
import { StatusTag } from '../StatusTag';

type Item = History['items'][number];

export function OrgHistory({ projectId }: { projectId: string }) {
  const { t } = useI18n();
  const state = useApiData((signal) => projectsApi.fetchOrgHistory(projectId, signal), [projectId]);
  return (
    <PageState state={state}>
      {(h) => (
        <div data-testid="org-history">
          <OrgAssessment assessment={h.assessment} />
          {h.items.length === 0 ? (
            <EmptyState description={t('orgHistory.none')} />
          ) : (
            <>
            <Typography.Paragraph data-testid="org-history-summary">
              {t('orgHistory.summary', { org: h.org.name, ...h.counts })}
              {h.items.length < h.counts.total && <> {t('orgHistory.latest', { n: h.items.length })}</>}
            </Typography.Paragraph>
            <Table<Item>
              rowKey="id"
              size="small"
              pagination={false}
              scroll={{ x: true }}
              dataSource={h.items}
              columns={[
                { title: t('project.code'), dataIndex: 'code', width: 130 },
                {
                  title: t('project.name'),
                  key: 'name',
                  render: (_, p) => (p.readable ? <Link to={`/review/projects/${p.id}`}>{p.name}</Link> : <span title={t('orgHistory.notReadable')}>{p.name}</span>),
                },
                { title: t('project.budgetYear'), dataIndex: 'budgetYear', width: 90 },
                { title: t('project.status'), key: 'status', render: (_, p) => <StatusTag status={p.status} /> },
                { title: t('project.totalBudget'), key: 'total', align: 'right', render: (_, p) => <span className="zy-money">{formatYuan(p.totalBudget)}</span> },
                { title: t('project.approvedBudget'), key: 'approved', align: 'right', render: (_, p) => <span className="zy-money">{formatYuan(p.approvedBudget)}</span> },
                { title: t('orgHistory.returns'), dataIndex: 'returns', align: 'right', width: 90 },
              ]}
            />
            </>
          )}
        </div>
      )}
    </PageState>
  );
}

/** GIA's confirmed yearly assessment of the department (Art. 25): a reference for judging its next year's projects. */
function OrgAssessment({ assessment: a }: { assessment: History['assessment'] }) {
  const { t } = useI18n();
  if (!a) return <Typography.Paragraph type="secondary" data-testid="org-assessment-none">{t('assess.onReviewNone')}</Typography.Paragraph>;
  const grade = a.grade ? t(`assess.grade.${a.grade}`) : '';
  const title = t('assess.onReview', { year: a.year });
  return (
    <Alert
      style={{ marginBottom: 12 }}
      type={a.grade === 'FAIL' ? 'warning' : 'info'}
      data-testid="org-assessment"
      message={a.readable ? <Link to={`/assessments/departments/${a.id}`}>{title}</Link> : title}
      description={
        <>
          <Typography.Text strong>{t('assess.onReviewText', { grade, score: a.score ?? '' })}</Typography.Text>
          {a.findings && <Typography.Paragraph style={{ margin: 0 }}>{a.findings}</Typography.Paragraph>}
        </>
      }
    />
  );
}
