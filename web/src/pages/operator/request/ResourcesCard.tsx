// The operator's view of the request's project: its tenant namespace, the cluster it lives on, what is provisioned
// and in which state (with drift, from the scheduled or asked-for drift check), the entitlement used and left; and
// the drift check and repair, each a job whose log is shown as it runs. While a job that changes the tenant is under
// way, neither is offered, and the card says what is under way (正在开通… and the job's latest line) rather than
// that nothing has been delivered.
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Popconfirm, Space, Typography } from 'antd';
import type { JobLogLine } from '../../../api/jobStream';
import { startTenantJob, type Job } from '../../../api/operator';
import type { ProjectResources } from '../../../api/resources';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageState } from '../../../components/PageState';
import { EntitlementTable } from '../../../components/resources/EntitlementTable';
import { ResourceTable } from '../../../components/resources/ResourceTable';
import { ResourceStateTag } from '../../../components/resources/statusTags';
import type { ApiData } from '../../../hooks/useApiData';
import { formatDateTime } from '../../../format/dates';
import { useI18n } from '../../../i18n';
import { JobProgress } from './JobProgress';

const UNDER_WAY = { PROVISION: 'operator.provisioningNow', DEPROVISION: 'operator.deprovisioningNow', REPAIR: 'operator.repairingNow' } as const;

interface Props {
  projectId: string;
  resources: ApiData<ProjectResources>;
  /** the tenant's job that changes what runs, queued or running */
  running: Job | null;
  /** the latest line of its log, as the page streams it */
  lastLine: JobLogLine | null;
}

export function ResourcesCard({ projectId, resources: state, running, lastLine }: Props) {
  const { t } = useI18n();
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(undefined);

  async function start(action: 'drift-check' | 'repair') {
    setError(undefined);
    try {
      setJobId((await startTenantJob(projectId, action)).jobId);
    } catch (err) {
      setError(err);
    }
  }

  return (
    <Card className="zy-card" title={t('operator.resourcesCard')} extra={<Button size="small" onClick={state.reload}>{t('operator.refresh')}</Button>}>
      {error !== undefined && <ErrorAlert error={error} />}
      {jobId && <JobProgress jobId={jobId} onFinished={state.reload} />}
      <PageState state={state}>
        {(res) => (
          <div data-testid="project-resources">
            {running && (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 12 }}
                data-testid="resources-under-way"
                title={t(UNDER_WAY[running.kind as keyof typeof UNDER_WAY] ?? 'operator.provisioningNow')}
                // the job's state is read with the resources (every few seconds); its latest line comes as it is written
                description={lastLine ? t('operator.lastLogLine', { line: lastLine.text }) : undefined}
              />
            )}
            {!running && res.resources.length > 0 && (
              <Space style={{ marginBottom: 12 }}>
                <Button size="small" data-testid="drift-check" onClick={() => void start('drift-check')}>
                  {t('operator.checkDrift')}
                </Button>
                {res.drift && res.drift.length > 0 && (
                  <Popconfirm title={t('operator.repairConfirm')} onConfirm={() => void start('repair')} okButtonProps={{ 'data-testid': 'repair-confirm' } as Record<`data-${string}`, string>}>
                    <Button size="small" danger data-testid="repair">
                      {t('operator.repair')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            )}
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t('operator.namespace')}>
                <code>{res.namespace}</code>
              </Descriptions.Item>
              <Descriptions.Item label={t('operator.cluster')}>
                {res.driver} · {t(res.clusterConnected ? 'operator.clusterConnected' : 'operator.clusterNotConnected')}
              </Descriptions.Item>
              <Descriptions.Item label={t('operator.tenantState')}>
                <span data-testid="tenant-state">
                  <ResourceStateTag state={res.state} />
                </span>
              </Descriptions.Item>
              <Descriptions.Item label={t('operator.driftCheckedAt')}>
                <span data-testid="drift-checked-at">
                  {res.driftCheckedAt ? `${formatDateTime(res.driftCheckedAt)} · ${res.drift && res.drift.length ? `${t('operator.drift')} ${res.drift.length}` : t('operator.noDrift')}` : t('operator.driftNeverChecked')}
                </span>
              </Descriptions.Item>
            </Descriptions>
            {/* nothing delivered yet reads so only when nothing is under way */}
            {(res.resources.length > 0 || !running) && <ResourceTable resources={res} />}
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
