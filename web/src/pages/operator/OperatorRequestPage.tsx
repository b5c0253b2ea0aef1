// One resource request for the sub-center operator: technical review (approve/return with If-Match), the
// desired-state preview (objects by kind/name and the read-only YAML), provisioning with an Idempotency-Key per
// click, deprovisioning with the request code as confirmation, the job's log streamed live, and the project's
// resources with their state (request/RequestWork.tsx); and the request's audit trail, for those who may read it.
import { Card, Descriptions, Space } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { offers } from '../../api/actions';
import { fetchRequest } from '../../api/operator';
import { AuditTrailLink } from '../../components/AuditTrailLink';
import { PageState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { RequestStatusTag, itemsText } from '../../components/resources/statusTags';
import { formatDateTime } from '../../format/dates';
import { useApiData } from '../../hooks/useApiData';
import { useI18n, type MessageKey } from '../../i18n';
import { HandoverPrintButton } from '../print/PrintButtons';
import { RequestWork } from './request/RequestWork';
import { ReviewCard } from './request/ReviewCard';

export function OperatorRequestPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const request = useApiData(async (signal) => {
    const r = await fetchRequest(id, signal);
    return { request: r.data, etag: r.etag };
  }, [id]);

  return (
    <>
      <PageTitle
        title={t('operator.requestTitle', { code: request.data?.request.code ?? '' })}
        extra={
          <Space>
            {request.data && <AuditTrailLink target={{ targetType: 'ResourceRequest', targetId: request.data.request.id }} />}
            <Link to="/operator/requests">{t('operator.back')}</Link>
          </Space>
        }
      />
      <PageState state={request}>
        {({ request: r, etag }) => (
          <>
            <Card className="zy-card" data-testid="request-overview" extra={r.provisioned && <HandoverPrintButton requestId={r.id} />}>
              <Descriptions column={{ xs: 1, md: 2 }} size="small">
                <Descriptions.Item label={t('operator.code')}>{r.code}</Descriptions.Item>
                <Descriptions.Item label={t('operator.project')}>
                  <span data-testid="request-project">{r.project.code} {r.project.name}</span>
                  <div className="zy-muted">{r.project.orgName}</div>
                </Descriptions.Item>
                <Descriptions.Item label={t('operator.approvalNumber')}>{r.project.approvalNumber ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('operator.status')}>
                  <span data-testid="request-status">
                    <RequestStatusTag status={r.status} />
                  </span>
                </Descriptions.Item>
                <Descriptions.Item label={t('operator.items')}>{itemsText(r)}</Descriptions.Item>
                <Descriptions.Item label={t('operator.environment')}>{t(`operator.env.${r.environment}` as MessageKey)}</Descriptions.Item>
                <Descriptions.Item label={t('operator.networkZone')}>{t(`operator.zone.${r.networkZone}` as MessageKey)}</Descriptions.Item>
                <Descriptions.Item label={t('operator.createdAt')}>{formatDateTime(r.createdAt)}</Descriptions.Item>
                <Descriptions.Item label={t('operator.contacts')}>
                  {r.contacts.map((c) => `${c.name} ${c.phone}`).join('；')}
                </Descriptions.Item>
                <Descriptions.Item label={t('operator.sshKeys')}>{r.sshPublicKeys.length}</Descriptions.Item>
                {r.reviewNote && <Descriptions.Item label={t('operator.reviewNote')}>{r.reviewNote}</Descriptions.Item>}
              </Descriptions>
            </Card>
            {offers(r, 'approve') && <ReviewCard request={r} etag={etag} onDone={request.reload} />}
            <RequestWork
              request={r}
              jobId={jobId}
              onStarted={(job) => {
                setParams({ job }, { replace: true });
                // the request is PROVISIONING now: its actions are no longer offered
                request.reload();
              }}
              onChanged={request.reload}
            />
          </>
        )}
      </PageState>
    </>
  );
}
