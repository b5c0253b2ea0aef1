// GIA decides on a change request (Art. 15): what changes in the resource lines (current against requested,
// with the reason), then approve — the lines and the entitlement are replaced — or return with a comment.
import { Button, Form, Input, Space, Typography } from 'antd';
import type { ChangeReviewInput } from '../../../api/projects';
import type { Project } from '../../../api/projects';
import { ChangeRequestSummary } from '../../../components/project/ChangeRequestSummary';
import { FormError } from '../../../components/FormError';
import { useI18n } from '../../../i18n';
import type { Outcome } from './reviewActions';

interface Values {
  comment?: string;
}

export function ChangeReviewForm({ project, busy, error, onDecide }: { project: Project; busy: boolean; error: unknown; onDecide(input: ChangeReviewInput): Promise<Outcome> }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();

  async function decide(decision: ChangeReviewInput['decision']) {
    const comment = (form.getFieldValue('comment') as string | undefined)?.trim() ?? '';
    // a return needs a comment: the department has to learn why
    if (decision === 'RETURN' && !comment) {
      form.setFields([{ name: 'comment', errors: [t('changeReview.commentRequired')] }]);
      form.focusField('comment');
      return;
    }
    await onDecide({ decision, ...(comment ? { comment } : {}) });
  }

  return (
    <>
      <ChangeRequestSummary project={project} />
      <Form<Values> form={form} name="change-review" layout="vertical" style={{ marginTop: 16, maxWidth: 720 }} aria-label={t('changeReview.title')}>
        <FormError form={form} error={error} names={['comment']} />
        <Form.Item label={t('changeReview.comment')} name="comment">
          <Input.TextArea rows={3} maxLength={5000} showCount />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t('changeReview.approveHint')}</Typography.Paragraph>
        <Space wrap>
          <Button type="primary" loading={busy} onClick={() => void decide('APPROVE')} data-testid="change-approve">
            {t('changeReview.approve')}
          </Button>
          <Button loading={busy} onClick={() => void decide('RETURN')} data-testid="change-return">
            {t('changeReview.return')}
          </Button>
        </Space>
      </Form>
    </>
  );
}
