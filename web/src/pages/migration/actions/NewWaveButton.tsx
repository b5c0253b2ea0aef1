// The sub-center plans migration in waves: a name, a start and an end date (Shanghai dates), an optional note.
// Systems are then planned into a wave from their drawer; the board shows each wave's progress and overdue ones.
import { useState } from 'react';
import { App, Button, DatePicker, Form, Input } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { createWave } from '../../../api/migration';
import { FormModal } from '../../../components/FormModal';
import { addDays, shanghaiToday } from '../../../format/dates';
import { useI18n } from '../../../i18n';

const FIELDS = ['name', 'startDate', 'endDate', 'description'];

interface Values {
  name: string;
  startDate: Dayjs;
  endDate: Dayjs;
  description?: string;
}

export function NewWaveButton({ onCreated }: { onCreated(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [open, setOpen] = useState(false);
  const today = shanghaiToday();

  async function submit(v: Values) {
    await createWave({
      name: v.name.trim(),
      startDate: v.startDate.format('YYYY-MM-DD'),
      endDate: v.endDate.format('YYYY-MM-DD'),
      ...(v.description?.trim() ? { description: v.description.trim() } : {}),
    });
    void message.success(t('waves.created', { name: v.name.trim() }));
    setOpen(false);
    form.resetFields();
    onCreated();
  }

  return (
    <>
      <Button icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="wave-new">
        {t('waves.new')}
      </Button>
      <FormModal<Values>
        open={open}
        title={t('waves.new')}
        okText={t('waves.create')}
        okTestId="wave-create"
        form={form}
        fields={FIELDS}
        ariaLabel={t('waves.new')}
        initialValues={{ startDate: dayjs(today), endDate: dayjs(addDays(today, 90)) }}
        onCancel={() => setOpen(false)}
        onSubmit={submit}
      >
        <Form.Item name="name" label={t('waves.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={100} placeholder={t('waves.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="startDate" label={t('waves.startDate')} rules={[{ required: true, message: t('common.required') }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item
          name="endDate"
          label={t('waves.endDate')}
          dependencies={['startDate']}
          rules={[
            { required: true, message: t('common.required') },
            ({ getFieldValue }) => ({
              validator: (_, v: Dayjs | undefined) =>
                !v || !getFieldValue('startDate') || !v.isBefore(getFieldValue('startDate'), 'day') ? Promise.resolve() : Promise.reject(new Error(t('waves.endBeforeStart'))),
            }),
          ]}
        >
          <DatePicker />
        </Form.Item>
        <Form.Item name="description" label={t('waves.description')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </FormModal>
    </>
  );
}
