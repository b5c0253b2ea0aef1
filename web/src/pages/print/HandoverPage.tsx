// /print/requests/:id/handover — 交付单: what the sub-center delivered for a provisioned resource request (the plans
// and quantities, and the namespace with its quota, the VMs and the databases it provisioned), for which project
// and approval number, by which operator and when. Read from GET /api/resource-requests/:id and the project's
// resources; whoever may read the request may print it.
import { useParams } from 'react-router-dom';
import { findPlan } from '@catalog/view';
import { objectName } from '@provisioners/object-names';
import { fetchRequest, type OperatorRequest } from '../../api/operator';
import { fetchProjectResources, type EntitlementUsage, type ProvisionedResource } from '../../api/resources';
import { useApiData } from '../../hooks/useApiData';
import { useCatalogView } from '../../hooks/useCatalogView';
import { useI18n, type MessageKey } from '../../i18n';
import { NoRecord, OfficialRecord, RecordGrid, RecordState, RecordTable } from './OfficialRecord';

export function HandoverPage() {
  const { id = '' } = useParams();
  const state = useApiData(async (signal) => {
    const request = (await fetchRequest(id, signal)).data;
    const resources = request.provisioned ? await fetchProjectResources(request.projectId, signal) : null;
    // what the request brought, and the tenant's own objects (its namespace, with the quota of the entitlement)
    return {
      request,
      delivered: resources?.resources.filter((r) => r.requestId === request.id || r.requestId === null) ?? [],
      quota: resources?.entitlement ?? [],
    };
  }, [id]);
  const { t } = useI18n();
  return (
    <RecordState state={state}>
      {({ request, delivered, quota }) =>
        request.provisioned ? <Handover request={request} delivered={delivered} quota={quota} provisioned={request.provisioned} /> : <NoRecord hint={t('print.handover.notProvisioned')} />
      }
    </RecordState>
  );
}

interface HandoverProps {
  request: OperatorRequest;
  delivered: ProvisionedResource[];
  /** the namespace's quota is the project's entitlement: what it may hold, and what it holds now */
  quota: EntitlementUsage[];
  provisioned: NonNullable<OperatorRequest['provisioned']>;
}

function Handover({ request: r, delivered, quota, provisioned }: HandoverProps) {
  const { t, locale } = useI18n();
  const catalog = useCatalogView(undefined);
  const planName = (code: string) => {
    const f = catalog.data ? findPlan(catalog.data, code) : undefined;
    return f ? `${locale === 'en' ? (f.plan.nameEn ?? f.plan.name) : f.plan.name}（${code}）` : code;
  };
  return (
    <OfficialRecord
      head={{ title: t('print.handover.title'), number: r.code, organisation: provisioned.orgName, date: provisioned.at }}
      signatures={[{ role: t('print.handover.operator'), name: provisioned.operator }, { role: t('print.handover.receiver') }]}
      seals={[
        { org: provisioned.orgName, date: provisioned.at },
        { org: r.project.orgName, date: provisioned.at },
      ]}
    >
      <RecordTable
        testId="print-decision"
        rows={[
          [t('print.handover.requestCode'), r.code],
          [t('print.project'), r.project.name],
          [t('print.projectCode'), <span data-testid="print-project-code">{r.project.code}</span>],
          [t('print.approvalNumber'), <span data-testid="print-approval-number">{r.project.approvalNumber ?? '—'}</span>],
          [t('print.handover.recipient'), r.project.orgName],
          [t('print.handover.environment'), `${t(`operator.env.${r.environment}` as MessageKey)} / ${t(`operator.zone.${r.networkZone}` as MessageKey)}`],
        ]}
      />
      <RecordGrid
        testId="print-items"
        caption={t('print.handover.items')}
        columns={[t('print.handover.plan'), t('print.handover.quantity')]}
        rows={r.items.map((i) => [i.planCode, planName(i.planCode), i.quantity])}
      />
      <RecordGrid
        testId="print-objects"
        caption={t('print.handover.objects')}
        columns={[t('print.handover.kind'), t('print.handover.name'), t('print.handover.namespace'), t('print.handover.plan'), t('print.handover.state')]}
        rows={delivered.map((d) => [d.id, objectName(d.kind, locale), d.name, d.namespace, d.planCode ?? '—', t(`operator.res.${d.state}` as MessageKey)])}
      />
      <RecordGrid
        testId="print-quota"
        caption={t('print.handover.quota')}
        columns={[t('print.handover.plan'), t('print.handover.entitled'), t('print.handover.used')]}
        rows={quota.map((q) => [q.planCode, planName(q.planCode), q.entitled, q.used])}
      />
    </OfficialRecord>
  );
}
