// GIA issues a rectification notice (Art. 24) after an evaluation finds problems: what is to be rectified and
// the date of the notice (today when left empty). The department reports the results within 10 working days.
import { Button, DatePicker, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import type { RectificationInput } from '../../../api/projects';
import { FormError } from '../../../components/FormError';
import { useI18n } from '../../../i18n';
import type { Outcome } from './reviewActions';
import { noEnterSubmit } from '../../../components/noEnterSubmit';

interface Values {
  issues: string;
  issuedDate?: Dayjs | null;
}

export function RectificationForm({ busy, error, onIssue }: { busy: boolean; error: unknown; onIssue(input: RectificationInput): Promise<Outcome> }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();

  async function onFinish(v: Values) {
    const outcome = await onIssue({
      issues: v.issues.trim(),
      ...(v.issuedDate ? { issuedDate: v.issuedDate.format('YYYY-MM-DD') } : {}),
    });
    if (outcome === 'done') form.resetFields();
  }

  return (
    <Form<Values> onKeyDown={noEnterSubmit} form={form} name="rectify" layout="vertical" onFinish={(v) => void onFinish(v)} aria-label={t('rectify.title')}>
      <FormError form={form} error={error} names={['issues', 'issuedDate']} />
      <Form.Item label={t('rectify.issues')} name="issues" extra={t('rectify.issuesHint')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
        <Input.TextArea rows={4} maxLength={5000} showCount data-testid="rectify-issues" />
      </Form.Item>
      <Form.Item label={t('rectify.issuedDate')} name="issuedDate" extra={t('rectify.issuedDateHint')}>
        <DatePicker />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="rectify-submit">
        {t('rectify.submit')}
      </Button>
    </Form>
  );
}
