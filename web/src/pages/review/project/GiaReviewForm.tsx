// GIA's review (Art. 8) on the five dimensions — need, intensiveness, feasibility, budget, performance goals —
// each with an opinion and a comment, then approve, return for revision, or reject.
import { Button, Card, Form, Input, Radio, Space } from 'antd';
import { REVIEW_DIMENSIONS, type Opinion, type ReviewDimension } from '../../../api/projects';
import type { ReviewInput } from '../../../api/projects';
import { useI18n } from '../../../i18n';

type Values = Record<ReviewDimension, { opinion?: Opinion; comment?: string }> & { comment?: string };

export function GiaReviewForm({ busy, onDecide }: { busy: boolean; onDecide(input: ReviewInput): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const required = { required: true, message: t('common.required') };

  async function decide(decision: ReviewInput['decision']) {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const dimensions = Object.fromEntries(REVIEW_DIMENSIONS.map((d) => [d, { opinion: v[d].opinion!, comment: (v[d].comment ?? '').trim() }])) as ReviewInput['dimensions'];
    onDecide({ decision, dimensions, comment: v.comment?.trim() || undefined });
  }

  return (
    <Form<Values> form={form} layout="vertical" aria-label={t('review.formTitle')}>
      {REVIEW_DIMENSIONS.map((d, i) => (
        <Card key={d} size="small" className="zy-card" title={`${i + 1}. ${t(`review.dim.${d}`)}`} data-testid={`dimension-${d}`}>
          <Form.Item label={t('review.opinion')} name={[d, 'opinion']} rules={[required]} extra={t(`review.dimHint.${d}`)}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={(['PASS', 'CONCERN', 'FAIL'] as const).map((o) => ({ value: o, label: t(`review.opinion.${o}`) }))}
            />
          </Form.Item>
          <Form.Item label={t('review.dimComment')} name={[d, 'comment']} rules={[{ ...required, whitespace: true }]} style={{ marginBottom: 0 }}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Card>
      ))}
      <Form.Item label={t('review.overallComment')} name="comment">
        <Input.TextArea rows={3} maxLength={5000} showCount />
      </Form.Item>
      <Space wrap>
        <Button type="primary" loading={busy} onClick={() => void decide('APPROVE')} data-testid="review-approve">
          {t('review.approve')}
        </Button>
        <Button loading={busy} onClick={() => void decide('RETURN')} data-testid="review-return">
          {t('review.return')}
        </Button>
        <Button danger loading={busy} onClick={() => void decide('REJECT')} data-testid="review-reject">
          {t('review.reject')}
        </Button>
      </Space>
    </Form>
  );
}
