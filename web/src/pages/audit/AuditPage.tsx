// The audit viewer (auditor): filters, newest first, older records paged in by `nextBefore`, each record's
// detail on expanding its row, and the SM3 hash-chain check with its result.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, DatePicker, Flex, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { fetchAuditEvents, verifyAuditTrail, type AuditEvent, type AuditFilter, type AuditOutcome, type AuditVerifyResult } from '../../api/audit';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EmptyState, PageState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime } from '../../format/dates';
import { useApiData } from '../../hooks/useApiData';
import { useI18n, type MessageKey } from '../../i18n';

const OUTCOME_COLORS: Record<AuditOutcome, string> = { SUCCESS: 'success', FAILURE: 'error', DENIED: 'warning' };

interface FormValues {
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
    actor: trim(v.actor),
    action: trim(v.action),
    outcome: v.outcome || undefined,
    targetType: trim(v.targetType),
    targetId: trim(v.targetId),
    from: from ? `${from.format('YYYY-MM-DD')}T00:00:00+08:00` : undefined,
    to: to ? `${to.format('YYYY-MM-DD')}T23:59:59.999+08:00` : undefined,
  };
}

export function AuditPage() {
  const { t } = useI18n();
  const [form] = Form.useForm<FormValues>();
  const [filter, setFilter] = useState<AuditFilter>({});
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

  const columns = [
    { title: t('audit.seq'), dataIndex: 'seq', width: 80 },
    { title: t('audit.at'), dataIndex: 'at', render: (d: string) => <span className="zy-nowrap">{formatDateTime(d)}</span> },
    {
      title: t('audit.actor'),
      key: 'actor',
      render: (_: unknown, e: AuditEvent) => (
        <>
          {e.actorName ?? '—'}
          {e.actorRole && <div className="zy-muted">{t(`role.${e.actorRole}` as MessageKey)}</div>}
        </>
      ),
    },
    { title: t('audit.actionCol'), dataIndex: 'action', render: (a: string) => <code>{a}</code> },
    {
      title: t('audit.target'),
      key: 'target',
      render: (_: unknown, e: AuditEvent) => (e.targetType ? `${e.targetType}${e.targetId ? ` · ${e.targetId}` : ''}` : '—'),
    },
    { title: t('audit.outcome'), dataIndex: 'outcome', render: (o: AuditOutcome) => <Tag color={OUTCOME_COLORS[o]}>{t(`audit.outcome.${o}` as MessageKey)}</Tag> },
    { title: t('audit.ip'), dataIndex: 'ip', render: (ip: string | null) => ip ?? '—' },
  ];

  return (
    <>
      <PageTitle title={t('audit.title')} subtitle={t('audit.hint')} />
      <VerifyCard />
      <Card className="zy-card">
        <Form
          form={form}
          layout="inline"
          onFinish={(v) => setFilter(toFilter(v))}
          data-testid="audit-filters"
          style={{ rowGap: 12, marginBottom: 16 }}
        >
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
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" data-testid="audit-search">
                {t('audit.search')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  setFilter({});
                }}
              >
                {t('audit.reset')}
              </Button>
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
              title={t('audit.verifyBroken', { checked: result.checked, seq: result.firstBroken?.seq ?? '?', reason: result.firstBroken?.reason ?? '' })}
            />
          )}
          {error !== undefined && <ErrorAlert error={error} title={t('audit.verifyFailed')} />}
        </div>
      </Space>
    </Card>
  );
}
