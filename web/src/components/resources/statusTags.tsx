// Tags for resource requests, provisioning jobs and provisioned resources, and a request's items as text:
// one wording for the department portal and the operator console. A request's state is named and coloured by its
// machine (provisioners/request-workflow.ts), a job's by its (provisioners/job-workflow.ts), a resource's by the
// table the server names them from (provisioners/resource-states.ts).
import { Tag } from 'antd';
import { JOB_MACHINE } from '@provisioners/job-workflow';
import { REQUEST_MACHINE } from '@provisioners/request-workflow';
import { RESOURCE_STATE_COLOURS, type ResourceState } from '@provisioners/resource-states';
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

export function ResourceStateTag({ state }: { state: ResourceState }) {
  const { t } = useI18n();
  return (
    <Tag color={RESOURCE_STATE_COLOURS[state]} data-state={state}>
      {t(`operator.res.${state}`)}
    </Tag>
  );
}

export function itemsText(r: Pick<OperatorRequest, 'items'>): string {
  return r.items.map((i) => `${i.planCode} × ${i.quantity}`).join('，');
}
