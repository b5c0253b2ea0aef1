// 预算评审意见: Finance's review of the project's budget, the amount it approved and its opinion.
import type { Project } from '../../api/projects';
import { formatYuan } from '../../format/money';
import { useI18n, type MessageKey } from '../../i18n';
import { OfficialRecord, RecordTable } from './OfficialRecord';
import { projectRows } from './projectRows';
import { latestReview } from './records';
import { reviewFrame } from './reviewFrame';

export function BudgetOpinionRecord({ project: p }: { project: Project }) {
  const { t } = useI18n();
  const r = latestReview(p, 'BUDGET_REVIEW')!;
  return (
    <OfficialRecord {...reviewFrame(p, r, t('print.budgetOpinion.title'), t)}>
      <RecordTable
        testId="print-decision"
        rows={[
          ...projectRows(p, t),
          [t('print.budgetYear'), p.budgetYear],
          [t('print.totalBudget'), formatYuan(p.totalBudget)],
          [t('print.budgetOpinion.approvedAmount'), <span data-testid="print-approved-amount">{formatYuan(r.approvedAmount)}</span>],
          [t('print.decision'), t(`reviews.decision.${r.decision}` as MessageKey)],
          [t('print.comment'), <p className="zy-print-pre">{r.comment ?? '—'}</p>],
        ]}
      />
    </OfficialRecord>
  );
}
