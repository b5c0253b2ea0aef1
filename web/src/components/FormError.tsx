// A failed form submission as the user should see it: the server's field errors (400 with fields[]) on the
// form fields they concern (dotted paths such as "spec.vcpu" reach nested fields), and the rest — its message, fields the form does not have — in an ErrorAlert.
import { useEffect } from 'react';
import type { FormInstance } from 'antd';
import { ApiError } from '../api/errors';
import { ErrorAlert } from './ErrorAlert';

/** The error without the field errors that `names` (the form's own fields) take. */
export function withoutFields(error: unknown, names: readonly string[]): unknown {
  if (!(error instanceof ApiError) || !error.fields.some((f) => names.includes(f.path))) return error;
  return new ApiError(error.status, error.code, error.message, error.fields.filter((f) => !names.includes(f.path)), error.violations);
}

export function FormError({ form, error, names }: { form: FormInstance; error: unknown; names: readonly string[] }) {
  useEffect(() => {
    if (!(error instanceof ApiError)) return;
    const onFields = names
      .map((name) => ({ name: name.split('.'), errors: error.fields.filter((f) => f.path === name).map((f) => f.message) }))
      .filter((f) => f.errors.length > 0);
    if (onFields.length) form.setFields(onFields);
    // not on `names`: callers pass a new array at every render, and the fields to mark change only with the error
  }, [form, error]);
  if (error === undefined) return null;
  return (
    <div style={{ marginBottom: 12 }}>
      <ErrorAlert error={withoutFields(error, names)} />
    </div>
  );
}
