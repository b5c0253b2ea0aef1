// A department's project: overview, lines and resources, documents, reviews and notices; after establishment
// the filings (rectification reports against GIA's notices among them), the acceptance, a change request
// (Art. 15), the provisioned resources and the entitlement, and the deadlines. What GIA decided under Art. 23
// (suspended, terminated) and open rectification notices show above everything.
import { Alert, Button, Card, Space, Tabs } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { fetchDeadlines } from '../../../api/deadlines';
import { fetchProject } from '../../../api/projects';
import { offers } from '../../../api/actions';
import { FILING_STATES, inStateAfter, inStateFor, type Project } from '../../../api/projects';
import { DeadlineTable } from '../../../components/DeadlineTable';
import { EmptyState, PageState } from '../../../components/PageState';
import { PageTitle } from '../../../components/PageTitle';
import { ChangeRequestSummary } from '../../../components/project/ChangeRequestSummary';
import { DocumentList } from '../../../components/project/DocumentList';
import { InformationResourcesTable } from '../../../components/project/InformationResourcesTable';
import { LinesTable } from '../../../components/project/LinesTable';
import { NoticeHistory } from '../../../components/project/NoticeHistory';
import { ProjectOverview } from '../../../components/project/ProjectOverview';
import { RectificationList, rectificationsOf } from '../../../components/project/RectificationList';
import { EvaluationsPanel } from '../../../components/project/EvaluationsPanel';
import { ReviewHistory } from '../../../components/project/ReviewHistory';
import { StandingCard } from '../../../components/project/StandingCard';
import { StatusTag } from '../../../components/StatusTag';
import { formatDate } from '../../../format/dates';
import { useApiData } from '../../../hooks/useApiData';
import { useCatalogView } from '../../../hooks/useCatalogView';
import { useI18n } from '../../../i18n';
import { AcceptanceForm } from './AcceptanceForm';
import { ChangeRequestForm } from './ChangeRequestForm';
import { FilingForms } from './FilingForms';
import { FilingList } from './FilingList';
import { ResourcesPanel } from './ResourcesPanel';
import { ProjectPrintButtons } from '../../print/PrintButtons';
import { SecurityPanel } from '../../security/SecurityPanel';

export function ProjectDetailPage() {
  const { id = '' } = useParams();
  const state = useApiData((signal) => fetchProject(id, signal), [id]);
  return <PageState state={state}>{(res) => <Detail project={res.data} etag={res.etag} reload={state.reload} />}</PageState>;
}

