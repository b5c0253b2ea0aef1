// A project's documents with their SM3 checksum; download needs the bearer token.
import { App, Button, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { saveBlob } from '../../api/download';
import { downloadDocument } from '../../api/projects';
import type { ProjectDocument } from '../../api/projects';
import { formatDateTime } from '../../format/dates';
import { useI18n, type MessageKey } from '../../i18n';
import { errorMessage } from '../ErrorAlert';
import { EmptyState } from '../PageState';

export function DocumentList({ projectId, documents }: { projectId: string; documents: ProjectDocument[] }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  if (documents.length === 0) return <EmptyState description={t('documents.none')} />;
  return (
    <Table<ProjectDocument>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={documents}
      data-testid="document-list"
      scroll={{ x: 760 }}
      columns={[
        { title: t('documents.kind'), dataIndex: 'kind', width: 150, render: (k: string) => t(`documentKind.${k}` as MessageKey) },
        { title: t('documents.file'), dataIndex: 'filename' },
        { title: t('documents.size'), dataIndex: 'size', width: 100, render: (n: number) => `${Math.max(1, Math.round(n / 1024))} KB` },
        { title: 'SM3', dataIndex: 'sm3', width: 140, render: (v: string) => <Typography.Text code title={v}>{v.slice(0, 12)}…</Typography.Text> },
        { title: t('documents.uploadedAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
        {
          title: t('common.actions'),
          key: 'dl',
          width: 90,
          render: (_, d) => (
            <Button
              size="small"
              icon={<DownloadOutlined />}
              aria-label={t('documents.download', { name: d.filename })}
              onClick={() =>
                downloadDocument(projectId, d.id, t('common.unexpectedError'))
                  .then((blob) => saveBlob(blob, d.filename))
                  .catch((e: unknown) => message.error(errorMessage(e, t('common.unexpectedError'))))
              }
            />
          ),
        },
      ]}
    />
  );
}
