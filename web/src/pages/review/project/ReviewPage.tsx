// The review page: the project as submitted (basics, lines with catalog cost, information resources,
// documents, earlier reviews, notices and rectification notices) and the actions the signed-in reviewer takes
// in its state (reviewActions.tsx). Every action sends If-Match with the ETag read; a 412 means someone else
// acted first: say so and reload.
import { useState } from 'react';
import { Alert, App, Card, Col, Row, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../../api/errors';
import * as projectsApi from '../../../api/projects';
import type { Project } from '../../../api/projects';
import { useAuth } from '../../../auth/AuthContext';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageState } from '../../../components/PageState';
import { PageTitle } from '../../../components/PageTitle';
import { BudgetBreakdown } from '../../../components/project/BudgetBreakdown';
import { DocumentList } from '../../../components/project/DocumentList';
import { InformationResourcesTable } from '../../../components/project/InformationResourcesTable';
import { LinesTable } from '../../../components/project/LinesTable';
import { OrgHistory } from '../../../components/project/OrgHistory';
import { NoticeHistory } from '../../../components/project/NoticeHistory';
import { ProjectOverview } from '../../../components/project/ProjectOverview';
import { RectificationList, rectificationsOf } from '../../../components/project/RectificationList';
import { EvaluationsPanel } from '../../../components/project/EvaluationsPanel';
import { ReviewHistory } from '../../../components/project/ReviewHistory';
import { StatusTag } from '../../../components/StatusTag';
import { useApiData } from '../../../hooks/useApiData';
import { useCatalogView } from '../../../hooks/useCatalogView';
import { useI18n } from '../../../i18n';
import { NextInQueue } from './NextInQueue';
import { reviewActions, type Act, type ReviewAction } from './reviewActions';
import { useConfirm } from '../../../hooks/useConfirm';
import { FILING_STATES, QUEUE_STAGES, type QueueStage } from '@projects/workflow';
import { AuditTrailLink } from '../../../components/AuditTrailLink';
import { ProjectPrintButtons } from '../../print/PrintButtons';
import { SecurityPanel } from '../../security/SecurityPanel';

export function ReviewPage() {
  const { id = '' } = useParams();
  const state = useApiData((signal) => projectsApi.fetchProject(id, signal), [id]);
  return <PageState state={state}>{(res) => <Review project={res.data} etag={res.etag} reload={state.reload} />}</PageState>;
}

function Review({ project: p, etag, reload }: { project: Project; etag: string | null; reload(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  // the queue the project waited in when the page opened: after a decision, the next one of it is offered
  const queueStage = (QUEUE_STAGES as readonly string[]).includes(p.status) ? (p.status as QueueStage) : null;
  const [decided, setDecided] = useState<QueueStage | null>(null);
  const confirm = useConfirm();
  const { mayOpen } = useAuth();
  const view = useCatalogView(p.catalogRevision);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ key: string; error: unknown } | null>(null);
  const reviewer = mayOpen('review');

  const act: Act = async (key, call, done, confirmation, decides) => {
    if (confirmation && !(await confirm(confirmation))) return 'cancelled';
    setBusy(true);
    setError(null);
    try {
      const result = await call();
      message.success(typeof done === 'function' ? done(result) : done);
      if (decides && queueStage) setDecided(queueStage);
      reload();
      return 'done';
    } catch (err) {
      if (err instanceof ApiError && err.isStale) {
        message.warning(t('common.staleReloaded'));
        reload();
        return 'stale';
      }
      setError({ key, error: err });
      return 'failed';
    } finally {
      setBusy(false);
    }
  };
  const errorOf = (key: string) => (error?.key === key ? error.error : undefined);

  const actions = reviewActions({ project: p, etag, view: view.data, busy, act, errorOf, t });
  const top = actions.filter((a) => a.placement === 'top');
  const side = actions.filter((a) => a.placement !== 'top');
  const rectifications = rectificationsOf(p);
  const card = (a: ReviewAction) => (
    <Card key={a.key} className="zy-card" title={a.title} data-testid={`review-action-${a.key}`}>
      {!a.ownErrors && errorOf(a.key) !== undefined && <div style={{ marginBottom: 12 }}><ErrorAlert error={errorOf(a.key)} /></div>}
      {a.body}
    </Card>
  );

  return (
    <>
      <PageTitle title={<>{p.name} <StatusTag status={p.status} /></>} subtitle={`${p.code} · ${p.org.name}`} extra={<><ProjectPrintButtons project={p} /><AuditTrailLink target={{ project: p.code }} /></>} />
      {decided && <NextInQueue stage={decided} current={p.id} />}
      {top.length > 0 && <div data-testid="review-action">{top.map(card)}</div>}
      <Row gutter={16}>
        <Col xs={24} xl={side.length ? 16 : 24} xxl={side.length ? 15 : 24}>
          <Card size="small" className="zy-card" title={t('detail.overview')}><ProjectOverview project={p} /></Card>
          <Card size="small" className="zy-card" title={t('budgetBreakdown.title')}><BudgetBreakdown project={p} view={view.data} /></Card>
          <Card size="small" className="zy-card" title={t('orgHistory.title')}><OrgHistory projectId={p.id} /></Card>
          <Card size="small" className="zy-card" title={t('detail.lines')}><LinesTable lines={p.lines} view={view.data} /></Card>
          <Card size="small" className="zy-card" title={t('detail.informationResources')}><InformationResourcesTable items={p.informationResources} /></Card>
          <Card size="small" className="zy-card" title={t('detail.documents')}><DocumentList projectId={p.id} documents={p.documents} /></Card>
          <Card size="small" className="zy-card" title={t('detail.reviews')}><ReviewHistory reviews={p.reviews} /></Card>
          {p.notices.length > 0 && <Card size="small" className="zy-card" title={t('detail.notices')}><NoticeHistory notices={p.notices} /></Card>}
          {rectifications.length > 0 && <Card size="small" className="zy-card" title={t('rectification.title')}><RectificationList items={rectifications} /></Card>}
          {(FILING_STATES as readonly string[]).includes(p.status) && (
            <Card size="small" className="zy-card" title={t('evaluations.title')}><EvaluationsPanel projectId={p.id} key={p.version} onChanged={reload} /></Card>
          )}
          {(FILING_STATES as readonly string[]).includes(p.status) && <Card size="small" className="zy-card" title={t('security.title')}><SecurityPanel owner="PROJECT" id={p.id} /></Card>}
        </Col>
        {side.length > 0 && (
          <Col xs={24} xl={8} xxl={9}>
            <div data-testid={top.length ? 'review-side-actions' : 'review-action'}>{side.map(card)}</div>
          </Col>
        )}
      </Row>
      {actions.length === 0 && reviewer && (
        <Alert type="info" showIcon title={t('review.nothingToDo')} description={<Typography.Text>{t('review.nothingToDoHint')}</Typography.Text>} />
      )}
    </>
  );
}
