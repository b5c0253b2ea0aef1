// Drawing on the entitlement (POST /api/projects/:id/resource-requests): plans and quantities within what is
// left, environment, network zone, contacts and SSH keys. The server's refusals show next to the item.
import { useState } from 'react';
import { App, Button, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { ApiError } from '../../../api/errors';
import { createResourceRequest } from '../../../api/resources';
import type { EntitlementUsage, ResourceRequestInput } from '../../../api/resources';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ViolationList } from '../../../components/ViolationList';
import { useI18n } from '../../../i18n';

interface Values {
  items: { planCode?: string; quantity?: number }[];
  environment: ResourceRequestInput['environment'];
  networkZone: ResourceRequestInput['networkZone'];
  contacts: { name: string; phone: string; email?: string }[];
  sshKeys?: string;
}

export function ResourceRequestForm({ projectId, entitlement, onCreated }: { projectId: string; entitlement: EntitlementUsage[]; onCreated(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const required = [{ required: true, message: t('common.required') }];
  const available = entitlement.filter((e) => e.left > 0);

  async function onFinish(v: Values) {
    setBusy(true);
    setError(undefined);
    try {
      const body: ResourceRequestInput = {
        items: v.items.map((i) => ({ planCode: i.planCode ?? '', quantity: i.quantity ?? 0 })),
        environment: v.environment,
        networkZone: v.networkZone,
        contacts: v.contacts.map((c) => ({ name: c.name.trim(), phone: c.phone.trim(), ...(c.email?.trim() ? { email: c.email.trim() } : {}) })),
        sshPublicKeys: (v.sshKeys ?? '').split('\n').map((s) => s.trim()).filter(Boolean),
      };
      const res = await createResourceRequest(projectId, body);
      message.success(t('request.created', { code: res.data.code }));
      form.resetFields();
      onCreated();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (available.length === 0) return <Typography.Paragraph type="secondary">{t('request.nothingLeft')}</Typography.Paragraph>;
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      initialValues={{ items: [{}], environment: 'production', networkZone: 'egov-extranet', contacts: [{ name: '', phone: '' }] }}
      style={{ maxWidth: 820 }}
      aria-label={t('request.title')}
    >
      {error instanceof ApiError && error.violations.length > 0 ? <ViolationList violations={error.violations} /> : error !== undefined && <ErrorAlert error={error} />}
      <Form.List name="items">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <Space key={f.key} align="baseline" wrap>
                <Form.Item name={[f.name, 'planCode']} label={t('request.plan', { n: i + 1 })} rules={required}>
                  <Select style={{ width: 300 }} options={available.map((e) => ({ value: e.planCode, label: t('request.planOption', { plan: e.planCode, left: e.left }) }))} />
                </Form.Item>
                <Form.Item name={[f.name, 'quantity']} label={t('lines.quantity')} rules={required}>
                  <InputNumber min={1} precision={0} />
                </Form.Item>
                {fields.length > 1 && <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label={t('request.removeItem', { n: i + 1 })} />}
              </Space>
            ))}
            <Form.Item>
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>{t('request.addItem')}</Button>
            </Form.Item>
          </>
        )}
      </Form.List>
      <Space wrap size={16}>
        <Form.Item label={t('request.environment')} name="environment" rules={required}>
          <Select style={{ width: 180 }} options={[{ value: 'production', label: t('request.env.production') }, { value: 'test', label: t('request.env.test') }]} />
        </Form.Item>
        <Form.Item label={t('request.networkZone')} name="networkZone" rules={required}>
          <Select style={{ width: 220 }} options={[{ value: 'egov-extranet', label: t('request.zone.egov-extranet') }, { value: 'internet', label: t('request.zone.internet') }]} />
        </Form.Item>
      </Space>
      <Form.List name="contacts">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <Space key={f.key} align="baseline" wrap>
                <Form.Item name={[f.name, 'name']} label={t('request.contactName', { n: i + 1 })} rules={[...required, { whitespace: true }]}><Input style={{ width: 160 }} /></Form.Item>
                <Form.Item name={[f.name, 'phone']} label={t('request.contactPhone')} rules={[...required, { pattern: /^[0-9+\-() ]{5,30}$/, message: t('request.phoneInvalid') }]}><Input style={{ width: 180 }} /></Form.Item>
                <Form.Item name={[f.name, 'email']} label={t('request.contactEmail')} rules={[{ type: 'email', message: t('request.emailInvalid') }]}><Input style={{ width: 220 }} /></Form.Item>
                {fields.length > 1 && <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label={t('request.removeContact', { n: i + 1 })} />}
              </Space>
            ))}
            <Form.Item>
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', phone: '' })}>{t('request.addContact')}</Button>
            </Form.Item>
          </>
        )}
      </Form.List>
      <Form.Item label={t('request.sshKeys')} name="sshKeys" extra={t('request.sshKeysHint')}>
        <Input.TextArea rows={3} style={{ fontFamily: 'monospace' }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>{t('request.submit')}</Button>
    </Form>
  );
}
