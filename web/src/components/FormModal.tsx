// A form in a dialog, done one way across the console: OK submits the form (its own validation first); while the
// call runs the button spins; a failure stays in the dialog (field errors on their fields, the rest above the
// form, via FormError) unless the caller handles it (e.g. a stale ETag it reloads for); closing after success is
// the caller's. The error is cleared each time the dialog opens.
import { useEffect, useState, type ReactNode } from 'react';
import { Form, Modal, type FormInstance } from 'antd';
import { useI18n } from '../i18n';
import { FormError } from './FormError';

interface Props<V> {
  open: boolean;
  title: ReactNode;
  okText: string;
  /** data-testid of the OK button */
  okTestId: string;
  danger?: boolean;
  width?: number;
  form: FormInstance<V>;
  /** the form's field names (dotted for nested ones): the server's field errors go next to these */
  fields: readonly string[];
  ariaLabel: string;
  initialValues?: Partial<V>;
  onCancel(): void;
  /** the call; throws on failure */
  onSubmit(values: V): Promise<void>;
  /** true when the caller dealt with the failure itself; the dialog then shows nothing */
  handled?(error: unknown): boolean;
  children: ReactNode;
}

export function FormModal<V>({ open, title, okText, okTestId, danger, width, form, fields, ariaLabel, initialValues, onCancel, onSubmit, handled, children }: Props<V>) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  useEffect(() => {
    if (open) setError(undefined);
  }, [open]);

  async function submit(values: V) {
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit(values);
    } catch (err) {
      if (!handled?.(err)) setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger, 'data-testid': okTestId } as Record<`data-${string}`, string>}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
      width={width}
    >
      <FormError form={form} error={error} names={fields} />
      <Form<V> form={form} layout="vertical" onFinish={(v) => void submit(v)} aria-label={ariaLabel} initialValues={initialValues as never}>
        {children}
      </Form>
    </Modal>
  );
}
