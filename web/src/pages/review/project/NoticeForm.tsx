// GIA opens the public notice of the fund allocation (Art. 10): from today at the earliest, to an end date.
import { Button, DatePicker, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { NoticeInput } from '../../../api/projects';
import { addDays, shanghaiToday } from '../../../format/dates';
import { useI18n } from '../../../i18n';
import { noEnterSubmit } from '../../../components/noEnterSubmit';

interface Values {
  startDate: Dayjs;
  endDate: Dayjs;
  title?: string;
  content?: string;
}

export function NoticeForm({ busy, onOpen }: { busy: boolean; onOpen(input: NoticeInput): void }) {
  const { t } = useI18n();
  const today = shanghaiToday();
  const required = [{ required: true, message: t('common.required') }];
  return (
    <Form<Values> onKeyDown={noEnterSubmit}
      layout="vertical"
      style={{ maxWidth: 640 }}
      initialValues={{ startDate: dayjs(today), endDate: dayjs(addDays(today, 7)) }}
      aria-label={t('notice.formTitle')}
      onFinish={(v) =>
        onOpen({
          startDate: v.startDate.format('YYYY-MM-DD'),
          endDate: v.endDate.format('YYYY-MM-DD'),
          ...(v.title?.trim() ? { title: v.title.trim() } : {}),
          ...(v.content?.trim() ? { content: v.content.trim() } : {}),
        })
      }
    >
      <Form.Item label={t('notice.startDate')} name="startDate" rules={required}>
        <DatePicker data-testid="notice-start" />
      </Form.Item>
      <Form.Item
        label={t('notice.endDate')}
        name="endDate"
        dependencies={['startDate']}
        rules={[
          ...required,
          ({ getFieldValue }) => ({
            validator: (_, v: Dayjs | undefined) => (!v || !getFieldValue('startDate') || !v.isBefore(getFieldValue('startDate'), 'day') ? Promise.resolve() : Promise.reject(new Error(t('notice.endBeforeStart')))),
          }),
        ]}
      >
        <DatePicker data-testid="notice-end" />
      </Form.Item>
      <Form.Item label={t('notice.titleField')} name="title" extra={t('notice.autoHint')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label={t('notice.content')} name="content">
        <Input.TextArea rows={4} maxLength={5000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="notice-open">{t('notice.open')}</Button>
    </Form>
  );
}
