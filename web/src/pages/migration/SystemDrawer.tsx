// One registered system in a drawer: what was registered, the sub-center's assessment, and every change since
// (registration or import, edits, assessment, transitions). Its organisation may change the register fields or
// withdraw a registration made in error (before assessment); the sub-center takes the migration actions. All send
// If-Match, and a 412 reloads.
import { offers } from '../../api/actions';
import { useState } from 'react';
import { App, Button, Descriptions, Drawer, Popconfirm, Space, Tag, Timeline, Typography } from 'antd';
import { ApiError } from '../../api/errors';
import { fetchSystem, fetchSystemHistory, withdrawSystem, type MigrationSystem, type SystemHistoryEntry } from '../../api/migration';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EmptyState, PageState } from '../../components/PageState';
import { formatDate, formatDateTime } from '../../format/dates';
import { formatYuan } from '../../format/money';
import { useApiData } from '../../hooks/useApiData';
import { useI18n, type MessageKey } from '../../i18n';
import { SystemActions } from './actions/SystemActions';
import { MigrationStatusTag } from './MigrationStatusTag';
import { SystemForm, type FormTarget } from './SystemForm';
import { AuditTrailLink } from '../../components/AuditTrailLink';
import { SecurityPanel } from '../security/SecurityPanel';
import { QuestionnairePanel } from './QuestionnairePanel';

interface Props {
  id: string;
  /** the signed-in user's organisation owns the register (departments and counties) */
  mayChange: boolean;
  /** the sub-center: assessment and the migration transitions */
  operator?: boolean;
  onClose(): void;
  /** the system changed or was withdrawn: the list reloads */
  onChanged(): void;
}

export function SystemDrawer({ id, mayChange, operator = false, onClose, onChanged }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const state = useApiData((signal) => fetchSystem(id, signal), [id]);
  const history = useApiData((signal) => fetchSystemHistory(id, signal), [id]);
  const [editing, setEditing] = useState<FormTarget | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  function reload() {
    state.reload();
    history.reload();
  }

  async function withdraw(etag: string | null) {
    setBusy(true);
    setError(undefined);
    try {
      await withdrawSystem(id, etag);
      void message.success(t('register.withdrawn'));
      onChanged();
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.isStale) {
        void message.warning(t('common.staleReloaded'));
        reload();
      } else setError(err);
    } finally {
      setBusy(false);
    }
  }

  const system = state.data?.data;
  return (
    <Drawer
      open
      size={760}
      title={system ? `${system.code} ${system.name}` : t('register.detailTitle')}
      onClose={onClose}
      extra={
        system && (
          <Space>
            <AuditTrailLink target={{ targetType: 'MigrationSystem', targetId: system.id }} />
            {mayChange && offers(system, 'update') && (
              <Button onClick={() => setEditing({ system, etag: state.data!.etag })} data-testid="system-edit">
                {t('register.edit')}
              </Button>
            )}
            {mayChange && offers(system, 'withdraw') && (
              <Popconfirm
                title={t('register.withdrawConfirm', { name: system.name })}
                okText={t('register.withdraw')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true, 'data-testid': 'withdraw-confirm' } as Record<`data-${string}`, string>}
                onConfirm={() => void withdraw(state.data!.etag)}
              >
                <Button danger loading={busy} data-testid="system-withdraw">
                  {t('register.withdraw')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        )
      }
    >
      <div data-testid="system-drawer">
        {error !== undefined && <ErrorAlert error={error} />}
        {operator && state.data && (
          <SystemActions
            system={state.data.data}
            etag={state.data.etag}
            onDone={() => {
              reload();
              onChanged();
            }}
            onStale={reload}
          />
        )}
        <PageState state={state}>{(res) => <SystemDetail system={res.data} />}</PageState>
        <div style={{ marginTop: 24 }}>
          <QuestionnairePanel
            id={id}
            onAssessed={() => {
              reload();
              onChanged();
            }}
          />
        </div>
        <Typography.Title level={5} style={{ marginTop: 24 }}>
          {t('security.title')}
        </Typography.Title>
        <SecurityPanel owner="SYSTEM" id={id} />
        <Typography.Title level={5} style={{ marginTop: 24 }}>
          {t('register.history')}
        </Typography.Title>
        <PageState state={history} isEmpty={(h) => h.items.length === 0} empty={<EmptyState description={t('register.noHistory')} />}>
          {(h) => <HistoryTimeline items={h.items} />}
        </PageState>
      </div>
      {editing && (
        <SystemForm
          target={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reload();
            onChanged();
          }}
          onStale={() => {
            setEditing(null);
            reload();
          }}
        />
      )}
    </Drawer>
  );
}

