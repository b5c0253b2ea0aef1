// One resource request for the sub-center operator: technical review (approve/return with If-Match), the
// desired-state preview (objects by kind/name and the read-only YAML), provisioning with an Idempotency-Key per
// click, the job's live progress (polled every second) and the project's resources with their state.
import { useEffect, useState } from 'react';
import { App, Button, Card, Descriptions, Flex, Input, Popconfirm, Space, Table, Tabs, Tag, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/errors';
import {
  decideRequest,
  fetchJob,
  fetchPreview,
  fetchPreviewYaml,
  fetchRequest,
  provisionRequest,
  type Job,
  type OperatorRequest,
  type PreviewObject,
} from '../../api/operator';
import { fetchProjectResources } from '../../api/resources';
import type { ProvisionedResource } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EmptyState, Loading, PageState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime } from '../../format/dates';
import { useApiData } from '../../hooks/useApiData';
import { useI18n, type MessageKey } from '../../i18n';
import { JobStateTag, RequestStatusTag, itemsText } from './requestText';

const RESOURCE_COLORS: Record<string, string> = {
  PENDING: 'default',
  PROVISIONING: 'processing',
  READY: 'success',
  FAILED: 'error',
  DRIFTED: 'warning',
  DEPROVISIONED: 'default',
};

export function OperatorRequestPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const request = useApiData(async (signal) => {
    const r = await fetchRequest(id, signal);
    return { request: r.data, etag: r.etag };
  }, [id]);

  return (
    <>
      <PageTitle
        title={t('operator.requestTitle', { code: request.data?.request.code ?? '' })}
        extra={<Link to="/operator/requests">{t('operator.back')}</Link>}
      />
      <PageState state={request}>
        {({ request: r, etag }) => (
          <>
            <Card className="zy-card" data-testid="request-overview">
              <Descriptions column={{ xs: 1, md: 2 }} size="small">
                <Descriptions.Item label={t('operator.code')}>{r.code}</Descriptions.Item>
                <Descriptions.Item label={t('operator.status')}>
                  <span data-testid="request-status">
                    <RequestStatusTag status={r.status} />
                  </span>
                </Descriptions.Item>
                <Descriptions.Item label={t('operator.items')}>{itemsText(r)}</Descriptions.Item>
                <Descriptions.Item label={t('operator.environment')}>{t(`operator.env.${r.environment}` as MessageKey)}</Descriptions.Item>
                <Descriptions.Item label={t('operator.networkZone')}>{t(`operator.zone.${r.networkZone}` as MessageKey)}</Descriptions.Item>
                <Descriptions.Item label={t('operator.createdAt')}>{formatDateTime(r.createdAt)}</Descriptions.Item>
                <Descriptions.Item label={t('operator.contacts')}>
                  {r.contacts.map((c) => `${c.name} ${c.phone}`).join('；')}
                </Descriptions.Item>
                <Descriptions.Item label={t('operator.sshKeys')}>{r.sshPublicKeys.length}</Descriptions.Item>
                {r.reviewNote && <Descriptions.Item label={t('operator.reviewNote')}>{r.reviewNote}</Descriptions.Item>}
              </Descriptions>
            </Card>
            {r.status === 'SUBMITTED' && <ReviewCard request={r} etag={etag} onDone={request.reload} />}
            <PreviewCard requestId={r.id} version={r.version} />
            <ProvisionCard
              request={r}
              jobId={jobId}
              onStarted={(job) => setParams({ job }, { replace: true })}
              onFinished={request.reload}
            />
            <ResourcesCard projectId={r.projectId} refreshKey={`${r.version}-${r.status}`} />
          </>
        )}
      </PageState>
    </>
  );
}

