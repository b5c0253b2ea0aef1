// GIA's measures under Art. 23 against a project that refuses to rectify or still falls short: suspend its
// funding, resume it, or terminate the project. Each asks for the reason in a confirm dialog; terminating is
// irreversible and needs an explicit confirmation besides.
import { useState } from 'react';
import { Alert, Button, Checkbox, Form, Input, Modal, Space, Typography } from 'antd';
import { offers, type Actionable } from '../../../api/actions';
import type { GovernAction } from '../../../api/projects';
import { FormError } from '../../../components/FormError';
import { useI18n } from '../../../i18n';
import type { Outcome } from './reviewActions';

const ACTIONS: GovernAction[] = ['suspend', 'resume', 'terminate'];

interface Values {
  reason: string;
  irreversible?: boolean;
}

/** The Art. 23 measures the server offers the reader on this project. */
export function controlActions(project: Actionable): GovernAction[] {
  return ACTIONS.filter((a) => offers(project, a));
}

export function ProjectControlPanel({ project, busy, error, onAct }: { project: Actionable; busy: boolean; error: unknown; onAct(action: GovernAction, reason: string): Promise<Outcome> }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [open, setOpen] = useState<GovernAction | null>(null);
  // the page keeps the last failure; the dialog shows it only for an attempt made since it opened
  const [tried, setTried] = useState(false);
  const available = controlActions(project);

  function show(action: GovernAction) {
    setTried(false);
    setOpen(action);
  }

  async function onFinish(v: Values) {
    if (!open) return;
    setTried(true);
    const outcome = await onAct(open, v.reason.trim());
    if (outcome !== 'failed') setOpen(null);
  }

  return (
    <>
      <Typography.Paragraph type="secondary">{t('control.hint')}</Typography.Paragraph>
      <Space wrap>
        {available.map((a) => (
          <Button key={a} danger={a !== 'resume'} type={a === 'resume' ? 'primary' : 'default'} onClick={() => show(a)} data-testid={`control-${a}`}>
            {t(`control.${a}`)}
          </Button>
        ))}
      </Space>
      <Modal
        open={open !== null}
        title={open ? t(`control.confirmTitle.${open}`) : undefined}
        okText={open ? t(`control.${open}`) : undefined}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: open !== 'resume', ...({ 'data-testid': 'control-confirm' } as Record<`data-${string}`, string>) }}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setOpen(null)}
        afterClose={() => form.resetFields()}
        destroyOnHidden
      >
        {open === 'terminate' && <Alert type="error" showIcon title={t('control.terminateWarning')} style={{ marginBottom: 12 }} />}
        <Form<Values> form={form} name="control" layout="vertical" onFinish={(v) => void onFinish(v)}>
          {tried && <FormError form={form} error={error} names={['reason']} />}
          <Form.Item label={t('control.reason')} name="reason" extra={open ? t(`control.reasonHint.${open}`) : undefined} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input.TextArea rows={3} maxLength={2000} showCount autoFocus />
          </Form.Item>
          {open === 'terminate' && (
            <Form.Item
              name="irreversible"
              valuePropName="checked"
              rules={[{ validator: (_, v: boolean | undefined) => (v ? Promise.resolve() : Promise.reject(new Error(t('control.confirmRequired')))) }]}
            >
              <Checkbox data-testid="terminate-irreversible">{t('control.irreversible')}</Checkbox>
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
