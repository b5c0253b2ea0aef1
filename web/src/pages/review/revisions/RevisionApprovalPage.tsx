// Catalog revisions: the list with their state (searched by number or title, filtered by state, exported as shown, kept
// in the address), and for one revision what changed and the reviews so far. The
// sub-center starts and edits drafts and submits them; GIA and Finance approve or return, GIA publishes; the
// auditor reads.
import { OPEN_STATES, REVISION_MACHINE, REVISION_STATES, type RevisionState } from '@catalog/revision-workflow';
import { offers, pending } from '../../../api/actions';
import { ActionButton } from '../../../components/ActionButton';
import { useState } from 'react';
import { App, Button, Card, Col, Input, Row, Select, Space, Table, Timeline, Typography } from 'antd';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { useListParams } from '../../../hooks/useListParams';
import { fetchRevision, fetchRevisionDiff, fetchRevisions, revisionTransition, type RevisionAction } from '../../../api/catalog';
import { ApiError } from '../../../api/errors';
import type { RevisionSummary } from '../../../api/catalog';
import { RevisionDiffView } from '../../../components/catalog/RevisionDiffView';
import { RevisionListToolbar } from '../../../components/catalog/RevisionListToolbar';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { EmptyState, PageState } from '../../../components/PageState';
import { PageTitle } from '../../../components/PageTitle';
import { RevisionStatusTag } from '../../../components/StatusTag';
import { formatDateTime } from '../../../format/dates';
import { useApiData } from '../../../hooks/useApiData';
import { useI18n, type MessageKey } from '../../../i18n';
import { DraftEditor } from './draft/DraftEditor';
import { NewDraftButton } from './draft/NewDraftButton';
import { AuditTrailLink } from '../../../components/AuditTrailLink';
import { ConfirmSummary, useConfirm } from '../../../hooks/useConfirm';

const isOpen = (status: string) => (OPEN_STATES as readonly string[]).includes(status);
const FILTERS = ['status'] as const;

export function RevisionApprovalPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const loc = useLocation();
  const { number } = useParams();
  const params = useListParams(FILTERS);
  const query = params.query as { q?: string; status?: RevisionState };
  const list = useApiData((signal) => fetchRevisions(signal, query), [JSON.stringify(query)]);
  const items = [...(list.data?.items ?? [])].sort((a, b) => b.number - a.number);
  // the open revision first (one at a time: the machine's OPEN_STATES)
  const chosen = number ? Number(number) : (items.find((r) => isOpen(r.status)) ?? items[0])?.number;
  // those who draft are offered `create` on the list (disabled while a revision is open)
  const drafter = (list.data?.allowedActions ?? []).some((a) => a.action === 'create');
  // drafting needs the room: the list narrows
  const chosenStatus = items.find((r) => r.number === chosen)?.status;
  const drafting = drafter && chosenStatus !== undefined && (REVISION_MACHINE.actions.update.from as readonly string[]).includes(chosenStatus);
  return (
    <>
      <PageTitle
        title={t(drafter ? 'drafting.pageTitle' : 'revisions.title')}
        subtitle={t(drafter ? 'drafting.subtitle' : 'revisions.subtitle')}
        extra={list.data && offers(list.data, 'create') ? <NewDraftButton onCreated={(n) => { list.reload(); navigate(`/review/revisions/${n}`); }} /> : undefined}
      />
      <Row gutter={16}>
        <Col xs={24} lg={drafting ? 6 : 9}>
          <Card size="small" className="zy-card" title={t('history.list')}>
            <RevisionListToolbar list={params} query={query}>
              <Select<RevisionState | ''>
                aria-label={t('list.filter.state')}
                style={{ width: 130 }}
                value={(params.filters.status as RevisionState | undefined) ?? ''}
                onChange={(v) => params.setFilter('status', v || undefined)}
                options={[{ value: '', label: t('list.filter.allStates') }, ...REVISION_STATES.map((s) => ({ value: s, label: t(`revision.status.${s}` as MessageKey) }))]}
                data-testid="revisions-state"
              />
            </RevisionListToolbar>
            <PageState state={list} isEmpty={(d) => d.items.length === 0}>
              {() => (
                <Table<RevisionSummary>
                  size="small"
                  rowKey="number"
                  pagination={false}
                  dataSource={items}
                  rowClassName={(r) => (r.number === chosen ? 'ant-table-row-selected' : '')}
                  onRow={(r) => ({ onClick: () => navigate({ pathname: `/review/revisions/${r.number}`, search: loc.search }), style: { cursor: 'pointer' } })}
                  columns={[
                    { title: t('history.number'), dataIndex: 'number', width: 70, render: (n: number) => t('catalog.revisionLabel', { n }) },
                    { title: t('history.titleColumn'), dataIndex: 'title' },
                    { title: t('history.state'), dataIndex: 'status', width: 90, render: (s: RevisionState) => <RevisionStatusTag status={s} /> },
                  ]}
                />
              )}
            </PageState>
          </Card>
        </Col>
        <Col xs={24} lg={drafting ? 18 : 15}>{chosen ? <RevisionPanel number={chosen} onChanged={list.reload} onDiscarded={() => { list.reload(); navigate('/review/revisions'); }} /> : <Card><EmptyState description={t('revisions.none')} /></Card>}</Col>
      </Row>
    </>
  );
}