function SystemDetail({ system: s }: { system: MigrationSystem }) {
  const { t } = useI18n();
  const label = (k: string) => t(`register.field.${k}` as MessageKey);
  const text = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);
  const list = (v: string[]) => (v.length ? v.join(t('punct.semicolon')) : '—');
  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} data-testid="system-detail">
      <Descriptions.Item label={label('code')}>{s.code}</Descriptions.Item>
      <Descriptions.Item label={label('status')}>
        <MigrationStatusTag status={s.status} />
        {s.exempt && <Tag>{t('register.exempt')}</Tag>}
      </Descriptions.Item>
      <Descriptions.Item label={label('org')}>{s.org.name}</Descriptions.Item>
      <Descriptions.Item label={label('hosting')}>{t(`migration.hosting.${s.hosting}` as MessageKey)}</Descriptions.Item>
      <Descriptions.Item label={label('purpose')} span={2}>{s.purpose}</Descriptions.Item>
      <Descriptions.Item label={label('location')}>{text(s.location)}</Descriptions.Item>
      <Descriptions.Item label={label('classified')}>{t(s.classified ? 'common.yes' : 'common.no')}</Descriptions.Item>
      <Descriptions.Item label={label('mlpsLevel')}>{t(`register.mlps.${s.mlpsLevel ?? 0}` as MessageKey)}</Descriptions.Item>
      <Descriptions.Item label={label('mlpsFilingNo')}>{text(s.mlpsFilingNo)}</Descriptions.Item>
      <Descriptions.Item label={label('os')}>{text(s.os)}</Descriptions.Item>
      <Descriptions.Item label={label('database')}>{text(s.database)}</Descriptions.Item>
      <Descriptions.Item label={label('middleware')}>{text(s.middleware)}</Descriptions.Item>
      <Descriptions.Item label={label('xinchuang')}>{s.xinchuang ? t(`migration.xinchuang.${s.xinchuang}` as MessageKey) : '—'}</Descriptions.Item>
      <Descriptions.Item label={label('dataVolumeGb')}>{text(s.dataVolumeGb)}</Descriptions.Item>
      <Descriptions.Item label={label('userCount')}>{text(s.userCount)}</Descriptions.Item>
      <Descriptions.Item label={label('annualOmCost')}>
        <span className="zy-money">{formatYuan(s.annualOmCost)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={label('dependencies')}>{list(s.dependencies)}</Descriptions.Item>
      <Descriptions.Item label={label('contacts')} span={2}>
        {s.contacts.length ? s.contacts.map((c) => [c.name, c.phone, c.email].filter(Boolean).join(' ')).join(t('punct.semicolon')) : '—'}
      </Descriptions.Item>
      <Descriptions.Item label={label('strategy')}>{s.strategy ? t(`migration.strategy.${s.strategy}` as MessageKey) : t('board.unassessed')}</Descriptions.Item>
      <Descriptions.Item label={label('wave')}>{s.wave ? `${s.wave.name}${t('punct.open')}${formatDate(s.wave.startDate)} – ${formatDate(s.wave.endDate)}${t('punct.close')}` : '—'}</Descriptions.Item>
      {s.effort && <Descriptions.Item label={label('effort')}>{t(`register.level.${s.effort}` as MessageKey)}</Descriptions.Item>}
      {s.risk && <Descriptions.Item label={label('risk')}>{t(`register.level.${s.risk}` as MessageKey)}</Descriptions.Item>}
      {s.targetPlanCodes.length > 0 && <Descriptions.Item label={label('targetPlanCodes')} span={2}>{list(s.targetPlanCodes)}</Descriptions.Item>}
      {s.blockingIssues.length > 0 && <Descriptions.Item label={label('blockingIssues')} span={2}>{list(s.blockingIssues)}</Descriptions.Item>}
      {s.blockedReason && <Descriptions.Item label={label('blockedReason')} span={2}>{s.blockedReason}</Descriptions.Item>}
      <Descriptions.Item label={label('createdAt')}>{formatDateTime(s.createdAt)}</Descriptions.Item>
      <Descriptions.Item label={label('updatedAt')}>{formatDateTime(s.updatedAt)}</Descriptions.Item>
    </Descriptions>
  );
}

function HistoryTimeline({ items }: { items: SystemHistoryEntry[] }) {
  const { t } = useI18n();
  const fieldsOf = (h: SystemHistoryEntry) => (Array.isArray(h.detail?.fields) ? (h.detail.fields as string[]) : []);
  return (
    <div data-testid="system-history">
      <Timeline
        items={items.map((h, i) => ({
          key: i,
          color: h.action === 'block' ? 'red' : h.toStatus === 'MIGRATED' ? 'green' : 'blue',
          content: (
            <>
              <Typography.Text strong>{t(`migration.action.${h.action}` as MessageKey)}</Typography.Text>{' '}
              {h.fromStatus && h.fromStatus !== h.toStatus && (
                <>
                  <MigrationStatusTag status={h.fromStatus} />→{' '}
                </>
              )}
              <MigrationStatusTag status={h.toStatus} />
              <Typography.Text type="secondary">
                {formatDateTime(h.at)}
                {h.actorName && ` · ${h.actorName}`}
              </Typography.Text>
              {typeof h.detail?.row === 'number' && <div>{t('register.historyRow', { row: h.detail.row })}</div>}
              {fieldsOf(h).length > 0 && (
                <div>
                  {t('register.historyFields')}
                  {t('punct.colon')}
                  {fieldsOf(h).map((f) => t(`register.field.${f}` as MessageKey)).join(t('punct.comma'))}
                </div>
              )}
              {h.reason && <div>{t('register.historyReason', { reason: h.reason })}</div>}
            </>
          ),
        }))}
      />
    </div>
  );
}
