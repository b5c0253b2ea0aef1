// One open objection to a public notice (Art. 10) — who raised it, when, what it says — and the form on which
// GIA records how it was resolved. The project cannot be established while an objection is open.
import { Button, Form, Input, Typography } from 'antd';
import type { Objection } from '../../../api/projects';
import { FormError } from '../../../components/FormError';
import { formatDateTime } from '../../../format/dates';
import { useI18n } from '../../../i18n';
import type { Outcome } from './reviewActions';

interface Values {
  resolution: string;
}

export function ObjectionResolveForm({ objection: o, n, busy, error, onResolve }: { objection: Objection; n: number; busy: boolean; error: unknown; onResolve(resolution: string): Promise<Outcome> }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const id = `objection-${o.id}`;
  return (
    <section aria-labelledby={`${id}-title`} data-testid={`objection-${n}`} style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 12, marginBottom: 12 }}>
      <Typography.Text strong id={`${id}-title`}>{t('objections.item', { n })}</Typography.Text>
      <div>
        <Typography.Text type="secondary">{t('objections.raisedBy', { submitter: o.submitter, at: formatDateTime(o.at) })}</Typography.Text>
      </div>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 6 }} data-testid="objection-content">{o.content}</Typography.Paragraph>
      <Form<Values> form={form} name={id} layout="vertical" onFinish={(v) => void onResolve(v.resolution.trim())} aria-labelledby={`${id}-title`}>
        <FormError form={form} error={error} names={['resolution']} />
        <Form.Item label={t('objections.resolution')} name="resolution" extra={t('objections.resolutionHint')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input.TextArea rows={3} maxLength={5000} showCount />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="objection-resolve">
          {t('objections.resolve')}
        </Button>
      </Form>
    </section>
  );
}
