// Tags for resource requests, provisioning jobs and provisioned resources, and a request's items as text:
// one wording for the department portal and the operator console. A request's state is named and coloured by its
// machine (provisioners/request-workflow.ts), a job's by its (provisioners/job-workflow.ts).
import { Tag } from 'antd';
import { JOB_MACHINE } from '@provisioners/job-workflow';
import { REQUEST_MACHINE } from '@provisioners/request-workflow';
import type { JobState, OperatorRequest, RequestStatus } from '../../api/operator';
import { useI18n, type MessageKey } from '../../i18n';

export function RequestStatusTag({ status }: { status: RequestStatus }) {
  const { t } = useI18n();
  return <Tag color={REQUEST_MACHINE.stateColours[status] ?? 'default'}>{t(`operator.req.${status}` as MessageKey)}</Tag>;
}

export function JobStateTag({ state }: { state: JobState }) {
  const { t } = useI18n();
  return (
    <Tag color={JOB_MACHINE.stateColours[state] ?? 'default'} data-testid="job-state">
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
