// Completion acceptance (Art. 17, 19): the four conditions as evidence, each ticked by the department.
import { useState } from 'react';
import { App, Button, Checkbox, DatePicker, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import { ApiError } from '../../../api/errors';
import { fileAcceptance } from '../../../api/projects';
import { FormError } from '../../../components/FormError';
import { ViolationList } from '../../../components/ViolationList';
import { useI18n } from '../../../i18n';

/** the Art. 17 conditions, in the order the form and the record list them */
export const EVIDENCE = ['dataSharingConnected', 'informationResourcesProvided', 'onGovernmentCloud', 'secureControllableChecked'] as const;

interface Values {
  acceptanceDate: Dayjs;
  evidence: (typeof EVIDENCE)[number][];
  summary: string;
}

export function AcceptanceForm({ projectId, etag, onDone, onStale }: { projectId: string; etag: string | null; onDone(): void; onStale(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  async function onFinish(v: Values) {
    setBusy(true);
    setError(undefined);
    try {
      const evidence = Object.fromEntries(EVIDENCE.map((e) => [e, v.evidence?.includes(e) ?? false])) as Record<(typeof EVIDENCE)[number], boolean>;
      await fileAcceptance(projectId, etag, { acceptanceDate: v.acceptanceDate.format('YYYY-MM-DD'), evidence, summary: v.summary.trim() });
      message.success(t('acceptance.done'));
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.isStale) {
        message.warning(t('common.staleReloaded'));
        onStale();
      } else setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form<Values> form={form} layout="vertical" onFinish={onFinish} style={{ maxWidth: 720 }} initialValues={{ evidence: [] }}>
      {/* the conditions not met as a list; a date that makes no sense on its field */}
      {error instanceof ApiError && error.violations.length > 0 ? <ViolationList violations={error.violations} /> : <FormError form={form} error={error} names={['acceptanceDate', 'summary']} />}
      <Form.Item label={t('acceptance.date')} name="acceptanceDate" rules={[{ required: true, message: t('common.required') }]}>
        <DatePicker />
      </Form.Item>
      <Form.Item label={t('acceptance.evidence')} name="evidence" extra={t('acceptance.evidenceHint')}>
        <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }} options={EVIDENCE.map((e) => ({ value: e, label: t(`acceptance.${e}`) }))} />
      </Form.Item>
      <Form.Item label={t('acceptance.summary')} name="summary" rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
        <Input.TextArea rows={4} maxLength={5000} showCount />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>{t('acceptance.submit')}</Button>
    </Form>
  );
}
