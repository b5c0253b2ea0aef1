// The sub-center's migration work on one system (Art. 30, 33), offered by the server's own transition table:
// only the actions the system's state allows, each with what it needs — the assessment (strategy, effort, risk,
// target plans from the published catalog, blocking issues), a wave, the project it now runs on, a reason to
// block. Every action sends the system's ETag; a 412 says someone changed it and reloads.
import { useState } from 'react';
import { App, Button, Card, Flex, Typography } from 'antd';
import { MIGRATION_ACTIONS, MIGRATION_TRANSITIONS, type MigrationAction } from '@migration/workflow';
import { ApiError } from '../../../api/errors';
import type { MigrationSystem } from '../../../api/migration';
import { useI18n, type MessageKey } from '../../../i18n';
import { TransitionModal } from './TransitionModal';

/** The actions the state allows; decommissioning before migration only for systems assessed to be retired. */
export function availableActions(s: MigrationSystem): MigrationAction[] {
  return MIGRATION_ACTIONS.filter((a) => {
    if (!MIGRATION_TRANSITIONS[a].from.includes(s.status)) return false;
    if (a === 'decommission' && s.status !== 'MIGRATED') return s.strategy === 'RETIRE';
    if (a === 'plan') return !s.exempt;
    return true;
  });
}

interface Props {
  system: MigrationSystem;
  etag: string | null;
  onDone(): void;
  onStale(): void;
}

export function SystemActions({ system, etag, onDone, onStale }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState<MigrationAction | null>(null);
  const actions = availableActions(system);
  if (actions.length === 0) return null;

  return (
    <Card size="small" className="zy-card" title={t('migrationOps.title')} data-testid="system-actions">
      <Typography.Paragraph type="secondary">{t('migrationOps.hint')}</Typography.Paragraph>
      <Flex gap={8} wrap>
        {actions.map((a) => (
          <Button key={a} danger={a === 'block'} type={a === actions[0] && a !== 'block' ? 'primary' : 'default'} onClick={() => setOpen(a)} data-testid={`action-${a}`}>
            {t(`migration.action.${a}` as MessageKey)}
          </Button>
        ))}
      </Flex>
      {open && (
        <TransitionModal
          action={open}
          system={system}
          etag={etag}
          onClose={() => setOpen(null)}
          onDone={() => {
            void message.success(t('migrationOps.done', { action: t(`migration.action.${open}` as MessageKey) }));
            setOpen(null);
            onDone();
          }}
          onError={(err) => {
            if (err instanceof ApiError && err.isStale) {
              void message.warning(t('common.staleReloaded'));
              setOpen(null);
              onStale();
              return true;
            }
            return false;
          }}
        />
      )}
    </Card>
  );
}
