// An API failure as the user should see it: the server's message (in their language), the fields at fault,
// and a retry button where a retry makes sense. Never the raw response.
import { Alert, Button } from 'antd';
import { ApiError } from '../api/errors';
import { useI18n } from '../i18n';

export function errorMessage(error: unknown, fallback: string): string {
  if (error instanceof ApiError) return error.message;
  return fallback;
}

export function ErrorAlert({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const { t } = useI18n();
  const fields = error instanceof ApiError ? error.fields : [];
  const message = errorMessage(error, t('common.unexpectedError'));
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={title ?? message}
      description={
        title || fields.length ? (
          <>
            {title && <div>{message}</div>}
            {fields.length > 0 && (
              <ul className="zy-field-errors">
                {fields.map((f) => (
                  <li key={f.path + f.code}>
                    {f.label}{t('punct.colon')}{f.message}
                  </li>
                ))}
              </ul>
            )}
          </>
        ) : undefined
      }
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
