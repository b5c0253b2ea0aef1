// A department's project: overview, lines and resources, documents, reviews and notices; after establishment
// the filings, the acceptance, the provisioned resources and the entitlement, and the deadlines.
import { Button, Card, Tabs } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { fetchDeadlines } from '../../../api/deadlines';
import { fetchProject } from '../../../api/projects';
import { DeadlineTable } from '../../../components/DeadlineTable';
import { EmptyState, PageState } from '../../../components/PageState';
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
import { AcceptanceForm } from './AcceptanceForm';
import { FilingForms } from './FilingForms';
import { FilingList } from './FilingList';
import { ResourcesPanel } from './ResourcesPanel';

const BUILT = ['ESTABLISHED', 'CHANGE_REVIEW', 'ACCEPTED', 'SUSPENDED'];

export function ProjectDetailPage() {
  const { id = '' } = useParams();
  const state = useApiData((signal) => fetchProject(id, signal), [id]);
  return <PageState state={state}>{(res) => <Detail project={res.data} etag={res.etag} reload={state.reload} />}</PageState>;
}

function Detail({ project: p, etag, reload }: { project: Awaited<ReturnType<typeof fetchProject>>['data']; etag: string | null; reload(): void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const view = useCatalogView(p.catalogRevision);
  const deadlines = useApiData((signal) => fetchDeadlines('all', signal).then((d) => ({ ...d, items: d.items.filter((x) => x.project.id === p.id) })), [p.id, p.version]);
  const built = BUILT.includes(p.status);
  const editable = p.status === 'DRAFT' || p.status === 'RETURNED';

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
          <Card size="small" className="zy-card" title={t('detail.filingsMade')}><FilingList filings={p.filings} /></Card>
          {p.status === 'ESTABLISHED' && (
            <>
              <Card size="small" className="zy-card" title={t('detail.newFiling')}><FilingForms projectId={p.id} onFiled={reload} /></Card>
              <Card size="small" className="zy-card" title={t('acceptance.title')}><AcceptanceForm projectId={p.id} etag={etag} onDone={reload} onStale={reload} /></Card>
            </>
          )}
          {p.status === 'ACCEPTED' && (
            <Card size="small" className="zy-card" title={t('detail.newFiling')}><FilingForms projectId={p.id} onFiled={reload} kinds={['ACCEPTANCE_REPORT', 'PROGRESS']} /></Card>
          )}
        </>
      ),
    },
    {
      key: 'resources',
      label: t('detail.tab.resources'),
      disabled: !built,
      children: built ? <ResourcesPanel projectId={p.id} canRequest={p.status === 'ESTABLISHED' || p.status === 'ACCEPTED'} /> : null,
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
        extra={editable ? <Button type="primary" icon={<EditOutlined />} onClick={() => navigate(`/portal/projects/${p.id}/edit`)}>{t('portal.continueEditing')}</Button> : undefined}
      />
      <Card>
        <Tabs items={tabs} destroyOnHidden />
      </Card>
    </>
  );
}
