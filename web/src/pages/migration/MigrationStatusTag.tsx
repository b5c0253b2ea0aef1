// A registered system's migration state as a coloured tag (the board's state labels).
import { Tag } from 'antd';
import type { MigrationState } from '../../api/migration';
import { useI18n, type MessageKey } from '../../i18n';

const COLORS: Record<MigrationState, string> = {
  REGISTERED: 'default',
  ASSESSED: 'blue',
  PLANNED: 'geekblue',
  MIGRATING: 'processing',
  CUT_OVER: 'gold',
  MIGRATED: 'success',
  DECOMMISSIONED: 'default',
  BLOCKED: 'error',
};

export function MigrationStatusTag({ status }: { status: MigrationState }) {
  const { t } = useI18n();
  return (
    <Tag color={COLORS[status]} data-testid="system-status">
      {t(`migration.status.${status}` as MessageKey)}
    </Tag>
  );
}
