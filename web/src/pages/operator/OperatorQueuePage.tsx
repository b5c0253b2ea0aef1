// The sub-center's resource-request queue: requests to review (SUBMITTED), to provision (APPROVED), and in flight;
// searched by request, project or unit and exported as shown, the tab and the search kept in the address.
import { REQUEST_MACHINE } from '@provisioners/request-workflow';
import { Button, Card, Table, Tabs, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { fetchRequestQueue, REQUEST_PAGE_SIZE, type OperatorRequest, type RequestStatus } from '../../api/operator';
import { ListToolbar, useListExport } from '../../components/ListToolbar';
import { PageState, EmptyState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime } from '../../format/dates';
import { useApiData } from '../../hooks/useApiData';
import { serverTable, useListParams } from '../../hooks/useListParams';
import { useI18n, type MessageKey } from '../../i18n';
import { RequestStatusTag, itemsText } from '../../components/resources/statusTags';

const TABS: { key: string; label: MessageKey; status: RequestStatus[] }[] = [
  // what waits for a review, and for provisioning: the states the machine takes those actions from
  { key: 'submitted', label: 'operator.tabSubmitted', status: [...REQUEST_MACHINE.actions.approve.from] },
  { key: 'approved', label: 'operator.tabApproved', status: [...REQUEST_MACHINE.actions.provision.from] },
  { key: 'active', label: 'operator.tabActive', status: ['PROVISIONING', 'PROVISIONED'] },
];

export function OperatorQueuePage() {
  const { t } = useI18n();
  const exportOf = useListExport();
  const [params, setParams] = useSearchParams();
  const list = useListParams([], ['tab']);
  const current = TABS.find((x) => x.key === params.get('tab')) ?? TABS[0]!;
  const query = { ...list.query, status: current.status };
  const state = useApiData((signal) => fetchRequestQueue({ ...query, page: list.page }, signal), [JSON.stringify(query), list.page]);

  const columns = [
    {
      title: t('operator.code'),
      dataIndex: 'code',
      render: (code: string, r: OperatorRequest) => <Link to={`/operator/requests/${r.id}`}>{code}</Link>,
    },
    {
      title: t('operator.project'),
      key: 'project',
      render: (_: unknown, r: OperatorRequest) => (
        <>
          {r.project.name}
          <div className="zy-muted">
            {r.project.code} · {r.project.orgName}
          </div>
        </>
      ),
    },
    { title: t('operator.status'), dataIndex: 'status', render: (s: RequestStatus) => <RequestStatusTag status={s} /> },
    { title: t('operator.items'), key: 'items', render: (_: unknown, r: OperatorRequest) => itemsText(r) },
    { title: t('operator.environment'), dataIndex: 'environment', render: (e: string) => t(`operator.env.${e}` as MessageKey) },
    { title: t('operator.networkZone'), dataIndex: 'networkZone', render: (z: string) => t(`operator.zone.${z}` as MessageKey) },
    { title: t('operator.createdAt'), dataIndex: 'createdAt', render: (d: string) => formatDateTime(d) },
    {
      title: '',
      key: 'open',
      render: (_: unknown, r: OperatorRequest) => (
        <Link to={`/operator/requests/${r.id}`}>
          <Button size="small">{t('operator.open')}</Button>
        </Link>
      ),
    },
  ];

  return (
    <>
      <PageTitle title={t('operator.queueTitle')} extra={<Button onClick={state.reload}>{t('operator.refresh')}</Button>} />
      <Typography.Paragraph type="secondary">{t('operator.queueHint')}</Typography.Paragraph>
      <Card className="zy-card">
        <ListToolbar
          list={list}
          placeholder={t('list.requestSearch')}
          testId="requests"
          exporting={exportOf('/api/resource-requests/export', query, t('list.requestsFile'))}
        />
        <Tabs
          activeKey={current.key}
          onChange={(k) => {
            // another tab keeps the search, from its first page
            const next = new URLSearchParams(params);
            next.set('tab', k);
            next.delete('page');
            setParams(next, { replace: true });
          }}
          items={TABS.map((x) => ({ key: x.key, label: t(x.label) }))}
        />
        <PageState state={state} isEmpty={(d) => d.items.length === 0} empty={<EmptyState description={t('operator.noRequests')} />}>
          {(page) => (
            <div data-testid="operator-queue">
            <Table<OperatorRequest>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={page.items}
              {...serverTable(list, page.total, REQUEST_PAGE_SIZE)}
              scroll={{ x: true }}
            />
            </div>
          )}
        </PageState>
      </Card>
    </>
  );
}
