// Starting a catalog revision (sub-center): a title and optional notes; the draft begins as a copy of the current
// published revision. Only one revision may be open at a time, so the page offers this only when none is.
import { useState } from 'react';
import { App, Button, Form, Input, Modal } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { createDraft } from '../../../../api/catalog';
import { FormError } from '../../../../components/FormError';
import { useI18n } from '../../../../i18n';

const FIELDS = ['title', 'notes'];

export function NewDraftButton({ onCreated }: { onCreated(number: number): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [form] = Form.useForm<{ title: string; notes?: string }>();

  async function submit(values: { title: string; notes?: string }) {
    setBusy(true);
    setError(undefined);
    try {
      const { data } = await createDraft({ title: values.title.trim(), notes: values.notes?.trim() || null });
      void message.success(t('drafting.created', { n: data.number }));
      setOpen(false);
      form.resetFields();
      onCreated(data.number);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="new-draft">
        {t('drafting.new')}
      </Button>
      <Modal
        open={open}
        title={t('drafting.new')}
        okText={t('drafting.create')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'draft-create' } as Record<`data-${string}`, string>}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <FormError form={form} error={error} names={FIELDS} />
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} aria-label={t('drafting.new')}>
          <Form.Item name="title" label={t('drafting.revisionTitle')} rules={[{ required: true, whitespace: true, max: 200 }]}>
            <Input maxLength={200} placeholder={t('drafting.titlePlaceholder')} />
          </Form.Item>
          <Form.Item name="notes" label={t('drafting.notes')}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
