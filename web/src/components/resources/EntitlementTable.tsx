// What an established project is entitled to (its approved lines), how much requests have drawn and what is left.
import { Progress, Table } from 'antd';
import type { EntitlementUsage } from '../../api/resources';
import { useI18n } from '../../i18n';

export function EntitlementTable({ entitlement }: { entitlement: EntitlementUsage[] }) {
  const { t } = useI18n();
  return (
    <Table<EntitlementUsage>
      size="small"
      rowKey="planCode"
      pagination={false}
      dataSource={entitlement}
      data-testid="entitlement-table"
      locale={{ emptyText: t('resourcesPanel.noEntitlement') }}
      columns={[
        { title: t('lines.plan'), dataIndex: 'planCode' },
        { title: t('resourcesPanel.entitled'), dataIndex: 'entitled', width: 100, align: 'right' },
        { title: t('resourcesPanel.used'), dataIndex: 'used', width: 100, align: 'right' },
        { title: t('resourcesPanel.left'), dataIndex: 'left', width: 100, align: 'right' },
        {
          title: t('resourcesPanel.usage'),
          key: 'usage',
          width: 220,
          render: (_, e) => <Progress percent={e.entitled ? Math.round((e.used / e.entitled) * 100) : 0} size="small" />,
        },
      ]}
    />
  );
}
