// Step 2: the application documents (project proposal, feasibility study, preliminary design, investment
// estimate). The server checks the content, not the name, and keeps an SM3 checksum of each file.
import { useState } from 'react';
import { App, Button, Card, Col, Row, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { uploadDocument } from '../../../api/projects';
import type { DocumentKind, Project } from '../../../api/projects';
import { errorMessage } from '../../../components/ErrorAlert';
import { DocumentList } from '../../../components/project/DocumentList';
import { useI18n } from '../../../i18n';

const KINDS: DocumentKind[] = ['PROPOSAL', 'FEASIBILITY', 'PRELIMINARY_DESIGN', 'INVESTMENT_ESTIMATE', 'OTHER'];

export function DocumentsStep({ project, onUploaded }: { project: Project; onUploaded(): Promise<void> }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<DocumentKind | null>(null);

  async function upload(kind: DocumentKind, file: File) {
    setBusy(kind);
    try {
      await uploadDocument(project.id, kind, file);
      message.success(t('documents.uploaded', { name: file.name }));
      await onUploaded();
    } catch (err) {
      message.error(errorMessage(err, t('common.unexpectedError')));
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <Typography.Paragraph type="secondary">{t('documents.hint')}</Typography.Paragraph>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        {KINDS.map((kind) => {
          const count = project.documents.filter((d) => d.kind === kind).length;
          return (
            <Col key={kind} xs={24} sm={12} lg={8}>
              <Card size="small" title={t(`documentKind.${kind}`)} extra={count ? t('documents.count', { n: count }) : t('documents.notYet')}>
                <Upload
                  accept=".pdf,.docx,.xlsx,.ofd,.png,.jpg,.jpeg"
                  showUploadList={false}
                  beforeUpload={(file) => {
                    void upload(kind, file);
                    return false;
                  }}
                >
                  <Button icon={<UploadOutlined />} loading={busy === kind} data-testid={`upload-${kind}`}>
                    {t('documents.upload')}
                  </Button>
                </Upload>
              </Card>
            </Col>
          );
        })}
      </Row>
      <DocumentList projectId={project.id} documents={project.documents} />
    </>
  );
}