function RevisionPanel({ number, onChanged, onDiscarded }: { number: number; onChanged(): void; onDiscarded(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const rev = useApiData((signal) => fetchRevision(number, signal), [number]);
  const diff = useApiData((signal) => fetchRevisionDiff(number, undefined, signal), [number]);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const confirm = useConfirm();

  async function act(action: RevisionAction) {
    if (action === 'return' && !comment.trim()) {
      message.warning(t('revisions.commentRequired'));
      return;
    }
    const r = rev.data?.data.revision;
    const asked = await confirm({
      title: t(`revisions.confirm.${action}` as MessageKey),
      summary: <ConfirmSummary subject={r ? t('revisions.confirm.subject', { number: r.number, title: r.title }) : ''} effect={t(`revisions.confirm.${action}.effect` as MessageKey)} comment={comment.trim() || undefined} />,
    });
    if (!asked) return;
    setBusy(true);
    setError(undefined);
    try {
      await revisionTransition(number, action, rev.data?.etag ?? null, comment.trim() || undefined);
      message.success(t(`revisions.done.${action}`));
      setComment('');
      rev.reload();
      onChanged();
    } catch (err) {
      if (err instanceof ApiError && err.isStale) {
        message.warning(t('common.staleReloaded'));
        rev.reload();
      } else setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <PageState state={rev}>
      {({ data }) => (
        <>
          <Card
            size="small"
            className="zy-card"
            title={<>{data.revision.title} <RevisionStatusTag status={data.revision.status} /></>}
            extra={
              <Space>
                <Typography.Text type="secondary">{data.revision.basedOnNumber === null ? t('revisions.initial') : t('revisions.basedOn', { n: data.revision.basedOnNumber })}</Typography.Text>
                <AuditTrailLink target={{ targetType: 'CatalogRevision', targetId: String(data.revision.number) }} />
              </Space>
            }
          >
            {data.revision.notes && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{data.revision.notes}</Typography.Paragraph>}
            <Typography.Paragraph type="secondary">
              {t('revisions.submittedAt', { at: formatDateTime(data.revision.submittedAt) })} · {t('revisions.approvedAt', { at: formatDateTime(data.revision.approvedAt) })} · {t('revisions.publishedAt', { at: formatDateTime(data.revision.publishedAt) })}
            </Typography.Paragraph>
            {data.reviews.length > 0 && (
              <Timeline
                items={data.reviews.map((r, i) => ({
                  key: i,
                  color: r.decision === 'APPROVED' ? 'green' : 'orange',
                  children: (
                    <>
                      <strong>{t(`revisions.body.${r.body}` as MessageKey)}</strong> {t(`reviews.decision.${r.decision}` as MessageKey)} · {r.reviewer} · {formatDateTime(r.at)} {r.comment ? `${t('punct.colon')}${r.comment}` : ''}
                    </>
                  ),
                }))}
              />
            )}
            {(['approve', 'return', 'publish'] as const).some((a) => pending(data, a)) && (
              <Space orientation="vertical" style={{ width: '100%' }}>
                {error !== undefined && <ErrorAlert error={error} />}
                <label htmlFor="revision-comment">{t('revisions.comment')}</label>
                <Input.TextArea id="revision-comment" rows={2} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={4000} />
                <Space>
                  {pending(data, 'approve') && (
                    <ActionButton allowed={pending(data, 'approve')!} type="primary" loading={busy} onClick={() => void act('approve')} testId="revision-approve">{t('revisions.approve')}</ActionButton>
                  )}
                  {pending(data, 'return') && (
                    <ActionButton allowed={pending(data, 'return')!} loading={busy} onClick={() => void act('return')} testId="revision-return">{t('revisions.return')}</ActionButton>
                  )}
                  {pending(data, 'publish') && (
                    <ActionButton allowed={pending(data, 'publish')!} type="primary" loading={busy} onClick={() => void act('publish')} testId="revision-publish">{t('revisions.publish')}</ActionButton>
                  )}
                </Space>
              </Space>
            )}
          </Card>
          {offers(data, 'update') && (
            <DraftEditor
              detail={data}
              etag={rev.data?.etag ?? null}
              diff={diff.data}
              onChanged={() => {
                rev.reload();
                diff.reload();
                onChanged();
              }}
              onDiscarded={onDiscarded}
            />
          )}
          <Card size="small" className="zy-card" title={t('history.whatChanged', { n: number })}>
            <PageState state={diff}>{(d) => <RevisionDiffView diff={d} />}</PageState>
          </Card>
        </>
      )}
    </PageState>
  );
}
