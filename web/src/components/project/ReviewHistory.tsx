// Earlier reviews of a project: GIA's five dimensions, Finance's approved amount, decisions and comments.
import { Descriptions, Tag, Timeline, Typography } from 'antd';
import { REVIEW_DIMENSIONS, type ProjectReview } from '../../api/projects';
import { formatDateTime } from '../../format/dates';
import { formatYuan } from '../../format/money';
import { useI18n, type MessageKey } from '../../i18n';
import { EmptyState } from '../PageState';

const DECISION_COLORS: Record<string, string> = { APPROVE: 'green', RETURN: 'orange', REJECT: 'red' };

export function ReviewHistory({ reviews }: { reviews: ProjectReview[] }) {
  const { t } = useI18n();
  if (reviews.length === 0) return <EmptyState description={t('reviews.none')} />;
  return (
    <Timeline
      items={reviews.map((r, i) => ({
        key: i,
        color: DECISION_COLORS[r.decision] ?? 'blue',
        children: (
          <>
            <Typography.Text strong>{t(`reviews.stage.${r.stage}` as MessageKey)}</Typography.Text>{' '}
            <Tag color={DECISION_COLORS[r.decision]}>{t(`reviews.decision.${r.decision}` as MessageKey)}</Tag>
            <Typography.Text type="secondary">{formatDateTime(r.at)}</Typography.Text>
            {r.approvedAmount !== null && <div>{t('reviews.approvedAmount')}{t('punct.colon')}<span className="zy-money">{formatYuan(r.approvedAmount)}</span></div>}
            {r.comment && <div>{t('reviews.comment')}{t('punct.colon')}{r.comment}</div>}
            {r.dimensions && (
              <Descriptions size="small" column={1} style={{ marginTop: 6 }}>
                {REVIEW_DIMENSIONS.filter((d) => r.dimensions?.[d]).map((d) => (
                  <Descriptions.Item key={d} label={t(`review.dim.${d}`)}>
                    <Tag>{t(`review.opinion.${r.dimensions![d]!.opinion}`)}</Tag>
                    {r.dimensions![d]!.comment}
                  </Descriptions.Item>
                ))}
              </Descriptions>
            )}
          </>
        ),
      }))}
    />
  );
}
