// What a project's budget is made of, for those who judge it: the cloud resources priced from the catalog against
// everything else (construction, development, operation), as figures and a small chart, and the budget by year.
import { Col, Descriptions, Row, Table } from 'antd';
import { catalogCost } from '@projects/validation';
import type { CatalogView } from '../../api/catalog';
import type { Project } from '../../api/projects';
import { formatYuan } from '../../format/money';
import { useI18n } from '../../i18n';
import { EChart } from '../EChart';

export function BudgetBreakdown({ project: p, view }: { project: Project; view: CatalogView | undefined }) {
  const { t } = useI18n();
  const cloud = view ? catalogCost(p.lines, view).total : null;
  const other = cloud === null ? null : Math.max(p.totalBudget - cloud, 0);
  const share = (n: number) => (p.totalBudget > 0 ? `${((n / p.totalBudget) * 100).toFixed(1)}%` : '—');
  return (
    <Row gutter={16} data-testid="budget-breakdown">
      <Col xs={24} md={14}>
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('budgetBreakdown.total')}>{formatYuan(p.totalBudget)}</Descriptions.Item>
          <Descriptions.Item label={t('budgetBreakdown.cloud')}>
            <span data-testid="budget-cloud">{cloud === null ? '—' : `${formatYuan(cloud)}（${share(cloud)}）`}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('budgetBreakdown.other')}>
            <span data-testid="budget-other">{other === null ? '—' : `${formatYuan(other)}（${share(other)}）`}</span>
          </Descriptions.Item>
          {p.approvedBudget !== null && <Descriptions.Item label={t('budgetBreakdown.approved')}>{formatYuan(p.approvedBudget)}</Descriptions.Item>}
        </Descriptions>
        {p.yearlyBudgets.length > 0 && (
          <Table
            style={{ marginTop: 12 }}
            size="small"
            pagination={false}
            rowKey="year"
            dataSource={p.yearlyBudgets}
            data-testid="budget-years"
            columns={[
              { title: t('budgetBreakdown.year'), dataIndex: 'year' },
              { title: t('budgetBreakdown.amount'), dataIndex: 'amount', align: 'right', render: (a: number) => <span className="zy-money">{formatYuan(a)}</span> },
            ]}
          />
        )}
      </Col>
      <Col xs={24} md={10}>
        {cloud !== null && other !== null && (
          <EChart
            height={200}
            label={t('budgetBreakdown.chart')}
            testId="budget-chart"
            option={{
              tooltip: { trigger: 'item', valueFormatter: (v: number) => formatYuan(v) },
              series: [
                {
                  type: 'pie',
                  radius: ['40%', '70%'],
                  data: [
                    { name: t('budgetBreakdown.cloudShort'), value: cloud },
                    { name: t('budgetBreakdown.otherShort'), value: other },
                  ],
                },
              ],
            }}
          />
        )}
      </Col>
    </Row>
  );
}
