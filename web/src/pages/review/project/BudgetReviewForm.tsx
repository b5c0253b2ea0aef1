// Finance's budget review (Art. 9): the approved amount and a comment; approve or return.
import { Button, Form, Input, InputNumber, Space, Typography } from 'antd';
import type { BudgetReviewInput } from '../../../api/projects';
import { formatYuan, moneyInput } from '../../../format/money';
import { useI18n } from '../../../i18n';

interface Values {
  approvedAmount: number;
  comment?: string;
}

export function BudgetReviewForm({ requested, catalogCost, busy, onDecide }: { requested: number; catalogCost: number | null; busy: boolean; onDecide(input: BudgetReviewInput): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  async function decide(decision: BudgetReviewInput['decision']) {
    let v: Values;
    try {
      v = decision === 'APPROVE' ? await form.validateFields() : form.getFieldsValue();
    } catch {
      return;
    }
    onDecide({ decision, ...(decision === 'APPROVE' ? { approvedAmount: v.approvedAmount } : {}), comment: v.comment?.trim() || undefined });
  }
  return (
    <Form<Values> form={form} layout="vertical" initialValues={{ approvedAmount: requested }} style={{ maxWidth: 640 }} aria-label={t('budget.title')}>
      <Typography.Paragraph>
        {t('budget.requested')}{t('punct.colon')}<strong className="zy-money">{formatYuan(requested)}</strong>
        {catalogCost !== null && <> · {t('lines.totalCost')}{t('punct.colon')}<strong className="zy-money">{formatYuan(catalogCost)}</strong></>}
      </Typography.Paragraph>
      <Form.Item label={t('budget.approvedAmount')} name="approvedAmount" rules={[{ required: true, message: t('common.required') }]}>
        <InputNumber min={0} precision={2} prefix="¥" style={{ width: 260 }} {...moneyInput} />
      </Form.Item>
      <Form.Item label={t('budget.comment')} name="comment">
        <Input.TextArea rows={3} maxLength={5000} showCount />
      </Form.Item>
      <Space>
        <Button type="primary" loading={busy} onClick={() => void decide('APPROVE')} data-testid="budget-approve">{t('budget.approve')}</Button>
        <Button loading={busy} onClick={() => void decide('RETURN')} data-testid="budget-return">{t('budget.return')}</Button>
      </Space>
    </Form>
  );
}
