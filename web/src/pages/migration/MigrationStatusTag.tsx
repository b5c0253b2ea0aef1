// A registered system's migration state as a coloured tag (the board's state labels).
import { Tag } from 'antd';
import { MIGRATION_MACHINE } from '@migration/workflow';
import type { MigrationState } from '../../api/migration';
import { useI18n, type MessageKey } from '../../i18n';

export function MigrationStatusTag({ status }: { status: MigrationState }) {
  const { t } = useI18n();
  return (
    <Tag color={MIGRATION_MACHINE.stateColours[status]} data-testid="system-status">
      {t(`migration.status.${status}` as MessageKey)}
    </Tag>
  );
}
