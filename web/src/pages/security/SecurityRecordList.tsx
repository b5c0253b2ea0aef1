// The records of a security dossier, newest first: what each says in a line, who filed it and when, and its
// documents (download; upload while the dossier offers it).
import { App, Button, List, Space, Tag, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { saveBlob } from '../../api/download';
import { downloadSecurityDocument, uploadSecurityDocument, type SecurityOwner, type SecurityRecord } from '../../api/security';
import { errorMessage } from '../../components/ErrorAlert';
import { formatDate, formatDateTime } from '../../format/dates';
import { useI18n, type MessageKey, type Translate } from '../../i18n';

/** A record in one line, in the reader's language. */
function lineOf(r: SecurityRecord, t: Translate): string {
  const d = r.data as Record<string, any>;
  const value = (v: unknown) => (v ? t(`security.value.${String(v)}` as MessageKey) : '');
  const parts: (string | false | undefined)[] = (() => {
    switch (r.kind) {
      case 'RISK_ASSESSMENT':
        return [formatDate(d.assessmentDate), d.assessor, value(d.result), `${t('security.field.unitConfirmedBy')}：${d.unitConfirmation?.confirmedBy}`, `${d.contractorConfirmation?.contractor}：${d.contractorConfirmation?.confirmedBy}`];
      case 'MLPS':
        return [t('security.level', { n: d.mlpsLevel }), d.mlpsFilingNo, `${t('security.field.gradingDate')} ${formatDate(d.gradingDate)}`, d.lastAssessmentDate && `${t('security.field.lastAssessmentDate')} ${formatDate(d.lastAssessmentDate)}`, value(d.assessmentConclusion)];
      case 'CRYPTO_ASSESSMENT':
        return [formatDate(d.assessmentDate), d.assessor, value(d.cryptoResult)];
      case 'EMERGENCY_PLAN':
        return [d.planVersion, formatDate(d.issuedDate), d.summary];
      case 'DRILL':
        return [formatDate(d.drillDate), d.scenario, d.drillResult];
      case 'INCIDENT':
        return [formatDateTime(d.occurredAt), value(d.severity), d.description, d.reportedTo && `${t('security.field.reportedTo')}：${d.reportedTo} ${formatDateTime(d.reportedAt)}`];
    }
  })();
  return parts.filter(Boolean).join(' · ');
}

interface Props {
  owner: SecurityOwner;
  id: string;
  records: SecurityRecord[];
  mayUpload: boolean;
  onUploaded(): void;
}

export function SecurityRecordList({ owner, id, records, mayUpload, onUploaded }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const fail = (e: unknown) => void message.error(errorMessage(e, t('common.unexpectedError')));
  return (
    <List<SecurityRecord>
      size="small"
      dataSource={records}
      data-testid="security-records"
      renderItem={(r) => (
        <List.Item
          key={r.id}
          data-testid={`security-record-${r.kind}`}
          actions={
            mayUpload
              ? [
                  <Upload
                    key="upload"
                    showUploadList={false}
                    beforeUpload={(file) => {
                      uploadSecurityDocument(owner, id, r.id, file)
                        .then(() => {
                          void message.success(t('security.uploaded'));
                          onUploaded();
                        })
                        .catch(fail);
                      return false;
                    }}
                  >
                    <Button size="small" icon={<UploadOutlined />}>{t('security.upload')}</Button>
                  </Upload>,
                ]
              : []
          }
        >
          <List.Item.Meta
            title={<Space><Tag color="blue">{t(`security.kind.${r.kind}`)}</Tag><Typography.Text>{lineOf(r, t)}</Typography.Text></Space>}
            description={
              <Space wrap>
                <span>{t('security.filedBy')}：{r.filedByName ?? '—'}</span>
                <span>{t('security.filedAt')}：{formatDateTime(r.createdAt)}</span>
                {r.documents.map((doc) => (
                  <Button
                    key={doc.id}
                    size="small"
                    type="link"
                    icon={<DownloadOutlined />}
                    title={`SM3 ${doc.sm3}`}
                    onClick={() =>
                      downloadSecurityDocument(owner, id, doc.id, t('common.unexpectedError'))
                        .then((blob) => saveBlob(blob, doc.filename))
                        .catch(fail)
                    }
                  >
                    {doc.filename}
                  </Button>
                ))}
              </Space>
            }
          />
        </List.Item>
      )}
    />
  );
}
