// The desired-state preview of a request: every object the tenant will have, with the driver's change for each
// (computed by a PREVIEW job in the worker, never in the request, and kept with the job), and the same objects as
// read-only YAML.
import { useState } from 'react';
import { Alert, Button, Card, Table, Tabs, Typography } from 'antd';
import { fetchPreview, fetchPreviewYaml, startPreview, type PreviewObject } from '../../../api/operator';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { EmptyState, PageState } from '../../../components/PageState';
import { useApiData } from '../../../hooks/useApiData';
import { useI18n, type MessageKey } from '../../../i18n';
import { JobProgress } from './JobProgress';

/** `busy`: a job that changes the tenant is under way; no preview is asked for meanwhile. */
export function PreviewCard({ requestId, version, busy }: { requestId: string; version: number; busy: boolean }) {
  const { t } = useI18n();
  const state = useApiData(async (signal) => {
    const [preview, yaml] = await Promise.all([fetchPreview(requestId, signal), fetchPreviewYaml(requestId, signal)]);
    return { preview, yaml };
  }, [requestId, version]);
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [starting, setStarting] = useState(false);

  async function compute() {
    setStarting(true);
    setError(undefined);
    try {
      setJobId((await startPreview(requestId)).jobId);
    } catch (err) {
      setError(err);
    } finally {
      setStarting(false);
    }
  }

  return (
    <Card
      className="zy-card"
      title={t('operator.previewCard')}
      data-testid="preview"
      extra={
        !busy && (
          <Button size="small" data-testid="preview-compute" loading={starting} onClick={() => void compute()}>
            {t('operator.computeChanges')}
          </Button>
        )
      }
    >
      {error !== undefined && <ErrorAlert error={error} />}
      {jobId && <JobProgress jobId={jobId} onFinished={state.reload} />}
      <PageState state={state}>
        {({ preview, yaml }) => {
          const changeOf = preview.changes ? new Map(preview.changes.map((c) => [`${c.kind}/${c.name}`, c.op])) : null;
          const rows = preview.objects.map((o: PreviewObject, i) => ({
            key: `${o.kind}/${o.metadata?.name ?? i}`,
            kind: o.kind,
            name: o.metadata?.name ?? '',
            change: changeOf ? (changeOf.get(`${o.kind}/${o.metadata?.name ?? ''}`) ?? 'same') : 'unknown',
          }));
          return (
            <>
              <Typography.Paragraph strong data-testid="preview-summary">
                {t('operator.previewSummary', { summary: preview.summary.text })}
              </Typography.Paragraph>
              <Typography.Paragraph type="secondary">
                {t('operator.previewHint', { namespace: preview.namespace, driver: preview.driver })}
              </Typography.Paragraph>
              {!preview.changes && <Alert type="info" showIcon data-testid="preview-not-computed" message={t('operator.changesNotComputed')} style={{ marginBottom: 12 }} />}
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
                                return ['create', 'update', 'delete', 'same', 'unknown'].includes(c) ? t(key as MessageKey) : c;
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