function ReviewCard({ request, etag, onDone }: { request: OperatorRequest; etag: string | null; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<'approve' | 'return' | null>(null);
  const [error, setError] = useState<unknown>(undefined);

  async function decide(action: 'approve' | 'return') {
    if (action === 'return' && !note.trim()) {
      setError(new ApiError(400, 'NOTE_REQUIRED', t('operator.noteRequired')));
      return;
    }
    setBusy(action);
    setError(undefined);
    try {
      await decideRequest(request.id, action, etag, note.trim() || undefined);
      void message.success(t(action === 'approve' ? 'operator.approved' : 'operator.returned'));
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.isStale) {
        void message.warning(t('operator.stale'));
        onDone();
      } else setError(err);
    } finally {
      setBusy(null);
    }
  }

  return (
    <Card className="zy-card" title={t('operator.reviewCard')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <label htmlFor="operator-note">{t('operator.noteLabel')}</label>
        <Input.TextArea id="operator-note" rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
        {error !== undefined && <ErrorAlert error={error} />}
        <Flex gap={8}>
          <Button type="primary" data-testid="request-approve" loading={busy === 'approve'} disabled={busy !== null} onClick={() => void decide('approve')}>
            {t('operator.approve')}
          </Button>
          <Button danger data-testid="request-return" loading={busy === 'return'} disabled={busy !== null} onClick={() => void decide('return')}>
            {t('operator.return')}
          </Button>
        </Flex>
      </Space>
    </Card>
  );
}

function PreviewCard({ requestId, version }: { requestId: string; version: number }) {
  const { t } = useI18n();
  const state = useApiData(async (signal) => {
    const [preview, yaml] = await Promise.all([fetchPreview(requestId, signal), fetchPreviewYaml(requestId, signal)]);
    return { preview, yaml };
  }, [requestId, version]);

  return (
    <Card className="zy-card" title={t('operator.previewCard')} data-testid="preview">
      <PageState state={state}>
        {({ preview, yaml }) => {
          const changeOf = new Map(preview.changes.map((c) => [`${c.kind}/${c.name}`, c.op]));
          const rows = preview.objects.map((o: PreviewObject, i) => ({
            key: `${o.kind}/${o.metadata?.name ?? i}`,
            kind: o.kind,
            name: o.metadata?.name ?? '',
            change: changeOf.get(`${o.kind}/${o.metadata?.name ?? ''}`) ?? 'same',
          }));
          return (
            <>
              <Typography.Paragraph type="secondary">
                {t('operator.previewHint', { namespace: preview.namespace, driver: preview.driver })}
              </Typography.Paragraph>
              <Tabs
                items={[
                  {
                    key: 'objects',
                    label: t('operator.kind') + ' / ' + t('operator.name'),
                    children: rows.length ? (
                      <div data-testid="preview-objects">
                        <Table
                          size="small"
                          pagination={false}
                          dataSource={rows}
                          columns={[
                            { title: t('operator.kind'), dataIndex: 'kind' },
                            { title: t('operator.name'), dataIndex: 'name', render: (n: string) => <code>{n}</code> },
                            {
                              title: t('operator.change'),
                              dataIndex: 'change',
                              render: (c: string) => {
                                const key = `operator.change.${c}`;
                                return ['create', 'update', 'delete', 'same'].includes(c) ? t(key as MessageKey) : c;
                              },
                            },
                          ]}
                        />
                      </div>
                    ) : (
                      <EmptyState description={t('operator.noObjects')} />
                    ),
                  },
                  {
                    key: 'yaml',
                    label: t('operator.yaml'),
                    children: (
                      <pre className="zy-code" data-testid="preview-yaml" aria-label={t('operator.yamlLabel')} aria-readonly="true" tabIndex={0}>
                        <code>{yaml}</code>
                      </pre>
                    ),
                  },
                ]}
              />
            </>
          );
        }}
      </PageState>
    </Card>
  );
}

function ProvisionCard({
  request,
  jobId,
  onStarted,
  onFinished,
}: {
  request: OperatorRequest;
  jobId: string | null;
  onStarted(jobId: string): void;
  onFinished(): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const canProvision = request.status === 'APPROVED' || request.status === 'FAILED';

  async function provision() {
    setBusy(true);
    setError(undefined);
    try {
      const { jobId: id } = await provisionRequest(request.id);
      void message.success(t('operator.provisionStarted'));
      onStarted(id);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card className="zy-card" title={t('operator.provisionCard')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        {!canProvision && !jobId && <Typography.Text type="secondary">{t('operator.notApprovedYet')}</Typography.Text>}
        {canProvision && (
          <Popconfirm title={t('operator.provisionConfirm')} onConfirm={() => void provision()} okButtonProps={{ 'data-testid': 'provision-confirm' } as Record<`data-${string}`, string>}>
            <Button type="primary" data-testid="provision" loading={busy}>
              {t('operator.provision')}
            </Button>
          </Popconfirm>
        )}
        {error !== undefined && <ErrorAlert error={error} />}
        {jobId && <JobProgress jobId={jobId} onFinished={onFinished} />}
      </Space>
    </Card>
  );
}

function JobProgress({ jobId, onFinished }: { jobId: string; onFinished(): void }) {
  const { t } = useI18n();
  const [job, setJob] = useState<Job | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);

  useEffect(() => {
    const ctrl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let done = false;
    const tick = async () => {
      try {
        const j = await fetchJob(jobId, ctrl.signal);
        if (ctrl.signal.aborted) return;
        setJob(j);
        setError(undefined);
        if (j.state === 'SUCCEEDED' || j.state === 'FAILED') {
          done = true;
          onFinished();
          return;
        }
      } catch (err) {
        if (ctrl.signal.aborted) return;
        setError(err);
      }
      if (!done) timer = setTimeout(() => void tick(), 1000);
    };
    void tick();
    return () => {
      ctrl.abort();
      if (timer) clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [jobId]);

  if (!job && error === undefined) return <Loading />;
  return (
    <div data-testid="job-progress" aria-live="polite">
      {error !== undefined && <ErrorAlert error={error} title={t('operator.jobPollError')} />}
      {job && (
        <>
          <Descriptions column={{ xs: 1, md: 3 }} size="small" title={t('operator.jobTitle')}>
            <Descriptions.Item label={t('operator.jobState')}>
              <JobStateTag state={job.state} />
            </Descriptions.Item>
            <Descriptions.Item label={t('operator.jobAttempts')}>{job.attempts}</Descriptions.Item>
            <Descriptions.Item label={t('operator.createdAt')}>{formatDateTime(job.createdAt)}</Descriptions.Item>
            {job.error && <Descriptions.Item label={t('operator.jobError')}>{job.error}</Descriptions.Item>}
          </Descriptions>
          <Typography.Text strong>{t('operator.jobLog')}</Typography.Text>
          {job.events && job.events.length > 0 ? (
            <pre className="zy-code zy-log" data-testid="job-log">
              {job.events.map((e) => `${formatDateTime(e.at)} [${e.level}] ${e.message}`).join('\n')}
            </pre>
          ) : (
            <Typography.Paragraph type="secondary">{t('operator.jobNoLog')}</Typography.Paragraph>
          )}
        </>
      )}
    </div>
  );
}

function ResourcesCard({ projectId, refreshKey }: { projectId: string; refreshKey: string }) {
  const { t } = useI18n();
  const state = useApiData((signal) => fetchProjectResources(projectId, signal), [projectId, refreshKey]);
  return (
    <Card className="zy-card" title={t('operator.resourcesCard')} extra={<Button size="small" onClick={state.reload}>{t('operator.refresh')}</Button>}>
      <PageState state={state}>
        {(res) => (
          <div data-testid="project-resources">
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t('operator.namespace')}>
                <code>{res.namespace}</code>
              </Descriptions.Item>
              <Descriptions.Item label={t('operator.cluster')}>
                {res.driver} · {t(res.clusterConnected ? 'operator.clusterConnected' : 'operator.clusterNotConnected')}
              </Descriptions.Item>
            </Descriptions>
            {res.resources.length === 0 ? (
              <EmptyState description={t('operator.noResources')} />
            ) : (
              <Table<ProvisionedResource>
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={res.resources}
                scroll={{ x: true }}
                columns={[
                  { title: t('operator.kind'), dataIndex: 'kind' },
                  { title: t('operator.name'), dataIndex: 'name', render: (n: string) => <code>{n}</code> },
                  { title: t('operator.plan'), dataIndex: 'planCode', render: (p: string | null) => p ?? '—' },
                  {
                    title: t('operator.resourceState'),
                    dataIndex: 'state',
                    render: (st: string, r: ProvisionedResource) => (
                      <Tag color={RESOURCE_COLORS[st] ?? 'default'} title={r.detail ?? undefined}>
                        {RESOURCE_COLORS[st] ? t(`operator.res.${st}` as MessageKey) : st}
                      </Tag>
                    ),
                  },
                  { title: t('operator.updatedAt'), dataIndex: 'updatedAt', render: (d: string) => formatDateTime(d) },
                ]}
              />
            )}
            {res.drift && res.drift.length > 0 && (
              <ErrorAlert
                error={new ApiError(409, 'DRIFT', res.drift.map((d) => `${d.kind}/${d.name}: ${d.reason}`).join('；'))}
                title={t('operator.drift')}
              />
            )}
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              {t('operator.entitlement')}
            </Typography.Title>
            <Table
              size="small"
              rowKey="planCode"
              pagination={false}
              dataSource={res.entitlement}
              columns={[
                { title: t('operator.plan'), dataIndex: 'planCode' },
                { title: t('operator.entitled'), dataIndex: 'entitled' },
                { title: t('operator.used'), dataIndex: 'used' },
                { title: t('operator.left'), dataIndex: 'left' },
              ]}
            />
          </div>
        )}
      </PageState>
    </Card>
  );
}

