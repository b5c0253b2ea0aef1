// 审核意见表: GIA's review of the project on the five Art. 8 dimensions, its decision and opinion.
import { REVIEW_DIMENSIONS, type Project } from '../../api/projects';
import { formatYuan } from '../../format/money';
import { useI18n, type MessageKey } from '../../i18n';
import { OfficialRecord, RecordGrid, RecordTable } from './OfficialRecord';
import { projectRows } from './projectRows';
import { latestReview } from './records';
import { reviewFrame } from './reviewFrame';

export function ReviewOpinionRecord({ project: p }: { project: Project }) {
  const { t } = useI18n();
  const r = latestReview(p, 'GIA_REVIEW')!;
  return (
    <OfficialRecord {...reviewFrame(p, r, t('print.reviewOpinion.title'), t)}>
      <RecordTable rows={[...projectRows(p, t), [t('print.totalBudget'), formatYuan(p.totalBudget)], [t('print.budgetYear'), p.budgetYear]]} />
      <RecordGrid
        testId="print-dimensions"
        rowHeader
        columns={[t('print.reviewOpinion.dimension'), t('print.reviewOpinion.opinion'), t('print.reviewOpinion.dimComment')]}
        rows={REVIEW_DIMENSIONS.map((d) => {
          const o = r.dimensions[d];
          return [d, t(`review.dim.${d}`), o ? t(`review.opinion.${o.opinion}`) : '—', o?.comment ?? ''];
        })}
      />
      <RecordTable
        testId="print-decision"
        rows={[
          [t('print.decision'), t(`reviews.decision.${r.decision}` as MessageKey)],
          [t('print.comment'), <p className="zy-print-pre">{r.comment ?? '—'}</p>],
        ]}
      />
    </OfficialRecord>
  );
}
