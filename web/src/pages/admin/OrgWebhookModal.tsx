// An organisation's webhook (system administrator): its URL and whether it is called; a new one (or a new key)
// shows its signing key once; a test call tells what the receiver answered.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Space, Switch, Typography } from 'antd';
import type { Organisation } from '../../api/admin';
import { ApiError } from '../../api/errors';
import { deleteWebhook, fetchWebhook, saveWebhook, testWebhook, type WebhookTestResult } from '../../api/notificationSettings';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageState } from '../../components/PageState';
import { useApiData } from '../../hooks/useApiData';
import { useI18n } from '../../i18n';

export function OrgWebhookModal({ org, onClose }: { org: Organisation; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const state = useApiData((signal) => fetchWebhook(org.id, signal), [org.id]);
  const [form] = Form.useForm<{ url: string; enabled: boolean; rotateSecret: boolean }>();
  const [secret, setSecret] = useState<string | null>(null);
  const [tested, setTested] = useState<WebhookTestResult | null>(null);
  const [busy, setBusy] = useState<'save' | 'delete' | 'test' | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const hook = state.data?.data;
  useEffect(() => {
    if (hook) form.setFieldsValue({ url: hook.url ?? '', enabled: hook.configured ? hook.enabled : true, rotateSecret: false });
  }, [hook, form]);

  async function run(what: 'save' | 'delete' | 'test', action: () => Promise<void>) {
    setBusy(what);
    setError(undefined);
    try {
      await action();
    } catch (err) {
      if (err instanceof ApiError && err.isStale) {
        void message.warning(t('admin.stale'));
        state.reload();
      } else setError(err);
    } finally {
      setBusy(null);
    }
  }

  const save = (v: { url: string; enabled: boolean; rotateSecret: boolean }) =>
    run('save', async () => {
      const res = await saveWebhook(org.id, hook?.configured ? state.data!.etag : null, { url: v.url.trim(), enabled: v.enabled, ...(v.rotateSecret ? { rotateSecret: true } : {}) });
      setSecret(res.data.secret ?? null);
      state.setData(res);
      void message.success(t('webhook.saved'));
    });

  return (
    <Modal open title={t('webhook.title', { org: org.name })} onCancel={onClose} footer={<Button onClick={onClose}>{t('webhook.close')}</Button>} width={640} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('webhook.hint')}</Typography.Paragraph>
      <PageState state={state}>
        {({ data }) => (
          <Form form={form} layout="vertical" onFinish={(v) => void save(v)} data-testid="webhook-form">
            {!data.configured && <Typography.Paragraph>{t('webhook.notConfigured')}</Typography.Paragraph>}
            <Form.Item name="url" label={t('webhook.url')} rules={[{ required: true, whitespace: true, message: t('admin.required') }]}>
              <Input placeholder="https://relay.example.gov.cn/robot" maxLength={2000} data-testid="webhook-url" />
            </Form.Item>
            <Space size="large">
              <Form.Item name="enabled" label={t('webhook.enabled')} valuePropName="checked">
                <Switch data-testid="webhook-enabled" />
              </Form.Item>
              {data.configured && (
                <Form.Item name="rotateSecret" label={t('webhook.rotate')} valuePropName="checked">
                  <Switch />
                </Form.Item>
              )}
            </Space>
            {secret && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 16 }}
                message={t('webhook.secretOnce')}
                description={<Typography.Text code copyable data-testid="webhook-secret">{secret}</Typography.Text>}
              />
            )}
            {tested && (
              <Alert
                type={tested.ok ? 'success' : 'error'}
                showIcon
                style={{ marginBottom: 16 }}
                data-testid="webhook-test-result"
                message={tested.ok ? t('webhook.testOk', { status: tested.status ?? '', ms: tested.durationMs }) : t('webhook.testFailed', { error: tested.error ?? '' })}
              />
            )}
            {error !== undefined && <ErrorAlert error={error} />}
            <Space>
              <Button type="primary" htmlType="submit" loading={busy === 'save'} data-testid="webhook-save">
                {t('webhook.save')}
              </Button>
              {data.configured && (
                <>
                  <Button loading={busy === 'test'} onClick={() => void run('test', async () => setTested(await testWebhook(org.id)))} data-testid="webhook-test">
                    {t('webhook.test')}
                  </Button>
                  <Button
                    danger
                    loading={busy === 'delete'}
                    onClick={() =>
                      void run('delete', async () => {
                        await deleteWebhook(org.id, state.data!.etag);
                        setSecret(null);
                        setTested(null);
                        void message.success(t('webhook.deleted'));
                        state.reload();
                      })
                    }
                    data-testid="webhook-delete"
                  >
                    {t('webhook.delete')}
                  </Button>
                </>
              )}
            </Space>
          </Form>
        )}
      </PageState>
    </Modal>
  );
}
