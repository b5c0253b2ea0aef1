// Asks before an irreversible action: a dialog with what it is and what will happen, answered yes or no. Every
// decision of the console goes through it (reviews, budget, notice, establishment, revisions).
import type { ReactNode } from 'react';
import { App, Typography, type ButtonProps } from 'antd';
import { useI18n } from '../i18n';

/** What an irreversible action asks before it is sent. */
export interface Confirmation {
  title: string;
  summary: ReactNode;
  danger?: boolean;
}

export function useConfirm(): (c: Confirmation) => Promise<boolean> {
  const { modal } = App.useApp();
  const { t } = useI18n();
  return ({ title, summary, danger }) =>
    new Promise<boolean>((resolve) => {
      modal.confirm({
        title,
        content: summary,
        okText: t('confirm.ok'),
        cancelText: t('common.cancel'),
        okButtonProps: { danger, 'data-testid': 'confirm-ok' } as ButtonProps,
        cancelButtonProps: { 'data-testid': 'confirm-cancel' } as ButtonProps,
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      });
    });
}

/** A confirmation's body: what the action is about, what will happen, and the comment that goes with it. */
export function ConfirmSummary({ subject, effect, comment }: { subject: ReactNode; effect: string; comment?: string }) {
  const { t } = useI18n();
  return (
    <div data-testid="confirm-summary">
      <Typography.Paragraph style={{ marginBottom: 8 }}>{subject}</Typography.Paragraph>
      <Typography.Paragraph strong style={{ marginBottom: 8 }}>
        {effect}
      </Typography.Paragraph>
      {comment && <Typography.Paragraph type="secondary">{t('confirm.comment', { comment })}</Typography.Paragraph>}
    </div>
  );
}
