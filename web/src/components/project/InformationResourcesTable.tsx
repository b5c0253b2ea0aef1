// The information resource catalog (Art. 27) of a project, read-only.
import { Table, Tag } from 'antd';
import type { InformationResource } from '../../api/projects';
import { useI18n } from '../../i18n';

export function InformationResourcesTable({ items }: { items: InformationResource[] }) {
  const { t } = useI18n();
  return (
    <Table<InformationResource>
      size="small"
      rowKey={(r) => `${r.direction}-${r.name}-${r.source}`}
      pagination={false}
      scroll={{ x: 720 }}
      dataSource={items}
      locale={{ emptyText: t('resources.empty') }}
      columns={[
        { title: t('resources.direction'), dataIndex: 'direction', width: 96, render: (v: 'NEEDED' | 'PRODUCED') => <Tag color={v === 'NEEDED' ? 'blue' : 'green'}>{t(`resources.${v}`)}</Tag> },
        { title: t('resources.name'), dataIndex: 'name' },
        { title: t('resources.source'), dataIndex: 'source' },
        { title: t('resources.format'), dataIndex: 'format', width: 80 },
        { title: t('resources.updateFrequency'), dataIndex: 'updateFrequency', width: 90 },
        { title: t('resources.sharing'), dataIndex: 'sharing', width: 100, render: (v: 'UNCONDITIONAL' | 'CONDITIONAL' | 'NOT_SHAREABLE') => t(`resources.sharing.${v}`) },
        { title: t('resources.openness'), dataIndex: 'openness', width: 100, render: (v: 'OPEN' | 'CONDITIONAL' | 'NOT_OPEN') => t(`resources.openness.${v}`) },
      ]}
    />
  );
}
