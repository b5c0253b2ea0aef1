// The sub-center's migration work on one system (Art. 30, 33), offered by the server's own transition table:
// only the actions the system's state allows, each with what it needs — the assessment (strategy, effort, risk,
// target plans from the published catalog, blocking issues), a wave, the project it now runs on, a reason to
// block. Every action sends the system's ETag; a 412 says someone changed it and reloads.
import { useState } from 'react';
import { App, Card, Flex, Typography } from 'antd';
import { MIGRATION_TRANSITION_ACTIONS, type MigrationTransitionAction } from '@migration/workflow';
import { pending, type AllowedAction } from '../../../api/actions';
import { ActionButton } from '../../../components/ActionButton';
import { ApiError } from '../../../api/errors';
import type { MigrationSystem } from '../../../api/migration';
import { useI18n, type MessageKey } from '../../../i18n';
import { TransitionModal } from './TransitionModal';

/** The transitions the server offers on this system, and those its rules hold back (with the reason). */
export function availableActions(s: MigrationSystem): (AllowedAction & { action: MigrationTransitionAction })[] {
  return MIGRATION_TRANSITION_ACTIONS.flatMap((a) => {
    const found = pending(s, a);
    return found ? [{ ...found, action: a }] : [];
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
  const [open, setOpen] = useState<MigrationTransitionAction | null>(null);
  const actions = availableActions(system);
  if (actions.length === 0) return null;

  return (
    <Card size="small" className="zy-card" title={t('migrationOps.title')} data-testid="system-actions">
      <Typography.Paragraph type="secondary">{t('migrationOps.hint')}</Typography.Paragraph>
      <Flex gap={8} wrap>
        {actions.map((allowed) => (
          <ActionButton
            key={allowed.action}
            allowed={allowed}
            danger={allowed.action === 'block'}
            type={allowed.action === actions[0]?.action && allowed.action !== 'block' ? 'primary' : 'default'}
            onClick={() => setOpen(allowed.action)}
            testId={`action-${allowed.action}`}
          >
            {t(`migration.action.${allowed.action}` as MessageKey)}
          </ActionButton>
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
