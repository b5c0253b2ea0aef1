// The information resource catalog (Art. 27) of a project, read-only.
import { Table, Tag } from 'antd';
import type { InformationResourceInput } from '../../api/types';
import { useI18n } from '../../i18n';

export function InformationResourcesTable({ items }: { items: InformationResourceInput[] }) {
  const { t } = useI18n();
  return (
    <Table<InformationResourceInput>
      size="small"
      rowKey={(r) => `${r.direction}-${r.name}-${r.source}`}
      pagination={false}
      dataSource={items}
      locale={{ emptyText: t('resources.empty') }}
      columns={[
        { title: t('resources.direction'), dataIndex: 'direction', width: 110, render: (v: 'NEEDED' | 'PRODUCED') => <Tag color={v === 'NEEDED' ? 'blue' : 'green'}>{t(`resources.${v}`)}</Tag> },
        { title: t('resources.name'), dataIndex: 'name' },
        { title: t('resources.source'), dataIndex: 'source' },
        { title: t('resources.format'), dataIndex: 'format', width: 100 },
        { title: t('resources.updateFrequency'), dataIndex: 'updateFrequency', width: 100 },
        { title: t('resources.sharing'), dataIndex: 'sharing', width: 120, render: (v: 'UNCONDITIONAL' | 'CONDITIONAL' | 'NOT_SHAREABLE') => t(`resources.sharing.${v}`) },
        { title: t('resources.openness'), dataIndex: 'openness', width: 120, render: (v: 'OPEN' | 'CONDITIONAL' | 'NOT_OPEN') => t(`resources.openness.${v}`) },
      ]}
    />
  );
}
