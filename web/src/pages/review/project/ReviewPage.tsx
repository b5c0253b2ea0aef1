// The review page: the project as submitted (basics, lines with catalog cost, information resources,
// documents, earlier reviews and notices) and the action the signed-in reviewer takes at this stage.
// Every action sends If-Match with the ETag read; a 412 means someone else acted first: say so and reload.
import { useState } from 'react';
import { Alert, App, Card, Col, Row, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { catalogCost } from '@projects/validation';
import { ApiError } from '../../../api/errors';
import * as projectsApi from '../../../api/projects';
import type { Project } from '../../../api/types';
import { useAuth } from '../../../auth/AuthContext';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageState } from '../../../components/PageState';
import { PageTitle } from '../../../components/PageTitle';
import { DocumentList } from '../../../components/project/DocumentList';
import { InformationResourcesTable } from '../../../components/project/InformationResourcesTable';
import { LinesTable } from '../../../components/project/LinesTable';
import { NoticeHistory } from '../../../components/project/NoticeHistory';
import { ProjectOverview } from '../../../components/project/ProjectOverview';
import { ReviewHistory } from '../../../components/project/ReviewHistory';
import { StatusTag } from '../../../components/StatusTag';
import { useApiData } from '../../../hooks/useApiData';
import { useCatalogView } from '../../../hooks/useCatalogView';
import { useI18n } from '../../../i18n';
import { BudgetReviewForm } from './BudgetReviewForm';
import { EstablishPanel } from './EstablishPanel';
import { GiaReviewForm } from './GiaReviewForm';
import { NoticeForm } from './NoticeForm';

export function ReviewPage() {
  const { id = '' } = useParams();
  const state = useApiData((signal) => projectsApi.fetchProject(id, signal), [id]);
  return <PageState state={state}>{(res) => <Review project={res.data} etag={res.etag} reload={state.reload} />}</PageState>;
}

function Review({ project: p, etag, reload }: { project: Project; etag: string | null; reload(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { user } = useAuth();
  const view = useCatalogView(p.catalogRevision);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const gia = user?.role === 'GIA_REVIEWER';
  const finance = user?.role === 'FINANCE_REVIEWER';

  async function act(call: () => Promise<unknown>, done: string) {
    setBusy(true);
    setError(undefined);
    try {
      await call();
      message.success(done);
      reload();
    } catch (err) {
      if (err instanceof ApiError && err.isStale) {
        message.warning(t('common.staleReloaded'));
        reload();
      } else setError(err);
    } finally {
      setBusy(false);
    }
  }

  let action: { title: string; body: React.ReactNode } | null = null;
  if (gia && p.status === 'GIA_REVIEW') {
    action = { title: t('review.formTitle'), body: <GiaReviewForm busy={busy} onDecide={(input) => void act(() => projectsApi.reviewProject(p.id, etag, input), t(`review.done.${input.decision}`))} /> };
  } else if (finance && p.status === 'BUDGET_REVIEW') {
    const cost = view.data ? catalogCost(p.lines, view.data).total : null;
    action = { title: t('budget.title'), body: <BudgetReviewForm requested={p.totalBudget} catalogCost={cost} busy={busy} onDecide={(input) => void act(() => projectsApi.budgetReview(p.id, etag, input), t(`budget.done.${input.decision}`))} /> };
  } else if (gia && p.status === 'BUDGET_APPROVED') {
    action = { title: t('notice.formTitle'), body: <NoticeForm busy={busy} onOpen={(input) => void act(() => projectsApi.openNotice(p.id, etag, input), t('notice.opened'))} /> };
  } else if (gia && p.status === 'PUBLIC_NOTICE') {
    action = { title: t('establish.title'), body: <EstablishPanel notice={p.notices.find((n) => !n.closedAt) ?? p.notices.at(-1)} busy={busy} onEstablish={(no) => void act(() => projectsApi.establishProject(p.id, etag, no), t('establish.done'))} /> };
  }

  return (
    <>
      <PageTitle title={<>{p.name} <StatusTag status={p.status} /></>} subtitle={`${p.code} · ${p.org.name}`} />
      <Row gutter={16}>
        <Col xs={24} xl={action ? 16 : 24} xxl={action ? 15 : 24}>
          <Card size="small" className="zy-card" title={t('detail.overview')}><ProjectOverview project={p} /></Card>
          <Card size="small" className="zy-card" title={t('detail.lines')}><LinesTable lines={p.lines} view={view.data} /></Card>
          <Card size="small" className="zy-card" title={t('detail.informationResources')}><InformationResourcesTable items={p.informationResources} /></Card>
          <Card size="small" className="zy-card" title={t('detail.documents')}><DocumentList projectId={p.id} documents={p.documents} /></Card>
          <Card size="small" className="zy-card" title={t('detail.reviews')}><ReviewHistory reviews={p.reviews} /></Card>
          {p.notices.length > 0 && <Card size="small" className="zy-card" title={t('detail.notices')}><NoticeHistory notices={p.notices} /></Card>}
        </Col>
        {action && (
          <Col xs={24} xl={8} xxl={9}>
            <Card className="zy-card" title={action.title} data-testid="review-action">
              {error !== undefined && <div style={{ marginBottom: 12 }}><ErrorAlert error={error} /></div>}
              {action.body}
            </Card>
          </Col>
        )}
      </Row>
      {!action && (gia || finance) && (
        <Alert type="info" showIcon title={t('review.nothingToDo')} description={<Typography.Text>{t('review.nothingToDoHint')}</Typography.Text>} />
      )}
    </>
  );
}
