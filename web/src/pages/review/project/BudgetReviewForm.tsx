// Finance's budget review (Art. 9): the approved amount and a comment; approve or return. What the reviewer has
// written is kept as their draft on the server until they decide.
import { Button, Form, Input, InputNumber, Space, Typography } from 'antd';
import * as projectsApi from '../../../api/projects';
import type { BudgetReviewDraft, BudgetReviewInput } from '../../../api/projects';
import { formatYuan, moneyInput } from '../../../format/money';
import { useI18n } from '../../../i18n';
import { DraftStatus, useReviewDraft } from './useReviewDraft';

interface Values {
  approvedAmount: number;
  comment?: string;
}

const draftStore = (projectId: string) => ({
  load: (signal: AbortSignal) => projectsApi.fetchBudgetReviewDraft(projectId, signal),
  save: (content: BudgetReviewDraft) => projectsApi.saveBudgetReviewDraft(projectId, content),
  toDraft: (v: Values): BudgetReviewDraft => ({ approvedAmount: v.approvedAmount ?? null, comment: v.comment }),
  fromDraft: (d: BudgetReviewDraft): Partial<Values> => ({ ...(d.approvedAmount != null ? { approvedAmount: d.approvedAmount } : {}), comment: d.comment }),
});

export function BudgetReviewForm({ projectId, requested, catalogCost, busy, onDecide }: { projectId: string; requested: number; catalogCost: number | null; busy: boolean; onDecide(input: BudgetReviewInput): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const draft = useReviewDraft(form, draftStore(projectId));
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
    <Form<Values> form={form} layout="vertical" initialValues={{ approvedAmount: requested }} style={{ maxWidth: 640 }} aria-label={t('budget.title')} onValuesChange={draft.onValuesChange}>
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
        <DraftStatus status={draft.status} />
      </Space>
    </Form>
  );
}
