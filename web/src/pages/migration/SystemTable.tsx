// One page of registered systems: code, name (opens the detail), organisation (readers of all organisations),
// hosting, state, strategy, wave and last change. Paginated by the server.
import type { HTMLAttributes } from 'react';
import { Button, Table } from 'antd';
import type { MigrationSystem, SystemPage } from '../../api/migration';
import { formatDateTime } from '../../format/dates';
import { useI18n, type MessageKey } from '../../i18n';
import { MigrationStatusTag } from './MigrationStatusTag';

interface Props {
  page: SystemPage;
  showOrg: boolean;
  onOpen(system: MigrationSystem): void;
  onPage(page: number): void;
}

export function SystemTable({ page, showOrg, onOpen, onPage }: Props) {
  const { t } = useI18n();
  return (
    <div data-testid="systems-table">
      <Table<MigrationSystem>
        rowKey="id"
        size="middle"
        dataSource={page.items}
        scroll={{ x: true }}
        onRow={(s) => ({ 'data-testid': `system-${s.code}` }) as HTMLAttributes<HTMLElement>}
        pagination={{ current: page.page, pageSize: page.pageSize, total: page.total, onChange: onPage, hideOnSinglePage: true, showSizeChanger: false, showTotal: (total) => t('register.total', { total }) }}
        columns={[
          { title: t('register.field.code'), dataIndex: 'code', render: (c: string) => <code>{c}</code> },
          {
            title: t('register.field.name'),
            dataIndex: 'name',
            render: (name: string, s: MigrationSystem) => (
              <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={() => onOpen(s)} data-testid="system-open">
                {name}
              </Button>
            ),
          },
          ...(showOrg ? [{ title: t('register.field.org'), key: 'org', render: (_: unknown, s: MigrationSystem) => s.org.name }] : []),
          { title: t('register.field.hosting'), dataIndex: 'hosting', render: (h: string) => t(`migration.hosting.${h}` as MessageKey) },
          { title: t('register.field.status'), dataIndex: 'status', render: (_: unknown, s: MigrationSystem) => <MigrationStatusTag status={s.status} /> },
          { title: t('register.field.strategy'), dataIndex: 'strategy', render: (v: string | null) => (v ? t(`migration.strategy.${v}` as MessageKey) : t('board.unassessed')) },
          { title: t('register.field.wave'), key: 'wave', render: (_: unknown, s: MigrationSystem) => s.wave?.name ?? '—' },
          { title: t('register.field.updatedAt'), dataIndex: 'updatedAt', render: (d: string) => <span className="zy-nowrap">{formatDateTime(d)}</span> },
        ]}
      />
    </div>
  );
}
