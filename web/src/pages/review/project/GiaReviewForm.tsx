// GIA's review (Art. 8) on the five dimensions — need, intensiveness, feasibility, budget, performance goals —
// each with an opinion and a comment (standard phrases a click away), then approve, return for revision, or
// reject. What the reviewer has written is kept as their draft on the server until they decide.
import { Button, Card, Form, Input, Radio, Space, Typography } from 'antd';
import * as projectsApi from '../../../api/projects';
import { REVIEW_DIMENSIONS, type GiaReviewDraft, type Opinion, type ReviewDimension } from '../../../api/projects';
import type { ReviewInput } from '../../../api/projects';
import { useI18n } from '../../../i18n';
import { QUICK_PHRASES } from './quickPhrases';
import { DraftStatus, useReviewDraft } from './useReviewDraft';

type Values = Record<ReviewDimension, { opinion?: Opinion; comment?: string }> & { comment?: string };

const draftStore = (projectId: string) => ({
  load: (signal: AbortSignal) => projectsApi.fetchReviewDraft(projectId, signal),
  save: (content: GiaReviewDraft) => projectsApi.saveReviewDraft(projectId, content),
  toDraft: (v: Values): GiaReviewDraft => ({ dimensions: Object.fromEntries(REVIEW_DIMENSIONS.filter((d) => v[d]).map((d) => [d, v[d]])), comment: v.comment }),
  fromDraft: (d: GiaReviewDraft): Partial<Values> => ({ ...d.dimensions, comment: d.comment }),
});

export function GiaReviewForm({ projectId, busy, onDecide }: { projectId: string; busy: boolean; onDecide(input: ReviewInput): void }) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<Values>();
  const draft = useReviewDraft(form, draftStore(projectId));
  const required = { required: true, message: t('common.required') };

  function addPhrase(d: ReviewDimension, phrase: string) {
    const current = (form.getFieldValue([d, 'comment']) as string | undefined)?.trimEnd() ?? '';
    form.setFieldValue([d, 'comment'], current ? `${current}${locale === 'en' ? ' ' : ''}${phrase}` : phrase);
    void form.validateFields([[d, 'comment']]).catch(() => undefined);
    draft.onValuesChange();
  }

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
    <Form<Values> form={form} layout="vertical" aria-label={t('review.formTitle')} onValuesChange={draft.onValuesChange}>
      {REVIEW_DIMENSIONS.map((d, i) => (
        <Card key={d} size="small" className="zy-card" title={`${i + 1}. ${t(`review.dim.${d}`)}`} data-testid={`dimension-${d}`}>
          <Form.Item label={t('review.opinion')} name={[d, 'opinion']} rules={[required]} extra={t(`review.dimHint.${d}`)}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={(['PASS', 'CONCERN', 'FAIL'] as const).map((o) => ({ value: o, label: t(`review.opinion.${o}`) }))}
            />
          </Form.Item>
          <Form.Item label={t('review.dimComment')} name={[d, 'comment']} rules={[{ ...required, whitespace: true }]} style={{ marginBottom: 8 }}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Space size={[4, 4]} wrap data-testid={`phrases-${d}`}>
            <Typography.Text type="secondary">{t('review.quickPhrases')}</Typography.Text>
            {QUICK_PHRASES[d].map((p) => (
              <Button key={p['zh-CN']} size="small" style={{ whiteSpace: 'normal', height: 'auto', textAlign: 'left' }} onClick={() => addPhrase(d, p[locale])}>
                {p[locale]}
              </Button>
            ))}
          </Space>
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
        <DraftStatus status={draft.status} />
      </Space>
    </Form>
  );
}
