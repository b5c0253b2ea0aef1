// Starting a catalog revision (sub-center): a title and optional notes; the draft begins as a copy of the current
// published revision. Only one revision may be open at a time, so the page offers this only when none is.
import { useState } from 'react';
import { App, Button, Form, Input } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { createDraft } from '../../../../api/catalog';
import { FormModal } from '../../../../components/FormModal';
import { useI18n } from '../../../../i18n';

const FIELDS = ['title', 'notes'];

interface Values {
  title: string;
  notes?: string;
}

export function NewDraftButton({ onCreated }: { onCreated(number: number): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();

  async function submit(values: Values) {
    const { data } = await createDraft({ title: values.title.trim(), notes: values.notes?.trim() || null });
    void message.success(t('drafting.created', { n: data.number }));
    setOpen(false);
    form.resetFields();
    onCreated(data.number);
  }

  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="new-draft">
        {t('drafting.new')}
      </Button>
      <FormModal<Values>
        open={open}
        title={t('drafting.new')}
        okText={t('drafting.create')}
        okTestId="draft-create"
        form={form}
        fields={FIELDS}
        ariaLabel={t('drafting.new')}
        onCancel={() => setOpen(false)}
        onSubmit={submit}
      >
        <Form.Item name="title" label={t('drafting.revisionTitle')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input maxLength={200} placeholder={t('drafting.titlePlaceholder')} />
        </Form.Item>
        <Form.Item name="notes" label={t('drafting.notes')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </FormModal>
    </>
  );
}