function Detail({ project: p, etag, reload }: { project: Project; etag: string | null; reload(): void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const view = useCatalogView(p.catalogRevision);
  const deadlines = useApiData((signal) => fetchDeadlines({ status: 'all' }, signal).then((d) => ({ ...d, items: d.items.filter((x) => x.project?.id === p.id) })), [p.id, p.version]);
  // built: established and not terminated, the states in which filings are made (projects/workflow.ts); what
  // the reader may do there is the server's answer (allowedActions)
  const built = (FILING_STATES as readonly string[]).includes(p.status);
  const editable = offers(p, 'update');
  const rectifications = rectificationsOf(p);
  const openRectifications = rectifications.filter((r) => r.deadline && !r.deadline.metAt);
  const liveDeadline = (deadlineId: string) => deadlines.data?.items.find((d) => d.id === deadlineId);
  // a change is asked for while established and reviewed in CHANGE_REVIEW (projects/workflow.ts)
  const changeStage = inStateFor('change-request', p.status) || inStateFor('change-review', p.status);

  const tabs = [
    {
      key: 'overview',
      label: t('detail.tab.overview'),
      children: (
        <>
          <ProjectOverview project={p} />
          <Card size="small" className="zy-card" title={t('detail.lines')} style={{ marginTop: 16 }}>
            <LinesTable lines={p.lines} view={view.data} />
          </Card>
          <Card size="small" className="zy-card" title={t('detail.informationResources')}>
            <InformationResourcesTable items={p.informationResources} />
          </Card>
          <Card size="small" className="zy-card" title={t('detail.documents')}>
            <DocumentList projectId={p.id} documents={p.documents} />
          </Card>
        </>
      ),
    },
    {
      key: 'reviews',
      label: t('detail.tab.reviews'),
      children: (
        <>
          <Card size="small" className="zy-card" title={t('detail.reviews')}><ReviewHistory reviews={p.reviews} /></Card>
          <Card size="small" className="zy-card" title={t('detail.notices')}><NoticeHistory notices={p.notices} /></Card>
        </>
      ),
    },
    {
      key: 'filings',
      label: t('detail.tab.filings'),
      disabled: !built,
      children: (
        <>
          {rectifications.length > 0 && (
            <Card size="small" className="zy-card" title={t('rectification.title')}>
              <RectificationList items={rectifications} live={liveDeadline} />
            </Card>
          )}
          <Card size="small" className="zy-card" title={t('detail.filingsMade')}><FilingList filings={p.filings} /></Card>
          <Card size="small" className="zy-card" title={t('evaluations.title')}><EvaluationsPanel projectId={p.id} /></Card>
          {offers(p, 'file') && (
            <Card size="small" className="zy-card" title={t('detail.newFiling')}>
              <FilingForms projectId={p.id} onFiled={reload} kinds={p.filingKinds} rectifications={rectifications} />
            </Card>
          )}
          {offers(p, 'acceptance') && (
            <Card size="small" className="zy-card" title={t('acceptance.title')}><AcceptanceForm projectId={p.id} etag={etag} onDone={reload} onStale={reload} /></Card>
          )}
        </>
      ),
    },
    ...(changeStage
      ? [
          {
            key: 'change',
            label: t('detail.tab.change'),
            children:
              inStateFor('change-review', p.status) ? (
                <ChangeRequestSummary project={p} />
              ) : offers(p, 'change-request') ? (
                <ChangeRequestForm key={p.version} project={p} etag={etag} onDone={reload} onStale={reload} />
              ) : (
                <EmptyState description={t('changeRequest.notYours')} />
              ),
          },
        ]
      : []),
    {
      key: 'security',
      label: t('security.tab'),
      disabled: !built,
      children: built ? <SecurityPanel owner="PROJECT" id={p.id} /> : null,
    },
    {
      key: 'resources',
      label: t('detail.tab.resources'),
      disabled: !built,
      children: built ? <ResourcesPanel projectId={p.id} canRequest={offers(p, 'request')} /> : null,
    },
    {
      key: 'deadlines',
      label: t('detail.tab.deadlines'),
      children: (
        <PageState state={deadlines} isEmpty={(d) => d.items.length === 0} empty={<EmptyState description={t('deadlines.none')} />}>
          {(d) => <DeadlineTable items={d.items} projectLink={(pid) => `/portal/projects/${pid}`} />}
        </PageState>
      ),
    },
  ];

  return (
    <>
      <PageTitle
        title={<>{p.name} <StatusTag status={p.status} /></>}
        subtitle={`${p.code} · ${p.org.name}`}
        extra={
          <>
            <ProjectPrintButtons project={p} />
            {editable && <Button type="primary" icon={<EditOutlined />} onClick={() => navigate(`/portal/projects/${p.id}/edit`)}>{t('portal.continueEditing')}</Button>}
          </>
        }
      />
      <Banners project={p} open={openRectifications} />
      <StandingCard project={p} />
      <Card>
        <Tabs items={tabs} destroyOnHidden />
      </Card>
    </>
  );
}

/** What the department must know before anything else: Art. 23 measures, a change in review, rectification due. */
function Banners({ project: p, open }: { project: Project; open: ReturnType<typeof rectificationsOf> }) {
  const { t } = useI18n();
  const nearest = open.map((r) => r.deadline!.dueDate).sort()[0];
  const banners = [
    inStateAfter('suspend', p.status) && <Alert key="suspended" type="warning" showIcon title={t('detail.suspended')} description={<>{p.statusReason && <div data-testid="status-reason">{t('detail.statusReason', { reason: p.statusReason })}</div>}{t('detail.suspendedHint')}</>} data-testid="banner-suspended" />,
    inStateAfter('terminate', p.status) && <Alert key="terminated" type="error" showIcon title={t('detail.terminated')} description={<>{p.statusReason && <div data-testid="status-reason">{t('detail.statusReason', { reason: p.statusReason })}</div>}{t('detail.terminatedHint')}</>} data-testid="banner-terminated" />,
    inStateAfter('change-request', p.status) && <Alert key="change" type="info" showIcon title={t('changeRequest.pending')} data-testid="banner-change-review" />,
    open.length > 0 && nearest && (
      <Alert key="rectification" type="warning" showIcon title={t('rectification.banner', { n: open.length, due: formatDate(nearest) })} description={t('rectification.bannerHint')} data-testid="banner-rectification" />
    ),
  ].filter(Boolean);
  if (banners.length === 0) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%', marginBottom: 16 }}>
      {banners}
    </Space>
  );
}
