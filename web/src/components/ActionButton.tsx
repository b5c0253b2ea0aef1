// A button for an action the server lists in an object's allowedActions: enabled as the server says, and when not,
// disabled with the server's reason (and the article it enforces) on hover.
import type { ReactNode } from 'react';
import { Button, Tooltip, type ButtonProps } from 'antd';
import type { AllowedAction } from '../api/actions';

interface Props extends Pick<ButtonProps, 'type' | 'danger' | 'loading' | 'onClick'> {
  allowed: AllowedAction;
  testId?: string;
  children: ReactNode;
}

export function ActionButton({ allowed, testId, children, ...button }: Props) {
  const reason = allowed.reason ? `${allowed.reason.message}（${allowed.reason.article}）` : undefined;
  return (
    <Tooltip title={reason}>
      <Button {...button} disabled={!allowed.enabled} data-testid={testId}>
        {children}
      </Button>
    </Tooltip>
  );
}
