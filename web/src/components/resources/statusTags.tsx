// Tags for resource requests, provisioning jobs and provisioned resources, and a request's items as text:
// one wording for the department portal and the operator console.
import { Tag } from 'antd';
import type { JobState, OperatorRequest, RequestStatus } from '../../api/operator';
import { useI18n, type MessageKey } from '../../i18n';

const REQUEST_COLORS: Record<RequestStatus, string> = {
  SUBMITTED: 'processing',
  APPROVED: 'cyan',
  RETURNED: 'warning',
  PROVISIONING: 'processing',
  PROVISIONED: 'success',
  FAILED: 'error',
  DEPROVISIONING: 'orange',
  DEPROVISIONED: 'default',
};

const JOB_COLORS: Record<JobState, string> = { QUEUED: 'default', RUNNING: 'processing', SUCCEEDED: 'success', FAILED: 'error' };

export function RequestStatusTag({ status }: { status: RequestStatus }) {
  const { t } = useI18n();
  return <Tag color={REQUEST_COLORS[status] ?? 'default'}>{t(`operator.req.${status}` as MessageKey)}</Tag>;
}

export function JobStateTag({ state }: { state: JobState }) {
  const { t } = useI18n();
  return (
    <Tag color={JOB_COLORS[state] ?? 'default'} data-testid="job-state">
      {t(`operator.job.${state}` as MessageKey)}
    </Tag>
  );
}

const RESOURCE_COLORS: Record<string, string> = {
  PENDING: 'default',
  PROVISIONING: 'processing',
  READY: 'success',
  FAILED: 'error',
  DRIFTED: 'warning',
  DEPROVISIONED: 'default',
  NONE: 'default',
};

export function ResourceStateTag({ state, detail }: { state: string; detail?: string | null }) {
  const { t } = useI18n();
  return (
    <Tag color={RESOURCE_COLORS[state] ?? 'default'} title={detail ?? undefined}>
      {RESOURCE_COLORS[state] ? t(`operator.res.${state}` as MessageKey) : state}
    </Tag>
  );
}

export function itemsText(r: Pick<OperatorRequest, 'items'>): string {
  return r.items.map((i) => `${i.planCode} × ${i.quantity}`).join('，');
}
