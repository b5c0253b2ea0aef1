// Provisioning and deprovisioning a request. Provision once approved (or after a failure); deprovision once
// provisioned: the operator types the request code to confirm, as the server asks for data-bearing resources
// (databases, VM disks), because deprovisioning deletes them. Each click is one job (a fresh Idempotency-Key).
import { useState } from 'react';
import { App, Button, Card, Input, Popconfirm, Space, Typography } from 'antd';
import { offers } from '../../../api/actions';
import type { JobLogLine } from '../../../api/jobStream';
import { startJob, type Job, type OperatorRequest } from '../../../api/operator';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useI18n } from '../../../i18n';
import { JobProgress } from './JobProgress';

interface Props {
  request: OperatorRequest;
  jobId: string | null;
  /** the tenant's job that changes what runs, queued or running: nothing else is offered until it ends */
  running: Job | null;
  onStarted(jobId: string): void;
  onFinished(): void;
  /** the job's log moved on */
  onProgress?(line: JobLogLine): void;
}

export function JobCard({ request, jobId, running, onStarted, onFinished, onProgress }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [confirm, setConfirm] = useState('');
  const canProvision = !running && offers(request, 'provision');
  const canDeprovision = !running && offers(request, 'deprovision');

  async function start(action: 'provision' | 'deprovision') {
    setBusy(true);
    setError(undefined);
    try {
      const { jobId: id } = await startJob(request.id, action, action === 'deprovision' ? confirm.trim() : undefined);
      void message.success(t(action === 'provision' ? 'operator.provisionStarted' : 'operator.deprovisionStarted'));
      setConfirm('');
      onStarted(id);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card className="zy-card" title={t('operator.provisionCard')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        {!canProvision && !canDeprovision && !jobId && <Typography.Text type="secondary">{t('operator.notApprovedYet')}</Typography.Text>}
        {running && (
          <Typography.Text type="secondary" data-testid="job-running-hint">
            {t('operator.jobRunningHint')}
          </Typography.Text>
        )}
        {canProvision && (
          <Popconfirm title={t('operator.provisionConfirm')} onConfirm={() => void start('provision')} okButtonProps={{ 'data-testid': 'provision-confirm' } as Record<`data-${string}`, string>}>
            <Button type="primary" data-testid="provision" loading={busy}>
              {t('operator.provision')}
            </Button>
          </Popconfirm>
        )}
        {canDeprovision && (
          <div data-testid="deprovision">
            <Typography.Paragraph type="secondary">{t('operator.deprovisionHint', { code: request.code })}</Typography.Paragraph>
            <label htmlFor="deprovision-confirm">{t('operator.deprovisionConfirmLabel')}</label>
            <Space.Compact style={{ width: '100%', maxWidth: 480 }}>
              <Input id="deprovision-confirm" value={confirm} placeholder={request.code} autoComplete="off" onChange={(e) => setConfirm(e.target.value)} />
              <Button danger data-testid="deprovision-start" loading={busy} disabled={confirm.trim() !== request.code} onClick={() => void start('deprovision')}>
                {t('operator.deprovision')}
              </Button>
            </Space.Compact>
          </div>
        )}
        {error !== undefined && <ErrorAlert error={error} />}
        {jobId && <JobProgress jobId={jobId} onFinished={onFinished} onProgress={onProgress} />}
      </Space>
    </Card>
  );
}
