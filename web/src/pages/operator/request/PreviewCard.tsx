// The desired-state preview of a request: every object the tenant will have, with the driver's change for each,
// and the same objects as read-only YAML.
import { Card, Table, Tabs, Typography } from 'antd';
import { fetchPreview, fetchPreviewYaml, type PreviewObject } from '../../../api/operator';
import { EmptyState, PageState } from '../../../components/PageState';
import { useApiData } from '../../../hooks/useApiData';
import { useI18n, type MessageKey } from '../../../i18n';

export function PreviewCard({ requestId, version }: { requestId: string; version: number }) {
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
