// The catalog's published revisions (public), searched by number or title and exported as shown (kept in the
// address), and for a chosen one, what changed against the one before.
import { Card, Col, Row, Table } from 'antd';
import { REVISION_MACHINE, type RevisionState } from '@catalog/revision-workflow';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { fetchRevisionDiff, fetchRevisions } from '../../api/catalog';
import type { RevisionSummary } from '../../api/catalog';
import { RevisionDiffView } from '../../components/catalog/RevisionDiffView';
import { RevisionListToolbar } from '../../components/catalog/RevisionListToolbar';
import { PageState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { RevisionStatusTag } from '../../components/StatusTag';
import { formatDate } from '../../format/dates';
import { useApiData } from '../../hooks/useApiData';
import { useListParams } from '../../hooks/useListParams';
import { useI18n } from '../../i18n';
import { ExportButtons } from './ExportButtons';

/** The revision has been published (the state its machine's 'publish' leads to): the public history lists it. */
const isPublished = (r: Pick<RevisionSummary, 'status'>): boolean => (REVISION_MACHINE.actions.publish.to as readonly string[]).includes(r.status);

export function RevisionHistoryPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const params = useParams();
  const loc = useLocation();
  const list = useListParams([]);
  // the public history: the published revisions (also for a signed-in reader who may read more)
  const query = { ...list.query, status: 'PUBLISHED' as const };
  const revisions = useApiData((signal) => fetchRevisions(signal, query), [JSON.stringify(query)]);
  const published = (revisions.data?.items ?? []).filter(isPublished);
  const chosen = params.number ? Number(params.number) : published.reduce((m, r) => Math.max(m, r.number), 0) || undefined;

  return (
    <>
      <PageTitle title={t('history.title')} subtitle={t('history.subtitle')} extra={chosen ? <ExportButtons revision={chosen} /> : undefined} />
      <Row gutter={16}>
        <Col xs={24} lg={9}>
          <Card size="small" title={t('history.list')} className="zy-card">
            <RevisionListToolbar list={list} query={query} />
            <PageState state={revisions} isEmpty={(d) => d.items.length === 0}>
              {(d) => (
                <Table<RevisionSummary>
                  size="small"
                  rowKey="number"
                  pagination={false}
                  dataSource={d.items.filter(isPublished).sort((a, b) => b.number - a.number)}
                  rowClassName={(r) => (r.number === chosen ? 'ant-table-row-selected' : '')}
                  onRow={(r) => ({ onClick: () => navigate({ pathname: `/catalog/revisions/${r.number}`, search: loc.search }), style: { cursor: 'pointer' } })}
                  columns={[
                    { title: t('history.number'), dataIndex: 'number', width: 70, render: (n: number) => t('catalog.revisionLabel', { n }) },
                    { title: t('history.titleColumn'), dataIndex: 'title' },
                    { title: t('history.publishedAt'), dataIndex: 'publishedAt', width: 110, render: (v: string | null) => formatDate(v) },
                    { title: t('history.state'), dataIndex: 'status', width: 80, render: (s: RevisionState) => <RevisionStatusTag status={s} /> },
                  ]}
                />
              )}
            </PageState>
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          <Card size="small" title={chosen ? t('history.whatChanged', { n: chosen }) : t('history.whatChangedNone')} className="zy-card">
            {chosen ? <DiffOf number={chosen} /> : null}
          </Card>
        </Col>
      </Row>
    </>
  );
}

function DiffOf({ number }: { number: number }) {
  const diff = useApiData((signal) => fetchRevisionDiff(number, undefined, signal), [number]);
  return <PageState state={diff}>{(d) => <RevisionDiffView diff={d} />}</PageState>;
}
