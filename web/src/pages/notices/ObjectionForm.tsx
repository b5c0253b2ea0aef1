// Anyone may object to an open notice during its period (Art. 10): name, optional contact, the objection.
import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { raiseObjection } from '../../api/notices';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../format/dates';
import { useI18n } from '../../i18n';

interface Values {
  submitter: string;
  contact?: string;
  content: string;
}

export function ObjectionForm({ noticeId, onDone }: { noticeId: string; onDone(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(undefined);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onFinish(v: Values) {
    setBusy(true);
    setError(undefined);
    try {
      const res = await raiseObjection(noticeId, { submitter: v.submitter.trim(), contact: v.contact?.trim() || undefined, content: v.content.trim() });
      setDone(formatDateTime(res.data.at));
      form.resetFields();
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (done) return <Alert type="success" showIcon role="status" title={t('notices.objectionRecorded', { at: done })} />;
  return (
    <Form<Values> form={form} layout="vertical" onFinish={onFinish} aria-label={t('notices.objectionForm')}>
      {error !== undefined && <ErrorAlert error={error} />}
      <Form.Item label={t('notices.submitter')} name="submitter" rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 100 }]}>
        <Input autoComplete="name" />
      </Form.Item>
      <Form.Item label={t('notices.contact')} name="contact" rules={[{ max: 100 }]} extra={t('notices.contactHint')}>
        <Input autoComplete="tel" />
      </Form.Item>
      <Form.Item label={t('notices.content')} name="content" rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 5000 }]}>
        <Input.TextArea rows={4} showCount maxLength={5000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('notices.submitObjection')}
      </Button>
    </Form>
  );
}
