// The delivery log (system administrator; the auditor reads): every e-mail and webhook call the platform sent,
// newest first, filtered by state and channel (kept in the address), with attempts and the last error; a failed
// one is sent again where the server allows it (its allowedActions).
import { useState, type HTMLAttributes } from 'react';
import { App, Button, Card, Flex, Select, Table, Tag, Typography } from 'antd';
import { DELIVERIES_PAGE_SIZE, fetchDeliveries, retryDelivery, type NotificationDelivery } from '../../api/notificationSettings';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EmptyState, PageState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime } from '../../format/dates';
import { useApiData } from '../../hooks/useApiData';
import { serverTable, useListParams } from '../../hooks/useListParams';
import { useI18n, type MessageKey } from '../../i18n';

const FILTERS = ['state', 'channel'] as const;
const STATES = ['PENDING', 'SENT', 'FAILED'] as const;
const CHANNELS = ['EMAIL', 'WEBHOOK'] as const;
const STATE_COLOURS: Record<NotificationDelivery['state'], string> = { PENDING: 'processing', SENT: 'success', FAILED: 'error' };

export function DeliveriesPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const list = useListParams(FILTERS);
  const filters = list.filters as { state?: NotificationDelivery['state']; channel?: NotificationDelivery['channel'] };
  const state = useApiData((signal) => fetchDeliveries({ ...filters, page: list.page }, signal), [JSON.stringify(filters), list.page]);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(undefined);

  async function retry(d: NotificationDelivery) {
    setBusy(d.id);
    setError(undefined);
    try {
      await retryDelivery(d.id);
      void message.success(t('deliveries.retried'));
      state.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <PageTitle title={t('deliveries.title')} subtitle={t('deliveries.hint')} />
      <Card className="zy-card">
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Select<string>
            aria-label={t('deliveries.state')}
            style={{ width: 160 }}
            value={filters.state ?? ''}
            onChange={(v) => list.setFilter('state', v || undefined)}
            options={[{ value: '', label: t('deliveries.allStates') }, ...STATES.map((s) => ({ value: s, label: t(`deliveries.state.${s}` as MessageKey) }))]}
            data-testid="deliveries-state"
          />
          <Select<string>
            aria-label={t('deliveries.channel')}
            style={{ width: 160 }}
            value={filters.channel ?? ''}
            onChange={(v) => list.setFilter('channel', v || undefined)}
            options={[{ value: '', label: t('deliveries.allChannels') }, ...CHANNELS.map((c) => ({ value: c, label: t(`deliveries.channel.${c}` as MessageKey) }))]}
            data-testid="deliveries-channel"
          />
        </Flex>
        {error !== undefined && <ErrorAlert error={error} />}
        <PageState state={state} isEmpty={(d) => d.items.length === 0} empty={<EmptyState description={t('deliveries.none')} />}>
          {(d) => (
            <div data-testid="deliveries-table">
              <Table<NotificationDelivery>
                rowKey="id"
                size="middle"
                dataSource={d.items}
                scroll={{ x: true }}
                {...serverTable(list, d.total, DELIVERIES_PAGE_SIZE)}
                onRow={(r) => ({ 'data-testid': `delivery-${r.id}` }) as HTMLAttributes<HTMLElement>}
                columns={[
                  { title: t('deliveries.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
                  { title: t('deliveries.channel'), dataIndex: 'channel', render: (c: NotificationDelivery['channel']) => t(`deliveries.channel.${c}` as MessageKey) },
                  {
                    title: t('deliveries.state'),
                    dataIndex: 'state',
                    render: (s: NotificationDelivery['state']) => (
                      <Tag color={STATE_COLOURS[s]} data-testid="delivery-state">
                        {t(`deliveries.state.${s}` as MessageKey)}
                      </Tag>
                    ),
                  },
                  { title: t('deliveries.subject'), dataIndex: 'subject' },
                  {
                    title: t('deliveries.target'),
                    key: 'target',
                    render: (_: unknown, r: NotificationDelivery) => (
                      <span>
                        {r.recipient ? `${r.recipient.displayName} ` : r.org ? `${r.org.name} ` : ''}
                        <Typography.Text type="secondary" copyable={false}>
                          {r.target}
                        </Typography.Text>
                      </span>
                    ),
                  },
                  { title: t('deliveries.attempts'), dataIndex: 'attempts', render: (n: number) => <span data-testid="delivery-attempts">{n}</span> },
                  {
                    title: t('deliveries.lastError'),
                    dataIndex: 'lastError',
                    render: (e: string | null) => (e ? <Typography.Text type="danger" data-testid="delivery-error">{e}</Typography.Text> : '—'),
                  },
                  { title: t('deliveries.sentAt'), dataIndex: 'sentAt', render: (v: string | null) => (v ? formatDateTime(v) : '—') },
                  {
                    title: t('deliveries.actions'),
                    key: 'actions',
                    render: (_: unknown, r: NotificationDelivery) =>
                      r.allowedActions
                        .filter((a) => a.action === 'retry')
                        .map((a) => (
                          <Button key={a.action} size="small" disabled={!a.enabled} loading={busy === r.id} onClick={() => void retry(r)} data-testid={`delivery-retry-${r.id}`}>
                            {a.label}
                          </Button>
                        )),
                  },
                ]}
              />
            </div>
          )}
        </PageState>
      </Card>
    </>
  );
}
