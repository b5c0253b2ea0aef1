// The security dossier (安全责任, Art. 36–37) of an established project or a migrated system: what is missing, the
// next drill and graded-protection assessment due (overdue in red), the records filed, and the forms to file more
// (the kinds the server offers the reader in allowedActions). Used by the project detail and the system drawer.
import { Alert, Card, Descriptions, Tag, Typography } from 'antd';
import { offers } from '../../api/actions';
import { ApiError } from '../../api/errors';
import { ACTION_OF, fetchSecurity, SECURITY_KINDS, type SecurityDossier, type SecurityOwner } from '../../api/security';
import { EmptyState, PageState } from '../../components/PageState';
import { formatDate } from '../../format/dates';
import { useApiData } from '../../hooks/useApiData';
import { useI18n } from '../../i18n';
import { SecurityRecordForm } from './SecurityRecordForm';
import { SecurityRecordList } from './SecurityRecordList';

export function SecurityPanel({ owner, id }: { owner: SecurityOwner; id: string }) {
  const { t } = useI18n();
  const state = useApiData((signal) => fetchSecurity(owner, id, signal), [owner, id]);
  // readers of the project who do not answer for its security (a co-building unit, Finance) are refused by the server
  if (state.error instanceof ApiError && state.error.status === 403) return <EmptyState description={t('security.notYours')} />;
  return <PageState state={state}>{(res) => <Dossier owner={owner} id={id} dossier={res.data} etag={res.etag} reload={state.reload} />}</PageState>;
}

function Dossier({ owner, id, dossier: d, etag, reload }: { owner: SecurityOwner; id: string; dossier: SecurityDossier; etag: string | null; reload(): void }) {
  const { t } = useI18n();
  const fileable = SECURITY_KINDS.filter((k) => offers(d, ACTION_OF[k]));
  const drill = d.deadlines.find((x) => x.ruleCode === 'EMERGENCY_DRILL' && !x.metAt);
  const mlps = d.deadlines.find((x) => x.ruleCode === 'MLPS_ASSESSMENT' && !x.metAt);
  const due = (date: string | null | undefined, overdue?: boolean) =>
    date ? <span data-testid="security-due">{formatDate(date)}{overdue && <Tag color="red" style={{ marginLeft: 8 }}>{t('security.overdue')}</Tag>}</span> : '—';
  return (
    <div data-testid="security-dossier">
      {d.status === 'CLOSED' && <Alert type="info" showIcon message={t('security.closed')} style={{ marginBottom: 16 }} />}
      {d.missing.length > 0 && (
        <Alert type="warning" showIcon message={t('security.missing', { kinds: d.missing.map((k) => t(`security.kind.${k}`)).join('、') })} style={{ marginBottom: 16 }} />
      )}
      <Descriptions size="small" column={3} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('security.inServiceSince')}>{formatDate(d.owner.inServiceSince) || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('security.nextDrill')}>{due(drill?.dueDate ?? d.nextDrillDue, drill?.overdue)}</Descriptions.Item>
        <Descriptions.Item label={t('security.nextMlps')}>{due(mlps?.dueDate, mlps?.overdue)}</Descriptions.Item>
      </Descriptions>
      <Card size="small" className="zy-card" title={t('security.records')}>
        {d.records.length ? (
          <SecurityRecordList owner={owner} id={id} records={d.records} mayUpload={offers(d, 'document')} onUploaded={reload} />
        ) : (
          <EmptyState description={t('security.none')} />
        )}
      </Card>
      {fileable.length > 0 && (
        <Card size="small" className="zy-card" title={<Typography.Text strong>{t('security.file')}</Typography.Text>}>
          <SecurityRecordForm owner={owner} id={id} etag={etag} kinds={fileable} onFiled={reload} onStale={reload} />
        </Card>
      )}
    </div>
  );
}
