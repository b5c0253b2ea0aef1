// The audit viewer (auditor): actions, people and objects by name, newest first, older records paged in by
// `nextBefore`, each record's detail on expanding its row; one project's whole history by its number (other pages
// link here with ?project=… or ?targetType=…&targetId=…); sign-ins shown only when asked for; the filtered records
// exported as XLSX with the chain check; the keyed hash-chain check with its result, beside the latest signed
// checkpoint of the chain (kept outside the database) and whether the database still agrees with it.
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Checkbox, DatePicker, Descriptions, Flex, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { downloadAudit, fetchAuditEvents, fetchLatestCheckpoint, takeCheckpoint, verifyAuditTrail, type AuditCheckpointStatus, type AuditEvent, type AuditFilter, type AuditOutcome, type AuditVerifyResult } from '../../api/audit';
import { DownloadButton } from '../../components/DownloadButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EmptyState, PageState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime } from '../../format/dates';
import { useApiData } from '../../hooks/useApiData';
import { useI18n, type MessageKey } from '../../i18n';

const OUTCOME_COLORS: Record<AuditOutcome, string> = { SUCCESS: 'success', FAILURE: 'error', DENIED: 'warning' };

interface FormValues {
  project?: string;
  signIns?: boolean;
  actor?: string;
  action?: string;
  outcome?: AuditOutcome | '';
  targetType?: string;
  targetId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

/** Form values → API filter; days are whole days in Asia/Shanghai. */
function toFilter(v: FormValues): AuditFilter {
  const trim = (s?: string) => (s && s.trim() ? s.trim() : undefined);
  const [from, to] = v.range ?? [null, null];
  return {
    project: trim(v.project),
    signIns: v.signIns ? 'true' : undefined,
    actor: trim(v.actor),
    action: trim(v.action),
    outcome: v.outcome || undefined,
    targetType: trim(v.targetType),
    targetId: trim(v.targetId),
    from: from ? `${from.format('YYYY-MM-DD')}T00:00:00+08:00` : undefined,
    to: to ? `${to.format('YYYY-MM-DD')}T23:59:59.999+08:00` : undefined,
  };
}

/** The filter a link opened the page with (a project's history, one object's timeline). */
function linkedFilter(params: URLSearchParams): FormValues {
  const get = (k: string) => params.get(k) ?? undefined;
  return { project: get('project'), targetType: get('targetType'), targetId: get('targetId') };
}

export function AuditPage() {
  const { t, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<FormValues>();
  const [filter, setFilter] = useState<AuditFilter>(() => toFilter(linkedFilter(params)));
  const first = useApiData((signal) => fetchAuditEvents(filter, undefined, signal), [JSON.stringify(filter)]);
  const [items, setItems] = useState<AuditEvent[]>([]);
  const [nextBefore, setNextBefore] = useState<string | null>(null);
  const [moreBusy, setMoreBusy] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(undefined);

  useEffect(() => {
    if (first.data) {
      setItems(first.data.items);
      setNextBefore(first.data.nextBefore);
      setMoreError(undefined);
    }
  }, [first.data]);

  async function loadMore() {
    if (!nextBefore) return;
    setMoreBusy(true);
    setMoreError(undefined);
    try {
      const page = await fetchAuditEvents(filter, nextBefore);
      setItems((prev) => [...prev, ...page.items]);
      setNextBefore(page.nextBefore);
    } catch (err) {
      setMoreError(err);
    } finally {
      setMoreBusy(false);
    }
  }

  function search(v: FormValues) {
    setFilter(toFilter(v));
    const linked = Object.entries({ project: v.project, targetType: v.targetType, targetId: v.targetId }).filter(([, x]) => x && x.trim());
    setParams(new URLSearchParams(linked as [string, string][]), { replace: true });
  }


  const columns = [
    { title: t('audit.seq'), dataIndex: 'seq', width: 80 },
    { title: t('audit.at'), dataIndex: 'at', render: (d: string) => <span className="zy-nowrap">{formatDateTime(d)}</span> },
    {
      title: t('audit.actor'),
      key: 'actor',
      render: (_: unknown, e: AuditEvent) => (
        <>
          {e.actorLabel ?? e.actorName ?? '—'}
          {e.actorRole && <div className="zy-muted">{t(`role.${e.actorRole}` as MessageKey)}</div>}
        </>
      ),
    },
    {
      title: t('audit.actionCol'),
      key: 'action',
      render: (_: unknown, e: AuditEvent) => (
        <>
          {e.actionLabel}
          <div className="zy-muted">
            <code>{e.action}</code>
          </div>
        </>
      ),
    },
    {
      title: t('audit.target'),
      key: 'target',
      render: (_: unknown, e: AuditEvent) =>
        e.targetLabel ?? (e.targetType ? <span className="zy-muted">{`${e.targetType}${e.targetId ? ` · ${e.targetId}` : ''}`}</span> : '—'),
    },
    { title: t('audit.outcome'), dataIndex: 'outcome', render: (o: AuditOutcome) => <Tag color={OUTCOME_COLORS[o]}>{t(`audit.outcome.${o}` as MessageKey)}</Tag> },
    { title: t('audit.ip'), dataIndex: 'ip', render: (ip: string | null) => ip ?? '—' },
  ];

  return (
    <>
      <PageTitle title={t('audit.title')} subtitle={t('audit.hint')} />
      <Flex gap={16} wrap align="stretch">
        <div style={{ flex: '1 1 360px' }}>
          <VerifyCard />
        </div>
        <div style={{ flex: '1 1 420px' }}>
          <CheckpointCard />
        </div>
      </Flex>
      <Card className="zy-card">
        <Form
          form={form}
          layout="inline"
          initialValues={linkedFilter(params)}
          onFinish={search}
          data-testid="audit-filters"
          style={{ rowGap: 12, marginBottom: 16 }}
        >
          <Form.Item name="project" label={t('audit.project')}>
            <Input allowClear placeholder={t('audit.projectPlaceholder')} style={{ width: 200 }} data-testid="audit-project" />
          </Form.Item>
          <Form.Item name="actor" label={t('audit.actor')}>
            <Input allowClear style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="action" label={t('audit.action')}>
            <Input allowClear placeholder={t('audit.actionPlaceholder')} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="outcome" label={t('audit.outcome')} initialValue="">
            <Select
              style={{ width: 110 }}
              options={[
                { value: '', label: t('audit.outcomeAll') },
                ...(['SUCCESS', 'FAILURE', 'DENIED'] as const).map((o) => ({ value: o, label: t(`audit.outcome.${o}` as MessageKey) })),
              ]}
            />
          </Form.Item>
          <Form.Item name="targetType" label={t('audit.targetType')}>
            <Input allowClear style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="targetId" label={t('audit.targetId')}>
            <Input allowClear style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="range" label={t('audit.range')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} />
          </Form.Item>
          <Form.Item name="signIns" valuePropName="checked">
            <Checkbox data-testid="audit-sign-ins">{t('audit.signIns')}</Checkbox>
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" data-testid="audit-search">
                {t('audit.search')}
              </Button>
              <Button
                onClick={() => {
                  form.setFieldsValue({ project: undefined, signIns: false, actor: undefined, action: undefined, outcome: '', targetType: undefined, targetId: undefined, range: null });
                  search({});
                }}
              >
                {t('audit.reset')}
              </Button>
              <DownloadButton
                label={t('audit.export')}
                failed={t('audit.exportFailed')}
                testId="audit-export"
                download={() => downloadAudit(filter, locale, t('audit.exportFile'), t('audit.exportFailed'))}
              />
            </Space>
          </Form.Item>
        </Form>
        <PageState state={first} isEmpty={(d) => d.items.length === 0} empty={<EmptyState description={t('audit.noEvents')} />}>
          {() => (
            <div data-testid="audit-table">
              <Table<AuditEvent>
                rowKey="seq"
                size="small"
                columns={columns}
                dataSource={items}
                pagination={false}
                scroll={{ x: true }}
                expandable={{
                  expandedRowRender: (e) => (
                    <div className="zy-audit-detail">
                      <Typography.Text type="secondary">
                        {t('audit.requestId')}：{e.requestId ?? '—'} · {t('audit.hash')}：<code>{e.hash.slice(0, 16)}…</code>
                      </Typography.Text>
                      {e.detail != null && <pre className="zy-code">{JSON.stringify(e.detail, null, 2)}</pre>}
                    </div>
                  ),
                }}
              />
              <Flex justify="space-between" align="center" style={{ marginTop: 12 }}>
                <Typography.Text type="secondary" data-testid="audit-count">
                  {t('audit.shown', { count: items.length })}
                </Typography.Text>
                {nextBefore ? (
                  <Button onClick={() => void loadMore()} loading={moreBusy} data-testid="audit-more">
                    {t('audit.loadMore')}
                  </Button>
                ) : (
                  <Typography.Text type="secondary">{t('audit.noMore')}</Typography.Text>
                )}
              </Flex>
              {moreError !== undefined && <ErrorAlert error={moreError} onRetry={() => void loadMore()} />}
            </div>
          )}
        </PageState>
      </Card>
    </>
  );
}

function VerifyCard() {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<AuditVerifyResult | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  async function verify() {
    setBusy(true);
    setError(undefined);
    try {
      setResult(await verifyAuditTrail());
    } catch (err) {
      setResult(null);
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card className="zy-card">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Button onClick={() => void verify()} loading={busy} data-testid="audit-verify">
          {t('audit.verify')}
        </Button>
        <div aria-live="polite" data-testid="audit-verify-result">
          {result && result.valid && <Alert type="success" showIcon title={t('audit.verifyOk', { checked: result.checked })} />}
          {result && !result.valid && (
            <Alert
              type="error"
              showIcon
              title={t('audit.verifyBroken', {
                checked: result.checked,
                seq: result.firstBroken?.seq ?? '?',
                reason: result.firstBroken ? t(`audit.reason.${result.firstBroken.reason}` as MessageKey) : '',
              })}
            />
          )}
          {result && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              {t('audit.verifyCheckpoints', { compared: result.checkpoints.compared })}
            </Typography.Paragraph>
          )}
          {result && result.checkpoints.invalid > 0 && <Alert type="error" showIcon title={t('audit.verifyInvalidLines', { count: result.checkpoints.invalid })} />}
          {error !== undefined && <ErrorAlert error={error} title={t('audit.verifyFailed')} />}
        </div>
      </Space>
    </Card>
  );
}

/** The latest signed checkpoint (head, count, time, key id) and whether it holds; the auditor may sign one now. */
function CheckpointCard() {
  const { t } = useI18n();
  const state = useApiData((signal) => fetchLatestCheckpoint(signal), []);
  const [taken, setTaken] = useState<AuditCheckpointStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  async function checkpointNow() {
    setBusy(true);
    setError(undefined);
    try {
      setTaken(await takeCheckpoint());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  const status = taken ?? state.data;
  const c = status?.checkpoint;
  return (
    <Card className="zy-card" title={t('audit.checkpoint')} data-testid="audit-checkpoint">
      <PageState state={state}>
        {() =>
          status && (
            <Space direction="vertical" style={{ width: '100%' }}>
              {c ? (
                <>
                  {status.verified ? (
                    <Alert type="success" showIcon title={t('audit.checkpointVerified')} />
                  ) : (
                    <Alert type="error" showIcon title={t(`audit.checkpointState.${status.state}` as MessageKey)} />
                  )}
                  <Descriptions size="small" column={1}>
                    <Descriptions.Item label={t('audit.checkpointAt')}>{formatDateTime(c.at)}</Descriptions.Item>
                    <Descriptions.Item label={t('audit.checkpointCount')}>{c.count}</Descriptions.Item>
                    <Descriptions.Item label={t('audit.checkpointSeq')}>{c.seq}</Descriptions.Item>
                    <Descriptions.Item label={t('audit.checkpointHead')}>
                      <Typography.Text code copyable={{ text: c.head }}>{`${c.head.slice(0, 16)}…`}</Typography.Text>
                    </Descriptions.Item>
                    <Descriptions.Item label={t('audit.checkpointKey')}>{c.keyId}</Descriptions.Item>
                    <Descriptions.Item label={t('audit.checkpointSigner')}>{c.signer}</Descriptions.Item>
                  </Descriptions>
                </>
              ) : (
                <Typography.Paragraph type="secondary">{t('audit.checkpointNone')}</Typography.Paragraph>
              )}
              {status.invalidLines > 0 && <Alert type="error" showIcon title={t('audit.verifyInvalidLines', { count: status.invalidLines })} />}
              <Button onClick={() => void checkpointNow()} loading={busy} data-testid="audit-checkpoint-now">
                {t('audit.checkpointNow')}
              </Button>
              {error !== undefined && <ErrorAlert error={error} title={t('audit.checkpointFailed')} />}
            </Space>
          )
        }
      </PageState>
    </Card>
  );
}
