// The annual catalog cost of the lines (catalogCost, the validator's own arithmetic) against the total budget.
import { Card, Progress, Statistic, Flex } from 'antd';
import type { RuleViolation } from '../../../api/errors';
import { formatYuan } from '../../../format/money';
import { useI18n } from '../../../i18n';
import { ViolationHelp } from './ViolationHelp';

export function CostSummary({ cost, budget, budgetViolations }: { cost: number; budget: number | null; budgetViolations: RuleViolation[] }) {
  const { t } = useI18n();
  const share = budget && budget > 0 ? Math.round((cost / budget) * 1000) / 10 : 0;
  const over = budget !== null && cost > budget;
  return (
    <Card size="small" className="zy-card" data-testid="cost-summary">
      <Flex gap={32} wrap align="center">
        <Statistic title={t('lines.totalCost')} value={formatYuan(cost)} styles={over ? { content: { color: '#cf1322' } } : undefined} />
        <Statistic title={t('project.totalBudget')} value={formatYuan(budget)} />
        <div style={{ minWidth: 240, flex: 1 }}>
          <Progress percent={Math.min(100, share)} status={over ? 'exception' : 'normal'} format={() => `${share}%`} aria-label={t('lines.budgetShare')} />
          <span>{t('lines.budgetShareText', { share })}</span>
        </div>
      </Flex>
      {budgetViolations.length > 0 && (
        <div className="zy-line-violations" style={{ marginTop: 12 }}>
          <ViolationHelp violations={budgetViolations} />
        </div>
      )}
    </Card>
  );
}
