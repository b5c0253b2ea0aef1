// The operator's view of the request's project: its tenant namespace, the cluster it lives on, what is provisioned
// and in which state (with drift), and the entitlement used and left.
import { Button, Card, Descriptions, Typography } from 'antd';
import { fetchProjectResources } from '../../../api/resources';
import { PageState } from '../../../components/PageState';
import { EntitlementTable } from '../../../components/resources/EntitlementTable';
import { ResourceTable } from '../../../components/resources/ResourceTable';
import { useApiData } from '../../../hooks/useApiData';
import { useI18n } from '../../../i18n';

export function ResourcesCard({ projectId, refreshKey }: { projectId: string; refreshKey: string }) {
  const { t } = useI18n();
  const state = useApiData((signal) => fetchProjectResources(projectId, signal), [projectId, refreshKey]);
  return (
    <Card className="zy-card" title={t('operator.resourcesCard')} extra={<Button size="small" onClick={state.reload}>{t('operator.refresh')}</Button>}>
      <PageState state={state}>
        {(res) => (
          <div data-testid="project-resources">
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t('operator.namespace')}>
                <code>{res.namespace}</code>
              </Descriptions.Item>
              <Descriptions.Item label={t('operator.cluster')}>
                {res.driver} · {t(res.clusterConnected ? 'operator.clusterConnected' : 'operator.clusterNotConnected')}
              </Descriptions.Item>
            </Descriptions>
            <ResourceTable resources={res} />
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              {t('operator.entitlement')}
            </Typography.Title>
            <EntitlementTable entitlement={res.entitlement} />
          </div>
        )}
      </PageState>
    </Card>
  );
}
